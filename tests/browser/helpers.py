"""What several browser tests do the same way."""

from contextlib import contextmanager

from django.conf import settings

from demo.seed_data import DEMO_PASSWORD

SUBMIT = "main form.object-form .form-actions button[type=submit]"


def log_in(page, site, username, password=DEMO_PASSWORD):
    """Log in through the real login form (django-axes watches it)."""
    page.goto(site("/accounts/login/"))
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    submit(page)
    if page.locator(".site-header form[action$='/logout/']").count() != 1:
        raise AssertionError(f"{username} could not log in; the page says:\n{page.locator('main').inner_text()}")


def submit(page, button=SUBMIT):
    """Send the page's form and wait for the page the server answers with."""
    with page.expect_navigation():
        page.locator(button).click()


def set_language_cookie(context, site, language):
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": site.url}])


@contextmanager
def browsing(browser, site, storage_state=None, language=None):
    """A page in a browser context of its own, for fixtures wider than one test."""
    context = browser.new_context(storage_state=storage_state, locale="en-GB")
    context.set_default_timeout(10_000)
    if language:
        set_language_cookie(context, site, language)
    try:
        yield context.new_page()
    finally:
        context.close()
