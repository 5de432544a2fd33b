from django import forms
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.choices import ContentLanguage
from core.forms import CommaSeparatedListField, PortalForm, PortalModelForm
from core.permissions import networks_user_can_create_in
from partners.models import Network

from .choices import InitiativeKind, Phase, TargetGroup
from .models import Funding, Initiative, Participation


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
            ("title", "summary", "kind", "parent", "twin_of", "network", "visibility", "language", "phase",
             "start_date", "end_date"),
        ),
        (_("Intention and societal goals"), ("intention", "societal_goals", "target_groups", "sdg_targets",
                                             "citizen_involvement")),
        (_("Missions and places"), ("missions", "municipalities")),
        (_("Theory of change"), ("toc_problem", "toc_activities", "toc_outputs", "toc_outcomes", "toc_impact",
                                 "toc_assumptions")),
        (_("Business case"), ("business_case", "business_case_investment", "business_case_annual_benefit",
                              "business_case_currency")),
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
            "visibility": _("Draft: only the coordinators of the partners and the network administrators. "
                            "Network: the network's members. Public: everyone."),
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
    to_phase = forms.ChoiceField(
        label=_("New phase"), choices=[c for c in Phase.choices if c[0] != Phase.COMPOSTED]
    )
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
