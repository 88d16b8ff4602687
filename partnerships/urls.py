from django.urls import path

from partnerships import agreement_pdf as lc_pdf
from partnerships.views import (
    accounting,
    amendments,
    annexes,
    corrections,
    esign,
    import_attachments,
    imports,
    lifecycle,
    money,
    organisations,
    publicity,
    register,
    register_list,
    state_aid,
)

# Mounted by iop/urls.py under the namespace "partnerships", together with the pages that gather
# several apps (the overview, the panel tabs and the history: iop/pages/).

urlpatterns = [
    path("", register_list.partnership_list, name="list"),
    path("ny/", register.partnership_create, name="create"),
    path("importera/", imports.import_upload, name="import_upload"),
    path("importera/<int:pk>/original/", imports.import_original, name="import_original"),
    path(
        "importera/<int:pk>/filer/ny/",
        import_attachments.import_attachment_add,
        name="import_attachment_add",
    ),
    path(
        "importera/filer/<int:pk>/",
        import_attachments.import_attachment_download,
        name="import_attachment",
    ),
    path("<int:pk>/andra/", register.partnership_edit, name="edit"),
    path("<int:pk>/avtalstext/", register.partnership_agreement_text, name="agreement_text"),
    path("<int:pk>/sekretess/", publicity.partnership_secrecy, name="secrecy"),
    path("<int:pk>/rattelse/", corrections.partnership_correct, name="partnership_correct"),
    path("<int:pk>/mal/ny/", register.goal_create, name="goal_create"),
    path("mal/<int:pk>/andra/", register.goal_edit, name="goal_edit"),
    path("mal/<int:pk>/ta-bort/", register.goal_delete, name="goal_delete"),
    path("<int:pk>/avsnitt/ny/", register.clause_create, name="clause_create"),
    path("avsnitt/<int:pk>/andra/", register.clause_edit, name="clause_edit"),
    path("avsnitt/<int:pk>/ta-bort/", register.clause_delete, name="clause_delete"),
    path("<int:pk>/parter/ny/", register.participation_create, name="participation_create"),
    path("parter/<int:pk>/andra/", register.participation_edit, name="participation_edit"),
    path("<int:pk>/bilagor/ny/", annexes.annex_create, name="annex_create"),
    path("bilagor/<int:pk>/", annexes.annex_detail, name="annex_detail"),
    path("bilagor/<int:pk>/andra/", annexes.annex_edit, name="annex_edit"),
    path("bilagor/<int:pk>/rattelse/", corrections.annex_correct, name="annex_correct"),
    path("bilagor/<int:pk>/ataganden/ny/", annexes.commitment_create, name="commitment_create"),
    path("ataganden/<int:pk>/andra/", annexes.commitment_edit, name="commitment_edit"),
    path("ataganden/<int:pk>/ta-bort/", annexes.commitment_delete, name="commitment_delete"),
    path(
        "bilagor/<int:pk>/ersattning/ny/", annexes.compensation_create, name="compensation_create"
    ),
    path("ersattning/<int:pk>/andra/", annexes.compensation_edit, name="compensation_edit"),
    path("ersattning/<int:pk>/ta-bort/", annexes.compensation_delete, name="compensation_delete"),
    # Lifecycle
    path("<int:pk>/steg/", lifecycle.lifecycle_step, name="lifecycle_step"),
    path("<int:pk>/som-det-sag-ut/", lifecycle.partnership_as_of_view, name="as_of"),
    path("<int:pk>/avtal.pdf", lc_pdf.agreement_pdf, name="agreement_pdf"),
    path(
        "<int:pk>/namndarenden/ny/", lifecycle.committee_case_create, name="committee_case_create"
    ),
    path("namndarenden/<int:pk>/andra/", lifecycle.committee_case_edit, name="committee_case_edit"),
    path(
        "namndarenden/<int:pk>/beslut/ny/",
        lifecycle.committee_decision_create,
        name="committee_decision_create",
    ),
    path(
        "beslut/<int:pk>/andra/", lifecycle.committee_decision_edit, name="committee_decision_edit"
    ),
    path("beslut/<int:pk>/delegationer/ny/", lifecycle.delegation_create, name="delegation_create"),
    path("delegationer/<int:pk>/andra/", lifecycle.delegation_edit, name="delegation_edit"),
    path("delegationer/<int:pk>/ta-bort/", lifecycle.delegation_delete, name="delegation_delete"),
    path("<int:pk>/uppsagningar/ny/", lifecycle.notice_create, name="notice_create"),
    path("<int:pk>/forlangning/", lifecycle.extension_agree, name="extension_agree"),
    path("<int:pk>/andringar/ny/", amendments.amendment_create, name="amendment_create"),
    path("andringar/<int:pk>/", amendments.amendment_detail, name="amendment_detail"),
    path("andringar/<int:pk>/andra/", amendments.amendment_edit, name="amendment_edit"),
    path("andringar/<int:pk>/skicka/", amendments.amendment_submit, name="amendment_submit"),
    path("andringar/<int:pk>/aterkalla/", amendments.amendment_withdraw, name="amendment_withdraw"),
    path("<int:pk>/underskrifter/ny/", amendments.signature_create, name="signature_create"),
    path("underskrifter/<int:pk>/ratta/", amendments.signature_correct, name="signature_correct"),
    path("underskrifter/<int:pk>/ta-bort/", amendments.signature_delete, name="signature_delete"),
    path("<int:pk>/underteckna/", esign.agreement_sign, name="agreement_sign"),
    path("andringar/<int:pk>/underteckna/", esign.amendment_sign, name="amendment_sign"),
    path("undertecknat/<int:pk>/handling.pdf", esign.signed_pdf, name="signed_pdf"),
    path("undertecknat/<int:pk>/kontroll/", esign.signed_verify, name="esign_verify"),
    path("kontrollera-underskrift/", esign.verify_upload, name="verify_upload"),
    path("underskrifter/<int:pk>/skanning/", amendments.signature_scan, name="signature_scan"),
    path("bilagor/<int:pk>/utbetalningsplan/", money.payment_plan_edit, name="payment_plan_edit"),
    path("utbetalningar/<int:pk>/utbetald/", money.payment_paid, name="payment_paid"),
    path("utbetalningar/<int:pk>/stoppa/", money.payment_stop, name="payment_stop"),
    path(
        "bilagor/<int:pk>/aterkrav/ny/", money.repayment_claim_create, name="repayment_claim_create"
    ),
    path(
        "aterkrav/<int:pk>/<slug:action>/",
        money.repayment_claim_step,
        name="repayment_claim_step",
    ),
    path("bilagor/<int:pk>/medfinansiering/", money.co_financing_edit, name="co_financing_edit"),
    path(
        "<int:pk>/kontering/ny/", accounting.accounting_code_create, name="accounting_code_create"
    ),
    path("kontering/<int:pk>/andra/", accounting.accounting_code_edit, name="accounting_code_edit"),
    path("bokforingsexport/", accounting.sie_export, name="sie_export"),
    path("<int:pk>/statsstodsgrund/", state_aid.aid_basis_edit, name="aid_basis_edit"),
    path("statsstod/regler/", state_aid.ceiling_list, name="state_aid_ceilings"),
    path("statsstod/regler/ny/", state_aid.ceiling_create, name="state_aid_ceiling_create"),
    path("statsstod/regler/<int:pk>/andra/", state_aid.ceiling_edit, name="state_aid_ceiling_edit"),
    path("organisationer/", organisations.organisation_list, name="organisation_list"),
    path(
        "organisationer/forslag/",
        organisations.organisation_suggestions,
        name="organisation_suggestions",
    ),
    path("organisationer/ny/", organisations.organisation_create, name="organisation_create"),
    path("organisationer/<int:pk>/", organisations.organisation_detail, name="organisation_detail"),
    path(
        "organisationer/<int:pk>/andra/", organisations.organisation_edit, name="organisation_edit"
    ),
]
