import codecs
import io

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, parsers
from rest_framework.settings import api_settings
from rest_framework.utils import json

from .problems import RequestTooLarge

# No record of ours nests deeper than a few levels; a body nested deeper is refused (400)
# rather than walked by the serializers (or, past Python's recursion limit, a 500).
MAX_JSON_DEPTH = 32


def nesting_depth(value):
    """How deep lists and objects nest in a parsed JSON value (iteratively: no recursion)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > MAX_JSON_DEPTH:
            return deepest
        stack.extend((child, depth + 1) for child in children)
    return deepest


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, bounded by DATA_UPLOAD_MAX_MEMORY_SIZE like Django's form
    parsing (DRF reads a JSON body whole, whatever its size), and by MAX_JSON_DEPTH."""

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        body = stream.read() if limit is None else stream.read(limit + 1)
        if limit is not None and len(body) > limit:
            raise RequestTooLarge()
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = codecs.getreader(encoding)(io.BytesIO(body)).read()
            parse_constant = json.strict_constant if api_settings.STRICT_JSON else None
            data = json.loads(text, parse_constant=parse_constant)
        except ValueError as exc:
            raise exceptions.ParseError(_("The body is not valid JSON: %(error)s") % {"error": exc}) from exc
        except RecursionError:
            data = None
        else:
            if nesting_depth(data) <= MAX_JSON_DEPTH:
                return data
        raise exceptions.ParseError(
            _("The body nests lists and objects more than %(depth)s levels deep.") % {"depth": MAX_JSON_DEPTH}
        )
