"""Optimistic locking for the portal's edit pages: a form carries the version of the
record it was read at, and a save over a newer version is refused with what changed.

The version is the API's (core.api.conditional.etag_for: the primary key and `updated`),
so a page and an API client that read the same record hold the same version, and a
change through either makes the other's version stale (the API checks it with If-Match).

An edit form carries two hidden fields: `_version`, and `_read`, a signed fingerprint of
each field's value as the form showed it. On a conflict the fingerprints say which fields
someone else changed since, and the page lists them with their current values. The check
runs inside the saving transaction with the row locked (SELECT ... FOR UPDATE), so two
saves of the same version cannot both pass. core.views.ObjectEditView does this for every
edit page."""

import hashlib

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _


def etag_for(instance):
    """The API's ETag of the record (imported here, not at the top: core.api imports
    core.views, which imports this module)."""
    from .api.conditional import etag_for

    return etag_for(instance)


VERSION_FIELD = "_version"
READ_FIELD = "_read"
_SALT = "core.versions.read"
_EMPTY = "—"


def has_version(model) -> bool:
    """Records with `updated` have a version."""
    return any(field.name == "updated" for field in model._meta.concrete_fields)


def _content_fields(form):
    return [name for name in form.fields if name not in (VERSION_FIELD, READ_FIELD)]


def _digest(field, value):
    value = field.prepare_value(value)
    if isinstance(value, (list, tuple, set)) or hasattr(value, "model"):
        value = sorted(str(getattr(item, "pk", item)) for item in value)
    elif hasattr(value, "_meta"):
        value = value.pk
    return hashlib.sha256(repr(value).encode()).hexdigest()[:16]


def _fingerprint(form, name):
    """A digest of the field's value as the form shows it (unbound)."""
    field = form.fields[name]
    return _digest(field, form.get_initial_for_field(field, name))


def _sent_fingerprint(form, name):
    """A digest of what a valid bound form sent for the field, comparable with
    _fingerprint (both go through the field's prepare_value)."""
    return _digest(form.fields[name], form.cleaned_data.get(name))


def _read_token(form):
    return signing.dumps({name: _fingerprint(form, name) for name in _content_fields(form)}, salt=_SALT, compress=True)


def carry_version(form, obj):
    """Add the hidden `_version` and `_read` fields to an edit form of obj (an unbound
    form gets obj's current values in them; a bound one keeps what was sent)."""
    read = None if form.is_bound else _read_token(form)
    form.fields[VERSION_FIELD] = forms.CharField(widget=forms.HiddenInput, required=False)
    form.fields[READ_FIELD] = forms.CharField(widget=forms.HiddenInput, required=False)
    if not form.is_bound:
        form.initial[VERSION_FIELD] = etag_for(obj)
        form.initial[READ_FIELD] = read


class VersionConflict(Exception):
    """The record changed since the form was read."""

    def __init__(self, version, current_form, read):
        super().__init__(version)
        self.version, self.current_form, self.read = version, current_form, read

    def changed_fields(self):
        """The fields someone else changed since the form was read."""
        current = self.current_form
        return [name for name in _content_fields(current) if self.read.get(name) != _fingerprint(current, name)]


def check_version(form, model, pk, form_for):
    """Inside the saving transaction: lock the stored record and raise VersionConflict
    when it is not at the version the bound, valid `form` was read at. form_for(instance)
    builds the same (unbound) form for the stored record. A form sent without a version
    (not read from the page) is not checked, as an API write without If-Match."""
    read_version = form.data.get(VERSION_FIELD)
    if not read_version:
        return
    current = model._base_manager.select_for_update().get(pk=pk)
    version = etag_for(current)
    if read_version == version:
        return
    try:
        read = signing.loads(form.data.get(READ_FIELD, ""), salt=_SALT)
    except signing.BadSignature:
        read = {}
    raise VersionConflict(version, form_for(current), read)


def report_conflict(form, conflict):
    """Put the conflict on the form: the fields someone else changed, with their current
    values. Those the user left alone now show the current value; those both changed keep
    the user's. The form carries the current version, so sending it again (after
    checking) saves on purpose, and keeps the other person's changes the user did not
    touch."""
    current = conflict.current_form
    changed = conflict.changed_fields()
    data = form.data.copy()
    both = []
    for name in changed:
        if name in form.fields and _sent_fingerprint(form, name) != conflict.read.get(name):
            both.append(name)
        else:
            _put(data, current, name)
    data[VERSION_FIELD] = conflict.version
    data[READ_FIELD] = _read_token(current)
    form.data = data
    messages = [_("Someone else saved this record after you opened it, so your changes were not saved.")]
    if changed:
        messages.append(_("They changed these fields; their current values are:"))
        messages.extend(f"{_label(current, name)}: {display_value(current, name)}" for name in changed)
        if both:
            messages.append(
                _("You changed %(fields)s too: the form keeps your value there.")
                % {"fields": ", ".join(_label(current, name) for name in both)}
            )
    else:
        messages.append(_("They changed rows inside it (partners, funding, resources, ...)."))
    messages.append(_("The form now shows their values where you changed nothing. Check it, then save again."))
    form.add_error(None, ValidationError(messages))


def _label(form, name):
    return str(capfirst(form.fields[name].label or name))


def _put(data, current_form, name):
    """Set the field's raw form data to the stored record's value."""
    field = current_form.fields[name]
    value = current_form[name].value()
    if isinstance(field, forms.FileField):
        return
    if isinstance(field.widget, forms.CheckboxInput):
        if value:
            data[name] = "on"
        else:
            data.pop(name, None)
    elif isinstance(value, (list, tuple)):
        data.setlist(name, [str(item) for item in value])
    else:
        data[name] = "" if value is None else str(value)


def display_value(form, name):
    """A field's value in `form` (built on a stored record) as the user reads it: choice
    labels, the names of related records the user may see, text cut short."""
    field = form.fields[name]
    value = form.get_initial_for_field(field, name)
    if isinstance(field, forms.ModelMultipleChoiceField):
        pks = [getattr(item, "pk", item) for item in value or []]
        return ", ".join(str(obj) for obj in field.queryset.filter(pk__in=pks)) or _EMPTY
    if isinstance(field, forms.ModelChoiceField):
        if value in (None, ""):
            return _EMPTY
        obj = field.queryset.filter(pk=getattr(value, "pk", value)).first()
        return str(obj) if obj is not None else _("a record you cannot see")
    if isinstance(field, forms.MultipleChoiceField):
        labels = dict(field.choices)
        return ", ".join(str(labels.get(item, item)) for item in value or []) or _EMPTY
    if isinstance(field, forms.ChoiceField):
        return _EMPTY if value in (None, "") else str(dict(field.choices).get(value, value))
    if isinstance(field, forms.BooleanField):
        return _("yes") if value else _("no")
    value = field.prepare_value(value)
    if value in (None, "", [], ()):
        return _EMPTY
    return Truncator(str(value)).chars(200)
