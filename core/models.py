"""Shared bases. core imports none of the domain apps; they build on it."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import ContentLanguage, Visibility
from .querysets import VisibilityQuerySet


class User(AbstractUser):
    """A login. What the person does in the networks lives in partners.Person/Membership."""

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        swappable = "AUTH_USER_MODEL"


class TimeStampedModel(models.Model):
    """Adds created/updated, indexed because the API syncs incrementally on them."""

    created = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        abstract = True


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
