import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

SDG_TARGET = re.compile(r"^(1[0-7]|[1-9])\.([1-9][0-9]?|[a-z])$")

# Generous for a narrative, and far from what a database row should hold.
TEXT_MAX_LENGTH = 20_000

# An HTML/XML tag, comment, CDATA section or processing instruction. "a < b" and
# "<18 years" remain fine.
MARKUP = re.compile(r"<\s*/?\s*[A-Za-z][^<>]*>|<!--|<!\[CDATA\[|<\?", re.IGNORECASE)


def validate_plain_text(value):
    """Records hold plain text: pages escape it, and the API and the exports hand it to
    systems that may not."""
    if isinstance(value, str) and MARKUP.search(value):
        raise ValidationError(_("Write plain text; markup such as HTML tags is not accepted."), code="markup")


def validate_plain_text_field(field, value):
    """The plain-text rule for one model field: free text (not a choice) is checked for
    markup, and unbounded text is capped. (The JSON lists hold controlled vocabularies,
    which their own validators check.)"""
    if isinstance(field, (models.CharField, models.TextField)) and not field.choices:
        validate_plain_text(value)
        if isinstance(field, models.TextField) and isinstance(value, str) and len(value) > TEXT_MAX_LENGTH:
            raise ValidationError(
                _("Keep this under %(limit)s characters (it has %(length)s)."),
                code="max_length",
                params={
                    "limit": number_format(TEXT_MAX_LENGTH, force_grouping=True),
                    "length": number_format(len(value), force_grouping=True),
                },
            )


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
