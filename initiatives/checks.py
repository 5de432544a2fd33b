"""System checks of the initiatives app (registered in apps.py)."""

from django.conf import settings
from django.core import checks

PLACEHOLDER_MESSAGE = (
    "HORISONT_IATI_REPORTING_ORG_REF is the placeholder {ref!r}: the IATI export names an "
    "unregistered reporting organisation and every iati-identifier starts with it."
)
PLACEHOLDER_HINT = (
    "Set the environment variable HORISONT_IATI_REPORTING_ORG_REF to the publisher's "
    "identifier in the IATI Organisation Identifier registry (e.g. DK-CVR-12345678), "
    "with HORISONT_IATI_REPORTING_ORG_NAME and HORISONT_IATI_REPORTING_ORG_TYPE. See docs/api.md."
)


@checks.register(checks.Tags.compatibility, deploy=True)
def check_iati_reporting_org(app_configs=None, **kwargs):
    """`manage.py check --deploy` warns while the IATI publisher is the placeholder."""
    from .exports import PLACEHOLDER_REPORTING_ORG_REF

    ref = settings.HORISONT_IATI_REPORTING_ORG_REF
    if not ref or ref == PLACEHOLDER_REPORTING_ORG_REF:
        return [
            checks.Warning(PLACEHOLDER_MESSAGE.format(ref=ref), hint=PLACEHOLDER_HINT, id="initiatives.W001"),
        ]
    if any(character.isspace() or character == "/" for character in ref):
        return [
            checks.Warning(
                f"HORISONT_IATI_REPORTING_ORG_REF {ref!r} cannot start an iati-identifier: it has a space or a slash.",
                hint=PLACEHOLDER_HINT,
                id="initiatives.W002",
            )
        ]
    return []
