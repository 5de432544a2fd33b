"""The Danish and Swedish catalogues are complete, up to date with the code, compiled, and
used by the pages.

The checks run the gettext tools that `makemessages` and `compilemessages` need anyway
(msgattrib, msgfmt), so the catalogues are read exactly as the build reads them."""

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
LOCALE_DIR = BASE_DIR / "locale"
LANGUAGES = ("da", "sv")

# The same directories the documented `makemessages` command ignores: tools, generated files
# and the virtualenv hold no interface text of ours.
IGNORED_DIRS = (".venv", "bench", "node_modules", "staticfiles")
# What a copy of the checkout needs for makemessages: the files it extracts from (html, txt,
# py) and the catalogues it merges into.
EXTRACTED_SUFFIXES = (".py", ".html", ".txt", ".po")


def catalogue(language):
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def gettext_tool(*args):
    result = subprocess.run(args, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{' '.join(map(str, args))} failed:\n{result.stderr}"
    return result.stdout


def msgids(po_text):
    """The msgids of the entries in a catalogue msgattrib printed, without the header."""
    found = []
    for entry in po_text.split("\n\n"):
        lines = entry.splitlines()
        for number, line in enumerate(lines):
            if line.startswith("msgid "):
                parts = [line[len("msgid ") :]]
                for continuation in lines[number + 1 :]:
                    if not continuation.startswith('"'):
                        break
                    parts.append(continuation)
                text = "".join(part[1:-1] for part in parts)
                if text:
                    found.append(text)
                break
    return found


def comparable(po_path):
    """A catalogue as msgattrib normalises it (sorted, unwrapped, without source locations),
    minus the header, whose dates change on every run."""
    text = gettext_tool("msgattrib", "--no-location", "--no-wrap", "--sort-output", str(po_path))
    return text.split("\n\n", 1)[1]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_has_no_untranslated_entries(language):
    untranslated = gettext_tool("msgattrib", "--untranslated", "--no-obsolete", str(catalogue(language)))
    assert untranslated == "", f"untranslated in {language}:\n" + "\n".join(msgids(untranslated))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_has_no_fuzzy_entries(language):
    fuzzy = gettext_tool("msgattrib", "--only-fuzzy", "--no-obsolete", str(catalogue(language)))
    assert fuzzy == "", f"fuzzy in {language}:\n" + "\n".join(msgids(fuzzy))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_has_no_obsolete_entries(language):
    obsolete = gettext_tool("msgattrib", "--only-obsolete", str(catalogue(language)))
    assert obsolete == "", f"obsolete in {language}: run makemessages with --no-obsolete"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_and_plurals_survive_translation(language, tmp_path):
    """msgfmt --check refuses a translation that drops or adds a %(name)s placeholder, a
    plural entry without its forms, and a header without Language or Plural-Forms."""
    gettext_tool("msgfmt", "--check", "--output-file", str(tmp_path / "check.mo"), str(catalogue(language)))
    header = catalogue(language).read_text(encoding="utf-8").split("\n\n", 1)[0]
    assert f'"Language: {language}\\n"' in header
    assert '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in header
    assert '"Content-Type: text/plain; charset=UTF-8\\n"' in header


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_matches_the_po_file(language, tmp_path):
    """The .mo in the checkout is what msgfmt makes of the .po now: compared by content, not
    by file time, which a git checkout does not keep."""
    fresh = tmp_path / "django.mo"
    gettext_tool("msgfmt", "--output-file", str(fresh), str(catalogue(language)))
    committed = catalogue(language).with_suffix(".mo")
    assert committed.exists(), f"{committed} is missing: run compilemessages"
    with committed.open("rb") as committed_file, fresh.open("rb") as fresh_file:
        committed_messages = gettext.GNUTranslations(committed_file)._catalog
        fresh_messages = gettext.GNUTranslations(fresh_file)._catalog
    stale = {
        key
        for key in committed_messages.keys() | fresh_messages.keys()
        if key != "" and committed_messages.get(key) != fresh_messages.get(key)
    }
    assert not stale, f"{committed} is older than the .po file (run compilemessages): {sorted(map(str, stale))[:10]}"


def copy_sources(destination):
    def ignore(directory, names):
        ignored = set()
        for name in names:
            path = Path(directory) / name
            if path.is_dir():
                if name in IGNORED_DIRS or name.startswith(".") or name == "__pycache__":
                    ignored.add(name)
            elif not name.endswith(EXTRACTED_SUFFIXES):
                ignored.add(name)
        return ignored

    shutil.copytree(BASE_DIR, destination, ignore=ignore)


@pytest.fixture(scope="module")
def remade_catalogues(tmp_path_factory):
    """makemessages run on a copy of the checkout, so the real catalogues stay untouched."""
    copy = tmp_path_factory.mktemp("makemessages") / "checkout"
    copy_sources(copy)
    command = [sys.executable, "manage.py", "makemessages", "--no-obsolete"]
    command += [f"--locale={language}" for language in LANGUAGES]
    command += [f"--ignore={name}" for name in IGNORED_DIRS]
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    result = subprocess.run(command, cwd=copy, env=environment, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return copy / "locale"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_is_up_to_date_with_the_code(language, remade_catalogues):
    """A new or changed string in the code gives a remade catalogue that differs from the
    committed one (a new untranslated or fuzzy entry); a removed string, a missing entry."""
    remade = remade_catalogues / language / "LC_MESSAGES" / "django.po"
    expected, actual = comparable(remade), comparable(catalogue(language))
    if expected != actual:
        new = sorted(set(msgids(expected)) - set(msgids(actual)))
        gone = sorted(set(msgids(actual)) - set(msgids(expected)))
        untranslated = msgids(gettext_tool("msgattrib", "--untranslated", str(remade)))
        fuzzy = msgids(gettext_tool("msgattrib", "--only-fuzzy", str(remade)))
        pytest.fail(
            f"locale/{language} is not up to date: run makemessages, translate and compilemessages.\n"
            f"new in the code: {new}\nno longer in the code: {gone}\n"
            f"untranslated after makemessages: {untranslated}\nfuzzy after makemessages: {fuzzy}"
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept_language", "expected", "english"),
    [
        ("da", ["Gå til indhold", ">Indsatser</a>", ">Porteføljer</a>", "Skift sprog"], "Skip to content"),
        ("sv", ["Hoppa till innehållet", ">Initiativ</a>", ">Portföljer</a>", "Byt språk"], "Skip to content"),
        ("en", ["Skip to content", ">Initiatives</a>", ">Portfolios</a>", "Change language"], "Gå til indhold"),
    ],
)
def test_pages_are_served_in_the_language_the_browser_asks_for(client, accept_language, expected, english):
    response = client.get("/accessibility/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 200
    html = response.text
    assert f'<html lang="{accept_language}">' in html
    for text in expected:
        assert text in html
    assert english not in html
    assert response.headers["Content-Language"] == accept_language


@pytest.mark.parametrize(
    ("language", "msgid", "translation"),
    [
        ("da", "Initiative", "Indsats"),
        ("sv", "Initiative", "Initiativ"),
        ("da", "Service experience", "Serviceoplevelse"),
        ("sv", "Service experience", "Tjänsteupplevelse"),
        ("da", "Follow-up researcher", "Følgeforsker"),
        ("sv", "Follow-up researcher", "Följeforskare"),
        ("da", "Coordinator", "Koordinator"),
        ("sv", "Coordinator", "Samordnare"),
        ("sv", "Temporary pool grant", "Tillfälliga projektmedel"),
        ("da", "Temporary pool grant", "Midlertidige puljemidler"),
    ],
)
def test_the_users_own_vocabulary_is_used(language, msgid, translation):
    from django.utils import translation as django_translation

    with django_translation.override(language):
        assert django_translation.gettext(msgid) == translation


@pytest.mark.parametrize(
    ("language", "one", "many"), [("da", "1 resultat", "2 resultater"), ("sv", "1 resultat", "2 resultat")]
)
def test_plural_forms_follow_the_count(language, one, many):
    from django.utils import translation as django_translation

    with django_translation.override(language):
        for count, expected in ((1, one), (2, many)):
            text = django_translation.ngettext("%(counter)s result", "%(counter)s results", count) % {"counter": count}
            assert text == expected
