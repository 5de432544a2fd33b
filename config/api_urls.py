"""/api/v1/: the REST API. Each app's api/urls.py registers its endpoints on a router;
`router` gathers them, and its registry is the list of every endpoint."""

from django.urls import path, re_path

from core.api.deletions import DeletionListView
from core.api.routers import Router
from core.api.views import ApiInfoView, ApiRootView, NotFoundView, RedocView, SchemaView, SwaggerView
from evaluation.api.urls import router as evaluation_router
from initiatives.api.urls import router as initiatives_router
from partners.api.urls import router as partners_router
from portfolios.api.urls import router as portfolios_router

app_name = "api"

router = Router()
for app_router in (partners_router, initiatives_router, portfolios_router, evaluation_router):
    router.extend(app_router)

urlpatterns = [
    path("", ApiRootView.as_view(router=router), name="api-root"),
    path("api-info", ApiInfoView.as_view(), name="api-info"),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", SwaggerView.as_view(), name="docs"),
    path("redoc/", RedocView.as_view(), name="redoc"),
    path("deletions/", DeletionListView.as_view(), name="deletions"),
    *router.urls,
    # Last: any other path under /api/v1/ is a problem document (404), not an HTML page.
    re_path(r"^[\s\S]*$", NotFoundView.as_view(), name="not-found"),
]
