from django.urls import path

from . import views

app_name = "partners"
urlpatterns = [
    path("networks/", views.NetworkListView.as_view(), name="network_list"),
    path("networks/<slug:slug>/", views.NetworkDetailView.as_view(), name="network_detail"),
    path("networks/<slug:slug>/edit/", views.NetworkEditView.as_view(), name="network_edit"),
    path("networks/<slug:network_slug>/members/", views.MembershipListView.as_view(), name="membership_list"),
    path("networks/<slug:network_slug>/members/add/", views.MembershipEditView.as_view(), name="membership_add"),
    path(
        "networks/<slug:network_slug>/members/add-organisation/",
        views.OrganisationMembershipAddView.as_view(),
        name="membership_add_organisation",
    ),
    path(
        "networks/<slug:network_slug>/members/<int:pk>/edit/",
        views.MembershipEditView.as_view(),
        name="membership_edit",
    ),
    path(
        "networks/<slug:network_slug>/members/<int:pk>/delete/",
        views.MembershipDeleteView.as_view(),
        name="membership_delete",
    ),
    path("organisations/", views.OrganisationListView.as_view(), name="organisation_list"),
    path("organisations/<slug:slug>/", views.OrganisationDetailView.as_view(), name="organisation_detail"),
    path("my-data/", views.MyDataView.as_view(), name="my_data"),
    path("people/<int:pk>/export/", views.PersonExportView.as_view(), name="person_export"),
    path("people/<int:pk>/erase/", views.PersonEraseView.as_view(), name="person_erase"),
]
