"""The pages of shared learning: the learning page with full-text search, learning
entries on an initiative, a mission's summary, a network's full recomputation with its
progress, following missions and initiatives, and unsubscribing from e-mail."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.db.models import Prefetch
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import DetailView, TemplateView

from core.permissions import can_change
from core.references import hide_invisible_references
from core.views import (
    Column,
    HistoryView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectListView,
    ParentScopedEditView,
    get_editable_or_403,
)
from initiatives.models import Initiative, Mission
from partners.models import Network
from partners.services import person_of

from . import follows, runs, search
from .choices import BarrierCategory, NotificationKind, ValueDomain
from .filtersets import LearningEntryFilterSet
from .forms import (
    EventForm,
    IndicatorForm,
    LearningEntryForm,
    MeasurementForm,
    ResourceFormSet,
    UnsubscribeForm,
    ValueDomainsForm,
)
from .models import Event, Indicator, LearningEntry, Measurement, RecomputationRun, ValueAssessment


class LearningListView(ObjectListView):
    """Everything learned that the user may see, searched and filtered. With a search,
    the best matches come first, each with its matching passage highlighted."""

    queryset = LearningEntry.objects.select_related("initiative")
    template_name = "evaluation/learning_list.html"
    filterset = LearningEntryFilterSet
    filter_fields = (
        "q",
        "kind",
        "category",
        "value_domain",
        "evidence_level",
        "theme_id",
        "mission_id",
        "organisation_id",
        "sector",
        "municipality_id",
        "language",
    )
    columns = (
        Column("title", link=True, content=True, ordering="title"),
        Column("search_snippet", label=gettext_lazy("Matching passage"), template="evaluation/cells/snippet.html"),
        Column("kind"),
        Column("initiative", template="evaluation/cells/initiative.html"),
        Column("evidence_level"),
        Column("created", label=gettext_lazy("Logged"), ordering="created"),
    )

    def get_columns(self):
        if self.request.GET.get("q", "").strip():
            return self.columns
        # Without a search there is no passage to show.
        return tuple(column for column in self.columns if column.accessor != "search_snippet")

    def get_extra_context(self):
        """With a search: the related words it also searched, and the composted lessons
        and event narratives it found beside the entries (evaluation.search)."""
        form = self.filter.form
        query = form.cleaned_data.get("q", "").strip() if form.is_valid() else ""
        if not query:
            return {}
        return {
            "search_related": search.expand_query(query).related(),
            "search_beside": search.search_beside(self.request.user, query),
            "results_before_template": "evaluation/search_related.html",
            "results_after_template": "evaluation/search_beside.html",
        }


class LearningDetailView(ObjectDetailView):
    queryset = LearningEntry.objects.select_related("initiative", "author")
    template_name = "evaluation/learning_detail.html"

    def get_extra_context(self):
        entry = self.object
        return {
            "category_labels": choice_labels(BarrierCategory, entry.categories),
            "value_domain_labels": choice_labels(ValueDomain, entry.value_domains),
        }


def choice_labels(choices, codes):
    names = dict(choices.choices)
    return [names.get(code, code) for code in codes]


class InitiativeChildEditView(ParentScopedEditView):
    """Add a record to an initiative (/initiatives/<slug>/.../add/) or edit one: whoever
    may change the initiative (core.views.ParentScopedEditView checks it every time)."""

    parent_queryset = Initiative.objects.all()
    parent_field = "initiative"
    parent_url_kwarg = "initiative_slug"


class LearningEntryEditView(InitiativeChildEditView):
    """Log (under /initiatives/<slug>/learning/add/) or edit a learning entry. Whoever may
    change the initiative may log what it learned."""

    queryset = LearningEntry.objects.all()
    form = LearningEntryForm
    template_name = "evaluation/learning_edit.html"
    parent_copies = parent_initial = ("language", "visibility")

    def alter_object(self, obj):
        obj.author = person_of(self.request.user)
        return super().alter_object(obj)


class LearningEntryDeleteView(ObjectDeleteView):
    queryset = LearningEntry.objects.all()

    def get_success_url(self):
        return self.object.initiative.get_absolute_url()


class EventDetailView(ObjectDetailView):
    queryset = Event.objects.select_related("initiative", "mission").prefetch_related("resources")
    template_name = "evaluation/event_detail.html"

    def get_queryset(self):
        return super().get_queryset().prefetch_related(*event_link_prefetches(self.request.user))


def event_link_prefetches(user):
    """The events an event grew out of and led to, as far as the user may see them."""
    visible = Event.objects.visible_to(user).order_by("date", "pk")
    return (Prefetch("grew_out_of", queryset=visible), Prefetch("led_to", queryset=visible))


class EventEditView(InitiativeChildEditView):
    """Add an event to an initiative's wall (/initiatives/<slug>/events/add/) or edit one,
    with the resources it mobilised."""

    queryset = Event.objects.all()
    form = EventForm
    formsets = {"resources": ResourceFormSet}
    formset_labels = {
        "resources": (
            gettext_lazy("Resources the event mobilised"),
            gettext_lazy("resource"),
            gettext_lazy("Economic, social or affective capital, as it was actually mobilised or could be."),
        )
    }
    template_name = "evaluation/event_edit.html"
    parent_copies = ("network_id", "language", "visibility")
    parent_initial = ("language", "visibility")

    def get_parent_url(self):
        return reverse("evaluation:initiative_events", kwargs={"slug": self.parent.slug})


class EventWallView(TemplateView):
    """The event wall of an initiative, a mission or a network: the events the user may
    see, newest first, with their pictures and resources."""

    template_name = "evaluation/event_wall.html"
    scope = "initiative"
    paginate_by = 20

    def get_context_data(self, **kwargs):
        user = self.request.user
        if self.scope == "network":
            owner = get_object_or_404(Network.objects.all(), slug=kwargs["slug"])
            events = Event.objects.filter(network=owner)
        else:
            model = Initiative if self.scope == "initiative" else Mission
            owner = get_object_or_404(model.objects.visible_to(user), slug=kwargs["slug"])
            events = Event.objects.filter(**{self.scope: owner})
        events = (
            events.visible_to(user)
            .select_related("initiative", "mission")
            .prefetch_related("resources", *event_link_prefetches(user))
            .order_by("-date", "-pk")
        )
        page = Paginator(events, self.paginate_by).get_page(self.request.GET.get("page"))
        add_url = None
        if self.scope == "initiative" and can_change(user, owner):
            add_url = reverse("evaluation:initiative_event_add", kwargs={"initiative_slug": owner.slug})
        return {
            **super().get_context_data(**kwargs),
            "owner": owner,
            "scope": self.scope,
            "page_obj": page,
            "is_paginated": page.has_other_pages(),
            # An event's initiative or mission the reader cannot see is not named.
            "events": hide_invisible_references(page.object_list, user),
            "add_url": add_url,
        }


# --- value assessments and indicators -------------------------------------------------------


class InitiativeValueView(TemplateView):
    """An initiative's value assessments by period and domain, and its indicators, each
    with a small line drawing and its data table. Those who may change the initiative
    get the links to add, edit and delete indicators and their measurements."""

    template_name = "evaluation/initiative_value.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        initiative = get_object_or_404(Initiative.objects.visible_to(user), slug=kwargs["slug"])
        can_add = can_change(user, initiative)
        indicators = Indicator.objects.filter(initiative=initiative).prefetch_related("measurements")
        return {
            **super().get_context_data(**kwargs),
            "initiative": initiative,
            "assessments": ValueAssessment.objects.filter(initiative=initiative).select_related("assessed_by"),
            "indicators": [(indicator, sparkline(list(indicator.measurements.all()))) for indicator in indicators],
            # Indicators and measurements are changed by whoever may change the
            # initiative (their querysets' editable_by), so one check serves them all.
            "can_change": can_add,
            "add_url": reverse("evaluation:valueassessment_add", kwargs={"initiative_slug": initiative.slug})
            if can_add
            else None,
            "add_indicator_url": reverse("evaluation:indicator_add", kwargs={"initiative_slug": initiative.slug})
            if can_add
            else None,
        }


def sparkline(measurements, width=240, height=60, pad=4):
    """The points of an SVG polyline through the measurements, oldest left; None for
    fewer than two (the table says it all)."""
    if len(measurements) < 2:
        return None
    values = [float(m.value) for m in measurements]
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    step = (width - 2 * pad) / (len(values) - 1)
    points = " ".join(
        f"{pad + index * step:.1f},{height - pad - (value - low) / span * (height - 2 * pad):.1f}"
        for index, value in enumerate(values)
    )
    return {"points": points, "width": width, "height": height}


class ValueDomainsView(LoginRequiredMixin, TemplateView):
    """Assess an initiative in the four value domains for a period, on one form: its
    coordinators and the network's administrators (who include its follow-up
    researchers' accounts). All domains given are saved together, or none."""

    template_name = "core/object_edit.html"

    @cached_property
    def initiative(self):
        return get_editable_or_403(Initiative.objects.all(), self.request.user, slug=self.kwargs["initiative_slug"])

    def get_form(self, data=None):
        return ValueDomainsForm(
            data,
            user=self.request.user,
            initiative=self.initiative,
            assessed_by=person_of(self.request.user),
        )

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            # "Value assessment: <the initiative, in its own language>"; Save sends the form.
            "title": capfirst(ValueAssessment._meta.verbose_name),
            "object": self.initiative,
            "is_create": False,
            "cancel_url": reverse("evaluation:initiative_value", kwargs={"slug": self.initiative.slug}),
            "initiative": self.initiative,
        }

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                saved = form.save()
            except (ValidationError, IntegrityError):
                # Someone assessed the same period between the form's checks and the save.
                form.add_error(None, _("Someone assessed this period just now. Check the form and send it again."))
                return self.render_to_response(self.get_context_data(form=form), status=409)
            messages.success(
                request,
                ngettext("Saved %(count)s value assessment.", "Saved %(count)s value assessments.", len(saved))
                % {"count": len(saved)},
            )
            return HttpResponseRedirect(reverse("evaluation:initiative_value", kwargs={"slug": self.initiative.slug}))
        return self.render_to_response(self.get_context_data(form=form))


def indicator_url(indicator):
    """Where an indicator is shown: its section of the initiative's value page."""
    url = reverse("evaluation:initiative_value", kwargs={"slug": indicator.initiative.slug})
    return f"{url}#indicator-{indicator.pk}"


class IndicatorEditView(InitiativeChildEditView):
    """Add an indicator to an initiative (/initiatives/<slug>/value/indicators/add/) or
    edit one. Indicator.objects.editable_by: the initiative's coordinators and the
    network's administrators."""

    queryset = Indicator.objects.select_related("initiative")
    form = IndicatorForm
    template_name = "evaluation/indicator_edit.html"

    def get_success_url(self, obj):
        return indicator_url(obj)

    def get_parent_url(self):
        return reverse("evaluation:initiative_value", kwargs={"slug": self.parent.slug})

    def get_cancel_url(self):
        return indicator_url(self.object) if self.object.pk else self.get_parent_url()


class IndicatorDeleteView(ObjectDeleteView):
    """Deletes an indicator with its measurements, after saying how many there are."""

    queryset = Indicator.objects.select_related("initiative")
    template_name = "evaluation/indicator_delete.html"

    def get_success_url(self):
        return reverse("evaluation:initiative_value", kwargs={"slug": self.object.initiative.slug})

    def get_extra_context(self):
        return {
            "initiative": self.object.initiative,
            "measurement_count": self.object.measurements.count(),
            "cancel_url": indicator_url(self.object),
        }


class MeasurementEditView(ParentScopedEditView):
    """Add a dated value to an indicator (/indicators/<pk>/measurements/add/) or correct
    one. "Save and add another" comes back to an empty form, for entering a series."""

    queryset = Measurement.objects.select_related("indicator__initiative")
    form = MeasurementForm
    template_name = "evaluation/measurement_edit.html"
    add_another = "_addanother"
    parent_queryset = Indicator.objects.select_related("initiative")
    parent_field = "indicator"
    parent_url_kwarg = "indicator_pk"
    parent_lookup = "pk"

    def get_success_url(self, obj):
        if self.add_another in self.request.POST:
            return reverse("evaluation:measurement_add", kwargs={"indicator_pk": obj.indicator_id})
        return indicator_url(obj.indicator)

    def get_cancel_url(self):
        return indicator_url(self.parent)

    def get_extra_context(self):
        indicator = self.parent
        return {
            "indicator": indicator,
            "initiative": indicator.initiative,
            # The latest values, so a repeat of a date is seen before it is sent.
            "recent_measurements": list(indicator.measurements.order_by("-date")[:5]),
            "add_another": self.add_another,
        }


class MeasurementDeleteView(ObjectDeleteView):
    queryset = Measurement.objects.select_related("indicator__initiative")
    template_name = "evaluation/measurement_delete.html"

    def get_success_url(self):
        return indicator_url(self.object.indicator)

    def get_extra_context(self):
        return {
            "indicator": self.object.indicator,
            "initiative": self.object.indicator.initiative,
            "cancel_url": indicator_url(self.object.indicator),
        }


# --- summaries ------------------------------------------------------------------------


class MissionSummaryView(DetailView):
    """The whole learning summary of a mission, with its partner network as a picture
    and as a table."""

    template_name = "evaluation/mission_summary.html"
    context_object_name = "object"

    def get_queryset(self):
        return Mission.objects.visible_to(self.request.user).select_related("network")


class NetworkRecomputeView(TemplateView):
    """A network administrator starts recomputing all the network's summaries (POST) and
    sees the latest run."""

    template_name = "evaluation/network_recompute.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.network = get_object_or_404(Network.objects.all(), slug=kwargs["slug"])
        if not runs.can_start_full_recomputation(request.user, self.network):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "network": self.network,
                "latest_run": RecomputationRun.objects.filter(network=self.network).order_by("-pk").first(),
                "form": UnsubscribeForm(),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        run = runs.start_full_recomputation(self.network, request.user)
        messages.success(request, _("The recomputation has started."))
        return HttpResponseRedirect(reverse("evaluation:recomputation_detail", kwargs={"pk": run.pk}))


class RecomputationMixin:
    """A run is shown to the administrators of its network; to others it does not exist."""

    def get_run(self):
        if not self.request.user.is_authenticated:
            return None
        run = get_object_or_404(RecomputationRun.objects.select_related("network"), pk=self.kwargs["pk"])
        if not runs.can_start_full_recomputation(self.request.user, run.network):
            raise Http404
        return run


class RecomputationDetailView(RecomputationMixin, TemplateView):
    """The progress of a run. The page polls the status endpoint with JavaScript; without
    it, reloading the page shows the progress."""

    template_name = "evaluation/recomputation_detail.html"

    def get(self, request, *args, **kwargs):
        run = self.get_run()
        if run is None:
            return redirect_to_login(request.get_full_path())
        return self.render_to_response(self.get_context_data(run=run, network=run.network))


class RecomputationRetryView(RecomputationMixin, View):
    """POST only: a network administrator retries a stalled run (runs.retry_run): the
    scopes it has not counted yet are queued again."""

    def get(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])

    def post(self, request, *args, **kwargs):
        run = self.get_run()
        if run is None:
            return redirect_to_login(request.get_full_path())
        queued = runs.retry_run(run.pk, request.user)
        if queued:
            messages.success(request, _("The remaining scopes are queued again."))
        else:
            messages.info(request, _("The recomputation is not stalled: nothing was queued again."))
        return HttpResponseRedirect(reverse("evaluation:recomputation_detail", kwargs={"pk": run.pk}))


class RecomputationStatusView(RecomputationMixin, View):
    """The progress of a run as JSON, for the progress bar."""

    def get(self, request, *args, **kwargs):
        run = self.get_run()
        if run is None:
            return JsonResponse({"detail": _("Log in to see this.")}, status=401)
        return JsonResponse(
            {
                "status": run.status,
                "status_label": run.get_status_display(),
                "done": run.done,
                "total": run.total,
                "percent": run.progress_percent,
                "active": run.is_active,
                "stalled": run.is_stalled,
            }
        )


# --- following ------------------------------------------------------------------------

FOLLOW_TARGETS = {"mission": Mission, "initiative": Initiative}


class FollowView(View):
    """POST only: follow (or, with `unfollow = True`, stop following) a mission or an
    initiative the user may see, then go back to it."""

    unfollow = False

    def get(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])

    def post(self, request, kind, slug):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        model = FOLLOW_TARGETS.get(kind)
        if model is None:
            raise Http404
        target = get_object_or_404(model.objects.visible_to(request.user), slug=slug)
        if self.unfollow:
            follows.unfollow(request.user, target)
            messages.success(request, _("You no longer follow “%(target)s”.") % {"target": target})
        else:
            follows.follow(request.user, target)
            messages.success(
                request,
                _("You follow “%(target)s”: its new learning comes in your weekly digest.") % {"target": target},
            )
        return HttpResponseRedirect(target.get_absolute_url())


class UnsubscribeView(TemplateView):
    """The link in every e-mail: GET asks, POST switches that kind of e-mail off. Needs no
    login; the signed token says whose e-mail it is."""

    template_name = "evaluation/unsubscribe.html"

    def check_token(self):
        try:
            # Only reads the token: opening the link changes nothing.
            data = signing.loads(self.kwargs["token"], salt=follows.UNSUBSCRIBE_SALT)
            return NotificationKind(data["k"])
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            return None

    def get(self, request, *args, **kwargs):
        kind = self.check_token()
        if kind is None:
            return self.render_to_response({"invalid": True}, status=400)
        return self.render_to_response({"kind": kind, "form": UnsubscribeForm()})

    def post(self, request, *args, **kwargs):
        try:
            _user, kind = follows.unsubscribe(self.kwargs["token"])
        except follows.InvalidUnsubscribeToken:
            return self.render_to_response({"invalid": True}, status=400)
        return self.render_to_response({"kind": kind, "done": True})


class LearningHistoryView(HistoryView):
    queryset = LearningEntry.objects.select_related("initiative")
