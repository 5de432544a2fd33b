from django import forms
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.audience import get_audience
from core.choices import ContentLanguage
from core.forms import CommaSeparatedListField, PortalForm, PortalModelForm
from core.permissions import networks_user_can_create_in
from partners.models import Network, Organisation

from .choices import InitiativeKind, Phase, TargetGroup
from .imports import IMPORT_COLUMNS
from .models import Funding, Initiative, Mission, MissionOrganisation, Participation, Theme


class InitiativeForm(PortalModelForm):
    """Create and edit an initiative, a pilot or a targeted action. The phase is chosen
    on create only; afterwards it moves with a rationale (the Change phase page)."""

    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sdg_targets = CommaSeparatedListField(
        label=_("SDG targets"),
        required=False,
        help_text=_("Separated by commas, written goal.target, e.g. 3.4, 10.2, 11.b."),
    )

    fieldsets = (
        (
            _("Overview"),
            (
                "title",
                "summary",
                "kind",
                "parent",
                "twin_of",
                "network",
                "visibility",
                "language",
                "phase",
                "start_date",
                "end_date",
            ),
        ),
        (
            _("Intention and societal goals"),
            ("intention", "societal_goals", "target_groups", "sdg_targets", "citizen_involvement"),
        ),
        (_("Missions and places"), ("missions", "municipalities")),
        (
            _("Theory of change"),
            ("toc_problem", "toc_activities", "toc_outputs", "toc_outcomes", "toc_impact", "toc_assumptions"),
        ),
        (
            _("Business case"),
            ("business_case", "business_case_investment", "business_case_annual_benefit", "business_case_currency"),
        ),
    )

    class Meta:
        model = Initiative
        fields = (
            "title", "summary", "kind", "parent", "twin_of", "network", "visibility", "language", "phase",
            "start_date", "end_date", "intention", "societal_goals", "target_groups", "sdg_targets",
            "citizen_involvement", "missions", "municipalities", "toc_problem", "toc_activities", "toc_outputs",
            "toc_outcomes", "toc_impact", "toc_assumptions", "business_case", "business_case_investment",
            "business_case_annual_benefit", "business_case_currency",
        )  # fmt: skip
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "missions": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "parent": _("Pilots and targeted actions belong to a broader initiative."),
            "visibility": _(
                "Draft: only the coordinators of the partners and the network administrators. "
                "Network: the network's members. Public: everyone."
            ),
            "language": _("The language the texts of this initiative are written in."),
        }

    def __init__(self, *args, **kwargs):
        language_given = "language" in (kwargs.get("initial") or {})
        super().__init__(*args, **kwargs)
        instance = self.instance
        if "parent" in self.fields:
            parents = self.fields["parent"].queryset.exclude(kind=InitiativeKind.PILOT)
            self.fields["parent"].queryset = parents.exclude(pk=instance.pk) if instance.pk else parents
        if "twin_of" in self.fields and instance.pk:
            self.fields["twin_of"].queryset = self.fields["twin_of"].queryset.exclude(pk=instance.pk)
        if "network" in self.fields:
            self._limit_networks()
        if instance.pk:
            # After creation the phase moves only with a rationale (a PhaseChange).
            self.fields.pop("phase", None)
        else:
            self.fields["phase"].choices = [c for c in Phase.choices if c[0] != Phase.COMPOSTED]
            # A new record is most likely written in the language the user works in.
            if not language_given and (get_language() or "")[:2] in ContentLanguage.values:
                self.initial["language"] = get_language()[:2]
        if instance.pk and instance.language:
            for name in ("title", "summary", "intention", "societal_goals", "business_case", *self._toc_fields()):
                if name in self.fields:
                    self.fields[name].widget.attrs["lang"] = instance.language

    @staticmethod
    def _toc_fields():
        return ("toc_problem", "toc_activities", "toc_outputs", "toc_outcomes", "toc_impact", "toc_assumptions")

    def _limit_networks(self):
        """A new initiative goes into a network where the user coordinates; an existing
        one may stay where it is."""
        allowed = networks_user_can_create_in(self.user)
        field = self.fields["network"]
        if allowed is not None:
            ids = set(allowed) | ({self.instance.network_id} if self.instance.network_id else set())
            field.queryset = Network.objects.filter(pk__in=ids)
            if len(ids) == 1 and not self.initial.get("network"):
                self.initial["network"] = next(iter(ids))
        field.empty_label = None if field.queryset.count() == 1 else field.empty_label


class ParticipationForm(PortalModelForm):
    class Meta:
        model = Participation
        fields = ("organisation", "role", "start_date", "end_date")


class FundingForm(PortalModelForm):
    class Meta:
        model = Funding
        fields = ("funder", "funder_name", "amount", "currency", "kind", "start_date", "end_date")

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("DELETE") and not cleaned_data.get("funder") and not cleaned_data.get("funder_name"):
            self.add_error("funder", _("Choose the funder, or write its name below."))
        return cleaned_data


ParticipationFormSet = inlineformset_factory(
    Initiative, Participation, form=ParticipationForm, extra=2, can_delete=True
)
FundingFormSet = inlineformset_factory(Initiative, Funding, form=FundingForm, extra=1, can_delete=True)


class PhaseChangeForm(PortalForm):
    to_phase = forms.ChoiceField(label=_("New phase"), choices=[c for c in Phase.choices if c[0] != Phase.COMPOSTED])
    rationale = forms.CharField(
        label=_("Rationale"),
        widget=forms.Textarea,
        help_text=_("Why the initiative moves on (or back): what was learned, what was decided."),
    )
    date = forms.DateField(label=_("Date"), initial=timezone.localdate)


class CompostForm(PortalForm):
    composted_reason = forms.CharField(
        label=_("Why it is composted"),
        widget=forms.Textarea,
        help_text=_("Composting ends an initiative on purpose. Say why, so others understand the decision."),
    )
    composted_lessons = forms.CharField(
        label=_("What others can reuse"),
        widget=forms.Textarea,
        help_text=_("Methods, partnerships, materials or insights that others can build on."),
    )
    date = forms.DateField(label=_("Date"), initial=timezone.localdate)


def _limit_to_admin_networks(form):
    """Themes and missions belong to the network administrators: a new one goes into a
    network the user administers; an existing one may stay where it is."""
    field = form.fields.get("network")
    if field is None:
        return
    allowed = networks_user_can_create_in(form.user, admin_only=True)
    if allowed is not None:
        ids = set(allowed) | ({form.instance.network_id} if form.instance.network_id else set())
        field.queryset = Network.objects.filter(pk__in=ids)
        if len(ids) == 1 and not form.initial.get("network"):
            form.initial["network"] = next(iter(ids))


def _mark_content_language(form, names):
    if form.instance.pk and form.instance.language:
        for name in names:
            if name in form.fields:
                form.fields[name].widget.attrs["lang"] = form.instance.language


class ThemeForm(PortalModelForm):
    class Meta:
        model = Theme
        fields = ("name", "description", "network", "visibility", "language")
        help_texts = {"language": _("The language the texts of this theme are written in.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_to_admin_networks(self)
        _mark_content_language(self, ("name", "description"))


class MissionForm(PortalModelForm):
    class Meta:
        model = Mission
        fields = ("title", "problem", "goal", "theme", "network", "visibility", "language", "start_date", "end_date")
        help_texts = {"language": _("The language the texts of this mission are written in.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_to_admin_networks(self)
        _mark_content_language(self, ("title", "problem", "goal"))

    def clean(self):
        cleaned_data = super().clean()
        theme, network = cleaned_data.get("theme"), cleaned_data.get("network")
        if theme and network and theme.network_id != network.pk:
            self.add_error("theme", _("Choose a theme of the mission's network."))
        return cleaned_data


class JoinMissionForm(PortalForm):
    """Which of the organisations the user coordinates for joins the mission."""

    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())

    def __init__(self, *args, mission=None, **kwargs):
        super().__init__(*args, **kwargs)
        audience = get_audience(self.user)
        joined = MissionOrganisation.objects.filter(mission=mission).values("organisation")
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.filter(pk__in=audience.coordinator_organisation_ids).exclude(
            pk__in=joined
        )
        if len(audience.coordinator_organisation_ids) == 1:
            field.empty_label = None


class InitiativeImportForm(PortalForm):
    file = forms.FileField(label=_("File"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built per request, so it is in the interface language of the request.
        self.fields["file"].help_text = _(
            "An XLSX or CSV file. The first row names the columns: %(columns)s. title and network are required."
        ) % {"columns": ", ".join(IMPORT_COLUMNS)}
