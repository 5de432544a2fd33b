"""The learning pages in the browser: logging a learning entry on an initiative, the
learning page's search and filters, the mission summary, the summary block, a network's
full recomputation with its progress, following, and unsubscribing; and the evaluation
entries of the view matrix (tests/support/viewmatrix_evaluation.py)."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from core.choices import Visibility
from evaluation import services
from evaluation.choices import BarrierCategory, EvidenceLevel, LearningKind, NotificationKind, SummaryStatus
from evaluation.models import LearningEntry, NotificationSettings, RecomputationRun
from initiatives.choices import ParticipationRole
from initiatives.models import Initiative
from partners.choices import Country, MembershipRole

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client):
    """The pages in English, so the tests can read their headings."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


# --- the view matrix ---------------------------------------------------------------------


# --- a Danish network with a Swedish member ----------------------------------------------


@pytest.fixture
def place(network, coordinator, member, django_capture_on_commit_callbacks):
    """A Danish initiative of the coordinator's organisation in a mission. Set up as one
    committed change, so its summaries exist and a later change queues a job of its own."""
    with django_capture_on_commit_callbacks(execute=True):
        mission = factories.MissionFactory(network=network, visibility=Visibility.NETWORK, title="Udsatte familier")
        initiative = factories.InitiativeFactory(
            network=network, visibility=Visibility.NETWORK, language="da", title="Sammenhæng for familier"
        )
        initiative.missions.add(mission)
        factories.ParticipationFactory(
            initiative=initiative, organisation=coordinator.person.organisation, role=ParticipationRole.LEAD
        )
    return mission, initiative


@pytest.fixture
def swedish_member(network):
    user = factories.UserFactory(username="svensk-medlem")
    organisation = factories.OrganisationFactory(name="Eskilstuna kommun", country=Country.SWEDEN)
    person = factories.PersonFactory(user=user, organisation=organisation)
    factories.MembershipFactory(network=network, person=person, role=MembershipRole.MEMBER)
    return user


BARRIER_FORM = {
    "title": "Udbuddet bremsede piloten",
    "what_we_did": "Vi forsøgte at købe en ny madordning gennem kommunens udbud.",
    "what_we_learned": "Udbuddene var for stive til en lille afprøvning, og indkøbsafdelingen kendte ikke piloten.",
    "where_we_are_heading": "Vi taler med indkøb, før næste afprøvning starter.",
    "kind": LearningKind.BARRIER,
    "categories": [BarrierCategory.PROCUREMENT],
    "value_domains": ["productivity"],
    "evidence_level": EvidenceLevel.OBSERVED,
    "visibility": Visibility.NETWORK,
    "language": "da",
}


def log_barrier(client, initiative, capture):
    url = reverse("evaluation:learning_add", kwargs={"initiative_slug": initiative.slug})
    assert client.get(url).status_code == 200
    with capture(execute=True):
        response = client.post(url, BARRIER_FORM)
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = LearningEntry.objects.get(title=BARRIER_FORM["title"])
    assert response.url == entry.get_absolute_url()
    return entry


def test_coordinator_logs_a_barrier_that_the_mission_summary_and_search_show(
    client, place, coordinator, member, swedish_member, django_capture_on_commit_callbacks
):
    mission, initiative = place
    client.force_login(coordinator)
    entry = log_barrier(client, initiative, django_capture_on_commit_callbacks)
    assert entry.initiative == initiative
    assert entry.author == coordinator.person
    assert entry.categories == [BarrierCategory.PROCUREMENT]

    # The mission's summary (recomputed by the job the save queued) lists it as the top barrier.
    client.force_login(member)
    page = client.get(reverse("evaluation:mission_summary", kwargs={"slug": mission.slug}))
    assert page.status_code == 200
    html = page.content.decode()
    barriers = html.split("Most frequent barriers", 1)[1].split("</ol>", 1)[0]
    assert "Procurement" in barriers
    assert f'href="{entry.get_absolute_url()}" lang="da">{entry.title}</a>' in barriers
    assert "Computed <time" in html
    # The partner network as a table beside its drawing.
    partners = html.split('class="partner-network"', 1)[1]
    assert "<svg" in partners
    assert f">{coordinator.person.organisation.name}</a></th>" in partners

    # A Swedish member finds it with another form of the Danish word.
    client.force_login(swedish_member)
    results = client.get(reverse("evaluation:learning_list"), {"q": "udbud"}).content.decode()
    assert entry.get_absolute_url() in results
    assert "<mark>" in results


def test_a_member_cannot_log_learning_and_the_form_reports_errors(client, place, member, coordinator):
    _mission, initiative = place
    url = reverse("evaluation:learning_add", kwargs={"initiative_slug": initiative.slug})
    client.force_login(member)
    assert client.get(url).status_code == 403
    assert client.post(url, BARRIER_FORM).status_code == 403
    client.force_login(coordinator)
    response = client.post(url, {**BARRIER_FORM, "what_we_learned": "", "categories": ["bribery"]})
    assert response.status_code == 200
    assert not LearningEntry.objects.exists()
    errors = response.context["form"].errors
    assert set(errors) == {"what_we_learned", "categories"}


def test_coordinator_edits_an_entry(client, place, coordinator):
    _mission, initiative = place
    entry = factories.LearningEntryFactory(initiative=initiative, language="da", visibility=Visibility.NETWORK)
    client.force_login(coordinator)
    detail = client.get(entry.get_absolute_url()).content.decode()
    edit_url = reverse("evaluation:learningentry_edit", kwargs={"pk": entry.pk})
    assert edit_url in detail
    response = client.post(edit_url, {**BARRIER_FORM, "title": "Ny overskrift"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.title == "Ny overskrift"
    assert entry.initiative == initiative


# --- visibility and the learning list ----------------------------------------------------


def test_anonymous_sees_no_network_learning_and_an_invisible_entry_is_404(client, place, outsider):
    _mission, initiative = place
    network_entry = factories.LearningEntryFactory(
        initiative=initiative, title="Netværkslæring", visibility=Visibility.NETWORK
    )
    public_initiative = factories.InitiativeFactory(network=initiative.network, visibility=Visibility.PUBLIC)
    public_entry = factories.LearningEntryFactory(initiative=public_initiative, title="Offentlig læring")
    listing = client.get(reverse("evaluation:learning_list")).content.decode()
    assert "Offentlig læring" in listing
    assert "Netværkslæring" not in listing
    assert client.get(network_entry.get_absolute_url()).status_code == 404
    assert client.get(public_entry.get_absolute_url()).status_code == 200
    client.force_login(outsider)
    assert client.get(network_entry.get_absolute_url()).status_code == 404
    assert "Netværkslæring" not in client.get(reverse("evaluation:learning_list"), {"q": "læring"}).content.decode()


def test_filters_narrow_the_learning_list(client, place, member):
    _mission, initiative = place
    factories.LearningEntryFactory(
        initiative=initiative, title="Indkøb", kind=LearningKind.BARRIER, categories=[BarrierCategory.PROCUREMENT]
    )
    factories.LearningEntryFactory(
        initiative=initiative, title="Kultur", kind=LearningKind.ENABLER, categories=["culture"]
    )
    client.force_login(member)
    url = reverse("evaluation:learning_list")
    barriers = results_of(client.get(url, {"kind": LearningKind.BARRIER}))
    assert "Indkøb" in barriers and "Kultur" not in barriers
    culture = results_of(client.get(url, {"category": "culture"}))
    assert "Kultur" in culture and "Indkøb" not in culture


def results_of(response):
    """The results part of a list page (the filter form names every choice)."""
    return response.content.decode().split('id="object-list-results"', 1)[1]


def test_the_learning_list_uses_a_constant_number_of_queries(client, place, member):
    _mission, initiative = place
    client.force_login(member)
    url = reverse("evaluation:learning_list")

    def queries(params):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, params).status_code == 200
        return len(captured)

    factories.LearningEntryFactory.create_batch(2, initiative=initiative, what_we_learned="Udbuddet var svært.")
    few = queries({}), queries({"q": "udbud"})
    more_initiatives = factories.InitiativeFactory.create_batch(3, network=initiative.network)
    for other in more_initiatives:
        factories.LearningEntryFactory.create_batch(3, initiative=other, what_we_learned="Udbuddet var svært.")
    many = queries({}), queries({"q": "udbud"})
    assert few == many


# --- the summary block, twins from the demo data ---------------------------------------


def render_summary(user, scope, obj):
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load evaluation_summaries %}{% learning_summary scope obj %}")
    return template.render(Context({"request": request, "scope": scope, "obj": obj}))


def test_the_swedish_meal_delivery_pilot_lists_twin_candidates_with_reasons():
    call_command("load_demo", verbosity=0)
    pilot = Initiative.objects.get(slug="leverans-av-mat-for-seniorer")
    services.refresh_learning_summaries("initiative", pilot.pk)
    admin = factories.UserFactory(username="superuser", is_superuser=True, is_staff=True)
    html = render_summary(admin, "initiative", pilot)
    twins = html.split("Twin candidates", 1)[1].split("</ul>", 1)[0]
    assert twins.count("<li>") >= 1
    assert "same target group" in twins


def test_the_summary_block_says_when_nothing_was_computed(network, member):
    mission = factories.MissionFactory(network=network, visibility=Visibility.NETWORK)
    html = render_summary(member, "mission", mission)
    assert "Not computed yet." in html


# --- recomputation, following, unsubscribing -----------------------------------------------


def test_a_network_admin_recomputes_all_and_sees_the_progress(
    client, place, network, network_admin, django_capture_on_commit_callbacks
):
    client.force_login(network_admin)
    url = reverse("evaluation:network_recompute", kwargs={"slug": network.slug})
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    run = RecomputationRun.objects.get(network=network)
    assert response.url == reverse("evaluation:recomputation_detail", kwargs={"pk": run.pk})
    page = client.get(response.url).content.decode()
    assert "<progress" in page and "evaluation.js" in page
    status = client.get(reverse("evaluation:recomputation_status", kwargs={"pk": run.pk})).json()
    assert status["status"] == SummaryStatus.DONE
    assert status["percent"] == 100
    assert status["done"] == status["total"] > 0
    assert not status["active"]


def test_a_member_cannot_start_a_recomputation(client, network, member):
    client.force_login(member)
    assert client.post(reverse("evaluation:network_recompute", kwargs={"slug": network.slug})).status_code == 403
    assert not RecomputationRun.objects.exists()


def test_follow_and_unfollow_a_mission(client, place, member, outsider):
    mission, _initiative = place
    follow_url = reverse("evaluation:follow", kwargs={"kind": "mission", "slug": mission.slug})
    client.force_login(member)
    response = client.post(follow_url)
    assert response.url == mission.get_absolute_url()
    assert services.is_following(member, mission)
    summary = client.get(reverse("evaluation:mission_summary", kwargs={"slug": mission.slug})).content.decode()
    assert reverse("evaluation:unfollow", kwargs={"kind": "mission", "slug": mission.slug}) in summary
    client.post(reverse("evaluation:unfollow", kwargs={"kind": "mission", "slug": mission.slug}))
    assert not services.is_following(member, mission)
    client.force_login(outsider)
    assert client.post(follow_url).status_code == 404


def test_unsubscribe_asks_then_switches_the_email_off(client, member):
    token = services.unsubscribe_token(member, NotificationKind.DIGEST)
    url = reverse("evaluation:unsubscribe", kwargs={"token": token})
    page = client.get(url)
    assert page.status_code == 200
    assert services.notification_settings_for(member).weekly_digest
    assert client.post(url).status_code == 200
    assert not NotificationSettings.objects.get(user=member).weekly_digest


def test_a_bad_unsubscribe_token_is_a_clear_400(client, member):
    token = services.unsubscribe_token(member, NotificationKind.DIGEST)
    url = reverse("evaluation:unsubscribe", kwargs={"token": token[:-3] + "abc"})
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 400
        assert "not valid" in response.content.decode()


# --- the event wall -------------------------------------------------------------------------


def png_bytes():
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


EVENT_FORM = {
    "date": "2025-05-26",
    "title": "Kaffe efter gymnastik",
    "narrative": "Kaffepausen efter gymnastik skabte nye fællesskaber.",
    "participants": "Borgere, frivillige, en fysioterapeut",
    "visibility": Visibility.NETWORK,
    "language": "da",
    "resources-TOTAL_FORMS": "2",
    "resources-INITIAL_FORMS": "0",
    "resources-MIN_NUM_FORMS": "0",
    "resources-MAX_NUM_FORMS": "1000",
    "resources-0-capital": "social",
    "resources-0-state": "actual",
    "resources-0-description": "Nye venskaber",
    "resources-1-capital": "",
    "resources-1-state": "",
    "resources-1-description": "",
}


def test_an_event_with_a_picture_and_resources_goes_on_the_wall(client, place, coordinator, member, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    _mission, initiative = place
    client.force_login(coordinator)
    url = reverse("evaluation:initiative_event_add", kwargs={"initiative_slug": initiative.slug})
    picture = SimpleUploadedFile("kaffe.png", png_bytes(), content_type="image/png")
    response = client.post(url, {**EVENT_FORM, "image": picture, "image_description": "Borgere drikker kaffe"})
    assert response.status_code == 302, response.content.decode()[:3000]
    event = initiative.events.get()
    assert event.network == initiative.network
    assert [(r.capital, r.state) for r in event.resources.all()] == [("social", "actual")]
    client.force_login(member)
    wall = client.get(reverse("evaluation:initiative_events", kwargs={"slug": initiative.slug})).content.decode()
    assert 'alt="Borgere drikker kaffe"' in wall
    assert "Nye venskaber" in wall
    # The event's page shows the same capital as its card (Event.capital_by_kind).
    page = client.get(event.get_absolute_url()).content.decode()
    assert "capital-social" in page and "Nye venskaber" in page


def test_an_upload_that_is_not_an_image_is_refused(client, place, coordinator, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    _mission, initiative = place
    client.force_login(coordinator)
    url = reverse("evaluation:initiative_event_add", kwargs={"initiative_slug": initiative.slug})
    fake = SimpleUploadedFile("kaffe.png", b"%PDF-1.4 not a picture", content_type="image/png")
    response = client.post(url, {**EVENT_FORM, "image": fake, "image_description": "Kaffe"})
    assert response.status_code == 200
    assert "image" in response.context["form"].errors
    assert not initiative.events.exists()


def test_a_picture_needs_a_description_and_a_size_limit(client, place, coordinator, settings, tmp_path, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from evaluation.forms import EventForm

    settings.MEDIA_ROOT = tmp_path
    _mission, initiative = place
    client.force_login(coordinator)
    url = reverse("evaluation:initiative_event_add", kwargs={"initiative_slug": initiative.slug})
    picture = SimpleUploadedFile("kaffe.png", png_bytes(), content_type="image/png")
    response = client.post(url, {**EVENT_FORM, "image": picture, "image_description": ""})
    assert response.status_code == 200
    assert "image_description" in response.context["form"].errors
    monkeypatch.setattr(EventForm, "IMAGE_MAX_BYTES", 10)
    picture = SimpleUploadedFile("kaffe.png", png_bytes(), content_type="image/png")
    response = client.post(url, {**EVENT_FORM, "image": picture, "image_description": "Kaffe"})
    assert response.context["form"].errors["image"] == ["The picture is larger than 5 MB."]
    assert not initiative.events.exists()


def test_the_recompute_link_shows_for_network_admins_only(network, member, network_admin):
    def render(user):
        request = RequestFactory().get("/")
        request.user = user
        template = Template("{% load evaluation_summaries %}{% recompute_link network %}")
        return template.render(Context({"request": request, "network": network}))

    url = reverse("evaluation:network_recompute", kwargs={"slug": network.slug})
    assert url in render(network_admin)
    assert url not in render(member)


# --- value assessments and indicators -----------------------------------------------------


ASSESSMENT_FORM = {
    "period_start": "2025-01-01",
    "period_end": "2025-06-30",
    "assessor_role": "coordinator",
    "productivity-score": "2",
    "productivity-narrative": "Færre dobbeltbesøg.",
    "effects-score": "3",
    "effects-narrative": "Familierne oplever sammenhæng.",
    "democracy-score": "4",
    "democracy-narrative": "Borgerne var med til at forme tilbuddet.",
    "service_experience-score": "5",
    "service_experience-narrative": "De ved, hvem der kommer hvornår.",
}


def domain_section(html, label):
    """The form's fieldset of one value domain."""
    return html.split(f"<legend>{label}</legend>", 1)[1].split('<fieldset class="form-section">', 1)[0]


def test_the_four_value_domains_are_assessed_on_one_form(client, place, coordinator, member):
    _mission, initiative = place
    client.force_login(coordinator)
    url = reverse("evaluation:valueassessment_add", kwargs={"initiative_slug": initiative.slug})
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for label in ("Productivity", "Effects", "Democracy", "Service experience"):
        assert 'type="radio"' in domain_section(html, label)

    response = client.post(url, ASSESSMENT_FORM)
    assert response.url == reverse("evaluation:initiative_value", kwargs={"slug": initiative.slug})
    saved = {a.domain: (a.score, a.assessed_by) for a in initiative.value_assessments.all()}
    assert saved == {
        "productivity": (2, coordinator.person),
        "effects": (3, coordinator.person),
        "democracy": (4, coordinator.person),
        "service_experience": (5, coordinator.person),
    }
    client.force_login(member)
    assert client.post(url, ASSESSMENT_FORM).status_code == 403


def test_a_domain_left_empty_is_not_assessed(client, place, coordinator):
    _mission, initiative = place
    client.force_login(coordinator)
    url = reverse("evaluation:valueassessment_add", kwargs={"initiative_slug": initiative.slug})
    data = {**ASSESSMENT_FORM, "effects-score": "", "effects-narrative": ""}
    assert client.post(url, data).status_code == 302
    assert set(initiative.value_assessments.values_list("domain", flat=True)) == {
        "productivity",
        "democracy",
        "service_experience",
    }


def test_one_invalid_domain_shows_its_error_in_its_section_and_saves_nothing(client, place, coordinator):
    _mission, initiative = place
    client.force_login(coordinator)
    url = reverse("evaluation:valueassessment_add", kwargs={"initiative_slug": initiative.slug})
    response = client.post(url, {**ASSESSMENT_FORM, "democracy-narrative": ""}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Say what the score rests on" in domain_section(html, "Democracy")
    assert "Say what the score rests on" not in domain_section(html, "Effects")
    assert not initiative.value_assessments.exists()


def test_a_domain_already_assessed_for_the_period_is_an_error_in_its_section(client, place, coordinator):
    _mission, initiative = place
    client.force_login(coordinator)
    url = reverse("evaluation:valueassessment_add", kwargs={"initiative_slug": initiative.slug})
    only_democracy = {
        key: value for key, value in ASSESSMENT_FORM.items() if "-" not in key or key.startswith("democracy")
    }
    assert client.post(url, only_democracy).status_code == 302
    response = client.post(url, ASSESSMENT_FORM, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert "already been assessed for the period" in domain_section(html, "Democracy")
    assert "already been assessed" not in domain_section(html, "Productivity")
    assert list(initiative.value_assessments.values_list("domain", flat=True)) == ["democracy"]


def test_an_empty_form_or_a_period_ending_before_it_starts_saves_nothing(client, place, coordinator):
    _mission, initiative = place
    client.force_login(coordinator)
    url = reverse("evaluation:valueassessment_add", kwargs={"initiative_slug": initiative.slug})
    empty = {key: value for key, value in ASSESSMENT_FORM.items() if "-" not in key}
    response = client.post(url, empty, HTTP_ACCEPT_LANGUAGE="en")
    assert "Assess at least one value domain." in response.content.decode()
    backwards = {**ASSESSMENT_FORM, "period_end": "2024-12-31"}
    response = client.post(url, backwards, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    # Said once, on the period, not once for every domain.
    assert html.count("The end cannot be before the start.") == 2  # the summary and the field
    assert not initiative.value_assessments.exists()


def test_each_indicator_has_a_drawing_and_its_data_table(client, place, member):
    _mission, initiative = place
    indicator = factories.IndicatorFactory(initiative=initiative, name="Måltider", unit="antal")
    for day, value in (("2025-01-01", 10), ("2025-02-01", 14), ("2025-03-01", 12)):
        factories.MeasurementFactory(indicator=indicator, date=day, value=value)
    client.force_login(member)
    page = client.get(reverse("evaluation:initiative_value", kwargs={"slug": initiative.slug})).content.decode()
    section = page.split(f'id="indicator-{indicator.pk}"', 1)[1]
    assert "<polyline" in section
    assert section.count("<tr>") == 4  # a header row and three measurements
    assert "14.000" in section or "14,000" in section


# --- the event wall as a wall ------------------------------------------------------------


def test_the_wall_shows_cards_with_capital_and_links_between_events_the_reader_may_see(
    client, place, network, member, other_network
):
    _mission, initiative = place
    earlier = factories.EventFactory(
        network=network, initiative=initiative, visibility=Visibility.NETWORK, title="Gymnastikholdet"
    )
    secret = factories.EventFactory(
        network=network, initiative=initiative, visibility=Visibility.DRAFT, title="Hemmeligt møde"
    )
    later = factories.EventFactory(
        network=network, initiative=initiative, visibility=Visibility.NETWORK, title="Kaffen"
    )
    later.grew_out_of.set([earlier, secret])
    factories.ResourceObservationFactory(event=later, capital="economic", state="actual", description="Kaffen købes")
    factories.ResourceObservationFactory(event=later, capital="affective", state="potential", description="Varme")
    client.force_login(member)

    wall = client.get(reverse("evaluation:initiative_events", kwargs={"slug": initiative.slug})).content.decode()
    card = wall.split(f'<li class="event-card" id="event-{later.pk}">', 1)[1].split("</article>", 1)[0]
    assert "capital-economic" in card and "Economic capital" in card and "Kaffen købes" in card
    assert "capital-affective" in card and "Potential" in card and "Varme" in card
    assert "Social capital" not in card
    links = card.split("Grew out of", 1)[1]
    assert earlier.get_absolute_url() in links
    assert "Hemmeligt møde" not in wall  # a draft the member cannot see, linked or not
    earlier_card = wall.split(f'id="event-{earlier.pk}"', 1)[1].split("</article>", 1)[0]
    assert "Led to" in earlier_card and later.get_absolute_url() in earlier_card

    detail = client.get(later.get_absolute_url()).content.decode()
    assert "Gymnastikholdet" in detail and "Hemmeligt møde" not in detail


def test_the_wall_keeps_a_constant_number_of_queries(client, place, network, member, django_assert_max_num_queries):
    _mission, initiative = place

    def add_events(count):
        previous = None
        for _ in range(count):
            event = factories.EventFactory(network=network, initiative=initiative, visibility=Visibility.NETWORK)
            factories.ResourceObservationFactory(
                event=event, capital="social", state="actual", description="Nye venner"
            )
            if previous:
                event.grew_out_of.add(previous)
            previous = event

    add_events(2)
    client.force_login(member)
    url = reverse("evaluation:network_events", kwargs={"slug": network.slug})
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    add_events(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_an_event_links_only_to_events_of_its_own_network(client, place, network, coordinator, other_network):
    _mission, initiative = place
    own = factories.EventFactory(network=network, initiative=initiative, visibility=Visibility.NETWORK, title="Eget")
    foreign = factories.EventFactory(network=other_network, visibility=Visibility.PUBLIC, title="Fremmed")
    client.force_login(coordinator)
    url = reverse("evaluation:initiative_event_add", kwargs={"initiative_slug": initiative.slug})
    form = client.get(url).context["form"]
    assert list(form.fields["grew_out_of"].queryset) == [own]

    response = client.post(url, {**EVENT_FORM, "title": "Ny begivenhed", "grew_out_of": [foreign.pk]})
    assert response.status_code == 200
    assert "grew_out_of" in response.context["form"].errors
    response = client.post(url, {**EVENT_FORM, "title": "Ny begivenhed", "grew_out_of": [own.pk]})
    assert response.status_code == 302
    assert list(initiative.events.get(title="Ny begivenhed").grew_out_of.all()) == [own]
