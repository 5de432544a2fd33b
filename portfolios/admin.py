from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from . import services
from .choices import ReviewStatus
from .models import (
    Category,
    ConflictError,
    EntryCategory,
    Note,
    Portfolio,
    PortfolioEntry,
    PortfolioReview,
    ReviewDecision,
)


class CategoryInline(admin.TabularInline):
    model = Category
    extra = 0


class PortfolioEntryInline(admin.TabularInline):
    model = PortfolioEntry
    extra = 0
    autocomplete_fields = ["initiative"]


@admin.register(Portfolio)
class PortfolioAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "visibility"]
    list_filter = ["network", "visibility"]
    search_fields = ["title"]
    inlines = [CategoryInline, PortfolioEntryInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change:
            # After the inlines, so categories typed in on the add page win over defaults.
            services.ensure_default_categories(form.instance)


class EntryCategoryInline(admin.TabularInline):
    model = EntryCategory
    extra = 0


@admin.register(PortfolioEntry)
class PortfolioEntryAdmin(admin.ModelAdmin):
    list_display = ["initiative", "portfolio", "horizon", "layer"]
    list_filter = ["portfolio", "horizon", "layer"]
    list_select_related = ["initiative", "portfolio"]
    inlines = [EntryCategoryInline]


class ClosedReviewReadOnly:
    """A closed review is a snapshot: the admin cannot change it either. (The models refuse
    it too; this keeps the admin from offering what would be refused.)"""

    def _review(self, obj):
        return obj if isinstance(obj, PortfolioReview) else getattr(obj, "review", None)

    def has_change_permission(self, request, obj=None):
        review = self._review(obj) if obj else None
        if review is not None and review.is_closed:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        review = self._review(obj) if obj else None
        if review is not None and review.is_closed:
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        # "Delete selected" asks has_delete_permission without an object.
        if queryset.filter(**{self.model.closed_review_status_lookup: ReviewStatus.CLOSED}).exists():
            raise PermissionDenied
        super().delete_queryset(request, queryset)


class ReviewDecisionForm(forms.ModelForm):
    """Carries the version the editor read, so a change someone else made in between is
    reported on the form instead of being overwritten."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ReviewDecision
        fields = "__all__"  # noqa: DJ007 -- the admin edits every field of a decision

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            expected = cleaned.get("expected_version")
            stored = ReviewDecision.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if expected is not None and stored is not None and expected != stored:
                raise ConflictError()
            if expected is not None:
                self.instance.version = expected
        return cleaned


class ReviewDecisionInline(ClosedReviewReadOnly, admin.TabularInline):
    model = ReviewDecision
    form = ReviewDecisionForm
    extra = 0
    autocomplete_fields = ["initiative", "twin_municipality"]
    readonly_fields = ["version", "twin"]

    def has_add_permission(self, request, obj=None):
        if obj is not None and obj.is_closed:
            return False
        return super().has_add_permission(request, obj)


@admin.register(PortfolioReview)
class PortfolioReviewAdmin(ClosedReviewReadOnly, admin.ModelAdmin):
    list_display = ["title", "portfolio", "status", "opened_on", "closed_at"]
    list_filter = ["status", "portfolio"]
    inlines = [ReviewDecisionInline]
    # Closing applies the decisions: it is the action below, never an edited field.
    readonly_fields = ["status", "closed_at", "snapshot"]
    actions = ["close_reviews"]

    @admin.action(description=_("Close the selected reviews and apply their decisions"))
    def close_reviews(self, request, queryset):
        for review in queryset.select_related("portfolio"):
            if review.is_closed:
                continue
            try:
                services.close_review(review, request.user)
            except (ValidationError, PermissionDenied) as error:
                reason = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                self.message_user(request, f"{review}: {reason or _('Permission denied.')}", messages.ERROR)
            else:
                self.message_user(request, _("%(review)s is closed.") % {"review": review}, messages.SUCCESS)


@admin.register(ReviewDecision)
class ReviewDecisionAdmin(ClosedReviewReadOnly, admin.ModelAdmin):
    form = ReviewDecisionForm
    list_display = ["initiative", "review", "decision", "horizon", "version"]
    list_filter = ["decision"]
    readonly_fields = ["version", "twin"]

    def save_model(self, request, obj, form, change):
        if obj.review.is_closed:
            raise PermissionDenied
        super().save_model(request, obj, form, change)


@admin.register(Note)
class NoteAdmin(ClosedReviewReadOnly, admin.ModelAdmin):
    list_display = ["title", "kind", "portfolio", "author", "became"]
    list_filter = ["kind", "portfolio"]
    search_fields = ["title", "text"]
    autocomplete_fields = ["initiatives", "became", "author"]
