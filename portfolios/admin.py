from django.contrib import admin
from django.core.exceptions import PermissionDenied

from .models import Category, EntryCategory, Note, Portfolio, PortfolioEntry, PortfolioReview, ReviewDecision


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
    """A closed review is a snapshot: the admin cannot change it either."""

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


class ReviewDecisionInline(ClosedReviewReadOnly, admin.TabularInline):
    model = ReviewDecision
    extra = 0
    autocomplete_fields = ["initiative", "twin_municipality"]

    def has_add_permission(self, request, obj=None):
        if obj is not None and obj.is_closed:
            return False
        return super().has_add_permission(request, obj)


@admin.register(PortfolioReview)
class PortfolioReviewAdmin(ClosedReviewReadOnly, admin.ModelAdmin):
    list_display = ["title", "portfolio", "status", "opened_on", "closed_at"]
    list_filter = ["status", "portfolio"]
    inlines = [ReviewDecisionInline]


@admin.register(ReviewDecision)
class ReviewDecisionAdmin(ClosedReviewReadOnly, admin.ModelAdmin):
    list_display = ["initiative", "review", "decision", "horizon"]
    list_filter = ["decision"]

    def save_model(self, request, obj, form, change):
        if obj.review.is_closed:
            raise PermissionDenied
        super().save_model(request, obj, form, change)


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "portfolio", "author", "became"]
    list_filter = ["kind", "portfolio"]
    search_fields = ["title", "text"]
    autocomplete_fields = ["initiatives", "became", "author"]
