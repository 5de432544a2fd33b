"""schemathesis, in-process against the WSGI application, over every operation of the
schema: no 5xx, and every response (status, content type, body) as documented.

The requests carry a network administrator's token, so writes get past permissions
into validation, and `{id}` names a record that exists, so detail operations reach
serializers rather than stopping at 404. Examples per operation are limited to keep the
run short (SCHEMATHESIS_MAX_EXAMPLES raises it)."""

import os
from pathlib import Path

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.api_urls import router
from core.choices import Visibility
from core.models import ApiToken
from initiatives.choices import InitiativeKind

from . import factories
from .support.api import World

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "8"))
# The coverage phase (boundary values of every parameter, hundreds of requests per
# operation) takes some ten minutes here; SCHEMATHESIS_COVERAGE=1 runs it too.
COVERAGE = os.environ.get("SCHEMATHESIS_COVERAGE") == "1"
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

# The committed schema (test_api_schema proves it is the generated one), served by the app.
schema = schemathesis.openapi.from_path(
    Path(__file__).resolve().parent.parent / "docs" / "openapi.yaml",
    config=SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": COVERAGE}}}),
)
schema.app = WSGIHandler()
MODELS = {f"/api/v1/{prefix}/": viewset.queryset.model for prefix, viewset, _ in router.registry}


@pytest.fixture
def in_test_transaction(db, settings):
    """Serve the WSGI application inside the test's transaction, as Django's test client
    does: its request signals would otherwise close the connection."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/min", "user": "100000/min"},
    }
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token(in_test_transaction, network, coordinator, network_admin):
    """A token, and one record of every kind in the administrator's network."""
    world = World(network, coordinator)
    initiative = world.initiative(Visibility.DRAFT, sdg_targets=["3.4"], target_groups=["older_alone"])
    world.initiative(kind=InitiativeKind.PILOT, parent=initiative)
    factories.FundingFactory(initiative=initiative)
    factories.PhaseChangeFactory(initiative=initiative)
    factories.LearningEntryFactory(initiative=initiative, categories=["procurement"])
    factories.ValueAssessmentFactory(initiative=initiative)
    factories.MeasurementFactory(indicator=factories.IndicatorFactory(initiative=initiative))
    factories.ResourceObservationFactory(event=world.event())
    decision = world.decision()
    factories.CategoryFactory(portfolio=decision.review.portfolio)
    factories.NoteFactory(portfolio=decision.review.portfolio, review=decision.review)
    factories.LearningSummaryFactory(network=network, metrics={"initiatives": 2})
    from initiatives.models import MissionOrganisation

    MissionOrganisation.objects.create(mission=world.mission(), organisation=factories.OrganisationFactory())
    return ApiToken.issue(network_admin, "schemathesis")[1]


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_every_operation_answers_as_documented(case, token):
    model = MODELS.get(case.path.replace("{id}/", ""))
    if "id" in (case.path_parameters or {}) and model is not None:
        existing = model._base_manager.order_by("pk").values_list("pk", flat=True).first()
        if existing is not None:
            case.path_parameters["id"] = existing
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
