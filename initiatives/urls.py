from django.urls import path

from . import views

app_name = "initiatives"
urlpatterns = [
    path("initiatives/", views.InitiativeListView.as_view(), name="initiative_list"),
    path("initiatives/<slug:slug>/", views.InitiativeDetailView.as_view(), name="initiative_detail"),
    path("themes/", views.ThemeListView.as_view(), name="theme_list"),
    path("themes/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme_detail"),
    path("missions/", views.MissionListView.as_view(), name="mission_list"),
    path("missions/<slug:slug>/", views.MissionDetailView.as_view(), name="mission_detail"),
]
