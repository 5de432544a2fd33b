"""Follows, notification settings and unsubscribing: who gets which e-mail, in which
language, and the signed link that switches a kind of e-mail off."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.urls import NoReverseMatch, reverse

from core.choices import ContentLanguage
from initiatives.models import Initiative, Mission
from partners.choices import Country
from partners.services import person_of

from .choices import NotificationKind
from .models import Follow, NotificationSettings

UNSUBSCRIBE_SALT = "evaluation.unsubscribe"


# --- follows -----------------------------------------------------------------------------------------


def follow(user, target):
    """The user follows a mission or an initiative they may see; returns the Follow
    (the existing one when they already follow it)."""
    field = _follow_field(target)
    if not type(target).objects.visible_to(user).filter(pk=target.pk).exists():
        raise PermissionDenied
    follow_row, _ = Follow.objects.get_or_create(user=user, **{field: target})
    return follow_row


def unfollow(user, target):
    """Stop following; returns whether the user followed it."""
    deleted, _ = Follow.objects.filter(user=user, **{_follow_field(target): target}).delete()
    return bool(deleted)


def is_following(user, target):
    return Follow.objects.of(user).filter(**{_follow_field(target): target}).exists()


def _follow_field(target):
    if isinstance(target, Mission):
        return "mission"
    if isinstance(target, Initiative):
        return "initiative"
    raise TypeError(f"One follows a mission or an initiative, not {type(target).__name__}")


# --- notification settings and unsubscribing ------------------------------------------------------------

COUNTRY_LANGUAGES = {Country.DENMARK: ContentLanguage.DANISH, Country.SWEDEN: ContentLanguage.SWEDISH}


def default_language(user):
    """The language of the country of the user's organisation; the site's default when
    the user has none."""
    person = person_of(user)
    organisation = getattr(person, "organisation", None) if person is not None else None
    if organisation is not None and organisation.country in COUNTRY_LANGUAGES:
        return COUNTRY_LANGUAGES[organisation.country].value
    site = (settings.LANGUAGE_CODE or "en")[:2]
    return site if site in ContentLanguage.values else ContentLanguage.ENGLISH.value


def notification_settings_for(user):
    row, _ = NotificationSettings.objects.get_or_create(user=user, defaults={"language": default_language(user)})
    return row


def site_url():
    return getattr(settings, "HORISONT_SITE_URL", "http://127.0.0.1:8000").rstrip("/")


def absolute_url(path):
    return site_url() + path


def unsubscribe_token(user, kind):
    return signing.dumps({"u": user.pk, "k": NotificationKind(kind).value}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_url(user, kind):
    """The link in every e-mail. The page is `evaluation:unsubscribe` (path
    /unsubscribe/<token>/), which calls unsubscribe(token)."""
    token = unsubscribe_token(user, kind)
    try:
        path = reverse("evaluation:unsubscribe", kwargs={"token": token})
    except NoReverseMatch:
        path = f"/unsubscribe/{token}/"
    return absolute_url(path)


class InvalidUnsubscribeToken(ValueError):
    pass


def unsubscribe(token):
    """Switch off the kind of e-mail the token was made for; returns (user, kind). Raises
    InvalidUnsubscribeToken for a token that was not made here (or was altered). The
    token does not expire: an old e-mail's link still works."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        kind = NotificationKind(data["k"])
        user = get_user_model().objects.get(pk=data["u"])
    except (signing.BadSignature, KeyError, TypeError, ValueError, get_user_model().DoesNotExist) as exc:
        raise InvalidUnsubscribeToken(str(exc)) from None
    row = notification_settings_for(user)
    field = NotificationSettings.KIND_FIELDS[kind]
    if getattr(row, field):
        setattr(row, field, False)
        row.save(update_fields=[field, "updated"])
    return user, kind
