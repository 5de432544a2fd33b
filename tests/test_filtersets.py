"""The one FilterSet per model: parameters behave the same on every list."""

import pytest

from initiatives.choices import Phase
from initiatives.filtersets import InitiativeFilterSet
from initiatives.models import Initiative
from partners.choices import Sector

from . import factories

pytestmark = pytest.mark.django_db


def titles(params):
    filterset = InitiativeFilterSet(params, queryset=Initiative.objects.all())
    assert filterset.is_valid(), filterset.errors
    return sorted(filterset.qs.values_list("title", flat=True))


@pytest.fixture
def meals(db):
    eskilstuna = factories.MunicipalityFactory(name="Eskilstuna kommun", municipality_code="0484", country="SE")
    initiative = factories.InitiativeFactory(
        title="Måltider och möten för seniorer",
        summary="Nya lösningar för äldres måltider och gemenskap",
        phase=Phase.PROTOTYPING,
        sdg_targets=["3.4", "11.7"],
        target_groups=["older_alone"],
    )
    initiative.municipalities.add(eskilstuna)
    factories.ParticipationFactory(initiative=initiative, organisation=eskilstuna)
    factories.ParticipationFactory(
        initiative=initiative, organisation=factories.OrganisationFactory(sector=Sector.KNOWLEDGE_INSTITUTION)
    )
    factories.InitiativeFactory(title="Udsatte familier", phase=Phase.SCALING, sdg_targets=["1.3"])
    return initiative


def test_free_text(meals):
    assert titles({"q": "GEMENSKAP"}) == ["Måltider och möten för seniorer"]


def test_phase_accepts_several_values(meals):
    assert len(titles({"phase": [Phase.PROTOTYPING, Phase.SCALING]})) == 2


def test_sdg_and_target_group_look_inside_json_lists(meals):
    assert titles({"sdg": "11.7"}) == ["Måltider och möten för seniorer"]
    assert titles({"sdg": "11"}) == []
    assert titles({"target_group": "older_alone"}) == ["Måltider och möten för seniorer"]


def test_relations_filter_by_id_without_duplicates(meals):
    municipality = meals.municipalities.get()
    assert titles({"municipality_id": [municipality.pk]}) == ["Måltider och möten för seniorer"]
    assert titles({"sector": [Sector.MUNICIPALITY, Sector.KNOWLEDGE_INSTITUTION]}) == [
        "Måltider och möten för seniorer"
    ]


def test_an_unknown_choice_is_an_error_not_an_empty_list(meals):
    filterset = InitiativeFilterSet({"phase": ["flying"]}, queryset=Initiative.objects.all())
    assert not filterset.is_valid()
    assert "phase" in filterset.errors


def test_updated_since_needs_an_iso_datetime(meals):
    assert len(titles({"updated_since": "2000-01-01T00:00:00+01:00"})) == 2
    filterset = InitiativeFilterSet({"updated_since": "yesterday"}, queryset=Initiative.objects.all())
    assert not filterset.is_valid()


def test_updated_since_accepts_every_iso_offset_and_refuses_out_of_range_instants(meals):
    assert len(titles({"updated_since": "2000-01-01T00:00:00+23:59"})) == 2
    filterset = InitiativeFilterSet({"updated_since": "0001-01-01T00:00:00+01:00"}, queryset=Initiative.objects.all())
    assert not filterset.is_valid()
    assert "updated_since" in filterset.errors


@pytest.mark.django_db
def test_sorting_by_phase_follows_the_innovation_chain(network):
    from core.choices import Visibility
    from initiatives.choices import Phase
    from initiatives.filtersets import InitiativeFilterSet
    from initiatives.models import Initiative

    from . import factories

    for phase in (Phase.SCALING, Phase.COMPOSTED, Phase.STARTUP, Phase.PROTOTYPING, Phase.OPERATIONS):
        factories.InitiativeFactory(network=network, phase=phase, visibility=Visibility.PUBLIC)
    chain = [Phase.STARTUP, Phase.PROTOTYPING, Phase.SCALING, Phase.OPERATIONS, Phase.COMPOSTED]

    def phases(ordering):
        queryset = InitiativeFilterSet({"ordering": ordering}, queryset=Initiative.objects.all()).qs
        return list(queryset.values_list("phase", flat=True))

    assert phases("phase") == chain
    assert phases("-phase") == chain[::-1]
    assert phases("title")  # other orderings are untouched
    # The API and the page use the same FilterSet.
    from rest_framework.test import APIClient

    answer = APIClient().get("/api/v1/initiatives/?ordering=-phase").json()
    assert [row["phase"] for row in answer["results"]] == chain[::-1]
