"""generate_scale_data: counts, determinism, validity of every row, and the --force guard.

Runs the command at small scale against the real test database (PostgreSQL)."""

import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count

from demo import vocabulary as vocab
from demo.scale import Composer, _Template
from evaluation.choices import BarrierCategory, Capital, LearningKind, ResourceState, ValueDomain
from evaluation.models import (
    Event,
    Indicator,
    LearningEntry,
    Measurement,
    ResourceObservation,
    ValueAssessment,
)
from initiatives.choices import FundingKind, InitiativeKind, Phase, TargetGroup
from initiatives.models import Funding, Initiative, Mission, MissionOrganisation, Participation, PhaseChange, Theme
from partners.choices import Country, IdentifierScheme, Sector
from partners.models import Membership, Network, Organisation, Person
from portfolios.models import Category, EntryCategory, Portfolio, PortfolioEntry

SMALL = {"initiatives": 60, "learnings": 200, "organisations": 20, "seed": 3, "verbosity": 0}
BASE_DATE = date(2026, 1, 1)


def generate(**overrides):
    call_command("generate_scale_data", **{**SMALL, **overrides})


def fingerprint():
    """The generated content, without primary keys (sequences differ between runs)."""
    return {
        "initiatives": list(
            Initiative.objects.order_by("pk").values_list(
                "title",
                "slug",
                "summary",
                "kind",
                "phase",
                "visibility",
                "language",
                "start_date",
                "end_date",
                "target_groups",
                "sdg_targets",
                "parent__slug",
                "twin_of__slug",
            )
        ),
        "learnings": list(
            LearningEntry.objects.order_by("pk").values_list(
                "initiative__slug", "title", "what_we_learned", "kind", "categories", "language"
            )
        ),
        "organisations": list(
            Organisation.objects.order_by("pk").values_list("name", "identifier", "municipality_code")
        ),
        "fundings": list(Funding.objects.order_by("pk").values_list("initiative__slug", "kind", "amount", "end_date")),
    }


@pytest.mark.django_db
def test_generates_the_requested_counts_and_a_realistic_mix():
    generate()

    assert Initiative.objects.count() == 60
    assert LearningEntry.objects.count() == 200
    assert Organisation.objects.count() == 20
    assert Network.objects.count() == 6
    assert {n.country for n in Network.objects.all()} == {Country.DENMARK, Country.SWEDEN}
    for model in (
        Person,
        Membership,
        Theme,
        Mission,
        MissionOrganisation,
        PhaseChange,
        Portfolio,
        Category,
        PortfolioEntry,
        EntryCategory,
        ValueAssessment,
        Indicator,
        Measurement,
        Event,
        ResourceObservation,
    ):
        assert model.objects.exists(), model.__name__

    partners = Participation.objects.values("initiative").annotate(n=Count("id")).values_list("n", flat=True)
    assert len(partners) == 60 and min(partners) >= 2 and max(partners) <= 5
    assert Participation.objects.filter(role="lead").values("initiative").distinct().count() == 60

    assert set(Initiative.objects.values_list("visibility", flat=True)) == {"draft", "network", "public"}
    assert set(Initiative.objects.values_list("language", flat=True)) == {"da", "sv", "en"}
    assert set(LearningEntry.objects.values_list("language", flat=True)) == {"da", "sv", "en"}
    assert len(set(Initiative.objects.values_list("phase", flat=True))) >= 5
    pilots = Initiative.objects.filter(kind=InitiativeKind.PILOT)
    assert pilots.exists()
    assert not pilots.filter(parent__isnull=True).exists()
    assert not Initiative.objects.filter(parent__kind=InitiativeKind.PILOT).exists()
    assert Initiative.objects.filter(twin_of__isnull=False).exists()
    assert Initiative.objects.filter(municipalities__isnull=False).distinct().count() > 40
    assert Initiative.objects.filter(missions__isnull=False).exists()

    # Text is in the record's language: Danish records use Danish words, Swedish Swedish.
    danish = " ".join(Initiative.objects.filter(language="da").values_list("summary", flat=True))
    swedish = " ".join(Initiative.objects.filter(language="sv").values_list("summary", flat=True))
    assert re.search(r"\b(og|indsatsen|borgere)\b", danish) and not re.search(r"\boch\b", danish)
    assert re.search(r"\b(och|insatsen|invånare)\b", swedish) and not re.search(r"\bog\b", swedish)

    # The funding-cliff job has work: pool grants ending around the base date, no operating budget.
    cliff = Initiative.objects.filter(
        fundings__kind=FundingKind.TEMPORARY_POOL,
        fundings__end_date__range=(BASE_DATE - timedelta(days=60), BASE_DATE + timedelta(days=730)),
    ).exclude(fundings__kind=FundingKind.OPERATING_BUDGET)
    assert cliff.exists()

    for org in Organisation.objects.filter(sector=Sector.MUNICIPALITY):
        assert re.fullmatch(r"\d{3}" if org.country == Country.DENMARK else r"\d{4}", org.municipality_code)
    assert not Organisation.objects.exclude(sector=Sector.MUNICIPALITY).exclude(municipality_code="").exists()
    identified = Organisation.objects.exclude(identifier="")
    for scheme, identifier in identified.values_list("identifier_scheme", "identifier"):
        digits = [int(c) for c in identifier if c.isdigit()]
        if scheme == IdentifierScheme.CVR:
            assert re.fullmatch(r"\d{8}", identifier)
            assert sum(d * w for d, w in zip(digits, (2, 7, 6, 5, 4, 3, 2, 1), strict=False)) % 11 == 0
        else:
            assert scheme == IdentifierScheme.ORGANISATIONSNUMMER and re.fullmatch(r"\d{6}-\d{4}", identifier)
            luhn = sum(sum(divmod(d * (2 if i % 2 == 0 else 1), 10)) for i, d in enumerate(digits))
            assert luhn % 10 == 0


@pytest.mark.django_db
def test_same_seed_gives_the_same_data_and_another_seed_other_data():
    with transaction.atomic():
        generate()
        first = fingerprint()
        transaction.set_rollback(True)
    assert not Initiative.objects.exists()
    with transaction.atomic():
        generate(seed=4)
        other = fingerprint()
        transaction.set_rollback(True)
    generate()
    second = fingerprint()

    assert len(first["initiatives"]) == 60
    assert [row[0] for row in first["initiatives"]] == [row[0] for row in second["initiatives"]]
    assert first == second
    assert [row[0] for row in other["initiatives"]] != [row[0] for row in first["initiatives"]]


def spread(queryset, size):
    """About `size` rows spread evenly over the queryset, the same ones every run."""
    rows = list(queryset)
    return rows[:: max(1, len(rows) // size)]


@pytest.mark.django_db
def test_generated_rows_pass_full_clean():
    """All initiatives, learning entries and fundings; a sample of everything else."""
    generate()
    querysets = [
        Initiative.objects.select_related("parent"),
        LearningEntry.objects.all(),
        Funding.objects.all(),
    ] + [
        spread(model.objects.order_by("pk"), 15)
        for model in (
            Organisation,
            Person,
            Membership,
            Theme,
            Mission,
            MissionOrganisation,
            Participation,
            PhaseChange,
            Portfolio,
            Category,
            PortfolioEntry,
            EntryCategory,
            ValueAssessment,
            Indicator,
            Measurement,
            Event,
            ResourceObservation,
        )
    ]
    checked = 0
    for queryset in querysets:
        for obj in queryset:
            try:
                obj.full_clean()
            except ValidationError as error:
                pytest.fail(f"{type(obj).__name__} {obj.pk}: {error.message_dict}")
            checked += 1
    assert checked > 500
    composted = Initiative.objects.filter(phase=Phase.COMPOSTED)
    assert composted.exists() and not composted.filter(composted_lessons="").exists()


@pytest.mark.django_db
def test_refuses_a_database_with_initiatives_unless_forced():
    generate()
    with pytest.raises(CommandError, match="already has 60 initiatives.*--force"):
        generate()
    assert Initiative.objects.count() == 60

    # --force adds alongside; slugs, names and identifiers stay unique against what is there.
    generate(force=True, initiatives=12, learnings=30)
    assert Initiative.objects.count() == 72
    assert LearningEntry.objects.count() == 230
    assert Network.objects.count() == 12
    assert Initiative.objects.values("slug").distinct().count() == 72


def test_vocabulary_covers_the_controlled_vocabularies_and_every_template_slot():
    assert set(vocab.GROUPS) == set(TargetGroup.values)
    for group in vocab.GROUPS:
        assert any(group in solution["groups"] for solution in vocab.SOLUTIONS.values()), group
    context_slots = {
        "sol",
        "sol_def",
        "sol_pl",
        "sol_defpl",
        "group",
        "group_def",
        "group_gen",
        "place",
        "origin_place",
        "barrier",
        "enabler",
        "cat_title",
        "theme",
        "network",
    }
    for lang, templates in vocab.TEMPLATES.items():
        assert set(templates) == set(vocab.TEMPLATES["da"]), lang
        for kind in LearningKind.values:
            assert templates[f"learning_title_{kind}"], (lang, kind)
        for domain in ValueDomain.values:
            assert templates[f"assessment_{domain}"], (lang, domain)
        for capital in Capital.values:
            for state in ResourceState.values:
                assert templates[f"resource_{capital}_{state}"], (lang, capital, state)
        for category in BarrierCategory.values:
            for prefix in ("barrier", "enabler", "cat_title"):
                assert vocab.SLOTS[lang][f"{prefix}_{category}"], (lang, prefix, category)
        for name, texts in templates.items():
            for text in texts:
                missing = set(_Template(text).slots) - context_slots - set(vocab.SLOTS[lang])
                assert not missing, (lang, name, text, missing)


def test_composer_gives_different_words_for_a_slot_used_twice():
    composer = Composer(__import__("random").Random(1))
    template = _Template("{actor}|{actor}|{actor}")
    for _ in range(50):
        words = composer.fill(template, "da", {}).split("|")
        assert len({w.lower() for w in words}) == 3
