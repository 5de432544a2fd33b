from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    """The innovation chain from the seeds: opstart, idéudvikling, prototypeudvikling,
    modning og projektrealisering, skalering, drift. Composted is a deliberate end."""

    STARTUP = "startup", _("Start-up")
    IDEA_DEVELOPMENT = "idea_development", _("Idea development")
    PROTOTYPING = "prototyping", _("Prototyping")
    MATURATION = "maturation", _("Maturation and realisation")
    SCALING = "scaling", _("Scaling")
    OPERATIONS = "operations", _("Operations")
    COMPOSTED = "composted", _("Composted")


class InitiativeKind(models.TextChoices):
    INITIATIVE = "initiative", _("Initiative")
    PILOT = "pilot", _("Pilot")
    TARGETED_ACTION = "targeted_action", _("Targeted action")


class CitizenInvolvement(models.TextChoices):
    """The IAP2 spectrum of public participation."""

    INFORM = "inform", _("Inform")
    CONSULT = "consult", _("Consult")
    INVOLVE = "involve", _("Involve")
    COLLABORATE = "collaborate", _("Collaborate")
    EMPOWER = "empower", _("Empower")


class ParticipationRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    PARTNER = "partner", _("Partner")
    FUNDER = "funder", _("Funder")
    RESEARCHER = "researcher", _("Researcher")
    CITIZEN_GROUP = "citizen_group", _("Citizen group")
    SUPPLIER = "supplier", _("Supplier")


class FundingKind(models.TextChoices):
    TEMPORARY_POOL = "temporary_pool", _("Temporary pool grant")
    OPERATING_BUDGET = "operating_budget", _("Operating budget")
    PRIVATE = "private", _("Private")
    IN_KIND = "in_kind", _("In kind")
    EU = "eu", _("EU")


class TargetGroup(models.TextChoices):
    """A shared vocabulary, so initiatives written in different languages can be compared."""

    VULNERABLE_FAMILIES = "vulnerable_families", _("Vulnerable families")
    PREGNANT_WITH_VULNERABILITIES = "pregnant_vulnerable", _("Pregnant women with vulnerabilities")
    CHILDREN_AND_YOUNG_PEOPLE = "children_young", _("Children and young people")
    VULNERABLE_YOUNG = "vulnerable_young", _("Vulnerable young people")
    OLDER_PEOPLE = "older_people", _("Older people")
    OLDER_PEOPLE_LIVING_ALONE = "older_alone", _("Older people living alone")
    PEOPLE_WITH_DEMENTIA = "dementia", _("People living with dementia")
    RELATIVES_AND_CARERS = "carers", _("Relatives and carers")
    PEOPLE_WITH_DISABILITIES = "disabilities", _("People with disabilities")
    ADDICTION_AND_MENTAL_ILLNESS = "dual_diagnosis", _("People with addiction and mental illness")
    MULTIMORBIDITY = "multimorbidity", _("People with multimorbidity")
    UNEMPLOYED = "unemployed", _("Unemployed people")
    REFUGEES_AND_MIGRANTS = "migrants", _("Refugees and migrants")
    LOCAL_COMMUNITY = "local_community", _("Local community")
    FRONTLINE_STAFF = "frontline_staff", _("Frontline staff")
