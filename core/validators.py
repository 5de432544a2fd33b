import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

SDG_TARGET = re.compile(r"^(1[0-7]|[1-9])\.([1-9][0-9]?|[a-z])$")


def validate_sdg_targets(value):
    """A list of SDG targets such as "3.4" or "10.b" (goals 1 to 17)."""
    if not isinstance(value, list):
        raise ValidationError(_("Give the SDG targets as a list."))
    bad = [str(v) for v in value if not isinstance(v, str) or not SDG_TARGET.match(v)]
    if bad:
        raise ValidationError(
            _("Not an SDG target: %(targets)s. Write them as goal.target, e.g. 3.4 or 10.b."),
            params={"targets": ", ".join(bad)},
        )


@deconstructible
class ChoiceListValidator:
    """For a JSON list whose items must come from a TextChoices class."""

    def __init__(self, choices):
        self.choices = choices

    def __call__(self, value):
        if not isinstance(value, list):
            raise ValidationError(_("Give a list."))
        allowed = set(self.choices.values)
        bad = [str(v) for v in value if v not in allowed]
        if bad:
            raise ValidationError(_("Unknown value: %(values)s."), params={"values": ", ".join(bad)})

    def __eq__(self, other):
        return isinstance(other, ChoiceListValidator) and other.choices is self.choices
