"""The information pages in a real browser (Bernheze demo data on the live server): axe-core
WCAG 2.1 A+AA with zero violations in Dutch and English, usable without JavaScript, and not a
single request to another host."""

from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import WCAG_AA

PAGES = {
    "home": "bernheze/",
    "kern": "bernheze/kernen/heesch/",
    "hulp": "bernheze/hulp/",
    "stroomuitval": "bernheze/wat-te-doen/stroomuitval/",
    "toegankelijkheid": "bernheze/toegankelijkheid/",
    "privacy": "bernheze/privacy/",
}
PREFIX = {"nl": "/", "en": "/en/"}


@pytest.fixture
def demo(transactional_db):
    from weerbaar.demo.loader import load_demo

    load_demo(accounts=False)


def record_hosts(page) -> set[str]:
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    return hosts


@pytest.mark.parametrize("language", ["nl", "en"])
def test_pages_pass_axe_and_request_nothing_elsewhere(live_server, page, axe, demo, language):
    hosts = record_hosts(page)
    failures = []
    for name, path in PAGES.items():
        response = page.goto(f"{live_server.url}{PREFIX[language]}{path}")
        assert response.status == 200, name
        assert page.locator("html").get_attribute("lang") == language, name
        assert page.get_by_role("heading", level=1).count() == 1, name
        results = axe.run(page, options=WCAG_AA)
        if results.violations_count:
            failures.append(f"{language} {name}:\n{results.generate_report()}")
    assert failures == [], "\n".join(failures)
    assert hosts == {urlsplit(live_server.url).netloc}, hosts
    assert page.context.cookies() == []


@pytest.mark.parametrize("language,kern,outage", [
    ("nl", "Heesch", "Langdurige stroomuitval"),
    ("en", "Heesch", "Long power outage"),
])
def test_links_work_without_javascript(live_server, browser, demo, language, kern, outage):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    hosts = record_hosts(page)
    try:
        page.goto(f"{live_server.url}{PREFIX[language]}bernheze/")
        page.get_by_role("main").get_by_role("link", name=kern, exact=True).click()
        page.wait_for_url(f"**{PREFIX[language]}bernheze/kernen/heesch/")
        assert page.get_by_role("heading", level=1).inner_text() == kern
        assert page.locator(".card").first.is_visible()
        page.get_by_role("navigation").first.get_by_role(
            "link", name="Wat te doen bij…" if language == "nl" else "What to do when…").click()
        page.get_by_role("link", name=outage).first.click()
        page.wait_for_url("**/wat-te-doen/stroomuitval/")
        assert page.get_by_role("heading", level=1).inner_text() == outage
        assert context.cookies() == []
        assert hosts == {urlsplit(live_server.url).netloc}, hosts
    finally:
        context.close()


def test_skip_link_and_keyboard_reach_the_kern_page(live_server, page, demo):
    page.goto(f"{live_server.url}/bernheze/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Loosbroek":
            break
    else:
        raise AssertionError("the kern link cannot be reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/bernheze/kernen/loosbroek/")
    assert page.get_by_role("heading", level=1).inner_text() == "Loosbroek"
