"""Value assessments in the four value domains (produktivitet, effekter, demokrati,
serviceoplevelse), recorded together for one period: all of them or none."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction

from .choices import ValueDomain
from .models import ValueAssessment


def value_assessments(initiative, *, period_start, period_end, assessor_role, scores, assessed_by=None):
    """The unsaved assessments of one period, one for each domain in scores ({domain:
    (score, narrative)}), in the order of the value domains."""
    return [
        ValueAssessment(
            initiative=initiative,
            domain=domain,
            score=scores[domain][0],
            narrative=scores[domain][1],
            period_start=period_start,
            period_end=period_end,
            assessor_role=assessor_role,
            assessed_by=assessed_by,
        )
        for domain in ValueDomain.values
        if domain in scores
    ]


def assessment_errors(assessments):
    """{domain: {field or NON_FIELD_ERRORS: [ValidationError]}} for the assessments that
    fail the model's rules (its constraints included: one per domain, period and role)."""
    errors = {}
    for assessment in assessments:
        try:
            assessment.full_clean()
        except ValidationError as error:
            errors[assessment.domain] = (
                error.error_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: [error]}
            )
    return errors


@transaction.atomic
def record_value_assessments(assessments):
    """Save the assessments of one period together, after checking every one: if any
    fails, ValidationError({domain: ...}) and none is saved."""
    errors = assessment_errors(assessments)
    if errors:
        raise ValidationError({domain: ValidationError(error_dict) for domain, error_dict in errors.items()})
    for assessment in assessments:
        assessment.save()
    return assessments
