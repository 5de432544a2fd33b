"""The one choke point that decides what a user may see.

Every page, form choice list, export and API view reaches records through
`Model.objects.visible_to(user)`; what falls outside is answered with 404."""

from django.db import models
from django.db.models import Q

from .audience import get_audience
from .choices import Visibility
from .references import required_reference_q


class VisibilityQuerySet(models.QuerySet):
    """For models with `visibility` and an owning network.

    The model names the path to its network in `visibility_network_lookup` (default
    "network"). Public records are for everyone, network records for the network's
    members, drafts for the network's coordinators and administrators. A model with a
    narrower draft rule overrides `draft_q`."""

    def visible_to(self, user):
        audience = get_audience(user)
        if audience.sees_everything:
            return self.all()
        # A record that cannot be shown without another (its required references,
        # core.references) is visible only when that one is too.
        return self.filter(self.visibility_q(audience)).filter(required_reference_q(self.model, user))

    def visibility_q(self, audience):
        network = getattr(self.model, "visibility_network_lookup", "network")
        q = Q(visibility=Visibility.PUBLIC)
        if audience.network_ids:
            q |= Q(visibility=Visibility.NETWORK, **{f"{network}__in": audience.network_ids})
            q |= Q(visibility=Visibility.DRAFT) & self.draft_q(audience)
        return q

    def draft_q(self, audience):
        network = getattr(self.model, "visibility_network_lookup", "network")
        return Q(**{f"{network}__in": audience.coordinator_network_ids})

    def editable_by(self, user):
        """What the user may change: by default, the network administrators' records.
        A model whose coordinators edit too overrides `editable_q`."""
        audience = get_audience(user)
        if audience.sees_everything:
            return self.all()
        if not audience.network_ids:
            return self.none()
        return self.filter(self.editable_q(audience))

    def editable_q(self, audience):
        network = getattr(self.model, "visibility_network_lookup", "network")
        return Q(**{f"{network}__in": audience.admin_network_ids})

    def may_change_in_network(self, user, network_id):
        """May the user change this model's records in the network? Moving a record from
        one network to another needs it in both (core.permissions.may_move_to_network).
        By default the network administrators'; a model whose coordinators change its
        records too overrides it, beside its `editable_q`."""
        audience = get_audience(user)
        return audience.sees_everything or network_id in audience.admin_network_ids


class ChildVisibilityQuerySet(models.QuerySet):
    """For records without an audience of their own (a funding row, a measurement): they
    are visible exactly when the record named in the model's `visibility_parent` is, and
    every record they cannot be shown without (core.references: a portfolio entry's
    initiative, a review decision's initiative)."""

    def visible_to(self, user):
        if get_audience(user).sees_everything:
            return self.all()
        parent_field = self.model._meta.get_field(self.model.visibility_parent)
        parents = parent_field.related_model.objects.visible_to(user)
        # A portfolio entry is visible with its portfolio *and* its initiative: its
        # required references (core.references) must be visible too.
        return self.filter(**{f"{parent_field.name}__in": parents.values("pk")}).filter(
            required_reference_q(self.model, user)
        )

    def editable_by(self, user):
        """Whoever may change the parent record may change its rows."""
        if get_audience(user).sees_everything:
            return self.all()
        parent_field = self.model._meta.get_field(self.model.visibility_parent)
        parents = parent_field.related_model.objects.editable_by(user)
        return self.filter(**{f"{parent_field.name}__in": parents.values("pk")})


class PublicQuerySet(models.QuerySet):
    """For directory records that are public by nature (networks, organisations). Their
    changes are the site administrators' (the Django admin) unless a model says more."""

    def visible_to(self, user):
        return self.all()

    def editable_by(self, user):
        return self.all() if get_audience(user).sees_everything else self.none()


class SubqueryCount(models.Subquery):
    """The number of distinct rows of a queryset that refers to its outer query with
    OuterRef, as an annotation: one statement however many rows the outer query has, and
    the inner queryset keeps its own filters (a reader's visible_to, for example)."""

    template = "(SELECT COUNT(DISTINCT _counted.counted_pk) FROM (%(subquery)s) _counted)"
    output_field = models.IntegerField()

    def __init__(self, queryset, **extra):
        super().__init__(queryset.order_by().annotate(counted_pk=models.F("pk")).values("counted_pk"), **extra)
