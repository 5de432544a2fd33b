from django.urls import path

from . import views

app_name = "evaluation"
urlpatterns = [
    path("learning/", views.LearningListView.as_view(), name="learning_list"),
    path("learning/<int:pk>/", views.LearningDetailView.as_view(), name="learning_detail"),
    path("events/<int:pk>/", views.EventDetailView.as_view(), name="event_detail"),
]
