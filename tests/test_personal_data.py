"""Personal data (partners.services): a person's data exported as JSON, and erased from
the records and from their history; the pages that offer both to the person themselves
and to site administrators."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from evaluation.models import Follow, LearningEntry
from initiatives.models import Initiative, PhaseChange
from partners import services
from partners.models import Membership, Person
from portfolios.models import Note, ReviewDecision

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def traces(coordinator):
    """Records and history entries naming the coordinator (as a person and as a login)."""
    person = coordinator.person
    initiative = factories.InitiativeFactory(title="Familiehuset")
    initiative._history_user = coordinator
    initiative.title = "Familiehuset 2"
    initiative.save()
    entry = factories.LearningEntryFactory.build(initiative=initiative, author=person, title="Lærte noget")
    entry._history_user = coordinator
    entry.save()
    return {
        "initiative": initiative,
        "entry": entry,
        "phase_change": factories.PhaseChangeFactory(initiative=initiative, changed_by=person),
        "note": factories.NoteFactory(author=person),
        "decision": factories.ReviewDecisionFactory(decided_by=person, initiative=initiative),
        "assessment": factories.ValueAssessmentFactory(initiative=initiative, assessed_by=person),
        "follow": Follow.objects.create(user=coordinator, initiative=initiative),
    }


def test_export_names_the_person_their_login_and_every_record_naming_them(coordinator, traces):
    data = services.export_person_data(coordinator.person)
    json.dumps(data)  # JSON-ready as it is
    assert data["person"]["name"] == coordinator.person.name
    assert data["user"]["username"] == "coordinator"
    assert data["memberships"][0]["role"] == "coordinator"
    naming_person = data["records_naming_the_person"]
    for key in ("evaluation.LearningEntry.author", "evaluation.HistoricalLearningEntry.author",
                "initiatives.PhaseChange.changed_by", "portfolios.Note.author",
                "portfolios.ReviewDecision.decided_by", "evaluation.ValueAssessment.assessed_by"):  # fmt: skip
        assert key in naming_person, key
    naming_login = data["records_naming_the_login"]
    assert "initiatives.HistoricalInitiative.history_user" in naming_login
    assert "evaluation.Follow.user" in naming_login


def test_erase_removes_the_person_from_records_and_history(coordinator, traces):
    person = coordinator.person
    name, email, user_pk = person.name, person.work_email, coordinator.pk
    assert Initiative.history.filter(history_user_id=user_pk).exists()
    services.erase_person(person)
    person.refresh_from_db()
    assert person.name != name and person.work_email == "" and person.user is None
    assert not Membership.objects.filter(person=person).exists()
    assert not get_user_model().objects.filter(username="coordinator").exists()
    assert not Follow.objects.exists()
    assert LearningEntry.objects.get(pk=traces["entry"].pk).author is None  # the entry stays
    assert not LearningEntry.history.filter(author=person).exists()
    assert not Initiative.history.filter(history_user_id=user_pk).exists()
    assert Initiative.history.filter(id=traces["initiative"].pk).count() == 2  # the history stays
    assert PhaseChange.objects.get(pk=traces["phase_change"].pk).changed_by is None
    assert Note.objects.get(pk=traces["note"].pk).author is None
    assert ReviewDecision.objects.get(pk=traces["decision"].pk).decided_by is None
    traces["assessment"].refresh_from_db()
    assert traces["assessment"].assessed_by is None
    # Nothing in the export of the erased person names them any more.
    exported = json.dumps(services.export_person_data(person), ensure_ascii=False)
    assert name not in exported and email not in exported


def test_a_user_downloads_their_own_data_but_not_anothers(client, member, coordinator):
    client.force_login(member)
    response = client.get(reverse("partners:person_export", kwargs={"pk": member.person.pk}))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert json.loads(response.content)["person"]["name"] == member.person.name
    assert client.get(reverse("partners:person_export", kwargs={"pk": coordinator.person.pk})).status_code == 404


def test_a_superuser_exports_and_erases_anyone(client, member):
    admin = factories.UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get(reverse("partners:person_export", kwargs={"pk": member.person.pk})).status_code == 200
    response = client.post(reverse("partners:person_erase", kwargs={"pk": member.person.pk}))
    assert response.status_code == 302
    assert not get_user_model().objects.filter(username="member").exists()
    # The administrator stays logged in.
    assert client.get(reverse("partners:my_data")).status_code == 200


def test_a_user_erases_themselves_and_is_logged_out(client, member):
    person_pk = member.person.pk
    client.force_login(member)
    page = client.get(reverse("partners:my_data")).content.decode()
    assert reverse("partners:person_erase", kwargs={"pk": person_pk}) in page
    response = client.post(reverse("partners:person_erase", kwargs={"pk": person_pk}))
    assert response.status_code == 302
    assert Person.objects.get(pk=person_pk).user is None
    assert client.get(reverse("partners:my_data")).status_code == 302  # to the login page


def test_another_users_erase_page_is_a_404(client, member, coordinator):
    client.force_login(member)
    url = reverse("partners:person_erase", kwargs={"pk": coordinator.person.pk})
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert get_user_model().objects.filter(username="coordinator").exists()


def test_erase_clears_the_name_from_the_admin_log(coordinator, network, traces):
    """The admin's log keeps copies of names (object_repr, the change message's inline
    rows): erasing the person clears them; the entries themselves stay."""
    from django.contrib.admin.models import ADDITION, CHANGE, LogEntry

    person = coordinator.person
    person.name = "Ingrid Sjöholm"
    person.work_email = "ingrid.sjoholm@example.org"
    person.save()
    admin = factories.UserFactory(username="site-admin", is_staff=True, is_superuser=True)
    membership = Membership.objects.get(person=person)
    LogEntry.objects.log_actions(admin.pk, [person], CHANGE, change_message="[]", single_object=True)
    LogEntry.objects.log_actions(admin.pk, [coordinator], CHANGE, change_message="[]", single_object=True)
    LogEntry.objects.log_actions(admin.pk, [membership], ADDITION, change_message="[]", single_object=True)
    inline = json.dumps([{"added": {"name": "membership", "object": str(membership)}}])
    LogEntry.objects.log_actions(admin.pk, [network], CHANGE, change_message=inline, single_object=True)
    other = factories.InitiativeFactory(title="Måltidsvenner")
    LogEntry.objects.log_actions(admin.pk, [other], CHANGE, change_message="[]", single_object=True)
    assert LogEntry.objects.filter(object_repr__contains="Ingrid Sjöholm").count() == 2
    before = LogEntry.objects.count()

    services.erase_person(person)

    assert LogEntry.objects.count() == before  # who changed what, when: still there
    for entry in LogEntry.objects.all():
        for text in (entry.object_repr, entry.change_message, entry.get_change_message()):
            assert "Sjöholm" not in text and "Sj\\u00f6holm" not in text and "ingrid.sjoholm" not in text, text
            assert "coordinator" != entry.object_repr
    assert LogEntry.objects.filter(object_repr="Måltidsvenner").exists()
    assert LogEntry.objects.filter(object_repr=services.ERASED_NAME).count() == 2
