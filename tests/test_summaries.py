"""Learning summaries: hand-counted figures per audience, the fingerprint that spares
rewrites, and the jobs and services around them (Celery eager, as the test settings run)."""

import datetime
import json
import threading
import time
from types import SimpleNamespace

import pytest
from celery.signals import task_prerun
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.choices import Visibility
from evaluation import services, summaries
from evaluation.choices import LearningKind, SummaryAudience, SummaryScope, SummaryStatus, ValueDomain
from evaluation.models import LearningSummary, TwinCandidate
from evaluation.tasks import recompute_all_learning_summaries, recompute_learning_summary
from initiatives.choices import FundingKind, Phase
from initiatives.models import Initiative, Mission
from partners.choices import Sector
from portfolios.choices import Horizon

from . import factories

PUBLIC, NETWORK = SummaryAudience.PUBLIC.value, SummaryAudience.NETWORK.value


@pytest.fixture(autouse=True)
def no_triggers(settings):
    """These tests compute and schedule by hand; tests/test_triggers.py tests the signals."""
    settings.HORISONT_SUMMARY_TRIGGERS = False


def entry(initiative, kind, visibility, categories=(), title=None):
    return factories.LearningEntryFactory(
        initiative=initiative,
        kind=kind,
        visibility=visibility,
        categories=list(categories),
        **({"title": title} if title else {}),
    )


@pytest.fixture
def world(network, other_network):
    """One mission of `network` gathering a public, a network-only and a draft initiative
    of its own, and a network-only initiative of another network."""
    theme = factories.ThemeFactory(network=network)
    mission = factories.MissionFactory(network=network, theme=theme)
    aarhus = factories.MunicipalityFactory(name="Aarhus Kommune")
    odense = factories.MunicipalityFactory(name="Odense Kommune")
    civil = factories.OrganisationFactory(sector=Sector.CIVIL_SOCIETY)
    company = factories.OrganisationFactory(sector=Sector.COMPANY)
    university = factories.OrganisationFactory(sector=Sector.KNOWLEDGE_INSTITUTION)

    def initiative(owner, phase, visibility, municipalities, partners):
        made = factories.InitiativeFactory(network=owner, phase=phase, visibility=visibility)
        made.missions.add(mission)
        made.municipalities.add(*municipalities)
        for organisation in partners:
            factories.ParticipationFactory(initiative=made, organisation=organisation)
        return made

    public = initiative(network, Phase.PROTOTYPING, Visibility.PUBLIC, [aarhus], [civil, aarhus])
    shared = initiative(network, Phase.SCALING, Visibility.NETWORK, [aarhus, odense], [company, civil])
    draft = initiative(network, Phase.STARTUP, Visibility.DRAFT, [odense], [university])
    foreign = initiative(other_network, Phase.OPERATIONS, Visibility.NETWORK, [odense], [university])

    e = SimpleNamespace()
    e.procurement_law = entry(public, LearningKind.BARRIER, Visibility.PUBLIC, ["procurement", "law_data"])
    e.procurement = entry(public, LearningKind.BARRIER, Visibility.PUBLIC, ["procurement"])
    e.insight = entry(public, LearningKind.INSIGHT, Visibility.NETWORK)
    e.draft_barrier = entry(public, LearningKind.BARRIER, Visibility.DRAFT, ["funding"])
    # An enabler's categories are no barriers.
    e.enabler = entry(public, LearningKind.ENABLER, Visibility.PUBLIC, ["culture"])
    # Public entries of an initiative the public may not see.
    e.shared_public = entry(shared, LearningKind.BARRIER, Visibility.PUBLIC, ["procurement"])
    e.shared_silos = entry(shared, LearningKind.BARRIER, Visibility.NETWORK, ["silos", "procurement"])
    e.shared_method = entry(shared, LearningKind.METHOD, Visibility.NETWORK)
    e.draft_initiative = entry(draft, LearningKind.BARRIER, Visibility.PUBLIC, ["capacity"])
    e.foreign = entry(foreign, LearningKind.BARRIER, Visibility.PUBLIC, ["technology"])

    factories.ValueAssessmentFactory(initiative=public, domain=ValueDomain.EFFECTS, score=4)
    factories.ValueAssessmentFactory(initiative=public, domain=ValueDomain.PRODUCTIVITY, score=2)
    factories.ValueAssessmentFactory(initiative=shared, domain=ValueDomain.EFFECTS, score=2)
    factories.ValueAssessmentFactory(initiative=draft, domain=ValueDomain.EFFECTS, score=5)
    factories.ValueAssessmentFactory(initiative=foreign, domain=ValueDomain.DEMOCRACY, score=1)

    # A public portfolio holding three of them on three horizons; a draft one holding the
    # public initiative on H3, which no summary may count.
    portfolio = factories.PortfolioFactory(network=network, visibility=Visibility.PUBLIC)
    for made, horizon in ((public, Horizon.H1), (shared, Horizon.H2), (draft, Horizon.H3)):
        factories.PortfolioEntryFactory(portfolio=portfolio, initiative=made, horizon=horizon)
    draft_portfolio = factories.PortfolioFactory(network=network, visibility=Visibility.DRAFT)
    factories.PortfolioEntryFactory(portfolio=draft_portfolio, initiative=public, horizon=Horizon.H3)

    # Funding: the public initiative's pool money ends in two months with nothing after
    # it (a cliff); the shared one's in one month but an operating budget follows; the
    # draft's in ten days (a cliff nobody outside may see).
    today = timezone.localdate()
    for made, days in ((public, 60), (shared, 30), (draft, 10)):
        factories.FundingFactory(
            initiative=made, kind=FundingKind.TEMPORARY_POOL, end_date=today + datetime.timedelta(days=days)
        )
    factories.FundingFactory(
        initiative=shared, kind=FundingKind.OPERATING_BUDGET, start_date=today, end_date=None, amount=100
    )
    return SimpleNamespace(
        today=today,
        portfolio=portfolio,
        draft_portfolio=draft_portfolio,
        civil=civil,
        company=company,
        university=university,
        network=network,
        other_network=other_network,
        theme=theme,
        mission=mission,
        aarhus=aarhus,
        odense=odense,
        public=public,
        shared=shared,
        draft=draft,
        foreign=foreign,
        entries=e,
    )


def zeros(choices):
    return {value: 0 for value in choices.values}


def stored(scope, scope_id):
    return {s.audience: s for s in LearningSummary.objects.filter(scope=scope, scope_id=scope_id)}


def test_public_summary_counts_only_public_records(world):
    metrics = summaries.compute_metrics(SummaryScope.MISSION, world.mission.pk, PUBLIC)
    e = world.entries
    assert set(metrics.pop("recurring_terms")) == {"da", "en", "sv"}
    assert metrics == {
        "funding_cliff": [
            {
                "id": world.public.pk,
                "pool_funding_ends": (world.today + datetime.timedelta(days=60)).isoformat(),
                "title": world.public.title,
            }
        ],
        "initiatives": 1,
        "initiatives_by_horizon": {"h1": 1, "h2": 0, "h3": 0, "composted": 0},
        "initiatives_by_municipality": [
            {"code": world.aarhus.municipality_code, "id": world.aarhus.pk, "initiatives": 1, "name": "Aarhus Kommune"}
        ],
        "initiatives_by_phase": {**zeros(Phase), "prototyping": 1},
        "learning_entries": 3,
        "learning_entries_by_kind": {**zeros(LearningKind), "barrier": 2, "enabler": 1},
        "new_collaborations": {
            "count": 1,
            "date_unknown": 0,
            "recent": [
                {
                    "initiative": {"id": world.public.pk, "title": world.public.title},
                    "organisations": [
                        {"id": world.aarhus.pk, "name": "Aarhus Kommune", "sector": "municipality"},
                        {"id": world.civil.pk, "name": world.civil.name, "sector": "civil_society"},
                    ],
                    "since": "2025-01-01",
                }
            ],
        },
        "organisations_by_sector": {**zeros(Sector), "civil_society": 1, "municipality": 1},
        "partner_network": {
            "edges": [{"shared_initiatives": 1, "source": world.aarhus.pk, "target": world.civil.pk}],
            "initiatives": [
                {"id": world.public.pk, "partners": [world.aarhus.pk, world.civil.pk], "title": world.public.title}
            ],
            "missing_sectors": sorted(set(Sector.values) - {"municipality", "civil_society"}),
            "nodes": [
                {
                    "country": "DK",
                    "id": world.aarhus.pk,
                    "initiatives": 1,
                    "joined_mission": False,
                    "name": "Aarhus Kommune",
                    "sector": "municipality",
                },
                {
                    "country": "DK",
                    "id": world.civil.pk,
                    "initiatives": 1,
                    "joined_mission": False,
                    "name": world.civil.name,
                    "sector": "civil_society",
                },
            ],
        },
        "top_barrier_categories": [
            {
                "category": "procurement",
                "entries": 2,
                "examples": [
                    {"id": e.procurement.pk, "title": e.procurement.title},
                    {"id": e.procurement_law.pk, "title": e.procurement_law.title},
                ],
            },
            {
                "category": "law_data",
                "entries": 1,
                "examples": [{"id": e.procurement_law.pk, "title": e.procurement_law.title}],
            },
        ],
        "top_enabler_categories": [
            {"category": "culture", "entries": 1, "examples": [{"id": e.enabler.pk, "title": e.enabler.title}]}
        ],
        "twin_candidates": [],
        "value_domain_trend": {
            "democracy": [],
            "effects": [{"assessments": 1, "average": 4.0, "period": "2025-H1"}],
            "productivity": [{"assessments": 1, "average": 2.0, "period": "2025-H1"}],
            "service_experience": [],
        },
        "value_domains": {
            "democracy": {"assessments": 0, "average": None},
            "effects": {"assessments": 1, "average": 4.0},
            "productivity": {"assessments": 1, "average": 2.0},
            "service_experience": {"assessments": 0, "average": None},
        },
        "version": summaries.METRICS_VERSION,
    }


def test_network_summary_adds_the_networks_own_records_but_no_drafts(world):
    metrics = summaries.compute_metrics(SummaryScope.MISSION, world.mission.pk, NETWORK)
    e = world.entries
    assert metrics["initiatives"] == 2
    assert metrics["initiatives_by_phase"] == {**zeros(Phase), "prototyping": 1, "scaling": 1}
    assert metrics["initiatives_by_municipality"] == [
        {"code": world.aarhus.municipality_code, "id": world.aarhus.pk, "initiatives": 2, "name": "Aarhus Kommune"},
        {"code": world.odense.municipality_code, "id": world.odense.pk, "initiatives": 1, "name": "Odense Kommune"},
    ]
    # civil society takes part in two initiatives but is one organisation.
    assert metrics["organisations_by_sector"] == {
        **zeros(Sector),
        "civil_society": 1,
        "company": 1,
        "municipality": 1,
    }
    assert metrics["learning_entries"] == 7
    assert metrics["learning_entries_by_kind"] == {
        **zeros(LearningKind),
        "barrier": 4,
        "enabler": 1,
        "insight": 1,
        "method": 1,
    }
    barriers = metrics["top_barrier_categories"]
    assert [(b["category"], b["entries"]) for b in barriers] == [("procurement", 4), ("law_data", 1), ("silos", 1)]
    # At most three examples, the most recent first.
    assert [x["id"] for x in barriers[0]["examples"]] == [e.shared_silos.pk, e.shared_public.pk, e.procurement.pk]
    assert metrics["value_domains"]["effects"] == {"assessments": 2, "average": 3.0}
    assert metrics["value_domains"]["democracy"] == {"assessments": 0, "average": None}
    assert metrics["value_domain_trend"]["effects"] == [{"assessments": 2, "average": 3.0, "period": "2025-H1"}]
    # The draft portfolio's H3 never counts; the shared initiative's H2 now does.
    assert metrics["initiatives_by_horizon"] == {"h1": 1, "h2": 1, "h3": 0, "composted": 0}
    # The shared initiative has operating money after its pool grant: no cliff.
    assert [x["id"] for x in metrics["funding_cliff"]] == [world.public.pk]
    assert metrics["new_collaborations"]["count"] == 2
    assert {tuple(o["id"] for o in x["organisations"]) for x in metrics["new_collaborations"]["recent"]} == {
        (world.aarhus.pk, world.civil.pk),
        (world.civil.pk, world.company.pk),
    }
    network = metrics["partner_network"]
    assert [(n["id"], n["initiatives"]) for n in network["nodes"]] == [
        (world.aarhus.pk, 1),
        (world.civil.pk, 2),
        (world.company.pk, 1),
    ]
    assert network["edges"] == [
        {"shared_initiatives": 1, "source": world.aarhus.pk, "target": world.civil.pk},
        {"shared_initiatives": 1, "source": world.civil.pk, "target": world.company.pk},
    ]
    assert "company" not in network["missing_sectors"]


def test_drafts_and_other_networks_never_count(world):
    for audience in (PUBLIC, NETWORK):
        metrics = summaries.compute_metrics(SummaryScope.MISSION, world.mission.pk, audience)
        categories = {b["category"] for b in metrics["top_barrier_categories"]}
        assert not categories & {"funding", "capacity", "technology", "culture"}
        assert metrics["initiatives_by_phase"]["startup"] == 0
        assert metrics["initiatives_by_phase"]["operations"] == 0
        assert metrics["organisations_by_sector"]["knowledge_institution"] == 0
        assert metrics["value_domains"]["democracy"]["assessments"] == 0
        assert metrics["initiatives_by_horizon"]["h3"] == 0
        assert world.draft.pk not in [x["id"] for x in metrics["funding_cliff"]]
        assert world.university.pk not in [n["id"] for n in metrics["partner_network"]["nodes"]]


def test_a_theme_gathers_only_through_missions_the_audience_sees(world):
    members_mission = factories.MissionFactory(network=world.network, theme=world.theme, visibility=Visibility.NETWORK)
    draft_mission = factories.MissionFactory(network=world.network, theme=world.theme, visibility=Visibility.DRAFT)
    via_members = factories.InitiativeFactory(network=world.network, phase=Phase.MATURATION)
    via_members.missions.add(members_mission)
    via_draft = factories.InitiativeFactory(network=world.network, phase=Phase.OPERATIONS)
    via_draft.missions.add(draft_mission)
    # In two missions of the theme, counted once.
    world.public.missions.add(members_mission)

    public = summaries.compute_metrics(SummaryScope.THEME, world.theme.pk, PUBLIC)
    network = summaries.compute_metrics(SummaryScope.THEME, world.theme.pk, NETWORK)
    assert public["initiatives"] == 1
    assert network["initiatives"] == 3
    assert network["initiatives_by_phase"] == {**zeros(Phase), "prototyping": 1, "scaling": 1, "maturation": 1}
    # The network scope gathers every initiative of the network the audience sees.
    assert summaries.compute_metrics(SummaryScope.NETWORK, world.network.pk, PUBLIC)["initiatives"] == 3
    assert summaries.compute_metrics(SummaryScope.NETWORK, world.network.pk, NETWORK)["initiatives"] == 4


def test_metrics_are_json_and_deterministic(world):
    first = summaries.compute_metrics(SummaryScope.NETWORK, world.network.pk, NETWORK)
    assert json.loads(json.dumps(first)) == first
    assert summaries.compute_metrics(SummaryScope.NETWORK, world.network.pk, NETWORK) == first
    assert list(first) == sorted(first)


def test_queries_do_not_grow_with_the_data(world):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            summaries.compute_metrics(SummaryScope.NETWORK, world.network.pk, NETWORK)
        return len(captured)

    TwinCandidate.objects.create(
        initiative=world.shared, candidate=world.public, rank=1, score=0.5, reasons=[], computed_at=timezone.now()
    )
    before = queries()
    for _ in range(15):
        more = factories.InitiativeFactory(network=world.network)
        more.municipalities.add(world.aarhus)
        entry(more, LearningKind.BARRIER, Visibility.PUBLIC, ["procurement", "silos"])
        factories.ParticipationFactory(initiative=more)
        factories.ParticipationFactory(initiative=more, organisation=world.civil)
        factories.ValueAssessmentFactory(initiative=more)
        factories.PortfolioEntryFactory(portfolio=world.portfolio, initiative=more)
        factories.FundingFactory(initiative=more, end_date=world.today + datetime.timedelta(days=20))
        TwinCandidate.objects.create(
            initiative=more, candidate=world.public, rank=1, score=0.5, reasons=[], computed_at=timezone.now()
        )
    assert queries() == before
    assert before <= 30


def test_the_job_stores_both_audiences_and_skips_an_unchanged_scope(world):
    recompute_learning_summary.delay(SummaryScope.MISSION.value, world.mission.pk)
    rows = stored("mission", world.mission.pk)
    assert set(rows) == {PUBLIC, NETWORK}
    assert rows[PUBLIC].metrics == summaries.compute_metrics("mission", world.mission.pk, PUBLIC)
    assert rows[NETWORK].metrics["learning_entries"] == 7
    assert all(r.status == SummaryStatus.DONE and r.network == world.network for r in rows.values())
    assert len(rows[PUBLIC].inputs_fingerprint) == 64

    assert services.refresh_learning_summaries("mission", world.mission.pk) == {
        PUBLIC: "unchanged",
        NETWORK: "unchanged",
    }
    again = stored("mission", world.mission.pk)
    for audience in (PUBLIC, NETWORK):
        assert again[audience].updated == rows[audience].updated
        assert again[audience].computed_at == rows[audience].computed_at


def test_a_change_changes_the_fingerprint_and_the_figures(world):
    services.refresh_learning_summaries("mission", world.mission.pk)
    before = stored("mission", world.mission.pk)

    entry(world.public, LearningKind.BARRIER, Visibility.PUBLIC, ["funding"])

    assert summaries.inputs_fingerprint("mission", world.mission.pk, PUBLIC) != before[PUBLIC].inputs_fingerprint
    assert services.refresh_learning_summaries("mission", world.mission.pk) == {PUBLIC: "updated", NETWORK: "updated"}
    after = stored("mission", world.mission.pk)
    assert after[PUBLIC].metrics["learning_entries"] == 4
    assert after[NETWORK].metrics["learning_entries"] == 8
    assert ("funding", 1) in [(b["category"], b["entries"]) for b in after[PUBLIC].metrics["top_barrier_categories"]]
    assert after[PUBLIC].computed_at > before[PUBLIC].computed_at


def test_changes_made_with_queryset_update_still_change_the_fingerprint(world):
    """QuerySet.update() leaves `updated` alone; the grouped columns still tell."""
    services.refresh_learning_summaries("mission", world.mission.pk)
    fingerprint = stored("mission", world.mission.pk)[PUBLIC].inputs_fingerprint

    Initiative.objects.filter(pk=world.shared.pk).update(visibility=Visibility.PUBLIC)

    assert summaries.inputs_fingerprint("mission", world.mission.pk, PUBLIC) != fingerprint
    services.refresh_learning_summaries("mission", world.mission.pk)
    assert stored("mission", world.mission.pk)[PUBLIC].metrics["initiatives"] == 2


def test_a_renamed_municipality_changes_the_fingerprint(world):
    fingerprint = summaries.inputs_fingerprint("mission", world.mission.pk, PUBLIC)
    world.aarhus.name = "Aarhus"
    world.aarhus.save()
    assert summaries.inputs_fingerprint("mission", world.mission.pk, PUBLIC) != fingerprint


def test_an_audience_that_may_not_see_the_scope_gets_no_summary(world):
    services.refresh_learning_summaries("initiative", world.public.pk)
    services.refresh_learning_summaries("initiative", world.shared.pk)
    services.refresh_learning_summaries("initiative", world.draft.pk)
    services.refresh_learning_summaries("initiative", world.foreign.pk)
    assert set(stored("initiative", world.public.pk)) == {PUBLIC, NETWORK}
    assert set(stored("initiative", world.shared.pk)) == {NETWORK}
    assert stored("initiative", world.draft.pk) == {}
    assert stored("initiative", world.foreign.pk)[NETWORK].network == world.other_network
    assert stored("initiative", world.foreign.pk)[NETWORK].metrics["learning_entries"] == 1

    # Made a draft again: its summaries go.
    world.public.visibility = Visibility.DRAFT
    world.public.save()
    assert services.refresh_learning_summaries("initiative", world.public.pk) == {PUBLIC: "removed", NETWORK: "removed"}
    assert stored("initiative", world.public.pk) == {}


def test_a_deleted_scope_loses_its_summaries(world):
    recompute_learning_summary.delay("mission", world.mission.pk)
    mission_id = world.mission.pk
    Mission.objects.filter(pk=mission_id).delete()
    recompute_learning_summary.delay("mission", mission_id)
    assert stored("mission", mission_id) == {}


def test_an_unknown_scope_is_refused(world):
    assert recompute_learning_summary.delay("galaxy", 1).get() is None
    with pytest.raises(summaries.UnsupportedScope):
        summaries.compute_metrics("galaxy", 1, PUBLIC)
    with pytest.raises(summaries.UnsupportedScope):
        services.schedule_summary_recompute("galaxy", 1)
    assert not LearningSummary.objects.exists()


def test_a_portfolio_counts_its_own_entries_by_horizon(world):
    public = summaries.compute_metrics(SummaryScope.PORTFOLIO, world.portfolio.pk, PUBLIC)
    network = summaries.compute_metrics(SummaryScope.PORTFOLIO, world.portfolio.pk, NETWORK)
    assert (public["initiatives"], network["initiatives"]) == (1, 2)
    assert public["initiatives_by_horizon"] == {"h1": 1, "h2": 0, "h3": 0, "composted": 0}
    assert network["initiatives_by_horizon"] == {"h1": 1, "h2": 1, "h3": 0, "composted": 0}
    assert network["learning_entries"] == 7
    assert "partner_network" not in network
    # A draft portfolio has no summary for anyone.
    assert services.refresh_learning_summaries("portfolio", world.draft_portfolio.pk) == {
        PUBLIC: "unchanged",
        NETWORK: "unchanged",
    }
    assert stored("portfolio", world.draft_portfolio.pk) == {}


def test_value_domain_trend_by_half_year(network):
    initiative = factories.InitiativeFactory(network=network)
    for start, score, domain in (
        ((2024, 2, 1), 2, ValueDomain.EFFECTS),
        ((2024, 3, 1), 4, ValueDomain.EFFECTS),
        ((2024, 9, 1), 5, ValueDomain.EFFECTS),
        ((2025, 6, 30), 1, ValueDomain.DEMOCRACY),
    ):
        factories.ValueAssessmentFactory(
            initiative=initiative,
            domain=domain,
            score=score,
            period_start=datetime.date(*start),
            period_end=datetime.date(*start) + datetime.timedelta(days=1),
            assessor_role="researcher" if start == (2024, 3, 1) else "coordinator",
        )
    metrics = summaries.compute_metrics("initiative", initiative.pk, PUBLIC)
    assert metrics["value_domain_trend"] == {
        "democracy": [{"assessments": 1, "average": 1.0, "period": "2025-H1"}],
        "effects": [
            {"assessments": 2, "average": 3.0, "period": "2024-H1"},
            {"assessments": 1, "average": 5.0, "period": "2024-H2"},
        ],
        "productivity": [],
        "service_experience": [],
    }
    assert metrics["value_domains"]["effects"] == {"assessments": 3, "average": 3.67}
    rows = initiative.value_assessments.values_list("domain", "score", "period_start")
    _, quarters = summaries.value_domains(rows, "quarter")
    assert [x["period"] for x in quarters["effects"]] == ["2024-Q1", "2024-Q3"]


def test_recurring_terms_are_counted_per_language_by_word_stem(network):
    initiative = factories.InitiativeFactory(network=network)

    def learned(text, language, visibility=Visibility.PUBLIC):
        factories.LearningEntryFactory(
            initiative=initiative, title="x", what_we_learned=text, language=language, visibility=visibility
        )

    learned("Udbuddet tog lang tid, og kommunerne ventede.", "da")
    learned("Et nyt udbud blev skrevet sammen med kommunen.", "da")
    learned("Kommunen lærte af udbuddene.", "da")
    learned("Udbud igen i kommunen.", "da", visibility=Visibility.DRAFT)  # never counted
    learned("Upphandlingen tog tid.", "sv")
    learned("Ny upphandling i kommunen.", "sv")
    learned("Procurement took long.", "en")

    terms = summaries.compute_metrics("initiative", initiative.pk, PUBLIC)["recurring_terms"]
    # Stems in three Danish entries each: "kommun" (kommunerne, kommunen, kommunen) and
    # "udbud" (udbuddet, udbud, udbuddene); shown by their most frequent word form.
    assert terms["da"] == [
        {"entries": 3, "stem": "kommun", "term": "kommunen"},
        {"entries": 3, "stem": "udbud", "term": "udbud"},
    ]
    # upphandlingen, upphandling: one entry each, so the shorter word wins the tie.
    assert terms["sv"] == [{"entries": 2, "stem": "upphandling", "term": "upphandling"}]
    assert terms["en"] == []  # one entry: nothing recurs

    # The fallback without PostgreSQL's text search agrees on the stems.
    entries = summaries.LearningEntry.objects.filter(initiative=initiative, visibility=Visibility.PUBLIC)
    fallback = summaries.recurring_terms_fallback(entries)
    assert [(t["stem"], t["entries"]) for t in fallback["da"]] == [("kommun", 3), ("udbud", 3)]
    assert [(t["stem"], t["entries"]) for t in fallback["sv"]] == [("upphandling", 2)]


def test_a_collaboration_is_new_only_the_first_time(world):
    """The aarhus-civil pair worked together in 2020 in another network's draft: not new
    in the mission any more; the civil-company pair still is."""
    earlier = factories.InitiativeFactory(
        network=world.other_network, visibility=Visibility.DRAFT, start_date=datetime.date(2020, 1, 1)
    )
    factories.ParticipationFactory(initiative=earlier, organisation=world.aarhus)
    factories.ParticipationFactory(initiative=earlier, organisation=world.civil)
    # A later shared initiative does not make the first one less new.
    later = factories.InitiativeFactory(network=world.network, start_date=datetime.date(2026, 1, 1))
    factories.ParticipationFactory(initiative=later, organisation=world.civil)
    factories.ParticipationFactory(initiative=later, organisation=world.company)

    metrics = summaries.compute_metrics(SummaryScope.MISSION, world.mission.pk, NETWORK)
    assert metrics["new_collaborations"]["count"] == 1
    (only,) = metrics["new_collaborations"]["recent"]
    assert [o["id"] for o in only["organisations"]] == [world.civil.pk, world.company.pk]
    assert only["initiative"]["id"] == world.shared.pk
    public = summaries.compute_metrics(SummaryScope.MISSION, world.mission.pk, PUBLIC)
    assert public["new_collaborations"] == {"count": 0, "date_unknown": 0, "recent": []}


def test_twin_candidates_show_only_what_the_audience_sees(world):
    now = timezone.now()
    twin = factories.InitiativeFactory(network=world.other_network, visibility=Visibility.PUBLIC, title="Twin")
    twin.municipalities.add(factories.MunicipalityFactory(name="Malmö stad"))
    hidden = factories.InitiativeFactory(network=world.network, visibility=Visibility.NETWORK)
    reasons = [{"code": "target_group", "values": ["older_people"]}]
    TwinCandidate.objects.create(
        initiative=world.public, candidate=twin, rank=2, score=0.4, reasons=reasons, computed_at=now
    )
    TwinCandidate.objects.create(
        initiative=world.public, candidate=hidden, rank=1, score=0.6, reasons=[], computed_at=now
    )
    TwinCandidate.objects.create(
        initiative=world.public, candidate=world.draft, rank=3, score=0.3, reasons=[], computed_at=now
    )

    public = summaries.compute_metrics("initiative", world.public.pk, PUBLIC)["twin_candidates"]
    assert public == [
        {
            "candidate": {"id": twin.pk, "municipalities": ["Malmö stad"], "title": "Twin"},
            "initiative": {"id": world.public.pk, "title": world.public.title},
            "reasons": reasons,
            "score": 0.4,
        }
    ]
    network = summaries.compute_metrics("initiative", world.public.pk, NETWORK)["twin_candidates"]
    assert [x["candidate"]["id"] for x in network] == [hidden.pk, twin.pk]
    # The mission lists its initiatives' pairs too.
    assert len(summaries.compute_metrics("mission", world.mission.pk, PUBLIC)["twin_candidates"]) == 1


def test_new_twin_candidates_change_the_fingerprint(world):
    before = summaries.inputs_fingerprint("initiative", world.public.pk, PUBLIC)
    TwinCandidate.objects.create(
        initiative=world.public, candidate=world.shared, rank=1, score=0.5, reasons=[], computed_at=timezone.now()
    )
    assert summaries.inputs_fingerprint("initiative", world.public.pk, PUBLIC) != before


def test_the_fingerprint_follows_the_date_through_the_funding_cliff(world):
    """Nothing changes but the day: once the pool money ends, the cliff is gone."""
    today = summaries.inputs_fingerprint("initiative", world.public.pk, PUBLIC, today=world.today)
    later = summaries.inputs_fingerprint(
        "initiative", world.public.pk, PUBLIC, today=world.today + datetime.timedelta(days=61)
    )
    assert today != later
    assert summaries.inputs_fingerprint("initiative", world.public.pk, PUBLIC, today=world.today) == today


def test_scopes_for_initiative(world):
    second_mission = factories.MissionFactory(network=world.network, theme=world.theme)
    loose_mission = factories.MissionFactory(network=world.network, theme=None)
    world.public.missions.add(second_mission, loose_mission)
    assert services.scopes_for_initiative(world.public) == sorted(
        [
            ("initiative", world.public.pk),
            ("mission", world.mission.pk),
            ("mission", second_mission.pk),
            ("mission", loose_mission.pk),
            ("network", world.network.pk),
            ("portfolio", world.portfolio.pk),
            ("portfolio", world.draft_portfolio.pk),
            ("theme", world.theme.pk),
        ]
    )
    # The same scopes from primary keys alone, as the signals note them.
    assert services.expand_sources(initiatives=[world.public.pk]) == set(services.scopes_for_initiative(world.public))


def test_scheduling_waits_for_the_commit(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.schedule_summary_recompute(SummaryScope.INITIATIVE, world.public.pk)
        for scope, scope_id in services.scopes_for_initiative(world.public):
            services.schedule_summary_recompute(scope, scope_id)
    # One callback for the whole transaction, however many scopes it touched.
    assert len(callbacks) == 1
    assert not LearningSummary.objects.exists()

    callbacks[0]()  # the commit
    assert set(LearningSummary.objects.values_list("scope", flat=True)) == {
        "initiative",
        "mission",
        "theme",
        "portfolio",
        "network",
    }


def test_the_nightly_job_recomputes_every_scope_and_drops_orphans(world):
    """Twin candidates first, then every scope in a few batch jobs (not one job per scope)."""
    factories.LearningSummaryFactory(
        scope=SummaryScope.MISSION, scope_id=world.mission.pk + 1000, network=world.network
    )
    TwinCandidate.objects.create(
        initiative=world.public, candidate=world.foreign, rank=1, score=0.9, reasons=[], computed_at=timezone.now()
    )
    started = []

    def record(sender=None, args=None, **kwargs):
        started.append((sender.name, args))

    task_prerun.connect(record, weak=False)
    try:
        recompute_all_learning_summaries.delay()
    finally:
        task_prerun.disconnect(record)
    names = [name.rsplit(".", 1)[1] for name, _ in started]
    assert names == [
        "recompute_all_learning_summaries",
        "compute_twin_candidates",
        "queue_all_learning_summaries",
        "recompute_learning_summaries",  # the four initiatives
        "recompute_learning_summaries",  # the missions, themes, portfolios and networks
    ]
    batched = sorted(tuple(pair) for _, args in started[3:] for pair in args[0])
    assert len(batched) == 4 + 1 + 1 + 2 + 2  # initiatives, missions, themes, portfolios, networks
    # The hand-made candidate is gone: the twin job ran and rewrote them from the data.
    assert not TwinCandidate.objects.filter(initiative=world.public, candidate=world.foreign, score=0.9).exists()
    assert not LearningSummary.objects.filter(scope_id=world.mission.pk + 1000).exists()
    assert set(stored("network", world.other_network.pk)) == {PUBLIC, NETWORK}
    assert stored("network", world.network.pk)[NETWORK].metrics["initiatives"] == 2
    # Initiatives: public 2, shared 1 (network only), draft 0, foreign 1; the mission 2, the
    # theme 2, the public portfolio 2 and the draft one none, the two networks 2 each.
    assert LearningSummary.objects.count() == 2 + 1 + 0 + 1 + 2 + 2 + 2 + 0 + 2 + 2
    for row in LearningSummary.objects.all():
        assert row.status == SummaryStatus.DONE
        assert row.metrics == summaries.compute_metrics(row.scope, row.scope_id, row.audience)
        assert row.inputs_fingerprint == summaries.inputs_fingerprint(row.scope, row.scope_id, row.audience)


def test_a_batch_computes_what_each_scope_alone_computes(world):
    """The set-based batch and the scope on its own give the same figures and fingerprints:
    one code path, whatever the batch."""
    members_mission = factories.MissionFactory(network=world.network, theme=world.theme, visibility=Visibility.NETWORK)
    world.shared.missions.add(members_mission)
    TwinCandidate.objects.create(
        initiative=world.public, candidate=world.foreign, rank=1, score=0.5, reasons=[], computed_at=timezone.now()
    )
    pairs = list(services.all_scopes())
    keys = [(*pair, audience) for pair in pairs for audience in (PUBLIC, NETWORK)]
    together = summaries.compute_summaries(keys)
    fingerprints = summaries.inputs_fingerprints(pairs)
    assert set(together) == set(keys)
    for key in keys:
        assert together[key] == summaries.compute_metrics(*key), key
        assert fingerprints[key] == summaries.inputs_fingerprint(*key), key


def test_the_summary_reader_sees_what_the_visibility_rule_shows(world):
    """summaries.sees() applies core.querysets' rule to rows already read: it must agree
    with Initiative.objects.visibility_q for the reader of each audience."""
    for audience in (PUBLIC, NETWORK):
        for network in (world.network, world.other_network):
            viewer = summaries.reader(audience, network.pk)
            shown = set(Initiative.objects.filter(Initiative.objects.visibility_q(viewer)).values_list("pk", flat=True))
            applied = {
                pk
                for pk, visibility, owner in Initiative.objects.values_list("pk", "visibility", "network_id")
                if summaries.sees(audience, network.pk, visibility, owner)
            }
            assert applied == shown, (audience, network)


def test_batches_write_nothing_for_unchanged_scopes(world):
    pairs = list(services.all_scopes())
    first = services.refresh_scopes(pairs)
    assert {what for found in first.values() for what in found.values()} <= {"created", "unchanged"}
    written = dict(LearningSummary.objects.values_list("pk", "updated"))
    again = services.refresh_scopes(pairs)
    assert {what for found in again.values() for what in found.values()} == {"unchanged"}
    assert dict(LearningSummary.objects.values_list("pk", "updated")) == written
    # One new entry: only the scopes it touches are rewritten.
    entry(world.public, LearningKind.BARRIER, Visibility.PUBLIC, ["funding"])
    third = services.refresh_scopes(pairs)
    touched = {pair for pair, found in third.items() if "updated" in found.values()}
    assert touched == set(services.scopes_for_initiative(world.public)) - {("portfolio", world.draft_portfolio.pk)}


@pytest.mark.django_db(transaction=True)
def test_a_second_worker_waits_for_the_first_and_does_not_rewrite(network):
    """Two recomputations of one scope at once: the later one blocks on the row lock, then
    finds the first one's fingerprint and writes nothing."""
    initiative = factories.InitiativeFactory(network=network)
    services.refresh_learning_summaries("initiative", initiative.pk)
    entry(initiative, LearningKind.BARRIER, Visibility.PUBLIC, ["culture"])
    record = summaries.load_scope("initiative", initiative.pk)
    outcome = {}

    def second_worker():
        try:
            outcome["second"] = services.refresh_learning_summary(record, PUBLIC)
        finally:
            connections.close_all()

    with transaction.atomic():
        first = services.refresh_learning_summary(record, PUBLIC)  # holds the row lock until commit
        thread = threading.Thread(target=second_worker)
        thread.start()
        deadline = time.monotonic() + 20
        while not waiting_on_a_lock() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert waiting_on_a_lock(), f"the second worker did not wait for the row lock: {outcome}"
    thread.join(timeout=20)
    assert not thread.is_alive()
    assert (first, outcome["second"]) == ("updated", "unchanged")
    summary = LearningSummary.objects.get(scope="initiative", scope_id=initiative.pk, audience=PUBLIC)
    assert summary.metrics["learning_entries"] == 1


def waiting_on_a_lock():
    with connections["default"].cursor() as cursor:
        # Inside a transaction the activity view is a snapshot taken once: take a new one.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0] > 0
