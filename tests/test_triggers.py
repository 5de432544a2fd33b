"""Changes queue the recomputation of the summaries they touch, after commit, once per
scope; full recomputations a network administrator starts, with exact progress. Jobs
run in-process here (Celery eager); tests/test_celery_worker.py runs them on a worker."""

import contextlib

import pytest
from celery.signals import task_prerun
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.choices import Visibility
from evaluation import services
from evaluation.choices import LearningKind, SummaryStatus
from evaluation.models import LearningSummary, RecomputationRun, RecomputationRunScope
from initiatives.models import Initiative, MissionOrganisation
from portfolios.choices import Horizon

from . import factories

pytestmark = pytest.mark.django_db

SUMMARY_TASK = "evaluation.tasks.recompute_learning_summary"


@pytest.fixture
def jobs():
    """The (scope, id) of every summary job that starts."""
    started = []

    def record(sender=None, args=None, **kwargs):
        if sender.name == SUMMARY_TASK:
            started.append((args[0], args[1]))

    task_prerun.connect(record, weak=False)
    yield started
    task_prerun.disconnect(record)


@pytest.fixture
def quiet(settings):
    """Setting up queues nothing; `committed` then switches the triggers on."""
    settings.HORISONT_SUMMARY_TRIGGERS = False
    return settings


@pytest.fixture
def committed(quiet, django_capture_on_commit_callbacks):
    """A block whose changes commit at its end, with the triggers on: the on-commit
    callbacks registered in it run then, as after a real commit."""

    @contextlib.contextmanager
    def block():
        quiet.HORISONT_SUMMARY_TRIGGERS = True
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            yield callbacks
        quiet.HORISONT_SUMMARY_TRIGGERS = False

    return block


@pytest.fixture
def place(quiet, network):
    """A Danish initiative in a mission of a theme, in a portfolio."""
    theme = factories.ThemeFactory(network=network)
    mission = factories.MissionFactory(network=network, theme=theme)
    initiative = factories.InitiativeFactory(network=network, language="da")
    initiative.missions.add(mission)
    portfolio = factories.PortfolioFactory(network=network)
    factories.PortfolioEntryFactory(portfolio=portfolio, initiative=initiative, horizon=Horizon.H2)
    scopes = sorted(
        [
            ("initiative", initiative.pk),
            ("mission", mission.pk),
            ("network", network.pk),
            ("portfolio", portfolio.pk),
            ("theme", theme.pk),
        ]
    )
    return type(
        "Place", (), dict(theme=theme, mission=mission, initiative=initiative, portfolio=portfolio, scopes=scopes)
    )


def test_a_procurement_barrier_reaches_the_mission_summary(place, committed, jobs):
    """The issue's walk-through: a coordinator logs a barrier about procurement in Danish;
    once it is saved, the mission's summary lists it among the top barriers."""
    with committed() as callbacks:
        barrier = factories.LearningEntryFactory(
            initiative=place.initiative,
            title="Udbuddet forsinkede piloten",
            what_we_learned="Udbuddet tog et halvt år.",
            kind=LearningKind.BARRIER,
            categories=["procurement"],
            language="da",
        )
        assert not LearningSummary.objects.exists()  # nothing before the commit
    assert len(callbacks) == 1
    summary = LearningSummary.objects.get(scope="mission", scope_id=place.mission.pk, audience="public")
    assert summary.status == SummaryStatus.DONE
    top = summary.metrics["top_barrier_categories"][0]
    assert (top["category"], top["entries"]) == ("procurement", 1)
    assert top["examples"] == [{"id": barrier.pk, "title": "Udbuddet forsinkede piloten"}]
    assert sorted(jobs) == place.scopes


def test_a_burst_of_changes_in_one_transaction_is_one_job_per_scope(place, committed, jobs):
    with committed() as callbacks:
        for n in range(5):
            factories.LearningEntryFactory(initiative=place.initiative, title=f"Læring {n}")
        factories.ParticipationFactory(initiative=place.initiative)
        factories.FundingFactory(initiative=place.initiative)
        factories.ValueAssessmentFactory(initiative=place.initiative)
        factories.PhaseChangeFactory(initiative=place.initiative)
        place.initiative.title = "Nyt navn"
        place.initiative.save()
    assert len(callbacks) == 1
    assert sorted(jobs) == place.scopes
    summary = LearningSummary.objects.get(scope="initiative", scope_id=place.initiative.pk, audience="public")
    assert summary.metrics["learning_entries"] == 5


def test_a_rolled_back_change_queues_nothing(place, committed, jobs):
    with committed():
        with contextlib.suppress(RuntimeError), transaction.atomic():
            factories.LearningEntryFactory(initiative=place.initiative, title="Fortrudt")
            raise RuntimeError("rolled back")
    assert jobs == []
    # A change after a rolled-back one in the same transaction is still queued.
    with committed():
        with contextlib.suppress(RuntimeError), transaction.atomic():
            factories.LearningEntryFactory(initiative=place.initiative, title="Fortrudt")
            raise RuntimeError("rolled back")
        kept = factories.LearningEntryFactory(initiative=place.initiative, title="Beholdt")
    assert sorted(jobs) == place.scopes
    summary = LearningSummary.objects.get(scope="initiative", scope_id=place.initiative.pk, audience="public")
    assert summary.metrics["learning_entries"] == 1
    assert kept.pk


def test_switched_off_triggers_queue_nothing(place, django_capture_on_commit_callbacks, jobs):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        factories.LearningEntryFactory(initiative=place.initiative)
    assert callbacks == [] and jobs == []


def test_each_kind_of_change_reaches_its_scopes(place, committed, jobs, network):
    other_mission = factories.MissionFactory(network=network)

    def scopes_of(change):
        jobs.clear()
        with committed():
            change()
        return set(jobs)

    # Joining a mission, from either side, touches that mission (and its theme).
    assert ("mission", other_mission.pk) in scopes_of(lambda: place.initiative.missions.add(other_mission))
    assert ("mission", other_mission.pk) in scopes_of(lambda: place.initiative.missions.remove(other_mission))
    assert ("mission", other_mission.pk) in scopes_of(lambda: other_mission.initiatives.add(place.initiative))
    assert ("theme", other_mission.theme_id) in scopes_of(lambda: place.initiative.missions.clear())
    place.initiative.missions.add(place.mission)
    # A municipality.
    municipality = factories.MunicipalityFactory()
    assert ("mission", place.mission.pk) in scopes_of(lambda: place.initiative.municipalities.add(municipality))
    # An organisation joins the mission.
    assert scopes_of(
        lambda: MissionOrganisation.objects.create(mission=place.mission, organisation=factories.OrganisationFactory())
    ) >= {("mission", place.mission.pk), ("theme", place.theme.pk)}
    # A portfolio entry: its portfolio and the initiative's scopes.
    newcomer = factories.InitiativeFactory(network=network)
    assert scopes_of(lambda: factories.PortfolioEntryFactory(portfolio=place.portfolio, initiative=newcomer)) >= {
        ("portfolio", place.portfolio.pk),
        ("initiative", newcomer.pk),
    }
    # A review decision on the initiative.
    review = factories.PortfolioReviewFactory(portfolio=place.portfolio)
    assert ("mission", place.mission.pk) in scopes_of(
        lambda: factories.ReviewDecisionFactory(review=review, initiative=place.initiative)
    )
    # A theme renamed.
    assert scopes_of(lambda: place.theme.save()) == {("theme", place.theme.pk), ("network", network.pk)}


def test_a_deleted_initiative_loses_its_summaries_and_its_mission_is_recomputed(place, committed, jobs):
    factories.LearningEntryFactory(initiative=place.initiative, kind=LearningKind.BARRIER, categories=["funding"])
    with committed():
        place.initiative.save()
    assert LearningSummary.objects.filter(scope="initiative", scope_id=place.initiative.pk).exists()
    pk = place.initiative.pk
    jobs.clear()
    with committed():
        Initiative.objects.get(pk=pk).delete()
    assert sorted(jobs) == place.scopes
    assert not LearningSummary.objects.filter(scope="initiative", scope_id=pk).exists()
    mission = LearningSummary.objects.get(scope="mission", scope_id=place.mission.pk, audience="public")
    assert mission.metrics["initiatives"] == 0 and mission.metrics["top_barrier_categories"] == []


def test_the_status_pages_read(place, committed):
    assert services.summary_status("mission", place.mission.pk, "public") == {"status": None, "computed_at": None}
    with committed():
        place.initiative.save()
    state = services.summary_status("mission", place.mission.pk, "public")
    assert state["status"] == SummaryStatus.DONE and state["computed_at"] is not None
    services.mark_summaries([("mission", place.mission.pk)], SummaryStatus.QUEUED)
    assert services.summary_status("mission", place.mission.pk, "public")["status"] == SummaryStatus.QUEUED


# --- full recomputations ----------------------------------------------------------------------------


def test_a_network_admin_starts_a_full_recomputation_and_it_counts_every_scope(
    place, network, network_admin, member, django_capture_on_commit_callbacks
):
    draft = factories.InitiativeFactory(network=network, visibility=Visibility.DRAFT)
    with pytest.raises(PermissionDenied):
        services.start_full_recomputation(network, member)
    with django_capture_on_commit_callbacks(execute=True):
        run = services.start_full_recomputation(network, network_admin)
    run.refresh_from_db()
    # Two initiatives (one a draft, which gets no summary), the mission, the theme, the
    # portfolio and the network itself.
    assert (run.done, run.total, run.status, run.progress_percent) == (6, 6, SummaryStatus.DONE, 100)
    assert run.started_by == network_admin and run.finished is not None
    assert not LearningSummary.objects.filter(scope="initiative", scope_id=draft.pk).exists()
    assert LearningSummary.objects.filter(scope="network", scope_id=network.pk).count() == 2
    assert not RecomputationRunScope.objects.filter(run=run).exists()


def test_a_running_run_is_returned_rather_than_doubled_and_counts_each_scope_once(network, network_admin):
    run = RecomputationRun.objects.create(network=network, total=2, status=SummaryStatus.RUNNING)
    assert services.start_full_recomputation(network, network_admin) == run
    assert services.record_run_progress(run.pk, "initiative", 1) is True
    assert services.record_run_progress(run.pk, "initiative", 1) is False  # redelivered
    run.refresh_from_db()
    assert (run.done, run.status, run.progress_percent) == (1, SummaryStatus.RUNNING, 50)
    assert services.record_run_progress(run.pk, "mission", 1, error=ValueError("boom")) is True
    run.refresh_from_db()
    assert (run.done, run.status) == (2, SummaryStatus.FAILED)
    assert "mission 1: boom" in run.error
    # The database itself refuses more done than total.
    with pytest.raises(IntegrityError), transaction.atomic():
        RecomputationRun.objects.filter(pk=run.pk).update(done=3)


def test_a_run_counts_the_scopes_of_a_redelivered_batch_once(place, network):
    """A full recomputation computes its scopes in batch jobs; a batch that runs twice (a
    worker died before acknowledging it) counts only what was not counted yet, and the
    run ends with its last scope."""
    from evaluation.tasks import recompute_learning_summaries

    pairs = services.begin_run(RecomputationRun.objects.create(network=network, total=0).pk)
    run = RecomputationRun.objects.get(network=network)
    assert run.total == len(pairs) == len(place.scopes)
    first, rest = [list(pair) for pair in pairs[:2]], [list(pair) for pair in pairs[2:]]
    recompute_learning_summaries.delay(first, run_id=run.pk)
    recompute_learning_summaries.delay(first, run_id=run.pk)  # redelivered
    run.refresh_from_db()
    assert (run.done, run.status) == (2, SummaryStatus.RUNNING)
    assert services.record_runs_progress(run.pk, pairs[:2]) == 0
    recompute_learning_summaries.delay(rest, run_id=run.pk)
    run.refresh_from_db()
    assert (run.done, run.total, run.status) == (len(pairs), len(pairs), SummaryStatus.DONE)
    assert set(LearningSummary.objects.values_list("status", flat=True)) == {SummaryStatus.DONE}


def test_the_per_change_job_and_the_batches_go_to_their_own_queues():
    from config.celery_app import BULK_QUEUE, SUMMARIES_QUEUE, app

    def queue_of(name):
        return app.amqp.router.route({}, name)["queue"].name

    assert queue_of("evaluation.tasks.recompute_learning_summary") == SUMMARIES_QUEUE
    for name in ("recompute_learning_summaries", "recompute_all_learning_summaries", "compute_twin_candidates",
                 "run_full_recomputation", "queue_all_learning_summaries"):  # fmt: skip
        assert queue_of(f"evaluation.tasks.{name}") == BULK_QUEUE, name
    assert queue_of("evaluation.tasks.send_weekly_digests") == app.conf.task_default_queue
    # A worker started without -Q serves them all.
    assert {queue.name for queue in app.conf.task_queues} == {SUMMARIES_QUEUE, BULK_QUEUE, app.conf.task_default_queue}


def test_a_stale_run_does_not_block_a_new_one(network, network_admin, django_capture_on_commit_callbacks):
    stale = RecomputationRun.objects.create(network=network, total=5, status=SummaryStatus.RUNNING)
    RecomputationRun.objects.filter(pk=stale.pk).update(started=timezone.now() - services.RUN_STALE_AFTER * 2)
    with django_capture_on_commit_callbacks(execute=True):
        fresh = services.start_full_recomputation(network, network_admin)
    stale.refresh_from_db()
    assert fresh != stale and stale.status == SummaryStatus.FAILED
