"""schema.org JSON-LD for a public initiative's and a public mission's page:

{% load initiatives_jsonld %}{% initiative_jsonld initiative %}{% mission_jsonld mission %}"""

from django import template

from core.choices import Visibility
from core.exports import jsonld_tag
from partners.templatetags.partners_jsonld import absolute_url_maker, organisation_reference

from ..choices import ParticipationRole, Phase
from ..exports import iati_identifier

register = template.Library()


def initiative_schema_org(initiative, absolute_url):
    """A schema.org Project, or None when the initiative is not public. Related records
    that are not public themselves (a parent initiative) are left out. The detail view
    prefetches the partner, funding and municipality rows it reads."""
    if initiative.visibility != Visibility.PUBLIC:
        return None
    members, funders = [], []
    for participation in initiative.participations.all():
        reference = organisation_reference(participation.organisation, absolute_url)
        target = funders if participation.role == ParticipationRole.FUNDER else members
        if reference not in target:
            target.append(reference)
    for funding in initiative.fundings.all():
        if funding.funder is not None:
            reference = organisation_reference(funding.funder, absolute_url)
        elif funding.funder_name:
            reference = {"@type": "Organization", "name": funding.funder_name}
        else:
            continue
        if reference not in funders:
            funders.append(reference)
    parents = [organisation_reference(initiative.network, absolute_url)]
    if initiative.parent is not None and initiative.parent.visibility == Visibility.PUBLIC:
        parents.append(
            {
                "@type": "Project",
                "name": initiative.parent.title,
                "url": absolute_url(initiative.parent.get_absolute_url()),
            }
        )
    data = {
        "@context": "https://schema.org",
        "@type": "Project",
        "name": initiative.title,
        "url": absolute_url(initiative.get_absolute_url()),
        "identifier": iati_identifier(initiative.pk),
        "description": initiative.summary,
        "foundingDate": initiative.start_date.isoformat() if initiative.start_date else None,
        "dissolutionDate": (
            initiative.end_date.isoformat() if initiative.phase == Phase.COMPOSTED and initiative.end_date else None
        ),
        "parentOrganization": parents,
        "member": members,
        "funder": funders,
        "areaServed": [
            {"@type": "AdministrativeArea", "name": municipality.name}
            for municipality in initiative.municipalities.all()
        ],
    }
    return {key: value for key, value in data.items() if value not in (None, "", [])}


@register.simple_tag(takes_context=True)
def initiative_jsonld(context, initiative):
    return jsonld_tag(context, initiative_schema_org(initiative, absolute_url_maker(context)))


def mission_schema_org(mission, absolute_url):
    """A mission as a schema.org Project, or None when it is not public. Its public
    initiatives are its parts; its theme is named only when public too; the
    organisations that joined it (the directory, public by nature) are its members."""
    if mission.visibility != Visibility.PUBLIC:
        return None
    from ..models import Initiative

    initiatives = Initiative.objects.filter(missions=mission, visibility=Visibility.PUBLIC).order_by("title", "pk")
    # A theme the page's reader may not see is blanked (core.references): mission.theme is None.
    theme = mission.theme if mission.theme is not None and mission.theme.visibility == Visibility.PUBLIC else None
    data = {
        "@context": "https://schema.org",
        "@type": "Project",
        "name": mission.title,
        "url": absolute_url(mission.get_absolute_url()),
        "description": "\n\n".join(text.strip() for text in (mission.problem, mission.goal) if text.strip()),
        "inLanguage": mission.language,
        "foundingDate": mission.start_date.isoformat() if mission.start_date else None,
        "parentOrganization": organisation_reference(mission.network, absolute_url),
        "member": [
            organisation_reference(organisation, absolute_url)
            for organisation in mission.organisations.order_by("name", "pk")
        ],
        "keywords": theme.name if theme else None,
        "hasPart": [
            {"@type": "Project", "name": initiative.title, "url": absolute_url(initiative.get_absolute_url())}
            for initiative in initiatives.only("title", "slug")
        ],
    }
    return {key: value for key, value in data.items() if value not in (None, "", [])}


@register.simple_tag(takes_context=True)
def mission_jsonld(context, mission):
    return jsonld_tag(context, mission_schema_org(mission, absolute_url_maker(context)))
