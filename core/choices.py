from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    """Who may see a record: its coordinators, its network's members, or everyone."""

    DRAFT = "draft", _("Draft")
    NETWORK = "network", _("Network")
    PUBLIC = "public", _("Public")


class ContentLanguage(models.TextChoices):
    """The language a record's own content is written in (not the interface language)."""

    DANISH = "da", _("Danish")
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")


class Currency(models.TextChoices):
    DKK = "DKK", "DKK"
    SEK = "SEK", "SEK"
    EUR = "EUR", "EUR"
    NOK = "NOK", "NOK"


class TokenScope(models.TextChoices):
    """What an API token may do: read only, or read and write what its user may change."""

    READ = "read", _("Read only")
    READ_WRITE = "read_write", _("Read and write")
