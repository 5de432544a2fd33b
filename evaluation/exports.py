"""What evaluation gives the standard exports: the indicators' results for the IATI
export (initiatives cannot import evaluation, so config/export_urls.py hands this
function to the IATI view), and this app's datasets in the DCAT catalogue."""

from collections import defaultdict

from django.db.models import Prefetch

from core.exports import CatalogueDataset
from initiatives.exports import IatiIndicator, IatiMeasurement

from .models import Event, Indicator, LearningEntry, Measurement


def indicator_results(initiative_ids, user):
    """{initiative id: [IatiIndicator]} for the IATI export, in two queries."""
    indicators = (
        Indicator.objects.visible_to(user)
        .filter(initiative_id__in=initiative_ids)
        .prefetch_related(Prefetch("measurements", queryset=Measurement.objects.visible_to(user).order_by("date")))
    )
    results = defaultdict(list)
    for indicator in indicators:
        results[indicator.initiative_id].append(
            IatiIndicator(
                title=indicator.name,
                unit=indicator.unit,
                description=indicator.description,
                baseline=indicator.baseline,
                target=indicator.target,
                measurements=tuple(IatiMeasurement(m.date, m.value) for m in indicator.measurements.all()),
            )
        )
    return results


DATASETS = (
    CatalogueDataset(
        key="learning-entries",
        api_path="learning-entries/",
        page_url_name="evaluation:learning_list",
        model=LearningEntry,
        title={"da": "Læring", "sv": "Lärande", "en": "Learning entries"},
        description={
            "da": "Hvad indsatserne gjorde, lærte og hvor de er på vej hen, med barrierer og drivkræfter.",
            "sv": "Vad initiativen gjorde, lärde sig och vart de är på väg, med hinder och drivkrafter.",
            "en": "What the initiatives did, learned and where they are heading, with barriers and enablers.",
        },
    ),
    CatalogueDataset(
        key="events",
        api_path="events/",
        model=Event,
        title={"da": "Begivenheder", "sv": "Händelser", "en": "Events"},
        description={
            "da": "Begivenhedsvæggen: hvad der skete, hvem der var med, og hvilke ressourcer det satte i gang.",
            "sv": "Händelseväggen: vad som hände, vilka som deltog och vilka resurser det satte i rörelse.",
            "en": "The event wall: what happened, who took part and the resources it mobilised.",
        },
    ),
)
