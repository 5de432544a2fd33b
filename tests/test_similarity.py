"""Twin candidates: language-aware features, the shared vocabulary across Danish, Swedish
and English, other municipalities only, reasons in the reader's language, and a run that
stays cheap at 10,000 initiatives."""

import datetime
import random
import time

import pytest
from django.utils import timezone, translation

from core.choices import Visibility
from evaluation import services, similarity
from evaluation.models import LearningSummary, TwinCandidate
from initiatives.choices import InitiativeKind, TargetGroup

from . import factories

OLDER = TargetGroup.OLDER_PEOPLE


def test_words_are_stemmed_per_language_and_folded_across_danish_and_swedish():
    danish = similarity.text_features("Ældre borgere og måltiderne", "da")
    swedish = similarity.text_features("Äldre personer och måltider", "sv")
    assert "w:aeldr" in danish & swedish
    assert "w:maaltid" in danish & swedish
    # Stop words are no features: "og", "och".
    assert not {f for f in danish | swedish if f in ("w:og", "w:och")}


def test_concepts_bridge_languages_and_compounds():
    assert {"c:meal", "c:delivery", "c:older_people"} <= similarity.text_features("Madudbringning til ældre", "da")
    assert {"c:meal", "c:delivery", "c:older_people"} <= similarity.text_features("Leverans av mat för seniorer", "sv")
    assert {"c:meal", "c:delivery", "c:older_people"} <= similarity.text_features(
        "Meal delivery for older people", "en"
    )
    assert "c:meal" not in similarity.text_features("Materialet blev trykt", "da")


@pytest.fixture
def towns(db):
    return {name: factories.MunicipalityFactory(name=name) for name in ("Eskilstuna", "Aarhus", "Leeds", "Odense")}


def initiative(town, title, summary, language, groups=(OLDER,), **fields):
    made = factories.InitiativeFactory(
        title=title, summary=summary, language=language, target_groups=list(groups), **fields
    )
    made.municipalities.add(town)
    return made


@pytest.mark.django_db
def test_twins_are_found_across_languages_in_other_municipalities(towns, network):
    meal_pilot = initiative(
        towns["Eskilstuna"], "Leverans av mat för seniorer", "Pilot som testar leverans av mat till seniorer.", "sv"
    )
    neighbour = initiative(  # same municipality: no twin, however similar
        towns["Eskilstuna"], "Matleverans till äldre", "Leverans av måltider till äldre i Eskilstuna.", "sv"
    )
    danish = initiative(
        towns["Aarhus"], "Madudbringning til ældre", "Kommunen bringer varm mad ud til ældre borgere.", "da"
    )
    english = initiative(towns["Leeds"], "Meals on wheels", "Meal delivery for older people living alone.", "en")
    unrelated = initiative(
        towns["Odense"],
        "Job til unge",
        "Unge ledige får praktik i virksomheder.",
        "da",
        groups=(TargetGroup.UNEMPLOYED,),
    )
    draft = initiative(towns["Odense"], "Mad til ældre", "Mad til ældre.", "da", visibility=Visibility.DRAFT)

    features = similarity.load_features()
    assert draft.pk not in features  # drafts take no part
    found = similarity.compute_twin_candidates(features)
    candidates = [pk for pk, _, _ in found[meal_pilot.pk]]
    assert set(candidates[:2]) == {danish.pk, english.pk}
    assert neighbour.pk not in candidates and meal_pilot.pk not in candidates
    assert unrelated.pk not in candidates
    _, score, reasons = found[meal_pilot.pk][0]
    assert 0 < score <= 1
    codes = [reason["code"] for reason in reasons]
    assert codes[:2] == ["intention", "target_group"] or codes[:2] == ["target_group", "intention"]
    by_code = {reason["code"]: reason["values"] for reason in reasons}
    assert by_code["target_group"] == [OLDER]
    assert {"meal", "delivery", "older_people"} <= set(by_code["intention"])

    with translation.override("en"):
        text = similarity.describe_reasons([{"code": "target_group", "values": [OLDER]}, reasons_intention()])
    assert text == "same target group (Older people), similar intention (meals and food, delivery)"
    with translation.override("en"):
        assert str(similarity.reasons_summary(reasons)) in (
            "same target group, similar intention",
            "similar intention, same target group",
        )


def reasons_intention():
    return {"code": "intention", "values": ["meal", "delivery"]}


@pytest.mark.django_db
def test_pilots_of_one_parent_are_no_twins(towns, network):
    parent = initiative(towns["Aarhus"], "Mad og fællesskab for ældre", "Måltider og fællesskab for ældre.", "da")
    pilot = initiative(
        towns["Odense"],
        "Madudbringning",
        "Mad og fællesskab for ældre.",
        "da",
        kind=InitiativeKind.PILOT,
        parent=parent,
    )
    sibling = initiative(
        towns["Leeds"], "Madklub", "Mad og fællesskab for ældre.", "da", kind=InitiativeKind.PILOT, parent=parent
    )
    found = similarity.compute_twin_candidates(similarity.load_features())
    assert sibling.pk not in [pk for pk, _, _ in found[pilot.pk]]


@pytest.mark.django_db
def test_the_job_stores_candidates_and_the_initiative_summary_shows_them(towns, network, settings):
    settings.HORISONT_SUMMARY_TRIGGERS = False
    meal_pilot = initiative(
        towns["Eskilstuna"], "Leverans av mat för seniorer", "Leverans av mat till seniorer.", "sv", network=network
    )
    danish = initiative(towns["Aarhus"], "Madudbringning til ældre", "Varm mad til ældre.", "da")
    hidden = initiative(
        towns["Leeds"], "Meal delivery", "Meal delivery for older people.", "en", visibility=Visibility.NETWORK
    )
    assert similarity.refresh_twin_candidates() == (3, TwinCandidate.objects.count())
    assert set(TwinCandidate.objects.filter(initiative=meal_pilot).values_list("candidate", flat=True)) == {
        danish.pk,
        hidden.pk,
    }
    # A second run replaces, it does not add.
    count = TwinCandidate.objects.count()
    similarity.refresh_twin_candidates()
    assert TwinCandidate.objects.count() == count

    services.refresh_learning_summaries("initiative", meal_pilot.pk)
    public = LearningSummary.objects.get(scope="initiative", scope_id=meal_pilot.pk, audience="public")
    twins = public.metrics["twin_candidates"]
    # The public summary lists the public twin only: the other network's members-only
    # initiative is not for the public.
    assert [twin["candidate"]["id"] for twin in twins] == [danish.pk]
    assert twins[0]["candidate"]["municipalities"] == ["Aarhus"]
    assert {reason["code"] for reason in twins[0]["reasons"]} >= {"target_group", "intention"}


def test_ten_thousand_initiatives_in_linear_time():
    """The candidate search reads a bounded number of postings per initiative, so the time
    per initiative does not grow with their number: 6,000 initiatives of ~90 features
    each (a Zipf-distributed vocabulary, shared target groups and concepts) take about as
    long per initiative as 1,500 do, and 10,000 stay within a few minutes of CPU."""
    rng = random.Random(7)
    vocabulary = [f"w:{i}" for i in range(20000)]
    cumulative, total = [], 0.0
    for rank in range(len(vocabulary)):
        total += 1 / (rank + 1)
        cumulative.append(total)
    groups = [f"tg:{value}" for value in TargetGroup.values]
    concepts = [f"c:{concept}" for concept in similarity.CONCEPTS]

    def make(n):
        return {
            pk: similarity.InitiativeFeatures(
                pk=pk,
                municipalities=frozenset({rng.randint(1, 150)}),
                family=pk,
                features=set(rng.choices(vocabulary, cum_weights=cumulative, k=80))
                | set(rng.sample(groups, 2))
                | set(rng.sample(concepts, 4))
                | {f"sdg:{rng.randint(1, 40)}", f"cat:{rng.randint(1, 7)}"},
            )
            for pk in range(1, n + 1)
        }

    def seconds_per_initiative(n):
        items = make(n)
        started = time.process_time()
        found = similarity.compute_twin_candidates(items)
        elapsed = time.process_time() - started
        assert len(found) == n
        assert all(len(candidates) <= similarity.TOP_K for candidates in found.values())
        return elapsed / n

    small, large = seconds_per_initiative(1500), seconds_per_initiative(6000)
    assert large < 2 * small, (small, large)
    assert large * 10000 < 240, f"{large * 10000:.0f} s for 10,000 initiatives"


def test_features_shared_by_most_initiatives_propose_no_candidates():
    """A feature nearly everyone has ("collaboration") would propose every initiative to
    every other: it is left out of the index (it still counts in the score). Pairs that
    share a rarer feature still find each other; an initiative with nothing rarer gets
    no candidates."""
    n = 400
    assert similarity.posting_limit(n) == similarity.COMMON_FEATURE_FLOOR < n
    items = {
        pk: similarity.InitiativeFeatures(
            pk=pk,
            municipalities=frozenset({pk}),
            family=pk,
            # pairs (1, 2), (3, 4), ... share a word of their own; everyone shares "c:collaboration"
            features={"c:collaboration", f"w:pair{(pk + 1) // 2}"} if pk < n else {"c:collaboration"},
        )
        for pk in range(1, n + 1)
    }
    found = similarity.compute_twin_candidates(items)
    assert [pk for pk, _, _ in found[1]] == [2]
    assert [pk for pk, _, _ in found[4]] == [3]
    assert found[n] == []
    # The shared common feature is part of the pair's score and reasons.
    ((_, score, reasons),) = found[1]
    assert score == 1.0
    assert [reason["code"] for reason in reasons] == ["intention"]
    assert reasons[0]["values"] == ["collaboration"]


@pytest.mark.django_db
def test_a_second_run_rewrites_only_what_changed(towns, network, settings):
    settings.HORISONT_SUMMARY_TRIGGERS = False
    meal_pilot = initiative(towns["Eskilstuna"], "Leverans av mat för seniorer", "Leverans av mat till seniorer.", "sv")
    danish = initiative(towns["Aarhus"], "Madudbringning til ældre", "Varm mad til ældre.", "da")
    english = initiative(towns["Leeds"], "Meal delivery", "Meal delivery for older people.", "en")
    unemployed = (TargetGroup.UNEMPLOYED,)
    jobs = initiative(towns["Odense"], "Job til unge", "Unge ledige får praktik.", "da", groups=unemployed)
    jobs_twin = initiative(towns["Leeds"], "Jobs for young people", "Young unemployed people.", "en", groups=unemployed)
    first_run = timezone.now() - datetime.timedelta(hours=1)
    similarity.refresh_twin_candidates(now=first_run)
    before = {(r.initiative_id, r.candidate_id): (r.pk, r.score) for r in TwinCandidate.objects.all()}
    assert (meal_pilot.pk, danish.pk) in before

    assert (jobs.pk, jobs_twin.pk) in before

    # Nothing changed: every row stays as it was, with its first computed_at.
    assert similarity.refresh_twin_candidates() == (5, len(before))
    assert set(TwinCandidate.objects.values_list("computed_at", flat=True)) == {first_run}
    assert {(r.initiative_id, r.candidate_id): (r.pk, r.score) for r in TwinCandidate.objects.all()} == before

    # A pair whose score changes is rewritten; the others stay.
    danish.title, danish.summary = "Madudbringning", "Varm mad."
    danish.save()
    second_run = timezone.now()
    similarity.refresh_twin_candidates(now=second_run)
    row = TwinCandidate.objects.get(initiative=meal_pilot, candidate=danish)
    assert (row.score, row.computed_at) != (before[(meal_pilot.pk, danish.pk)][1], first_run)
    assert row.computed_at == second_run
    # The job initiatives' pair shares nothing with what changed.
    kept = TwinCandidate.objects.get(initiative=jobs, candidate=jobs_twin)
    assert (kept.pk, kept.score, kept.computed_at) == (*before[(jobs.pk, jobs_twin.pk)], first_run)

    # The English initiative becomes a draft: the rows of and to it go.
    english.visibility = Visibility.DRAFT
    english.save()
    similarity.refresh_twin_candidates()
    assert not TwinCandidate.objects.filter(initiative=english).exists()
    assert not TwinCandidate.objects.filter(candidate=english).exists()
    assert TwinCandidate.objects.filter(initiative=meal_pilot, candidate=danish).exists()
