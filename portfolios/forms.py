"""The forms of the portfolio pages. They collect input; the rules (who may, what is
valid, conflicts, closed reviews) are in portfolios.services, whose ValidationErrors the
views put on these forms."""

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.forms import PortalForm, PortalModelForm
from initiatives.forms import _limit_to_admin_networks, _mark_content_language
from initiatives.models import Initiative
from partners.choices import Sector
from partners.models import Organisation

from .choices import Decision, Horizon, Layer, NoteKind, Relation, ReviewStatus
from .models import Category, Portfolio

RELATION_FIELD_PREFIX = "relation_"


def municipalities(user):
    return Organisation.objects.visible_to(user).filter(sector=Sector.MUNICIPALITY).order_by("name")


class ReviewOpenForm(PortalForm):
    title = forms.CharField(label=_("Title"), max_length=300)
    due_on = forms.DateField(
        label=_("Due on"), required=False, help_text=_("When the assessments should be in (optional).")
    )


class AssessForm(PortalForm):
    """The assessment of one initiative in a review. The category relations are one field
    per category of the portfolio, named relation_<category id>."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    horizon = forms.ChoiceField(label=_("Horizon now"), choices=Horizon.choices)
    progress = forms.CharField(label=_("Progress"), widget=forms.Textarea, required=False)
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices)
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea)
    lessons = forms.CharField(
        label=_("Lessons"),
        widget=forms.Textarea,
        required=False,
        help_text=_("For compost: what others can reuse from the initiative."),
    )
    twin_municipality = forms.ModelChoiceField(
        label=_("Twin municipality"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("For twin: the municipality where the twin starts."),
    )
    scale_municipalities = forms.ModelMultipleChoiceField(
        label=_("Scale to municipalities"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For scale: the municipalities the initiative spreads to."),
    )

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["twin_municipality"].queryset = municipalities(self.user)
        self.fields["scale_municipalities"].queryset = municipalities(self.user)
        self.categories = list(categories)
        names = []
        for category in self.categories:
            name = f"{RELATION_FIELD_PREFIX}{category.pk}"
            self.fields[name] = forms.ChoiceField(
                label=category.name, choices=Relation.choices, initial=Relation.NONE, required=False
            )
            names.append(name)
        self.fieldsets = (
            (_("Where the initiative stands"), ("horizon", "progress")),
            (_("Categories of change"), tuple(names)),
            (_("Decision"), ("decision", "rationale", "lessons", "twin_municipality", "scale_municipalities")),
        )

    def category_relations(self):
        return {
            category.pk: self.cleaned_data.get(f"{RELATION_FIELD_PREFIX}{category.pk}") or Relation.NONE
            for category in self.categories
        }

    def add_error(self, field, error):
        # The service names category_relations; the form shows one field per category.
        if field is None and hasattr(error, "error_dict") and "category_relations" in error.error_dict:
            error.error_dict["__all__"] = error.error_dict.pop("category_relations") + error.error_dict.get(
                "__all__", []
            )
        super().add_error(field, error)


class NoteForm(PortalForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=NoteKind.choices, widget=forms.RadioSelect)
    title = forms.CharField(label=_("Title"), max_length=300)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea, required=False)
    review = forms.ModelChoiceField(
        label=_("Review"),
        queryset=None,
        required=False,
        help_text=_("Put the note on an open review's board (optional)."),
    )
    initiatives = forms.ModelMultipleChoiceField(
        label=_("Related initiatives"),
        queryset=Initiative.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, portfolio, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review"].queryset = portfolio.reviews.filter(status=ReviewStatus.OPEN)
        self.fields["initiatives"].queryset = (
            Initiative.objects.visible_to(self.user)
            .filter(pk__in=portfolio.entries.values("initiative"))
            .order_by("title")
        )
        for name in ("title", "text"):
            self.fields[name].widget.attrs["lang"] = portfolio.language


class PortfolioForm(PortalModelForm):
    fieldsets = (
        (_("Overview"), ("title", "network", "visibility", "language")),
        (_("Purpose"), ("intention", "societal_goals", "context_analysis")),
    )

    class Meta:
        model = Portfolio
        fields = ("title", "network", "visibility", "language", "intention", "societal_goals", "context_analysis")
        help_texts = {"language": _("The language the texts of this portfolio are written in.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_to_admin_networks(self)
        _mark_content_language(self, ("title", "intention", "societal_goals", "context_analysis"))


class CategoryForm(PortalModelForm):
    class Meta:
        model = Category
        fields = ("name", "code", "position")
        help_texts = {"code": _("A short stable code; made from the name when left empty.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].required = False

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("code") and cleaned_data.get("name"):
            cleaned_data["code"] = slugify(cleaned_data["name"])[:50]
            self.instance.code = cleaned_data["code"]
        return cleaned_data


CategoryFormSet = forms.inlineformset_factory(
    Portfolio, Category, form=CategoryForm, fields=("name", "code", "position"), extra=1, can_delete=True
)


class EntryForm(PortalForm):
    """Place an initiative in the portfolio (or change its place): horizon, layer,
    rationale and one relation field per category."""

    initiative = forms.ModelChoiceField(label=_("Initiative"), queryset=Initiative.objects.none())
    horizon = forms.ChoiceField(label=_("Horizon"), choices=Horizon.choices)
    layer = forms.ChoiceField(label=_("Layer"), choices=[("", "—"), *Layer.choices], required=False)
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea, required=False)

    def __init__(self, *args, portfolio, entry=None, **kwargs):
        super().__init__(*args, **kwargs)
        if entry is None:
            self.fields["initiative"].queryset = (
                Initiative.objects.visible_to(self.user)
                .filter(network=portfolio.network)
                .exclude(pk__in=portfolio.entries.values("initiative"))
                .order_by("title")
            )
        else:
            del self.fields["initiative"]
        self.categories = list(portfolio.categories.order_by("position", "name", "pk"))
        names = []
        for category in self.categories:
            name = f"{RELATION_FIELD_PREFIX}{category.pk}"
            self.fields[name] = forms.ChoiceField(
                label=category.name, choices=Relation.choices, initial=Relation.NONE, required=False
            )
            names.append(name)
        self.fieldsets = (
            (None, ("initiative", "horizon", "layer", "rationale")),
            (_("Categories of change"), tuple(names)),
        )

    def category_relations(self):
        """The categories the initiative relates to; "none" is no row at all."""
        relations = {
            category.pk: self.cleaned_data.get(f"{RELATION_FIELD_PREFIX}{category.pk}") for category in self.categories
        }
        return {pk: relation for pk, relation in relations.items() if relation and relation != Relation.NONE}
