"""The strict Content Security Policy breaks no page: Chromium reports no violation on the
main public, staff and admin pages, and their scripts still run."""

import pytest

from conftest import PASSWORD
from tests.browser.test_staff_pages import login
from weerbaar.accounts.roles import Role

PUBLIC = ["/bernheze/", "/bernheze/kernen/heesch/", "/bernheze/noodsteunpunt/",
          "/bernheze/noodpakket/", "/bernheze/noodplan/", "/en/bernheze/hulp/", "/login/"]
STAFF = ["/werkruimte/", "/werkruimte/edities/", "/werkruimte/edities/rapportage/", "/beheer/",
         "/beheer/network/keyfigure/", "/beheer/vital/vitalasset/add/", "/beheer/places/community/"]


@pytest.fixture
def demo(transactional_db):
    from weerbaar.demo.loader import load_demo

    load_demo(accounts=False)


def watch_csp(page) -> list[str]:
    violations: list[str] = []
    page.on("console", lambda message: violations.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text else None)
    page.add_init_script("document.addEventListener('securitypolicyviolation', e => "
                         "console.error('Content Security Policy violation: ' + e.violatedDirective"
                         " + ' ' + e.blockedURI));")
    return violations


def test_public_pages_have_no_csp_violation(live_server, page, demo):
    violations = watch_csp(page)
    for path in PUBLIC:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert "default-src 'self'" in response.headers["content-security-policy"]
    assert violations == []


def test_staff_and_admin_pages_have_no_csp_violation(live_server, page, demo, make_user):
    from weerbaar.network.models import KeyFigure

    make_user(Role.PROGRAMME, username="csp-programma")
    violations = watch_csp(page)
    login(page, live_server, "csp-programma")
    page.wait_for_url(f"{live_server.url}/werkruimte/")
    # Third-party admin pages with inline bits the policy allows by exact hash.
    third_party = ["/beheer/network/keyfigure/export/",
                   f"/beheer/network/keyfigure/{KeyFigure.objects.first().pk}/history/"]
    for path in STAFF + third_party:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        if path.endswith("/add/"):  # the admin's own scripts (external files) still run
            assert page.evaluate("typeof window.django.jQuery") == "function"
    assert violations == []


def test_oidc_free_login_keeps_working_with_the_policy(live_server, page, transactional_db, make_user):
    make_user(Role.CRISIS, username="csp-crisis")
    violations = watch_csp(page)
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Gebruikersnaam").fill("csp-crisis")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{live_server.url}/werkruimte/")
    assert violations == []
