"""ETags for records, and the If-Match / If-None-Match checks (RFC 9110 §13)."""

import datetime

from django.utils.http import parse_etags

from .problems import PreconditionFailed


def etag_for(instance):
    """A strong validator from the primary key and the last change, quoted."""
    updated = instance.updated.astimezone(datetime.UTC)
    return f'"{instance.pk}-{updated:%Y%m%d%H%M%S%f}"'


def _opaque(tag):
    return tag[2:] if tag.startswith("W/") else tag


def check_if_match(request, instance):
    """A write with If-Match must name the record's current ETag (or *)."""
    header = request.headers.get("If-Match")
    if header is None:
        return
    tags = parse_etags(header)
    if "*" in tags:
        return
    current = etag_for(instance)
    # If-Match uses the strong comparison: a weak tag never matches.
    if current not in [tag for tag in tags if not tag.startswith("W/")]:
        raise PreconditionFailed()


def not_modified(request, etag):
    """Does the reader already hold this version (If-None-Match, weak comparison)?"""
    header = request.headers.get("If-None-Match")
    if header is None:
        return False
    tags = parse_etags(header)
    return "*" in tags or _opaque(etag) in [_opaque(tag) for tag in tags]
