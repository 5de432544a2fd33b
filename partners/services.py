"""A network's members, managed by its administrators on the portal; and personal data:
what the portal holds about a person, exported, and erased.

Personal data:

partners may not import the apps built on it (imports point one way), so the records
that name a person or their login are found generically: every relation to Person
(`_meta.get_fields(include_hidden=True)`, which also finds `related_name="+"` fields and
django-simple-history's historical rows) and every foreign key to the user model in any
installed app (`apps.get_models()`). A new model that names a person is covered without
changing this module."""

import json

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audience import forget_audience

from .choices import MembershipRole
from .models import Membership, Person

# -- a network's members -------------------------------------------------------------------


def find_person(identifier):
    """The Person, or the login without a Person yet, that `identifier` names: a login's
    username or e-mail address, or a person's work e-mail (case does not matter). Raises
    a ValidationError when it names no one, or more than one."""
    identifier = (identifier or "").strip()
    if not identifier:
        raise ValidationError(_("Write the person's username or e-mail address."))
    users = list(
        get_user_model()
        ._default_manager.filter(Q(username__iexact=identifier) | Q(email__iexact=identifier), is_active=True)
        .select_related("person")[:2]
    )
    found = {}
    for user in users:
        person = getattr(user, "person", None)
        found[("person", person.pk) if person else ("user", user.pk)] = person or user
    for person in Person.objects.filter(work_email__iexact=identifier)[:2]:
        found[("person", person.pk)] = person
    if not found:
        raise ValidationError(_("No one has this username or e-mail address."), code="not_found")
    if len(found) > 1:
        raise ValidationError(
            _("Several people have this e-mail address. Write the person's username instead."), code="ambiguous"
        )
    return next(iter(found.values()))


def person_for(found):
    """The Person for what find_person found: a login without one gets one (the record
    the portal keeps for everyone who takes part)."""
    if isinstance(found, Person):
        return found
    person = Person(name=found.get_full_name() or found.get_username(), work_email=found.email, user=found)
    person.full_clean()
    person.save()
    return person


def check_keeps_an_administrator(membership, *, new_role=None, removing=False):
    """A network keeps at least one administrator in person: refuse to remove, or give
    another role to, its last one (nobody could manage its members any more)."""
    if membership.pk is None:
        return
    stored = Membership.objects.filter(pk=membership.pk).values_list("role", flat=True).first()
    if stored != MembershipRole.ADMIN or (not removing and new_role == MembershipRole.ADMIN):
        return
    others = Membership.objects.filter(
        network_id=membership.network_id, role=MembershipRole.ADMIN, person__isnull=False
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise ValidationError(
            {"role": _("This is the network's last administrator. Make someone else administrator first.")}
        )


# -- personal data -------------------------------------------------------------------------

# What an erased person is called from then on (the row stays, so the organisation's
# records keep their shape; nothing in it says who it was).
ERASED_NAME = "–"
# Shorter names and user names are not searched for in other records' text (too many
# words would match); the records about the person are cleared whatever their length.
MIN_SCRUBBED_LENGTH = 3


def person_of(user):
    """The Person a user acts as (their organisation with it), or None: an anonymous user,
    a site administrator without one. The one lookup of "the person of this user"."""
    if user is None or not user.is_authenticated:
        return None
    return Person.objects.filter(user=user).select_related("organisation").first()


def _person_relations():
    """The reverse relations to Person: (model, field)."""
    return [
        (relation.related_model, relation.field)
        for relation in Person._meta.get_fields(include_hidden=True)
        if relation.auto_created and not relation.concrete and (relation.one_to_many or relation.one_to_one)
    ]


def _user_relations():
    """Every foreign key to the user model in any installed app: (model, field). The
    Person.user link itself is left out: erasure unlinks it on the person."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return [
        (model, field)
        for model in apps.get_models()
        if model is not Person
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is user_model
    ]


def _describe(obj):
    return {"id": obj.pk, "record": str(obj)}


def _references(relations, target):
    found = {}
    for model, field in relations:
        rows = list(model._default_manager.filter(**{field.name: target}).order_by("pk"))
        if rows:
            found[f"{model._meta.label}.{field.name}"] = [_describe(row) for row in rows]
    return found


def export_person_data(person):
    """Everything the portal holds about the person, as a JSON-ready dict: the person,
    their login, their memberships, and every record (and history entry) that names
    them or their login."""
    user = person.user
    data = {
        "exported_at": timezone.now().isoformat(),
        "person": {
            "id": person.pk,
            "name": person.name,
            "work_email": person.work_email,
            "organisation": str(person.organisation) if person.organisation_id else None,
            "created": person.created.isoformat(),
            "updated": person.updated.isoformat(),
        },
        "user": None,
        "memberships": [
            {
                "network": str(membership.network),
                "role": membership.role,
                "start_date": membership.start_date.isoformat() if membership.start_date else None,
                "end_date": membership.end_date.isoformat() if membership.end_date else None,
            }
            for membership in person.memberships.select_related("network").order_by("pk")
        ],
        "records_naming_the_person": _references(_person_relations(), person),
        "records_naming_the_login": {},
    }
    if user is not None:
        data["user"] = {
            "username": user.get_username(),
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        }
        data["records_naming_the_login"] = _references(_user_relations(), user)
    return data


def _detach(relations, target):
    """Each record naming target drops the reference: a nullable reference the model
    would keep (SET_NULL, DO_NOTHING on historical rows) is emptied, a row that only
    exists for the person (CASCADE: a membership, a follow, a token) goes."""
    for model, field in relations:
        rows = model._default_manager.filter(**{field.name: target})
        if field.null and field.remote_field.on_delete is not models.CASCADE:
            # update(), not save(): history rows are not changed by saving them, and the
            # records themselves must not get a new history entry naming who erased.
            rows.update(**{field.name: None})
        else:
            # Bulk deletes that a queryset refuses (a closed review's rows) are not
            # about people; these rows are the person's own.
            models.QuerySet.delete(rows)


def _login_names(user):
    if user is None:
        return ()
    full_name = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return (user.get_username(), user.email, full_name)


def _erase_login_traces(username):
    """django-axes keeps failed and successful logins by username."""
    for model_name in ("AccessAttempt", "AccessLog", "AccessFailureLog"):
        try:
            model = apps.get_model("axes", model_name)
        except LookupError:
            continue
        model._default_manager.filter(username=username).delete()


def _scrub(text, names):
    for name in names:
        text = text.replace(name, ERASED_NAME)
    return text


def _erase_admin_log(person, user, names):
    """The Django admin's log keeps a copy of each changed record's name (object_repr) and
    of the inline rows' names in its change message (a membership reads "Ingrid Holm –
    Samhällskontraktet"). Entries about the person or their login lose the name; in every
    other entry, the person's name, user name and e-mail are replaced. The entries stay
    (who changed what when, without the erased person's name). Entries the erased login
    made go with it (LogEntry.user cascades)."""
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    about = Q(content_type=ContentType.objects.get_for_model(Person), object_id=str(person.pk))
    if user is not None:
        about |= Q(content_type=ContentType.objects.get_for_model(user), object_id=str(user.pk))
    LogEntry.objects.filter(about).update(object_repr=ERASED_NAME, change_message="")
    # Django writes change messages as JSON with non-ASCII letters escaped ("Sj\\u00f6holm").
    names = sorted({*names, *(json.dumps(name)[1:-1] for name in names)}, key=len, reverse=True)
    mentions = Q()
    for name in names:
        mentions |= Q(object_repr__contains=name) | Q(change_message__contains=name)
    for entry in LogEntry.objects.filter(mentions).only("object_repr", "change_message"):
        entry.object_repr = _scrub(entry.object_repr, names)
        entry.change_message = _scrub(entry.change_message, names)
        entry.save(update_fields=["object_repr", "change_message"])


@transaction.atomic
def erase_person(person):
    """Erase the person: their name and e-mail, their memberships, their login (and
    everything that names it, history included), and every reference to them in the
    portal's records and their history. The records they wrote stay, without an author."""
    user = person.user
    # Longest first, so a name is not half-replaced by a shorter one inside it.
    names = sorted(
        {
            text
            for text in (person.name, person.work_email, *_login_names(user))
            if len(text or "") >= MIN_SCRUBBED_LENGTH and text != ERASED_NAME
        },
        key=len,
        reverse=True,
    )
    _erase_admin_log(person, user, names)
    _detach(_person_relations(), person)
    if user is not None:
        username = user.get_username()
        _detach(_user_relations(), user)
        person.user = None
        person.save(update_fields=["user", "updated"])
        forget_audience(user)
        user.delete()
        _erase_login_traces(username)
    person.name = ERASED_NAME
    person.work_email = ""
    person.organisation = None
    person.save(update_fields=["name", "work_email", "organisation", "updated"])
    return person
