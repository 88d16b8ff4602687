from django.urls import path

from partnerships import agreement_pdf as lc_pdf
from partnerships import views
from partnerships import views_lifecycle as lc

# Mounted by iop/urls.py under the namespace "partnerships", together with the pages that gather
# several apps (the overview, the panel tabs and the history: iop/pages/).

urlpatterns = [
    path("", views.partnership_list, name="list"),
    path("ny/", views.partnership_create, name="create"),
    path("<int:pk>/andra/", views.partnership_edit, name="edit"),
    path("<int:pk>/avtalstext/", views.partnership_agreement_text, name="agreement_text"),
    path("<int:pk>/mal/ny/", views.goal_create, name="goal_create"),
    path("mal/<int:pk>/andra/", views.goal_edit, name="goal_edit"),
    path("mal/<int:pk>/ta-bort/", views.goal_delete, name="goal_delete"),
    path("<int:pk>/avsnitt/ny/", views.clause_create, name="clause_create"),
    path("avsnitt/<int:pk>/andra/", views.clause_edit, name="clause_edit"),
    path("avsnitt/<int:pk>/ta-bort/", views.clause_delete, name="clause_delete"),
    path("<int:pk>/parter/ny/", views.participation_create, name="participation_create"),
    path("parter/<int:pk>/andra/", views.participation_edit, name="participation_edit"),
    path("<int:pk>/bilagor/ny/", views.annex_create, name="annex_create"),
    path("bilagor/<int:pk>/", views.annex_detail, name="annex_detail"),
    path("bilagor/<int:pk>/andra/", views.annex_edit, name="annex_edit"),
    path("bilagor/<int:pk>/ataganden/ny/", views.commitment_create, name="commitment_create"),
    path("ataganden/<int:pk>/andra/", views.commitment_edit, name="commitment_edit"),
    path("ataganden/<int:pk>/ta-bort/", views.commitment_delete, name="commitment_delete"),
    path("bilagor/<int:pk>/ersattning/ny/", views.compensation_create, name="compensation_create"),
    path("ersattning/<int:pk>/andra/", views.compensation_edit, name="compensation_edit"),
    path("ersattning/<int:pk>/ta-bort/", views.compensation_delete, name="compensation_delete"),
    # Lifecycle
    path("<int:pk>/steg/", lc.lifecycle_step, name="lifecycle_step"),
    path("<int:pk>/som-det-sag-ut/", lc.partnership_as_of_view, name="as_of"),
    path("<int:pk>/avtal.pdf", lc_pdf.agreement_pdf, name="agreement_pdf"),
    path("<int:pk>/namndarenden/ny/", lc.committee_case_create, name="committee_case_create"),
    path("namndarenden/<int:pk>/andra/", lc.committee_case_edit, name="committee_case_edit"),
    path(
        "namndarenden/<int:pk>/beslut/ny/",
        lc.committee_decision_create,
        name="committee_decision_create",
    ),
    path("beslut/<int:pk>/andra/", lc.committee_decision_edit, name="committee_decision_edit"),
    path("beslut/<int:pk>/delegationer/ny/", lc.delegation_create, name="delegation_create"),
    path("delegationer/<int:pk>/andra/", lc.delegation_edit, name="delegation_edit"),
    path("delegationer/<int:pk>/ta-bort/", lc.delegation_delete, name="delegation_delete"),
    path("<int:pk>/parter/intrade/", lc.party_join, name="party_join"),
    path("<int:pk>/uppsagningar/ny/", lc.notice_create, name="notice_create"),
    path("<int:pk>/forlangning/", lc.extension_agree, name="extension_agree"),
    path("<int:pk>/andringar/ny/", lc.amendment_create, name="amendment_create"),
    path("andringar/<int:pk>/", lc.amendment_detail, name="amendment_detail"),
    path("andringar/<int:pk>/andra/", lc.amendment_edit, name="amendment_edit"),
    path("andringar/<int:pk>/skicka/", lc.amendment_submit, name="amendment_submit"),
    path("andringar/<int:pk>/aterkalla/", lc.amendment_withdraw, name="amendment_withdraw"),
    path("<int:pk>/underskrifter/ny/", lc.signature_create, name="signature_create"),
    path("underskrifter/<int:pk>/ratta/", lc.signature_correct, name="signature_correct"),
    path("underskrifter/<int:pk>/ta-bort/", lc.signature_delete, name="signature_delete"),
    path("underskrifter/<int:pk>/skanning/", lc.signature_scan, name="signature_scan"),
    path("bilagor/<int:pk>/utbetalningsplan/", lc.payment_plan_edit, name="payment_plan_edit"),
    path("utbetalningar/<int:pk>/utbetald/", lc.payment_paid, name="payment_paid"),
    path("utbetalningar/<int:pk>/stoppa/", lc.payment_stop, name="payment_stop"),
    path("bilagor/<int:pk>/aterkrav/ny/", lc.repayment_claim_create, name="repayment_claim_create"),
    path("bilagor/<int:pk>/medfinansiering/", lc.co_financing_edit, name="co_financing_edit"),
    path("organisationer/", views.organisation_list, name="organisation_list"),
    path("organisationer/ny/", views.organisation_create, name="organisation_create"),
    path("organisationer/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisationer/<int:pk>/andra/", views.organisation_edit, name="organisation_edit"),
]
