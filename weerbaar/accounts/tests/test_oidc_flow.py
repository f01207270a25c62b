"""The whole OIDC authorization-code flow against a real provider on a loopback port.

The provider is django-oidc-provider in its own process (tests/oidc_provider); our app runs
under pytest-django's live_server. A requests.Session plays the browser: our login page ->
provider login form -> consent -> our callback -> the workspace as the mapped role.
"""

import json
import os
import re
import socket
import subprocess
import sys
import time
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlparse

import pytest
import requests

from tests.oidc_provider.bootstrap import OP_PASSWORD
from weerbaar.accounts.roles import Role

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def identity_provider(live_server, tmp_path):
    """Start the provider; yield its base URL and the client credentials."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings",
           "OP_DATABASE": str(tmp_path / "provider.sqlite3"), "OP_SITE_URL": base,
           "PYTHONPATH": str(ROOT)}
    env.pop("DATABASE_URL", None)
    setup = subprocess.run(
        [sys.executable, "-m", "tests.oidc_provider.bootstrap", f"{live_server.url}/oidc/callback/"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    client = json.loads(setup.stdout.strip().splitlines()[-1])
    server = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            try:
                if requests.get(f"{base}/.well-known/openid-configuration", timeout=1).ok:
                    break
            except requests.ConnectionError:
                time.sleep(0.1)
        else:
            pytest.fail("identity provider did not start: " + server.stderr.read1().decode())
        yield {"base": base, **client}
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def oidc_settings(settings, identity_provider):
    base = identity_provider["base"]
    settings.OIDC_RP_CLIENT_ID = identity_provider["client_id"]
    settings.OIDC_RP_CLIENT_SECRET = identity_provider["client_secret"]
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{base}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{base}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{base}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{base}/jwks"
    settings.OIDC_ROLE_MAP = ["weerbaar-crisis=crisis", "weerbaar-programma=programme"]
    settings.OIDC_ENABLED = True
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "weerbaar.accounts.oidc.StaffOIDCBackend",
        "django.contrib.auth.backends.ModelBackend",
    ]
    return identity_provider


def hidden_inputs(html: str) -> dict[str, str]:
    fields = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]*)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name and 'type="hidden"' in tag:
            fields[name.group(1)] = unescape(value.group(1)) if value else ""
    return fields


def sign_in_at_provider(browser: requests.Session, live_server, username: str, next_path: str):
    """From our login page to the redirect back to our callback; returns that redirect."""
    login_page = browser.get(f"{live_server.url}/login/?next={next_path}")
    assert "Inloggen met uw organisatieaccount" in login_page.text
    start = re.search(r'href="(/oidc/start/[^"]*)"', login_page.text).group(1)
    to_provider = browser.get(urljoin(live_server.url, unescape(start)), allow_redirects=False)
    assert to_provider.status_code == 302
    authorize_url = to_provider.headers["Location"]
    query = parse_qs(urlparse(authorize_url).query)
    assert query["response_type"] == ["code"] and "code_challenge" in query  # PKCE

    provider_login = browser.get(authorize_url)  # not signed in at the provider: its login form
    assert "Identity provider login" in provider_login.text
    consent = browser.post(provider_login.url, data={
        **hidden_inputs(provider_login.text), "username": username, "password": OP_PASSWORD})
    assert "Request for Permission" in consent.text, consent.text[:500]
    back = browser.post(urljoin(consent.url, "/authorize"), allow_redirects=False,
                        data={**hidden_inputs(consent.text), "allow": "Authorize"},
                        headers={"Referer": consent.url})
    assert back.status_code == 302
    assert back.headers["Location"].startswith(f"{live_server.url}/oidc/callback/?code=")
    return back


def test_authorization_code_flow_maps_group_to_role(live_server, oidc_settings, transactional_db,
                                                    django_user_model):
    browser = requests.Session()
    back = sign_in_at_provider(browser, live_server, "medewerker", "/werkruimte/")
    landing = browser.get(back.headers["Location"])
    assert landing.url == f"{live_server.url}/werkruimte/"
    assert "Zijn we op koers?" in landing.text
    user = django_user_model.objects.get(username__startswith="oidc-")
    assert user.profile.role == Role.PROGRAMME
    assert (user.email, user.first_name, user.last_name) == ("medewerker@example.org", "Mila", "Meijer")
    assert user.is_staff and not user.is_superuser and not user.has_usable_password()


def test_user_without_mapped_role_gets_no_access(live_server, oidc_settings, transactional_db,
                                                 django_user_model):
    browser = requests.Session()
    back = sign_in_at_provider(browser, live_server, "zonderrol", "/werkruimte/")
    landing = browser.get(back.headers["Location"])
    assert urlparse(landing.url).path == "/login/"
    assert "geen rol in Weerbaar" in landing.text
    assert not django_user_model.objects.filter(username__startswith="oidc-").exists()
    workspace = browser.get(f"{live_server.url}/werkruimte/", allow_redirects=False)
    assert workspace.status_code == 302 and "/login/" in workspace.headers["Location"]


def test_forged_state_is_a_failed_login_not_an_error(live_server, oidc_settings, transactional_db,
                                                     django_user_model):
    browser = requests.Session()
    back = sign_in_at_provider(browser, live_server, "medewerker", "/werkruimte/")
    code = parse_qs(urlparse(back.headers["Location"]).query)["code"][0]
    forged = browser.get(f"{live_server.url}/oidc/callback/?code={code}&state=vervalst",
                         allow_redirects=False)
    assert forged.status_code == 302 and forged.headers["Location"] == "/login/?oidc=mislukt"
    assert not django_user_model.objects.filter(username__startswith="oidc-").exists()
    assert browser.get(f"{live_server.url}/werkruimte/", allow_redirects=False).status_code == 302


def test_login_page_hides_oidc_when_not_configured(client, db, settings):
    settings.OIDC_ENABLED = False
    response = client.get("/login/")
    assert "organisatieaccount" not in response.content.decode()
    assert client.get("/oidc/start/").status_code == 404
