"""Shared bases. core imports none of the domain apps; they build on it."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .audience import get_audience
from .changes import remember_parents, touch_records  # noqa: F401  (touch_records: the one way to mark records changed)
from .choices import ContentLanguage, TokenScope, Visibility
from .querysets import VisibilityQuerySet
from .validators import validate_plain_text_field


class User(AbstractUser):
    """A login. What the person does in the networks lives in partners.Person/Membership."""

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        swappable = "AUTH_USER_MODEL"


CROSS_NETWORK_MESSAGE = _("This belongs to another network. Choose one of the record's own network.")


class TimeStampedModel(models.Model):
    """Adds created/updated, indexed because the API syncs incrementally on them.

    Two rules hold for every domain record, whichever way it is written (page, API,
    admin, import):
    - its text is plain text of bounded length (`clean_fields`);
    - a record shown inside another (its `visibility_parent`: a partner row inside its
      initiative, a measurement inside its indicator) marks that record changed when it
      is saved or deleted, so `updated_since` finds the parent and its ETag changes
      (core/changes.py, with the other ways a change reaches a record)."""

    created = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Remembered so that moving a row marks its former record changed too.
        remember_parents(instance)
        return instance

    @classmethod
    def visibility_parent_field(cls):
        name = getattr(cls, "visibility_parent", None)
        return cls._meta.get_field(name) if name else None

    def clean_fields(self, exclude=None):
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self._meta.concrete_fields:
            if field.name in errors or (exclude and field.name in exclude) or field.generated:
                continue
            try:
                validate_plain_text_field(field, getattr(self, field.attname))
            except ValidationError as error:
                errors[field.name] = error.error_list
        if errors:
            raise ValidationError(errors)

    def referenced(self, name):
        """The record a foreign key points at, read from the database when a reader's
        view of this record blanked it (core.references): rules see the stored value."""
        field = self._meta.get_field(name)
        pk = getattr(self, field.attname)
        if pk is None:
            return None
        target = getattr(self, name, None)
        if target is None or target.pk != pk:
            target = field.related_model._base_manager.get(pk=pk)
        return target

    def owning_network_id(self):
        """The network this record belongs to: its `network`, or its parent's
        (`visibility_parent`: a portfolio entry's portfolio's network)."""
        if any(field.attname == "network_id" for field in self._meta.concrete_fields):
            return self.network_id
        parent_name = getattr(self, "visibility_parent", None)
        parent = self.referenced(parent_name) if parent_name else None
        return parent.owning_network_id() if isinstance(parent, TimeStampedModel) else None

    def _placement_attnames(self):
        """The columns that place this record in a network: `network`, or its parent."""
        parent_name = getattr(self, "visibility_parent", None)
        names = {"network_id", self._meta.get_field(parent_name).attname if parent_name else None}
        return [field.attname for field in self._meta.concrete_fields if field.attname in names]

    def _stored_values(self, attnames):
        """The stored row's values of attnames, or None for a new record."""
        if self._state.adding or self.pk is None:
            return None
        return type(self)._base_manager.filter(pk=self.pk).values(*attnames).first()

    def check_same_network(self, *names, allow_public=()):
        """{field: error} for each reference among names to a record of another network
        than this record's. A reference named in allow_public may point at another
        network's public record (a twin replicates a published initiative elsewhere).
        What the writer did not change (the same reference, in the same network) is not
        checked again, so a record from before the rule can still be edited. One message,
        whichever way the record is written: page, API, import or admin."""
        placement = self._placement_attnames()
        attnames = {name: self._meta.get_field(name).attname for name in names}
        stored = self._stored_values([*placement, *attnames.values()])
        unmoved = stored is not None and all(stored[a] == getattr(self, a) for a in placement)
        errors = {}
        for name, attname in attnames.items():
            if unmoved and stored[attname] == getattr(self, attname):
                continue
            error = self._cross_network_error(name, [self.referenced(name)], allow_public)
            if error is not None:
                errors[name] = error
        return errors

    def clean_many_to_many(self, values):
        """The same rule for many-to-many lists about to be written ({field name: records}),
        which clean() cannot see: the base serializer and PortalModelForm call it. The
        lists named in `same_network_many_to_many` hold records of this record's network;
        members already stored (in the same network) are not checked again."""
        placement = self._placement_attnames()
        stored = self._stored_values(placement)
        unmoved = stored is not None and all(stored[a] == getattr(self, a) for a in placement)
        errors = {}
        for name, records in values.items():
            if name not in getattr(self, "same_network_many_to_many", ()):
                continue
            records = list(records)
            if unmoved:
                kept = set(getattr(self, name).values_list("pk", flat=True))
                records = [record for record in records if record.pk not in kept]
            error = self._cross_network_error(name, records, ())
            if error is not None:
                errors[name] = error
        return errors

    def _cross_network_error(self, name, targets, allow_public):
        network_id = self.owning_network_id()
        if network_id is None:
            return None
        for target in targets:
            if target is None or getattr(target, "network_id", network_id) == network_id:
                continue
            if name in allow_public and getattr(target, "visibility", None) == Visibility.PUBLIC:
                continue
            return ValidationError(CROSS_NETWORK_MESSAGE, code="other_network")
        return None


class VisibleModel(TimeStampedModel):
    """A record whose audience is chosen: draft, network or public, in one content language."""

    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.DRAFT, db_index=True
    )
    language = models.CharField(
        _("content language"), max_length=2, choices=ContentLanguage.choices, default=ContentLanguage.DANISH
    )

    objects = VisibilityQuerySet.as_manager()

    class Meta:
        abstract = True


def check_date_order(start, end, start_field="start_date", end_field="end_date"):
    """Raise a ValidationError on the end field when a period ends before it starts."""
    if start and end and end < start:
        raise ValidationError({end_field: _("The end cannot be before the start.")})


def date_order_constraint(name, start_field="start_date", end_field="end_date"):
    """The database's own guard for check_date_order."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{start_field}__isnull": True})
        | models.Q(**{f"{end_field}__isnull": True})
        | models.Q(**{f"{end_field}__gte": models.F(start_field)}),
        name=name,
        violation_error_message=_("The end cannot be before the start."),
    )


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class ApiToken(models.Model):
    """A secret a system presents as `Authorization: Bearer <token>` to act as its user.
    Only a SHA-256 hash of the secret is kept; the secret itself is shown once, when the
    token is created. The prefix tells a user's tokens apart without revealing them."""

    SECRET_PREFIX = "hrs_"
    # How stale `last_used` may be: writing it on every request would make each API call
    # a write.
    LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for, e.g. the system using it."))
    prefix = models.CharField(_("prefix"), max_length=16, editable=False)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    scope = models.CharField(
        _("access"),
        max_length=16,
        choices=TokenScope.choices,
        default=TokenScope.READ_WRITE,
        help_text=_("A read-only token can read what you may see but never change anything."),
    )
    expires = models.DateField(
        _("expires"),
        null=True,
        blank=True,
        help_text=_("The last day the token works. Leave empty for a token that works until you revoke it."),
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_secret(secret: str) -> str:
        return hashlib.sha256(secret.encode("utf-8")).hexdigest()

    @classmethod
    def issue(cls, user, name, scope=TokenScope.READ_WRITE, expires=None):
        """Create a token; returns it with its secret, which is not stored anywhere."""
        secret = cls.SECRET_PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            name=name,
            prefix=secret[: len(cls.SECRET_PREFIX) + 8],
            key_hash=cls.hash_secret(secret),
            scope=scope,
            expires=expires,
        )
        return token, secret

    @classmethod
    def find_active(cls, secret: str):
        """The active token with this secret, or None."""
        return cls.objects.active().select_related("user").filter(key_hash=cls.hash_secret(secret)).first()

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def is_expired(self):
        """Expired once its last day (`expires`, in the site's time zone) has passed."""
        return self.expires is not None and timezone.localdate() > self.expires

    @property
    def may_write(self):
        return self.scope == TokenScope.READ_WRITE

    def clean(self):
        super().clean()
        if self.expires is not None and self.expires < timezone.localdate() and self._state.adding:
            raise ValidationError({"expires": _("Choose today or a day in the future.")})

    def revoke(self):
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    def record_use(self):
        """Note the use, at most once per LAST_USED_RESOLUTION (a single UPDATE when due)."""
        now = timezone.now()
        if self.last_used and now - self.last_used < self.LAST_USED_RESOLUTION:
            return
        ApiToken.objects.filter(pk=self.pk).filter(
            models.Q(last_used__isnull=True) | models.Q(last_used__lt=now - self.LAST_USED_RESOLUTION)
        ).update(last_used=now)
        self.last_used = now


class TombstoneQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Deletions of the records the user could see, by the visibility they had."""
        audience = get_audience(user)
        if audience.sees_everything:
            return self.all()
        q = models.Q(visibility=Visibility.PUBLIC)
        if audience.network_ids:
            q |= models.Q(visibility=Visibility.NETWORK, network_id__in=audience.network_ids)
            q |= models.Q(visibility=Visibility.DRAFT, network_id__in=audience.admin_network_ids)
            q |= models.Q(
                visibility=Visibility.DRAFT,
                organisation_ids__isnull=True,
                network_id__in=audience.coordinator_network_ids,
            )
            # A draft read by its partners' coordinators: in the networks where they
            # coordinate for them, as InitiativeQuerySet.draft_q (roles are per network).
            for network_ids, organisation_ids in audience.coordinated_organisations_by_networks():
                for organisation_id in organisation_ids:
                    q |= models.Q(
                        visibility=Visibility.DRAFT,
                        network_id__in=network_ids,
                        organisation_ids__has_item=organisation_id,
                    )
        return self.filter(q)


class Tombstone(models.Model):
    """A deleted record of the API: its resource, id and when, for the deletion feed
    (/api/v1/deletions/), kept HORISONT_TOMBSTONE_DAYS (a year). Written by
    core/changes.py on every deletion, with who could see the record: its visibility, its
    network, and for a draft read by the coordinators of some organisations (an
    initiative's partners), those organisations (null: the network's coordinators)."""

    resource = models.CharField(_("resource"), max_length=50)
    object_id = models.BigIntegerField(_("id"))
    deleted_at = models.DateTimeField(_("deleted"), default=timezone.now)
    # Plain ids: core knows no network model, and a tombstone outlives its network.
    network_id = models.BigIntegerField(_("network"), null=True, blank=True)
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices)
    organisation_ids = models.JSONField(_("organisations"), null=True, blank=True)

    objects = TombstoneQuerySet.as_manager()

    class Meta:
        ordering = ["deleted_at", "pk"]
        indexes = [
            models.Index(fields=["deleted_at", "id"], name="tombstone_feed_order"),
            models.Index(fields=["resource", "deleted_at", "id"], name="tombstone_resource_order"),
        ]
        verbose_name = _("deletion")
        verbose_name_plural = _("deletions")

    def __str__(self):
        return f"{self.resource}/{self.object_id}"
