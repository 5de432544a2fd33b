"""The choke point: Model.objects.visible_to(user) for the five personas."""

import pytest
from django.contrib.auth.models import AnonymousUser

from core.choices import Visibility
from evaluation.models import LearningEntry
from initiatives.choices import ParticipationRole
from initiatives.models import Funding, Initiative

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiatives(network, coordinator):
    organisation = coordinator.person.organisation
    draft = factories.InitiativeFactory(network=network, visibility=Visibility.DRAFT, title="Draft")
    factories.ParticipationFactory(initiative=draft, organisation=organisation, role=ParticipationRole.LEAD)
    return {
        "public": factories.InitiativeFactory(network=network, visibility=Visibility.PUBLIC, title="Public"),
        "network": factories.InitiativeFactory(network=network, visibility=Visibility.NETWORK, title="Network"),
        "draft": draft,
        "other draft": factories.InitiativeFactory(network=network, visibility=Visibility.DRAFT, title="Other"),
    }


def visible_titles(user):
    return set(Initiative.objects.visible_to(user).values_list("title", flat=True))


def test_anonymous_sees_public_only(initiatives):
    assert visible_titles(AnonymousUser()) == {"Public"}


def test_an_outsider_sees_public_only(initiatives, outsider):
    assert visible_titles(outsider) == {"Public"}


def test_a_member_sees_public_and_network(initiatives, member):
    assert visible_titles(member) == {"Public", "Network"}


def test_a_coordinator_sees_the_drafts_their_organisation_takes_part_in(initiatives, coordinator):
    assert visible_titles(coordinator) == {"Public", "Network", "Draft"}


def test_a_network_admin_sees_every_draft_of_the_network(initiatives, network_admin):
    assert visible_titles(network_admin) == {"Public", "Network", "Draft", "Other"}


def test_a_superuser_sees_everything(initiatives):
    root = factories.UserFactory(username="root", is_superuser=True)
    assert len(visible_titles(root)) == 4


def test_an_ended_membership_no_longer_opens_the_network(initiatives, member):
    membership = member.person.memberships.get()
    membership.start_date, membership.end_date = "2020-01-01", "2020-12-31"
    membership.save()
    member.refresh_from_db()
    assert visible_titles(member) == {"Public"}


def test_child_records_follow_their_initiative(initiatives, member):
    factories.FundingFactory(initiative=initiatives["network"])
    factories.FundingFactory(initiative=initiatives["draft"])
    assert Funding.objects.visible_to(member).count() == 1
    assert Funding.objects.visible_to(AnonymousUser()).count() == 0


def test_learning_needs_its_own_visibility_and_its_initiatives(initiatives, member):
    factories.LearningEntryFactory(initiative=initiatives["public"], visibility=Visibility.PUBLIC, title="Open")
    factories.LearningEntryFactory(initiative=initiatives["network"], visibility=Visibility.PUBLIC, title="Inside")
    factories.LearningEntryFactory(initiative=initiatives["public"], visibility=Visibility.NETWORK, title="Members")
    anonymous = set(LearningEntry.objects.visible_to(AnonymousUser()).values_list("title", flat=True))
    members = set(LearningEntry.objects.visible_to(member).values_list("title", flat=True))
    assert anonymous == {"Open"}
    assert members == {"Open", "Inside", "Members"}


def editable_titles(user):
    return set(Initiative.objects.editable_by(user).values_list("title", flat=True))


def test_who_may_change_initiatives(initiatives, member, coordinator, network_admin, outsider):
    from core.permissions import can_change

    assert editable_titles(AnonymousUser()) == set()
    assert editable_titles(outsider) == set()
    assert editable_titles(member) == set()
    assert editable_titles(coordinator) == {"Draft"}
    assert editable_titles(network_admin) == {"Public", "Network", "Draft", "Other"}
    assert can_change(coordinator, initiatives["draft"])
    assert not can_change(coordinator, initiatives["public"])


def test_child_rows_are_changed_by_whoever_changes_the_initiative(initiatives, coordinator):
    factories.FundingFactory(initiative=initiatives["draft"])
    factories.FundingFactory(initiative=initiatives["public"])
    assert Funding.objects.editable_by(coordinator).get().initiative == initiatives["draft"]


def test_events_are_changed_by_network_admins_and_by_whoever_changes_their_initiative(
    initiatives, coordinator, network_admin, member
):
    from evaluation.models import Event

    on_draft = factories.EventFactory(network=initiatives["draft"].network, initiative=initiatives["draft"])
    network_event = factories.EventFactory(network=initiatives["draft"].network)
    assert set(Event.objects.editable_by(coordinator)) == {on_draft}
    assert set(Event.objects.editable_by(network_admin)) == {on_draft, network_event}
    assert not Event.objects.editable_by(member).exists()
