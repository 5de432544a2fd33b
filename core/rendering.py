"""Cheaper HTML for the hot spots of the list pages, written in Python instead of one
template per piece. Each function gives the same HTML as the template it replaces
(tests/test_rendering.py compares them), so a page looks and behaves the same.

- `FastFormRenderer`: a form renderer whose select, checkbox-list, radio and plain
  input widgets are written in Python. A list page's filter form has several hundred
  `<option>`s (every organisation, municipality, mission, theme and network); Django's
  template-based widgets render one template per option, which was half of the page's
  Python time (docs/performance.md). Any other template (labels, errors, a custom
  option template) goes through Django's templates as before.
- `render_value`: a value as `{{ value }}` shows it (localised, escaped).
- `default_cell`: a list cell as core/templates/core/cells/default.html renders it.
- `result_rows`: the rows of a list's table, as the loop that was in
  core/templates/core/object_list_results.html wrote them.
"""

import functools

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, gettext

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"
MULTIPLE_INPUT_TEMPLATES = {
    "django/forms/widgets/checkbox_select.html",
    "django/forms/widgets/radio.html",
    "django/forms/widgets/multiple_input.html",
}
# Option template -> the line ends its template files add after the option's HTML.
INPUT_OPTION_TEMPLATES = {
    "django/forms/widgets/checkbox_option.html": "\n\n",
    "django/forms/widgets/radio_option.html": "\n\n",
    "django/forms/widgets/input_option.html": "\n",
}
INPUT_TEMPLATES = {
    f"django/forms/widgets/{name}.html"
    for name in ("input", "text", "search", "number", "email", "url", "hidden", "date", "datetime", "time")
}


def render_value(value):
    """`{{ value }}` in a template with autoescape and localisation on."""
    value = localize(template_localtime(value))
    if not issubclass(type(value), str):
        value = str(value)
    return conditional_escape(value)


def _attr_value(value):
    # `{{ value|stringformat:'s' }}`: the string form, escaped (stringformat drops safeness).
    return escape(str(value))


def render_attrs(attrs):
    """django/forms/widgets/attrs.html: ` name="value"`, a bare name for True, nothing for False."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {render_value(name)}")
        else:
            parts.append(f' {render_value(name)}="{_attr_value(value)}"')
    return "".join(parts)


def _input(widget):
    value = widget.get("value")
    value_html = "" if value is None else f' value="{_attr_value(value)}"'
    return (
        f'<input type="{render_value(widget["type"])}" name="{render_value(widget["name"])}"'
        f"{value_html}{render_attrs(widget['attrs'])}>"
    )


def _input_option(option):
    # input_option.html, without its final line end; input.html ends with one.
    if not option.get("wrap_label"):
        return f"{_input(option)}\n"
    option_id = option["attrs"].get("id")
    label_for = f' for="{render_value(option_id)}"' if option_id else ""
    return f"<label{label_for}>{_input(option)}\n {render_value(option['label'])}</label>"


def _select(widget):
    parts = [f'<select name="{render_value(widget["name"])}"{render_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{render_value(group_name)}">')
        for option in options:
            if option.get("template_name") != OPTION_TEMPLATE:
                return None
            parts.append(
                f'\n  <option value="{_attr_value(option["value"])}"{render_attrs(option["attrs"])}>'
                f"{render_value(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _multiple_input(widget):
    attrs = widget["attrs"]
    element_id = attrs.get("id")
    parts = ["<div"]
    if element_id:
        parts.append(f' id="{render_value(element_id)}"')
    if attrs.get("class"):
        parts.append(f' class="{render_value(attrs["class"])}"')
    parts.append(">")
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{render_value(group)}</label>")
        for option in options:
            line_ends = INPUT_OPTION_TEMPLATES.get(option.get("template_name"))
            if line_ends is None:
                return None
            parts.append(f"<div>\n    {_input_option(option)}{line_ends}</div>")
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>")
    return "".join(parts)


class FastFormRenderer(DjangoTemplates):
    """Django's default form renderer, with the common widgets written in Python."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        html = None
        if widget is not None:
            if template_name == SELECT_TEMPLATE:
                html = _select(widget)
            elif template_name in MULTIPLE_INPUT_TEMPLATES:
                html = _multiple_input(widget)
            elif template_name in INPUT_TEMPLATES:
                html = _input(widget)
        if html is None:
            return super().render(template_name, context, request=request)
        return html


fast_form_renderer = FastFormRenderer()


@functools.lru_cache(maxsize=16)
def _none_in(language):
    return f'<span aria-hidden="true">–</span><span class="visually-hidden">{escape(gettext("none"))}</span>'


def _none():
    return _none_in(get_language())


def default_cell(obj, column, value):
    """One list cell as core/templates/core/cells/default.html renders it."""
    language = getattr(obj, "language", "") if column.content else ""
    if column.link:
        lang = f' lang="{render_value(language)}"' if language else ""
        return SafeString(f'<a href="{render_value(obj.get_absolute_url())}"{lang}>{render_value(value)}</a>')
    if isinstance(value, list):
        if not value:
            return SafeString(_none())
        return SafeString(", ".join(render_value(item) for item in value))
    if value is None or value == "":
        return SafeString(_none())
    if language:
        return SafeString(f'<span lang="{render_value(language)}">{render_value(value)}</span>')
    return mark_safe(render_value(value))  # noqa: S308 (escaped above)


def result_rows(object_list, columns, cell):
    """The <tr>s of a list table; `cell(obj, column)` gives a cell's HTML. The first
    column is the row's header."""
    parts = []
    for obj in object_list:
        cells = []
        for index, column in enumerate(columns):
            html = cell(obj, column)
            cells.append(f'<th scope="row">{html}</th>' if index == 0 else f"<td>{html}</td>")
        parts.append(f"\n      <tr>\n        {''.join(cells)}\n      </tr>\n      ")
    return SafeString("".join(parts))
