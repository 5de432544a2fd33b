"""The evaluation pages that add a record under a parent (learning, events, value
assessments, indicators, measurements) share core.views.ParentScopedEditView: the parent
is checked on every request, on create and on edit alike; and their class-level strings
are lazy, so a page in Swedish or English shows no Danish column header or legend."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.functional import Promise

from core.choices import Visibility
from evaluation import views
from partners.choices import MembershipRole

from . import factories

pytestmark = pytest.mark.django_db

DANISH = ["Passage, der matcher", "Registreret", "Ressourcer, begivenheden mobiliserede"]
TRANSLATED = {
    "sv": ["Matchande avsnitt", "Registrerad", "Resurser som händelsen mobiliserade"],
    "en": ["Matching passage", "Logged", "Resources the event mobilised"],
}


@pytest.fixture(autouse=True)
def no_triggers(settings):
    settings.HORISONT_SUMMARY_TRIGGERS = False


def test_class_level_strings_of_the_evaluation_views_are_lazy():
    labels = [column.label for column in views.LearningListView.columns if column.label]
    labels += list(views.EventEditView.formset_labels["resources"])
    assert labels and all(isinstance(label, Promise) for label in labels)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_learning_list_and_event_form_have_no_danish_headers(client, network, network_admin, language):
    initiative = factories.InitiativeFactory(network=network, visibility=Visibility.PUBLIC, title="Mødestedet")
    factories.LearningEntryFactory(initiative=initiative, visibility=Visibility.PUBLIC, title="Fællesskab virker")
    client.force_login(network_admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    listed = client.get(reverse("evaluation:learning_list"), {"q": "fællesskab"})
    form = client.get(reverse("evaluation:initiative_event_add", kwargs={"initiative_slug": initiative.slug}))
    assert listed.status_code == form.status_code == 200
    html = listed.content.decode() + form.content.decode()
    assert not [danish for danish in DANISH if danish in html]
    assert all(text in html for text in TRANSLATED[language])


def test_editing_an_event_rechecks_its_initiative(client, network, other_network):
    """The event view did not recheck the initiative on edit (the learning view did): an
    administrator of the event's network could change an event on another network's
    initiative. The shared base checks the parent on edit too."""
    initiative = factories.InitiativeFactory(network=network, visibility=Visibility.PUBLIC)
    event = factories.EventFactory(network=other_network, initiative=initiative, visibility=Visibility.PUBLIC)
    admin = factories.UserFactory(username="other-admin")
    factories.MembershipFactory(
        network=other_network, person=factories.PersonFactory(user=admin), role=MembershipRole.ADMIN
    )
    client.force_login(admin)
    url = reverse("evaluation:event_edit", kwargs={"pk": event.pk})
    assert client.get(url).status_code == 403
    assert client.post(url, {"title": "Changed"}).status_code == 403
    event.refresh_from_db()
    assert event.title != "Changed"


def test_a_mission_event_without_initiative_is_edited_by_its_network_admin(client, network, network_admin):
    mission = factories.MissionFactory(network=network, visibility=Visibility.PUBLIC)
    event = factories.EventFactory(network=network, mission=mission, visibility=Visibility.PUBLIC)
    client.force_login(network_admin)
    assert client.get(reverse("evaluation:event_edit", kwargs={"pk": event.pk})).status_code == 200


def test_adding_a_measurement_checks_the_indicator(client, network, coordinator, network_admin):
    initiative = factories.InitiativeFactory(network=network, visibility=Visibility.NETWORK)
    indicator = factories.IndicatorFactory(initiative=initiative)
    url = reverse("evaluation:measurement_add", kwargs={"indicator_pk": indicator.pk})
    client.force_login(coordinator)  # sees the initiative, does not coordinate it
    assert client.get(url).status_code == 403
    client.force_login(network_admin)
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["indicator"] == indicator
