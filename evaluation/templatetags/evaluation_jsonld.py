"""schema.org JSON-LD for a public event's page:

{% load evaluation_jsonld %}{% event_jsonld event %}"""

from django import template

from core.choices import Visibility
from core.exports import jsonld_script
from partners.templatetags.partners_jsonld import absolute_url_maker, organisation_reference

register = template.Library()


def event_schema_org(event, absolute_url):
    """A schema.org Event, or None when the event is not public. The initiative or
    mission it is about is named only when that is public too."""
    if event.visibility != Visibility.PUBLIC:
        return None
    about = []
    for schema_type, record in (("Project", event.initiative), ("Thing", event.mission)):
        if record is not None and record.visibility == Visibility.PUBLIC:
            about.append({"@type": schema_type, "name": record.title, "url": absolute_url(record.get_absolute_url())})
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": event.date.isoformat(),
        "description": event.narrative,
        "url": absolute_url(event.get_absolute_url()),
        "inLanguage": event.language,
        "organizer": organisation_reference(event.network, absolute_url),
        "about": about,
        "image": absolute_url(event.image.url) if event.image else None,
    }
    return {key: value for key, value in data.items() if value not in (None, "", [])}


@register.simple_tag(takes_context=True)
def event_jsonld(context, event):
    data = event_schema_org(event, absolute_url_maker(context))
    return jsonld_script(data) if data else ""
