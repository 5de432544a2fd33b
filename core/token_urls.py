"""The API token page, at /account/tokens/ (included by config/urls.py)."""

from django.urls import path

from core.api import token_views

app_name = "tokens"
urlpatterns = [
    path("", token_views.token_list, name="list"),
    path("<int:pk>/revoke/", token_views.token_revoke, name="revoke"),
]
