from django.urls import include, path

from . import account_views, views

urlpatterns = [
    # The home page (core.views.home, composed from every app's register_home) is routed in config/urls.py.
    path("accessibility/", views.AccessibilityStatementView.as_view(), name="accessibility"),
    # login, logout (POST only), password change and reset, with templates/registration/.
    # The names are global: settings.LOGIN_URL is "login".
    # Before the contrib URLs, so this one (rate-limited) answers the reset form.
    path("accounts/password_reset/", account_views.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
]
