"""A reference is visible only when its target is (issue 11), tested from the model graph.

For every foreign key and many-to-many field of the project whose target is a
`VisibleModel` (core.references.every_visible_reference, read from the apps' models, not
listed here), the test plants a draft target and a network-only target in one network,
each behind a public record of the pointing model. Then it reads, as an anonymous
visitor, a member of another network and a coordinator of another network (and, for the
drafts, a plain member of the targets' own network):

- every API list of the router (JSON and CSV, every page) and the detail of every row;
- every portal page reachable from the pages that need no parameters and from the
  public records' own pages (links followed: lists, details, event walls, summaries,
  JSON-LD in them, list exports), and every standard export (IATI, Popolo, DCAT);
- every API list searched for the hidden targets' titles (`q`: the FilterSet the
  portal's lists use too).

Nothing of a hidden target may appear: not its title, not its slug, not its id.

The other direction too: where the pointing model has an audience of its own, a hidden
record of it (draft, network-only) points at a public target, and the target's pages,
API answers and exports must not show it either (the wall's "led to", a parent's pilots,
a mission's initiatives, an initiative's learning).

A relation added later is planted without touching this file; a model without a factory
in tests/factories.py fails the test, which asks for one."""

import itertools
import re
from html.parser import HTMLParser
from types import SimpleNamespace
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.core.cache import cache
from django.db import connection, models
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core.choices import Visibility
from core.models import VisibleModel
from core.references import every_visible_reference
from partners.choices import MembershipRole

from . import factories
from .factories import factory_for, in_network
from .support.api import client_for

HIDDEN_VISIBILITIES = (Visibility.DRAFT, Visibility.NETWORK)
# Every hidden target's title holds this word (and search_word(its visibility)), and
# nothing else in the world does.
HIDDEN_WORD = "zqhidden"
# Hidden targets get ids from here, so that an id in an answer is recognisable.
FIRST_HIDDEN_ID = 7_700_000
HIDDEN_ID = re.compile(r"(?<![0-9])77000[0-9]{2}(?![0-9])")
SOURCE_WORD = "zqsource"
# Pages reached by following links, per reader: a bound so a crawl always ends.
MAX_PAGES = 900
SKIPPED_PATH_PARTS = ("/add/", "/edit/", "/delete/", "/import/", "/logout/", "/unsubscribe/", "/follow/", "/unfollow/")
SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/", "/i18n/", "/api/")
KEPT_QUERY_PARAMETERS = {"page", "export"}


def search_word(visibility):
    """A word only the hidden targets of one visibility have in their titles."""
    return f"zq{visibility}x"


def text_field(model):
    for name in ("title", "name"):
        try:
            return model._meta.get_field(name).name
        except Exception:  # noqa: BLE001 - the model has no such field
            continue
    return None


class Planter:
    def __init__(self, network):
        self.network = network
        self.ids = itertools.count(FIRST_HIDDEN_ID)
        self.numbers = itertools.count(1)
        self.hidden = []  # SimpleNamespace(target, token, relation, visibility): what must not show
        self.public_targets = []  # the public records hidden sources point at
        self.reader_sees = ()  # visibilities of hidden targets the current reader may see
        self.sources = []  # SimpleNamespace(record, model, field, target)

    def hidden_target(self, model, visibility, relation):
        token = f"{HIDDEN_WORD}{next(self.numbers):03d}"
        kwargs = {"pk": next(self.ids), "visibility": visibility, **in_network(model, self.network)}
        name = text_field(model)
        if name:
            kwargs[name] = f"Skjult {token} {search_word(visibility)}"
        target = factory_for(model)(**kwargs)
        self.hidden.append(SimpleNamespace(target=target, token=token, relation=relation, visibility=visibility))
        return target

    def public_target(self, model):
        kwargs = {"visibility": Visibility.PUBLIC, **in_network(model, self.network)}
        name = text_field(model)
        if name:
            kwargs[name] = f"Offentlig mål {SOURCE_WORD}{next(self.numbers):03d}"
        target = factory_for(model)(**kwargs)
        self.public_targets.append(target)
        return target

    def hidden_source(self, model, field, target, visibility):
        """A hidden record of model (a VisibleModel) whose `field` points at the public
        target: the reverse direction, which the target's pages must not show."""
        token = f"{HIDDEN_WORD}{next(self.numbers):03d}"
        name = text_field(model)
        title = f"Skjult kilde {token} {search_word(visibility)}" if name else None
        record = self.source(model, field, target, visibility=visibility, title=title, pk=next(self.ids))
        relation = f"{model._meta.label}.{field.name} (reverse)"
        self.hidden.append(SimpleNamespace(target=record, token=token, relation=relation, visibility=visibility))
        return record

    def source(self, model, field, target, visibility=Visibility.PUBLIC, title=None, pk=None):
        """A record of model (public unless told) whose `field` points at target."""
        kwargs = dict(in_network(model, self.network))
        if pk is not None:
            kwargs["pk"] = pk
        if issubclass(model, VisibleModel):
            kwargs["visibility"] = visibility
        name = text_field(model)
        if name and not model._meta.get_field(name).is_relation:
            kwargs[name] = title or f"Offentlig {SOURCE_WORD}{next(self.numbers):03d}"
        if field.many_to_many:
            record = factory_for(model)(**kwargs)
            through = field.remote_field.through
            if through._meta.auto_created:
                getattr(record, field.name).add(target)
            else:
                factory_for(through)(
                    **{field.m2m_field_name(): record, field.m2m_reverse_field_name(): target},
                    **in_network(through, self.network),
                )
        else:
            # Another optional reference of the same record stays empty (a follow names
            # a mission or an initiative, not both).
            for other in model._meta.concrete_fields:
                if (
                    other.is_relation
                    and other.null
                    and other is not field
                    and other.name in self._factory_fields(model)
                ):
                    kwargs[other.name] = None
            kwargs[field.name] = target
            record = factory_for(model)(**kwargs)
        if visibility == Visibility.PUBLIC:
            self.sources.append(SimpleNamespace(record=record, model=model, field=field, target=target))
        return record

    @staticmethod
    def _factory_fields(model):
        return set(factory_for(model)._meta.declarations)


@pytest.fixture
def planted(network, other_network):
    relations = every_visible_reference()
    planter = Planter(network)
    for model, field in relations:
        for visibility in HIDDEN_VISIBILITIES:
            target = planter.hidden_target(field.related_model, visibility, f"{model._meta.label}.{field.name}")
            planter.source(model, field, target)
    reverse_relations = [(model, field) for model, field in relations if issubclass(model, VisibleModel)]
    for model, field in reverse_relations:
        target = planter.public_target(field.related_model)
        for visibility in HIDDEN_VISIBILITIES:
            planter.hidden_source(model, field, target, visibility)
    # The summaries the jobs compute, as the nightly run would.
    from evaluation import services as evaluation_services

    evaluation_services.refresh_scopes(evaluation_services.all_scopes())
    return SimpleNamespace(relations=relations, reverse_relations=reverse_relations, planter=planter)


@pytest.fixture
def unthrottled(settings):
    """The crawl reads hundreds of answers a minute; the throttle is tested elsewhere."""
    rates = {"anon": "100000/min", "user": "100000/min"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}


@pytest.fixture
def readers(network, other_network, outsider, member, unthrottled):
    other_member = factories.UserFactory(username="other-member")
    factories.MembershipFactory(
        network=other_network, person=factories.PersonFactory(user=other_member), role=MembershipRole.MEMBER
    )
    return {
        "anonymous": None,
        "member of another network": other_member,
        "coordinator of another network": outsider,
        # A plain member of the targets' own network reads its network records, not its drafts.
        "member of the network": member,
    }


def body_of(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", errors="replace")


def leaks(body, planter):
    """What of the hidden targets a response body shows (for planter.reader_sees: the
    visibilities the reader is allowed, which are not looked for)."""
    text = body.lower()
    hidden = [item for item in planter.hidden if item.visibility not in planter.reader_sees]
    found = [f"{item.relation} ({item.visibility}): {item.token}" for item in hidden if item.token in text]
    ids = {item.target.pk for item in hidden}
    found += [f"id {match}" for match in HIDDEN_ID.findall(body) if int(match) in ids]
    return found


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag in ("a", "link"):
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


def crawlable(url):
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    if parts.path.startswith(SKIPPED_PREFIXES) or any(part in parts.path for part in SKIPPED_PATH_PARTS):
        return None
    query = [(name, value) for name, value in parse_qsl(parts.query) if name in KEPT_QUERY_PARAMETERS]
    if parts.query and not query:
        return None
    return parts.path + (f"?{urlencode(query)}" if query else "")


def parameterless_url_names(patterns=None, namespace="", prefix=""):
    if patterns is None:
        patterns = get_resolver().url_patterns
    names = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(("admin/", "i18n/", "static/", "media/")):
            continue
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names += parameterless_url_names(pattern.url_patterns, inner, route)
        elif isinstance(pattern, URLPattern) and pattern.name and not pattern.pattern.converters:
            names.append(f"{namespace}{pattern.name}")
    return names


def page_start_urls(planter):
    urls = []
    for name in parameterless_url_names():
        try:
            url = reverse(name)
        except Exception:  # noqa: BLE001 - a pattern with a regex group
            continue
        if url.startswith("/api/v1/export/") or crawlable(url):
            urls.append(url)
    for record in [source.record for source in planter.sources] + planter.public_targets:
        if hasattr(record, "get_absolute_url"):
            urls.append(record.get_absolute_url())
    return urls


def crawl_pages(client, planter):
    """{url: leaks} over the portal's pages and the standard exports."""
    found, seen = {}, set()
    queue = list(dict.fromkeys(page_start_urls(planter)))
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200:
            # A refused address (a hidden record's own page) echoes nothing but the address.
            continue
        text = body_of(response)
        problems = leaks(text, planter)
        if problems:
            found[url] = problems
        if "html" in response.get("Content-Type", ""):
            parser = LinkParser()
            parser.feed(text)
            for link in parser.links:
                link = crawlable(link)
                if link and link not in seen:
                    queue.append(link)
    return found, seen


def api_list_urls():
    from config.api_urls import router

    return [f"/api/v1/{prefix}/" for prefix, _, _ in router.registry]


def searchable_api_list_urls():
    from config.api_urls import router
    from core.filtersets import BaseFilterSet

    def searches(filterset):
        return filterset is not None and (filterset.search_fields or filterset.search is not BaseFilterSet.search)

    return [
        f"/api/v1/{prefix}/"
        for prefix, viewset, _ in router.registry
        if searches(getattr(viewset, "filterset_class", None))
    ]


def crawl_api(client, planter):
    found, read = {}, 0
    for list_url in api_list_urls():
        detail_urls = []
        next_url = f"{list_url}?limit=100"
        while next_url:
            response = client.get(next_url)
            assert response.status_code == 200, (next_url, response.content[:300])
            read += 1
            if leaks(response.content.decode(), planter):
                found[next_url] = leaks(response.content.decode(), planter)
            body = response.json()
            detail_urls += [row["url"] for row in body["results"] if row.get("url")]
            next_url = body["next"]
        csv = client.get(f"{list_url}?limit=100&format=csv")
        if leaks(csv.content.decode(), planter):
            found[f"{list_url}?format=csv"] = leaks(csv.content.decode(), planter)
        for url in detail_urls:
            response = client.get(url)
            read += 1
            if leaks(response.content.decode(), planter):
                found[url] = leaks(response.content.decode(), planter)
    return found, read


def test_the_model_graph_has_the_relations_this_test_plants():
    relations = every_visible_reference()
    names = {f"{model._meta.label}.{field.name}" for model, field in relations}
    # So the test cannot silently test nothing: the relations the issue names are found.
    assert len(relations) > 20, names
    for expected in (
        "initiatives.Initiative.parent",
        "initiatives.Initiative.twin_of",
        "initiatives.Initiative.missions",
        "initiatives.Mission.theme",
        "initiatives.MissionOrganisation.mission",
        "portfolios.PortfolioEntry.initiative",
        "portfolios.ReviewDecision.initiative",
        "portfolios.Note.initiatives",
        "portfolios.Note.became",
        "evaluation.Event.initiative",
        "evaluation.Event.mission",
        "evaluation.TwinCandidate.candidate",
    ):
        assert expected in names
    assert not any(
        model._meta.label.startswith(("initiatives.Historical", "evaluation.Historical")) for model, _ in relations
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "reader", ["anonymous", "member of another network", "coordinator of another network", "member of the network"]
)
def test_no_page_export_or_api_answer_shows_a_hidden_target(planted, readers, reader):
    planter = planted.planter
    assert len(planter.hidden) == 2 * (len(planted.relations) + len(planted.reverse_relations))
    assert len(planted.reverse_relations) >= 8, [f"{m._meta.label}.{f.name}" for m, f in planted.reverse_relations]
    user = readers[reader]
    if reader == "member of the network":
        planter.reader_sees = (Visibility.NETWORK,)

    api = client_for(user)
    found, read = crawl_api(api, planter)
    assert read > len(api_list_urls())
    # Searching for the hidden targets finds nothing through the records pointing at them
    # (one FilterSet per model serves the page and the API, so this is the pages' search too).
    words = [search_word(visibility) for visibility in HIDDEN_VISIBILITIES if visibility not in planter.reader_sees]
    for list_url in searchable_api_list_urls():
        for word in words:
            response = api.get(f"{list_url}?q={word}")
            if response.status_code == 200 and response.json()["results"]:
                found[f"{list_url}?q={word}"] = [row.get("id") for row in response.json()["results"]]

    pages = Client()
    if user is not None:
        pages.force_login(user)
    page_found, seen = crawl_pages(pages, planter)
    found.update(page_found)
    assert len(seen) > 50

    assert not found, "\n".join(f"{url}: {problems}" for url, problems in sorted(found.items()))


@pytest.mark.django_db
def test_the_public_records_of_blanked_references_stay_visible(planted, unthrottled):
    """The records behind an optional reference are still shown (the reference is
    blanked, the record is not lost); those behind a required one disappear."""
    from core.references import optional_reference_fields

    api = client_for(None)
    for source in planted.planter.sources:
        if source.field not in optional_reference_fields(source.model):
            continue
        url = source.record.get_absolute_url() if hasattr(source.record, "get_absolute_url") else None
        if url and isinstance(source.record, VisibleModel):
            response = Client().get(url)
            assert response.status_code == 200, (source.field, url)
    response = api.get("/api/v1/initiatives/?limit=100")
    shown = {row["id"]: row for row in response.json()["results"]}
    for source in planted.planter.sources:
        if source.model._meta.label == "initiatives.Initiative" and isinstance(source.field, models.ForeignKey):
            assert source.record.pk in shown
            assert shown[source.record.pk][source.field.name] is None


def pilots_under_hidden_parents(network, count):
    for _ in range(count):
        parent = factories.InitiativeFactory(network=network, visibility=Visibility.DRAFT)
        factories.InitiativeFactory(
            network=network, kind="pilot", parent=parent, twin_of=parent, visibility=Visibility.PUBLIC
        )


@pytest.mark.django_db
def test_blanking_keeps_the_lists_queries_constant(network, django_assert_max_num_queries, unthrottled):
    """The API list and the page ask once per target model, however many rows they show."""
    pilots_under_hidden_parents(network, 3)
    api = client_for(None)
    with CaptureQueriesContext(connection) as few:
        assert api.get("/api/v1/initiatives/?limit=100").status_code == 200
    pilots_under_hidden_parents(network, 12)
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        body = api.get("/api/v1/initiatives/?limit=100").json()
    assert len(body["results"]) == 15
    assert all(row["parent"] is None and row["twin_of"] is None for row in body["results"])
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.django_db
def test_a_write_keeps_the_reference_its_writer_cannot_see(network, coordinator, unthrottled):
    """A coordinator reads a pilot whose parent is another organisation's draft: the API
    says null, and sending the record back (PUT, as read) does not cut the pilot loose."""
    parent = factories.InitiativeFactory(network=network, visibility=Visibility.DRAFT)
    pilot = factories.InitiativeFactory(network=network, kind="pilot", parent=parent, visibility=Visibility.NETWORK)
    factories.ParticipationFactory(initiative=pilot, organisation=coordinator.person.organisation, role="lead")
    api = client_for(coordinator)
    read = api.get(f"/api/v1/initiatives/{pilot.pk}/").json()
    assert read["parent"] is None

    payload = {
        name: value for name, value in read.items() if name not in ("participations", "fundings", "phase_changes")
    }
    payload["summary"] = "Changed, and sent back as read."
    response = api.put(f"/api/v1/initiatives/{pilot.pk}/", payload, format="json")

    assert response.status_code == 200, response.content
    assert response.json()["parent"] is None
    pilot.refresh_from_db()
    assert (pilot.summary, pilot.parent_id) == ("Changed, and sent back as read.", parent.pk)
