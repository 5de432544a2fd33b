from rest_framework import serializers

from core.api.serializers import ModelSerializer
from initiatives.models import Initiative

from .. import maps
from ..choices import Relation
from ..models import Category, EntryCategory, Note, Portfolio, PortfolioEntry, PortfolioReview, ReviewDecision

RECORD_FIELDS = ["id", "url", "created", "updated"]


class PortfolioSerializer(ModelSerializer):
    class Meta:
        model = Portfolio
        fields = [
            *RECORD_FIELDS,
            "network",
            "title",
            "slug",
            "intention",
            "societal_goals",
            "context_analysis",
            "visibility",
            "language",
        ]
        read_only_fields = ["slug"]


class CategorySerializer(ModelSerializer):
    class Meta:
        model = Category
        fields = [*RECORD_FIELDS, "portfolio", "code", "name", "position"]
        # PostgreSQL's bound for a small integer, whatever database generates the schema.
        extra_kwargs = {"position": {"max_value": 32767}}


class EntryCategorySerializer(serializers.ModelSerializer):
    relation = serializers.ChoiceField(choices=Relation.choices, read_only=True)

    class Meta:
        model = EntryCategory
        fields = ["category", "relation"]
        read_only_fields = fields


class PortfolioEntrySerializer(ModelSerializer):
    relations = EntryCategorySerializer(
        many=True, read_only=True, help_text="How strongly the entry relates to each category of change."
    )

    class Meta:
        model = PortfolioEntry
        fields = [*RECORD_FIELDS, "portfolio", "initiative", "horizon", "layer", "rationale", "relations"]


class PortfolioReviewListSerializer(serializers.ListSerializer):
    def to_representation(self, data):
        reviews = list(data.all() if hasattr(data, "all") else data)
        self.child.find_visible_initiatives(reviews)
        return [self.child.to_representation(review) for review in reviews]


class PortfolioReviewSerializer(ModelSerializer):
    """A portfolio exercise. Closing it (status, closed_at, snapshot) happens on its page."""

    # The snapshot names initiatives by id and title: a reader sees only those they can see
    # (a draft twin, another coordinator's draft are left out), as on the review's page.
    # One query for a whole list (PortfolioReviewListSerializer asks for all its reviews).
    asked_initiatives = frozenset()
    visible_initiatives = frozenset()

    def find_visible_initiatives(self, reviews):
        ids = set().union(*(maps.snapshot_initiative_ids(review.snapshot) for review in reviews))
        user = getattr(self.context.get("request"), "user", None)
        visible = Initiative.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True) if ids else []
        self.asked_initiatives = self.asked_initiatives | ids
        self.visible_initiatives = self.visible_initiatives | set(visible)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not maps.snapshot_initiative_ids(instance.snapshot) <= self.asked_initiatives:
            self.find_visible_initiatives([instance])
        data["snapshot"] = maps.snapshot_for(data["snapshot"], self.visible_initiatives)
        return data

    class Meta:
        model = PortfolioReview
        list_serializer_class = PortfolioReviewListSerializer
        fields = [
            *RECORD_FIELDS,
            "portfolio",
            "title",
            "status",
            "opened_on",
            "due_on",
            "closed_at",
            "opened_by",
            "snapshot",
        ]
        read_only_fields = ["status", "closed_at", "snapshot"]


class ReviewDecisionSerializer(ModelSerializer):
    """An initiative's assessment in an open review. `category_relations` maps category
    ids to none/some/strong; a closed review's decisions no longer change."""

    category_relations = serializers.DictField(
        child=serializers.ChoiceField(choices=Relation.choices),
        required=False,
        help_text="{category id: none, some or strong}; replaces the entry's relations when the review closes.",
    )

    class Meta:
        model = ReviewDecision
        fields = [
            *RECORD_FIELDS,
            "review",
            "initiative",
            "horizon",
            "progress",
            "decision",
            "rationale",
            "twin_municipality",
            "scale_municipalities",
            "lessons",
            "category_relations",
            "decided_by",
            "version",
            "twin",
        ]
        read_only_fields = ["version", "twin"]


class NoteSerializer(ModelSerializer):
    class Meta:
        model = Note
        fields = [*RECORD_FIELDS, "portfolio", "review", "kind", "title", "text", "author", "initiatives", "became"]
