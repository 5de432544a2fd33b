"""/api/v1/export/: the standard exports (IATI, Popolo, DCAT-AP)."""

app_name = "export"
urlpatterns = []
