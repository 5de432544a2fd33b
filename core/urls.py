from django.urls import include, path

from . import views

urlpatterns = [
    # The home page (config/dashboard.py) draws on every app, so config/urls.py routes it.
    path("accessibility/", views.AccessibilityStatementView.as_view(), name="accessibility"),
    # login, logout (POST only), password change and reset, with templates/registration/.
    # The names are global: settings.LOGIN_URL is "login".
    path("accounts/", include("django.contrib.auth.urls")),
]
