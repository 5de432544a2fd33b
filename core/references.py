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
from django.db.models import Prefetch, Q, prefetch_related_objects

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
    """Which targets one reader may see, asked once per target model for all the ids a
    list names (`ask`), then per id (`is_visible`)."""

    def __init__(self, user):
        self.user = user
        self.sees_everything = get_audience(user).sees_everything
        self._asked = {}  # target model -> set of ids asked about
        self._visible = {}  # target model -> set of visible ids among them

    def ask(self, target, ids):
        """Look up, in one query, which of ids (of target) the reader may see."""
        ids = set(ids) - self._asked.get(target, set())
        if not ids or self.sees_everything:
            return
        visible = target._default_manager.visible_to(self.user).filter(pk__in=ids).values_list("pk", flat=True)
        self._asked.setdefault(target, set()).update(ids)
        self._visible.setdefault(target, set()).update(visible)

    def is_visible(self, target, pk):
        if self.sees_everything or pk is None:
            return True
        self.ask(target, {pk})
        return pk in self._visible.get(target, set())


def hide_invisible_references(records, user, only=None):
    """Blank, on loaded records, every optional reference whose target `user` cannot see,
    for pages, exports and JSON-LD: a foreign key reads as None (its `_id` column is kept,
    so nothing is lost if the record is saved), a many-to-many list holds only the visible
    members (read ahead, so reading it costs nothing more). `only` narrows it to some
    field names (a list page: the relations its columns show). One query per target
    model and many-to-many field for the whole list. Returns the records as a list."""
    records = [record for record in records if isinstance(record, models.Model)]
    if not records or get_audience(user).sees_everything:
        return records
    visibility = ReferenceVisibility(user)
    by_model = {}
    for record in records:
        by_model.setdefault(type(record), []).append(record)
    for model, group in by_model.items():
        for field in optional_reference_fields(model):
            if only is not None and field.name not in only:
                continue
            if field.many_to_many:
                for record in group:
                    getattr(record, "_prefetched_objects_cache", {}).pop(field.name, None)
                visible = field.related_model._default_manager.visible_to(user)
                prefetch_related_objects(group, Prefetch(field.name, queryset=visible))
                continue
            visibility.ask(field.related_model, {getattr(record, field.attname) for record in group} - {None})
            for record in group:
                if not visibility.is_visible(field.related_model, getattr(record, field.attname)):
                    field.set_cached_value(record, None)
    return records
