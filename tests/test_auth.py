"""Logging in and out, lockout after failed logins, password reset, CSRF, the
Content-Security-Policy, and the language switcher."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from . import factories

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
ROOT = Path(settings.BASE_DIR)


@pytest.fixture
def user(db):
    return factories.UserFactory(username="ingrid", email="ingrid@example.org")


def log_in(client, username, password, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def test_the_login_page_is_ours_and_labels_its_fields(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "registration/login.html" in [t.name for t in response.templates]
    html = response.text
    assert '<label for="id_username">' in html
    assert '<label for="id_password">' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_logging_in_through_the_form_works(client, user):
    response = log_in(client, "ingrid", PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.get(reverse("home")).wsgi_request.user == user


def test_logging_in_follows_next(client, user):
    response = client.post(
        reverse("login"), {"username": "ingrid", "password": PASSWORD, "next": reverse("initiatives:initiative_add")}
    )
    assert response.url == reverse("initiatives:initiative_add")


def test_a_wrong_password_shows_an_error_and_keeps_the_user_out(client, user):
    response = log_in(client, "ingrid", "wrong", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert 'id="error-summary"' in response.text
    assert not response.wsgi_request.user.is_authenticated


def test_five_failed_logins_lock_the_account_out(client, user, settings):
    # The page axes answers with is configured in settings (AXES_LOCKOUT_TEMPLATE);
    # test_the_lockout_page_is_configured checks that the setting is there.
    settings.AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
    assert settings.AXES_FAILURE_LIMIT == 5
    for _attempt in range(4):
        assert log_in(client, "ingrid", "wrong", HTTP_ACCEPT_LANGUAGE="en").status_code == 200
    response = log_in(client, "ingrid", "wrong", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert "Too many failed logins" in response.text
    assert '<html lang="en">' in response.text
    # Even the right password is refused now.
    response = log_in(client, "ingrid", PASSWORD, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert not response.wsgi_request.user.is_authenticated
    # Another user from the same address is not locked out (username and address together).
    factories.UserFactory(username="olle")
    assert log_in(client, "olle", PASSWORD).status_code == 302


def test_the_lockout_page_is_configured():
    assert getattr(settings, "AXES_LOCKOUT_TEMPLATE", None) == "registration/lockout.html", (
        "config/settings/base.py needs AXES_LOCKOUT_TEMPLATE = 'registration/lockout.html', or a lockout is a "
        "bare untranslated text page"
    )


def test_logout_is_post_only(client, user):
    client.force_login(user)
    assert client.get(reverse("logout")).status_code == 405
    assert client.get(reverse("home")).wsgi_request.user.is_authenticated
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert not client.get(reverse("home")).wsgi_request.user.is_authenticated


def test_the_header_offers_login_or_a_logout_form(client, user):
    assert f'href="{reverse("login")}?next=/"' in client.get("/").text
    client.force_login(user)
    html = client.get("/").text
    assert re.search(rf'<form action="{reverse("logout")}" method="post">', html)


def test_a_password_reset_sends_a_link_that_sets_a_new_password(client, user):
    response = client.post(reverse("password_reset"), {"email": "ingrid@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    assert "new_password1" in response.text
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "a fresh and long passphrase", "new_password2": "a fresh and long passphrase"},
    )
    assert response.status_code == 302
    assert response.url == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password("a fresh and long passphrase")


def test_a_password_reset_for_an_unknown_address_looks_the_same(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []


def test_forms_refuse_a_post_without_a_csrf_token(user):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("login"), {"username": "ingrid", "password": PASSWORD})
    assert response.status_code == 403
    assert not response.wsgi_request.user.is_authenticated


@pytest.mark.parametrize("url_name", ["home", "login", "initiatives:initiative_list"])
def test_every_page_has_a_strict_content_security_policy(client, url_name):
    response = client.get(reverse(url_name))
    policy = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def portal_templates():
    roots = [ROOT / "templates", *ROOT.glob("*/templates")]
    return sorted(path for root in roots for path in root.rglob("*.html") if ".venv" not in path.parts)


def test_no_template_has_inline_script_or_style():
    offenders = []
    for path in portal_templates():
        text = path.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text, re.IGNORECASE):
            offenders.append(f"{path}: inline <script>")
        if re.search(r"<style\b", text, re.IGNORECASE):
            offenders.append(f"{path}: <style>")
        if re.search(r"\sstyle\s*=", text, re.IGNORECASE):
            offenders.append(f"{path}: style attribute")
        if re.search(r"\son[a-z]+\s*=", text, re.IGNORECASE):
            offenders.append(f"{path}: inline event handler")
        if re.search(r"(src|href)=[\"']?(https?:)?//", text, re.IGNORECASE):
            offenders.append(f"{path}: a resource from another host")
    assert portal_templates(), "no templates found"
    assert not offenders


def test_scripts_come_from_our_static_files(client):
    html = client.get("/").text
    sources = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert sources == ["/static/vendor/htmx/htmx.min.js", "/static/js/horisont.js"]
    for source in sources:
        assert (ROOT / "static" / source.removeprefix("/static/")).is_file()
    assert (ROOT / "static/vendor/htmx/LICENSE").is_file()


def test_the_language_switcher_changes_the_interface_language(client):
    html = client.get("/").text
    assert '<label for="language-select">' in html
    response = client.post(reverse("set_language"), {"language": "sv", "next": "/initiatives/"})
    assert response.status_code == 302
    assert response.url == "/initiatives/"
    assert '<html lang="sv">' in client.get("/initiatives/").text
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert '<html lang="en">' in client.get("/").text
