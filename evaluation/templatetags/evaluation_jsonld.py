"""schema.org JSON-LD for a public event's and a public learning entry's page:

{% load evaluation_jsonld %}{% event_jsonld event %}{% learning_entry_jsonld entry %}"""

from django import template

from core.choices import Visibility
from core.exports import jsonld_tag
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
    return jsonld_tag(context, event_schema_org(event, absolute_url_maker(context)))


def learning_entry_schema_org(entry, absolute_url):
    """A learning entry as a schema.org Article about its initiative, or None when the
    public may not read it (the entry's own visibility and its initiative's, as
    `LearningEntry.objects.visible_to` says). No author: people are not published here."""
    from django.contrib.auth.models import AnonymousUser

    from ..models import LearningEntry

    if not LearningEntry.objects.visible_to(AnonymousUser()).filter(pk=entry.pk).exists():
        return None
    initiative = entry.initiative
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": entry.title,
        "url": absolute_url(entry.get_absolute_url()),
        "inLanguage": entry.language,
        "abstract": entry.what_we_learned,
        "articleBody": "\n\n".join(
            text.strip() for text in (entry.what_we_did, entry.what_we_learned, entry.where_we_are_heading) if text
        ),
        "dateCreated": entry.created.isoformat(),
        "dateModified": entry.updated.isoformat(),
        "about": {"@type": "Project", "name": initiative.title, "url": absolute_url(initiative.get_absolute_url())},
        "publisher": organisation_reference(initiative.network, absolute_url),
    }
    return {key: value for key, value in data.items() if value not in (None, "", [])}


@register.simple_tag(takes_context=True)
def learning_entry_jsonld(context, entry):
    return jsonld_tag(context, learning_entry_schema_org(entry, absolute_url_maker(context)))
