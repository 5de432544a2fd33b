"""Domain operations on portfolios that pages, the API and the admin share: a portfolio
with its categories, initiatives placed in it, the portfolio exercise (open a review,
assess, close it and let the decisions take effect) and notes that become initiatives.

Each operation checks who may do it, validates everything before it writes, and runs in
one transaction: it happens whole or not at all. Refusals are ValidationErrors naming the
field (ConflictError and ReviewClosed are ValidationErrors too) or PermissionDenied."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from core.audience import get_audience
from core.choices import Visibility
from core.permissions import can_change, can_create_in_network
from initiatives import services as initiative_services
from initiatives.choices import InitiativeKind, Phase
from initiatives.models import Initiative
from partners.choices import Sector
from partners.models import Organisation
from partners.services import person_of

from .choices import Decision, Horizon, Relation, ReviewStatus, default_category_names
from .models import (
    Category,
    ConflictError,
    EntryCategory,
    Note,
    Portfolio,
    PortfolioEntry,
    PortfolioReview,
    ReviewClosed,
    ReviewDecision,
)

__all__ = [
    "ConflictError",
    "ReviewClosed",
    "add_entry",
    "add_note",
    "assess",
    "can_assess",
    "can_manage_reviews",
    "can_turn_note_into_initiative",
    "can_write_notes",
    "close_review",
    "create_portfolio",
    "ensure_default_categories",
    "note_to_initiative",
    "open_review",
    "person_of",
    "update_entry",
]

# The phases before scaling: a scale decision moves an initiative in one of them to scaling.
PHASES_BEFORE_SCALING = (Phase.STARTUP, Phase.IDEA_DEVELOPMENT, Phase.PROTOTYPING, Phase.MATURATION)

# What a twin takes over from its original: the idea and its theory of change, not its
# partners, money, dates or phase (the twin starts from the beginning in its new place).
TWIN_COPIED_FIELDS = (
    "summary", "intention", "societal_goals", "target_groups", "sdg_targets", "citizen_involvement",
    "toc_problem", "toc_activities", "toc_outputs", "toc_outcomes", "toc_impact", "toc_assumptions",
)  # fmt: skip


# -- who may do what ---------------------------------------------------------------------


def can_manage_reviews(user, portfolio) -> bool:
    """Open and close reviews: the administrators of the portfolio's network."""
    audience = get_audience(user)
    return audience.sees_everything or portfolio.network_id in audience.admin_network_ids


def can_assess(user, review, initiative) -> bool:
    """Assess an initiative in a review: network administrators any of them, coordinators
    the initiatives they coordinate (those they may edit). Members read. The rule is
    ReviewDecision.objects.editable_by's, which the API asks too."""
    return ReviewDecision.objects.assessable_initiatives(user, review).filter(pk=initiative.pk).exists()


def can_write_notes(user, portfolio) -> bool:
    """Put up notes: the network's coordinators and administrators, who take part in the
    exercise. Members read the board. The rule is Note.objects.writable_portfolios's
    (and editable_by's, for changing a note), which the API asks too."""
    return Note.objects.writable_portfolios(user).filter(pk=portfolio.pk).exists()


def can_turn_note_into_initiative(user, note) -> bool:
    """Whoever may start an initiative in the portfolio's network (coordinators and
    administrators) and can see the note."""
    return Note.objects.visible_to(user).filter(pk=note.pk).exists() and can_create_in_network(
        user, note.portfolio.network_id
    )


# -- portfolios and their entries --------------------------------------------------------


def ensure_default_categories(portfolio):
    """Give the portfolio the default categories of change it lacks (matched by code), named
    in its content language. Existing categories are left as they are, so it is safe to run
    again and after a loader that names them itself. Returns the categories it created."""
    names = default_category_names(portfolio.language)
    existing = set(portfolio.categories.values_list("code", flat=True))
    created = []
    for position, code in enumerate(names):
        if code in existing:
            continue
        category = Category(portfolio=portfolio, code=code, name=names[code], position=position)
        category.full_clean()
        category.save()
        created.append(category)
    return created


def create_portfolio(*, network, title, user=None, **fields):
    """Create a portfolio with the default categories of change. With a user, only the
    network's administrators may (portfolios are theirs, like themes and missions)."""
    if user is not None and not can_create_in_network(user, network.pk, admin_only=True):
        raise PermissionDenied(_("Only the network's administrators create portfolios."))
    with transaction.atomic():
        portfolio = Portfolio(network=network, title=title, **fields)
        portfolio.full_clean()
        portfolio.save()
        ensure_default_categories(portfolio)
    return portfolio


def _relations_by_category_id(portfolio, relations):
    """{category id as text: relation} from a mapping keyed by Category or id, checked
    against the portfolio's categories. Raises a ValidationError on category_relations."""
    if not relations:
        return {}
    if not hasattr(relations, "items"):
        raise ValidationError({"category_relations": _("Give the relations as {category: relation}.")})
    known = {str(pk) for pk in portfolio.categories.values_list("pk", flat=True)}
    result = {}
    for key, relation in relations.items():
        key = str(key.pk if isinstance(key, Category) else key)
        if key not in known:
            raise ValidationError({"category_relations": _("A category is not one of the portfolio's categories.")})
        if relation not in Relation.values:
            raise ValidationError({"category_relations": _("A relation is none, some or strong.")})
        result[key] = relation
    return result


def _replace_entry_relations(entry, relations_by_id):
    """Make the entry's category relations exactly relations_by_id."""
    entry.relations.exclude(category_id__in=[int(pk) for pk in relations_by_id]).delete()
    current = {str(row.category_id): row for row in entry.relations.all()}
    for category_id, relation in relations_by_id.items():
        row = current.get(category_id)
        if row is None:
            EntryCategory.objects.create(entry=entry, category_id=int(category_id), relation=relation)
        elif row.relation != relation:
            row.relation = relation
            row.save(update_fields=["relation"])


def _check_can_change_portfolio(user, portfolio):
    if not can_change(user, portfolio):
        raise PermissionDenied(_("Only the network's administrators change the portfolio."))


def add_entry(portfolio, initiative, *, user, horizon, layer="", rationale="", category_relations=None):
    """Place an initiative in the portfolio, once: on a horizon and a layer, related to
    categories ({category or id: relation})."""
    _check_can_change_portfolio(user, portfolio)
    if not Initiative.objects.visible_to(user).filter(pk=initiative.pk).exists():
        raise ValidationError({"initiative": _("Choose an initiative you can see.")})
    with transaction.atomic():
        Portfolio.objects.select_for_update().get(pk=portfolio.pk)
        if portfolio.entries.filter(initiative=initiative).exists():
            raise ValidationError({"initiative": _("This initiative is already in the portfolio.")})
        relations = _relations_by_category_id(portfolio, category_relations)
        entry = PortfolioEntry(
            portfolio=portfolio, initiative=initiative, horizon=horizon, layer=layer, rationale=rationale
        )
        entry.full_clean()
        entry.save()
        _replace_entry_relations(entry, relations)
    return entry


def update_entry(entry, *, user, category_relations=None, **fields):
    """Change an entry's horizon, layer or rationale (fields), and with category_relations
    replace its relations."""
    _check_can_change_portfolio(user, entry.portfolio)
    unknown = set(fields) - {"horizon", "layer", "rationale"}
    if unknown:
        raise ValueError(f"update_entry cannot change {sorted(unknown)}")
    with transaction.atomic():
        for name, value in fields.items():
            setattr(entry, name, value)
        entry.full_clean()
        entry.save()
        if category_relations is not None:
            _replace_entry_relations(entry, _relations_by_category_id(entry.portfolio, category_relations))
    return entry


# -- the portfolio exercise --------------------------------------------------------------


def open_review(portfolio, title, user, due_on=None, *, opened_on=None):
    """Open a portfolio exercise. Only the network's administrators may; a portfolio has
    one open review at a time, because closing two at once would apply decisions twice."""
    if not can_manage_reviews(user, portfolio):
        raise PermissionDenied(_("Only the network's administrators open reviews."))
    with transaction.atomic():
        Portfolio.objects.select_for_update().get(pk=portfolio.pk)
        if portfolio.reviews.filter(status=ReviewStatus.OPEN).exists():
            raise ValidationError(_("The portfolio already has an open review: close it before opening another."))
        review = PortfolioReview(
            portfolio=portfolio,
            title=(title or "").strip(),
            opened_on=opened_on or timezone.localdate(),
            due_on=due_on,
            opened_by=person_of(user),
        )
        review.full_clean()
        review.save()
    return review


def _version(value):
    """The version a form or request sent (a number, its text, None or "" for none)."""
    if value in (None, ""):
        return 0
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError({"expected_version": _("The version is a whole number.")}) from None


def _organisation(value):
    if value is None or isinstance(value, Organisation):
        return value
    return Organisation.objects.filter(pk=value).first()


def _scale_target_errors(initiative, targets):
    """Why these municipalities cannot be a scale decision's targets, or []."""
    if not targets:
        return [_("Choose at least one municipality to scale to.")]
    errors = []
    if any(target is None or target.sector != Sector.MUNICIPALITY for target in targets):
        errors.append(_("Choose municipalities only."))
    present = set(initiative.municipalities.values_list("pk", flat=True))
    already = [target.name for target in targets if target is not None and target.pk in present]
    if already:
        errors.append(_("The initiative is already in %(names)s.") % {"names": ", ".join(already)})
    return errors


def assess(
    review,
    initiative,
    *,
    user,
    horizon,
    decision,
    rationale,
    progress="",
    lessons="",
    category_relations=None,
    twin_municipality=None,
    scale_municipalities=(),
    expected_version=None,
):
    """Record (or change) the assessment of an initiative in an open review.

    expected_version is the version of the assessment the person saw: None (or 0) when
    they saw none. If someone else has assessed or changed it since, ConflictError and
    nothing is written. Municipalities may be given as Organisation or id; relations as
    {Category or id: relation}."""
    if not can_assess(user, review, initiative):
        raise PermissionDenied(_("You may assess only the initiatives you coordinate."))
    with transaction.atomic():
        # Locking the review orders assessments against each other and against closing.
        locked_review = PortfolioReview.objects.select_for_update().select_related("portfolio").get(pk=review.pk)
        if locked_review.is_closed:
            raise ReviewClosed()
        record = ReviewDecision.objects.select_for_update().filter(review=locked_review, initiative=initiative).first()
        expected_version = _version(expected_version)
        if record is None:
            if expected_version:
                raise ConflictError(_("The assessment you changed has been removed. Assess the initiative again."))
            record = ReviewDecision(review=locked_review, initiative=initiative)
        elif not expected_version:
            raise ConflictError(
                _("Someone else assessed this initiative while you were working on it. Read their assessment first.")
            )
        elif expected_version != record.version:
            raise ConflictError()

        errors = {}
        try:
            relations = _relations_by_category_id(locked_review.portfolio, category_relations)
        except ValidationError as error:
            relations = {}
            errors = error.update_error_dict(errors)
        record.horizon = horizon
        record.decision = decision
        record.rationale = (rationale or "").strip()
        record.progress = (progress or "").strip()
        record.lessons = (lessons or "").strip()
        record.category_relations = relations
        record.decided_by = person_of(user)
        record.twin_municipality = _organisation(twin_municipality) if decision == Decision.TWIN else None
        if decision == Decision.TWIN and twin_municipality is not None and record.twin_municipality is None:
            errors.setdefault("twin_municipality", []).append(_("Choose a municipality."))
        try:
            record.full_clean(exclude=["category_relations"] if "category_relations" in errors else None)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        targets = []
        if decision == Decision.SCALE:
            targets = [_organisation(value) for value in scale_municipalities]
            scale_errors = _scale_target_errors(initiative, targets)
            if scale_errors:
                errors.setdefault("scale_municipalities", []).extend(scale_errors)
        if errors:
            raise ValidationError(errors)
        record.save()
        record.scale_municipalities.set(targets)
    return record


def _history_reason(text):
    """simple_history keeps a change reason in 100 characters."""
    return Truncator(text).chars(100)


def _decided_in(review, rationale):
    with translation.override(review.portfolio.language):
        return _("Decided in the portfolio review “%(review)s”: %(rationale)s") % {
            "review": review.title,
            "rationale": rationale,
        }


def _create_twin(decision, review, entry, relations_by_id):
    """The draft twin of the decision's initiative in the chosen municipality, placed in the
    portfolio beside its original. A pilot's twin is an initiative of its own: its
    original's parent belongs to another place (the initiative pages' twin rule)."""
    original = decision.initiative
    municipality = decision.twin_municipality
    twin = Initiative(
        network_id=original.network_id,
        title=f"{original.title} ({municipality.name})"[: Initiative._meta.get_field("title").max_length],
        language=original.language,
        visibility=Visibility.DRAFT,
        kind=InitiativeKind.INITIATIVE if original.kind == InitiativeKind.PILOT else original.kind,
        twin_of=original,
        **{name: getattr(original, name) for name in TWIN_COPIED_FIELDS},
    )
    twin.full_clean()
    twin._change_reason = _history_reason(_decided_in(review, decision.rationale))
    twin.save()
    twin.municipalities.set([municipality])
    twin.missions.set(original.missions.all())
    # The municipality leads the twin, so its coordinators see and develop the draft.
    initiative_services.add_creator_organisation(twin, municipality)
    twin_entry = PortfolioEntry(
        portfolio=review.portfolio,
        initiative=twin,
        horizon=decision.horizon,
        layer=entry.layer,
        rationale=_decided_in(review, decision.rationale),
    )
    twin_entry.full_clean()
    twin_entry.save()
    _replace_entry_relations(twin_entry, relations_by_id)
    return twin


def _relations_of(entry):
    return {str(row.category_id): row.relation for row in entry.relations.all()}


def _municipality(organisation):
    return {"id": organisation.pk, "name": organisation.name} if organisation else None


def close_review(review, user, *, today=None):
    """Close the exercise: apply every decision and freeze the snapshot, in one transaction.

    compost: the initiative is composted, its rationale the reason and its lessons what
    others can reuse (a PhaseChange records it). twin: a draft twin initiative in the
    chosen municipality (twin_of the original), added to the portfolio on the same horizon.
    scale: the target municipalities stay recorded on the decision; an initiative before
    the scaling phase moves to scaling (with a PhaseChange); one in operations stays there.
    continue / pivot: nothing beyond the entry. Every decided entry takes the decision's
    horizon, and its category relations when the decision gives them.

    If any decision is no longer valid (e.g. its initiative left the portfolio), nothing
    happens and the ValidationError names the initiatives."""
    if not can_manage_reviews(user, review.portfolio):
        raise PermissionDenied(_("Only the network's administrators close reviews."))
    person = person_of(user)
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = PortfolioReview.objects.select_for_update().select_related("portfolio").get(pk=review.pk)
        if locked.is_closed:
            raise ReviewClosed(_("The review is already closed."))
        portfolio = locked.portfolio
        decisions = list(
            locked.decisions.select_for_update(of=("self",))
            .select_related("initiative", "twin_municipality")
            .prefetch_related("scale_municipalities")
            .order_by("initiative__title", "pk")
        )
        _check_decisions_still_hold(decisions)

        categories = list(portfolio.categories.order_by("position", "name", "pk"))
        entries = list(
            portfolio.entries.select_for_update(of=("self",))
            .select_related("initiative")
            .prefetch_related("relations")
            .order_by("initiative__title", "pk")
        )
        entry_by_initiative = {entry.initiative_id: entry for entry in entries}
        before = {
            entry.initiative_id: {
                "horizon": entry.horizon,
                "phase": entry.initiative.phase,
                "relations": _relations_of(entry),
            }
            for entry in entries
        }

        category_ids = {str(category.pk) for category in categories}
        for decision in decisions:
            _apply(decision, locked, entry_by_initiative[decision.initiative_id], category_ids, person, today)

        locked.snapshot = _snapshot(locked, person, categories, entries, before, decisions)
        locked.status = ReviewStatus.CLOSED
        locked.closed_at = timezone.now()
        locked.full_clean()
        locked._closing = True
        try:
            locked.save(update_fields=["status", "closed_at", "snapshot", "updated"])
        finally:
            locked._closing = False
    review.status, review.closed_at, review.snapshot = locked.status, locked.closed_at, locked.snapshot
    return review


def _check_decisions_still_hold(decisions):
    """Validate every decision again at closing time (the portfolio and the initiatives
    may have changed since the assessment), and report all problems at once."""
    problems = []
    for decision in decisions:
        messages = []
        try:
            decision.full_clean()
        except ValidationError as error:
            for field, field_messages in error.message_dict.items():
                label = ReviewDecision._meta.get_field(field).verbose_name if field != "__all__" else ""
                messages += [f"{label}: {message}" if label else message for message in field_messages]
        if decision.decision == Decision.SCALE:
            messages += [
                f"{ReviewDecision._meta.get_field('scale_municipalities').verbose_name}: {message}"
                for message in _scale_target_errors(decision.initiative, list(decision.scale_municipalities.all()))
            ]
        problems += [f"{decision.initiative.title} – {message}" for message in messages]
    if problems:
        raise ValidationError(
            [_("The review cannot close until these assessments are corrected:"), *problems], code="invalid_decisions"
        )


def _apply(decision, review, entry, category_ids, person, today):
    initiative = decision.initiative
    # Relations to categories deleted since the assessment are dropped.
    relations = {key: value for key, value in (decision.category_relations or {}).items() if key in category_ids}

    if decision.decision == Decision.COMPOST:
        initiative_services.compost(initiative, decision.rationale, decision.lessons, person, today)
    elif decision.decision == Decision.SCALE and initiative.phase in PHASES_BEFORE_SCALING:
        with translation.override(review.portfolio.language):
            targets = _("Scale to %(municipalities)s.") % {
                "municipalities": ", ".join(m.name for m in decision.scale_municipalities.all())
            }
        initiative_services.change_phase(initiative, Phase.SCALING, f"{decision.rationale} {targets}", person, today)

    entry.horizon = decision.horizon
    entry.save(update_fields=["horizon", "updated"])
    if relations:
        _replace_entry_relations(entry, relations)

    if decision.decision == Decision.TWIN:
        decision.twin = _create_twin(decision, review, entry, relations or _relations_of(entry))
        decision.save(update_fields=["twin", "updated"])


def _snapshot(review, person, categories, entries, before, decisions):
    """The frozen record of the exercise. People appear by id only: a name removed from
    the register is not kept here."""
    decision_by_initiative = {decision.initiative_id: decision for decision in decisions}
    relations_after = {}
    for entry_id, category_id, relation in EntryCategory.objects.filter(entry__in=entries).values_list(
        "entry_id", "category_id", "relation"
    ):
        relations_after.setdefault(entry_id, {})[str(category_id)] = relation
    phases_after = dict(Initiative.objects.filter(pk__in=[e.initiative_id for e in entries]).values_list("pk", "phase"))
    return {
        "format": 1,
        "review": {
            "id": review.pk,
            "title": review.title,
            "opened_on": review.opened_on.isoformat() if review.opened_on else None,
            "due_on": review.due_on.isoformat() if review.due_on else None,
            "closed_by": person.pk if person else None,
        },
        "portfolio": {
            "id": review.portfolio_id,
            "title": review.portfolio.title,
            "language": review.portfolio.language,
        },
        "categories": [{"id": c.pk, "code": c.code, "name": c.name} for c in categories],
        "entries": [
            {
                "initiative": entry.initiative_id,
                "title": entry.initiative.title,
                "kind": entry.initiative.kind,
                "layer": entry.layer,
                "horizon_before": before[entry.initiative_id]["horizon"],
                "horizon_after": entry.horizon,
                "phase_before": before[entry.initiative_id]["phase"],
                "phase_after": phases_after.get(entry.initiative_id, before[entry.initiative_id]["phase"]),
                "relations_before": before[entry.initiative_id]["relations"],
                "relations_after": relations_after.get(entry.pk, {}),
                "decision": decision_by_initiative[entry.initiative_id].decision
                if entry.initiative_id in decision_by_initiative
                else None,
            }
            for entry in entries
        ],
        "decisions": [
            {
                "id": decision.pk,
                "initiative": decision.initiative_id,
                "title": decision.initiative.title,
                "decision": decision.decision,
                "horizon": decision.horizon,
                "progress": decision.progress,
                "rationale": decision.rationale,
                "lessons": decision.lessons,
                "category_relations": decision.category_relations,
                "twin_municipality": _municipality(decision.twin_municipality),
                "scale_municipalities": [_municipality(m) for m in decision.scale_municipalities.all()],
                "twin": {"id": decision.twin.pk, "title": decision.twin.title} if decision.twin else None,
                "decided_by": decision.decided_by_id,
                "version": decision.version,
            }
            for decision in decisions
        ],
    }


# -- notes -------------------------------------------------------------------------------


def add_note(portfolio, *, user, kind, title, text="", review=None, initiatives=()):
    """Put a green (need or idea) or orange (next step) note on the portfolio's board, or
    on an open review's."""
    if not can_write_notes(user, portfolio):
        raise PermissionDenied(_("Only the network's coordinators and administrators put up notes."))
    with transaction.atomic():
        note = Note(
            portfolio=portfolio,
            review=review,
            kind=kind,
            title=(title or "").strip(),
            text=(text or "").strip(),
            author=person_of(user),
        )
        note.full_clean()
        note.save()
        visible = Initiative.objects.visible_to(user).filter(pk__in=[getattr(i, "pk", i) for i in initiatives])
        note.initiatives.set(visible)
    return note


def note_to_initiative(note, user, *, horizon=None):
    """Turn a note into a draft initiative of the portfolio's network, in the portfolio's
    language, and link the note to it. A note that already became an initiative returns
    that initiative (nothing new is created).

    The initiative is not placed on the map unless a horizon is given: placing it is a
    judgement the exercise makes, and an unassessed idea on H3 would hide the "no H3"
    warning and skew the balance."""
    if not can_turn_note_into_initiative(user, note):
        raise PermissionDenied(_("Only the network's coordinators and administrators start initiatives."))
    if horizon is not None and horizon not in Horizon.values:
        raise ValidationError({"horizon": _("Choose a horizon.")})
    with transaction.atomic():
        locked = Note.objects.select_for_update(of=("self",)).select_related("portfolio", "became").get(pk=note.pk)
        if locked.became_id:
            note.became = locked.became
            return locked.became
        portfolio = locked.portfolio
        initiative = Initiative(
            network_id=portfolio.network_id,
            title=locked.title,
            summary=locked.text,
            language=portfolio.language,
            visibility=Visibility.DRAFT,
            kind=InitiativeKind.INITIATIVE,
        )
        initiative.full_clean()
        with translation.override(portfolio.language):
            initiative._change_reason = _history_reason(
                _("From the note “%(note)s” in %(portfolio)s.") % {"note": locked.title, "portfolio": portfolio.title}
            )
        initiative.save()
        creator = initiative_services.creator_organisation(initiative, user)
        initiative_services.add_creator_organisation(initiative, creator)
        locked.became = initiative
        locked.save(update_fields=["became", "updated"])
        if horizon is not None:
            entry = PortfolioEntry(portfolio=portfolio, initiative=initiative, horizon=horizon)
            entry.full_clean()
            entry.save()
    note.became = initiative
    return initiative
