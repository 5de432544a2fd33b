"""Template helpers shared by every page: `{% load portal %}`."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from core.panels import render_panels
from core.rendering import default_cell
from core.rendering import result_rows as _result_rows
from core.views import object_url as _object_url

register = template.Library()


@register.simple_tag
def cell(obj, column):
    """One cell of an ObjectListView table (see core.views.Column). A column without a
    template of its own is written in Python (core.rendering.default_cell gives the HTML
    of core/cells/default.html): a template per cell was a fifth of a list page's time."""
    value = column.value(obj)
    if column.template is None:
        return default_cell(obj, column, value)
    html = render_to_string(
        column.template,
        {"obj": obj, "value": value, "column": column, "is_list": isinstance(value, list)},
    )
    # The cell template escaped what it rendered; only its trailing newline goes.
    return mark_safe(html.strip())  # noqa: S308


@register.simple_tag
def result_rows(object_list, columns):
    """`{% result_rows object_list columns %}`: every row of an ObjectListView table,
    each cell as `{% cell %}` gives it, without a template tag call per cell."""
    return _result_rows(object_list, columns, cell)


@register.simple_tag
def object_url(obj, action):
    """`{% object_url initiative "edit" %}`: the URL of an action on obj, or ""."""
    return _object_url(obj, action) or ""


@register.filter
def nav_current(path, url):
    """For aria-current on a navigation link: "page" on the page itself, "true" inside
    its section, "" elsewhere."""
    if not url:
        return ""
    if path == url:
        return "page"
    return "true" if path.startswith(url) else ""


@register.filter
def content_lang(obj):
    """The language a record's own text is written in, for a `lang` attribute."""
    return getattr(obj, "language", "") or ""


@register.simple_tag
def has_errors(form, formsets=None):
    """Does the form or any of its formsets (a {prefix: formset} dict) have an error?"""
    if form is not None and form.errors:
        return True
    return any(formset.total_error_count() for formset in (formsets or {}).values())


@register.filter
def verbose_name(model):
    """A model's (or instance's) verbose name."""
    return model._meta.verbose_name


@register.filter
def minutes(delta):
    """A timedelta in whole minutes, rounded up (for "try again in N minutes")."""
    seconds = delta.total_seconds() if hasattr(delta, "total_seconds") else float(delta)
    return max(1, int(-(-seconds // 60)))


@register.simple_tag(takes_context=True)
def panels(context, obj):
    """The blocks higher apps registered for obj's detail page (core/panels.py)."""
    return render_panels(context, obj)
