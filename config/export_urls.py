"""/api/v1/export/: the standard exports (IATI, Popolo, DCAT-AP).

This module is where the apps meet: the IATI export (initiatives) gets its results from
evaluation's indicators, and the DCAT catalogue (core) gets the datasets described,
without either app importing the other."""

from collections import defaultdict

from django.db.models import Prefetch
from django.urls import path

from core.exports import CatalogueDataset, DcatCatalogView, ExportDistribution
from evaluation.models import Event, Indicator, LearningEntry, Measurement
from initiatives.exports import IatiExportView, IatiIndicator, IatiMeasurement
from initiatives.models import Initiative, Mission, Theme
from partners.exports import PopoloExportView
from partners.models import Membership, Network, Organisation, Person
from portfolios.models import Portfolio


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


IATI = ExportDistribution(
    url_name="export:iati",
    title={"da": "IATI-aktiviteter (XML)", "sv": "IATI-aktiviteter (XML)", "en": "IATI activities (XML)"},
    file_type="XML",
    media_type="application/xml",
    conforms_to="http://iatistandard.org/203/",
)
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
    CatalogueDataset(
        key="themes",
        api_path="themes/",
        page_url_name="initiatives:theme_list",
        model=Theme,
        title={"da": "Temaer", "sv": "Teman", "en": "Themes"},
        description={
            "da": "Tværgående velfærdsudfordringer, som netværkene arbejder med.",
            "sv": "Övergripande välfärdsutmaningar som nätverken arbetar med.",
            "en": "Cross-cutting welfare challenges the networks work on.",
        },
    ),
    CatalogueDataset(
        key="missions",
        api_path="missions/",
        page_url_name="initiatives:mission_list",
        model=Mission,
        title={"da": "Missioner", "sv": "Missioner", "en": "Missions"},
        description={
            "da": "Fælles retninger for en periode med problem, mål og de organisationer, der er med.",
            "sv": "Gemensamma riktningar för en period med problem, mål och de organisationer som deltar.",
            "en": "Shared directions for a period, with problem, goal and the organisations that joined.",
        },
    ),
    CatalogueDataset(
        key="initiatives",
        api_path="initiatives/",
        page_url_name="initiatives:initiative_list",
        model=Initiative,
        title={"da": "Indsatser", "sv": "Initiativ", "en": "Initiatives"},
        description={
            "da": "Projekter, piloter og målrettede indsatser med fase, partnere, finansiering og forandringsteori.",
            "sv": "Projekt, piloter och riktade insatser med fas, partner, finansiering och förändringsteori.",
            "en": "Projects, pilots and targeted actions with phase, partners, funding and theory of change.",
        },
        keywords={
            "da": ["velfærdsinnovation", "indsatser"],
            "sv": ["välfärdsinnovation", "initiativ"],
            "en": ["welfare innovation", "initiatives"],
        },
        exports=(IATI,),
    ),
    CatalogueDataset(
        key="portfolios",
        api_path="portfolios/",
        model=Portfolio,
        title={"da": "Porteføljer", "sv": "Portföljer", "en": "Portfolios"},
        description={
            "da": "Porteføljer af indsatser med kategorier, horisonter og beslutninger fra porteføljemøder.",
            "sv": "Portföljer av initiativ med kategorier, horisonter och beslut från portföljmöten.",
            "en": "Portfolios of initiatives with categories, horizons and decisions from portfolio reviews.",
        },
    ),
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

app_name = "export"
urlpatterns = [
    path("iati/", IatiExportView.as_view(results_source=indicator_results), name="iati"),
    path("popolo/", PopoloExportView.as_view(), name="popolo"),
    path("dcat/", DcatCatalogView.as_view(datasets=DATASETS), name="dcat"),
]
