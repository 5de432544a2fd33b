"""The indicator and measurement pages: adding, editing and deleting an initiative's
indicators and their dated values from its value page, for each persona (the
initiative's coordinator, a network admin, another coordinator of the network, a member,
an outsider and an anonymous visitor), and bad input that writes nothing. The view
matrix entries are in tests/support/viewmatrix_evaluation.py."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from core.choices import Visibility
from evaluation.models import Indicator, Measurement
from initiatives.choices import ParticipationRole
from partners.choices import MembershipRole

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client):
    """The pages in English, so the tests can read them."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def initiative(network, coordinator):
    """A network-only Danish initiative of the coordinator's organisation."""
    initiative = factories.InitiativeFactory(
        network=network, visibility=Visibility.NETWORK, language="da", title="Mad til ældre i Slagelse"
    )
    factories.ParticipationFactory(
        initiative=initiative, organisation=coordinator.person.organisation, role=ParticipationRole.LEAD
    )
    return initiative


@pytest.fixture
def indicator(initiative):
    indicator = factories.IndicatorFactory(
        initiative=initiative, name="Måltider leveret", unit="måltider", baseline=Decimal("40"), target=Decimal("120")
    )
    factories.MeasurementFactory(indicator=indicator, date=datetime.date(2025, 1, 1), value=Decimal("44"))
    factories.MeasurementFactory(indicator=indicator, date=datetime.date(2025, 2, 1), value=Decimal("61"))
    return indicator


@pytest.fixture
def other_coordinator(network):
    """A coordinator of the same network whose organisation does not take part."""
    user = factories.UserFactory(username="other-coordinator")
    person = factories.PersonFactory(user=user)
    factories.MembershipFactory(network=network, person=person, role=MembershipRole.COORDINATOR)
    return user


def value_url(initiative):
    return reverse("evaluation:initiative_value", kwargs={"slug": initiative.slug})


def indicator_anchor(indicator):
    return f"{value_url(indicator.initiative)}#indicator-{indicator.pk}"


INDICATOR_FORM = {
    "name": "Borgere der spiser sammen",
    "description": "Antal ældre, der spiser mindst ét måltid om ugen i fællesskab.",
    "unit": "personer",
    "value_domain": "effects",
    "baseline": "12",
    "target": "30.5",
}


# --- the initiative's coordinator -------------------------------------------------------


def test_the_coordinator_adds_edits_and_deletes_an_indicator(client, initiative, coordinator):
    client.force_login(coordinator)
    page = client.get(value_url(initiative)).content.decode()
    add_url = reverse("evaluation:indicator_add", kwargs={"initiative_slug": initiative.slug})
    assert f'href="{add_url}"' in page

    form = client.get(add_url)
    assert form.status_code == 200
    assert 'id="id_unit"' in form.content.decode()
    response = client.post(add_url, INDICATOR_FORM)
    indicator = Indicator.objects.get()
    assert response.status_code == 302
    assert response.url == indicator_anchor(indicator)
    assert (indicator.initiative, indicator.unit, indicator.baseline, indicator.target) == (
        initiative,
        "personer",
        Decimal("12"),
        Decimal("30.5"),
    )
    page = client.get(value_url(initiative)).content.decode()
    section = page.split(f'id="indicator-{indicator.pk}"', 1)[1]
    assert "Borgere der spiser sammen (personer)" in section
    assert "No measurements yet." in section
    assert reverse("evaluation:measurement_add", kwargs={"indicator_pk": indicator.pk}) in section

    edit_url = reverse("evaluation:indicator_edit", kwargs={"pk": indicator.pk})
    assert edit_url in section
    assert 'value="Borgere der spiser sammen"' in client.get(edit_url).content.decode()
    response = client.post(edit_url, {**INDICATOR_FORM, "target": "40"})
    assert response.url == indicator_anchor(indicator)
    indicator.refresh_from_db()
    assert indicator.target == Decimal("40")

    factories.MeasurementFactory(indicator=indicator, date=datetime.date(2025, 3, 1), value=14)
    delete_url = reverse("evaluation:indicator_delete", kwargs={"pk": indicator.pk})
    assert delete_url in client.get(value_url(initiative)).content.decode()
    question = client.get(delete_url).content.decode()
    assert "delete this indicator and its 1 measurement?" in question
    assert "Its history is kept" not in question  # indicators keep no history
    response = client.post(delete_url)
    assert response.url == value_url(initiative)
    assert not Indicator.objects.exists()
    assert not Measurement.objects.exists()


def test_the_coordinator_records_a_series_of_measurements(client, indicator, coordinator):
    client.force_login(coordinator)
    add_url = reverse("evaluation:measurement_add", kwargs={"indicator_pk": indicator.pk})
    form = client.get(add_url).content.decode()
    assert "In måltider." in form  # the unit, next to the value
    assert "Latest values" in form  # the dates already taken

    # "Save and add another" comes back to an empty form for the next date.
    response = client.post(add_url, {"date": "2025-03-01", "value": "75.5", "note": "", "_addanother": "1"})
    assert response.url == add_url
    response = client.post(add_url, {"date": "2025-04-01", "value": "90", "note": "Uden påskeugen"})
    assert response.url == indicator_anchor(indicator)
    assert list(indicator.measurements.values_list("date", "value")) == [
        (datetime.date(2025, 1, 1), Decimal("44.000")),
        (datetime.date(2025, 2, 1), Decimal("61.000")),
        (datetime.date(2025, 3, 1), Decimal("75.500")),
        (datetime.date(2025, 4, 1), Decimal("90.000")),
    ]

    # The drawing and the data table show all four, oldest first.
    page = client.get(value_url(indicator.initiative)).content.decode()
    section = page.split(f'id="indicator-{indicator.pk}"', 1)[1].split("</section>", 1)[0]
    assert "<polyline" in section
    body = section.split("<tbody>", 1)[1]
    assert body.index("2025-01-01") < body.index("2025-04-01")
    assert body.count("<tr>") == 4

    # Correct a value, then delete one.
    march = indicator.measurements.get(date="2025-03-01")
    edit_url = reverse("evaluation:measurement_edit", kwargs={"pk": march.pk})
    assert edit_url in section
    response = client.post(edit_url, {"date": "2025-03-01", "value": "76", "note": "Rettet"})
    assert response.url == indicator_anchor(indicator)
    march.refresh_from_db()
    assert (march.value, march.note) == (Decimal("76"), "Rettet")
    delete_url = reverse("evaluation:measurement_delete", kwargs={"pk": march.pk})
    assert delete_url in section
    assert "Do you really want to delete the value" in client.get(delete_url).content.decode()
    response = client.post(delete_url)
    assert response.url == indicator_anchor(indicator)
    assert not indicator.measurements.filter(date="2025-03-01").exists()


def test_a_network_admin_changes_indicators_too(client, indicator, network_admin):
    client.force_login(network_admin)
    assert (
        reverse("evaluation:indicator_edit", kwargs={"pk": indicator.pk})
        in client.get(value_url(indicator.initiative)).content.decode()
    )
    add_url = reverse("evaluation:measurement_add", kwargs={"indicator_pk": indicator.pk})
    assert client.post(add_url, {"date": "2025-05-01", "value": "100"}).status_code == 302
    assert indicator.measurements.count() == 3


# --- bad input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data, field",
    [
        ({"date": "2025-03-01", "value": "mange"}, "value"),  # not a number
        ({"date": "2025-03-01", "value": "12,5,3"}, "value"),
        ({"date": "2025-03-01", "value": "12345678901234"}, "value"),  # more digits than it keeps
        ({"date": "2025-03-01", "value": ""}, "value"),
        ({"date": "1. marts", "value": "12"}, "date"),
        ({"date": "", "value": "12"}, "date"),
        ({"date": "2025-02-01", "value": "12"}, "date"),  # the indicator has a value that day
    ],
)
def test_bad_measurements_are_form_errors_and_write_nothing(client, indicator, coordinator, data, field):
    client.force_login(coordinator)
    before = list(indicator.measurements.values_list("pk", "date", "value"))
    url = reverse("evaluation:measurement_add", kwargs={"indicator_pk": indicator.pk})
    response = client.post(url, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors.get(field), form.errors
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert f'href="#id_{field}"' in html
    assert list(indicator.measurements.values_list("pk", "date", "value")) == before


def test_a_duplicate_date_says_so_on_the_date(client, indicator, coordinator):
    client.force_login(coordinator)
    url = reverse("evaluation:measurement_add", kwargs={"indicator_pk": indicator.pk})
    response = client.post(url, {"date": "2025-01-01", "value": "50"})
    assert response.context["form"].errors["date"] == [
        "This indicator already has a value for this date; change that one instead."
    ]
    assert indicator.measurements.get(date="2025-01-01").value == Decimal("44")


def test_moving_a_measurement_onto_another_date_is_refused(client, indicator, coordinator):
    client.force_login(coordinator)
    january = indicator.measurements.get(date="2025-01-01")
    url = reverse("evaluation:measurement_edit", kwargs={"pk": january.pk})
    response = client.post(url, {"date": "2025-02-01", "value": "44"})
    assert response.status_code == 200
    assert response.context["form"].errors["date"]
    january.refresh_from_db()
    assert january.date == datetime.date(2025, 1, 1)
    # Saving it on its own date again is no duplicate.
    assert client.post(url, {"date": "2025-01-01", "value": "45"}).status_code == 302
    january.refresh_from_db()
    assert january.value == Decimal("45")


def test_the_same_date_on_another_indicator_is_fine(client, indicator, coordinator):
    other = factories.IndicatorFactory(initiative=indicator.initiative, name="Frivillige", unit="personer")
    client.force_login(coordinator)
    url = reverse("evaluation:measurement_add", kwargs={"indicator_pk": other.pk})
    assert client.post(url, {"date": "2025-01-01", "value": "7"}).status_code == 302
    assert other.measurements.get().value == Decimal("7")


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"name": ""}, "name"),
        ({"unit": ""}, "unit"),
        ({"baseline": "omkring 12"}, "baseline"),
        ({"target": "1e400"}, "target"),
        ({"value_domain": "happiness"}, "value_domain"),
    ],
)
def test_a_bad_indicator_is_a_form_error_and_writes_nothing(client, initiative, coordinator, changes, field):
    client.force_login(coordinator)
    url = reverse("evaluation:indicator_add", kwargs={"initiative_slug": initiative.slug})
    response = client.post(url, {**INDICATOR_FORM, **changes})
    assert response.status_code == 200
    assert response.context["form"].errors.get(field), response.context["form"].errors
    assert 'id="error-summary"' in response.content.decode()
    assert not Indicator.objects.exists()


# --- who may do what ----------------------------------------------------------------------


def change_requests(indicator):
    """(url, valid POST data) of every change page, for an indicator with a measurement."""
    measurement = indicator.measurements.first()
    return [
        (reverse("evaluation:indicator_add", kwargs={"initiative_slug": indicator.initiative.slug}), INDICATOR_FORM),
        (reverse("evaluation:indicator_edit", kwargs={"pk": indicator.pk}), {**INDICATOR_FORM, "unit": "stk."}),
        (reverse("evaluation:indicator_delete", kwargs={"pk": indicator.pk}), {}),
        (
            reverse("evaluation:measurement_add", kwargs={"indicator_pk": indicator.pk}),
            {"date": "2025-06-01", "value": "1"},
        ),
        (reverse("evaluation:measurement_edit", kwargs={"pk": measurement.pk}), {"date": "2025-01-01", "value": "1"}),
        (reverse("evaluation:measurement_delete", kwargs={"pk": measurement.pk}), {}),
    ]


def snapshot():
    return (
        list(Indicator.objects.order_by("pk").values_list("pk", "name", "unit", "baseline", "target")),
        list(Measurement.objects.order_by("pk").values_list("pk", "date", "value", "note")),
    )


@pytest.mark.parametrize("persona, status", [("member", 403), ("other_coordinator", 403), ("outsider", 404)])
def test_who_may_not_change_gets_no_form_and_changes_nothing(request, client, indicator, persona, status):
    client.force_login(request.getfixturevalue(persona))
    before = snapshot()
    for url, data in change_requests(indicator):
        assert client.get(url).status_code == status, url
        assert client.post(url, data).status_code == status, url
    assert snapshot() == before


def test_anonymous_visitors_are_sent_to_log_in_and_change_nothing(client, indicator):
    before = snapshot()
    for url, data in change_requests(indicator):
        for response in (client.get(url), client.post(url, data)):
            assert response.status_code == 302, url
            assert response.url.startswith(reverse("login")), url
    assert snapshot() == before


def test_a_member_reads_indicators_without_the_change_links(client, indicator, member):
    client.force_login(member)
    page = client.get(value_url(indicator.initiative)).content.decode()
    section = page.split(f'id="indicator-{indicator.pk}"', 1)[1]
    assert "Måltider leveret (måltider)" in section
    assert "<polyline" in section
    assert section.split("<tbody>", 1)[1].split("</tbody>", 1)[0].count("<tr>") == 2
    assert "Add an indicator" not in page
    assert "Add a measurement" not in page
    assert "/edit/" not in page and "/delete/" not in page


def test_outsiders_and_anonymous_visitors_do_not_see_a_network_initiatives_indicators(client, indicator, outsider):
    assert client.get(value_url(indicator.initiative)).status_code == 404
    client.force_login(outsider)
    assert client.get(value_url(indicator.initiative)).status_code == 404


def test_indicators_of_a_public_initiative_are_public_but_not_changeable(client, indicator, outsider):
    initiative = indicator.initiative
    initiative.visibility = Visibility.PUBLIC
    initiative.save()
    for user in (None, outsider):
        if user:
            client.force_login(user)
        page = client.get(value_url(initiative)).content.decode()
        assert "Måltider leveret (måltider)" in page
        assert "/edit/" not in page
        edit_url = reverse("evaluation:indicator_edit", kwargs={"pk": indicator.pk})
        assert client.get(edit_url).status_code == (403 if user else 302)


# --- the value page in a constant number of queries ---------------------------------------


def test_the_value_page_uses_a_constant_number_of_queries(
    client, initiative, coordinator, django_assert_max_num_queries
):
    def add_indicator(n):
        indicator = factories.IndicatorFactory(initiative=initiative, name=f"Indikator {n}", unit="personer")
        for day in range(3):
            factories.MeasurementFactory(indicator=indicator, date=datetime.date(2025, 1, 1 + day), value=n + day)

    add_indicator(0)
    client.force_login(coordinator)
    with django_assert_max_num_queries(20) as few:
        assert client.get(value_url(initiative)).status_code == 200
    for n in range(1, 6):
        add_indicator(n)
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        page = client.get(value_url(initiative)).content.decode()
    assert page.count('class="indicator"') == 6
    print(f"value page: {len(few.captured_queries)} queries with 1 indicator, {len(many.captured_queries)} with 6")


def test_a_clash_saved_by_someone_else_meanwhile_is_a_form_error_not_a_500(client, indicator, coordinator):
    """Two people add a value for the same date at the same moment: both forms pass their
    checks, and the second write meets the database's unique constraint."""
    from django.db.models.signals import pre_save

    def someone_else_saves_first(sender, instance, **kwargs):
        if instance.pk is None and str(instance.date) == "2025-03-03":
            Measurement.objects.bulk_create([Measurement(indicator=indicator, date=instance.date, value=7)])

    client.force_login(coordinator)
    url = reverse("evaluation:measurement_add", kwargs={"indicator_pk": indicator.pk})
    pre_save.connect(someone_else_saves_first, sender=Measurement)
    try:
        response = client.post(url, {"date": "2025-03-03", "value": "50"}, HTTP_ACCEPT_LANGUAGE="en")
    finally:
        pre_save.disconnect(someone_else_saves_first, sender=Measurement)
    assert response.status_code == 409
    assert "Someone saved a record that clashes with this one just now." in response.content.decode()
    # Nothing of ours was written.
    assert not indicator.measurements.filter(date="2025-03-03", value=50).exists()
