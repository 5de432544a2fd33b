"""The docs name files where they are: every path that docs/architecture.md and
docs/development.md write in backticks exists in the checkout (a newcomer who follows one
finds it), so a move or a rename that forgets the docs fails here."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ["docs/architecture.md", "docs/development.md", "docs/api.md", "README.md"]
# A path in backticks, from the top of the checkout: `core/views.py`, `evaluation/templates/`.
PATH = re.compile(r"`((?:[\w.-]+/)+[\w.-]*)`")
TOP_LEVEL = {path.name for path in ROOT.iterdir() if not path.name.startswith(".") or path.name == ".ci"} - {
    "staticfiles",  # made by collectstatic, not in the checkout
    "media",
}


def named_paths(doc):
    """The paths a doc names that start at the top of the checkout (not a URL's path,
    not a file relative to an app, not a pattern)."""
    for match in PATH.finditer((ROOT / doc).read_text()):
        path = match.group(1)
        if path.split("/")[0] in TOP_LEVEL and "<" not in path and "*" not in path:
            yield path


@pytest.mark.parametrize("doc", DOCS)
def test_every_file_the_docs_name_is_where_they_say(doc):
    paths = sorted(set(named_paths(doc)))
    assert paths, f"{doc} names no paths: the pattern no longer matches its style"
    missing = [path for path in paths if not (ROOT / path).exists()]
    assert not missing, f"{doc} names files that are not there: {missing}"
