"""Security headers on every kind of page, and the session cookie a staff login gets."""

import re
from pathlib import Path

import pytest

from conftest import PASSWORD
from weerbaar.accounts.roles import Role

TEMPLATES = Path(__file__).resolve().parent.parent / "weerbaar" / "templates"


@pytest.fixture
def demo(db):
    from weerbaar.demo.loader import load_demo

    load_demo(accounts=False)


def csp_directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: " ".join(part.split()[1:]) for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("path", ["/bernheze/", "/en/bernheze/hulp/", "/login/", "/health/"])
def test_public_pages_carry_the_headers(client, demo, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = csp_directives(response)
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_staff_session_cookie(client, make_user, settings):
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    make_user(Role.PROGRAMME, username="sanne")
    response = client.post("/login/", {"username": "sanne", "password": PASSWORD})
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["secure"]
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == "" and cookie["expires"] == ""  # gone when the browser closes
    dashboard = client.get("/werkruimte/")
    assert dashboard.status_code == 200
    assert "Content-Security-Policy" in dashboard


def test_session_ends_on_the_server_after_its_age(client, make_user, settings):
    make_user(Role.PROGRAMME, username="tim")
    client.post("/login/", {"username": "tim", "password": PASSWORD})
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    assert client.session.get_expire_at_browser_close()


def test_templates_have_no_inline_script_or_style():
    """CSP allows no inline code: every script has a src, no element (HTML or SVG) has a style
    attribute (presentation attributes like fill= are fine)."""
    offenders = []
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for match in re.finditer(r"<script\b[^>]*>", text):
            if "src=" not in match.group(0) and "application/json" not in match.group(0):
                offenders.append(f"{template.name}: inline script")
        if re.search(r"<[a-z]+[^>]*\sstyle=", text):  # SVG too: CSP blocks style attributes there
            offenders.append(f"{template.name}: style attribute")
        if re.search(r"\son[a-z]+=\"", text):
            offenders.append(f"{template.name}: inline event handler")
    assert offenders == []
