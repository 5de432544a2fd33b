"""The Django admin is no side door (issue 11): it is for the site's operators
(superusers) only. Every registered ModelAdmin is tried, found through
`admin.site._registry` (a ModelAdmin added later is covered without touching this test),
as every non-superuser demo role: list, add, change, delete, history, actions and
autocomplete are refused and nothing in the database changes."""

import io

import pytest
from axes.models import AccessFailureLog
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from core.models import ApiToken
from demo import seed_data
from evaluation.models import (
    Follow,
    NotificationSettings,
    RecomputationRun,
    SentNotification,
    TwinCandidate,
)
from initiatives.models import Initiative
from partners.models import Network

from . import factories

pytestmark = pytest.mark.django_db

DEMO_ROLES = [user["username"] for user in seed_data.DEMO_USERS if not user["is_superuser"]]
# What a refusal looks like: the admin's login page, 403 or 404.
REFUSED = {302, 403, 404}


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # demo logins are made only under DEBUG
    with translation.override("en"):
        call_command("load_demo", stdout=io.StringIO())
    plant_a_row_of_every_registered_model()


def plant_a_row_of_every_registered_model():
    """The demo data has no rows of some models (jobs write them): add one, so change,
    delete and history are tried on a real record of every model."""
    user = get_user_model().objects.get(username="coordinator")
    first, second = Initiative.objects.order_by("pk")[:2]
    makers = {
        Group: lambda: Group.objects.create(name="operators"),
        AccessFailureLog: lambda: AccessFailureLog.objects.create(username="member", path_info="/accounts/login/"),
        ApiToken: lambda: ApiToken.issue(user, "sync"),
        Follow: lambda: Follow.objects.create(user=user, initiative=first),
        NotificationSettings: lambda: NotificationSettings.objects.create(user=user, language="sv"),
        SentNotification: lambda: SentNotification.objects.create(user=user, kind="digest", key="x"),
        RecomputationRun: lambda: RecomputationRun.objects.create(network=Network.objects.first(), started_by=user),
        TwinCandidate: lambda: TwinCandidate.objects.create(
            initiative=first, candidate=second, rank=1, score=0.5, computed_at=timezone.now()
        ),
    }
    # django-axes records a failed and a successful login.
    Client().post(reverse("login"), {"username": "member", "password": seed_data.DEMO_PASSWORD})
    Client().post(reverse("login"), {"username": "member", "password": "not the password"})
    for model in admin.site._registry:
        if not model._default_manager.exists():
            maker = makers.get(model) or getattr(factories, f"{model.__name__}Factory")
            maker()


def database_snapshot():
    """Every row of every model (auth, sessions aside), with its `updated` where it has one."""
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label in ("sessions", "admin", "axes"):
            continue
        fields = ["pk", "updated"] if any(f.name == "updated" for f in model._meta.fields) else ["pk"]
        rows[model._meta.label] = sorted(model._base_manager.values_list(*fields))
    return rows


def admin_urls(model, model_admin, obj):
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    return {
        "changelist": reverse(f"{prefix}_changelist"),
        "add": reverse(f"{prefix}_add"),
        "change": reverse(f"{prefix}_change", args=[obj.pk]),
        "delete": reverse(f"{prefix}_delete", args=[obj.pk]),
        "history": reverse(f"{prefix}_history", args=[obj.pk]),
    }


def autocomplete_queries():
    """(source model, field name) of every autocomplete field of every ModelAdmin and
    its inlines: the admin's choice lists."""
    queries = []
    for model, model_admin in admin.site._registry.items():
        for owner, fields in [(model, model_admin.autocomplete_fields)] + [
            (inline.model, inline.autocomplete_fields) for inline in model_admin.inlines
        ]:
            queries.extend((owner, name) for name in fields)
    return queries


def is_refused(response):
    if response.status_code not in REFUSED:
        return False
    return response.status_code != 302 or response.url.startswith(reverse("admin:login"))


def test_every_registered_model_has_a_record_to_try(demo):
    missing = [model._meta.label for model in admin.site._registry if not model._default_manager.exists()]
    assert not missing


def test_the_superuser_still_runs_the_admin(client, demo):
    client.force_login(get_user_model().objects.get(username="admin"))
    for model, model_admin in admin.site._registry.items():
        obj = model._default_manager.order_by("pk").first()
        urls = admin_urls(model, model_admin, obj)
        assert client.get(urls["changelist"]).status_code == 200, model
        assert client.get(urls["change"]).status_code == 200, model
    owner, field = autocomplete_queries()[0]
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": owner._meta.app_label, "model_name": owner._meta.model_name, "field_name": field},
    )
    assert response.status_code == 200


@pytest.mark.parametrize("username", DEMO_ROLES)
def test_no_demo_role_but_the_superuser_gets_into_the_admin(client, demo, username):
    user = get_user_model().objects.get(username=username)
    client.force_login(user)
    before = database_snapshot()
    let_in = []

    def check(label, response):
        if not is_refused(response):
            let_in.append(f"{label}: {response.status_code}")

    check("index", client.get(reverse("admin:index")))
    for model, model_admin in admin.site._registry.items():
        obj = model._default_manager.order_by("pk").first()
        urls = admin_urls(model, model_admin, obj)
        label = model._meta.label
        for name, url in urls.items():
            check(f"GET {label} {name}", client.get(url))
        data = {"title": "Taken over", "name": "Taken over", "_save": "Save"}
        check(f"POST {label} add", client.post(urls["add"], data))
        check(f"POST {label} change", client.post(urls["change"], data))
        check(f"POST {label} delete", client.post(urls["delete"], {"post": "yes"}))
        check(
            f"POST {label} delete_selected",
            client.post(urls["changelist"], {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}),
        )
    for owner, field in autocomplete_queries():
        response = client.get(
            reverse("admin:autocomplete"),
            {"app_label": owner._meta.app_label, "model_name": owner._meta.model_name, "field_name": field},
        )
        check(f"autocomplete {owner._meta.label}.{field}", response)

    assert not let_in, f"{username} got into the admin: {let_in}"
    assert database_snapshot() == before


def test_is_staff_and_model_permissions_alone_open_nothing(client, network_admin):
    """A network admin made staff with every permission (as the demo once did) is still
    refused: the admin asks for a superuser."""
    network_admin.is_staff = True
    network_admin.save()
    network_admin.user_permissions.set(Permission.objects.all())
    initiative = factories.InitiativeFactory()
    client.force_login(network_admin)

    assert is_refused(client.get(reverse("admin:initiatives_initiative_change", args=[initiative.pk])))
    assert is_refused(client.get(reverse("admin:partners_membership_add")))
