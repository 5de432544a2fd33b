"""How a change reaches the records that show it, and what a deletion leaves behind.

One place, signals on every model, the relations derived from the model graph and the
API's serializers (nothing listed by hand):

- **A row inside a record** (its `visibility_parent`, or a reverse foreign key that a
  resource's serializer nests: an initiative's partners and funding, a person's roles)
  marks the record changed when it is saved or deleted, also by a cascade; a moved row
  marks its former record too.
- **A many-to-many change** (`add`, `remove`, `clear`, `set`, from either side) marks
  the records that declare the field.
- **A deleted record** marks the records that lose it without a row of theirs being
  deleted: SET_NULL (and SET, SET_DEFAULT) foreign keys such as `twin_of`, and
  many-to-many fields such as an initiative's `missions`.
- **A deleted API resource** leaves a `Tombstone` (the deletion feed, /api/v1/deletions/)
  with the visibility it had, so a reader sees only deletions of records they could see.

"Marks changed" is one `UPDATE ... SET updated = now()` per model and cascade (no signal,
no history entry), so `updated_since`, the cursor pages and the ETag see the change.
The rows of one deletion (`Model.delete()` or `QuerySet.delete()`, cascades included) are
gathered while Django sends `pre_delete` for each, and written at its first `post_delete`:
every `pre_delete` comes before any `post_delete`. What a deletion takes away from other
records (a nulled foreign key, a many-to-many row) is marked at `pre_delete`, while those
rows still exist: one UPDATE per deleted record and relation, whatever the number of
records it reaches."""

import functools
from collections import defaultdict

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.utils import timezone
from django.utils.module_loading import import_string

from .choices import Visibility

# The relations that keep their rows when the record they point at is deleted.
KEPT_ON_DELETE = (models.CASCADE, models.PROTECT, models.RESTRICT, models.DO_NOTHING)
VISIBILITY_RANK = {Visibility.DRAFT: 0, Visibility.NETWORK: 1, Visibility.PUBLIC: 2}


@functools.cache
def has_updated(model):
    """A record with `updated`: a TimeStampedModel (not a history entry, which copies the
    field but must stay as it was written)."""
    from .models import TimeStampedModel

    return issubclass(model, TimeStampedModel) and not model._meta.abstract


def touch_records(model, pks):
    """Mark records changed: an UPDATE of `updated` alone (no signals, no history entry)."""
    pks = {pk for pk in pks if pk is not None}
    if pks and has_updated(model):
        model._base_manager.filter(pk__in=pks).update(updated=timezone.now())


def touch_where(model, **lookup):
    """Mark the records matching `lookup` changed, in one UPDATE."""
    if has_updated(model):
        model._base_manager.filter(**lookup).update(updated=timezone.now())


# --- the graph --------------------------------------------------------------------------


def api_resources():
    """(prefix, viewset) of every resource of the API (settings.HORISONT_API_ROUTER)."""
    return [(prefix, viewset) for prefix, viewset, _ in import_string(settings.HORISONT_API_ROUTER).registry]


@functools.cache
def resource_names():
    """Model -> the API resource it is published as (its list's path), for tombstones."""
    names = {}
    for prefix, viewset in api_resources():
        names.setdefault(viewset.queryset.model, prefix)
    return names


@functools.cache
def _nested_children():
    """Model -> foreign keys of it whose reverse side a resource's serializer shows."""
    from rest_framework import serializers

    children = defaultdict(set)
    for _, viewset in api_resources():
        model = viewset.queryset.model
        for field in viewset.serializer_class().fields.values():
            if not isinstance(field, (serializers.ListSerializer, serializers.ManyRelatedField)):
                continue
            try:
                relation = model._meta.get_field(field.source)
            except Exception:
                continue
            if relation.one_to_many and relation.auto_created:
                children[relation.related_model].add(relation.field)
    return children


@functools.cache
def parent_fields(model):
    """The foreign keys of `model` to the records its rows are shown inside."""
    if model._meta.abstract or not hasattr(model, "_meta"):
        return ()
    fields = set(_nested_children().get(model, ()))
    parent = getattr(model, "visibility_parent", None)
    if parent:
        fields.add(model._meta.get_field(parent))
    return tuple(sorted((field for field in fields if has_updated(field.related_model)), key=lambda f: f.name))


@functools.cache
def losing_relations(model):
    """(referring model, lookup) of the records that lose a deleted `model` record without
    a row of theirs being deleted: SET_NULL-like foreign keys and many-to-many fields."""
    found = []
    for other in apps.get_models():
        if not has_updated(other):
            continue
        for field in other._meta.get_fields():
            if not field.concrete or not field.is_relation or field.related_model is not model:
                continue
            if field.many_to_many or (field.many_to_one and field.remote_field.on_delete not in KEPT_ON_DELETE):
                found.append((other, field.name))
    return tuple(found)


@functools.cache
def _m2m_fields_by_through():
    return {
        field.remote_field.through: field for model in apps.get_models() for field in model._meta.local_many_to_many
    }


# --- saving -----------------------------------------------------------------------------


def remember_parents(instance):
    """Called when a row is read: the records it is inside, so a move marks the old one."""
    fields = parent_fields(type(instance))
    if fields:
        instance._loaded_parents = {field.attname: instance.__dict__.get(field.attname) for field in fields}


def _saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    fields = parent_fields(sender)
    if not fields:
        return
    loaded = getattr(instance, "_loaded_parents", {})
    touches = defaultdict(set)
    for field in fields:
        current = getattr(instance, field.attname)
        touches[field.related_model] |= {current, loaded.get(field.attname, current)}
        loaded[field.attname] = current
    instance._loaded_parents = loaded
    for model, pks in touches.items():
        touch_records(model, pks)


def _m2m_changed(sender, instance, action, reverse, pk_set, **kwargs):
    field = _m2m_fields_by_through().get(sender)
    if field is None or not has_updated(field.model):
        return
    if action in ("post_add", "post_remove"):
        touch_records(field.model, pk_set if reverse else {instance.pk})
    elif action == "pre_clear" and reverse:
        touch_where(field.model, **{field.name: instance.pk})
    elif action == "post_clear" and not reverse:
        touch_records(field.model, {instance.pk})


# --- deleting ---------------------------------------------------------------------------


class _Deletion:
    """What one deletion (one origin) marks changed and the tombstones it leaves."""

    def __init__(self):
        self.touches = defaultdict(set)
        self.tombstones = []
        self.audiences = {}

    def write(self):
        from .models import Tombstone

        for model, pks in self.touches.items():
            touch_records(model, pks)
        if self.tombstones:
            Tombstone.objects.bulk_create(self.tombstones)


def _deletion(origin):
    if origin is None:
        return _Deletion()
    deletion = getattr(origin, "_horisont_deletion", None)
    if deletion is None:
        deletion = _Deletion()
        origin._horisont_deletion = deletion
    return deletion


def audience_of(instance, known=None):
    """(visibility, network id, organisation ids or None) of a record: who could see it.

    A model may say it itself (`deletion_audience()`); a row inside a record has that
    record's; a record with a visibility its own, narrowed by the record its network is
    reached through (a learning entry's initiative); a model whose drafts are for the
    coordinators of some organisations names them (`draft_organisation_ids()`). A
    directory record is public; anything else is for no one but superusers."""
    known = {} if known is None else known
    model = type(instance)
    key = (model, instance.pk)
    if key in known:
        return known[key]
    if hasattr(instance, "deletion_audience"):
        audience = instance.deletion_audience()
    elif getattr(model, "visibility_parent", None):
        audience = _related_audience(instance, model._meta.get_field(model.visibility_parent), known)
    elif any(field.name == "visibility" for field in model._meta.concrete_fields):
        lookup = getattr(model, "visibility_network_lookup", "network")
        first, _, rest = lookup.partition("__")
        if rest:
            outer = _related_audience(instance, model._meta.get_field(first), known)
            audience = _narrower((instance.visibility, outer[1], None), outer)
        else:
            organisations = None
            if instance.visibility == Visibility.DRAFT and hasattr(instance, "draft_organisation_ids"):
                organisations = sorted(instance.draft_organisation_ids())
            audience = (instance.visibility, getattr(instance, f"{first}_id", None), organisations)
    elif type(model._default_manager.all()).__name__ == "PublicQuerySet":
        audience = (Visibility.PUBLIC, None, None)
    else:
        audience = (Visibility.DRAFT, None, [])
    known[key] = audience
    return audience


def _related_audience(instance, field, known):
    pk = getattr(instance, field.attname)
    key = (field.related_model, pk)
    if key not in known:
        related = field.related_model._base_manager.filter(pk=pk).first()
        known[key] = audience_of(related, known) if related is not None else (Visibility.DRAFT, None, [])
    return known[key]


def _narrower(own, outer):
    if outer[0] == Visibility.DRAFT:
        return outer
    return own if VISIBILITY_RANK[own[0]] <= VISIBILITY_RANK[outer[0]] else outer


def _deleting(sender, instance, origin=None, **kwargs):
    if sender._meta.auto_created:
        return
    deletion = _deletion(origin)
    for field in parent_fields(sender):
        deletion.touches[field.related_model].add(getattr(instance, field.attname))
    for model, lookup in losing_relations(sender):
        touch_where(model, **{lookup: instance.pk})
    resource = resource_names().get(sender)
    if resource is not None:
        from .models import Tombstone

        visibility, network_id, organisation_ids = audience_of(instance, deletion.audiences)
        deletion.tombstones.append(
            Tombstone(
                resource=resource,
                object_id=instance.pk,
                network_id=network_id,
                visibility=visibility,
                organisation_ids=organisation_ids,
            )
        )
    if origin is None:
        deletion.write()


def _deleted(sender, instance, origin=None, **kwargs):
    deletion = getattr(origin, "_horisont_deletion", None) if origin is not None else None
    if deletion is not None:
        del origin._horisont_deletion
        deletion.write()


def connect_signals():
    post_save.connect(_saved, dispatch_uid="core.changes.saved")
    m2m_changed.connect(_m2m_changed, dispatch_uid="core.changes.m2m")
    pre_delete.connect(_deleting, dispatch_uid="core.changes.deleting")
    post_delete.connect(_deleted, dispatch_uid="core.changes.deleted")
