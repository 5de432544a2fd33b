"""Who takes part: networks, the organisations in them, and the people who act for them."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.audience import get_audience
from core.models import TimeStampedModel, check_date_order, date_order_constraint
from core.querysets import PublicQuerySet

from .choices import Country, IdentifierScheme, MembershipRole, Sector

IDENTIFIER_PATTERNS = {
    IdentifierScheme.CVR: (r"^\d{8}$", _("A CVR number has 8 digits.")),
    IdentifierScheme.ORGANISATIONSNUMMER: (
        r"^\d{6}-\d{4}$",
        _("An organisationsnummer is written NNNNNN-NNNN."),
    ),
}
# Danish kommunekoder have three digits (101 is København), Swedish kommunkoder four (0484
# is Eskilstuna).
MUNICIPALITY_CODE_PATTERNS = {
    Country.DENMARK: (r"^\d{3}$", _("A Danish kommunekode has 3 digits.")),
    Country.SWEDEN: (r"^\d{4}$", _("A Swedish kommunkod has 4 digits.")),
}


class NetworkQuerySet(PublicQuerySet):
    def administered_by(self, user):
        """The networks whose members the user manages on the portal: those they
        administer (every network, for a superuser)."""
        audience = get_audience(user)
        if audience.sees_everything:
            return self.all()
        return self.filter(pk__in=audience.admin_network_ids)


class Network(TimeStampedModel):
    """A cross-sector innovation network, such as Samhällskontraktet. Networks own
    themes, missions, initiatives and portfolios; their members see what is shared."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, blank=True)
    website = models.URLField(_("website"), blank=True)

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:network_detail", kwargs={"slug": self.slug})


class Organisation(TimeStampedModel):
    """A municipality, region, university, company or civil-society organisation."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    sector = models.CharField(_("sector"), max_length=30, choices=Sector.choices, db_index=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    identifier_scheme = models.CharField(
        _("identifier scheme"), max_length=10, choices=IdentifierScheme.choices, blank=True
    )
    identifier = models.CharField(_("official identifier"), max_length=40, blank=True)
    municipality_code = models.CharField(
        _("municipality code"),
        max_length=4,
        blank=True,
        db_index=True,
        help_text=_("Kommunekode (Denmark) or kommunkod (Sweden), for municipalities."),
    )
    website = models.URLField(_("website"), blank=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["identifier_scheme", "identifier"],
                condition=~Q(identifier=""),
                name="organisation_identifier_unique",
                violation_error_message=_("Another organisation has this identifier."),
            ),
            models.CheckConstraint(
                condition=Q(identifier="") | ~Q(identifier_scheme=""),
                name="organisation_identifier_has_scheme",
                violation_error_message=_("Choose the register the identifier comes from."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:organisation_detail", kwargs={"slug": self.slug})

    @property
    def is_municipality(self):
        return self.sector == Sector.MUNICIPALITY

    def clean(self):
        errors = {}
        if self.identifier and not self.identifier_scheme:
            errors["identifier_scheme"] = _("Choose the register the identifier comes from.")
        pattern = IDENTIFIER_PATTERNS.get(self.identifier_scheme)
        if self.identifier and pattern and not re.match(pattern[0], self.identifier):
            errors["identifier"] = pattern[1]
        if self.municipality_code:
            if self.sector != Sector.MUNICIPALITY:
                errors["municipality_code"] = _("Only a municipality has a municipality code.")
            else:
                pattern = MUNICIPALITY_CODE_PATTERNS.get(self.country)
                if pattern and not re.match(pattern[0], self.municipality_code):
                    errors["municipality_code"] = pattern[1]
        if errors:
            raise ValidationError(errors)


class Person(TimeStampedModel):
    """Someone who works in an organisation. Deliberately little: a name, a work e-mail,
    the organisation, and the login if they have one."""

    name = models.CharField(_("name"), max_length=200)
    work_email = models.EmailField(_("work e-mail"), blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("admin:partners_person_change", args=[self.pk])


class MembershipQuerySet(PublicQuerySet):
    """Memberships are public (the directory), changed through the API by site
    administrators only. On the portal's members pages a network's administrators manage
    their own network's memberships: `managed_by`."""

    def managed_by(self, user):
        """The memberships of the networks the user administers (all, for a superuser)."""
        audience = get_audience(user)
        if audience.sees_everything:
            return self.all()
        return self.filter(network__in=audience.admin_network_ids)


class Membership(TimeStampedModel):
    """A person or an organisation in a network, with a role, for a period."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["network", "role", "pk"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(organisation__isnull=True))
                | (Q(person__isnull=True) & Q(organisation__isnull=False)),
                name="membership_person_xor_organisation",
                violation_error_message=_("A membership is either a person's or an organisation's."),
            ),
            models.UniqueConstraint(
                fields=["network", "person"], condition=Q(person__isnull=False), name="membership_person_unique"
            ),
            models.UniqueConstraint(
                fields=["network", "organisation"],
                condition=Q(organisation__isnull=False),
                name="membership_organisation_unique",
            ),
            date_order_constraint("membership_end_after_start"),
        ]

    def __str__(self):
        return f"{self.person or self.organisation} – {self.network} ({self.get_role_display()})"

    def get_absolute_url(self):
        return self.network.get_absolute_url()

    def clean(self):
        if bool(self.person_id) == bool(self.organisation_id):
            raise ValidationError({"person": _("A membership is either a person's or an organisation's.")})
        check_date_order(self.start_date, self.end_date)
