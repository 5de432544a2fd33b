"""schema.org JSON-LD for an organisation's page (organisations are public by nature):

{% load partners_jsonld %}{% organisation_jsonld organisation %}"""

from django import template

from core.exports import jsonld_script

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
    return jsonld_script(organisation_schema_org(organisation, absolute_url_maker(context)))
