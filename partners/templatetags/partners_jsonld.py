"""schema.org JSON-LD for an organisation's and a network's page (the directory is
public by nature):

{% load partners_jsonld %}{% organisation_jsonld organisation %}{% network_jsonld network %}"""

from django import template

from core.exports import jsonld_tag

from ..choices import Country
from ..exports import organisation_identifiers

register = template.Library()


def absolute_url_maker(context):
    """Makes paths absolute with the page's request, when the template has one."""
    request = context.get("request")
    return request.build_absolute_uri if request is not None else (lambda path: path)


def organisation_reference(organisation, absolute_url):
    """A short Organization node for another record to point to (a network too)."""
    return {"@type": "Organization", "name": organisation.name, "url": absolute_url(organisation.get_absolute_url())}


def organisation_schema_org(organisation, absolute_url):
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": organisation.name,
        "url": absolute_url(organisation.get_absolute_url()),
        "identifier": [
            {"@type": "PropertyValue", "propertyID": identifier["scheme"], "value": identifier["identifier"]}
            for identifier in organisation_identifiers(organisation)
        ],
        "sameAs": organisation.website,
        "address": (
            {"@type": "PostalAddress", "addressCountry": organisation.country}
            if organisation.country and organisation.country != Country.OTHER
            else None
        ),
        "memberOf": [
            organisation_reference(membership.network, absolute_url)
            for membership in organisation.memberships.select_related("network")
        ],
    }
    return {key: value for key, value in data.items() if value not in (None, "", [])}


@register.simple_tag(takes_context=True)
def organisation_jsonld(context, organisation):
    return jsonld_tag(context, organisation_schema_org(organisation, absolute_url_maker(context)))


def network_schema_org(network, absolute_url):
    """A network as a schema.org Organization whose members are the organisations (never
    the people: the directory publishes no person here) with an active membership."""
    from ..audience import active_memberships

    members = []
    memberships = (
        active_memberships()
        .filter(network=network, organisation__isnull=False)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
    for membership in memberships:
        reference = organisation_reference(membership.organisation, absolute_url)
        if reference not in members:
            members.append(reference)
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "additionalType": "https://schema.org/Project",
        "name": network.name,
        "url": absolute_url(network.get_absolute_url()),
        "description": network.description,
        "sameAs": network.website,
        "areaServed": (
            {"@type": "Country", "name": network.country}
            if network.country and network.country != Country.OTHER
            else None
        ),
        "member": members,
    }
    return {key: value for key, value in data.items() if value not in (None, "", [])}


@register.simple_tag(takes_context=True)
def network_jsonld(context, network):
    return jsonld_tag(context, network_schema_org(network, absolute_url_maker(context)))
