from collections import defaultdict
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

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
from partners.services import person_of

from . import imports, services
from .choices import InitiativeKind, Phase, TargetGroup
from .filtersets import InitiativeFilterSet, MissionFilterSet, ThemeFilterSet
from .forms import (
    CompostForm,
    FundingFormSet,
    InitiativeForm,
    InitiativeImportForm,
    JoinMissionForm,
    MissionForm,
    ParticipationFormSet,
    PhaseChangeForm,
    ThemeForm,
)
from .models import Funding, Initiative, Mission, MissionOrganisation, Participation, Theme

PHASE_CHAIN = [phase for phase in Phase if phase != Phase.COMPOSTED]


def visible_initiatives(user):
    """Initiatives the user may see, ready for a list of links (network and partners)."""
    return Initiative.objects.visible_to(user).select_related("network").order_by("title", "pk")


class ThemeListView(ObjectListView):
    queryset = Theme.objects.select_related("network")
    filterset = ThemeFilterSet
    filter_fields = ("q", "network_id", "visibility", "language")
    create_admin_only = True
    columns = (
        Column("name", link=True, content=True, ordering="name"),
        Column("network"),
        Column("visibility"),
        Column("updated", label=_("Changed"), ordering="updated"),
    )


class ThemeDetailView(ObjectDetailView):
    queryset = Theme.objects.select_related("network")
    template_name = "initiatives/theme_detail.html"

    def get_extra_context(self):
        user = self.request.user
        missions = Mission.objects.visible_to(user).filter(theme=self.object).select_related("network")
        return {
            "missions": missions,
            "initiatives": visible_initiatives(user).filter(missions__theme=self.object).distinct(),
        }


class ThemeEditView(ObjectEditView):
    queryset = Theme.objects.all()
    form = ThemeForm
    create_admin_only = True


class ThemeDeleteView(ObjectDeleteView):
    queryset = Theme.objects.all()


class MissionListView(ObjectListView):
    queryset = Mission.objects.select_related("network", "theme")
    filterset = MissionFilterSet
    filter_fields = ("q", "theme_id", "network_id", "organisation_id", "visibility", "language")
    create_admin_only = True
    columns = (
        Column("title", link=True, content=True, ordering="title"),
        Column("theme"),
        Column("network"),
        Column("start_date", ordering="start_date"),
        Column("end_date", ordering="end_date"),
        Column("visibility"),
    )


class MissionDetailView(ObjectDetailView):
    queryset = Mission.objects.select_related("network", "theme")
    template_name = "initiatives/mission_detail.html"

    def get_extra_context(self):
        mission = self.object
        user = self.request.user
        joined = list(
            MissionOrganisation.objects.filter(mission=mission)
            .select_related("organisation")
            .order_by("organisation__name", "pk")
        )
        audience = get_audience(user)
        joined_ids = {row.organisation_id for row in joined}
        can_join = bool(set(audience.coordinator_organisation_ids) - joined_ids)
        return {
            # Blank when the reader cannot see it (core.references, in get_object).
            "theme": mission.theme,
            "joined": joined,
            "initiatives": visible_initiatives(user).filter(missions=mission),
            "join_url": reverse("initiatives:mission_join", kwargs={"slug": mission.slug}) if can_join else None,
        }


class MissionEditView(ObjectEditView):
    queryset = Mission.objects.all()
    form = MissionForm
    create_admin_only = True


class MissionDeleteView(ObjectDeleteView):
    queryset = Mission.objects.all()


class MissionHistoryView(HistoryView):
    queryset = Mission.objects.all()


class MissionJoinView(ObjectActionView):
    """A coordinator joins their organisation to a mission they can see. The mission is
    the network administrators' to change; joining it only needs the coordinator role."""

    queryset = Mission.objects.all()
    form = JoinMissionForm
    title = _("Join the mission")
    submit_label = _("Join the mission")
    success_message = _("Your organisation joined the mission.")

    def get_editable_object(self):
        mission = get_object_or_404(self.get_queryset(), **self.lookup())
        if not get_audience(self.request.user).coordinator_organisation_ids:
            raise PermissionDenied
        return mission

    def get_form(self, data=None):
        return self.form(data, initial=self.get_initial(), user=self.request.user, mission=self.object)

    def perform(self, obj, form):
        services.join_mission(obj, form.cleaned_data["organisation"], self.request.user)


class InitiativeListView(ObjectListView):
    queryset = Initiative.objects.select_related("network").prefetch_related("organisations")
    template_name = "initiatives/initiative_list.html"
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
    # The partner, funding and municipality rows are read once, for the page and for its
    # schema.org JSON-LD alike.
    queryset = Initiative.objects.select_related("network", "parent").prefetch_related(
        Prefetch("participations", queryset=Participation.objects.select_related("organisation")),
        Prefetch("fundings", queryset=Funding.objects.select_related("funder")),
        "municipalities",
    )
    template_name = "initiatives/initiative_detail.html"

    def get_extra_context(self):
        initiative = self.object
        user = self.request.user
        visible = Initiative.objects.visible_to(user)
        fundings = list(initiative.fundings.all())
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
            # None when the reader cannot see them (core.references, in get_object).
            "parent": initiative.parent,
            "twin_of": initiative.twin_of,
            "participations": initiative.participations.all(),
            "fundings": fundings,
            "funding_totals": sorted(totals.items()),
            "phase_changes": initiative.phase_changes.select_related("changed_by"),
            "phase_chain": self.phase_chain(initiative),
            "children": visible.filter(parent=initiative).select_related("network"),
            "twins": visible.filter(twin_of=initiative).select_related("network"),
            "missions": initiative.missions.all(),
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
            services.add_creator_organisation(obj, services.creator_organisation(obj, self.request.user))


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


class InitiativeImportView(LoginRequiredMixin, TemplateView):
    """Upload a file, see every row checked (errors by row and column), then confirm.
    The checked rows wait in the session between the preview and the confirmation; the
    confirmation checks them again and writes all of them or none."""

    template_name = "initiatives/initiative_import.html"
    session_key = "initiative_import"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_create_any(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", InitiativeImportForm(user=self.request.user))
        context["columns"] = imports.IMPORT_COLUMNS
        context["title"] = _("Import initiatives")
        return context

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            return self.confirm(request)
        form = InitiativeImportForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            rows = imports.read_table(form.cleaned_data["file"])
        except imports.ImportFileError as error:
            form.add_error("file", str(error))
            return self.render_to_response(self.get_context_data(form=form))
        checked = imports.check_rows(rows, request.user)
        valid = bool(checked) and not any(row.errors for row in checked)
        if valid:
            request.session[self.session_key] = rows
        else:
            request.session.pop(self.session_key, None)
        return self.render_to_response(
            self.get_context_data(
                form=form, checked=checked, valid=valid, error_count=sum(len(r.errors) for r in checked)
            )
        )

    def confirm(self, request):
        rows = request.session.pop(self.session_key, None)
        if not rows:
            messages.error(request, _("Upload the file again: the preview has expired."))
            return HttpResponseRedirect(reverse("initiatives:initiative_import"))
        try:
            created = imports.import_initiatives(rows, request.user)
        except ValidationError as error:
            return self.render_to_response(self.get_context_data(import_errors=error.messages))
        messages.success(
            request,
            ngettext("Imported %(count)d initiative.", "Imported %(count)d initiatives.", len(created))
            % {"count": len(created)},
        )
        return HttpResponseRedirect(reverse("initiatives:initiative_list"))
