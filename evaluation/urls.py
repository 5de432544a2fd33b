from django.urls import path

from . import views

app_name = "evaluation"
urlpatterns = [
    path("learning/", views.LearningListView.as_view(), name="learning_list"),
    path("learning/<int:pk>/", views.LearningDetailView.as_view(), name="learning_detail"),
    path("learning/<int:pk>/history/", views.LearningHistoryView.as_view(), name="learningentry_history"),
    # Named <model>_<action>, so the detail page's Edit and Delete links find them.
    path("learning/<int:pk>/edit/", views.LearningEntryEditView.as_view(), name="learningentry_edit"),
    path("learning/<int:pk>/delete/", views.LearningEntryDeleteView.as_view(), name="learningentry_delete"),
    path(
        "initiatives/<slug:initiative_slug>/learning/add/",
        views.LearningEntryEditView.as_view(),
        name="learning_add",
    ),
    path("initiatives/<slug:slug>/value/", views.InitiativeValueView.as_view(), name="initiative_value"),
    path(
        "initiatives/<slug:initiative_slug>/value/add/",
        views.ValueDomainsView.as_view(),
        name="valueassessment_add",
    ),
    # Indicators and their measurements, shown on the value page above.
    path(
        "initiatives/<slug:initiative_slug>/value/indicators/add/",
        views.IndicatorEditView.as_view(),
        name="indicator_add",
    ),
    path("indicators/<int:pk>/edit/", views.IndicatorEditView.as_view(), name="indicator_edit"),
    path("indicators/<int:pk>/delete/", views.IndicatorDeleteView.as_view(), name="indicator_delete"),
    path(
        "indicators/<int:indicator_pk>/measurements/add/",
        views.MeasurementEditView.as_view(),
        name="measurement_add",
    ),
    path("measurements/<int:pk>/edit/", views.MeasurementEditView.as_view(), name="measurement_edit"),
    path("measurements/<int:pk>/delete/", views.MeasurementDeleteView.as_view(), name="measurement_delete"),
    path("missions/<slug:slug>/summary/", views.MissionSummaryView.as_view(), name="mission_summary"),
    path("networks/<slug:slug>/recompute/", views.NetworkRecomputeView.as_view(), name="network_recompute"),
    path("recomputations/<int:pk>/", views.RecomputationDetailView.as_view(), name="recomputation_detail"),
    path("recomputations/<int:pk>/status/", views.RecomputationStatusView.as_view(), name="recomputation_status"),
    path("recomputations/<int:pk>/retry/", views.RecomputationRetryView.as_view(), name="recomputation_retry"),
    path("follow/<str:kind>/<slug:slug>/", views.FollowView.as_view(), name="follow"),
    path("unfollow/<str:kind>/<slug:slug>/", views.FollowView.as_view(unfollow=True), name="unfollow"),
    path("unsubscribe/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
    path("events/<int:pk>/", views.EventDetailView.as_view(), name="event_detail"),
    path("events/<int:pk>/edit/", views.EventEditView.as_view(), name="event_edit"),
    path("initiatives/<slug:initiative_slug>/events/add/", views.EventEditView.as_view(), name="initiative_event_add"),
    path("initiatives/<slug:slug>/events/", views.EventWallView.as_view(scope="initiative"), name="initiative_events"),
    path("missions/<slug:slug>/events/", views.EventWallView.as_view(scope="mission"), name="mission_events"),
    path("networks/<slug:slug>/events/", views.EventWallView.as_view(scope="network"), name="network_events"),
]
