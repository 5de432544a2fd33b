"""Who the client is, configured rather than guessed (core/clientip.py): the API throttle,
the login lockout and the password-reset rate limit all take REMOTE_ADDR unless
API_NUM_PROXIES says how many proxies to trust, and then the address from the proxy chain.
A spoofed X-Forwarded-For neither dodges a limit nor locks someone else out."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from . import factories

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def user(db):
    return factories.UserFactory(username="ingrid", email="ingrid@example.org")


def log_in(client, password, **extra):
    return client.post(reverse("login"), {"username": "ingrid", "password": password}, **extra)


def test_by_default_x_forwarded_for_is_ignored(settings):
    assert settings.REST_FRAMEWORK["NUM_PROXIES"] == 0


def test_a_rotating_x_forwarded_for_does_not_reset_the_api_throttle(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "5/min", "user": "9/h"}}
    client = APIClient()
    statuses = [
        client.get("/api/v1/initiatives/", HTTP_X_FORWARDED_FOR=f"198.51.100.{number}").status_code
        for number in range(12)
    ]
    assert statuses == [200] * 5 + [429] * 7


def test_behind_a_trusted_proxy_each_client_has_its_own_throttle(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "NUM_PROXIES": 1,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/min", "user": "9/h"},
    }
    client = APIClient()

    def get(address, spoofed=""):
        # The proxy appends the address it saw; what the client sent comes before it.
        chain = f"{spoofed}, {address}" if spoofed else address
        return client.get("/api/v1/initiatives/", HTTP_X_FORWARDED_FOR=chain, REMOTE_ADDR="10.0.0.2").status_code

    assert [get("198.51.100.7") for _ in range(4)] == [200, 200, 200, 429]
    assert [get("198.51.100.7", spoofed=f"203.0.113.{n}") for n in range(3)] == [429] * 3
    assert get("198.51.100.8") == 200


def test_five_wrong_passwords_from_one_address_do_not_lock_the_user_out_from_another(user, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    # Behind the reverse proxy: every request comes from its address (REMOTE_ADDR).
    attacker = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.66")
    for _ in range(5):
        log_in(attacker, "wrong")
    assert log_in(attacker, PASSWORD).status_code == 429  # the attacker's address is locked
    owner = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    response = log_in(owner, PASSWORD)
    assert response.status_code == 302
    assert response.wsgi_request.user == user


def test_a_spoofed_x_forwarded_for_does_not_dodge_the_lockout(user):
    for number in range(5):
        log_in(Client(HTTP_X_FORWARDED_FOR=f"203.0.113.{number}"), "wrong")
    assert log_in(Client(HTTP_X_FORWARDED_FOR="203.0.113.99"), PASSWORD).status_code == 429


def test_password_reset_is_rate_limited_per_address(user, settings):
    settings.HORISONT_PASSWORD_RESET_RATES = {"address": "3/h", "account": "100/h"}
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    answers = [
        client.post(reverse("password_reset"), {"email": f"someone{n}@example.org"}, HTTP_X_FORWARDED_FOR=f"10.1.{n}.1")
        for n in range(3)
    ]
    assert [answer.status_code for answer in answers] == [302] * 3
    response = client.post(reverse("password_reset"), {"email": "ingrid@example.org"})
    assert response.status_code == 429
    assert "Too many requests for a new password" in response.text
    assert 'id="error-summary"' in response.text
    assert mail.outbox == []
    # Another address may still ask.
    other = Client(REMOTE_ADDR="192.0.2.9")
    assert other.post(reverse("password_reset"), {"email": "ingrid@example.org"}).status_code == 302
    assert len(mail.outbox) == 1


def test_password_reset_is_rate_limited_per_account(user, settings):
    settings.HORISONT_PASSWORD_RESET_RATES = {"address": "100/h", "account": "2/h"}
    for number in range(2):
        client = Client(REMOTE_ADDR=f"192.0.2.{number}")
        assert client.post(reverse("password_reset"), {"email": "Ingrid@example.org"}).status_code == 302
    response = Client(REMOTE_ADDR="192.0.2.50").post(reverse("password_reset"), {"email": "ingrid@example.org "})
    assert response.status_code == 429
    assert len(mail.outbox) == 2
    # The same answer for an address no account has: the limit reveals no account.
    for number in range(3):
        response = Client(REMOTE_ADDR=f"192.0.2.{60 + number}").post(
            reverse("password_reset"), {"email": "nobody@example.org"}
        )
    assert response.status_code == 429


def test_the_default_password_reset_rates(settings):
    assert settings.HORISONT_PASSWORD_RESET_RATES == {"address": "10/h", "account": "3/h"}
