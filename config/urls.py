from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from core import views as core_views

urlpatterns = [
    path("healthz/", core_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # The REST API (config/api_urls.py) and the standard exports (config/export_urls.py).
    path("api/v1/export/", include("config.export_urls")),
    path("api/v1/", include("config.api_urls")),
    path("", core_views.home, name="home"),
    path("account/tokens/", include("core.token_urls")),
    path("", include("core.urls")),
    path("", include("partners.urls")),
    path("", include("initiatives.urls")),
    path("", include("portfolios.urls")),
    path("", include("evaluation.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
