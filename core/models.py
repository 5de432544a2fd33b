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

from .choices import ContentLanguage, TokenScope, Visibility
from .querysets import VisibilityQuerySet
from .validators import validate_plain_text_field


class User(AbstractUser):
    """A login. What the person does in the networks lives in partners.Person/Membership."""

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        swappable = "AUTH_USER_MODEL"


class TimeStampedModel(models.Model):
    """Adds created/updated, indexed because the API syncs incrementally on them.

    Two rules hold for every domain record, whichever way it is written (page, API,
    admin, import):
    - its text is plain text of bounded length (`clean_fields`);
    - a record shown inside another (its `visibility_parent`: a partner row inside its
      initiative, a measurement inside its indicator) marks that record changed when it
      is saved or deleted, so `updated_since` finds the parent and its ETag changes."""

    created = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        parent_field = cls.visibility_parent_field()
        if parent_field is not None and parent_field.attname in instance.__dict__:
            # Remembered so that moving the record marks its former parent changed too.
            instance._loaded_parent_id = instance.__dict__[parent_field.attname]
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

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        parent_field = self.visibility_parent_field()
        if parent_field is not None:
            parent_id = getattr(self, parent_field.attname)
            former_parent_id = getattr(self, "_loaded_parent_id", parent_id)
            touch_records(parent_field.related_model, {parent_id, former_parent_id})
            self._loaded_parent_id = parent_id

    def delete(self, *args, **kwargs):
        parent_field = self.visibility_parent_field()
        parent_id = getattr(self, parent_field.attname) if parent_field is not None else None
        result = super().delete(*args, **kwargs)
        if parent_field is not None:
            touch_records(parent_field.related_model, {parent_id})
        return result


def touch_records(model, pks):
    """Mark records changed: an UPDATE of `updated` alone (no signals, no history entry)."""
    pks = {pk for pk in pks if pk is not None}
    if pks and any(field.name == "updated" for field in model._meta.concrete_fields):
        model._base_manager.filter(pk__in=pks).update(updated=timezone.now())


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
