"""The planning pages in a real browser: reachable from the dashboard, WCAG 2.1 AA (axe-core)."""

import pytest

from tests.browser.conftest import WCAG_AA
from tests.browser.test_staff_pages import login
from weerbaar.accounts.roles import Role


@pytest.fixture
def planning_town(transactional_db, municipality, communities):
    from weerbaar.planning.tests.test_services import town

    return town.__wrapped__(municipality, communities)


def test_planning_pages_are_accessible(live_server, page, axe, make_user, planning_town):
    from weerbaar.planning.models import DemandPoint

    DemandPoint.objects.update(is_synthetic=True)
    make_user(Role.PROGRAMME, username="planning-test")
    login(page, live_server, "planning-test")
    page.wait_for_url(f"{live_server.url}/werkruimte/")
    page.get_by_role("link", name="Noodsteunpunten: bereik en aanbevolen locaties").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Planning noodsteunpunten"
    assert "synthetisch" in page.content()
    results = axe.run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()

    # Change a status without JavaScript-dependent widgets: a plain form post.
    page.get_by_label("Status van Oost").select_option("fixed")
    page.get_by_role("button", name="Opslaan (Oost)").click()
    assert "Status van Oost is nu" in page.get_by_role("status").inner_text()

    page.get_by_role("link", name="Wat als een gebouw niet beschikbaar is?").click()
    page.get_by_label("Welk gebouw valt uit?").select_option(label="West (Noorddorp)")
    page.get_by_role("button", name="Bereken").click()
    assert page.get_by_role("heading", name="Zonder West").is_visible()
    results = axe.run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()

    page.goto(f"{live_server.url}/werkruimte/planning/kaart/")
    assert page.locator("svg[role=img]").count() == 1
    results = axe.run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
