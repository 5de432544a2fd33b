"""Full-text search over learning entries on PostgreSQL: per-row language configuration,
web-search syntax, ranking, safe highlighted snippets, the GIN index; and the fallback
the embedded SQLite default uses."""

import os
import subprocess
import sys
import textwrap
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.db import connection
from django.test import RequestFactory

from core.choices import Visibility
from evaluation.filtersets import LearningEntryFilterSet
from evaluation.models import LearningEntry
from evaluation.search import highlight_html, parse_websearch, search_learning

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(network):
    return factories.InitiativeFactory(network=network)


def learning(initiative, text, language="da", title="En læring", visibility=Visibility.PUBLIC, **fields):
    return factories.LearningEntryFactory(
        initiative=initiative, title=title, what_we_learned=text, language=language, visibility=visibility, **fields
    )


def found(query, queryset=None, **options):
    return list(search_learning(queryset if queryset is not None else LearningEntry.objects.all(), query, **options))


def test_danish_word_forms_find_each_other(initiative):
    tender = learning(initiative, "Udbuddet tog et halvt år, før leverandøren var valgt.")
    municipality = learning(initiative, "Samarbejdet med en kommune gav ro.")
    assert found("udbud") == [tender]
    assert found("kommunerne") == [municipality]
    assert found("udbuddene kommune") == []  # both words must match (websearch is AND)


def test_each_row_is_matched_in_its_own_language(initiative):
    danish = learning(initiative, "Udbuddet var for stift.", language="da")
    swedish = learning(initiative, "Upphandlingen tog för lång tid i kommunerna.", language="sv")
    english = learning(initiative, "The procurement processes were too rigid.", language="en")
    # Taken literally (expand=False), a Swedish reader's word form finds the Swedish row;
    # a Danish form the Danish row, whoever searches: the query is parsed in the language
    # of each row.
    assert found("upphandling", expand=False) == [swedish]
    assert found("kommun") == [swedish]
    assert found("udbud", expand=False) == [danish]
    assert found("processing") == [english]
    # Stop words of a row's language are no terms there: "för" in Swedish, "the" in English.
    assert found("procurement the", expand=False) == [english]


def test_web_search_syntax(initiative):
    both = learning(initiative, "Frivillige og kommunen laver mad sammen.")
    volunteers = learning(initiative, "Frivillige kører borgerne til lægen.")
    food = learning(initiative, "Maden bliver leveret varm.")
    assert set(found("frivillige")) == {both, volunteers}
    assert found("frivillige -mad") == [volunteers]
    assert set(found("kører or leveret")) == {volunteers, food}
    assert found('"laver mad"') == [both]
    assert found('"mad laver"') == []


def test_results_are_ranked_title_first(initiative):
    in_text = learning(initiative, "Vi lærte noget om tryghed undervejs.", title="Om aftenen")
    in_title = learning(initiative, "Borgerne sov bedre.", title="Tryghed om natten")
    results = found("tryghed")
    assert results == [in_title, in_text]
    assert results[0].search_rank > results[1].search_rank > 0


def test_snippets_escape_the_content_and_mark_the_matches(initiative):
    learning(
        initiative,
        'Udbuddet <script>alert("x")</script> & <b>leverandøren</b> kom for sent. \ue000 sneaky \ue001',
        what_we_did="Vi skrev et nyt udbud.",
    )
    (entry,) = found("udbud")
    snippet = str(entry.search_snippet)
    assert "<mark>Udbuddet</mark>" in snippet
    assert "<mark>udbud</mark>" in snippet
    # ts_headline drops what its parser takes for tags; everything else is escaped.
    assert "<script>" not in snippet and "<b>" not in snippet
    assert "alert(&quot;x&quot;)" in snippet and "&amp;" in snippet
    # Only <mark> tags are markup; the private marks in the content are dropped.
    assert snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0
    assert "\ue000" not in snippet and "\ue001" not in snippet
    assert entry.search_snippet.__html__() == snippet


def test_highlight_html():
    assert highlight_html("a \ue000<b>\ue001 c") == "a <mark>&lt;b&gt;</mark> c"
    assert highlight_html("stray \ue001 close") == "stray  close"
    assert highlight_html(None) is None


def test_bulk_created_and_updated_rows_are_searchable(initiative):
    """The vector is a generated column: no save() needed."""
    LearningEntry.objects.bulk_create(
        [
            LearningEntry(
                initiative=initiative, title="Bulk", what_we_learned="Kommunerne delte data.", kind="insight"
            ),
            LearningEntry(initiative=initiative, title="Bulk", what_we_learned="Ingenting her.", kind="insight"),
        ]
    )
    assert len(found("kommune")) == 1
    LearningEntry.objects.filter(what_we_learned="Ingenting her.").update(what_we_learned="Endnu en kommune.")
    assert len(found("kommune")) == 2
    # The language decides the configuration: as Swedish, "kommunerne" is another word.
    LearningEntry.objects.update(language="sv")
    assert len(found("kommune")) == 1


def test_the_filterset_searches_what_the_user_may_see(initiative, member, outsider):
    public = learning(initiative, "Udbuddet lykkedes.")
    members_only = learning(initiative, "Udbuddet blev for dyrt.", visibility=Visibility.NETWORK)
    learning(initiative, "Udbuddet er et udkast.", visibility=Visibility.DRAFT)

    def search(user, **params):
        request = RequestFactory().get("/learning/", params)
        request.user = user
        queryset = LearningEntry.objects.visible_to(user)
        return list(LearningEntryFilterSet({"q": "udbud", **params}, queryset=queryset, request=request).qs)

    assert set(search(member)) == {public, members_only}
    assert search(outsider) == [public]
    # An explicit ordering wins over the rank.
    assert search(member, ordering="-created") == [members_only, public]


def test_the_gin_index_answers_the_search(initiative):
    """On a table large enough for the planner to prefer it, the GIN index is used: a
    BitmapOr of one index scan per language."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO {LearningEntry._meta.db_table}
                    (created, updated, visibility, language, initiative_id, title, what_we_did, what_we_learned,
                     where_we_are_heading, kind, categories, value_domains, evidence_level)
                SELECT now(), now(), 'public', (ARRAY['da', 'sv', 'en'])[1 + n %% 3], %s, 'Rækkerne ' || n,
                       '', 'Borgerne mødtes i caféen nummer ' || n, '', 'insight', '[]', '[]', 'anecdote'
                FROM generate_series(1, 30000) AS n""",
            [initiative.pk],
        )
        # What VACUUM (autovacuum) does after a bulk load: the index's pending entries
        # move into place, and the planner then finds it cheap.
        cursor.execute("SELECT gin_clean_pending_list('learningentry_search_gin')")
        cursor.execute(f"ANALYZE {LearningEntry._meta.db_table}")
    learning(initiative, "Udbuddet tog tid i kommunerne.")
    # "kommunerne" parses differently per language: three index scans, OR-ed.
    sql, params = search_learning(LearningEntry.objects.all(), "kommunerne").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert plan.count("Bitmap Index Scan on learningentry_search_gin") == 3, plan
    assert "BitmapOr" in plan, plan
    assert "Seq Scan on evaluation_learningentry" not in plan, plan
    assert len(found("kommunerne")) == 1
    assert len(found("udbud")) == 1


def test_parse_websearch():
    assert parse_websearch('frivillige -mad "laver mad" or leveret') == [
        [("frivillige", False), ("mad", True), ("laver mad", False)],
        [("leveret", False)],
    ]
    assert parse_websearch("  ") == []


def test_the_python_search_stems_with_the_same_syntax(initiative):
    """The search SQLite runs (in Python), here run over PostgreSQL's rows: stems, not
    substrings, and the same web-search syntax."""
    both = learning(initiative, "Frivillige og kommunen laver mad sammen.")
    volunteers = learning(initiative, "Frivillige kører borgerne til lægen.")
    queryset = LearningEntry.objects.all()

    def python(query):
        return list(search_learning(queryset, query, in_python=True))

    assert set(python("frivillig")) == {both, volunteers}
    assert python("frivillige -mad") == [volunteers]
    assert python('"laver mad"') == [both]
    assert python('"mad laver"') == []
    assert python("kommunerne") == [both]  # another form of "kommunen"
    assert python("rne") == []  # no substring matching
    (entry,) = python('"laver mad"')
    assert entry.search_rank > 0
    assert str(entry.search_snippet) == "Frivillige og kommunen laver mad sammen."


@pytest.mark.django_db(transaction=False)
def test_search_on_sqlite_the_embedded_default(tmp_path):
    """The whole path on SQLite, in a process of its own with the local settings:
    migrations (the generated column is plain text there, and no GIN index), then a
    search through the FilterSet."""
    script = textwrap.dedent(
        """
        import django
        django.setup()
        from django.core.management import call_command
        call_command("migrate", verbosity=0)
        from evaluation.filtersets import LearningEntryFilterSet
        from evaluation.models import LearningEntry
        from initiatives.models import Initiative
        from partners.models import Network
        network = Network.objects.create(name="N", slug="n")
        initiative = Initiative.objects.create(network=network, title="I", visibility="public")
        LearningEntry.objects.create(initiative=initiative, title="T", what_we_learned="Udbuddet <b>gik</b> godt",
                                     kind="insight", visibility="public")
        LearningEntry.objects.create(initiative=initiative, title="T", what_we_learned="Andet", kind="insight",
                                     visibility="public")
        LearningEntry.objects.create(initiative=initiative, title="Upphandling", what_we_learned="Juridiska hinder",
                                     kind="insight", visibility="public", language="sv")
        def search(q):
            return list(LearningEntryFilterSet({"q": q}, queryset=LearningEntry.objects.all()).qs)
        # Word forms, and the concepts across the languages, as on PostgreSQL.
        print(sorted(e.title for e in search("upphandlingen")), sorted(e.title for e in search("juridiske")))
        results = search("udbuddet")
        print(len(results), results[0].search_snippet)
        """
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'embedded.sqlite3'}",
        "REDIS_URL": "",
        "CELERY_BROKER_URL": "",
    }
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines[-2] == "['T', 'Upphandling'] ['Upphandling']"
    # The Swedish entry about procurement is found too (a related word), after the Danish
    # one that matches the word as typed.
    assert lines[-1] == "2 Udbuddet &lt;b&gt;gik&lt;/b&gt; godt"


# --- search that travels, on the learning page --------------------------------------------


@pytest.fixture
def procurement(initiative):
    return {
        "da": learning(initiative, "Udbuddet tog et halvt år.", language="da", title="Udbud"),
        "sv": learning(initiative, "Upphandlingen försenade piloten.", language="sv", title="Upphandling"),
        "en": learning(initiative, "The tender took a year.", language="en", title="Procurement"),
        "other": learning(initiative, "Borgerne sov bedre.", language="da", title="Tryghed"),
    }


def test_a_swedish_reader_finds_the_danish_and_english_lessons_about_procurement(client, procurement):
    page = client.get("/learning/", {"q": "upphandling"}, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    titles = [title for title in ("Upphandling", "Udbud", "Procurement") if f">{title}</a>" in page]
    assert titles == ["Upphandling", "Udbud", "Procurement"]
    # The Swedish entry (the reader's language) comes first.
    assert page.index(">Upphandling</a>") < page.index(">Udbud</a>")
    assert page.index(">Upphandling</a>") < page.index(">Procurement</a>")
    assert ">Tryghed</a>" not in page
    # The page says which related words it also searched, not the one typed.
    related = page[page.index('class="search-related"') :]
    related = related[: related.index("</div>")]
    assert "udbud*" in related and "procure*" in related and "tender*" in related
    assert "upphandl*" not in related


def test_the_api_searches_the_same_way(client, procurement):
    response = client.get("/api/v1/learning-entries/", {"q": "udbuddet"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    titles = [row["title"] for row in response.json()["results"]]
    assert titles[0] == "Procurement"  # the reader's language first
    assert set(titles) == {"Udbud", "Upphandling", "Procurement"}
    # The API says which related words it also searched (percent-encoded UTF-8).
    words = [unquote(word) for word in response["Search-Related-Words"].split(", ")]
    assert "upphandl*" in words and "indkøb*" in words and "procure*" in words
    assert "udbud*" not in words  # the word typed
    assert "Search-Related-Words" not in client.get("/api/v1/learning-entries/", {"q": "kommune"})


def test_composted_lessons_and_event_narratives_are_found_beside_learning(client, network, initiative, member):
    composted = factories.InitiativeFactory(
        network=network,
        title="Betaling med Swish",
        phase="composted",
        composted_lessons="Swish-betaling i caféen virkede ikke for de ældste gæster.",
        language="sv",
    )
    factories.EventFactory(
        network=network, title="Loppemarked", narrative="Vi tog imod betaling med Swish og MobilePay.", language="da"
    )
    factories.EventFactory(
        network=network,
        title="Hemligt möte",
        narrative="Swish för medlemmar.",
        language="sv",
        visibility=Visibility.NETWORK,
    )
    page = client.get("/learning/", {"q": "swish"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "1 composted initiative&#x27;s lessons match" in page or "1 composted initiative's lessons match" in page
    assert f'href="{composted.get_absolute_url()}"' in page
    assert "<mark>Swish</mark>" in page
    assert "Loppemarked" in page
    assert "Hemligt möte" not in page  # network only: not for an anonymous reader
    client.force_login(member)
    page = client.get("/learning/", {"q": "swish"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "2 events on the event walls match" in page
    # A word form, as with learning: "betalingen" finds "betaling" in the Danish narrative.
    page = client.get("/learning/", {"q": "betalingen"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Loppemarked" in page


def test_the_event_api_searches_narratives_across_languages(client, network):
    factories.EventFactory(network=network, title="Frivilligdag", narrative="Frivillige malede huset.", language="da")
    factories.EventFactory(network=network, title="Other", narrative="Nothing here.", language="en")
    response = client.get("/api/v1/events/", {"q": "volunteers"})
    assert [row["title"] for row in response.json()["results"]] == ["Frivilligdag"]


def test_the_search_page_runs_a_constant_number_of_queries(client, network, initiative, member):
    from django.test.utils import CaptureQueriesContext

    client.force_login(member)

    def add(n):
        for i in range(n):
            learning(initiative, f"Udbuddet nummer {i}.", language="da")
            learning(initiative, f"Upphandling nummer {i}.", language="sv")
            factories.EventFactory(network=network, narrative=f"Udbud på mødet {i}.", language="da")
            factories.InitiativeFactory(
                network=network, phase="composted", composted_lessons=f"Udbud {i} lærte os noget."
            )

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/learning/", {"q": "udbud"}, HTTP_ACCEPT_LANGUAGE="da").status_code == 200
        return len(captured)

    add(2)
    few = queries()
    add(8)
    assert queries() == few
