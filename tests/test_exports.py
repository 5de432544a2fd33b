"""The standard exports: IATI activity XML, Popolo JSON, the DCAT-AP catalogue and the
schema.org JSON-LD tags. Validated against the official schemas in shared/standards."""

import datetime
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import etree

from core.choices import Currency, Visibility
from initiatives.choices import FundingKind, InitiativeKind, ParticipationRole, Phase, TargetGroup
from initiatives.exports import iati_identifier
from partners.choices import Country, IdentifierScheme, MembershipRole, Sector

from . import factories

pytestmark = [
    pytest.mark.django_db,
    # rdflib's JSON-LD parser uses its own deprecated API thousands of times per parse.
    pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib"),
]

# ../shared/standards beside the checkout (found from a git worktree's folder too).
STANDARDS = next(
    folder / "shared" / "standards"
    for folder in Path(settings.BASE_DIR).parents
    if (folder / "shared" / "standards").is_dir()
)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(autouse=True)
def fresh_throttle_counts():
    """The anonymous throttle counts requests in the default cache; these tests make many."""
    cache.clear()


@pytest.fixture(scope="module")
def iati_schema():
    return etree.XMLSchema(etree.parse(str(STANDARDS / "iati-2.03" / "iati-activities-schema.xsd")))


def iati(client, query=""):
    response = client.get(reverse("export:iati") + query)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/xml"
    return etree.fromstring(b"".join(response.streaming_content))


def activities_by_title(document):
    return {activity.findtext("title/narrative"): activity for activity in document.findall("iati-activity")}


@pytest.fixture
def world(network):
    """A parent initiative with a pilot and a twin, partners, funding and indicators; a
    composted one; and records the public must not see."""
    lead = factories.OrganisationFactory(name="Lead NGO", identifier_scheme=IdentifierScheme.CVR, identifier="12345678")
    company = factories.OrganisationFactory(
        name="Swedish AB",
        sector=Sector.COMPANY,
        country=Country.SWEDEN,
        identifier_scheme=IdentifierScheme.ORGANISATIONSNUMMER,
        identifier="556000-0000",
    )
    foundation = factories.OrganisationFactory(name="Fonden", sector=Sector.FOUNDATION)
    copenhagen = factories.MunicipalityFactory(name="København", municipality_code="101")
    eskilstuna = factories.MunicipalityFactory(name="Eskilstuna", country=Country.SWEDEN, municipality_code="0484")

    parent = factories.InitiativeFactory(
        network=network,
        title="Familier i fællesskab",
        language="da",
        phase=Phase.SCALING,
        intention="Flere familier i fællesskaber.",
        target_groups=[TargetGroup.VULNERABLE_FAMILIES],
        sdg_targets=["3.4", "10.b"],
        start_date=datetime.date(2024, 1, 1),
        end_date=datetime.date(2027, 12, 31),
    )
    parent.municipalities.add(copenhagen, eskilstuna)
    factories.ParticipationFactory(initiative=parent, organisation=lead, role=ParticipationRole.LEAD)
    factories.ParticipationFactory(initiative=parent, organisation=company, role=ParticipationRole.PARTNER)
    factories.ParticipationFactory(initiative=parent, organisation=foundation, role=ParticipationRole.FUNDER)
    factories.FundingFactory(initiative=parent, funder=foundation, funder_name="", amount=250000)
    factories.FundingFactory(initiative=parent, funder_name="Puljen", currency=Currency.SEK)
    factories.FundingFactory(initiative=parent, funder_name="Kommunen", kind=FundingKind.IN_KIND, amount=1000)
    indicator = factories.IndicatorFactory(initiative=parent, name="Families reached", baseline=0, target=120)
    factories.MeasurementFactory(indicator=indicator, date=datetime.date(2024, 6, 30), value=40)
    factories.MeasurementFactory(indicator=indicator, date=datetime.date(2024, 12, 31), value="85.500")
    factories.IndicatorFactory(initiative=parent, name="Share satisfied", unit="%", target=80)

    pilot = factories.InitiativeFactory(
        network=network, title="Pilot i Eskilstuna", language="sv", kind=InitiativeKind.PILOT, parent=parent
    )
    twin = factories.InitiativeFactory(network=network, title="Tvilling", language="en", twin_of=parent)
    composted = factories.InitiativeFactory(
        network=network,
        title="Komposteret",
        phase=Phase.COMPOSTED,
        composted_reason="Ingen efterspørgsel.",
        composted_lessons="Spørg borgerne først.",
        start_date=datetime.date(2023, 1, 1),
        end_date=datetime.date(2023, 6, 30),
    )
    undated = factories.InitiativeFactory(network=network, title="Uden datoer", start_date=None)
    hidden_pilot = factories.InitiativeFactory(
        network=network,
        title="Netværkspilot",
        kind=InitiativeKind.PILOT,
        parent=parent,
        visibility=Visibility.NETWORK,
    )
    draft = factories.InitiativeFactory(network=network, title="Kladde", visibility=Visibility.DRAFT)
    return {
        "parent": parent,
        "pilot": pilot,
        "twin": twin,
        "composted": composted,
        "undated": undated,
        "hidden_pilot": hidden_pilot,
        "draft": draft,
        "lead": lead,
        "company": company,
    }


# --- IATI --------------------------------------------------------------------------


def test_iati_validates_against_the_activity_schema(client, world, network_admin, iati_schema):
    anonymous = iati(client)
    iati_schema.assertValid(anonymous)
    client.force_login(network_admin)
    everything = iati(client)
    iati_schema.assertValid(everything)
    assert everything.get("version") == "2.03"
    assert everything.get("generated-datetime")
    assert len(everything.findall("iati-activity")) == 7


def test_iati_activity_content(client, world):
    activities = activities_by_title(iati(client))
    parent = activities["Familier i fællesskab"]
    assert parent.findtext("iati-identifier") == iati_identifier(world["parent"].pk)
    assert parent.findtext("iati-identifier").startswith("XM-HORISONT-")
    assert parent.find("reporting-org").get("ref") == "XM-HORISONT"
    assert parent.find("title/narrative").get(XML_LANG) == "da"
    assert activities["Pilot i Eskilstuna"].find("title/narrative").get(XML_LANG) == "sv"
    assert parent.find("activity-status").get("code") == "2"
    assert activities["Komposteret"].find("activity-status").get("code") == "5"
    assert {d.get("type") for d in parent.findall("description")} == {"1", "2", "3"}
    target_groups = [(n.get(XML_LANG), n.text) for n in parent.findall("description[@type='3']/narrative")]
    assert target_groups[-1] == ("en", "Vulnerable families")
    assert ("da", "Vulnerable families") not in target_groups  # an untranslated label is not Danish
    assert "Spørg borgerne først." in activities["Komposteret"].find("description[@type='4']/narrative").text

    orgs = {
        (o.findtext("narrative"), o.get("role"), o.get("type"), o.get("ref"))
        for o in parent.findall("participating-org")
    }
    assert orgs == {
        ("Lead NGO", "2", "22", "DK-CVR-12345678"),
        ("Swedish AB", "4", "70", "SE-ON-5560000000"),
        ("Fonden", "1", "60", None),
        ("Puljen", "1", None, None),
        ("Kommunen", "1", None, None),
    }
    lonely = activities["Uden datoer"].findall("participating-org")
    assert [(o.get("role"), o.findtext("narrative")) for o in lonely] == [("2", "Samhällskontraktet")]

    dates = {(d.get("type"), d.get("iso-date")) for d in parent.findall("activity-date")}
    assert dates == {("2", "2024-01-01"), ("3", "2027-12-31")}
    assert {(d.get("type"), d.get("iso-date")) for d in activities["Komposteret"].findall("activity-date")} == {
        ("2", "2023-01-01"),
        ("4", "2023-06-30"),
    }
    assert [d.get("type") for d in activities["Uden datoer"].findall("activity-date")] == ["1"]

    countries = {(c.get("code"), c.get("percentage")) for c in parent.findall("recipient-country")}
    assert countries == {("DK", "50.00"), ("SE", "50.00")}
    assert parent.find("sector").get("code") == "16010"
    assert [t.get("code") for t in parent.findall("tag")] == ["3.4", "10.b"]

    budgets = [
        (b.find("period-start").get("iso-date"), b.find("value").text, b.find("value").get("currency"))
        for b in parent.findall("budget")
    ]
    # One budget per calendar year and currency (at most twelve months each); in-kind
    # support has no budget. The rows run 2025-2026: half of each in each year.
    assert budgets == [
        ("2025-01-01", "125000", "DKK"),
        ("2025-01-01", "250000", "SEK"),
        ("2026-01-01", "125000", "DKK"),
        ("2026-01-01", "250000", "SEK"),
    ]

    related = {(r.get("ref"), r.get("type")) for r in parent.findall("related-activity")}
    assert related == {
        (iati_identifier(world["pilot"].pk), "2"),
        (iati_identifier(world["twin"].pk), "3"),
    }
    assert {(r.get("ref"), r.get("type")) for r in activities["Pilot i Eskilstuna"].findall("related-activity")} == {
        (iati_identifier(world["parent"].pk), "1")
    }
    assert activities["Pilot i Eskilstuna"].get("hierarchy") == "2"

    results = parent.findall("result")
    assert len(results) == 2
    families = next(r for r in results if r.findtext("title/narrative") == "Families reached")
    indicator = families.find("indicator")
    assert indicator.get("measure") == "1" and indicator.get("ascending") == "true"
    assert indicator.find("baseline").get("value") == "0"
    actuals = [
        (p.find("period-start").get("iso-date"), p.find("period-end").get("iso-date"), p.find("actual").get("value"))
        for p in indicator.findall("period")
        if p.find("actual") is not None
    ]
    assert actuals == [("2024-01-01", "2024-06-30", "40"), ("2024-07-01", "2024-12-31", "85.5")]
    assert indicator.find("period/target").get("value") == "120"
    satisfied = next(r for r in results if r.findtext("title/narrative") == "Share satisfied")
    assert satisfied.find("indicator").get("measure") == "2"


def test_iati_anonymous_sees_public_initiatives_only(client, world):
    titles = set(activities_by_title(iati(client)))
    assert titles == {"Familier i fællesskab", "Pilot i Eskilstuna", "Tvilling", "Komposteret", "Uden datoer"}
    # Nor are hidden records named in a public activity.
    document = etree.tostring(iati(client)).decode()
    assert iati_identifier(world["hidden_pilot"].pk) + "<" not in document
    assert f'ref="{iati_identifier(world["hidden_pilot"].pk)}"' not in document


def test_iati_does_not_name_a_parent_the_user_may_not_see(client, world):
    world["parent"].visibility = Visibility.NETWORK
    world["parent"].save()
    pilot = activities_by_title(iati(client))["Pilot i Eskilstuna"]
    assert pilot.findall("related-activity") == [] and pilot.get("hierarchy") is None


def test_iati_a_member_sees_network_initiatives_and_their_relations(client, world, member):
    client.force_login(member)
    activities = activities_by_title(iati(client))
    assert "Netværkspilot" in activities and "Kladde" not in activities
    refs = {r.get("ref") for r in activities["Familier i fællesskab"].findall("related-activity")}
    assert iati_identifier(world["hidden_pilot"].pk) in refs


def test_iati_with_a_token_reads_what_its_user_may_see(client, world, member, network_admin):
    from core.models import ApiToken

    _, member_secret = ApiToken.issue(member, "BI")
    _, admin_secret = ApiToken.issue(network_admin, "Open data")
    as_member = etree.fromstring(
        b"".join(client.get(reverse("export:iati"), HTTP_AUTHORIZATION=f"Bearer {member_secret}").streaming_content)
    )
    assert {"Netværkspilot"} <= set(activities_by_title(as_member)) and "Kladde" not in activities_by_title(as_member)
    as_admin = etree.fromstring(
        b"".join(client.get(reverse("export:iati"), HTTP_AUTHORIZATION=f"Token {admin_secret}").streaming_content)
    )
    assert "Kladde" in activities_by_title(as_admin)
    assert client.get(reverse("export:iati"), HTTP_AUTHORIZATION="Bearer hrs_wrong").status_code == 401


def test_iati_takes_the_initiative_filters(client, world, iati_schema):
    composted = iati(client, "?phase=composted")
    assert list(activities_by_title(composted)) == ["Komposteret"]
    iati_schema.assertValid(composted)
    pilots = iati(client, f"?parent_id={world['parent'].pk}")
    assert list(activities_by_title(pilots)) == ["Pilot i Eskilstuna"]
    by_partner = iati(client, f"?organisation_id={world['company'].pk}&ordering=-title")
    assert list(activities_by_title(by_partner)) == ["Familier i fællesskab"]
    assert len(iati(client, "?q=Tvilling").findall("iati-activity")) == 1


def test_iati_rejects_a_bad_filter_without_a_server_error(client, world):
    response = client.get(reverse("export:iati") + "?phase=nonsense")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert [error["parameter"] for error in response.json()["errors"]] == ["phase"]


def test_iati_with_nothing_to_show_is_still_well_formed(client, world):
    document = iati(client, "?q=no-such-initiative")
    assert document.tag == "iati-activities" and len(document) == 0


def test_iati_answers_whatever_the_accept_header(client, world):
    for accept in ("text/html", "application/xml", "text/csv"):
        response = client.get(reverse("export:iati"), HTTP_ACCEPT=accept)
        assert response.status_code == 200 and response["Content-Type"] == "application/xml"
    response = client.get(reverse("export:popolo") + "?format=csv")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"


def _busy_initiatives(network, count):
    for _ in range(count):
        initiative = factories.InitiativeFactory(network=network)
        initiative.municipalities.add(factories.MunicipalityFactory())
        factories.ParticipationFactory(initiative=initiative)
        factories.FundingFactory(initiative=initiative)
        indicator = factories.IndicatorFactory(initiative=initiative, baseline=1, target=2)
        factories.MeasurementFactory(indicator=indicator)
        factories.InitiativeFactory(network=network, kind=InitiativeKind.PILOT, parent=initiative)


def _count_iati_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("export:iati"))
        body = b"".join(response.streaming_content)
    return len(queries), body.count(b"<iati-activity ")


def test_iati_query_count_does_not_grow_with_the_initiatives(client, network):
    _busy_initiatives(network, 5)
    few, exported = _count_iati_queries(client)
    assert exported == 10
    _busy_initiatives(network, 25)
    many, exported = _count_iati_queries(client)
    assert exported == 60
    assert many == few <= 15


# --- Popolo ------------------------------------------------------------------------


def test_popolo_document(client, world, network, member):
    factories.MembershipFactory(network=network, person=None, organisation=world["lead"], role=MembershipRole.MEMBER)
    response = client.get(reverse("export:popolo"))
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    document = response.json()
    assert set(document) == {"organizations", "persons", "memberships"}
    organisations = {o["id"]: o for o in document["organizations"]}
    assert organisations[f"network/{network.pk}"]["classification"] == "network"
    lead = organisations[f"organisation/{world['lead'].pk}"]
    assert lead["classification"] == "civil_society"
    assert lead["identifiers"] == [{"scheme": "DK-CVR", "identifier": "12345678"}]
    person = member.person
    assert {"id": f"person/{person.pk}", "name": person.name} in document["persons"]
    memberships = document["memberships"]
    assert {
        "id": f"membership/{person.memberships.get().pk}",
        "person_id": f"person/{person.pk}",
        "member": {"@type": "Person", "id": f"person/{person.pk}"},
        "organization_id": f"network/{network.pk}",
        "role": "member",
    } in memberships
    assert any(
        m.get("member") == {"@type": "Organization", "id": f"organisation/{world['lead'].pk}"}
        and m["organization_id"] == f"network/{network.pk}"
        for m in memberships
    )
    assert any(
        m["person_id"] == f"person/{person.pk}" and m["organization_id"] == f"organisation/{person.organisation_id}"
        for m in memberships
        if "person_id" in m
    )
    # Every reference points to something in the document.
    ids = set(organisations) | {p["id"] for p in document["persons"]}
    for membership in memberships:
        assert membership["organization_id"] in ids
        assert membership["member"]["id"] in ids


def test_popolo_publishes_no_email(client, world, member, coordinator):
    assert member.person.work_email and member.email
    text = client.get(reverse("export:popolo")).content.decode()
    assert "@" not in text.replace('"@type"', "")
    assert member.person.work_email not in text and "email" not in text


# --- DCAT-AP -----------------------------------------------------------------------


# Accept header -> (Content-Type, rdflib parser): the serialisations the catalogue offers.
DCAT_SERIALISATIONS = {
    "application/ld+json": ("application/ld+json", "json-ld"),
    "text/turtle": ("text/turtle; charset=utf-8", "turtle"),
    "application/rdf+xml": ("application/rdf+xml; charset=utf-8", "xml"),
}


def _dcat_graph(client, accept="application/ld+json", query=""):
    from rdflib import Graph

    content_type, parser = DCAT_SERIALISATIONS[accept]
    response = client.get(reverse("export:dcat") + query, HTTP_ACCEPT=accept)
    assert response.status_code == 200 and response["Content-Type"] == content_type, response["Content-Type"]
    return response, Graph().parse(data=response.content.decode(), format=parser)


@pytest.mark.parametrize("accept", list(DCAT_SERIALISATIONS))
def test_dcat_catalogue_conforms_to_dcat_ap_3(client, world, accept):
    import pyshacl

    _, graph = _dcat_graph(client, accept)
    conforms, _, report = pyshacl.validate(
        graph, shacl_graph=str(STANDARDS / "dcat-ap-3.0.0" / "dcat-ap-SHACL.ttl"), shacl_graph_format="turtle"
    )
    assert conforms, report


def test_dcat_is_the_same_graph_in_every_serialisation(client, world):
    from rdflib.compare import isomorphic

    _, jsonld = _dcat_graph(client)
    assert len(jsonld) > 200
    for accept in ("text/turtle", "application/rdf+xml"):
        response, graph = _dcat_graph(client, accept)
        assert isomorphic(graph, jsonld), accept
        assert "Accept" in response["Vary"]
    # ?format= names a serialisation too; an Accept naming none of them gets JSON-LD.
    _, by_format = _dcat_graph(client, "text/turtle", "?format=ttl")
    assert isomorphic(by_format, jsonld)
    response = client.get(reverse("export:dcat"), HTTP_ACCEPT="text/html")
    assert response.status_code == 200 and response["Content-Type"] == "application/ld+json"


@pytest.mark.parametrize("accept", list(DCAT_SERIALISATIONS))
def test_dcat_datasets_have_a_publisher_and_a_contact_point(client, world, accept):
    from rdflib import Namespace
    from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

    vcard = Namespace("http://www.w3.org/2006/vcard/ns#")
    _, graph = _dcat_graph(client, accept)
    datasets = list(graph.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == 10
    for dataset in datasets:
        publisher = graph.value(dataset, DCTERMS.publisher)
        assert publisher is not None and (publisher, RDF.type, FOAF.Agent) in graph
        assert str(graph.value(publisher, FOAF.name))
        contact = graph.value(dataset, DCAT.contactPoint)
        assert contact is not None and (contact, RDF.type, vcard.Kind) in graph, dataset
        assert str(graph.value(contact, vcard.fn))
        assert (
            str(graph.value(contact, vcard.hasEmail)) == "mailto:" + settings.SPECTACULAR_SETTINGS["CONTACT"]["email"]
        )


def test_the_catalogue_data_lives_with_the_apps_and_config_only_wires():
    from config import export_urls
    from evaluation import exports as evaluation_exports
    from initiatives import exports as initiatives_exports
    from partners import exports as partners_exports
    from portfolios import exports as portfolios_exports

    keys = [dataset.key for dataset in export_urls.DATASETS]
    assert keys == [
        "networks",
        "organisations",
        "people",
        "memberships",
        "themes",
        "missions",
        "initiatives",
        "portfolios",
        "learning-entries",
        "events",
    ]
    for module in (partners_exports, initiatives_exports, portfolios_exports, evaluation_exports):
        for dataset in module.DATASETS:
            assert dataset.model._meta.app_label == module.__name__.partition(".")[0], dataset.key
    source = Path(export_urls.__file__).read_text()
    assert "CatalogueDataset(" not in source and "description=" not in source
    assert len(source.splitlines()) < 60


def test_dcat_catalogue_describes_the_datasets_and_their_distributions(client, world):
    from rdflib import URIRef
    from rdflib.namespace import DCAT, DCTERMS, RDF

    response, graph = _dcat_graph(client)
    catalogue = next(graph.subjects(RDF.type, DCAT.Catalog))
    assert {(t.language, str(t)) for t in graph.objects(catalogue, DCTERMS.title)} >= {
        ("da", "Horisont: velfærdsinnovation i netværk"),
        ("sv", "Horisont: välfärdsinnovation i nätverk"),
        ("en", "Horisont: welfare innovation in networks"),
    }
    datasets = {str(graph.value(d, DCTERMS.identifier)): d for d in graph.objects(catalogue, DCAT.dataset)}
    assert {"initiatives", "organisations", "missions", "learning-entries"} <= set(datasets)
    initiatives = datasets["initiatives"]
    access_urls = {str(graph.value(d, DCAT.accessURL)) for d in graph.objects(initiatives, DCAT.distribution)}
    assert access_urls == {
        "http://testserver/api/v1/initiatives/",
        "http://testserver/api/v1/initiatives/download.csv",
        "http://testserver/api/v1/export/iati/",
    }
    csv_distribution = next(
        d for d in graph.objects(initiatives, DCAT.distribution) if str(graph.value(d, DCAT.accessURL)).endswith(".csv")
    )
    # The download is the whole list, not its first page (issue 12).
    assert str(graph.value(csv_distribution, DCAT.downloadURL)) == "http://testserver/api/v1/initiatives/download.csv"
    organisations = datasets["organisations"]
    assert "http://testserver/api/v1/export/popolo/" in {
        str(graph.value(d, DCAT.accessURL)) for d in graph.objects(organisations, DCAT.distribution)
    }
    iati_distribution = next(
        d
        for d in graph.objects(initiatives, DCAT.distribution)
        if str(graph.value(d, DCAT.accessURL)).endswith("/iati/")
    )
    assert graph.value(iati_distribution, DCAT.mediaType) == URIRef(
        "http://www.iana.org/assignments/media-types/application/xml"
    )
    assert graph.value(iati_distribution, DCTERMS.license) is not None
    # The modification date is the public's: a later change to a hidden record is not told.
    modified = graph.value(initiatives, DCTERMS.modified).toPython()
    public_latest = max(i.updated for i in world.values() if getattr(i, "visibility", None) == Visibility.PUBLIC)
    assert modified == public_latest


def test_dcat_shapes_catch_a_catalogue_without_a_publisher(client, world):
    """The conformance test above can fail: the same catalogue without its publisher does not conform."""
    import pyshacl
    from rdflib.namespace import DCTERMS

    _, graph = _dcat_graph(client)
    graph.remove((None, DCTERMS.publisher, None))
    conforms, _, _ = pyshacl.validate(graph, shacl_graph=str(STANDARDS / "dcat-ap-3.0.0" / "dcat-ap-SHACL.ttl"))
    assert not conforms


def test_dcat_distributions_of_the_api_answer(client, world):
    """Every JSON and CSV distribution the catalogue names is an API list that answers."""
    from rdflib.namespace import DCAT

    _, graph = _dcat_graph(client)
    urls = {str(url) for url in graph.objects(None, DCAT.accessURL) if "/api/v1/" in str(url)}
    assert len(urls) >= 20
    for url in sorted(urls):
        response = client.get(url.removeprefix("http://testserver"))
        assert response.status_code == 200, url
        if url.endswith("download.csv"):
            expected = "text/csv"
        else:
            expected = "application/xml" if "/iati/" in url else "application/json"
        assert response["Content-Type"].startswith(expected), url


# --- schema.org JSON-LD --------------------------------------------------------------

HOSTILE = "</script><script>alert(1)</script> & <!--"


def _render(source, **context):
    request = RequestFactory().get("/")
    return Template(source).render(Context({"request": request, **context}))


def _jsonld(html):
    match = re.fullmatch(r'<script type="application/ld\+json">(.*)</script>', html, re.S)
    assert match, html
    return json.loads(match.group(1))


def test_initiative_jsonld_is_escaped_and_describes_a_project(world):
    initiative = world["parent"]
    initiative.title = HOSTILE
    initiative.save()
    html = _render("{% load initiatives_jsonld %}{% initiative_jsonld initiative %}", initiative=initiative)
    assert html.count("</script>") == 1 and "<script>" not in html and "<!--" not in html
    data = _jsonld(html)
    assert data["@type"] == "Project" and data["name"] == HOSTILE
    assert data["url"] == f"http://testserver/initiatives/{initiative.slug}/"
    assert {m["name"] for m in data["member"]} == {"Lead NGO", "Swedish AB"}
    assert {f["name"] for f in data["funder"]} == {"Fonden", "Puljen", "Kommunen"}
    assert {a["name"] for a in data["areaServed"]} == {"København", "Eskilstuna"}


def test_initiative_jsonld_only_for_public_initiatives(world):
    source = "{% load initiatives_jsonld %}{% initiative_jsonld initiative %}"
    assert _render(source, initiative=world["hidden_pilot"]) == ""
    assert _render(source, initiative=world["draft"]) == ""
    # A public pilot does not name its parent when the parent is not public.
    world["parent"].visibility = Visibility.NETWORK
    world["parent"].save()
    data = _jsonld(_render(source, initiative=world["pilot"]))
    assert [p["@type"] for p in data["parentOrganization"]] == ["Organization"]


def test_organisation_jsonld(world, network):
    organisation = world["lead"]
    organisation.name = HOSTILE
    organisation.save()
    factories.MembershipFactory(network=network, person=None, organisation=organisation)
    html = _render("{% load partners_jsonld %}{% organisation_jsonld organisation %}", organisation=organisation)
    assert html.count("</script>") == 1 and "<script>" not in html
    data = _jsonld(html)
    assert data["@type"] == "Organization" and data["name"] == HOSTILE
    assert data["identifier"] == [{"@type": "PropertyValue", "propertyID": "DK-CVR", "value": "12345678"}]
    assert data["memberOf"][0]["name"] == network.name
    assert "email" not in json.dumps(data)


def test_event_jsonld(world, network):
    source = "{% load evaluation_jsonld %}{% event_jsonld event %}"
    event = factories.EventFactory(network=network, title=HOSTILE, initiative=world["parent"])
    html = _render(source, event=event)
    assert html.count("</script>") == 1 and "<script>" not in html
    data = _jsonld(html)
    assert data["@type"] == "Event" and data["name"] == HOSTILE and data["startDate"] == "2025-05-26"
    assert data["about"][0]["name"] == "Familier i fællesskab"
    hidden = factories.EventFactory(network=network, visibility=Visibility.NETWORK)
    assert _render(source, event=hidden) == ""
    about_hidden = factories.EventFactory(network=network, initiative=world["hidden_pilot"])
    assert "about" not in _jsonld(_render(source, event=about_hidden))
