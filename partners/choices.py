from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    REGION = "region", _("Region")
    STATE_AGENCY = "state_agency", _("State agency")
    COMPANY = "company", _("Company")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    KNOWLEDGE_INSTITUTION = "knowledge_institution", _("Knowledge institution")
    SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprise")
    FOUNDATION = "foundation", _("Foundation")


class Country(models.TextChoices):
    DENMARK = "DK", _("Denmark")
    SWEDEN = "SE", _("Sweden")
    NORWAY = "NO", _("Norway")
    FINLAND = "FI", _("Finland")
    UNITED_KINGDOM = "GB", _("United Kingdom")
    OTHER = "XX", _("Other")


class IdentifierScheme(models.TextChoices):
    """Official registers an organisation can be identified in."""

    CVR = "cvr", _("CVR number (Denmark)")
    ORGANISATIONSNUMMER = "orgnr", _("Organisationsnummer (Sweden)")
    COMPANIES_HOUSE = "gb_coh", _("Companies House number (United Kingdom)")
    OTHER = "other", _("Other")


class MembershipRole(models.TextChoices):
    ADMIN = "admin", _("Network admin")
    COORDINATOR = "coordinator", _("Coordinator")
    MEMBER = "member", _("Member")
