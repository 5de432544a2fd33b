"""The API's own pages: the root listing the resources, /api-info, the docs (Swagger UI
and ReDoc from drf-spectacular-sidecar's static files, scripts in files, for the strict
CSP) and a problem-document 404 for any other path under /api/v1/."""

from csp.constants import NONCE
from csp.decorators import csp_update
from django.conf import settings
from django.http import HttpResponse
from django.urls import Resolver404, resolve, reverse
from django.utils.decorators import method_decorator
from drf_spectacular.utils import extend_schema, inline_serializer
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework import exceptions, permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView


class ApiRootView(APIView):
    """The resources of the API, each with the URL of its list."""

    permission_classes = [permissions.AllowAny]
    router = None

    @extend_schema(
        summary="List the API's resources",
        responses=inline_serializer(
            "ApiRoot",
            {
                "resources": serializers.DictField(child=serializers.URLField()),
                "deletions": serializers.URLField(),
                "api_info": serializers.URLField(),
                "schema": serializers.URLField(),
                "documentation": serializers.URLField(),
            },
        ),
    )
    def get(self, request):
        absolute = request.build_absolute_uri
        resources = {prefix: absolute(reverse(f"api:{basename}-list")) for prefix, _, basename in self.router.registry}
        return Response(
            {
                "resources": resources,
                "deletions": absolute(reverse("api:deletions")),
                "api_info": absolute(reverse("api:api-info")),
                "schema": absolute(reverse("api:schema")),
                "documentation": absolute(reverse("api:docs")),
            }
        )


class ApiInfoView(APIView):
    """Name, version and contact of the API (the Swedish REST API profile's /api-info)."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(
        summary="Name, version and contact of the API",
        responses=inline_serializer(
            "ApiInfo",
            {
                "name": serializers.CharField(),
                "description": serializers.CharField(),
                "version": serializers.CharField(),
                "status": serializers.CharField(),
                "contact": inline_serializer(
                    "ApiContact",
                    {
                        "name": serializers.CharField(),
                        "email": serializers.EmailField(),
                        "url": serializers.URLField(),
                    },
                ),
                "documentation": serializers.URLField(),
                "specification": serializers.URLField(),
            },
        ),
    )
    def get(self, request):
        spectacular = settings.SPECTACULAR_SETTINGS
        absolute = request.build_absolute_uri
        return Response(
            {
                "name": spectacular["TITLE"],
                "description": spectacular["DESCRIPTION"],
                "version": spectacular["VERSION"],
                "status": "active",
                "contact": spectacular["CONTACT"],
                "documentation": absolute(reverse("api:docs")),
                "specification": absolute(reverse("api:schema")),
            }
        )


class NotFoundView(APIView):
    """Any other path under /api/v1/: a problem document, not the site's HTML 404. A path
    that exists with a trailing slash is redirected there, keeping the method (308)."""

    permission_classes = [permissions.AllowAny]
    schema = None

    def dispatch(self, request, *args, **kwargs):
        if not request.path.endswith("/"):
            try:
                match = resolve(request.path + "/")
            except Resolver404:
                match = None
            if match is not None and getattr(match.func, "view_class", None) is not NotFoundView:
                query = request.META.get("QUERY_STRING", "")
                response = HttpResponse(status=308)
                response["Location"] = request.path + "/" + (f"?{query}" if query else "")
                return response
        return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        raise exceptions.NotFound()


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3.1 document: YAML by default, JSON with ?format=json."""


class SwaggerView(SpectacularSwaggerSplitView):
    template_name = "core/api/swagger_ui.html"
    url_name = "api:schema"
    title = "Horisont API"


# ReDoc (styled-components) writes its styles into <style> elements, which carry this
# response's CSP nonce (the template hands it to ReDoc), and runs its search in a blob:
# worker, allowed on this page only. Its scripts remain files from our static files.
@method_decorator(csp_update({"style-src": [NONCE], "worker-src": ["'self'", "blob:"]}), name="dispatch")
class RedocView(SpectacularRedocView):
    template_name = "core/api/redoc.html"
    url_name = "api:schema"
    title = "Horisont API"
