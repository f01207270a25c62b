"""TOTP second factor for local password logins, through the real login pages."""

import re
import time
from base64 import b32decode

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD
from weerbaar.accounts.roles import Role


@pytest.fixture
def require_2fa(settings):
    settings.WEERBAAR_REQUIRE_2FA = True


def code_for(key_b32: str, drift: int = 0) -> str:
    return f"{totp(b32decode(key_b32), drift=drift):06d}"


def log_in(client, username: str):
    return client.post("/login/?next=/werkruimte/", {"username": username, "password": PASSWORD,
                                                     "next": "/werkruimte/"})


def test_first_login_enrols_with_qr_code_and_key(client, make_user, require_2fa):
    make_user(Role.PROGRAMME, username="anna")
    response = log_in(client, "anna")
    assert response.status_code == 302
    assert response["Location"] == "/login/app-koppelen/?next=%2Fwerkruimte%2F"
    # Until the code is verified, nothing behind the login opens.
    for path in ("/werkruimte/", "/beheer/", "/werkruimte/edities/"):
        blocked = client.get(path)
        assert blocked.status_code == 302 and blocked["Location"].startswith("/login/app-koppelen/")
    page = client.get(response["Location"]).content.decode()
    assert "<svg" in page and 'role="img"' in page
    key = re.search(r"<code>([A-Z2-7 ]+)</code>", page).group(1).replace(" ", "")

    wrong = client.post("/login/app-koppelen/", {"token": "000000", "next": "/werkruimte/"})
    assert wrong.status_code == 400 and "klopt niet" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    # Guessing is slowed down: right after a wrong code even the right one must wait.
    throttled = client.post("/login/app-koppelen/", {"token": code_for(key), "next": "/werkruimte/"})
    assert throttled.status_code == 400 and "Wacht" in throttled.content.decode()
    time.sleep(1.1)

    done = client.post("/login/app-koppelen/", {"token": code_for(key), "next": "/werkruimte/"})
    assert done.status_code == 302 and done["Location"] == "/werkruimte/"
    assert client.get("/werkruimte/").status_code == 200
    assert TOTPDevice.objects.get(user__username="anna").confirmed


def test_second_login_asks_the_code_and_cannot_enrol_again(client, make_user, require_2fa):
    user = make_user(Role.CRISIS, username="bram")
    device = TOTPDevice.objects.create(user=user, name="Weerbaar", confirmed=True)
    key = device.config_url.split("secret=")[1].split("&")[0]
    response = log_in(client, "bram")
    assert response["Location"] == "/login/code/?next=%2Fwerkruimte%2F"
    # Someone with only the password cannot link a second phone.
    assert client.get("/login/app-koppelen/")["Location"].startswith("/login/code/")
    bad = client.post("/login/code/", {"token": "12345", "next": "/werkruimte/"})
    assert bad.status_code == 400 and "6 cijfers" in bad.content.decode()  # not even checked
    assert client.get("/werkruimte/").status_code == 302
    ok = client.post("/login/code/", {"token": code_for(key), "next": "/werkruimte/"})
    assert ok["Location"] == "/werkruimte/"
    assert client.get("/werkruimte/").status_code == 200
    # A used code cannot be replayed in a new session.
    client.post("/logout/")
    log_in(client, "bram")
    replay = client.post("/login/code/", {"token": code_for(key), "next": "/werkruimte/"})
    assert replay.status_code == 400


def test_next_cannot_point_elsewhere(client, make_user, require_2fa):
    user = make_user(Role.CRISIS, username="cas")
    device = TOTPDevice.objects.create(user=user, name="Weerbaar", confirmed=True)
    key = device.config_url.split("secret=")[1].split("&")[0]
    log_in(client, "cas")
    response = client.post("/login/code/", {"token": code_for(key), "next": "https://evil.example/"})
    assert response["Location"] == "/werkruimte/"


def test_public_portal_stays_open_before_the_second_step(client, make_user, require_2fa, municipality):
    make_user(Role.PROGRAMME, username="dirk")
    log_in(client, "dirk")
    assert client.get("/health/").status_code == 200
    assert client.get("/login/").status_code == 200


def test_without_requirement_password_is_enough(client, make_user, settings):
    settings.WEERBAAR_REQUIRE_2FA = False
    make_user(Role.PROGRAMME, username="eva")
    response = log_in(client, "eva")
    assert response["Location"] == "/werkruimte/"
    assert client.get("/werkruimte/").status_code == 200


def test_requirement_defaults_on_with_a_real_secret_key():
    import subprocess
    import sys

    def default(extra: dict) -> str:
        import os

        env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SECRET_KEY", "WEERBAAR_REQUIRE_2FA"}}
        env.update(extra)
        return subprocess.run([sys.executable, "-c", "import weerbaar.settings as s; "
                               "print(s.WEERBAAR_REQUIRE_2FA)"], env=env, capture_output=True,
                              text=True, check=True).stdout.strip()

    assert default({}) == "False"  # demo key: the demo and the tests
    assert default({"DJANGO_SECRET_KEY": "p" * 60}) == "True"  # production
    assert default({"DJANGO_SECRET_KEY": "p" * 60, "WEERBAAR_REQUIRE_2FA": "false"}) == "False"


def test_deploy_check_reports_production_without_second_factor(settings):
    from weerbaar.accounts.checks import two_factor_required

    settings.WEERBAAR_REQUIRE_2FA = True
    assert two_factor_required(None) == []
    settings.WEERBAAR_REQUIRE_2FA = False
    assert [warning.id for warning in two_factor_required(None)] == ["weerbaar.W001"]
