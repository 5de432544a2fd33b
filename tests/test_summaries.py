"""Learning summaries: hand-counted figures per audience, the fingerprint that spares
rewrites, and the jobs and services around them (Celery eager, as the test settings run)."""

import json
import threading
import time
from types import SimpleNamespace

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from core.choices import Visibility
from evaluation import services, summaries
from evaluation.choices import LearningKind, SummaryAudience, SummaryScope, SummaryStatus, ValueDomain
from evaluation.models import LearningSummary
from evaluation.tasks import recompute_all_learning_summaries, recompute_learning_summary
from initiatives.choices import Phase
from initiatives.models import Initiative, Mission
from partners.choices import Sector

from . import factories

PUBLIC, NETWORK = SummaryAudience.PUBLIC.value, SummaryAudience.NETWORK.value


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
    return SimpleNamespace(
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
    assert metrics == {
        "initiatives": 1,
        "initiatives_by_municipality": [
            {"code": world.aarhus.municipality_code, "id": world.aarhus.pk, "initiatives": 1, "name": "Aarhus Kommune"}
        ],
        "initiatives_by_phase": {**zeros(Phase), "prototyping": 1},
        "learning_entries": 3,
        "learning_entries_by_kind": {**zeros(LearningKind), "barrier": 2, "enabler": 1},
        "organisations_by_sector": {**zeros(Sector), "civil_society": 1, "municipality": 1},
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


def test_drafts_and_other_networks_never_count(world):
    for audience in (PUBLIC, NETWORK):
        metrics = summaries.compute_metrics(SummaryScope.MISSION, world.mission.pk, audience)
        categories = {b["category"] for b in metrics["top_barrier_categories"]}
        assert not categories & {"funding", "capacity", "technology", "culture"}
        assert metrics["initiatives_by_phase"]["startup"] == 0
        assert metrics["initiatives_by_phase"]["operations"] == 0
        assert metrics["organisations_by_sector"]["knowledge_institution"] == 0
        assert metrics["value_domains"]["democracy"]["assessments"] == 0


def test_a_theme_gathers_only_through_missions_the_audience_sees(world):
    members_mission = factories.MissionFactory(
        network=world.network, theme=world.theme, visibility=Visibility.NETWORK
    )
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

    before = queries()
    for _ in range(15):
        more = factories.InitiativeFactory(network=world.network)
        more.municipalities.add(world.aarhus)
        entry(more, LearningKind.BARRIER, Visibility.PUBLIC, ["procurement", "silos"])
        factories.ParticipationFactory(initiative=more)
        factories.ValueAssessmentFactory(initiative=more)
    assert queries() == before
    assert before <= 16


def test_the_job_stores_both_audiences_and_skips_an_unchanged_scope(world):
    recompute_learning_summary.delay(SummaryScope.MISSION.value, world.mission.pk)
    rows = stored("mission", world.mission.pk)
    assert set(rows) == {PUBLIC, NETWORK}
    assert rows[PUBLIC].metrics == summaries.compute_metrics("mission", world.mission.pk, PUBLIC)
    assert rows[NETWORK].metrics["learning_entries"] == 7
    assert all(r.status == SummaryStatus.DONE and r.network == world.network for r in rows.values())
    assert len(rows[PUBLIC].inputs_fingerprint) == 64

    assert services.refresh_learning_summaries("mission", world.mission.pk) == {PUBLIC: "unchanged", NETWORK: "unchanged"}
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


def test_portfolio_scopes_are_not_computed_here(world):
    assert recompute_learning_summary.delay("portfolio", 1).get() is None
    with pytest.raises(summaries.UnsupportedScope):
        summaries.compute_metrics("portfolio", 1, PUBLIC)
    with pytest.raises(summaries.UnsupportedScope):
        services.schedule_summary_recompute("portfolio", 1)
    assert not LearningSummary.objects.exists()


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
            ("theme", world.theme.pk),
        ]
    )


def test_scheduling_waits_for_the_commit(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.schedule_summary_recompute(SummaryScope.INITIATIVE, world.public.pk)
    assert len(callbacks) == 1
    assert not LearningSummary.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        for scope, scope_id in services.scopes_for_initiative(world.public):
            services.schedule_summary_recompute(scope, scope_id)
    assert set(LearningSummary.objects.values_list("scope", flat=True)) == {"initiative", "mission", "theme", "network"}


def test_the_nightly_job_recomputes_every_scope_and_drops_orphans(world):
    factories.LearningSummaryFactory(scope=SummaryScope.MISSION, scope_id=world.mission.pk + 1000, network=world.network)
    result = recompute_all_learning_summaries.delay().get()
    scopes = 4 + 1 + 1 + 2  # initiatives, missions, themes, networks
    assert result == {"queued": scopes, "removed": 1}
    assert not LearningSummary.objects.filter(scope_id=world.mission.pk + 1000).exists()
    assert set(stored("network", world.other_network.pk)) == {PUBLIC, NETWORK}
    assert stored("network", world.network.pk)[NETWORK].metrics["initiatives"] == 2
    # Initiatives: public 2, shared 1 (network only), draft 0, foreign 1; the mission 2, the
    # theme 2, the two networks 2 each.
    assert LearningSummary.objects.count() == 2 + 1 + 0 + 1 + 2 + 2 + 2 + 2


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
