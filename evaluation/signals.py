"""Changes that make learning summaries stale queue their recomputation.

Each handler only notes primary keys on the current transaction (no query, so saving a
record costs nothing more); when the transaction commits, the notes are expanded to the
scopes they touch (the initiative, its missions and their themes, the portfolios holding
it, the network) and each scope is queued once (evaluation.queueing). A deletion notes
its scopes before the rows go, since afterwards they cannot be found.

Not covered, and caught up by the nightly recomputation: bulk_create, QuerySet.update()
and raw SQL (they send no signals), a renamed organisation, a mission moved to another
theme (the old theme), an initiative moved to another network (the old network).
Settings.HORISONT_SUMMARY_TRIGGERS = False switches the handlers off (tests of the
computation itself use that)."""

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from initiatives.models import Funding, Initiative, Mission, MissionOrganisation, Participation, PhaseChange, Theme
from portfolios.models import Portfolio, PortfolioEntry, PortfolioReview, ReviewDecision

from . import queueing
from .choices import SummaryScope
from .models import LearningEntry, ValueAssessment

# Records that live inside an initiative: a change touches the initiative's scopes.
INITIATIVE_CHILDREN = (Participation, Funding, PhaseChange, LearningEntry, ValueAssessment, ReviewDecision)


def triggers_enabled():
    return getattr(settings, "HORISONT_SUMMARY_TRIGGERS", True)


def _skip(kwargs):
    return kwargs.get("raw") or not triggers_enabled()


def initiative_changed(sender, instance, **kwargs):
    if not _skip(kwargs):
        queueing.schedule_recompute_for(initiatives=[instance.pk])


def initiative_deleting(sender, instance, **kwargs):
    if not _skip(kwargs):
        queueing.schedule_recompute_for(scopes=queueing.scopes_for_initiative(instance))


def initiative_child_changed(sender, instance, **kwargs):
    if not _skip(kwargs):
        queueing.schedule_recompute_for(initiatives=[instance.initiative_id])


def portfolio_entry_changed(sender, instance, **kwargs):
    if not _skip(kwargs):
        queueing.schedule_recompute_for(initiatives=[instance.initiative_id], portfolios=[instance.portfolio_id])


def review_changed(sender, instance, **kwargs):
    # Closing a review makes its scale decisions count (the funding cliff).
    if not _skip(kwargs):
        queueing.schedule_recompute_for(reviews=[instance.pk], portfolios=[instance.portfolio_id])


def portfolio_changed(sender, instance, **kwargs):
    if not _skip(kwargs):
        queueing.schedule_recompute_for(portfolios=[instance.pk])


def portfolio_deleting(sender, instance, **kwargs):
    if _skip(kwargs):
        return
    initiatives = PortfolioEntry.objects.filter(portfolio=instance.pk).values_list("initiative_id", flat=True)
    queueing.schedule_recompute_for(
        initiatives=list(initiatives),
        scopes=[(SummaryScope.PORTFOLIO, instance.pk), (SummaryScope.NETWORK, instance.network_id)],
    )


def mission_changed(sender, instance, **kwargs):
    if not _skip(kwargs):
        queueing.schedule_recompute_for(missions=[instance.pk])


def mission_deleting(sender, instance, **kwargs):
    if _skip(kwargs):
        return
    scopes = [(SummaryScope.MISSION, instance.pk), (SummaryScope.NETWORK, instance.network_id)]
    if instance.theme_id:
        scopes.append((SummaryScope.THEME, instance.theme_id))
    queueing.schedule_recompute_for(scopes=scopes)


def mission_organisation_changed(sender, instance, **kwargs):
    if not _skip(kwargs):
        queueing.schedule_recompute_for(missions=[instance.mission_id])


def theme_changed(sender, instance, **kwargs):
    if not _skip(kwargs):
        queueing.schedule_recompute_for(
            scopes=[(SummaryScope.THEME, instance.pk), (SummaryScope.NETWORK, instance.network_id)]
        )


def initiative_missions_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Initiative.missions: added, removed or cleared, from either side."""
    if not triggers_enabled():
        return
    if action == "pre_clear":
        # The missions are about to go: note them while they can be found.
        if reverse:
            queueing.schedule_recompute_for(
                missions=[instance.pk], initiatives=list(instance.initiatives.values_list("pk", flat=True))
            )
        else:
            queueing.schedule_recompute_for(
                initiatives=[instance.pk], missions=list(instance.missions.values_list("pk", flat=True))
            )
    elif action in ("post_add", "post_remove"):
        if reverse:
            queueing.schedule_recompute_for(missions=[instance.pk], initiatives=pk_set or ())
        else:
            queueing.schedule_recompute_for(initiatives=[instance.pk], missions=pk_set or ())


def initiative_municipalities_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not triggers_enabled() or action not in ("post_add", "post_remove", "pre_clear"):
        return
    if reverse:
        if action == "pre_clear":
            pk_set = set(instance.initiatives_located.values_list("pk", flat=True))
        queueing.schedule_recompute_for(initiatives=pk_set or ())
    else:
        queueing.schedule_recompute_for(initiatives=[instance.pk])


def connect():
    """Connect the handlers (EvaluationConfig.ready); idempotent through dispatch_uid."""
    uid = "evaluation.signals."
    for signal, when in ((post_save, "save"), (post_delete, "delete")):
        signal.connect(initiative_changed, sender=Initiative, dispatch_uid=f"{uid}initiative.{when}")
        for model in INITIATIVE_CHILDREN:
            signal.connect(initiative_child_changed, sender=model, dispatch_uid=f"{uid}{model._meta.label}.{when}")
        signal.connect(portfolio_entry_changed, sender=PortfolioEntry, dispatch_uid=f"{uid}entry.{when}")
        signal.connect(review_changed, sender=PortfolioReview, dispatch_uid=f"{uid}review.{when}")
        signal.connect(mission_organisation_changed, sender=MissionOrganisation, dispatch_uid=f"{uid}missionorg.{when}")
        signal.connect(theme_changed, sender=Theme, dispatch_uid=f"{uid}theme.{when}")
    post_save.connect(mission_changed, sender=Mission, dispatch_uid=f"{uid}mission.save")
    post_save.connect(portfolio_changed, sender=Portfolio, dispatch_uid=f"{uid}portfolio.save")
    pre_delete.connect(initiative_deleting, sender=Initiative, dispatch_uid=f"{uid}initiative.delete")
    pre_delete.connect(mission_deleting, sender=Mission, dispatch_uid=f"{uid}mission.delete")
    pre_delete.connect(portfolio_deleting, sender=Portfolio, dispatch_uid=f"{uid}portfolio.delete")
    m2m_changed.connect(
        initiative_missions_changed, sender=Initiative.missions.through, dispatch_uid=f"{uid}initiative.missions"
    )
    m2m_changed.connect(
        initiative_municipalities_changed,
        sender=Initiative.municipalities.through,
        dispatch_uid=f"{uid}initiative.municipalities",
    )
