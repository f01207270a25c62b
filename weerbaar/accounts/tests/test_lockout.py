"""Lockout after repeated failed logins (django-axes), with a friendly Dutch page."""

import time
from datetime import timedelta

from django.test import RequestFactory

from conftest import PASSWORD
from weerbaar.accounts.lockout import client_ip
from weerbaar.accounts.roles import Role


def attempt(client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post("/login/", {"username": username, "password": password},
                       REMOTE_ADDR=address)


def test_five_failures_lock_and_the_right_password_is_refused(client, make_user, settings):
    settings.AXES_FAILURE_LIMIT = 5
    make_user(Role.PROGRAMME, username="fleur")
    for _ in range(4):
        response = attempt(client, "fleur", "fout-wachtwoord")
        assert response.status_code == 200 and "klopt niet" in response.content.decode()
    locked = attempt(client, "fleur", "fout-wachtwoord")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Inloggen is even geblokkeerd" in page and "15 minuten" in page
    refused = attempt(client, "fleur", PASSWORD)
    assert refused.status_code == 429
    assert client.get("/werkruimte/").status_code == 302  # not logged in
    # Another account from another address is not affected; usernames ignore case.
    make_user(Role.CRISIS, username="gijs")
    assert attempt(client, "gijs", PASSWORD, address="10.0.0.2").status_code == 302
    assert attempt(client, "FLEUR", PASSWORD, address="10.0.0.3").status_code == 429


def test_lock_lifts_after_the_cool_off(client, make_user, settings):
    settings.AXES_FAILURE_LIMIT = 5
    make_user(Role.PROGRAMME, username="hanna")
    for _ in range(5):
        attempt(client, "hanna", "fout-wachtwoord")
    assert attempt(client, "hanna", PASSWORD).status_code == 429
    # The cool-off is measured from the failures at each attempt: shorten it instead of
    # waiting 15 minutes (and the failures stay counted however slow the machine is).
    settings.AXES_COOLOFF_TIME = timedelta(seconds=1)
    time.sleep(1.5)
    response = attempt(client, "hanna", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/werkruimte/"


def test_one_address_is_locked_for_every_account(client, make_user, settings):
    settings.AXES_FAILURE_LIMIT = 5
    for name in ("ivo", "jet", "kees", "lot", "mo"):
        make_user(Role.PROGRAMME, username=name)
        attempt(client, name, "fout-wachtwoord", address="10.9.9.9")
    assert attempt(client, "ivo", PASSWORD, address="10.9.9.9").status_code == 429


def test_client_address_behind_trusted_proxies(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.254",
                                   HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.7")
    settings.LOGIN_TRUSTED_PROXY_COUNT = 0  # no proxy configured: a forged header is ignored
    assert client_ip(request) == "10.0.0.254"
    settings.LOGIN_TRUSTED_PROXY_COUNT = 1  # our one proxy appended the real client
    assert client_ip(request) == "192.0.2.7"
    settings.LOGIN_TRUSTED_PROXY_COUNT = 3  # header shorter than the chain: do not trust it
    assert client_ip(request) == "10.0.0.254"
