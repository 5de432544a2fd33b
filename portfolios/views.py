"""The portfolio pages: the horizon map, the portfolio exercise (open, assess, close),
the shift across closed reviews, the notes board and the exports.

What the pages show comes from portfolios.maps (computed once, for the user); what they
change goes through portfolios.services, which decides who may and what is valid."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View

from core.forms import ConfirmForm
from core.permissions import can_change
from core.spreadsheets import table_response
from core.views import (
    HistoryView,
    ObjectActionView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    VisibleQuerysetMixin,
)
from initiatives.models import Initiative

from . import maps, services
from .forms import AssessForm, CategoryFormSet, EntryForm, NoteForm, PortfolioForm, ReviewOpenForm
from .models import Note, Portfolio, PortfolioEntry, PortfolioReview

EXPORT_FORMATS = ("csv", "xlsx")
# Spreadsheet programs run a cell starting with these as a formula.


class PortfolioListView(ObjectListView):
    queryset = Portfolio.objects.all()
    create_admin_only = True  # the "add" link only for those who may create one


class PortfolioDetailView(ObjectDetailView):
    """The portfolio map: horizon x category table, balance figures, warnings and a chart
    drawn from the same data."""

    queryset = Portfolio.objects.select_related("network")
    template_name = "portfolios/portfolio_detail.html"

    def get_extra_context(self):
        portfolio = self.object
        user = self.request.user
        return {
            "map": maps.portfolio_map(portfolio, user),
            "reviews": list(portfolio.reviews.order_by("-opened_on", "-pk")),
            "can_manage_reviews": services.can_manage_reviews(user, portfolio),
            "can_write_notes": user.is_authenticated and services.can_write_notes(user, portfolio),
        }


class PortfolioShiftView(ObjectDetailView):
    queryset = Portfolio.objects.all()
    template_name = "portfolios/portfolio_shift.html"

    def get_extra_context(self):
        return {"shift": maps.portfolio_shift(self.object, self.request.user)}


class ReviewQuerysetMixin:
    """A review under its portfolio's URL."""

    queryset = PortfolioReview.objects.select_related("portfolio", "portfolio__network")

    def get_queryset(self):
        return super().get_queryset().filter(portfolio__slug=self.kwargs["slug"])


class ReviewDetailView(ReviewQuerysetMixin, ObjectDetailView):
    """The review's sheet: every initiative with its assessment; while the review is open,
    links to assess those the user may; once closed, the frozen record of what moved."""

    template_name = "portfolios/review_detail.html"

    def get_extra_context(self):
        review = self.object
        user = self.request.user
        context = {
            "sheet": maps.review_sheet(review, user),
            "notes": maps.notes_board(Note.objects.filter(review=review), user),
            "can_manage_reviews": services.can_manage_reviews(user, review.portfolio),
            "can_write_notes": services.can_write_notes(user, review.portfolio),
        }
        if review.is_closed:
            shift = maps.portfolio_shift(review.portfolio, user)
            context["moves"] = [move for move in shift["moves"] if move["review_id"] == review.pk]
        return context


class PortfolioActionView(ObjectActionView):
    """A form acting on a portfolio the user can see, allowed by a services.can_* rule
    rather than by editing rights on the portfolio."""

    queryset = Portfolio.objects.select_related("network")

    def allowed(self, obj):
        raise NotImplementedError

    def get_editable_object(self):
        obj = get_object_or_404(self.get_queryset(), **self.lookup())
        if not self.allowed(obj):
            raise PermissionDenied
        return obj


class ReviewOpenView(PortfolioActionView):
    form = ReviewOpenForm
    title = gettext_lazy("Open a review")
    submit_label = gettext_lazy("Open the review")
    success_message = gettext_lazy("The review is open. Participants can now assess the initiatives.")

    def allowed(self, portfolio):
        return services.can_manage_reviews(self.request.user, portfolio)

    def perform(self, portfolio, form):
        data = form.cleaned_data
        self.review = services.open_review(portfolio, data["title"], self.request.user, data["due_on"])

    def get_success_url(self):
        return self.review.get_absolute_url()


class ReviewActionView(ReviewQuerysetMixin, ObjectActionView):
    """A form acting on an open review; a closed one is a record and refuses (403)."""

    def lookup(self):
        return {"pk": self.kwargs["pk"]}

    def allowed(self, review):
        raise NotImplementedError

    def get_editable_object(self):
        review = get_object_or_404(self.get_queryset(), **self.lookup())
        if review.is_closed or not self.allowed(review):
            raise PermissionDenied
        return review


class ReviewCloseView(ReviewActionView):
    form = ConfirmForm
    template_name = "portfolios/review_close.html"
    title = gettext_lazy("Close the review")
    submit_label = gettext_lazy("Close the review and apply the decisions")
    success_message = gettext_lazy("The review is closed and its decisions have taken effect.")

    def allowed(self, review):
        return services.can_manage_reviews(self.request.user, review.portfolio)

    def get_extra_context(self):
        return {"sheet": maps.review_sheet(self.object, self.request.user)}

    def perform(self, review, form):
        services.close_review(review, self.request.user)


class ReviewAssessView(ReviewActionView):
    form = AssessForm
    template_name = "portfolios/review_assess.html"
    title = gettext_lazy("Assess")
    submit_label = gettext_lazy("Save the assessment")
    success_message = gettext_lazy("The assessment was saved.")

    def allowed(self, review):
        self.entry = get_object_or_404(
            review.portfolio.entries.select_related("initiative").prefetch_related("relations"),
            initiative_id=self.kwargs["initiative"],
            initiative__in=Initiative.objects.visible_to(self.request.user).values("pk"),
        )
        self.initiative = self.entry.initiative
        return services.can_assess(self.request.user, review, self.initiative)

    def current_decision(self):
        return self.object.decisions.filter(initiative=self.initiative).prefetch_related("scale_municipalities").first()

    def get_initial(self):
        decision = self.current_decision()
        relations = {str(row.category_id): row.relation for row in self.entry.relations.all()}
        if decision is not None:
            relations.update({str(key): value for key, value in (decision.category_relations or {}).items()})
            initial = {
                "expected_version": decision.version,
                "horizon": decision.horizon,
                "progress": decision.progress,
                "decision": decision.decision,
                "rationale": decision.rationale,
                "lessons": decision.lessons,
                "twin_municipality": decision.twin_municipality_id,
                "scale_municipalities": [m.pk for m in decision.scale_municipalities.all()],
            }
        else:
            initial = {"expected_version": 0, "horizon": self.entry.horizon}
        for key, relation in relations.items():
            initial[f"relation_{key}"] = relation
        return initial

    def get_form(self, data=None):
        categories = self.object.portfolio.categories.order_by("position", "name", "pk")
        return self.form(data, initial=self.get_initial(), user=self.request.user, categories=categories)

    def get_extra_context(self):
        return {"initiative": self.initiative, "entry": self.entry, "decision": self.current_decision()}

    def perform(self, review, form):
        data = form.cleaned_data
        services.assess(
            review,
            self.initiative,
            user=self.request.user,
            horizon=data["horizon"],
            decision=data["decision"],
            rationale=data["rationale"],
            progress=data["progress"],
            lessons=data["lessons"],
            category_relations=form.category_relations(),
            twin_municipality=data["twin_municipality"],
            scale_municipalities=list(data["scale_municipalities"]),
            expected_version=data["expected_version"],
        )

    def get_success_url(self):
        return self.object.get_absolute_url()


class NoteBoardView(ObjectDetailView):
    queryset = Portfolio.objects.all()
    template_name = "portfolios/note_board.html"

    def get_extra_context(self):
        user = self.request.user
        portfolio = self.object
        return {
            "notes": maps.notes_board(portfolio.notes.all(), user),
            "can_write_notes": user.is_authenticated and services.can_write_notes(user, portfolio),
        }


class NoteAddView(PortfolioActionView):
    form = NoteForm
    title = gettext_lazy("Put up a note")
    submit_label = gettext_lazy("Put up the note")
    success_message = gettext_lazy("The note is on the board.")

    def allowed(self, portfolio):
        return services.can_write_notes(self.request.user, portfolio)

    def get_initial(self):
        return {"review": self.request.GET.get("review") or None}

    def get_form(self, data=None):
        return self.form(data, initial=self.get_initial(), user=self.request.user, portfolio=self.object)

    def perform(self, portfolio, form):
        data = form.cleaned_data
        services.add_note(
            portfolio,
            user=self.request.user,
            kind=data["kind"],
            title=data["title"],
            text=data["text"],
            review=data["review"],
            initiatives=list(data["initiatives"]),
        )

    def get_success_url(self):
        return reverse("portfolios:note_board", kwargs={"slug": self.object.slug})


class NoteToInitiativeView(ObjectActionView):
    queryset = Note.objects.select_related("portfolio", "became")
    form = ConfirmForm
    template_name = "portfolios/note_to_initiative.html"
    title = gettext_lazy("Turn the note into an initiative")
    submit_label = gettext_lazy("Create a draft initiative")
    success_message = gettext_lazy("A draft initiative was created from the note.")

    def lookup(self):
        return {"pk": self.kwargs["pk"], "portfolio__slug": self.kwargs["slug"]}

    def get_editable_object(self):
        note = get_object_or_404(self.get_queryset(), **self.lookup())
        if not services.can_turn_note_into_initiative(self.request.user, note):
            raise PermissionDenied
        return note

    def perform(self, note, form):
        self.initiative = services.note_to_initiative(note, self.request.user)

    def get_success_url(self):
        return reverse("initiatives:initiative_edit", kwargs={"slug": self.initiative.slug})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = reverse("portfolios:note_board", kwargs={"slug": self.object.portfolio.slug})
        return context


# -- exports ---------------------------------------------------------------------------


class ExportView(VisibleQuerysetMixin, View):
    def get_object(self):
        if self.kwargs["export_format"] not in EXPORT_FORMATS:
            raise Http404
        return get_object_or_404(self.get_queryset(), **self.lookup())


class PortfolioExportView(ExportView):
    """The map as one row per initiative and category cell: horizon, category, initiative,
    relation, phase, layer."""

    queryset = Portfolio.objects.all()

    def lookup(self):
        return {"slug": self.kwargs["slug"]}

    def get(self, request, *args, **kwargs):
        portfolio = self.get_object()
        data = maps.portfolio_map(portfolio, request.user)
        names = {column["key"]: column["name"] for column in data["columns"]}
        header = [_("Horizon"), _("Category"), _("Initiative"), _("Relation"), _("Phase"), _("Layer"), _("Link")]
        rows = []
        for row in data["rows"]:
            for cell in row["cells"]:
                for item in cell["initiatives"]:
                    rows.append(
                        [
                            row["short_label"],
                            names[cell["key"]],
                            item["title"],
                            item["relation"] or "",
                            item["phase_label"],
                            item["layer_label"],
                            request.build_absolute_uri(item["url"]),
                        ]
                    )
        for item in data["composted"]["initiatives"]:
            rows.append(
                [
                    data["composted"]["label"],
                    "",
                    item["title"],
                    "",
                    item["phase_label"],
                    item["layer_label"],
                    request.build_absolute_uri(item["url"]),
                ]
            )
        return table_response(kwargs["export_format"], _("Portfolio map"), header, rows, portfolio.slug)


class ReviewExportView(ReviewQuerysetMixin, ExportView):
    def lookup(self):
        return {"pk": self.kwargs["pk"]}

    def get(self, request, *args, **kwargs):
        review = self.get_object()
        sheet = maps.review_sheet(review, request.user)
        header = [
            _("Initiative"), _("Horizon"), _("Horizon now"), _("Decision"), _("Progress"), _("Rationale"),
            _("Lessons"), _("Twin municipality"), _("Scale to municipalities"),
        ]  # fmt: skip
        rows = []
        for row in sheet["rows"]:
            decision = row["decision"] or {}
            rows.append(
                [
                    row["initiative"]["title"],
                    row["horizon"].upper(),
                    (decision.get("horizon") or "").upper(),
                    decision.get("decision_label", ""),
                    decision.get("progress", ""),
                    decision.get("rationale", ""),
                    decision.get("lessons", ""),
                    (decision.get("twin_municipality") or {}).get("name", ""),
                    ", ".join(m["name"] for m in decision.get("scale_municipalities", [])),
                ]
            )
        filename = f"{review.portfolio.slug}-review-{review.pk}"
        return table_response(kwargs["export_format"], _("Review"), header, rows, filename)


# -- the portfolio and its entries -------------------------------------------------------


class PortfolioEditView(ObjectEditView):
    """Create (network administrators, with the default categories of change) and edit a
    portfolio with its categories."""

    queryset = Portfolio.objects.all()
    form = PortfolioForm
    formsets = {"categories": CategoryFormSet}
    formset_labels = {
        "categories": (
            gettext_lazy("Categories of change"),
            gettext_lazy("Category"),
            gettext_lazy("A new portfolio starts with the default categories; rename, add or remove them here."),
        )
    }
    create_admin_only = True

    def after_save(self, obj, created):
        if created:
            services.ensure_default_categories(obj)


class EntryAddView(PortfolioActionView):
    form = EntryForm
    title = gettext_lazy("Place an initiative")
    submit_label = gettext_lazy("Place the initiative")
    success_message = gettext_lazy("The initiative is on the map.")

    def allowed(self, portfolio):
        return can_change(self.request.user, portfolio)

    def get_form(self, data=None):
        return self.form(data, initial=self.get_initial(), user=self.request.user, portfolio=self.object)

    def perform(self, portfolio, form):
        data = form.cleaned_data
        services.add_entry(
            portfolio,
            data["initiative"],
            user=self.request.user,
            horizon=data["horizon"],
            layer=data["layer"],
            rationale=data["rationale"],
            category_relations=form.category_relations(),
        )


class EntryEditView(ObjectActionView):
    queryset = PortfolioEntry.objects.select_related("portfolio", "initiative")
    form = EntryForm
    title = gettext_lazy("Change the initiative's place")
    submit_label = gettext_lazy("Save")
    success_message = gettext_lazy("The initiative's place was changed.")

    def lookup(self):
        return {"pk": self.kwargs["pk"], "portfolio__slug": self.kwargs["slug"]}

    def get_initial(self):
        entry = self.object
        initial = {"horizon": entry.horizon, "layer": entry.layer, "rationale": entry.rationale}
        initial.update({f"relation_{row.category_id}": row.relation for row in entry.relations.all()})
        return initial

    def get_form(self, data=None):
        return self.form(
            data, initial=self.get_initial(), user=self.request.user, portfolio=self.object.portfolio, entry=self.object
        )

    def perform(self, entry, form):
        data = form.cleaned_data
        services.update_entry(
            entry,
            user=self.request.user,
            horizon=data["horizon"],
            layer=data["layer"],
            rationale=data["rationale"],
            category_relations=form.category_relations(),
        )


class PortfolioHistoryView(HistoryView):
    queryset = Portfolio.objects.all()
