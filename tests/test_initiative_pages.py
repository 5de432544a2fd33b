"""Initiative pages: list (filters, sorting, paging, constant queries), detail, create
and edit with partner and funding formsets, pilots and twins, phase change, compost,
delete and history."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.choices import Visibility
from initiatives import services
from initiatives.choices import InitiativeKind, ParticipationRole, Phase
from initiatives.models import Initiative, PhaseChange
from partners.choices import Sector

from . import factories
from .support.pages import initiative_url as url
from .support.pages import page_form

pytestmark = pytest.mark.django_db


# --- helpers -------------------------------------------------------------------------


# --- create and edit -----------------------------------------------------------------


def test_a_coordinator_creates_an_initiative_with_two_partners(client, network, coordinator, partner_organisations):
    university, municipality = partner_organisations
    client.force_login(coordinator)
    form = page_form(
        client.get(url("add")),
        title="Samskabt hverdagsliv",
        summary="Ældre og frivillige laver hverdagen sammen.",
        network=str(network.pk),
        visibility=Visibility.DRAFT,
        language="da",
        phase=Phase.IDEA_DEVELOPMENT,
        target_groups=["older_people", "local_community"],
        sdg_targets="3.4, 11.7",
        **{
            "participations-0-organisation": str(university.pk),
            "participations-0-role": ParticipationRole.RESEARCHER,
            "participations-1-organisation": str(municipality.pk),
            "participations-1-role": ParticipationRole.PARTNER,
            "fundings-0-funder_name": "Velfærdspuljen",
            "fundings-0-amount": "750000",
            "fundings-0-currency": "DKK",
            "fundings-0-kind": "temporary_pool",
            "fundings-0-end_date": "2027-06-30",
        },
    )
    response = client.post(url("add"), form)
    assert response.status_code == 302, response.text
    initiative = Initiative.objects.get(title="Samskabt hverdagsliv")
    assert response.url == initiative.get_absolute_url()
    assert initiative.sdg_targets == ["3.4", "11.7"]
    assert initiative.target_groups == ["older_people", "local_community"]
    roles = {p.organisation: p.role for p in initiative.participations.all()}
    # The coordinator's organisation was not in the formset: it became the lead, so the
    # coordinator keeps seeing and editing their own draft.
    assert roles == {
        university: ParticipationRole.RESEARCHER,
        municipality: ParticipationRole.PARTNER,
        coordinator.person.organisation: ParticipationRole.LEAD,
    }
    assert initiative.fundings.get().funder_name == "Velfærdspuljen"
    assert client.get(url("edit", slug=initiative.slug)).status_code == 200
    record = initiative.history.get()
    assert record.history_type == "+" and record.history_user == coordinator


def test_the_coordinators_organisation_listed_in_the_formset_is_not_added_twice(client, network, coordinator):
    client.force_login(coordinator)
    organisation = coordinator.person.organisation
    form = page_form(
        client.get(url("add")),
        title="Kun os",
        network=str(network.pk),
        **{"participations-0-organisation": str(organisation.pk), "participations-0-role": "partner"},
    )
    assert client.post(url("add"), form).status_code == 302
    initiative = Initiative.objects.get(title="Kun os")
    assert list(initiative.participations.values_list("organisation", "role")) == [(organisation.pk, "partner")]


def test_a_network_admin_creating_does_not_become_a_partner(client, network, network_admin):
    client.force_login(network_admin)
    form = page_form(client.get(url("add")), title="Netværkets egen", network=str(network.pk))
    assert client.post(url("add"), form).status_code == 302
    assert not Initiative.objects.get(title="Netværkets egen").participations.exists()


def test_the_create_form_offers_only_networks_the_user_coordinates_in(client, network, other_network, coordinator):
    client.force_login(coordinator)
    form = page_form(client.get(url("add")), title="Smuglet", network=str(other_network.pk))
    response = client.post(url("add"), form)
    assert response.status_code == 200
    assert 'id="id_network_error"' in response.text
    assert not Initiative.objects.filter(title="Smuglet").exists()


def test_anonymous_users_are_sent_to_log_in_and_nothing_is_created(client, network):
    response = client.post(url("add"), {"title": "Anonym", "network": network.pk})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not Initiative.objects.filter(title="Anonym").exists()


def test_edit_permission_follows_the_persona(client, network_initiative, coordinator, member, outsider):
    edit = url("edit", slug=network_initiative.slug)
    client.force_login(coordinator)
    assert client.get(edit).status_code == 200
    client.force_login(member)
    assert client.get(edit).status_code == 403
    assert client.post(edit, {"title": "Kapret"}).status_code == 403
    client.force_login(outsider)
    assert client.get(edit).status_code == 404
    network_initiative.refresh_from_db()
    assert network_initiative.title == "Fællesskab mod ensomhed"


def test_a_coordinator_of_another_partner_cannot_edit(client, network, network_initiative):
    other_coordinator = factories.UserFactory(username="other-coordinator")
    person = factories.PersonFactory(user=other_coordinator)
    factories.MembershipFactory(network=network, person=person, role="coordinator")
    client.force_login(other_coordinator)
    assert client.get(url("edit", slug=network_initiative.slug)).status_code == 403


def test_model_errors_are_shown_on_their_field_and_linked_to_it(client, network_initiative, coordinator):
    client.force_login(coordinator)
    edit = url("edit", slug=network_initiative.slug)
    form = page_form(client.get(edit), kind=InitiativeKind.PILOT, start_date="2026-05-01", end_date="2026-01-01")
    response = client.post(edit, form, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.text
    # Initiative.clean(): a pilot needs a parent; the end cannot come before the start.
    assert 'aria-describedby="id_parent_helptext id_parent_error"' in html
    assert '<ul class="errorlist" id="id_parent_error"><li>A pilot belongs to a parent initiative.</li></ul>' in html
    assert 'aria-invalid="true" aria-describedby="id_end_date_error"' in html
    assert "The end cannot be before the start." in html
    assert 'href="#id_parent"' in html  # the error summary links to the field
    network_initiative.refresh_from_db()
    assert network_initiative.kind == InitiativeKind.INITIATIVE


def test_formset_errors_name_the_row(client, network_initiative, coordinator):
    client.force_login(coordinator)
    edit = url("edit", slug=network_initiative.slug)
    form = page_form(
        client.get(edit),
        **{"fundings-0-funder_name": "Puljen", "fundings-0-amount": "-5", "fundings-0-currency": "DKK",
           "fundings-0-kind": "eu"},
    )  # fmt: skip
    response = client.post(edit, form)
    assert response.status_code == 200
    assert 'id="id_fundings-0-amount_error"' in response.text
    assert not network_initiative.fundings.exists()


def test_editing_partners_adds_and_removes_rows(client, network_initiative, coordinator, partner_organisations):
    university, municipality = partner_organisations
    factories.ParticipationFactory(initiative=network_initiative, organisation=municipality)
    client.force_login(coordinator)
    edit = url("edit", slug=network_initiative.slug)
    response = client.get(edit)
    municipality_row = next(
        key.removesuffix("-organisation")
        for key, value in page_form(response).items()
        if key.startswith("participations-") and key.endswith("-organisation") and value == [str(municipality.pk)]
    )
    form = page_form(
        response,
        **{f"{municipality_row}-DELETE": "on", "participations-2-organisation": str(university.pk),
           "participations-2-role": "researcher"},
    )  # fmt: skip
    assert client.post(edit, form).status_code == 302
    assert set(network_initiative.participations.values_list("organisation", flat=True)) == {
        coordinator.person.organisation.pk,
        university.pk,
    }


def test_links_to_records_the_editor_cannot_see_are_kept(
    client, network, other_network, network_initiative, coordinator
):
    hidden_mission = factories.MissionFactory(
        network=other_network, visibility=Visibility.DRAFT, title="Skjult mission"
    )
    shown_mission = factories.MissionFactory(network=network, visibility=Visibility.NETWORK, title="Synlig mission")
    network_initiative.missions.add(hidden_mission)
    client.force_login(coordinator)
    edit = url("edit", slug=network_initiative.slug)
    response = client.get(edit)
    assert "Skjult mission" not in response.text
    assert client.post(edit, page_form(response, missions=[str(shown_mission.pk)])).status_code == 302
    assert set(network_initiative.missions.all()) == {hidden_mission, shown_mission}


# --- pilots and twins ----------------------------------------------------------------


def test_a_pilot_is_created_from_the_detail_page(client, network_initiative, coordinator):
    client.force_login(coordinator)
    detail = client.get(network_initiative.get_absolute_url())
    add_pilot = url("add_pilot", parent_slug=network_initiative.slug)
    assert f'href="{add_pilot}"' in detail.text
    form = page_form(client.get(add_pilot), title="Pilot i Aarhus")
    assert form["kind"] == [InitiativeKind.PILOT]
    assert form["parent"] == [str(network_initiative.pk)]
    response = client.post(add_pilot, form)
    assert response.status_code == 302
    pilot = Initiative.objects.get(title="Pilot i Aarhus")
    assert (pilot.kind, pilot.parent) == (InitiativeKind.PILOT, network_initiative)
    assert pilot.network == network_initiative.network
    assert "Pilot i Aarhus" in client.get(network_initiative.get_absolute_url()).text


def test_a_twin_starts_as_a_copy_of_the_original(client, network_initiative, coordinator):
    network_initiative.intention = "Mindre ensomhed blandt ældre."
    network_initiative.save()
    client.force_login(coordinator)
    add_twin = url("add_twin", parent_slug=network_initiative.slug)
    form = page_form(client.get(add_twin), title="Gemenskap mot ensamhet", language="sv")
    assert form["twin_of"] == [str(network_initiative.pk)]
    assert form["intention"] == ["Mindre ensomhed blandt ældre."]
    assert client.post(add_twin, form).status_code == 302
    twin = Initiative.objects.get(title="Gemenskap mot ensamhet")
    assert (twin.twin_of, twin.language) == (network_initiative, "sv")
    assert "Gemenskap mot ensamhet" in client.get(network_initiative.get_absolute_url()).text


def test_pilots_and_twins_of_an_invisible_initiative_are_404(client, network, outsider):
    draft = factories.InitiativeFactory(network=network, visibility=Visibility.DRAFT)
    client.force_login(outsider)
    assert client.get(url("add_pilot", parent_slug=draft.slug)).status_code == 404
    assert client.get(url("add_twin", parent_slug=draft.slug)).status_code == 404


# --- phase change and compost --------------------------------------------------------


def test_a_phase_change_writes_a_phase_change_and_moves_the_initiative(client, network_initiative, coordinator):
    client.force_login(coordinator)
    phase_url = url("phase", slug=network_initiative.slug)
    form = page_form(client.get(phase_url))
    assert form["to_phase"] == [Phase.PROTOTYPING]  # the next phase is proposed
    form.update(rationale=["Idéen er klar; vi bygger en prototype med borgerne."], date=["2026-03-02"])
    response = client.post(phase_url, form)
    assert response.status_code == 302
    network_initiative.refresh_from_db()
    assert network_initiative.phase == Phase.PROTOTYPING
    change = PhaseChange.objects.get(initiative=network_initiative)
    assert (change.from_phase, change.to_phase, change.date) == (
        Phase.IDEA_DEVELOPMENT,
        Phase.PROTOTYPING,
        datetime.date(2026, 3, 2),
    )
    assert change.changed_by == coordinator.person
    detail = client.get(network_initiative.get_absolute_url()).text
    assert "Idéen er klar; vi bygger en prototype med borgerne." in detail
    assert 'aria-current="step"' in detail


def test_the_same_phase_is_refused_with_a_form_error(client, network_initiative, coordinator):
    client.force_login(coordinator)
    phase_url = url("phase", slug=network_initiative.slug)
    form = page_form(client.get(phase_url), to_phase=Phase.IDEA_DEVELOPMENT, rationale="Ingen ændring.")
    response = client.post(phase_url, form, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert '<ul class="errorlist" id="id_to_phase_error"><li>The initiative is already in this phase.</li></ul>' in (
        response.text
    )
    assert not PhaseChange.objects.exists()


def test_a_phase_change_needs_a_rationale(client, network_initiative, coordinator):
    client.force_login(coordinator)
    phase_url = url("phase", slug=network_initiative.slug)
    response = client.post(phase_url, page_form(client.get(phase_url), rationale=""))
    assert 'id="id_rationale_error"' in response.text
    assert not PhaseChange.objects.exists()


def test_a_member_cannot_change_the_phase(client, network_initiative, member):
    client.force_login(member)
    response = client.post(url("phase", slug=network_initiative.slug), {"to_phase": "scaling", "rationale": "x"})
    assert response.status_code == 403
    assert not PhaseChange.objects.exists()


@pytest.mark.parametrize("missing", ["composted_reason", "composted_lessons"])
def test_composting_requires_the_reason_and_what_others_can_reuse(client, network_initiative, coordinator, missing):
    client.force_login(coordinator)
    compost_url = url("compost", slug=network_initiative.slug)
    form = page_form(
        client.get(compost_url),
        composted_reason="Kommunen valgte en anden løsning.",
        composted_lessons="Interviewguiden og netværket af frivillige.",
    )
    form[missing] = ["  "]
    response = client.post(compost_url, form)
    assert response.status_code == 200
    assert f'id="id_{missing}_error"' in response.text
    network_initiative.refresh_from_db()
    assert network_initiative.phase == Phase.IDEA_DEVELOPMENT
    assert not PhaseChange.objects.exists()


def test_composting_records_why_and_what_others_can_reuse(client, network_initiative, coordinator):
    client.force_login(coordinator)
    compost_url = url("compost", slug=network_initiative.slug)
    form = page_form(
        client.get(compost_url),
        composted_reason="Kommunen valgte en anden løsning.",
        composted_lessons="Interviewguiden og netværket af frivillige.",
    )
    assert client.post(compost_url, form).status_code == 302
    network_initiative.refresh_from_db()
    assert network_initiative.phase == Phase.COMPOSTED
    assert network_initiative.composted_lessons == "Interviewguiden og netværket af frivillige."
    change = PhaseChange.objects.get()
    assert (change.to_phase, change.rationale) == (Phase.COMPOSTED, "Kommunen valgte en anden løsning.")
    detail = client.get(network_initiative.get_absolute_url()).text
    assert "Interviewguiden og netværket af frivillige." in detail
    assert url("compost", slug=network_initiative.slug) not in detail


# --- history and delete --------------------------------------------------------------


def test_the_history_shows_who_changed_what(client, network_initiative, coordinator, member):
    client.force_login(coordinator)
    edit = url("edit", slug=network_initiative.slug)
    client.post(edit, page_form(client.get(edit), title="Fællesskab mod ensomhed i Aarhus", visibility="public"))
    client.force_login(member)
    response = client.get(url("history", slug=network_initiative.slug), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.text
    assert "<del>Fællesskab mod ensomhed</del>" in html
    assert "<ins>Fællesskab mod ensomhed i Aarhus</ins>" in html
    assert "<del>Network</del>" in html and "<ins>Public</ins>" in html  # choices by their label
    assert "coordinator" in html  # who
    record = network_initiative.history.latest()
    assert (record.history_type, record.history_user) == ("~", coordinator)
    assert set(record.diff_against(record.prev_record).changed_fields) == {"title", "visibility"}


def test_a_phase_change_shows_in_the_history_with_its_rationale(client, network_initiative, coordinator):
    client.force_login(coordinator)
    phase_url = url("phase", slug=network_initiative.slug)
    client.post(phase_url, page_form(client.get(phase_url), rationale="Klar til prototype."))
    html = client.get(url("history", slug=network_initiative.slug), HTTP_ACCEPT_LANGUAGE="en").text
    assert "Klar til prototype." in html
    assert "<ins>Prototyping</ins>" in html


def test_the_history_does_not_name_records_the_reader_cannot_see(client, network, network_initiative, member):
    draft = factories.InitiativeFactory(network=network, visibility=Visibility.DRAFT, title="Hemmeligt udkast")
    network_initiative.twin_of = draft
    network_initiative.save()
    client.force_login(member)
    html = client.get(url("history", slug=network_initiative.slug)).text
    assert "Hemmeligt udkast" not in html


def test_deleting_asks_first_and_is_recorded(client, network_initiative, coordinator):
    client.force_login(coordinator)
    delete = url("delete", slug=network_initiative.slug)
    assert client.get(delete).status_code == 200
    response = client.post(delete)
    assert response.status_code == 302
    assert response.url == url("list")
    assert not Initiative.objects.filter(pk=network_initiative.pk).exists()
    record = Initiative.history.filter(id=network_initiative.pk).latest()
    assert (record.history_type, record.history_user) == ("-", coordinator)


def test_an_initiative_with_pilots_is_not_deleted(client, network_initiative, network_admin):
    factories.InitiativeFactory(
        network=network_initiative.network, kind=InitiativeKind.PILOT, parent=network_initiative
    )
    client.force_login(network_admin)
    response = client.post(url("delete", slug=network_initiative.slug))
    assert response.status_code == 409
    assert Initiative.objects.filter(pk=network_initiative.pk).exists()


# --- detail --------------------------------------------------------------------------


def test_the_detail_shows_every_part_and_marks_the_records_language(client, network, network_initiative, member):
    network_initiative.intention = "Vi vil bryde ensomheden."
    network_initiative.toc_problem = "Mange ældre er ensomme."
    network_initiative.business_case = "Færre indlæggelser."
    network_initiative.save()
    mission = factories.MissionFactory(network=network, title="Ingen alene", visibility=Visibility.NETWORK)
    network_initiative.missions.add(mission)
    portfolio = factories.PortfolioFactory(network=network, title="Samhällskontraktets portfölj")
    factories.PortfolioEntryFactory(portfolio=portfolio, initiative=network_initiative)
    hidden = factories.PortfolioFactory(network=network, title="Skjult portefølje", visibility=Visibility.DRAFT)
    factories.PortfolioEntryFactory(portfolio=hidden, initiative=network_initiative)
    factories.FundingFactory(initiative=network_initiative, funder_name="Puljen", amount=250000)
    client.force_login(member)
    html = client.get(network_initiative.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").text
    assert '<html lang="en">' in html
    assert '<h1 lang="da">Fællesskab mod ensomhed</h1>' in html
    assert '<div class="content" lang="da"><p>Vi vil bryde ensomheden.</p></div>' in html
    for text in ("Mange ældre er ensomme.", "Færre indlæggelser.", "Ingen alene", "Samhällskontraktets portfölj",
                 "Puljen", "250,000 DKK", 'id="learning"'):  # fmt: skip
        assert text in html
    assert "Skjult portefølje" not in html
    # A member reads but does not change: no edit actions.
    assert url("edit", slug=network_initiative.slug) not in html


def test_the_detail_hides_a_parent_the_reader_cannot_see(client, network, member):
    parent = factories.InitiativeFactory(network=network, visibility=Visibility.DRAFT, title="Hemmelig forælder")
    pilot = factories.InitiativeFactory(
        network=network, visibility=Visibility.NETWORK, kind=InitiativeKind.PILOT, parent=parent
    )
    client.force_login(member)
    assert "Hemmelig forælder" not in client.get(pilot.get_absolute_url()).text


# --- list ----------------------------------------------------------------------------


def make_initiatives(count, network, start=0):
    for number in range(start, start + count):
        initiative = factories.InitiativeFactory(network=network, title=f"Initiativ {number:03d}")
        factories.ParticipationFactory(initiative=initiative)
        factories.ParticipationFactory(initiative=initiative, role=ParticipationRole.LEAD)


def count_queries(client, path):
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context)


def test_the_list_uses_a_constant_number_of_queries(client, network, member, django_assert_max_num_queries):
    factories.MissionFactory(network=network)
    client.force_login(member)
    path = url("list")
    make_initiatives(5, network)
    few = count_queries(client, path)
    make_initiatives(35, network, start=5)
    many = count_queries(client, path)
    assert few == many, (few, many)
    # Session, user, audience (2), count, page, partners, the filter form's five choice
    # lists, and the request's savepoint pair.
    with django_assert_max_num_queries(14):
        response = client.get(path + "?ordering=-phase&page=2")
    assert response.context["paginator"].count == 40


def test_the_list_is_paginated_and_sorted(client, network):
    make_initiatives(30, network)
    response = client.get(url("list") + "?ordering=-title")
    titles = [initiative.title for initiative in response.context["object_list"]]
    assert titles[0] == "Initiativ 029" and len(titles) == 25
    assert 'aria-sort="descending"' in response.text
    second = client.get(url("list") + "?ordering=-title&page=2")
    assert [i.title for i in second.context["object_list"]] == [f"Initiativ {n:03d}" for n in range(4, -1, -1)]


def test_anonymous_visitors_list_public_initiatives_only(client, network, network_initiative):
    factories.InitiativeFactory(network=network, title="Offentligt initiativ")
    html = client.get(url("list")).text
    assert "Offentligt initiativ" in html
    assert "Fællesskab mod ensomhed" not in html


@pytest.fixture
def two_initiatives(network, other_network):
    theme = factories.ThemeFactory(network=network)
    mission = factories.MissionFactory(network=network, theme=theme)
    municipality = factories.MunicipalityFactory()
    company = factories.OrganisationFactory(sector=Sector.COMPANY)
    match = factories.InitiativeFactory(
        network=network,
        title="Matchende indsats",
        phase=Phase.PROTOTYPING,
        kind=InitiativeKind.TARGETED_ACTION,
        language="sv",
        visibility=Visibility.PUBLIC,
        sdg_targets=["3.4"],
        target_groups=["dementia"],
        intention="Demensvenlige lokalsamfund",
    )
    match.missions.add(mission)
    match.municipalities.add(municipality)
    factories.ParticipationFactory(initiative=match, organisation=company)
    other = factories.InitiativeFactory(network=other_network, title="Anden indsats", sdg_targets=["10.2"])
    factories.ParticipationFactory(initiative=other)
    return {
        "phase": Phase.PROTOTYPING,
        "kind": InitiativeKind.TARGETED_ACTION,
        "mission_id": mission.pk,
        "theme_id": theme.pk,
        "network_id": network.pk,
        "organisation_id": company.pk,
        "sector": Sector.COMPANY,
        "municipality_id": municipality.pk,
        "sdg": "3.4",
        "target_group": "dementia",
        "language": "sv",
        "q": "demensvenlige",
    }


@pytest.mark.parametrize(
    "name",
    ["phase", "kind", "mission_id", "theme_id", "network_id", "organisation_id", "sector", "municipality_id", "sdg",
     "target_group", "language", "q"],
)  # fmt: skip
def test_each_filter_works_through_the_page(client, two_initiatives, name):
    response = client.get(url("list"), {name: two_initiatives[name]})
    titles = [initiative.title for initiative in response.context["object_list"]]
    assert titles == ["Matchende indsats"]
    assert f'name="{name}"' in response.text  # the filter is in the form


def test_the_visibility_filter_works_through_the_page(client, network, network_initiative, member):
    factories.InitiativeFactory(network=network, title="Offentligt initiativ")
    client.force_login(member)
    response = client.get(url("list"), {"visibility": "network"})
    assert [i.title for i in response.context["object_list"]] == ["Fællesskab mod ensomhed"]


def test_filters_not_in_the_form_are_kept_when_filtering_again(client, network_initiative, member):
    client.force_login(member)
    html = client.get(url("list"), {"parent_id": network_initiative.pk, "ordering": "title"}).text
    assert f'<input type="hidden" name="parent_id" value="{network_initiative.pk}">' in html
    assert '<input type="hidden" name="ordering" value="title">' in html


def test_htmx_gets_only_the_results(client, network):
    make_initiatives(2, network)
    response = client.get(
        url("list") + "?q=001",
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="object-list-results",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section class="results" id="object-list-results"')
    # The count also goes to the page's live region, which stays in place.
    assert '<p id="results-status" class="visually-hidden" role="status" hx-swap-oob="true">1 result</p>' in (
        response.text
    )
    assert "<html" not in response.text
    assert "Initiativ 001" in response.text and "Initiativ 000" not in response.text


# --- services ------------------------------------------------------------------------


def test_change_phase_refuses_composting_and_an_empty_rationale(network_initiative):
    with pytest.raises(ValidationError) as error:
        services.change_phase(network_initiative, Phase.COMPOSTED, "Slut.")
    assert "to_phase" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.change_phase(network_initiative, Phase.SCALING, "   ")
    assert "rationale" in error.value.message_dict
    assert not PhaseChange.objects.exists()


def test_the_creators_organisation_is_lead_unless_there_is_one(network_initiative, coordinator):
    newcomer = factories.OrganisationFactory()
    # network_initiative has the coordinator's organisation as its lead already.
    assert services.add_creator_organisation(network_initiative, coordinator.person.organisation) is None
    added = services.add_creator_organisation(network_initiative, newcomer)
    assert added.role == ParticipationRole.PARTNER
    fresh = factories.InitiativeFactory(network=network_initiative.network)
    assert services.add_creator_organisation(fresh, newcomer).role == ParticipationRole.LEAD


@pytest.mark.parametrize("partners", [1, 6])
def test_the_detail_page_reads_partner_funding_and_municipality_rows_once(
    client, network, partners, django_assert_max_num_queries
):
    initiative = factories.InitiativeFactory(network=network, visibility=Visibility.PUBLIC)
    for _ in range(partners):
        factories.ParticipationFactory(initiative=initiative)
        factories.FundingFactory(initiative=initiative)
        initiative.municipalities.add(factories.MunicipalityFactory())
    client.get(initiative.get_absolute_url())  # the session and the caches are warm
    # 2 savepoint statements; the initiative; its partner, funding and municipality rows
    # (read once, for the page and its JSON-LD); phase changes; pilots; twins; missions;
    # portfolios; learning entries; the learning summary and its status.
    with django_assert_max_num_queries(14):
        response = client.get(initiative.get_absolute_url())
    assert response.status_code == 200
    assert response.text.count('"@type": "AdministrativeArea"') == partners
