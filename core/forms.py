"""Form bases for the portal's pages.

Every model form of the portal derives from PortalModelForm: it takes the requesting
`user`, so each relation's choice list goes through the same `visible_to(user)` choke
point as the pages, and it shows every error of the model's clean() on the page."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Q

from .permissions import MOVE_REFUSED, may_move_to_network, moves_between_networks


class CommaSeparatedListField(forms.CharField):
    """A list of short codes (SDG targets, ...) typed as "3.4, 10.b" into one text box,
    for a JSONField that holds a list. The model field's validators check the items."""

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return ", ".join(str(item) for item in value)
        return value

    def to_python(self, value):
        if isinstance(value, (list, tuple)):
            return [str(item) for item in value]
        value = super().to_python(value)
        return [item.strip() for item in value.replace(";", ",").split(",") if item.strip()]

    def has_changed(self, initial, data):
        return self.to_python(initial or []) != self.to_python(data or "")


class PortalFormMixin:
    """What every portal form shares: native date pickers, roomy text areas, and
    `fieldsets` to group the fields under legends.

    `fieldsets` is a sequence of (legend, (field name, ...)); the edit template renders
    the fields in that order and any field not named in it afterwards."""

    fieldsets = ()

    def _prepare_widgets(self):
        for field in self.fields.values():
            widget = field.widget
            if isinstance(field, forms.DateField) and isinstance(widget, forms.DateInput):
                widget.input_type = "date"
                # The date input speaks ISO 8601 whatever the interface language.
                widget.format = "%Y-%m-%d"
            elif isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("rows", 4)

    def grouped_fields(self):
        """[(legend or None, [bound fields])], every visible field exactly once."""
        named, groups = set(), []
        for legend, names in self.fieldsets:
            bound = [self[name] for name in names if name in self.fields]
            named.update(names)
            if bound:
                groups.append((legend, bound))
        rest = [field for field in self.visible_fields() if field.name not in named]
        if rest:
            groups.append((None, rest))
        return groups

    def add_error(self, field, error):
        # Model.clean() may name a field this form does not show (e.g. the composting
        # reason on the ordinary edit form). Django would raise ValueError for it; the
        # user gets it as an error of the whole form, prefixed with the field's name.
        if field is None and isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            shown, hidden = {}, []
            for name, errors in error.error_dict.items():
                if name == NON_FIELD_ERRORS or name in self.fields:
                    shown[name] = errors
                else:
                    label = self._field_label(name)
                    hidden.extend(ValidationError(f"{label}: {message}") for e in errors for message in e.messages)
            if hidden:
                shown.setdefault(NON_FIELD_ERRORS, []).extend(hidden)
            error = ValidationError(shown)
        super().add_error(field, error)

    def _field_label(self, name):
        model = getattr(getattr(self, "_meta", None), "model", None)
        if model is not None:
            try:
                return str(model._meta.get_field(name).verbose_name).capitalize()
            except Exception:  # noqa: BLE001 - any unknown name falls back to itself
                pass
        return name


class PortalForm(PortalFormMixin, forms.Form):
    """A plain form of the portal (a phase change, a confirmation)."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self._prepare_widgets()


class PortalModelForm(PortalFormMixin, forms.ModelForm):
    """A model form whose relation choices are what `user` may see.

    A relation that already points at a record the user cannot see is kept as it is: a
    single relation is taken off the form (listed in `withheld_fields`), and the hidden
    members of a many-to-many relation are put back on save."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.withheld_fields = []
        self._hidden_members = {}
        self._restrict_choices()
        self._prepare_widgets()

    def _restrict_choices(self):
        for name, field in list(self.fields.items()):
            queryset = getattr(field, "queryset", None)
            if queryset is None or not hasattr(queryset, "visible_to"):
                continue
            visible = queryset.visible_to(self.user)
            field.queryset = visible
            if not self.instance.pk or name not in {f.name for f in self._meta.model._meta.get_fields()}:
                continue
            if isinstance(field, forms.ModelMultipleChoiceField):
                manager = getattr(self.instance, name, None)
                if manager is not None and hasattr(manager, "exclude"):
                    hidden = list(manager.exclude(pk__in=visible.values("pk")).values_list("pk", flat=True))
                    if hidden:
                        self._hidden_members[name] = hidden
            else:
                current = getattr(self.instance, f"{name}_id", None)
                if current is not None and not visible.filter(pk=current).exists():
                    self.withheld_fields.append(field.label or name)
                    del self.fields[name]

    def _post_clean(self):
        super()._post_clean()
        # The model's rules for many-to-many lists, which Model.full_clean cannot see.
        check = getattr(self.instance, "clean_many_to_many", None)
        if check is None:
            return
        names = [f.name for f in self.instance._meta.many_to_many if f.name in self.cleaned_data]
        errors = check({name: self.cleaned_data[name] for name in names})
        for name, error in errors.items():
            self.add_error(name, error)

    def clean(self):
        cleaned_data = super().clean()
        network = cleaned_data.get("network")
        if network is not None and self.instance.pk and moves_between_networks(self._meta.model):
            if not may_move_to_network(self.user, self.instance, network.pk):
                self.add_error("network", MOVE_REFUSED)
        for name, hidden in self._hidden_members.items():
            if name in cleaned_data:
                field = self.fields[name]
                chosen = [obj.pk for obj in cleaned_data[name]]
                cleaned_data[name] = field.queryset.model._default_manager.filter(Q(pk__in=chosen) | Q(pk__in=hidden))
        return cleaned_data


class ConfirmForm(PortalForm):
    """An empty form: a POST with a valid CSRF token confirms the action."""
