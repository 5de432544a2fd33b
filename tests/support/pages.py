"""Reading a portal page's form as a browser would submit it."""

from html.parser import HTMLParser

from django.urls import reverse


class FormReader(HTMLParser):
    """The values a browser would submit for the first form with method=post: what the
    page rendered, so tests change only what a user would change."""

    def __init__(self):
        super().__init__()
        self.data, self._in_form, self._done = [], False, False
        self._select, self._textarea = None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method") == "post" and not self._done and attrs.get("action") is None:
            self._in_form = True
        if not self._in_form:
            return
        if tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data.append((attrs["name"], attrs.get("value", "on")))
            elif kind not in ("submit", "button"):
                self.data.append((attrs["name"], attrs.get("value", "")))
        elif tag == "select":
            self._select = attrs.get("name")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data.append((self._select, attrs.get("value", "")))
        elif tag == "textarea":
            self._textarea = [attrs.get("name"), ""]
        elif tag == "template":
            # The formset's empty form is not submitted.
            self._in_form = "template"

    def handle_endtag(self, tag):
        if tag == "template" and self._in_form == "template":
            self._in_form = True
        elif not self._in_form or self._in_form == "template":
            return
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.data.append((self._textarea[0], self._textarea[1].removeprefix("\n")))
            self._textarea = None
        elif tag == "form":
            self._in_form, self._done = False, True

    def handle_data(self, data):
        if self._textarea is not None and self._in_form is True:
            self._textarea[1] += data


def page_form(response, **changes):
    """The page's form as a browser would post it, with `changes` applied (a value of
    None removes the field)."""
    assert response.status_code == 200
    reader = FormReader()
    reader.feed(response.text)
    data = {}
    for name, value in reader.data:
        data.setdefault(name, []).append(value)
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value if isinstance(value, list) else [value]
    return data


def initiative_url(name, **kwargs):
    return reverse(f"initiatives:initiative_{name}", kwargs=kwargs)
