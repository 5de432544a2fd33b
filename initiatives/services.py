"""Domain operations on initiatives that pages, imports and the API share."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from core.audience import get_audience
from partners.services import person_of

from .choices import ParticipationRole, Phase
from .models import Initiative, Mission, MissionOrganisation, Participation, PhaseChange


def _lock(initiative):
    """The initiative's row, locked until the transaction ends, so two phase changes at
    once cannot both start from the same phase."""
    return Initiative.objects.select_for_update().get(pk=initiative.pk)


def _move(initiative, to_phase, rationale, person, date, **fields):
    current = _lock(initiative)
    if current.phase == to_phase:
        raise ValidationError({"to_phase": _("The initiative is already in this phase.")})
    change = PhaseChange(
        initiative=current,
        from_phase=current.phase,
        to_phase=to_phase,
        rationale=rationale,
        changed_by=person,
        date=date or timezone.localdate(),
    )
    change.full_clean()
    change.save()
    for name, value in {"phase": to_phase, **fields}.items():
        setattr(current, name, value)
        setattr(initiative, name, value)
    current.clean()
    # The history entry carries the rationale as its reason; the column holds 100 characters
    # (the whole rationale stays on the PhaseChange).
    current._change_reason = Truncator(rationale).chars(100)
    current.save(update_fields=["phase", *fields, "updated"])
    return change


def change_phase(initiative, to_phase, rationale, person=None, date=None):
    """Move the initiative to another phase, recording why (a PhaseChange) in the same
    transaction. Composting has its own function: it needs a reason and lessons."""
    if to_phase == Phase.COMPOSTED:
        raise ValidationError(
            {"to_phase": _("Compost the initiative with its own form: it asks what others can reuse.")}
        )
    if not (rationale or "").strip():
        raise ValidationError({"rationale": _("Say why the phase changes.")})
    with transaction.atomic():
        return _move(initiative, to_phase, rationale.strip(), person, date)


def compost(initiative, reason, lessons, person=None, date=None):
    """End the initiative on purpose: why, and what others can reuse, are both required.
    Writes the PhaseChange (with the reason as its rationale) in the same transaction."""
    errors = {}
    if not (reason or "").strip():
        errors["composted_reason"] = _("Say why the initiative is composted.")
    if not (lessons or "").strip():
        errors["composted_lessons"] = _("Say what others can reuse.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return _move(
            initiative,
            Phase.COMPOSTED,
            reason.strip(),
            person,
            date,
            composted_reason=reason.strip(),
            composted_lessons=lessons.strip(),
        )


def creator_organisation(initiative, user):
    """The organisation a coordinator creates (or imports) an initiative for: it must take
    part, so they keep seeing and changing their draft. None for network administrators
    of the initiative's network and site administrators, who change it anyway."""
    audience = get_audience(user)
    if audience.sees_everything or initiative.network_id in audience.admin_network_ids:
        return None
    person = person_of(user)
    if person is None or not audience.coordinates_for(initiative.network_id, person.organisation_id):
        return None
    return person.organisation


def add_creator_organisation(initiative, organisation):
    """Make sure the organisation a coordinator acts for takes part in the initiative
    they just created: coordinators edit (and see the drafts of) initiatives their
    organisation takes part in, so without it they would lose their own draft.

    It becomes the lead unless the initiative has one already, then a partner. Returns
    the new Participation, or None when the organisation already takes part."""
    if organisation is None or initiative.participations.filter(organisation=organisation).exists():
        return None
    has_lead = initiative.participations.filter(role=ParticipationRole.LEAD).exists()
    return Participation.objects.create(
        initiative=initiative,
        organisation=organisation,
        role=ParticipationRole.PARTNER if has_lead else ParticipationRole.LEAD,
    )


def join_mission(mission, organisation, user, today=None):
    """The organisation joins the mission, on the word of a coordinator of that
    organisation who can see the mission. Returns the new MissionOrganisation."""
    audience = get_audience(user)
    if not audience.sees_everything and organisation.pk not in audience.coordinator_organisation_ids:
        raise PermissionDenied(_("Only a coordinator of the organisation can join a mission for it."))
    if not Mission.objects.visible_to(user).filter(pk=mission.pk).exists():
        raise PermissionDenied
    if MissionOrganisation.objects.filter(mission=mission, organisation=organisation).exists():
        raise ValidationError({"organisation": _("This organisation has already joined the mission.")})
    membership = MissionOrganisation(
        mission=mission, organisation=organisation, joined_on=today or timezone.localdate()
    )
    membership.full_clean()
    membership.save()
    return membership
