"""A reference is visible only when its target is.

Records point at records that have an audience of their own (a `VisibleModel`: an
initiative, a mission, a theme, a portfolio, an event, a learning entry). A reader who
may see the pointing record but not the target must learn nothing of the target: not its
title, not its slug, not its id. The rule is read off the model graph, so a relation
added later follows it without anyone listing it here:

- a **required** reference (a non-null foreign key: a portfolio entry's initiative, a
  review decision's initiative) makes the row part of its target: the row is visible
  only when its target is. `core.querysets` applies `required_reference_q` in
  `visible_to`, so the row disappears from every page, list, export and summary.
- an **optional** reference (a nullable foreign key: `parent`, `twin_of`, a mission's
  `theme`, an event's initiative and mission, a note's `became`) or a **many-to-many**
  list (an initiative's missions, a note's initiatives) is **blanked**: the record stays,
  the reference reads as empty (None, or the list without the invisible members).
  `hide_invisible_references` does that to loaded records for the pages and exports,
  `ReferenceVisibility` for the API's serializers; both ask the target's `visible_to`.

Blanking is for reading. The stored value is kept (`<field>_id` is untouched), so a
record read this way and written back does not lose a reference its writer cannot see."""

import functools

from django.apps import apps
from django.db import models
from django.db.models import Q

from .audience import get_audience


def _is_visible_model(model):
    from .models import VisibleModel

    return isinstance(model, type) and issubclass(model, VisibleModel)


def _is_history_model(model):
    # django-simple-history's copies keep the relations as plain columns of the past;
    # the history page names them through visible_to (core.views.HistoryView).
    return hasattr(model, "instance_type")


@functools.cache
def visible_reference_fields(model):
    """Every foreign key and many-to-many field of `model` whose target has an audience
    of its own, in declaration order."""
    return tuple(
        field
        for field in model._meta.get_fields()
        if (field.many_to_one or field.many_to_many or field.one_to_one)
        and field.concrete
        and _is_visible_model(field.related_model)
    )


@functools.cache
def required_reference_fields(model):
    """The references the row cannot be shown without: non-null foreign keys to a
    `VisibleModel`. Its `visibility_parent` is checked by its queryset already."""
    parent = getattr(model, "visibility_parent", None)
    return tuple(
        field
        for field in visible_reference_fields(model)
        if not field.many_to_many and not field.null and field.name != parent
    )


@functools.cache
def optional_reference_fields(model):
    """The references that are blanked for a reader who cannot see their target."""
    return tuple(field for field in visible_reference_fields(model) if field.many_to_many or field.null)


def required_reference_q(model, user):
    """The condition "every required reference of the row points at a visible record"."""
    condition = Q()
    for field in required_reference_fields(model):
        targets = field.related_model._default_manager.visible_to(user).values("pk")
        condition &= Q(**{f"{field.name}__in": targets})
    return condition


def every_visible_reference():
    """(model, field) for every relation of the project to a `VisibleModel`: the list the
    leak test plants hidden targets behind."""
    return [
        (model, field)
        for model in apps.get_models()
        if not _is_history_model(model)
        for field in visible_reference_fields(model)
    ]


class ReferenceVisibility:
    """Which targets of optional references one reader may see, asked once per target
    model for a whole list of records (`prime`), then per record (`hidden`)."""

    def __init__(self, user, only=None):
        self.user = user
        # The field names to look at (a list page: its columns), or None for all.
        self.only = None if only is None else set(only)
        self.sees_everything = get_audience(user).sees_everything
        self._asked = {}  # target model -> set of ids asked about
        self._visible = {}  # target model -> set of visible ids among them
        self._members = {}  # (model, many-to-many field name) -> {record pk: set of target ids}

    def prime(self, records):
        """Look up, in one query per target model, every optional reference of records."""
        if self.sees_everything:
            return
        wanted = {}
        records = [record for record in records if isinstance(record, models.Model)]
        self._read_members(records)
        for record in records:
            for field in self._fields(type(record)):
                wanted.setdefault(field.related_model, set()).update(self._target_ids(record, field))
        for target, ids in wanted.items():
            self.ask(target, ids)

    def _fields(self, model):
        fields = optional_reference_fields(model)
        return fields if self.only is None else [field for field in fields if field.name in self.only]

    def ask(self, target, ids):
        """Look up, in one query, which of ids (of target) the reader may see."""
        ids = set(ids) - self._asked.get(target, set())
        if not ids:
            return
        visible = target._default_manager.visible_to(self.user).filter(pk__in=ids).values_list("pk", flat=True)
        self._asked.setdefault(target, set()).update(ids)
        self._visible.setdefault(target, set()).update(visible)

    def _read_members(self, records):
        """The many-to-many members of records not read ahead, one query per field."""
        by_model = {}
        for record in records:
            if record.pk is not None:
                by_model.setdefault(type(record), []).append(record)
        for model, group in by_model.items():
            for field in self._fields(model):
                if not field.many_to_many:
                    continue
                known = self._members.setdefault((model, field.name), {})
                pks = [
                    record.pk
                    for record in group
                    if record.pk not in known and field.name not in getattr(record, "_prefetched_objects_cache", {})
                ]
                if not pks:
                    continue
                through = field.remote_field.through
                source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
                for pk in pks:
                    known[pk] = set()
                rows = through._base_manager.filter(**{f"{source}__in": pks}).values_list(
                    f"{source}_id", f"{target}_id"
                )
                for pk, target_id in rows:
                    known[pk].add(target_id)

    def _target_ids(self, record, field):
        if field.many_to_many:
            if record.pk is None:
                return set()
            cache = getattr(record, "_prefetched_objects_cache", {})
            if field.name in cache:
                return {obj.pk for obj in cache[field.name]}
            known = self._members.get((type(record), field.name), {})
            if record.pk in known:
                return known[record.pk]
            return set(getattr(record, field.name).values_list("pk", flat=True))
        value = getattr(record, field.attname)
        return set() if value is None else {value}

    def is_visible(self, target, pk):
        if self.sees_everything or pk is None:
            return True
        self.ask(target, {pk})
        return pk in self._visible.get(target, set())

    def hidden(self, record):
        """{field name: set of hidden target ids} for one record."""
        if self.sees_everything:
            return {}
        hidden = {}
        for field in self._fields(type(record)):
            ids = self._target_ids(record, field)
            self.ask(field.related_model, ids)
            invisible = ids - self._visible.get(field.related_model, set())
            if invisible:
                hidden[field.name] = invisible
        return hidden


def hide_invisible_references(records, user, visibility=None, only=None):
    """Blank, on loaded records, every optional reference whose target `user` cannot see:
    a foreign key reads as None (its `_id` column is kept, so nothing is lost if the
    record is saved), a many-to-many list leaves out the invisible members. For pages,
    exports and JSON-LD: one query per target model for the whole list. Returns records."""
    records = [record for record in records if isinstance(record, models.Model)]
    visibility = visibility or ReferenceVisibility(user, only=only)
    visibility.prime(records)
    for record in records:
        hidden = visibility.hidden(record)
        for name, ids in hidden.items():
            field = record._meta.get_field(name)
            if field.many_to_many:
                manager = getattr(record, name)
                members = [obj for obj in manager.all() if obj.pk not in ids]
                queryset = manager.get_queryset()
                queryset._result_cache = members
                queryset._prefetch_done = True
                if not hasattr(record, "_prefetched_objects_cache"):
                    record._prefetched_objects_cache = {}
                record._prefetched_objects_cache[name] = queryset
            else:
                field.set_cached_value(record, None)
        record._hidden_references = hidden
    return records
