from collections import defaultdict
from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.audience import get_audience
from core.views import (
    Column,
    HistoryView,
    ObjectActionView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    can_create_any,
    object_url,
)
from partners.models import Person

from . import services
from .choices import InitiativeKind, Phase, TargetGroup
from .filtersets import InitiativeFilterSet
from .forms import CompostForm, FundingFormSet, InitiativeForm, ParticipationFormSet, PhaseChangeForm
from .models import Initiative, Mission, Theme

PHASE_CHAIN = [phase for phase in Phase if phase != Phase.COMPOSTED]


def person_of(user):
    """The Person a logged-in user acts as, or None."""
    if not user.is_authenticated:
        return None
    return Person.objects.filter(user=user).select_related("organisation").first()


class ThemeListView(ObjectListView):
    queryset = Theme.objects.all()


class ThemeDetailView(ObjectDetailView):
    queryset = Theme.objects.all()


class MissionListView(ObjectListView):
    queryset = Mission.objects.all()


class MissionDetailView(ObjectDetailView):
    queryset = Mission.objects.all()


class InitiativeListView(ObjectListView):
    queryset = Initiative.objects.select_related("network").prefetch_related("organisations")
    filterset = InitiativeFilterSet
    filter_fields = (
        "q",
        "phase",
        "kind",
        "mission_id",
        "theme_id",
        "network_id",
        "organisation_id",
        "sector",
        "municipality_id",
        "sdg",
        "target_group",
        "visibility",
        "language",
    )
    columns = (
        Column("title", link=True, content=True, ordering="title"),
        Column("phase", ordering="phase"),
        Column("kind"),
        Column("organisations", label=_("Partners")),
        Column("network"),
        Column("start_date", ordering="start_date"),
        Column("visibility"),
        Column("updated", label=_("Changed"), ordering="updated"),
    )


class InitiativeDetailView(ObjectDetailView):
    queryset = Initiative.objects.select_related("network")
    template_name = "initiatives/initiative_detail.html"

    def get_extra_context(self):
        initiative = self.object
        user = self.request.user
        visible = Initiative.objects.visible_to(user)
        linked_ids = [pk for pk in (initiative.parent_id, initiative.twin_of_id) if pk]
        linked = {obj.pk: obj for obj in visible.filter(pk__in=linked_ids)} if linked_ids else {}
        fundings = list(initiative.fundings.select_related("funder"))
        totals = defaultdict(Decimal)
        for funding in fundings:
            totals[funding.currency] += funding.amount
        target_group_labels = dict(TargetGroup.choices)
        actions = {}
        if self.can_change:
            actions["phase"] = object_url(initiative, "phase")
            if initiative.phase != Phase.COMPOSTED:
                actions["compost"] = object_url(initiative, "compost")
        if can_create_any(user):
            relative = {"parent_slug": initiative.slug}
            if initiative.kind != InitiativeKind.PILOT:
                actions["add_pilot"] = reverse("initiatives:initiative_add_pilot", kwargs=relative)
            actions["add_twin"] = reverse("initiatives:initiative_add_twin", kwargs=relative)
        return {
            "parent": linked.get(initiative.parent_id),
            "twin_of": linked.get(initiative.twin_of_id),
            "participations": initiative.participations.select_related("organisation"),
            "fundings": fundings,
            "funding_totals": sorted(totals.items()),
            "phase_changes": initiative.phase_changes.select_related("changed_by"),
            "phase_chain": self.phase_chain(initiative),
            "children": visible.filter(parent=initiative).select_related("network"),
            "twins": visible.filter(twin_of=initiative).select_related("network"),
            "missions": initiative.missions.visible_to(user),
            "portfolios": initiative.portfolios.visible_to(user),
            "municipalities": initiative.municipalities.all(),
            "target_groups": [target_group_labels.get(code, code) for code in initiative.target_groups],
            "initiative_actions": {name: url for name, url in actions.items() if url},
            "toc": [
                (_("Problem"), initiative.toc_problem),
                (_("Activities"), initiative.toc_activities),
                (_("Outputs"), initiative.toc_outputs),
                (_("Outcomes"), initiative.toc_outcomes),
                (_("Impact"), initiative.toc_impact),
            ],
        }

    @staticmethod
    def phase_chain(initiative):
        """[(phase, label, state)] along the chain; state is "current", "passed" or ""."""
        current = initiative.phase
        index = PHASE_CHAIN.index(current) if current in PHASE_CHAIN else None
        return [
            (
                phase.value,
                phase.label,
                "current" if phase == current else ("passed" if index is not None and position < index else ""),
            )
            for position, phase in enumerate(PHASE_CHAIN)
        ]


class InitiativeEditView(ObjectEditView):
    """Create and edit an initiative with its partners and funding rows."""

    queryset = Initiative.objects.all()
    form = InitiativeForm
    formsets = {"participations": ParticipationFormSet, "fundings": FundingFormSet}
    formset_labels = {
        "participations": (
            _("Partners and their roles"),
            _("partner"),
            _("If your organisation is not listed, it is added as the lead when you create the initiative."),
        ),
        "fundings": (_("Funding"), _("funding row"), ""),
    }
    template_name = "initiatives/initiative_edit.html"

    def after_save(self, obj, created):
        if created:
            services.add_creator_organisation(obj, self.creator_organisation(obj))

    def creator_organisation(self, initiative):
        """The organisation a coordinator creates for. Network administrators (and site
        administrators) change the network's initiatives anyway, so theirs is not added."""
        audience = get_audience(self.request.user)
        if audience.sees_everything or initiative.network_id in audience.admin_network_ids:
            return None
        person = person_of(self.request.user)
        if person is None or person.organisation_id not in audience.coordinator_organisation_ids:
            return None
        return person.organisation


class InitiativeRelativeCreateView(InitiativeEditView):
    """Create an initiative prefilled from another one the user can see (its pilot, its
    twin). The other one is named by `parent_slug` in the URL; invisible is a 404."""

    @cached_property
    def relative(self):
        return get_object_or_404(Initiative.objects.visible_to(self.request.user), slug=self.kwargs["parent_slug"])

    def get_extra_context(self):
        return {"relative": self.relative}

    def get_cancel_url(self):
        return self.relative.get_absolute_url()


class InitiativePilotCreateView(InitiativeRelativeCreateView):
    def alter_object(self, obj):
        parent = self.relative
        if parent.kind == InitiativeKind.PILOT:
            # A pilot cannot have pilots; there is nothing to prefill.
            return obj
        obj.parent = parent
        obj.kind = InitiativeKind.PILOT
        obj.network_id = parent.network_id
        obj.language = parent.language
        obj.visibility = parent.visibility
        return obj

    def get_initial(self):
        return {"language": self.relative.language}


class InitiativeTwinCreateView(InitiativeRelativeCreateView):
    copied_fields = (
        "title", "summary", "intention", "societal_goals", "target_groups", "sdg_targets", "citizen_involvement",
        "toc_problem", "toc_activities", "toc_outputs", "toc_outcomes", "toc_impact", "toc_assumptions",
    )  # fmt: skip

    def alter_object(self, obj):
        original = self.relative
        obj.twin_of = original
        for name in self.copied_fields:
            setattr(obj, name, getattr(original, name))
        obj.language = original.language
        obj.kind = InitiativeKind.INITIATIVE if original.kind == InitiativeKind.PILOT else original.kind
        return obj

    def get_initial(self):
        return {"language": self.relative.language}


class InitiativeDeleteView(ObjectDeleteView):
    queryset = Initiative.objects.all()


class InitiativeHistoryView(HistoryView):
    queryset = Initiative.objects.all()
    value_labels = {"target_groups": TargetGroup}


class InitiativePhaseChangeView(ObjectActionView):
    queryset = Initiative.objects.all()
    form = PhaseChangeForm
    template_name = "initiatives/initiative_phase.html"
    title = _("Change phase")
    submit_label = _("Change phase")
    success_message = _("The phase was changed.")

    def get_initial(self):
        current = self.object.phase
        if current in PHASE_CHAIN and current != PHASE_CHAIN[-1]:
            return {"to_phase": PHASE_CHAIN[PHASE_CHAIN.index(current) + 1]}
        return {}

    def perform(self, obj, form):
        data = form.cleaned_data
        services.change_phase(obj, data["to_phase"], data["rationale"], person_of(self.request.user), data["date"])


class InitiativeCompostView(ObjectActionView):
    queryset = Initiative.objects.all()
    form = CompostForm
    template_name = "initiatives/initiative_compost.html"
    title = _("Compost")
    submit_label = _("Compost the initiative")
    success_message = _("The initiative was composted. Thank you for saying what others can reuse.")

    def perform(self, obj, form):
        data = form.cleaned_data
        services.compost(
            obj, data["composted_reason"], data["composted_lessons"], person_of(self.request.user), data["date"]
        )

