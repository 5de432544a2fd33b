"""Browser tests: Debian's Chromium driven by Playwright against a live Django server.

The server runs in a thread of the test process and serves the static files through
Django's staticfiles handler (independent of DEBUG). The demo data is loaded once for the
whole browser package (that takes about 20 seconds) and removed when the package is done.
The tests share it and one logged-in coordinator session, so a test that changes data
creates its own records, and one that logs out logs in on its own first.
"""

import io
import os
import re
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.db import connections
from django.test.utils import override_settings
from playwright.sync_api import sync_playwright
from pytest_django.live_server_helper import LiveServer

from .helpers import browsing, log_in, set_language_cookie

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium tries to reach Google's servers; the
# network is closed here, and a test must not depend on it anyway.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CSP_MESSAGE = re.compile(r"Content[- ]Security[- ]Policy", re.IGNORECASE)
BROWSER_TESTS = os.path.dirname(os.path.abspath(__file__)) + os.sep


def pytest_collection_modifyitems(config, items):
    """Every browser test needs the test database: the live server reads it, and the tests
    read what the browser wrote."""
    for item in items:
        if str(item.path).startswith(BROWSER_TESTS):
            item.add_marker(pytest.mark.django_db)


# Everything below lives as long as the browser package: while Playwright runs, its event
# loop counts as running in the main thread, and Django then keeps the main thread's
# database connections apart from the ones it uses without a loop. They must all be closed
# before the loop stops, or the test database cannot be dropped at the end of the session.


@pytest.fixture(scope="package")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make services` installs Debian's Chromium")
    # Django refuses ORM calls while an event loop runs in the thread; the tests' own ones
    # (reading what the browser wrote) are synchronous all the same. Only for this package.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()


@pytest.fixture(scope="package")
def site_server(django_db_setup):
    """A live server of our own rather than pytest-django's `live_server`: that one turns
    every test using it into a transactional test that empties the database afterwards,
    and the browser tests share their data."""
    server = LiveServer("127.0.0.1")
    server._live_server_modified_settings.enable()
    yield server
    server._live_server_modified_settings.disable()
    server.stop()


@dataclass
class Site:
    url: str

    def __call__(self, path):
        return self.url + path


@pytest.fixture(scope="package")
def site(browser, site_server, django_db_blocker):
    """The demo data, loaded once (with DEBUG, so the demo logins exist) and served by the
    live server; the database is emptied again when the browser tests are done. (Asks for
    the browser so that its connections are made and closed while Playwright runs.)"""
    with django_db_blocker.unblock():
        with override_settings(DEBUG=True):
            call_command("load_demo", stdout=io.StringIO())
        try:
            yield Site(site_server.url)
        finally:
            call_command("flush", interactive=False, verbosity=0)
            connections.close_all()


class ConsoleLog:
    """What a page wrote to its console, and the errors its scripts raised."""

    def __init__(self):
        self.messages = []

    def attach(self, page):
        page.on("console", lambda message: self.messages.append(f"{message.type}: {message.text}"))
        page.on("pageerror", lambda error: self.messages.append(f"pageerror: {error}"))

    @property
    def csp_violations(self):
        return [message for message in self.messages if CSP_MESSAGE.search(message)]


@pytest.fixture
def open_page(browser, site):
    """open_page(language=None, storage_state=None) -> (page, console log): a page in a
    fresh browser context, logged in when given a storage state, with the language cookie
    set when given a language (else the browser asks for en-GB)."""
    contexts = []

    def open_(language=None, storage_state=None):
        context = browser.new_context(storage_state=storage_state, locale="en-GB")
        context.set_default_timeout(10_000)
        contexts.append(context)
        if language:
            set_language_cookie(context, site, language)
        page = context.new_page()
        log = ConsoleLog()
        log.attach(page)
        return page, log

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture(scope="package")
def coordinator_state(browser, site):
    """The demo coordinator's session, logged in once through the login form."""
    with browsing(browser, site) as page:
        log_in(page, site, "coordinator")
        return page.context.storage_state()
