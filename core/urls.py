from django.urls import include, path

from . import views

urlpatterns = [
    # The home page (core.views.home, composed from every app's register_home) is routed in config/urls.py.
    path("accessibility/", views.AccessibilityStatementView.as_view(), name="accessibility"),
    # login, logout (POST only), password change and reset, with templates/registration/.
    # The names are global: settings.LOGIN_URL is "login".
    path("accounts/", include("django.contrib.auth.urls")),
]
