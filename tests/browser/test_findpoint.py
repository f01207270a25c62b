"""Find my noodsteunpunt in a real browser (Bernheze demo data on the live server): keyboard
only, axe-core WCAG 2.1 A+AA in Dutch and English, without JavaScript, and the static-copy
behaviour of find.js."""

import re
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import WCAG_AA

FIND = "/bernheze/noodsteunpunt/"


@pytest.fixture
def demo(transactional_db):
    from weerbaar.demo.loader import load_demo

    load_demo()


def tab_to(page, element_id: str, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return
    raise AssertionError(f"#{element_id} cannot be reached with Tab")


def first_result(page) -> str:
    return page.locator("#resultaat li h3").first.inner_text()


def test_keyboard_only_search_by_postcode(live_server, page, demo):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto(live_server.url + FIND)
    tab_to(page, "id_postcode")
    page.keyboard.type("5388 AB")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_huisnummer"
    page.keyboard.type("12")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"postcode=5388"))
    heading = page.get_by_role("heading", level=2, name=re.compile("Noodsteunpunten dichtbij"))
    assert "5388" in heading.inner_text()
    assert first_result(page) == "CC Nesterlé"
    assert page.context.cookies() == []
    assert hosts == {urlsplit(live_server.url).netloc}, hosts


def test_bad_postcode_is_announced(live_server, page, demo):
    page.goto(live_server.url + FIND)
    page.get_by_label("Postcode", exact=True).fill("12")
    page.get_by_role("button", name="Zoeken").click()
    alert = page.get_by_role("alert")
    assert "Postcode: dit is geen Nederlandse postcode" in alert.inner_text()
    # The error links to the field.
    alert.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_postcode"


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("query", ["", "?postcode=5471", "?postcode=5384AB&huisnummer=12",
                                   "?postcode=12&huisnummer=x", "5473/"])
def test_find_pages_pass_axe(live_server, page, axe, demo, prefix, query):
    url = live_server.url + prefix + FIND + (query if not query.endswith("/") else query)
    page.goto(url)
    assert page.locator("html").get_attribute("lang") == ("en" if prefix else "nl")
    results = axe.run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def test_pc4_links_work_without_javascript(live_server, browser, demo):
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + FIND)
        page.get_by_role("link", name="5473 (Heeswijk-Dinther)").click()
        page.wait_for_url(re.compile(r"/noodsteunpunt/5473/$"))
        assert first_result(page) == "Gymnasium Bernrode"
        # The form works without JavaScript too.
        page.get_by_label("Postcode", exact=True).fill("5476")
        page.get_by_role("button", name="Zoeken").click()
        page.wait_for_url(re.compile(r"postcode=5476"))
        assert first_result(page) == "De Stuik"
    finally:
        context.close()


def test_static_copy_sends_the_form_to_the_pc4_page(live_server, page, demo):
    """On a static copy (file:// or data-static) find.js opens the PC4 page of the link list."""
    page.goto(live_server.url + FIND)
    page.evaluate("document.documentElement.setAttribute('data-static', '')")
    page.get_by_label("Postcode", exact=True).fill("5472 xy")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_url(re.compile(r"/noodsteunpunt/5472/$"))
    assert first_result(page) == "De Wis"

    page.evaluate("document.documentElement.setAttribute('data-static', '')")
    page.get_by_label("Postcode", exact=True).fill("9999")
    page.get_by_role("button", name="Zoeken").click()
    message = page.locator("#find-message")
    assert "kennen we niet in gemeente Bernheze" in message.inner_text()
    assert page.get_by_label("Postcode", exact=True).get_attribute("aria-invalid") == "true"
    assert page.url.endswith("/noodsteunpunt/5472/")

    page.get_by_label("Postcode", exact=True).fill("12")
    page.get_by_role("button", name="Zoeken").click()
    assert "geen Nederlandse postcode" in message.inner_text()
