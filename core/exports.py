"""What the standard exports share, and the DCAT-AP 3.0 catalogue of the API's datasets.

core imports none of the apps: each app describes its datasets (`DATASETS` in its
exports.py: paths, texts, models) and config/export_urls.py hands them all to
`DcatCatalogView`. The catalogue is one graph, written as JSON-LD, Turtle or RDF/XML
as the client's Accept header (or `?format=jsonld|ttl|rdf`) asks."""

import json
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Max
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView


class ExportView(APIView):
    """A read-only export. Authentication, throttling and error documents are the API's;
    what a user sees is decided by `visible_to(user)` in each export, so anyone may ask.

    An export has one format of its own, so the Accept header and `?format=` never turn
    a request away (DRF would answer 406 or 404); errors are the API's problem documents."""

    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    pagination_class = None

    def perform_content_negotiation(self, request, force=False):
        return super().perform_content_negotiation(request, force=True)


# Inside <script>, "</script>" or "<!--" in the data would end or derail the element; the
# JSON escapes keep the value the same for any JSON parser.
_SCRIPT_ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def jsonld_script(data, nonce=None):
    """`data` as a <script type="application/ld+json"> element, safe to put in a page
    whatever the strings in it contain, with the response's CSP nonce when given."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    nonce_attribute = f' nonce="{escape(nonce)}"' if nonce else ""
    return mark_safe(f'<script type="application/ld+json"{nonce_attribute}>{text}</script>')  # noqa: S308 - escaped


def jsonld_tag(context, data):
    """What a page's JSON-LD template tag writes: nothing without data (a record the
    public may not see), else the script element with the request's CSP nonce. Every
    schema.org tag (initiatives, organisations, networks, missions, learning entries,
    events) goes through here."""
    if not data:
        return ""
    request = context.get("request")
    # django-csp's lazy nonce is falsy until read; reading it puts it in the header.
    nonce = getattr(request, "csp_nonce", None) if request is not None else None
    return jsonld_script(data, nonce=str(nonce) if nonce is not None else None)


# --- DCAT-AP 3.0.0 --------------------------------------------------------------------

DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
EU_AUTHORITY = "http://publications.europa.eu/resource/authority/"
IANA_MEDIA_TYPES = "http://www.iana.org/assignments/media-types/"
DEFAULT_LICENCE = EU_AUTHORITY + "licence/CC_BY_4_0"
# The languages the portal's content is written in, and the countries its networks work in.
CONTENT_LANGUAGES = {"da": "DAN", "sv": "SWE", "en": "ENG"}
COVERED_COUNTRIES = ("DNK", "SWE")
# Labels as the EU data-theme vocabulary gives them: a harvester shows them without a lookup.
DATA_THEMES = {
    "SOCI": {"da": "Befolkning og samfund", "sv": "Befolkning och samhälle", "en": "Population and society"},
    "GOVE": {
        "da": "Regeringen og den offentlige sektor",
        "sv": "Regeringen och den offentliga sektorn",
        "en": "Government and public sector",
    },
}

# The catalogue's own texts are published in all three languages at once, whatever the
# interface language of the request, so they are data here rather than gettext strings.
CATALOGUE_TITLE = {
    "da": "Horisont: velfærdsinnovation i netværk",
    "sv": "Horisont: välfärdsinnovation i nätverk",
    "en": "Horisont: welfare innovation in networks",
}
CATALOGUE_DESCRIPTION = {
    "da": "Åbne data om danske og svenske velfærdsinnovationsnetværk: organisationer, missioner, "
    "indsatser, læring og begivenheder, som de offentliggøres i Horisont.",
    "sv": "Öppna data om danska och svenska nätverk för välfärdsinnovation: organisationer, "
    "missioner, initiativ, lärande och händelser, så som de publiceras i Horisont.",
    "en": "Open data about Danish and Swedish welfare-innovation networks: organisations, "
    "missions, initiatives, learning and events, as published in Horisont.",
}
API_TITLE = {"da": "Horisonts API", "sv": "Horisonts API", "en": "The Horisont API"}
API_DESCRIPTION = {
    "da": "REST API (JSON og CSV) med filtre og inkrementel synkronisering (updated_since).",
    "sv": "REST-API (JSON och CSV) med filter och inkrementell synkronisering (updated_since).",
    "en": "REST API (JSON and CSV) with filters and incremental sync (updated_since).",
}
JSON_TITLE = {"da": "JSON fra API'et", "sv": "JSON från API:et", "en": "JSON from the API"}
CSV_TITLE = {"da": "CSV fra API'et", "sv": "CSV från API:et", "en": "CSV from the API"}


@dataclass(frozen=True)
class ExportDistribution:
    """A standard export of a dataset, named by its URL name (e.g. "export:iati")."""

    url_name: str
    title: dict
    file_type: str  # EU file-type code: XML, JSON, ...
    media_type: str  # IANA media type
    conforms_to: str = ""  # the standard's IRI


@dataclass(frozen=True)
class CatalogueDataset:
    """One public resource of the API. `api_path` is below /api/v1/; `model` has a
    `visible_to` queryset and an `updated` field, for the dataset's modification date."""

    key: str
    api_path: str
    title: dict
    description: dict
    keywords: dict = field(default_factory=dict)
    themes: tuple = ("SOCI",)
    page_url_name: str = ""
    model: type | None = None
    exports: tuple = ()


def _texts(texts):
    return [{"@value": value, "@language": language} for language, value in texts.items()]


def _ref(iri):
    return {"@id": iri}


def _datetime(value):
    return {"@value": value.isoformat(), "@type": "xsd:dateTime"}


class _Graph:
    """Collects the nodes that only say what a referenced IRI is. The DCAT-AP shapes ask
    for the class of every value (a licence is a dct:LicenseDocument, an access URL an
    rdfs:Resource), and a harvester without inference needs that said too."""

    def __init__(self):
        self.nodes = {}

    def ref(self, iri, rdf_type, **properties):
        node = self.nodes.setdefault(iri, {"@id": iri, "@type": []})
        if rdf_type not in node["@type"]:
            node["@type"].append(rdf_type)
        node.update(properties)
        return _ref(iri)


def _reverse_or_empty(url_name):
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return ""


def _contact_point(graph, iri, publisher_name):
    """Whom to ask about a dataset (DCAT-AP recommends it on every dataset): the
    publisher's data contact (HORISONT_CONTACT_NAME/EMAIL), by default the API's contact
    (API_CONTACT_NAME/EMAIL/URL)."""
    api_contact = settings.SPECTACULAR_SETTINGS.get("CONTACT", {})
    email = getattr(settings, "HORISONT_CONTACT_EMAIL", "") or api_contact.get("email", "")
    properties = {"vcard:fn": getattr(settings, "HORISONT_CONTACT_NAME", "") or publisher_name}
    if email:
        properties["vcard:hasEmail"] = _ref(f"mailto:{email}")
    if api_contact.get("url"):
        properties["vcard:hasURL"] = _ref(api_contact["url"])
    graph.ref(iri, "vcard:Organization")
    return graph.ref(iri, "vcard:Kind", **properties)


def dcat_catalogue(datasets, absolute_url, catalogue_url):
    """The catalogue as a JSON-LD document. `absolute_url(path)` makes a path absolute."""
    graph = _Graph()
    api_root = absolute_url("/api/v1/")
    home = absolute_url("/")
    licence = graph.ref(getattr(settings, "HORISONT_DATA_LICENCE", DEFAULT_LICENCE), "dct:LicenseDocument")
    public_access = graph.ref(EU_AUTHORITY + "access-right/PUBLIC", "dct:RightsStatement")
    continuously = graph.ref(EU_AUTHORITY + "frequency/UPDATE_CONT", "dct:Frequency")
    languages = [
        graph.ref(EU_AUTHORITY + "language/" + code, "dct:LinguisticSystem") for code in CONTENT_LANGUAGES.values()
    ]
    countries = [graph.ref(EU_AUTHORITY + "country/" + code, "dct:Location") for code in COVERED_COUNTRIES]
    publisher_iri = getattr(settings, "HORISONT_PUBLISHER_URL", "") or home + "#publisher"
    publisher = _ref(publisher_iri)
    theme_scheme = graph.ref(
        EU_AUTHORITY + "data-theme", "skos:ConceptScheme", **{"dct:title": _texts({"en": "Data theme"})}
    )
    publisher_name = getattr(settings, "HORISONT_PUBLISHER_NAME", "Horisont")
    graph.ref(publisher_iri, "foaf:Agent", **{"foaf:name": publisher_name})
    contact = _contact_point(graph, home + "#contact", publisher_name)

    service_iri = catalogue_url + "#api"
    schema_path = _reverse_or_empty("api:schema") or "/api/v1/schema/"
    service = {
        "@id": service_iri,
        "@type": "dcat:DataService",
        "dct:title": _texts(API_TITLE),
        "dct:description": _texts(API_DESCRIPTION),
        "dcat:endpointURL": graph.ref(api_root, "rdfs:Resource"),
        "dcat:endpointDescription": graph.ref(absolute_url(schema_path), "rdfs:Resource"),
        "dct:publisher": publisher,
        "dct:license": licence,
        "dct:accessRights": public_access,
        "dcat:servesDataset": [_ref(f"{catalogue_url}#{dataset.key}") for dataset in datasets],
    }

    def distribution(iri, title, url, file_type, media_type, conforms_to="", download=False):
        node = {
            "@id": iri,
            "@type": "dcat:Distribution",
            "dct:title": _texts(title),
            "dcat:accessURL": graph.ref(url, "rdfs:Resource"),
            "dct:format": graph.ref(EU_AUTHORITY + "file-type/" + file_type, "dct:MediaTypeOrExtent"),
            "dcat:mediaType": graph.ref(IANA_MEDIA_TYPES + media_type, "dct:MediaType"),
            "dct:license": licence,
            "dcat:accessService": _ref(service_iri),
        }
        if download:
            node["dcat:downloadURL"] = graph.ref(url, "rdfs:Resource")
        if conforms_to:
            node["dct:conformsTo"] = graph.ref(conforms_to, "dct:Standard")
        return node

    dataset_nodes, modified_dates = [], []
    for dataset in datasets:
        iri = f"{catalogue_url}#{dataset.key}"
        list_url = absolute_url(f"/api/v1/{dataset.api_path}")
        distributions = [
            distribution(f"{iri}-json", JSON_TITLE, list_url, "JSON", "application/json"),
            # The whole list in one file (core/api/downloads.py), not one page of it.
            distribution(f"{iri}-csv", CSV_TITLE, f"{list_url}download.csv", "CSV", "text/csv", download=True),
        ]
        for export in dataset.exports:
            distributions.append(
                distribution(
                    f"{iri}-{export.url_name.rpartition(':')[2]}",
                    export.title,
                    absolute_url(reverse(export.url_name)),
                    export.file_type,
                    export.media_type,
                    export.conforms_to,
                    download=True,
                )
            )
        node = {
            "@id": iri,
            "@type": "dcat:Dataset",
            "dct:identifier": dataset.key,
            "dct:title": _texts(dataset.title),
            "dct:description": _texts(dataset.description),
            "dcat:theme": [
                graph.ref(
                    EU_AUTHORITY + "data-theme/" + code,
                    "skos:Concept",
                    **{"skos:prefLabel": _texts(DATA_THEMES[code]), "skos:inScheme": theme_scheme},
                )
                for code in dataset.themes
            ],
            "dct:publisher": publisher,
            "dct:language": languages,
            "dct:spatial": countries,
            "dct:accessRights": public_access,
            "dct:accrualPeriodicity": continuously,
            "dcat:distribution": distributions,
        }
        keywords = [
            {"@value": word, "@language": language} for language, words in dataset.keywords.items() for word in words
        ]
        if keywords:
            node["dcat:keyword"] = keywords
        node["dcat:contactPoint"] = contact
        page = _reverse_or_empty(dataset.page_url_name) if dataset.page_url_name else ""
        if page:
            node["dcat:landingPage"] = graph.ref(absolute_url(page), "foaf:Document")
        if dataset.model is not None:
            # What the public sees is what the catalogue describes, so its date is theirs.
            modified = dataset.model.objects.visible_to(AnonymousUser()).aggregate(latest=Max("updated"))["latest"]
            if modified:
                node["dct:modified"] = _datetime(modified)
                modified_dates.append(modified)
        dataset_nodes.append(node)

    catalogue = {
        "@id": catalogue_url,
        "@type": "dcat:Catalog",
        "dct:title": _texts(CATALOGUE_TITLE),
        "dct:description": _texts(CATALOGUE_DESCRIPTION),
        "dct:publisher": publisher,
        "foaf:homepage": graph.ref(home, "foaf:Document"),
        "dct:language": languages,
        "dct:spatial": countries,
        "dct:license": licence,
        "dcat:themeTaxonomy": theme_scheme,
        "dcat:service": [_ref(service_iri)],
        "dcat:dataset": dataset_nodes,
    }
    if modified_dates:
        catalogue["dct:modified"] = _datetime(max(modified_dates))
    return {"@context": DCAT_CONTEXT, "@graph": [catalogue, service, *graph.nodes.values()]}


class JsonLdRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).encode("utf-8")


class RdfRenderer(BaseRenderer):
    """A JSON-LD document written in another RDF syntax by rdflib (the same graph)."""

    rdflib_format = ""
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None and response.status_code >= 400:
            return JsonLdRenderer().render(data)
        from rdflib import Graph

        text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
        graph = Graph()
        graph.parse(data=text, format="json-ld")
        for prefix, namespace in DCAT_CONTEXT.items():
            graph.bind(prefix, namespace)
        return graph.serialize(format=self.rdflib_format, encoding="utf-8")


class TurtleRenderer(RdfRenderer):
    media_type = "text/turtle"
    format = "ttl"
    rdflib_format = "turtle"


class RdfXmlRenderer(RdfRenderer):
    media_type = "application/rdf+xml"
    format = "rdf"
    rdflib_format = "pretty-xml"


class DcatCatalogView(ExportView):
    """/api/v1/export/dcat/: the DCAT-AP catalogue for open-data portals to harvest, in
    JSON-LD (the default, also for an Accept header naming none of the three), Turtle or
    RDF/XML, by content negotiation."""

    datasets = ()
    renderer_classes = [JsonLdRenderer, TurtleRenderer, RdfXmlRenderer]

    @extend_schema(
        summary="The DCAT-AP 3.0 catalogue of the API's datasets (JSON-LD, Turtle or RDF/XML)",
        description=(
            "A dcat:Catalog with one dcat:Dataset per public resource, with its publisher, contact "
            "point and distributions (JSON and CSV from the API, and the IATI and Popolo exports), "
            "for national open-data portals to harvest. JSON-LD by default; `Accept: text/turtle` "
            "or `application/rdf+xml` (or `?format=ttl` / `?format=rdf`) for the same graph in "
            "Turtle or RDF/XML."
        ),
        responses={
            (200, "application/ld+json"): OpenApiResponse(OpenApiTypes.OBJECT, description="A JSON-LD document."),
            (200, "text/turtle"): OpenApiResponse(OpenApiTypes.STR, description="The catalogue in Turtle."),
            (200, "application/rdf+xml"): OpenApiResponse(OpenApiTypes.STR, description="The catalogue in RDF/XML."),
        },
        tags=["export"],
    )
    def get(self, request, *args, **kwargs):
        document = dcat_catalogue(self.datasets, request.build_absolute_uri, request.build_absolute_uri(request.path))
        return Response(document, headers={"Vary": "Accept"})
