"""RFC 9457 problem documents (`application/problem+json`) for every API error.

DRF turns exceptions into responses in one place, the exception handler; this one
answers each of them, and anything unexpected, with a problem document in the request's
language. Field errors go in an `errors` extension, one item per message, with a JSON
pointer into the request body (or the name of the query parameter)."""

import json
import logging
from http import HTTPStatus

from django.conf import settings
from django.core import signals
from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers, status
from rest_framework.views import set_rollback

logger = logging.getLogger("django.request")

PROBLEM_CONTENT_TYPE = "application/problem+json"

# With type "about:blank" the title is the status phrase, which RFC 9457 allows to be
# localised.
TITLES = {
    400: _("Bad Request"),
    401: _("Unauthorized"),
    403: _("Forbidden"),
    404: _("Not Found"),
    405: _("Method Not Allowed"),
    406: _("Not Acceptable"),
    409: _("Conflict"),
    412: _("Precondition Failed"),
    413: _("Content Too Large"),
    415: _("Unsupported Media Type"),
    428: _("Precondition Required"),
    429: _("Too Many Requests"),
    500: _("Internal Server Error"),
}


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("The record has changed since you read it. Read it again and reapply your change.")
    default_code = "precondition_failed"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("The record cannot be changed this way because other records depend on it.")
    default_code = "conflict"


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _("The request body is too large.")
    default_code = "request_too_large"


class InvalidQueryParameters(exceptions.ValidationError):
    """A filter, ordering or pagination parameter that cannot be used."""


def title_for(status_code):
    title = TITLES.get(status_code)
    if title is not None:
        return str(title)
    try:
        return HTTPStatus(status_code).phrase
    except ValueError:
        return ""


def problem_response(request, status_code, detail, *, code=None, errors=None, headers=None):
    """An HttpResponse holding the problem document (not a DRF Response, so no renderer,
    ?format=csv included, can turn it into something else)."""
    problem = {
        "type": "about:blank",
        "title": title_for(status_code),
        "status": status_code,
        "detail": str(detail),
        "instance": request.get_full_path() if request is not None else None,
    }
    if code:
        problem["code"] = code
    if errors:
        problem["errors"] = errors
    # backslashreplace turns a lone surrogate echoed from the request into a JSON escape.
    body = json.dumps(problem, ensure_ascii=False).encode("utf-8", errors="backslashreplace")
    response = HttpResponse(body, status=status_code, content_type=PROBLEM_CONTENT_TYPE)
    response["Content-Language"] = translation.get_language() or ""
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def flatten_errors(detail, location, path=()):
    """DRF's nested error structure as a flat list of {pointer|parameter, field, detail, code}."""
    if isinstance(detail, dict):
        items = []
        for key, value in detail.items():
            key_path = path if key == "non_field_errors" else (*path, str(key))
            items += flatten_errors(value, location, key_path)
        return items
    if isinstance(detail, list):
        if detail and all(not isinstance(item, (dict, list)) for item in detail):
            return [error_item(item, location, path) for item in detail]
        items = []
        for index, value in enumerate(detail):
            items += flatten_errors(value, location, (*path, str(index)))
        return items
    return [error_item(detail, location, path)]


def error_item(message, location, path):
    item = {"detail": str(message), "code": getattr(message, "code", None) or "invalid"}
    field = ".".join(path) or None
    if location == "query":
        item["parameter"] = field
    else:
        item["field"] = field
        item["pointer"] = "#/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in path)
    return item


def as_api_exception(exc):
    """The APIException a Django or database exception is answered as (others as they are)."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    elif isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge()
    elif isinstance(exc, TooManyFieldsSent):
        # More query parameters (or form fields) than DATA_UPLOAD_MAX_NUMBER_FIELDS.
        exc = exceptions.ParseError(
            _("The request has too many parameters; at most %(count)d are read.")
            % {"count": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS},
            code="too_many_parameters",
        )
    elif isinstance(exc, SuspiciousOperation):
        exc = exceptions.ParseError(_("The request cannot be read."))
    elif isinstance(exc, DjangoValidationError):
        # A domain service (e.g. initiatives.services.change_phase) refused the change.
        exc = exceptions.ValidationError(serializers.as_serializer_error(exc))
    elif isinstance(exc, (ProtectedError, RestrictedError)):
        exc = Conflict()
    elif isinstance(exc, IntegrityError):
        # A uniqueness race between two writers that both passed model validation.
        exc = Conflict(_("Another record conflicts with this one. Read it again and retry."))

    return exc


def exception_handler(exc, context):
    request = context.get("request") if context else None
    exc = as_api_exception(exc)

    if not isinstance(exc, exceptions.APIException):
        # Logged and signalled as Django does for an uncaught exception (the test client
        # re-raises it), but still answered in the API's format.
        set_rollback()
        logger.error("Internal Server Error: %s", getattr(request, "path", ""), exc_info=exc)
        signals.got_request_exception.send(sender=None, request=getattr(request, "_request", request))
        return problem_response(request, 500, _("Something went wrong on our side. Try again later."))

    set_rollback()
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = f"{exc.wait:.0f}"

    errors = None
    code = None
    if isinstance(exc, exceptions.ValidationError):
        location = "query" if isinstance(exc, InvalidQueryParameters) else "body"
        errors = flatten_errors(exc.detail, location)
        detail = exceptions.ValidationError.default_detail
        if isinstance(exc, InvalidQueryParameters):
            detail = _("A query parameter is invalid.")
        code = "invalid"
    else:
        detail = exc.detail
        code = getattr(detail, "code", None) or exc.default_code
    return problem_response(request, exc.status_code, detail, code=code, errors=errors, headers=headers)
