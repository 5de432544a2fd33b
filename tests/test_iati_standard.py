"""IATI as its validators read it (issues 12 and 17): budget periods of at most twelve
months, the reporting organisation a documented setting that `check --deploy` warns
about while it is the placeholder, and an export in bounded pages with its own throttle."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core import checks
from django.core.cache import cache
from django.urls import reverse
from lxml import etree

from core.choices import Currency
from initiatives.choices import FundingKind

from . import factories
from .support.api import assert_problem

pytestmark = pytest.mark.django_db
# ../shared/standards beside the checkout (found from a git worktree's folder too).
STANDARDS = next(
    folder / "shared" / "standards"
    for folder in Path(settings.BASE_DIR).parents
    if (folder / "shared" / "standards").is_dir()
)


@pytest.fixture(autouse=True)
def fresh_throttle_counts():
    cache.clear()


@pytest.fixture(scope="module")
def iati_schema():
    return etree.XMLSchema(etree.parse(str(STANDARDS / "iati-2.03" / "iati-activities-schema.xsd")))


def document(response):
    assert response.status_code == 200, response.content
    return etree.fromstring(b"".join(response.streaming_content))


def iso(element, path):
    return datetime.date.fromisoformat(element.find(path).get("iso-date"))


def budget_rule_errors(doc):
    """The IATI Standard's budget rules (IATI-Rulesets 2.03): a period starts before it
    ends and lasts at most a year; budgets of one type do not overlap (per currency)."""
    errors = []
    for activity in doc.findall("iati-activity"):
        identifier = activity.findtext("iati-identifier")
        periods = {}
        for budget in activity.findall("budget"):
            start, end = iso(budget, "period-start"), iso(budget, "period-end")
            if end < start:
                errors.append(f"{identifier}: budget ends before it starts")
            if (end - start).days > 365:
                errors.append(f"{identifier}: budget period {start}..{end} is longer than a year")
            key = (budget.get("type"), budget.find("value").get("currency"))
            periods.setdefault(key, []).append((start, end))
        for key, spans in periods.items():
            spans.sort()
            for (_, first_end), (second_start, _) in zip(spans, spans[1:], strict=False):
                if second_start <= first_end:
                    errors.append(f"{identifier}: budgets {key} overlap")
    return errors


def test_long_funding_becomes_yearly_budgets_within_the_rules(client, network, iati_schema):
    initiative = factories.InitiativeFactory(
        network=network, start_date=datetime.date(2024, 3, 15), end_date=datetime.date(2027, 6, 30)
    )
    factories.FundingFactory(
        initiative=initiative,
        amount=Decimal("1000000"),
        start_date=datetime.date(2024, 3, 15),
        end_date=datetime.date(2027, 6, 30),
    )
    factories.FundingFactory(
        initiative=initiative,
        amount=Decimal("99.99"),
        start_date=datetime.date(2025, 7, 1),
        end_date=datetime.date(2026, 6, 30),
    )
    factories.FundingFactory(initiative=initiative, amount=300, currency=Currency.SEK, start_date=None, end_date=None)
    factories.FundingFactory(initiative=initiative, amount=1000, kind=FundingKind.IN_KIND)
    doc = document(client.get(reverse("export:iati")))
    iati_schema.assertValid(doc)
    assert budget_rule_errors(doc) == []

    budgets = [
        (
            b.find("period-start").get("iso-date"),
            b.find("period-end").get("iso-date"),
            b.find("value").get("currency"),
            Decimal(b.find("value").text),
        )
        for b in doc.find("iati-activity").findall("budget")
    ]
    dkk = [b for b in budgets if b[2] == "DKK"]
    assert [(start, end) for start, end, _, _ in dkk] == [
        ("2024-03-15", "2024-12-31"),
        ("2025-01-01", "2025-12-31"),
        ("2026-01-01", "2026-12-31"),
        ("2027-01-01", "2027-06-30"),
    ]
    # Nothing lost or invented in the split: the years add up to the funding, to the cent.
    assert sum(value for *_, value in dkk) == Decimal("1000099.99")
    assert sum(value for _, _, currency, value in budgets if currency == "SEK") == 300
    # Shares by days: 2025 holds 365 of the long row's 1,203 days and 184 of the short row's 365.
    days = (datetime.date(2027, 6, 30) - datetime.date(2024, 3, 15)).days + 1
    long_share = (Decimal(1000000) * 365 / days).quantize(Decimal("0.01"))
    short_share = (Decimal("99.99") * 184 / 365).quantize(Decimal("0.01"))
    assert dkk[1][3] == long_share + short_share


def test_the_budget_rule_catches_a_period_longer_than_a_year():
    bad = etree.fromstring(
        b"<iati-activities><iati-activity><iati-identifier>X-1</iati-identifier>"
        b'<budget type="1"><period-start iso-date="2024-01-01"/><period-end iso-date="2025-06-30"/>'
        b'<value currency="DKK">1</value></budget></iati-activity></iati-activities>'
    )
    assert budget_rule_errors(bad) == ["X-1: budget period 2024-01-01..2025-06-30 is longer than a year"]


def test_the_reporting_organisation_is_a_setting(client, network, settings):
    settings.HORISONT_IATI_REPORTING_ORG_REF = "DK-CVR-12345678"
    settings.HORISONT_IATI_REPORTING_ORG_NAME = "Netværket"
    initiative = factories.InitiativeFactory(network=network)
    activity = document(client.get(reverse("export:iati"))).find("iati-activity")
    assert activity.findtext("iati-identifier") == f"DK-CVR-12345678-{initiative.pk}"
    assert activity.find("reporting-org").get("ref") == "DK-CVR-12345678"
    assert activity.findtext("reporting-org/narrative") == "Netværket"


def test_check_deploy_warns_about_the_placeholder_publisher(settings):
    settings.HORISONT_IATI_REPORTING_ORG_REF = "XM-HORISONT"
    deploy = checks.run_checks(include_deployment_checks=True)
    assert "initiatives.W001" in {message.id for message in deploy}
    assert "initiatives.W001" not in {message.id for message in checks.run_checks()}
    settings.HORISONT_IATI_REPORTING_ORG_REF = "DK-CVR-12345678"
    assert not {m.id for m in checks.run_checks(include_deployment_checks=True)} & {"initiatives.W001"}
    settings.HORISONT_IATI_REPORTING_ORG_REF = "DK CVR/1"
    assert "initiatives.W002" in {m.id for m in checks.run_checks(include_deployment_checks=True)}


def test_the_export_comes_in_bounded_pages(client, network, iati_schema):
    initiatives = [factories.InitiativeFactory(network=network) for _ in range(7)]
    url = reverse("export:iati") + "?limit=3&ordering=title"
    seen, pages = [], 0
    while url:
        response = client.get(url)
        assert response["X-Total-Count"] == "7"
        doc = document(response)
        iati_schema.assertValid(doc)
        assert len(doc.findall("iati-activity")) <= 3
        seen += [a.findtext("iati-identifier") for a in doc.findall("iati-activity")]
        pages += 1
        link = response.get("Link", "")
        url = next((part.split(";")[0].strip(" <>") for part in link.split(",") if 'rel="next"' in part), None)
    assert pages == 3
    assert sorted(seen) == sorted(f"XM-HORISONT-{i.pk}" for i in initiatives) and len(set(seen)) == 7
    # The default page is bounded too, and a page asked bigger than the maximum is cut.
    from initiatives.exports import IatiExportView

    assert IatiExportView.PAGE_SIZE <= IatiExportView.MAX_PAGE_SIZE <= 500
    last = client.get(reverse("export:iati") + "?offset=6&limit=100000")
    assert len(document(last).findall("iati-activity")) == 1
    assert 'rel="prev"' in last["Link"]


@pytest.mark.parametrize("query", ["limit=abc", "limit=0", "limit=-1", "offset=-5", "offset=x"])
def test_bad_paging_parameters_are_400(client, network, query):
    problem = assert_problem(client.get(reverse("export:iati") + "?" + query), 400)
    assert [error["parameter"] for error in problem["errors"]] == [query.partition("=")[0]]


def test_the_export_throttle_has_a_rate_when_the_settings_name_none(client, network, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "60/min", "user": "1000/hour"},
    }
    response = client.get(reverse("export:iati"))
    assert response.status_code == 200 and response["RateLimit-Limit"] == "20"


def test_the_export_has_a_throttle_of_its_own(client, network, settings):
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "export-iati": "2/min"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    for _ in range(2):
        response = client.get(reverse("export:iati"))
        assert response.status_code == 200
    assert response["RateLimit-Limit"] == "2" and response["RateLimit-Remaining"] == "0"
    refused = assert_problem(client.get(reverse("export:iati")), 429)
    assert refused["status"] == 429
    # The API's other resources still answer: the export's budget is its own.
    assert client.get("/api/v1/initiatives/").status_code == 200
