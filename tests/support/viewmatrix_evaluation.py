"""The evaluation app's entries for the portal's view matrix (tests/support/views.py
PORTAL_VIEWS): who gets 200, 302, 403, 404 or 405 on a GET of each evaluation page."""

from evaluation.choices import NotificationKind
from evaluation.models import Indicator, Measurement, RecomputationRun
from evaluation.services import unsubscribe_token

from .views import (
    CHANGE,
    CHANGE_ADMIN_ONLY,
    CREATE_ADMIN_ONLY,
    EVERYONE,
    METHOD_NOT_ALLOWED,
    NETWORK_RECORD,
    NETWORK_RECORD_LOGGED_IN,
    View,
    expect,
    no_kwargs,
)

# A run of the network's full recomputation: its network's administrators only; to
# anyone else it does not exist.
NETWORK_ADMIN_RECORD = expect(302, 404, 404, 404, 200)


def learning_pk(world):
    return {"pk": world.learning.pk}


def recomputation_run_pk(world):
    return {"pk": RecomputationRun.objects.create(network=world.network, total=0).pk}


def indicator_of_initiative(world):
    """An indicator of the world's (network-only) initiative, with one measurement."""
    indicator, _created = Indicator.objects.get_or_create(
        initiative=world.initiative, name="Måltider leveret", defaults={"unit": "måltider"}
    )
    return indicator


def indicator_pk(world):
    return {"pk": indicator_of_initiative(world).pk}


def measurement_pk(world):
    measurement, _created = Measurement.objects.get_or_create(
        indicator=indicator_of_initiative(world), date="2025-01-01", defaults={"value": 12}
    )
    return {"pk": measurement.pk}


def unsubscribe_kwargs(world):
    return {"token": unsubscribe_token(world.users["member"], NotificationKind.DIGEST)}


EVALUATION_VIEWS = {
    "evaluation:learning_list": View(no_kwargs, EVERYONE),
    "evaluation:learning_detail": View(learning_pk, NETWORK_RECORD),
    "evaluation:learningentry_history": View(learning_pk, NETWORK_RECORD_LOGGED_IN),
    "evaluation:learningentry_edit": View(learning_pk, CHANGE),
    "evaluation:learningentry_delete": View(learning_pk, CHANGE),
    "evaluation:learning_add": View(lambda world: {"initiative_slug": world.initiative.slug}, CHANGE),
    "evaluation:initiative_value": View(lambda world: {"slug": world.initiative.slug}, NETWORK_RECORD),
    "evaluation:valueassessment_add": View(lambda world: {"initiative_slug": world.initiative.slug}, CHANGE),
    # Indicators and measurements: Indicator/Measurement.objects.editable_by, i.e. whoever
    # may change the initiative; members read them on the value page.
    "evaluation:indicator_add": View(lambda world: {"initiative_slug": world.initiative.slug}, CHANGE),
    "evaluation:indicator_edit": View(indicator_pk, CHANGE),
    "evaluation:indicator_delete": View(indicator_pk, CHANGE),
    "evaluation:measurement_add": View(lambda world: {"indicator_pk": indicator_of_initiative(world).pk}, CHANGE),
    "evaluation:measurement_edit": View(measurement_pk, CHANGE),
    "evaluation:measurement_delete": View(measurement_pk, CHANGE),
    "evaluation:mission_summary": View(lambda world: {"slug": world.mission.slug}, NETWORK_RECORD),
    "evaluation:network_recompute": View(lambda world: {"slug": world.network.slug}, CREATE_ADMIN_ONLY),
    "evaluation:recomputation_detail": View(recomputation_run_pk, NETWORK_ADMIN_RECORD),
    # JSON for the progress bar: an anonymous request gets 401 rather than the login page.
    "evaluation:recomputation_status": View(recomputation_run_pk, expect(401, 404, 404, 404, 200)),
    # POST only (a stalled run's retry; tests/test_recovery.py posts it).
    "evaluation:recomputation_retry": View(recomputation_run_pk, METHOD_NOT_ALLOWED),
    "evaluation:follow": View(lambda world: {"kind": "mission", "slug": world.mission.slug}, METHOD_NOT_ALLOWED),
    "evaluation:unfollow": View(
        lambda world: {"kind": "initiative", "slug": world.initiative.slug}, METHOD_NOT_ALLOWED
    ),
    # The signed token, not a login, says whose e-mail it is.
    "evaluation:unsubscribe": View(unsubscribe_kwargs, EVERYONE),
    "evaluation:event_detail": View(lambda world: {"pk": world.event.pk}, NETWORK_RECORD),
    # A network's own event (no initiative): Event.objects.editable_by lets its admins change it.
    "evaluation:event_edit": View(lambda world: {"pk": world.event.pk}, CHANGE_ADMIN_ONLY),
    "evaluation:initiative_event_add": View(lambda world: {"initiative_slug": world.initiative.slug}, CHANGE),
    "evaluation:initiative_events": View(lambda world: {"slug": world.initiative.slug}, NETWORK_RECORD),
    "evaluation:mission_events": View(lambda world: {"slug": world.mission.slug}, NETWORK_RECORD),
    # The network's page is public; the wall shows only the events the reader may see.
    "evaluation:network_events": View(lambda world: {"slug": world.network.slug}, EVERYONE),
}
