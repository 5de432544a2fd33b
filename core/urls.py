from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    # login, logout (POST only), password change and reset, with templates/registration/.
    # The names are global: settings.LOGIN_URL is "login".
    path("accounts/", include("django.contrib.auth.urls")),
]
