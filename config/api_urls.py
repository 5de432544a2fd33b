"""/api/v1/: the REST API. Each app's api/urls.py registers its endpoints here."""

app_name = "api"
urlpatterns = []
