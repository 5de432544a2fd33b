"""How the API describes itself in OpenAPI (drf-spectacular): a summary for every
operation, the problem documents every operation may answer with, the ETag and
If-Match headers, and the token scheme."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from .problems import PROBLEM_CONTENT_TYPE

SUMMARIES = {
    "list": "List {plural}",
    "retrieve": "Read one {singular}",
    "create": "Create {a} {singular}",
    "update": "Replace {a} {singular}",
    "partial_update": "Change some fields of {a} {singular}",
    "destroy": "Delete {a} {singular}",
}
ORDERING_DESCRIPTION = (
    "Sort by one or more of these fields, the first deciding first: repeat the parameter "
    "(`ordering=title&ordering=-updated`) or give a comma-separated list (`ordering=title,-updated`). "
    "A leading - sorts descending. Records that sort alike are ordered by id, so pages never skip or repeat one."
)


class ProblemErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What is wrong with this field or parameter.")
    code = serializers.CharField(help_text="A stable code for the error, e.g. required, invalid, max_length.")
    field = serializers.CharField(
        required=False, allow_null=True, help_text="The field in the request body (dotted for nested fields)."
    )
    pointer = serializers.CharField(required=False, help_text="A JSON Pointer (RFC 6901) into the request body.")
    parameter = serializers.CharField(required=False, allow_null=True, help_text="The query parameter.")


class ProblemSerializer(serializers.Serializer):
    """An RFC 9457 problem document."""

    type = serializers.CharField(help_text="A URI for the kind of problem; about:blank means: see the status.")
    title = serializers.CharField(help_text="The HTTP status phrase, in the request's language where translated.")
    status = serializers.IntegerField()
    detail = serializers.CharField(help_text="What went wrong with this request, in the request's language.")
    instance = serializers.CharField(allow_null=True, help_text="The path and query of the request.")
    code = serializers.CharField(required=False, help_text="A stable machine-readable code.")
    errors = ProblemErrorSerializer(many=True, required=False, help_text="Field or parameter errors (400 only).")

    class Meta:
        ref_name = "Problem"


ETAG_HEADER = OpenApiParameter(
    "ETag",
    str,
    OpenApiParameter.HEADER,
    response=[200],
    description="The version of the record; send it back in If-Match when you change the record.",
)
IF_MATCH_HEADER = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description="The ETag you read. When the record has changed since, the request fails with 412.",
)
IF_NONE_MATCH_HEADER = OpenApiParameter(
    "If-None-Match",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description="An ETag you hold. When the record has not changed, the answer is 304 without a body.",
)


RATELIMIT_HEADERS = {
    "RateLimit-Limit": {
        "schema": {"type": "integer"},
        "description": "How many requests the client may make in the throttle's window (IETF RateLimit draft).",
    },
    "RateLimit-Remaining": {
        "schema": {"type": "integer"},
        "description": "How many of them are left now.",
    },
    "RateLimit-Reset": {
        "schema": {"type": "integer"},
        "description": "Seconds until one more request is free (the window slides).",
    },
}
RESPONSE_HEADERS = {
    **RATELIMIT_HEADERS,
    "Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait before the next request."},
}


class AutoSchema(SpectacularAutoSchema):
    def get_summary(self):
        action = getattr(self.view, "action", None)
        queryset = getattr(self.view, "queryset", None)
        if action in SUMMARIES and queryset is not None:
            meta = queryset.model._meta
            singular = str(meta.verbose_name)
            article = "an" if singular[:1].lower() in "aeiou" else "a"
            return SUMMARIES[action].format(a=article, singular=singular, plural=meta.verbose_name_plural)
        return super().get_summary()

    def get_operation_id(self):
        action = getattr(self.view, "action", None) or ""
        if action.startswith("download_"):
            # /api/v1/initiatives/download.csv -> initiatives_download_csv
            return f"{self.path.strip('/').split('/')[-2].replace('-', '_')}_{action}"
        return super().get_operation_id()

    def get_auth(self):
        auths = super().get_auth()
        # Anyone may read (public records); the base permission is not one drf-spectacular knows.
        if self.method in ("GET", "HEAD", "OPTIONS") and {} not in auths:
            auths.append({})
        return auths

    def _get_filter_parameters(self):
        parameters = super()._get_filter_parameters()
        for parameter in parameters:
            if parameter["name"] == "ordering":
                # django-filter's labels for descending order are translated when the
                # FilterSet is imported, in whatever language is active then.
                parameter["description"] = ORDERING_DESCRIPTION
                # Repeated, as generated clients send an array (a comma list is accepted too).
                parameter["explode"] = True
        return parameters

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        action = getattr(self.view, "action", None)
        if getattr(self.view, "etags", False):
            if action == "retrieve":
                parameters += [ETAG_HEADER, IF_NONE_MATCH_HEADER]
            elif action in ("update", "partial_update"):
                parameters += [IF_MATCH_HEADER, ETAG_HEADER]
            elif action == "destroy":
                parameters += [IF_MATCH_HEADER]
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        problem = {
            "content": {PROBLEM_CONTENT_TYPE: {"schema": self.resolve_serializer(ProblemSerializer, direction).ref}}
        }
        for code, description in self.problem_statuses():
            responses.setdefault(str(code), {"description": description, **problem})
        if getattr(self.view, "action", None) == "retrieve" and getattr(self.view, "etags", False):
            responses.setdefault("304", {"description": "Not modified: the If-None-Match ETag is current."})
        if self.view.get_throttles():
            # Successes and the refusal say where the client stands (components/headers).
            for code, response in responses.items():
                if code.startswith("2") or code == "429":
                    headers = response.setdefault("headers", {})
                    names = [*RATELIMIT_HEADERS, "Retry-After"] if code == "429" else RATELIMIT_HEADERS
                    headers.update({name: {"$ref": f"#/components/headers/{name}"} for name in names})
        return responses

    def problem_statuses(self):
        action = getattr(self.view, "action", None)
        writes = self.method in ("POST", "PUT", "PATCH", "DELETE")
        filtered = action == "list" or getattr(self.view, "filterset_class", None) is not None
        statuses = [(400, "Invalid request: see `errors`.")] if writes or filtered else []
        statuses.append((401, "Missing, invalid or revoked token."))
        if writes:
            statuses.append((403, "You may read this but not change it, or not create it here."))
        if self.path_has_id():
            statuses.append((404, "No such record, or not one you may see."))
        statuses.append((406, "The format asked for (?format= or Accept) is not one the API writes."))
        if writes and action != "create":
            statuses.append((409, "Other records depend on this one, or a concurrent change conflicts."))
        if writes and action in ("update", "partial_update", "destroy"):
            statuses.append((412, "If-Match does not match the record's current ETag."))
        if writes and action != "destroy":
            statuses.append((413, "The request body is too large."))
            statuses.append((415, "The body is not JSON."))
        statuses.append((429, "Too many requests: wait the number of seconds in Retry-After."))
        return statuses

    def path_has_id(self):
        return "{" in self.path


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "core.api.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "A token made on /account/tokens/, sent as `Authorization: Bearer <token>` "
                "(`Token <token>` is accepted too)."
            ),
        }


# --- Strict OpenAPI 3.1 ---------------------------------------------------------------


def _resolve(schema, components):
    while isinstance(schema, dict) and "$ref" in schema and len(schema) == 1:
        name = schema["$ref"].rpartition("/")[2]
        schema = components.get(name, {})
    return schema


def _types(schema):
    """The JSON types a schema admits, or None when it does not say."""
    if "enum" in schema:
        return {_json_type(value) for value in schema["enum"]}
    kind = schema.get("type")
    if kind is None:
        return None
    types = set(kind) if isinstance(kind, list) else {kind}
    if "integer" in types:
        types.add("number")
    return types


def _json_type(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return {str: "string", list: "array", dict: "object"}.get(type(value), "object")


def _disjoint(a, b, components):
    """True when no instance can match both schemas (judged on types and enums only;
    anything this cannot tell is taken to overlap)."""
    a, b = _resolve(a, components), _resolve(b, components)
    if "enum" in a and "enum" in b:
        return not {repr(v) for v in a["enum"]} & {repr(v) for v in b["enum"]}
    types_a, types_b = _types(a), _types(b)
    if types_a is None or types_b is None:
        return False
    if "enum" in a or "enum" in b:
        # An enum against a plain type: disjoint only when no enum value has that type.
        return not types_a & types_b
    return not types_a & types_b


def _null_type(schema):
    """The 3.0 `nullable: true` said the 3.1 way: null is one of the types."""
    if "type" in schema:
        kind = schema["type"]
        kinds = list(kind) if isinstance(kind, list) else [kind]
        if "null" not in kinds:
            kinds.append("null")
        schema["type"] = kinds
        if "enum" in schema and None not in schema["enum"]:
            schema["enum"] = [*schema["enum"], None]
        return schema
    outer = {key: schema.pop(key) for key in ("description", "title", "readOnly", "writeOnly") if key in schema}
    return {"oneOf": [schema, {"type": "null"}], **outer}


def _strict(node, components):
    if isinstance(node, list):
        return [_strict(item, components) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _strict(value, components) for key, value in node.items()}
    if "nullable" in node:
        if node.pop("nullable"):
            node = _null_type(node)
    branches = node.get("oneOf")
    if isinstance(branches, list) and "discriminator" not in node:
        overlapping = any(
            not _disjoint(first, second, components)
            for index, first in enumerate(branches)
            for second in branches[index + 1 :]
        )
        if overlapping:
            # An instance matching two branches fails oneOf: say "at least one".
            node["anyOf"] = node.pop("oneOf")
    return node


def strict_openapi_31(result, generator, request, public):
    """drf-spectacular's last postprocessing hook (SPECTACULAR_SETTINGS): what a strict
    OpenAPI 3.1 / JSON Schema 2020-12 reader expects. DRF's paginators and some field
    schemas still say `nullable: true` (OpenAPI 3.0): null becomes a type. A `oneOf`
    whose branches can match the same value (a blank URL is both a string and an empty
    string) becomes `anyOf`, so the value is valid rather than ambiguous."""
    result.setdefault("components", {}).setdefault("headers", {}).update(RESPONSE_HEADERS)
    components = result["components"].get("schemas", {})
    result["components"] = _strict(result.get("components", {}), components)
    result["paths"] = _strict(result.get("paths", {}), result["components"].get("schemas", {}))
    return result
