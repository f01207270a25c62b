"""A staff member logs in with a real browser; the pages pass axe-core's WCAG 2.1 AA rules."""

from conftest import PASSWORD
from tests.browser.conftest import WCAG_AA
from weerbaar.accounts.roles import Role


def login(page, live_server, username):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_login_page_is_accessible(live_server, page, axe, transactional_db):
    page.goto(f"{live_server.url}/login/")
    assert page.locator("html").get_attribute("lang") == "nl"
    results = axe.run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def test_programme_staff_reaches_dashboard(live_server, page, axe, make_user, transactional_db):
    make_user(Role.PROGRAMME, username="programma-test")
    login(page, live_server, "programma-test")
    page.wait_for_url(f"{live_server.url}/werkruimte/")
    assert page.get_by_role("heading", level=1).inner_text() == "Zijn we op koers?"
    results = axe.run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def test_wrong_password_is_announced(live_server, page, make_user, transactional_db):
    make_user(Role.CRISIS, username="crisis-test")
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Gebruikersnaam").fill("crisis-test")
    page.get_by_label("Wachtwoord").fill("niet-het-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    assert "klopt niet" in page.get_by_role("alert").inner_text()


def test_skip_link_moves_focus_to_content(live_server, page, transactional_db):
    page.goto(f"{live_server.url}/login/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"
