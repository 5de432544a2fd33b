"""core/rendering.py writes the list pages' hot spots in Python: its HTML must be exactly
what Django's templates give (the form widgets) and what core/cells/default.html gives
(the cells), escaping included."""

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import translation

from core.rendering import FastFormRenderer, default_cell, fast_form_renderer
from core.views import Column
from initiatives.filtersets import InitiativeFilterSet
from initiatives.models import Initiative

from . import factories

pytestmark = pytest.mark.django_db

TRICKY = 'Kost & "motion" <for> ældre'


class EveryWidgetForm(forms.Form):
    single = forms.ChoiceField(choices=[("", "---"), ("a", TRICKY), ("b", "Bé")], required=False)
    grouped = forms.ChoiceField(
        choices=[("Danmark", [("dk1", "Aarhus"), ("dk2", TRICKY)]), ("Sverige", [("se1", "Umeå")]), ("x", "Andet")]
    )
    several = forms.MultipleChoiceField(choices=[("1", "Et"), ("2", TRICKY), ("3", "Tre")], required=False)
    boxes = forms.MultipleChoiceField(
        choices=[("1", "Et"), ("2", TRICKY)], widget=forms.CheckboxSelectMultiple, required=False
    )
    grouped_boxes = forms.MultipleChoiceField(
        choices=[("Gruppe", [("1", "Et"), ("2", "To")]), ("3", "Tre")],
        widget=forms.CheckboxSelectMultiple(attrs={"class": "choices"}),
        required=False,
    )
    radio = forms.ChoiceField(choices=[("1", "Et"), ("2", TRICKY)], widget=forms.RadioSelect)
    text = forms.CharField(required=False, widget=forms.TextInput(attrs={"placeholder": TRICKY, "data-x": True}))
    search = forms.CharField(required=False, widget=forms.SearchInput)
    number = forms.IntegerField(required=False)
    date = forms.DateField(required=False, widget=forms.DateInput)
    hidden = forms.CharField(required=False, widget=forms.HiddenInput)


def both(form):
    """{field name: (Django's HTML, ours)}."""
    django_renderer = DjangoTemplates()
    html = {}
    for name in form.fields:
        form.renderer = django_renderer
        expected = str(form[name])
        form.renderer = fast_form_renderer
        html[name] = (expected, str(form[name]))
    return html


@pytest.mark.parametrize(
    "data",
    [
        {},
        {
            "single": "a",
            "grouped": "dk2",
            "several": ["2", "3"],
            "boxes": ["2"],
            "grouped_boxes": ["1", "3"],
            "radio": "2",
            "text": TRICKY,
            "search": "<b>",
            "number": "7",
            "date": "2026-11-22",
            "hidden": '"',
        },
    ],
)
def test_every_widget_is_the_html_of_djangos_templates(data):
    form = EveryWidgetForm(data or None)
    form.is_valid()
    for name, (expected, ours) in both(form).items():
        assert ours == expected, name


def test_the_initiative_filter_form_is_the_html_of_djangos_templates(network):
    factories.OrganisationFactory(name=TRICKY)
    municipality = factories.MunicipalityFactory(name="Høje-Taastrup Kommune")
    factories.MissionFactory(network=network, title=TRICKY)
    query = QueryDict(mutable=True)
    query.setlist("phase", ["prototyping", "scaling"])
    query.setlist("municipality_id", [str(municipality.pk)])
    query["q"] = TRICKY
    filterset = InitiativeFilterSet(query, queryset=Initiative.objects.all())
    form = filterset.form
    form.fields["phase"].widget = forms.CheckboxSelectMultiple(choices=form.fields["phase"].choices)
    for name, (expected, ours) in both(form).items():
        assert ours == expected, name


class NoWidgetTemplates(FastFormRenderer):
    """Fails when a widget still goes through its template."""

    def get_template(self, template_name):
        assert "/widgets/" not in template_name, template_name
        return super().get_template(template_name)


def test_no_widget_of_these_forms_goes_through_a_template(network):
    factories.OrganisationFactory(name=TRICKY)
    forms_to_render = [
        EveryWidgetForm({"several": ["1"], "boxes": ["2"], "text": "x"}),
        InitiativeFilterSet(QueryDict("phase=scaling"), queryset=Initiative.objects.all()).form,
    ]
    for form in forms_to_render:
        form.is_valid()
        form.renderer = NoWidgetTemplates()
        for name in form.fields:
            assert str(form[name])


def template_cell(obj, column, value):
    return render_to_string(
        "core/cells/default.html", {"obj": obj, "value": value, "column": column, "is_list": isinstance(value, list)}
    ).strip()


@pytest.mark.parametrize("language", ["da", "sv", "en"])
def test_cells_are_the_html_of_the_default_cell_template(network, language):
    organisation = factories.OrganisationFactory(name=TRICKY)
    initiative = factories.InitiativeFactory(
        network=network, title=TRICKY, language="sv", start_date=datetime.date(2026, 3, 4)
    )
    factories.ParticipationFactory(initiative=initiative, organisation=organisation)
    factories.ParticipationFactory(initiative=initiative)
    lonely = factories.InitiativeFactory(network=network, summary="", start_date=None)
    columns = [
        Column("title", link=True, content=True),
        Column("title", link=True),
        Column("summary", content=True),
        Column("summary"),
        Column("phase"),
        Column("organisations"),
        Column("network"),
        Column("start_date"),
        Column("updated"),
        Column("parent.title"),
    ]
    with translation.override(language):
        for obj in (initiative, lonely):
            for column in columns:
                value = column.value(obj)
                assert default_cell(obj, column, value) == template_cell(obj, column, value), column.accessor
