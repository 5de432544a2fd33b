"""Two rules every domain record keeps, whichever way it is written (page, API, admin):
its text is plain text of bounded length, and changing a row shown inside another record
marks that record changed (so `updated_since` and ETags see it)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from evaluation.models import Indicator
from initiatives.models import Initiative

from . import factories
from .support.api import client_for
from .support.pages import initiative_url as url
from .support.pages import page_form

pytestmark = pytest.mark.django_db

MARKUP_ERROR = "Write plain text; markup such as HTML tags is not accepted."


# --- plain text ----------------------------------------------------------------------


def test_the_edit_page_refuses_markup_with_a_form_error_and_writes_nothing(client, network_initiative, coordinator):
    client.force_login(coordinator)
    edit = url("edit", slug=network_initiative.slug)
    before = network_initiative.summary
    form = page_form(client.get(edit), summary='Seniors <script>alert("x")</script>')
    response = client.post(edit, form, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert 'id="id_summary_error"' in response.text
    assert MARKUP_ERROR in response.text
    network_initiative.refresh_from_db()
    assert network_initiative.summary == before


def test_page_and_api_give_the_same_message_for_too_long_text(client, network_initiative, coordinator):
    client.force_login(coordinator)
    edit = url("edit", slug=network_initiative.slug)
    response = client.post(edit, page_form(client.get(edit), summary="x" * 20_001), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Keep this under 20,000 characters (it has 20,001)." in response.text

    api = client_for(coordinator)
    answer = api.patch(
        f"/api/v1/initiatives/{network_initiative.pk}/", {"summary": "x" * 20_001}, format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )  # fmt: skip
    assert answer.status_code == 400
    assert "summary" in str(answer.json())


def test_plain_comparisons_are_plain_text(network_initiative):
    network_initiative.summary = "For people <65 & families with 3 < 4 children"
    network_initiative.full_clean()


@pytest.mark.parametrize(
    "field, value",
    [
        ("title", "<b>Bold</b> title"),
        ("summary", "<!-- hidden -->"),
        ("intention", "<img src=x onerror=alert(1)>"),
    ],
)
def test_the_model_refuses_markup_in_every_text_field(network_initiative, field, value):
    setattr(network_initiative, field, value)
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            network_initiative.full_clean()
        assert error.value.message_dict[field] == [MARKUP_ERROR]


def test_the_message_is_translated():
    initiative = Initiative(summary="<b>x</b>")
    with translation.override("da"):
        with pytest.raises(ValidationError) as error:
            initiative.clean_fields(exclude=[f.name for f in Initiative._meta.fields if f.name != "summary"])
        assert error.value.message_dict["summary"] == ["Skriv ren tekst; opmærkning som HTML-tags accepteres ikke."]


# --- a change inside a record marks the record changed --------------------------------


def stamp(record):
    """Age the record's `updated` so that a touch is visible whatever the clock's resolution."""
    past = timezone.now() - datetime.timedelta(days=1)
    type(record).objects.filter(pk=record.pk).update(updated=past)
    return past


def updated(record):
    return type(record).objects.values_list("updated", flat=True).get(pk=record.pk)


def test_a_partner_row_edited_on_the_page_marks_its_initiative_changed(
    client, network_initiative, coordinator, partner_organisations
):
    university, _ = partner_organisations
    past = stamp(network_initiative)
    client.force_login(coordinator)
    edit = url("edit", slug=network_initiative.slug)
    response = client.get(edit)
    # Only the formset changes: a partner row is added.
    form = page_form(
        response, **{"participations-2-organisation": str(university.pk), "participations-2-role": "researcher"}
    )
    # (Aged before the form was read: aging it after would be someone else's change, a 409.)
    assert client.post(edit, form).status_code == 302
    assert updated(network_initiative) > past


def test_saving_and_deleting_a_child_marks_its_parent_changed(network_initiative):
    past = stamp(network_initiative)
    funding = factories.FundingFactory(initiative=network_initiative)
    assert updated(network_initiative) > past

    past = stamp(network_initiative)
    funding.amount = 5
    funding.save()
    assert updated(network_initiative) > past

    past = stamp(network_initiative)
    funding.delete()
    assert updated(network_initiative) > past


def test_moving_a_child_marks_both_parents_changed(network_initiative):
    indicator = factories.IndicatorFactory(initiative=network_initiative)
    measurement = factories.MeasurementFactory(indicator=indicator)
    other = factories.IndicatorFactory(initiative=network_initiative)
    old_past, new_past = stamp(indicator), stamp(other)

    moved = type(measurement).objects.get(pk=measurement.pk)
    moved.indicator = other
    moved.save()
    assert updated(Indicator.objects.get(pk=indicator.pk)) > old_past
    assert updated(other) > new_past


def test_a_touch_writes_no_history_entry(network_initiative):
    entries = network_initiative.history.count()
    factories.FundingFactory(initiative=network_initiative)
    assert network_initiative.history.count() == entries


def test_a_new_record_with_a_generated_column_is_checked_too(network_initiative):
    # LearningEntry has a generated search column, which an unsaved record cannot read.
    entry = factories.LearningEntryFactory.build(initiative=network_initiative, what_we_learned="<p>x</p>")
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            entry.full_clean()
        assert error.value.message_dict["what_we_learned"] == [MARKUP_ERROR]
