from django.urls import path

from . import views

app_name = "initiatives"
urlpatterns = [
    path("initiatives/", views.InitiativeListView.as_view(), name="initiative_list"),
    # Before <slug>/: "add" is the create page, not an initiative.
    path("initiatives/add/", views.InitiativeEditView.as_view(), name="initiative_add"),
    path("initiatives/import/", views.InitiativeImportView.as_view(), name="initiative_import"),
    path("initiatives/<slug:slug>/", views.InitiativeDetailView.as_view(), name="initiative_detail"),
    path("initiatives/<slug:slug>/edit/", views.InitiativeEditView.as_view(), name="initiative_edit"),
    path("initiatives/<slug:slug>/delete/", views.InitiativeDeleteView.as_view(), name="initiative_delete"),
    path("initiatives/<slug:slug>/history/", views.InitiativeHistoryView.as_view(), name="initiative_history"),
    path("initiatives/<slug:slug>/phase/", views.InitiativePhaseChangeView.as_view(), name="initiative_phase"),
    path("initiatives/<slug:slug>/compost/", views.InitiativeCompostView.as_view(), name="initiative_compost"),
    path(
        "initiatives/<slug:parent_slug>/add-pilot/",
        views.InitiativePilotCreateView.as_view(),
        name="initiative_add_pilot",
    ),
    path(
        "initiatives/<slug:parent_slug>/add-twin/",
        views.InitiativeTwinCreateView.as_view(),
        name="initiative_add_twin",
    ),
    path("themes/", views.ThemeListView.as_view(), name="theme_list"),
    path("themes/add/", views.ThemeEditView.as_view(), name="theme_add"),
    path("themes/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme_detail"),
    path("themes/<slug:slug>/edit/", views.ThemeEditView.as_view(), name="theme_edit"),
    path("themes/<slug:slug>/delete/", views.ThemeDeleteView.as_view(), name="theme_delete"),
    path("missions/", views.MissionListView.as_view(), name="mission_list"),
    path("missions/add/", views.MissionEditView.as_view(), name="mission_add"),
    path("missions/<slug:slug>/", views.MissionDetailView.as_view(), name="mission_detail"),
    path("missions/<slug:slug>/edit/", views.MissionEditView.as_view(), name="mission_edit"),
    path("missions/<slug:slug>/delete/", views.MissionDeleteView.as_view(), name="mission_delete"),
    path("missions/<slug:slug>/history/", views.MissionHistoryView.as_view(), name="mission_history"),
    path("missions/<slug:slug>/join/", views.MissionJoinView.as_view(), name="mission_join"),
]
