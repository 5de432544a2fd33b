"""Popolo JSON (https://www.popoloproject.com/specs/) for the directory: organisations,
people and memberships, with each network as an organisation its members belong to.

People are published with their name, organisation and role only: never an e-mail or
a login. Everything is read through `visible_to(user)`, like every other export."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema

from core.exports import CatalogueDataset, ExportDistribution, ExportView

from .choices import Country, IdentifierScheme
from .models import Membership, Network, Organisation, Person

# Register prefixes from org-id.guide, so an identifier means the same here, in IATI and
# in other publishers' data (IATI participating-org/@ref uses "<prefix>-<identifier>").
ORG_ID_PREFIXES = {
    IdentifierScheme.CVR: "DK-CVR",
    IdentifierScheme.ORGANISATIONSNUMMER: "SE-ON",
    IdentifierScheme.COMPANIES_HOUSE: "GB-COH",
}
MUNICIPALITY_CODE_SCHEMES = {
    Country.DENMARK: "DK-KOMMUNEKODE",
    Country.SWEDEN: "SE-KOMMUNKOD",
}
NETWORK_CLASSIFICATION = "network"


def org_id(organisation):
    """The organisation's org-id.guide identifier ("DK-CVR-12345678"), or "" when its
    register has no org-id prefix. A Swedish organisationsnummer is written without
    its hyphen there."""
    prefix = ORG_ID_PREFIXES.get(organisation.identifier_scheme)
    if not prefix or not organisation.identifier:
        return ""
    return f"{prefix}-{organisation.identifier.replace('-', '')}"


def organisation_identifiers(organisation):
    identifiers = []
    if organisation.identifier:
        scheme = ORG_ID_PREFIXES.get(organisation.identifier_scheme, organisation.identifier_scheme)
        identifiers.append({"scheme": scheme, "identifier": organisation.identifier})
    if organisation.municipality_code:
        scheme = MUNICIPALITY_CODE_SCHEMES.get(organisation.country, "municipality_code")
        identifiers.append({"scheme": scheme, "identifier": organisation.municipality_code})
    return identifiers


def popolo_id(kind, pk):
    return f"{kind}/{pk}"


def _date(value):
    return value.isoformat() if value else None


def _without_empty(data):
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def popolo_document(user, absolute_url):
    """The Popolo document as the user may see it. `absolute_url(path)` makes a link
    absolute. Four queries, however many records."""
    networks = list(Network.objects.visible_to(user).order_by("pk"))
    organisations = list(Organisation.objects.visible_to(user).order_by("pk"))
    people = list(Person.objects.visible_to(user).only("pk", "name", "organisation_id").order_by("pk"))
    memberships = list(Membership.objects.visible_to(user).order_by("pk"))
    visible_organisation_ids = {organisation.pk for organisation in organisations}
    visible_person_ids = {person.pk for person in people}
    visible_network_ids = {network.pk for network in networks}

    popolo_organisations = [
        _without_empty(
            {
                "id": popolo_id("network", network.pk),
                "name": network.name,
                "classification": NETWORK_CLASSIFICATION,
                "description": network.description,
                "links": [{"url": absolute_url(network.get_absolute_url()), "note": "Horisont"}]
                + ([{"url": network.website, "note": "website"}] if network.website else []),
            }
        )
        for network in networks
    ]
    popolo_organisations += [
        _without_empty(
            {
                "id": popolo_id("organisation", organisation.pk),
                "name": organisation.name,
                "classification": organisation.sector,
                "identifiers": organisation_identifiers(organisation),
                "links": [{"url": absolute_url(organisation.get_absolute_url()), "note": "Horisont"}]
                + ([{"url": organisation.website, "note": "website"}] if organisation.website else []),
            }
        )
        for organisation in organisations
    ]
    popolo_persons = [{"id": popolo_id("person", person.pk), "name": person.name} for person in people]

    popolo_memberships = []
    # A person's organisation is a membership without a role: Popolo has no other place for it.
    for person in people:
        if person.organisation_id in visible_organisation_ids:
            popolo_memberships.append(
                {
                    "id": popolo_id("affiliation", person.pk),
                    "person_id": popolo_id("person", person.pk),
                    "member": {"@type": "Person", "id": popolo_id("person", person.pk)},
                    "organization_id": popolo_id("organisation", person.organisation_id),
                }
            )
    for membership in memberships:
        if membership.network_id not in visible_network_ids:
            continue
        if membership.person_id in visible_person_ids:
            member = {"person_id": popolo_id("person", membership.person_id)}
            member["member"] = {"@type": "Person", "id": member["person_id"]}
        elif membership.organisation_id in visible_organisation_ids:
            member = {"member": {"@type": "Organization", "id": popolo_id("organisation", membership.organisation_id)}}
        else:
            continue
        popolo_memberships.append(
            _without_empty(
                {
                    "id": popolo_id("membership", membership.pk),
                    **member,
                    "organization_id": popolo_id("network", membership.network_id),
                    "role": membership.role,
                    "start_date": _date(membership.start_date),
                    "end_date": _date(membership.end_date),
                }
            )
        )
    return {
        "organizations": popolo_organisations,
        "persons": popolo_persons,
        "memberships": popolo_memberships,
    }


class PopoloExportView(ExportView):
    """/api/v1/export/popolo/: the directory as Popolo JSON."""

    @extend_schema(
        summary="Organisations, people and memberships as Popolo JSON",
        description=(
            "Networks (classification `network`) and organisations (classification = sector) "
            "as Popolo organizations, people with name only, and memberships: a person's "
            "organisation, and each person's or organisation's role in a network. "
            "No e-mail addresses are published."
        ),
        responses={(200, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT, description="A Popolo document.")},
        tags=["export"],
    )
    def get(self, request, *args, **kwargs):
        document = popolo_document(request.user, request.build_absolute_uri)
        return HttpResponse(
            json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False), content_type="application/json"
        )


# --- The directory's datasets in the DCAT catalogue (core.exports, wired in config) ----

POPOLO = ExportDistribution(
    url_name="export:popolo",
    title={"da": "Popolo (JSON)", "sv": "Popolo (JSON)", "en": "Popolo (JSON)"},
    file_type="JSON",
    media_type="application/json",
    conforms_to="http://www.popoloproject.com/specs/",
)

DATASETS = (
    CatalogueDataset(
        key="networks",
        api_path="networks/",
        page_url_name="partners:network_list",
        model=Network,
        title={"da": "Netværk", "sv": "Nätverk", "en": "Networks"},
        description={
            "da": "Tværsektorielle netværk for velfærdsinnovation.",
            "sv": "Sektorsövergripande nätverk för välfärdsinnovation.",
            "en": "Cross-sector welfare-innovation networks.",
        },
        exports=(POPOLO,),
    ),
    CatalogueDataset(
        key="organisations",
        api_path="organisations/",
        page_url_name="partners:organisation_list",
        model=Organisation,
        themes=("SOCI", "GOVE"),
        title={"da": "Organisationer", "sv": "Organisationer", "en": "Organisations"},
        description={
            "da": "Kommuner, regioner, virksomheder, civilsamfund og vidensinstitutioner i netværkene, "
            "med CVR-nummer, organisationsnummer og kommunekode.",
            "sv": "Kommuner, regioner, företag, civilsamhälle och kunskapsinstitutioner i nätverken, "
            "med CVR-nummer, organisationsnummer och kommunkod.",
            "en": "Municipalities, regions, companies, civil society and knowledge institutions in the "
            "networks, with CVR number, organisationsnummer and municipality code.",
        },
        keywords={"da": ["kommuner"], "sv": ["kommuner"], "en": ["municipalities"]},
        exports=(POPOLO,),
    ),
    CatalogueDataset(
        key="people",
        api_path="people/",
        model=Person,
        title={"da": "Personer", "sv": "Personer", "en": "People"},
        description={
            "da": "Personer i netværkene: navn og organisation, aldrig e-mail.",
            "sv": "Personer i nätverken: namn och organisation, aldrig e-post.",
            "en": "People in the networks: name and organisation, never e-mail.",
        },
        exports=(POPOLO,),
    ),
    CatalogueDataset(
        key="memberships",
        api_path="memberships/",
        model=Membership,
        title={"da": "Medlemskaber", "sv": "Medlemskap", "en": "Memberships"},
        description={
            "da": "Personers og organisationers medlemskab af netværkene, med rolle og periode.",
            "sv": "Personers och organisationers medlemskap i nätverken, med roll och period.",
            "en": "People's and organisations' memberships of the networks, with role and period.",
        },
        exports=(POPOLO,),
    ),
)
