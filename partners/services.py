"""Personal data: what the portal holds about a person, exported, and erased.

partners may not import the apps built on it (imports point one way), so the records
that name a person or their login are found generically: every relation to Person
(`_meta.get_fields(include_hidden=True)`, which also finds `related_name="+"` fields and
django-simple-history's historical rows) and every foreign key to the user model in any
installed app (`apps.get_models()`). A new model that names a person is covered without
changing this module."""

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from core.audience import forget_audience

from .models import Person

# What an erased person is called from then on (the row stays, so the organisation's
# records keep their shape; nothing in it says who it was).
ERASED_NAME = "–"


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


def _erase_login_traces(username):
    """django-axes keeps failed and successful logins by username."""
    for model_name in ("AccessAttempt", "AccessLog", "AccessFailureLog"):
        try:
            model = apps.get_model("axes", model_name)
        except LookupError:
            continue
        model._default_manager.filter(username=username).delete()


@transaction.atomic
def erase_person(person):
    """Erase the person: their name and e-mail, their memberships, their login (and
    everything that names it, history included), and every reference to them in the
    portal's records and their history. The records they wrote stay, without an author."""
    user = person.user
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
