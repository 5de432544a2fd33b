from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import PortalForm, PortalModelForm

from . import assessments
from .choices import SCORE_MAX, SCORE_MIN, AssessorRole, BarrierCategory, ValueDomain
from .models import Event, Indicator, LearningEntry, Measurement, ResourceObservation


class LearningEntryForm(PortalModelForm):
    """A learning entry on an initiative; the initiative comes from the URL."""

    categories = forms.MultipleChoiceField(
        label=_("Barrier and enabler categories"),
        choices=BarrierCategory.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    value_domains = forms.MultipleChoiceField(
        label=_("Value domains"),
        choices=ValueDomain.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    fieldsets = (
        (_("What happened"), ("title", "what_we_did", "what_we_learned", "where_we_are_heading")),
        (_("Kind of learning"), ("kind", "categories", "value_domains", "evidence_level")),
        (_("Audience and language"), ("visibility", "language")),
    )

    class Meta:
        model = LearningEntry
        fields = (
            "title", "what_we_did", "what_we_learned", "where_we_are_heading", "kind", "categories",
            "value_domains", "evidence_level", "visibility", "language",
        )  # fmt: skip
        labels = {"title": _("Heading")}
        help_texts = {
            "categories": _("For barriers and enablers: what kind of barrier or enabler it is."),
            "language": _("The language the entry is written in; search uses it."),
        }


class UnsubscribeForm(PortalForm):
    """Confirms an unsubscribe link: a link alone (opened by a mail scanner) changes nothing."""


class EventForm(PortalModelForm):
    """An event on the wall. A picture must be a real image (Pillow reads it) of an
    accepted format, at most IMAGE_MAX_BYTES, and described for screen readers."""

    IMAGE_MAX_BYTES = 5 * 1024 * 1024
    IMAGE_FORMATS = ("JPEG", "PNG", "GIF", "WEBP")

    class Meta:
        model = Event
        fields = (
            "date", "title", "narrative", "participants", "image", "image_description", "grew_out_of",
            "visibility", "language",
        )  # fmt: skip
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "grew_out_of": forms.CheckboxSelectMultiple,
        }
        help_texts = {"image": _("A photo or a drawing: JPEG, PNG, GIF or WebP, at most 5 MB.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("grew_out_of")
        if field is not None:
            # Links stay on one network's wall.
            field.queryset = field.queryset.filter(network_id=self.instance.network_id).order_by("-date", "-pk")
            if self.instance.pk:
                field.queryset = field.queryset.exclude(pk=self.instance.pk)

    def clean_image(self):
        image = self.cleaned_data.get("image")
        upload = getattr(image, "image", None)  # set by forms.ImageField for a new upload
        if not image or upload is None:
            return image
        if image.size > self.IMAGE_MAX_BYTES:
            raise forms.ValidationError(_("The picture is larger than 5 MB."), code="too_large")
        if upload.format not in self.IMAGE_FORMATS:
            raise forms.ValidationError(_("Upload a JPEG, PNG, GIF or WebP picture."), code="format")
        return image


ResourceFormSet = forms.inlineformset_factory(
    Event,
    ResourceObservation,
    form=PortalModelForm,
    fields=("capital", "state", "description"),
    widgets={"description": forms.Textarea(attrs={"rows": 2})},
    extra=2,
    can_delete=True,
)


class ValueDomainsForm(PortalForm):
    """The four value domains on one form: one period and assessor role, and for each
    domain a score from 1 to 5 and a narrative. A domain left empty is not assessed; each
    domain's errors are shown in its own section, and nothing is saved while any domain
    has one (evaluation.assessments)."""

    period_start = forms.DateField(label=_("Period start"))
    period_end = forms.DateField(label=_("Period end"))
    assessor_role = forms.ChoiceField(
        label=_("Assessor role"), choices=AssessorRole.choices, initial=AssessorRole.COORDINATOR
    )

    # Errors of the model's own fields, shown on the form's field of the same meaning.
    SHARED_FIELDS = ("period_start", "period_end", "assessor_role")

    def __init__(self, *args, initiative, assessed_by=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.initiative = initiative
        self.assessed_by = assessed_by
        self.assessments = []
        fieldsets = [(_("Period"), self.SHARED_FIELDS)]
        for domain, label in ValueDomain.choices:
            self.fields[f"{domain}-score"] = forms.TypedChoiceField(
                label=_("%(domain)s: score") % {"domain": label},
                choices=[(n, str(n)) for n in range(SCORE_MIN, SCORE_MAX + 1)],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                help_text=_("From 1 (no value yet) to 5 (strong value)."),
            )
            self.fields[f"{domain}-narrative"] = forms.CharField(
                label=_("%(domain)s: narrative") % {"domain": label},
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                help_text=_("What the score rests on, in the initiative's language."),
            )
            fieldsets.append((label, (f"{domain}-score", f"{domain}-narrative")))
        self.fieldsets = tuple(fieldsets)
        self._prepare_widgets()

    def clean(self):
        cleaned_data = super().clean()
        scores = self._domain_scores(cleaned_data)
        if not scores and not self.errors:
            raise forms.ValidationError(_("Assess at least one value domain."), code="empty")
        if self.errors or any(name not in cleaned_data for name in self.SHARED_FIELDS):
            return cleaned_data
        self.assessments = assessments.value_assessments(
            self.initiative,
            period_start=cleaned_data["period_start"],
            period_end=cleaned_data["period_end"],
            assessor_role=cleaned_data["assessor_role"],
            scores=scores,
            assessed_by=self.assessed_by,
        )
        self._add_model_errors(assessments.assessment_errors(self.assessments))
        return cleaned_data

    def _domain_scores(self, cleaned_data):
        """{domain: (score, narrative)} of the domains filled in; a half-filled domain is
        an error in its own section."""
        scores = {}
        for domain in ValueDomain.values:
            score = cleaned_data.get(f"{domain}-score")
            narrative = (cleaned_data.get(f"{domain}-narrative") or "").strip()
            if score is None and not narrative:
                continue
            if score is None:
                if f"{domain}-score" not in self.errors:
                    self.add_error(f"{domain}-score", _("Give a score with the narrative, or leave the domain empty."))
            elif not narrative:
                self.add_error(f"{domain}-narrative", _("Say what the score rests on, or leave the domain empty."))
            else:
                scores[domain] = (score, narrative)
        return scores

    def _add_model_errors(self, errors_by_domain):
        """The model's errors on the form: a period or role error once on its shared field,
        the rest (the domain already assessed for the period, ...) in the domain's section."""
        for domain, error_dict in errors_by_domain.items():
            for field, errors in error_dict.items():
                if field in self.SHARED_FIELDS:
                    target = field
                elif field in ("score", "narrative"):
                    target = f"{domain}-{field}"
                else:
                    target = f"{domain}-score"
                for error in errors:
                    if target in self.SHARED_FIELDS and set(error) <= set(self.errors.get(target, [])):
                        continue
                    self.add_error(target, error)

    def save(self):
        return assessments.record_value_assessments(self.assessments)


class IndicatorForm(PortalModelForm):
    """Something an initiative measures: its unit, where it started and where it aims.
    The initiative comes from the URL; the measurements have pages of their own."""

    fieldsets = (
        (_("What is measured"), ("name", "description", "unit", "value_domain")),
        (_("Starting point and goal"), ("baseline", "target")),
    )

    class Meta:
        model = Indicator
        fields = ("name", "description", "unit", "value_domain", "baseline", "target")
        help_texts = {
            "name": _("For example “Meals delivered” or “Citizens who feel lonely”."),
            "unit": _("What a value counts, for example “persons”, “meals a week” or “%”."),
            "value_domain": _("The value domain the indicator tells about, if one."),
            "baseline": _("The value before the initiative started, in the unit above."),
            "target": _("The value the initiative aims for, in the unit above."),
        }


class MeasurementForm(PortalModelForm):
    """A dated value of an indicator (the indicator comes from the URL). One value per
    date: a second one for the same date is a form error on the date."""

    class Meta:
        model = Measurement
        fields = ("date", "value", "note")
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {"note": _("What the reader should know about this value, e.g. how it was counted.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        indicator = self.instance.indicator if self.instance.indicator_id else None
        if indicator is not None:
            self.fields["value"].help_text = _("In %(unit)s.") % {"unit": indicator.unit}

    def validate_unique(self):
        # The indicator is not a field of the form, so Django would leave out the
        # one-value-per-date constraint; checked here, a repeat is an error on the date.
        try:
            self.instance.validate_constraints()
        except ValidationError as error:
            duplicate = any(e.code in ("unique", "unique_together") for e in error.error_dict.get(NON_FIELD_ERRORS, []))
            if duplicate and "date" in self.fields:
                self.add_error(
                    "date",
                    ValidationError(
                        _("This indicator already has a value for this date; change that one instead."),
                        code="duplicate_date",
                    ),
                )
            else:
                self._update_errors(error)
        super().validate_unique()
