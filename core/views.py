"""Base views, NetBox-style: an app view declares only what differs.

    class InitiativeListView(ObjectListView):
        queryset = Initiative.objects.select_related("network")   # no visible_to here
        filterset = InitiativeFilterSet
        filter_fields = ("q", "phase", ...)        # the filters the form shows
        columns = (Column("title", link=True, ordering="title", content=True), ...)

    class InitiativeDetailView(ObjectDetailView):
        queryset = Initiative.objects.select_related("network")
        template_name = "initiatives/initiative_detail.html"

    class InitiativeEditView(ObjectEditView):       # /add/ (no slug or pk) and /<slug>/edit/
        queryset = Initiative.objects.all()
        form = InitiativeForm                      # a core.forms.PortalModelForm
        formsets = {"participations": ParticipationFormSet}

    class InitiativeDeleteView(ObjectDeleteView): queryset = Initiative.objects.all()
    class InitiativeHistoryView(HistoryView): queryset = Initiative.objects.all()

    class InitiativePhaseChangeView(ObjectActionView):   # a form acting on one record
        queryset = Initiative.objects.all()
        form = PhaseChangeForm                     # a core.forms.PortalForm
        def perform(self, obj, form): services.change_phase(obj, ...)

Every view has get_extra_context() for what its template adds. The generic templates
(core/templates/core/object_*.html) have blocks to override: object_detail.html
`actions` and `details`, object_edit.html `form_fields` and `formsets`,
object_list.html `intro` and `list_actions`. Shared pieces live in templates/partials/:
field.html (label, help and errors linked by aria-describedby), form_fields.html,
formset.html, error_summary.html, content.html (a record's text with its `lang`).

The rules every view keeps, so an app view cannot forget them:

- What a user reads is `queryset.visible_to(request.user)`; a record outside it is a 404,
  never a 403 that would tell that it exists.
- What a user changes is `queryset.editable_by(request.user)`: a record they can see but
  not change is a 403. Anonymous users asking to change anything go to the login page.
- A new record needs `core.permissions.can_create_in_network` for its network.
- URL names follow `<app_label>:<model_name>_<action>` (list, add, detail, edit, delete,
  history) with `slug` (or `pk`) as the only lookup; `object_url()` and the templates'
  `{% object_url %}` find them that way.
- Every new URL pattern gets an entry in tests/support/views.py PORTAL_VIEWS (who gets 200,
  302, 403 or 404); the suite fails without one.

Lists and detail pages are served from the cache to anonymous readers
(core/pagecache.py, `page_cache = False` on a view turns it off); a list's filter form is
kept per audience and language, and its widgets and cells are written in Python
(core/rendering.py). docs/performance.md has the figures.
"""

import dataclasses
import functools

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.text import capfirst, slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView, View
from django.views.generic.base import ContextMixin, TemplateResponseMixin

from . import panels, versions
from .audience import get_audience
from .forms import ConfirmForm, PortalModelForm
from .pagecache import AnonymousPageCacheMixin, cached_fragment
from .permissions import can_change, can_create_in_network, networks_user_can_create_in
from .references import hide_invisible_references
from .rendering import fast_form_renderer
from .spreadsheets import table_response

LOOKUP_KWARGS = ("slug", "pk")


def object_url(obj, action):
    """The URL of `action` ("edit", "delete", "history", ...) for obj, or None when the
    app has no such page. Follows `<app_label>:<model_name>_<action>`."""
    opts = obj._meta
    kwargs = {"slug": obj.slug} if getattr(obj, "slug", None) else {"pk": obj.pk}
    try:
        return reverse(f"{opts.app_label}:{opts.model_name}_{action}", kwargs=kwargs)
    except NoReverseMatch:
        return None


def model_url(model, action):
    """The URL of a model-wide page ("list", "add"), or None when there is none."""
    opts = model._meta
    try:
        return reverse(f"{opts.app_label}:{opts.model_name}_{action}")
    except NoReverseMatch:
        return None


def field_label(model, accessor):
    """The verbose name of the model field an accessor starts with, capitalised."""
    name = accessor.split(".")[0].split("__")[0]
    try:
        return capfirst(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return capfirst(name.replace("_", " "))


def can_create_any(user, *, admin_only=False):
    """Is there at least one network where the user may add a record?"""
    if not user.is_authenticated:
        return False
    allowed = networks_user_can_create_in(user, admin_only=admin_only)
    return allowed is None or bool(allowed)


def get_editable_or_403(queryset, user, **lookup):
    """The record a change is about (an initiative whose indicators are added, say):
    404 when the user cannot see it, 403 when they see it but may not change it."""
    obj = get_object_or_404(queryset.visible_to(user), **lookup)
    if not can_change(user, obj, queryset):
        raise PermissionDenied
    return obj


@functools.lru_cache(maxsize=1024)
def _choice_labels(model, name, language):
    """{stored value: label} of a field with choices, in `language` (the active one)."""
    field = model._meta.get_field(name)
    return {make_hashable(value): force_str(label, strings_only=True) for value, label in field.flatchoices}


def choice_label(obj, name):
    """What obj.get_<name>_display() gives, without rebuilding the choices' dict on every
    call as Django does (a list shows a choice label in every row). None when the model
    defines get_<name>_display itself, or the field has no choices."""
    model = type(obj)
    for klass in model.__mro__:
        method = klass.__dict__.get(f"get_{name}_display")
        if method is not None:
            if not isinstance(method, functools.partialmethod):
                return None
            break
    else:
        return None
    value = getattr(obj, model._meta.get_field(name).attname)
    labels = _choice_labels(model, name, get_language())
    return labels.get(make_hashable(value), force_str(value, strings_only=True))


@dataclasses.dataclass(frozen=True)
class Column:
    """One column of an ObjectListView.

    accessor: attribute path on the row ("title", "network", "parent.title"); a field
        with choices shows its label, a to-many relation its items (prefetch them in
        the view's queryset, or the list stops using a constant number of queries).
    label: the header; by default the model field's verbose name.
    ordering: the value of the FilterSet's `ordering` parameter that sorts by this
        column (a header link toggles ascending and descending).
    link: the cell links to the row's get_absolute_url().
    content: the cell shows the record's own text, so it carries `lang` of the record.
    template: a template for the cell, given `obj`, `value` and `column`.
    """

    accessor: str
    label: str | None = None
    ordering: str | None = None
    link: bool = False
    content: bool = False
    template: str | None = None

    def value(self, obj):
        if self.accessor == "__str__":
            return str(obj)
        value = obj
        parts = self.accessor.split(".")
        for index, part in enumerate(parts):
            if value is None:
                return None
            last = index == len(parts) - 1
            display = getattr(value, f"get_{part}_display", None)
            if last and callable(display):
                label = choice_label(value, part)
                return display() if label is None else label
            value = getattr(value, part, None)
            if isinstance(value, models.Manager):
                value = list(value.all())
            elif callable(value):
                value = value()
        return value


class VisibleQuerysetMixin:
    """Restricts the view's queryset to what the requesting user may see. Subclasses that
    narrow it further (a record under its parent's URL) call super().get_queryset()."""

    queryset = None

    @property
    def model(self):
        if self.queryset is None:
            raise ImproperlyConfigured(f"{type(self).__name__} needs a queryset.")
        return self.queryset.model

    def get_queryset(self):
        return self.queryset.visible_to(self.request.user)

    def get_extra_context(self):
        """Context an app view adds (NetBox's name for it)."""
        return {}


class ListExportMixin:
    """`?export=csv` or `?export=xlsx` on a list: the whole filtered, sorted list (not one
    page) as a file, with the list's columns and each record's address. It is the same
    queryset the page shows, so the same visibility applies."""

    export_param = "export"
    export_formats = ("csv", "xlsx")

    def export_format(self):
        value = self.request.GET.get(self.export_param)
        return value if value in self.export_formats else None

    def export_urls(self):
        params = self.request.GET.copy()
        params.pop("page", None)
        urls = {}
        for name in self.export_formats:
            params[self.export_param] = name
            urls[name] = f"?{params.urlencode()}"
        return urls

    def export_filename(self):
        return slugify(str(self.model._meta.verbose_name_plural))

    def export_table(self, queryset):
        """(header labels, rows of plain values)."""
        columns = self.get_columns()
        header = [str(column.label or field_label(self.model, column.accessor)) for column in columns]
        header.append(_("Address"))
        rows = []
        for obj in hide_invisible_references(queryset, self.request.user, only=self.shown_relations()):
            row = [column.value(obj) for column in columns]
            url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
            row.append(self.request.build_absolute_uri(url) if url else "")
            rows.append(row)
        return header, rows

    def render_export(self, export_format):
        header, rows = self.export_table(self.get_queryset())
        title = capfirst(self.model._meta.verbose_name_plural)
        return table_response(export_format, title, header, rows, self.export_filename())

    def get(self, request, *args, **kwargs):
        export_format = self.export_format()
        if export_format:
            return self.render_export(export_format)
        return super().get(request, *args, **kwargs)


class ObjectListView(AnonymousPageCacheMixin, ListExportMixin, VisibleQuerysetMixin, ListView):
    """A list filtered by the model's one FilterSet (the API uses the same one), sorted
    by its `ordering` filter, paginated, in a constant number of queries.

    filterset: the model's FilterSet class, or None.
    filter_fields: the filters shown in the form (None: all but `ordering` and
        `updated_since`). Filters not shown still apply when they are in the URL, and the
        form keeps them as hidden inputs.
    columns: Column()s; by default one column with the record's name, linked.
    create_admin_only: only network administrators add records (the "Add" link).
    `?per_page=` asks for another page size, one of `per_page_choices` (others give the
    default, `paginate_by`); the API's `limit` does the same.
    """

    filterset = None
    filter_fields = None
    columns = ()
    paginate_by = 25
    per_page_param = "per_page"
    per_page_choices = (10, 25, 50, 100)
    ordering_param = "ordering"
    create_admin_only = False
    template_name = "core/object_list.html"
    results_template_name = "core/object_list_results.html"
    filter_fields_template_name = "core/filter_fields.html"
    results_id = "object-list-results"
    # Short multiple-choice filters read better as checkboxes than a multi-select.
    checkbox_choice_limit = 10

    @property
    def model_verbose_name_plural(self):
        return self.model._meta.verbose_name_plural

    def get_queryset(self):
        queryset = super().get_queryset()
        self.filter = None
        if self.filterset is not None:
            self.filter = self.filterset(self.request.GET, queryset=queryset, request=self.request)
            queryset = self.filter.qs
        elif self.request.GET.get(self.ordering_param) in self.allowed_orderings():
            queryset = queryset.order_by(self.request.GET[self.ordering_param])
        return self.stable_order(queryset)

    def shown_relations(self):
        """The fields the columns start from: the references a row shows."""
        return {column.accessor.split(".")[0] for column in self.get_columns()}

    def per_page(self):
        """The page size asked for with `?per_page=`, when it is one we offer, else None."""
        value = self.request.GET.get(self.per_page_param, "")
        return int(value) if value.isdigit() and int(value) in self.per_page_choices else None

    def get_paginate_by(self, queryset):
        return self.per_page() or self.paginate_by

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        # A column naming a record the reader cannot see shows nothing (core.references).
        object_list = hide_invisible_references(object_list, self.request.user, only=self.shown_relations())
        page.object_list = object_list
        return paginator, page, object_list, is_paginated

    @staticmethod
    def stable_order(queryset):
        """Ties broken by pk, so no row appears on two pages or on none."""
        ordering = list(queryset.query.order_by) or list(queryset.model._meta.ordering)
        if not {"pk", "-pk", "id", "-id"} & set(map(str, ordering)):
            ordering.append("pk")
        return queryset.order_by(*ordering)

    def allowed_orderings(self):
        ordering_filter = self.filter.filters.get(self.ordering_param) if getattr(self, "filter", None) else None
        if ordering_filter is not None and hasattr(ordering_filter, "param_map"):
            names = set(ordering_filter.param_map)
        elif ordering_filter is None and self.filterset is None:
            names = {column.ordering for column in self.get_columns() if column.ordering}
        else:
            names = set()
        return names | {f"-{name}" for name in names}

    def get_columns(self):
        return self.columns or (Column("__str__", label=capfirst(self.model._meta.verbose_name), link=True),)

    def column_headers(self):
        current = self.request.GET.get(self.ordering_param, "")
        allowed = self.allowed_orderings()
        headers = []
        for column in self.get_columns():
            header = {
                "column": column,
                "label": column.label or field_label(self.model, column.accessor),
                "sort_url": None,
                "aria_sort": None,
            }
            if column.ordering and column.ordering in allowed:
                if current == column.ordering:
                    header["aria_sort"], next_ordering = "ascending", f"-{column.ordering}"
                elif current == f"-{column.ordering}":
                    header["aria_sort"], next_ordering = "descending", column.ordering
                else:
                    next_ordering = column.ordering
                params = self.request.GET.copy()
                params.pop("page", None)
                params[self.ordering_param] = next_ordering
                header["sort_url"] = f"?{params.urlencode()}"
            headers.append(header)
        return headers

    def filter_form_fields(self):
        """(shown bound fields, hidden (name, value) pairs that keep the other filters)."""
        if self.filter is None:
            return [], []
        form = self.filter.form
        # Several hundred <option>s: written in Python, not one template each.
        form.renderer = fast_form_renderer
        names = self.filter_fields
        if names is None:
            names = [name for name in form.fields if name not in (self.ordering_param, "updated_since")]
        shown = []
        for name in names:
            field = form.fields[name]
            if (
                isinstance(field, forms.MultipleChoiceField)
                and not isinstance(field, forms.ModelMultipleChoiceField)
                and len(field.choices) <= self.checkbox_choice_limit
            ):
                field.widget = forms.CheckboxSelectMultiple(choices=field.choices)
            shown.append(form[name])
        hidden = [
            (name, value)
            for name in form.fields
            if name not in names
            for value in self.request.GET.getlist(name)
            if value
        ]
        if self.per_page():
            hidden.append((self.per_page_param, str(self.per_page())))
        return shown, hidden

    def filter_fields_html(self, shown):
        """The filter form's fields, rendered. Their choices (every organisation,
        municipality, mission, theme and network the reader may see) are the same for
        everyone with the same audience, so the HTML is kept per language, audience and
        chosen values (core.pagecache.cached_fragment), and its choice queries run only
        when it is not."""

        def render():
            return render_to_string(self.filter_fields_template_name, {"filter_fields": shown}, request=self.request)

        form = self.filter.form
        if form.errors:
            return render()
        audience = get_audience(self.request.user)
        chosen = sorted((field.name, tuple(self.request.GET.getlist(field.name))) for field in shown)
        parts = [
            f"{type(self).__module__}.{type(self).__qualname__}",
            self.filter_fields_template_name,
            getattr(self.request, "LANGUAGE_CODE", ""),
            audience.sees_everything,
            audience.person_id,
            sorted(audience.network_ids),
            sorted(audience.coordinator_network_ids),
            sorted(audience.admin_network_ids),
            sorted(audience.coordinator_organisations),
            chosen,
        ]
        return cached_fragment(parts, render)

    @property
    def is_results_request(self):
        """An htmx request for the results only (the filter form or a sort link)."""
        htmx = getattr(self.request, "htmx", None)
        return bool(htmx) and not htmx.boosted and htmx.target == self.results_id

    def get_template_names(self):
        if self.is_results_request:
            return [self.results_template_name]
        return super().get_template_names()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shown, hidden = self.filter_form_fields()
        filtered = any(name != self.per_page_param for name, _ in hidden) or any(
            value for field in shown for value in self.request.GET.getlist(field.name)
        )
        add_url = model_url(self.model, "add")
        context.update(
            {
                "filter": self.filter,
                "filter_fields": shown,
                # Rendered only when the template shows the form (not for htmx results).
                "filter_fields_html": lambda: self.filter_fields_html(shown),
                "hidden_filters": hidden,
                "filtered": filtered,
                "headers": self.column_headers(),
                "columns": self.get_columns(),
                "result_count": context["paginator"].count if context.get("paginator") else len(context["object_list"]),
                "results_id": self.results_id,
                "results_only": self.is_results_request,
                "title": capfirst(self.model_verbose_name_plural),
                "add_url": add_url
                if add_url and can_create_any(self.request.user, admin_only=self.create_admin_only)
                else None,
                "model_verbose_name": self.model._meta.verbose_name,
                "export_urls": self.export_urls(),
            }
        )
        context.update(self.get_extra_context())
        return context


class ObjectDetailView(AnonymousPageCacheMixin, VisibleQuerysetMixin, DetailView):
    """One record the user may see (else 404), with the actions they may take on it:
    `can_change`, and `actions` (edit, delete, history URLs that exist)."""

    template_name = "core/object_detail.html"

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        # The page, its JSON-LD and its panels read references the reader may see only
        # (core.references): a hidden parent, theme or mission reads as None.
        hide_invisible_references([obj], self.request.user)
        return obj

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        # Kept on the view too, for get_extra_context().
        self.can_change = may_change = can_change(self.request.user, obj, self.queryset)
        actions = {}
        if may_change:
            actions["edit"] = object_url(obj, "edit")
            actions["delete"] = object_url(obj, "delete")
        if self.request.user.is_authenticated:
            actions["history"] = object_url(obj, "history")
        context.update(
            {
                "can_change": may_change,
                "actions": {name: url for name, url in actions.items() if url},
                "list_url": model_url(self.model, "list"),
                "model_verbose_name": obj._meta.verbose_name,
            }
        )
        context.update(self.get_extra_context())
        return context


class ObjectPermissionMixin(LoginRequiredMixin, VisibleQuerysetMixin):
    """For views that change a record: anonymous users go to the login page, a record the
    user cannot see is a 404, one they see but may not change is a 403."""

    def lookup(self):
        return {name: self.kwargs[name] for name in LOOKUP_KWARGS if name in self.kwargs}

    def get_editable_object(self):
        obj = get_object_or_404(self.get_queryset(), **self.lookup())
        if not can_change(self.request.user, obj, self.queryset):
            raise PermissionDenied
        return obj


class ObjectEditView(ObjectPermissionMixin, TemplateResponseMixin, ContextMixin, View):
    """Create (URL without slug/pk) and update (with one) a record and its inline rows.

    form: a core.forms.PortalModelForm; it gets `user` so its choices are visible ones.
    formsets: {prefix: inline formset class}; saved with the record, in one transaction.
        Their forms may be PortalModelForms too. Without JavaScript the formset's `extra`
        empty rows are the way to add rows; static/js/horisont.js adds an "add" button.
    create_admin_only: only network administrators create (themes, missions, portfolios).
    network_field: the field naming the record's network, checked with
        can_create_in_network on create. A model without one overrides can_create().
    Hooks: alter_object() prefills a new record, after_save() follows the save.
    """

    form = None
    formsets = {}
    # {prefix: (legend, item label, help text or "")} for the formsets' headings.
    formset_labels = {}
    template_name = "core/object_edit.html"
    create_admin_only = False
    network_field = "network"

    @property
    def is_create(self):
        return not self.lookup()

    def can_create_any(self):
        """May the user open the create form at all?"""
        return can_create_any(self.request.user, admin_only=self.create_admin_only)

    def can_create(self, obj):
        """May the user add obj (its network is already set from the form)?"""
        return can_create_in_network(
            self.request.user, getattr(obj, f"{self.network_field}_id", None), admin_only=self.create_admin_only
        )

    def alter_object(self, obj):
        """Prefill a new record, e.g. from the URL."""
        return obj

    def after_save(self, obj, created):
        """Runs inside the transaction, after the record and its formsets are saved."""

    def get_object(self):
        if self.is_create:
            if not self.can_create_any():
                raise PermissionDenied
            return self.alter_object(self.model())
        return self.get_editable_object()

    def get_initial(self):
        return {}

    def get_form(self, data=None, files=None):
        form = self.build_form(self.object, data, files)
        if self.checks_version():
            versions.carry_version(form, self.object)
        return form

    def build_form(self, instance, data=None, files=None):
        kwargs = {"instance": instance, "initial": self.get_initial()}
        if issubclass(self.form, PortalModelForm):
            kwargs["user"] = self.request.user
        return self.form(data, files, **kwargs)

    def checks_version(self):
        """Optimistic locking (core/versions.py): an edit form carries the version it was
        read at, and a save over a newer one is a 409 with what changed."""
        return not self.is_create and versions.has_version(self.model)

    def get_formsets(self, data=None, files=None):
        formsets = {}
        for prefix, formset_class in self.formsets.items():
            form_kwargs = {}
            if issubclass(formset_class.form, PortalModelForm):
                form_kwargs["user"] = self.request.user
            formsets[prefix] = formset_class(data, files, instance=self.object, prefix=prefix, form_kwargs=form_kwargs)
        return formsets

    def formset_block(self, prefix, formset):
        opts = formset.model._meta
        legend, item_label, help_text = self.formset_labels.get(
            prefix, (capfirst(opts.verbose_name_plural), opts.verbose_name, "")
        )
        return {"legend": legend, "item_label": item_label, "help": help_text, "formset": formset}

    def get_success_url(self, obj):
        return obj.get_absolute_url()

    def get_cancel_url(self):
        if self.object.pk:
            return self.object.get_absolute_url()
        return model_url(self.model, "list") or reverse("home")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        verbose_name = self.model._meta.verbose_name
        context.update(
            {
                "object": self.object,
                "is_create": self.is_create,
                "title": _("Add %(model)s") % {"model": verbose_name}
                if self.is_create
                else _("Edit %(model)s") % {"model": verbose_name},
                "cancel_url": self.get_cancel_url(),
                "model_verbose_name": verbose_name,
                "formset_blocks": [
                    self.formset_block(prefix, formset) for prefix, formset in kwargs.get("formsets", {}).items()
                ],
            }
        )
        context.update(self.get_extra_context())
        return context

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data(form=self.get_form(), formsets=self.get_formsets()))

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        created = self.is_create
        form = self.get_form(request.POST, request.FILES)
        # The form first: it fills self.object, which the formsets then validate against.
        valid = form.is_valid()
        formsets = self.get_formsets(request.POST, request.FILES)
        valid = all([formset.is_valid() for formset in formsets.values()]) and valid
        if valid and created and not self.can_create(form.instance):
            field = self.network_field if self.network_field in form.fields else None
            form.add_error(field, _("You cannot add records to this network."))
            valid = False
        if valid:
            try:
                with transaction.atomic():
                    if self.checks_version():
                        versions.check_version(form, self.model, self.object.pk, self.build_form)
                    obj = form.save()
                    for formset in formsets.values():
                        formset.instance = obj
                        formset.save()
                    self.after_save(obj, created)
            except IntegrityError:
                # Someone saved a clashing record between our checks and our write (a
                # unique constraint); nothing of ours was written.
                form.add_error(
                    None,
                    _("Someone saved a record that clashes with this one just now. Check the form and send it again."),
                )
                return self.render_to_response(self.get_context_data(form=form, formsets=formsets), status=409)
            except versions.VersionConflict as conflict:
                # Someone saved the record since this form was read: nothing of ours was
                # written; the form says what they changed.
                versions.report_conflict(form, conflict)
                return self.render_to_response(self.get_context_data(form=form, formsets=formsets), status=409)
            messages.success(
                request,
                (_("Created %(model)s “%(object)s”.") if created else _("Saved %(model)s “%(object)s”."))
                % {"model": obj._meta.verbose_name, "object": obj},
            )
            return HttpResponseRedirect(self.get_success_url(obj))
        return self.render_to_response(self.get_context_data(form=form, formsets=formsets))


class ParentScopedEditView(ObjectEditView):
    """Add a record under a parent (`/initiatives/<initiative_slug>/learning/add/`) or edit
    one: whoever may change the parent may add to it, and the parent is looked up, and
    checked, on every request, for a new record from the URL, for an existing one from the
    record itself (404 when the user cannot see the parent, 403 when they may not change
    it). The view declares:

        parent_queryset = Initiative.objects.all()
        parent_field = "initiative"             # the record's foreign key to the parent
        parent_url_kwarg = "initiative_slug"    # the URL's name for the parent on create
        parent_lookup = "slug"                  # ... and the parent's field it names
        parent_copies = ("language", "visibility")  # set on a new record from the parent
        parent_initial = ("language", "visibility") # the form's initial values on create

    The template gets the parent under the name of parent_field.
    """

    parent_queryset = None
    parent_field = None
    parent_url_kwarg = None
    parent_lookup = "slug"
    parent_copies = ()
    parent_initial = ()

    def get_parent(self, obj=None):
        """The parent, checked; None for an existing record without one (an event of a
        mission rather than an initiative: its own editable_by decided)."""
        if obj is None:
            lookup = {self.parent_lookup: self.kwargs[self.parent_url_kwarg]}
        else:
            parent_id = getattr(obj, f"{self.parent_field}_id")
            if parent_id is None:
                return None
            lookup = {"pk": parent_id}
        return get_editable_or_403(self.parent_queryset, self.request.user, **lookup)

    def get_object(self):
        if self.is_create:
            self.parent = self.get_parent()
            return self.alter_object(self.model())
        obj = self.get_editable_object()
        self.parent = self.get_parent(obj)
        return obj

    def can_create(self, obj):
        # The parent was checked in get_object(); the record's network is the parent's.
        return True

    def alter_object(self, obj):
        setattr(obj, self.parent_field, self.parent)
        for name in self.parent_copies:
            setattr(obj, name, getattr(self.parent, name))
        return obj

    def get_initial(self):
        if self.is_create:
            return {name: getattr(self.parent, name) for name in self.parent_initial}
        return {}

    def get_parent_url(self):
        return self.parent.get_absolute_url() if self.parent is not None else reverse("home")

    def get_cancel_url(self):
        return self.object.get_absolute_url() if self.object.pk else self.get_parent_url()

    def get_extra_context(self):
        return {self.parent_field: self.parent}


class ObjectDeleteView(ObjectPermissionMixin, TemplateResponseMixin, ContextMixin, View):
    """Asks, then deletes a record the user may change. A record others still point at
    (a parent of pilots, ...) is not deleted; the page says why."""

    template_name = "core/object_delete.html"

    def get_success_url(self):
        return model_url(self.model, "list") or reverse("home")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "object": self.object,
                "model_verbose_name": self.model._meta.verbose_name,
                "title": _("Delete %(model)s") % {"model": self.model._meta.verbose_name},
            }
        )
        context.update(self.get_extra_context())
        return context

    def get(self, request, *args, **kwargs):
        self.object = self.get_editable_object()
        return self.render_to_response(self.get_context_data(form=ConfirmForm()))

    def post(self, request, *args, **kwargs):
        self.object = self.get_editable_object()
        form = ConfirmForm(request.POST)
        if form.is_valid():
            name = str(self.object)
            try:
                with transaction.atomic():
                    self.object.delete()
            except (models.ProtectedError, models.RestrictedError) as error:
                blocking = getattr(error, "protected_objects", None) or getattr(error, "restricted_objects", ())
                return self.render_to_response(
                    self.get_context_data(form=form, blocked_by=len(list(blocking))), status=409
                )
            messages.success(
                request, _("Deleted %(model)s “%(object)s”.") % {"model": self.model._meta.verbose_name, "object": name}
            )
            return HttpResponseRedirect(self.get_success_url())
        return self.render_to_response(self.get_context_data(form=form))


class ObjectActionView(ObjectPermissionMixin, TemplateResponseMixin, ContextMixin, View):
    """A form that acts on one record the user may change (change phase, compost, join).

    form: a core.forms.PortalForm. perform(obj, form) does the work through a service
    function; a ValidationError it raises is shown on the form's fields."""

    form = None
    template_name = "core/object_action.html"
    title = ""
    submit_label = ""
    success_message = ""

    def get_initial(self):
        return {}

    def get_form(self, data=None):
        return self.form(data, initial=self.get_initial(), user=self.request.user)

    def perform(self, obj, form):
        raise NotImplementedError

    def get_success_url(self):
        return self.object.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "object": self.object,
                "title": self.title,
                "submit_label": self.submit_label or _("Save"),
                "cancel_url": self.object.get_absolute_url(),
            }
        )
        context.update(self.get_extra_context())
        return context

    def get(self, request, *args, **kwargs):
        self.object = self.get_editable_object()
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        self.object = self.get_editable_object()
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                with transaction.atomic():
                    self.perform(self.object, form)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if self.success_message:
                    messages.success(request, self.success_message)
                return HttpResponseRedirect(self.get_success_url())
        return self.render_to_response(self.get_context_data(form=form))


class HistoryView(LoginRequiredMixin, VisibleQuerysetMixin, DetailView):
    """The django-simple-history records of a record the user may see: who, when, and
    what changed against the record before. For logged-in users only: the entries name
    the people who made the changes."""

    template_name = "core/object_history.html"
    # Kept out of the diff: bookkeeping, not content.
    ignored_fields = ("id", "created", "updated")
    # {field name: TextChoices} for list fields whose items are codes (target groups).
    value_labels = {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "entries": self.history_entries(self.object),
                "model_verbose_name": self.object._meta.verbose_name,
                "title": _("History of %(object)s") % {"object": self.object},
            }
        )
        context.update(self.get_extra_context())
        return context

    def history_entries(self, obj):
        records = list(obj.history.select_related("history_user").order_by("history_date", "history_id"))
        model = type(obj)
        fields = [
            field
            for field in model._meta.concrete_fields
            if field.name not in self.ignored_fields and field.name in {f.name for f in obj.history.model._meta.fields}
        ]
        related = self._related_names(fields, records)
        entries, previous = [], None
        for record in records:
            if previous is None or record.history_type == "+":
                changed = [f for f in fields if not self._is_empty(getattr(record, f.attname))]
                changes = [(f, None, getattr(record, f.attname)) for f in changed]
            else:
                delta = {
                    change.field: change
                    for change in record.diff_against(previous, excluded_fields=list(self.ignored_fields)).changes
                }
                changes = [(f, delta[f.name].old, delta[f.name].new) for f in fields if f.name in delta]
            entries.append(
                {
                    "record": record,
                    "user": self._user_name(record.history_user),
                    "action": {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}.get(record.history_type, ""),
                    "reason": record.history_change_reason,
                    "changes": [
                        {
                            "field": capfirst(field.verbose_name),
                            "old": self._display(field, old, related),
                            "new": self._display(field, new, related),
                        }
                        for field, old, new in changes
                    ],
                }
            )
            previous = record
        entries.reverse()
        return entries

    def _related_names(self, fields, records):
        """{(model, pk): name} for the relations in the history, only for records the user
        may see (the history must not name a draft they cannot open)."""
        names = {}
        for field in fields:
            if not field.is_relation:
                continue
            pks = {getattr(record, field.attname) for record in records} - {None}
            if not pks:
                continue
            target = field.related_model
            queryset = target._default_manager.filter(pk__in=pks)
            if hasattr(queryset, "visible_to"):
                queryset = queryset.visible_to(self.request.user)
            names.update({(target, obj.pk): str(obj) for obj in queryset})
        return names

    @staticmethod
    def _is_empty(value):
        return value in (None, "", [], {})

    @staticmethod
    def _user_name(user):
        if user is None:
            return _("unknown")
        return user.get_full_name() or user.get_username()

    def _display(self, field, value, related):
        if self._is_empty(value):
            return None
        if field.is_relation:
            return related.get((field.related_model, value), _("a record you cannot see"))
        if field.choices:
            return dict(field.flatchoices).get(value, value)
        if isinstance(value, list):
            labels = self.value_labels.get(field.name)
            labels = dict(labels.choices) if labels else {}
            return ", ".join(str(labels.get(item, item)) for item in value)
        return value


def home(request):
    """The home page: what each reader needs first. Every app adds its part
    (core/panels.register_home: initiatives/home.py, portfolios/home.py, evaluation/home.py);
    this view only says who is reading."""
    user = request.user
    roles = {"is_coordinator": False, "is_member": False}
    if user.is_authenticated:
        audience = get_audience(user)
        roles["is_member"] = True
        roles["is_coordinator"] = bool(
            audience.sees_everything or audience.coordinator_organisation_ids or audience.admin_network_ids
        )
    context = {**roles, **panels.home_context(user, roles, timezone.localdate())}
    return render(request, "core/home.html", context)


@transaction.non_atomic_requests
def healthz(request):
    """Liveness: answers without touching the database or the broker (ATOMIC_REQUESTS
    would otherwise open a transaction, and so a connection, for it)."""
    return JsonResponse({"status": "ok"})


class AccessibilityStatementView(TemplateView):
    """The accessibility statement (the web accessibility directive, EU 2016/2102, asks
    public bodies for one), in the interface language."""

    template_name = "core/accessibility.html"
