from django.urls import path

from partnerships import views

app_name = "partnerships"

urlpatterns = [
    path("", views.partnership_list, name="list"),
    path("ny/", views.partnership_create, name="create"),
    path("<int:pk>/", views.partnership_detail, name="detail"),
    path("<int:pk>/andra/", views.partnership_edit, name="edit"),
    path("<int:pk>/historik/", views.partnership_history, name="history"),
    path("<int:pk>/mal/ny/", views.goal_create, name="goal_create"),
    path("mal/<int:pk>/andra/", views.goal_edit, name="goal_edit"),
    path("mal/<int:pk>/ta-bort/", views.goal_delete, name="goal_delete"),
    path("<int:pk>/avsnitt/ny/", views.clause_create, name="clause_create"),
    path("avsnitt/<int:pk>/andra/", views.clause_edit, name="clause_edit"),
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
    path("organisationer/", views.organisation_list, name="organisation_list"),
    path("organisationer/ny/", views.organisation_create, name="organisation_create"),
    path("organisationer/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisationer/<int:pk>/andra/", views.organisation_edit, name="organisation_edit"),
]
