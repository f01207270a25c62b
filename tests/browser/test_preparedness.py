"""Kit calculator and household plan in a real browser: keyboard only, without JavaScript,
axe-core WCAG 2.1 A+AA in Dutch and English, and the print layout."""

import re

import pytest

from tests.browser.conftest import WCAG_AA


@pytest.fixture
def demo(transactional_db):
    from weerbaar.demo.loader import load_demo

    load_demo()


def tab_to(page, element_id: str, limit: int = 120) -> None:
    """Press Tab until the element with this id has the focus (keyboard only, no clicks)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
    raise AssertionError(f"#{element_id} never received focus with Tab")


def tab_to_button(page, text: str, limit: int = 120) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "document.activeElement.tagName + ':' + document.activeElement.textContent.trim()")
        if focused == f"BUTTON:{text}":
            return
    raise AssertionError(f"button {text!r} never received focus with Tab")


def assert_accessible(page, axe) -> None:
    results = axe.run(page, options=WCAG_AA)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def only_local_requests(page, live_server) -> list:
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    return requests


def test_household_plan_by_keyboard_only(live_server, page, demo):
    requests = only_local_requests(page, live_server)
    page.goto(f"{live_server.url}/bernheze/noodplan/")
    tab_to(page, "id_leden")
    page.keyboard.type("Anna, Piet")
    tab_to(page, "id_plek_dichtbij")
    page.keyboard.type("Bij de kerk op het plein")
    tab_to(page, "id_plek_buiten")
    page.keyboard.type("Bij tante Els in Oss")
    tab_to(page, "id_naam_1")
    page.keyboard.type("Tante Els")
    tab_to(page, "id_nummer_1")
    page.keyboard.type("0412-123456")
    tab_to(page, "id_kern")
    page.keyboard.type("Nistelrode")           # type-ahead in a focused <select>
    tab_to(page, "id_noodsteunpunt")
    page.keyboard.type("CC Nes")
    tab_to(page, "id_medicijnen")
    page.keyboard.type("Insuline")
    tab_to(page, "id_noodpakket")
    page.keyboard.type("In de trapkast")
    tab_to_button(page, "Maak mijn noodplan")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.get_by_role("heading", level=1).inner_text() == "Ons noodplan"
    main = page.locator("main").inner_text()
    for typed in ("Bij de kerk op het plein", "Bij tante Els in Oss", "Anna, Piet", "Tante Els",
                  "0412-123456", "Insuline", "In de trapkast", "CC Nesterlé",
                  "Nistelrode: Fictief voorbeeld — via het gemeentelijk loket"):
        assert typed in main, typed
    assert "Er is niets opgeslagen." in main
    # The enhancement: a print button, reachable and operable with Space.
    tab_to_button(page, "Print dit plan")
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.keyboard.press("Space")
    assert page.evaluate("window.__printed === true")
    assert page.context.cookies() == []
    assert all(url.startswith(live_server.url) for url in requests), requests


def test_kit_calculator_by_keyboard_without_javascript(live_server, browser, demo):
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/bernheze/noodpakket/")
        tab_to(page, "id_volwassenen")     # Tab selects the field's text: typing replaces it
        page.keyboard.type("2")
        tab_to(page, "id_kinderen")
        page.keyboard.type("1")
        tab_to(page, "id_huisdieren")
        page.keyboard.type("1")
        tab_to(page, "id_medicijnen")
        page.keyboard.press("Space")
        tab_to(page, "id_zorg_0")
        page.keyboard.press("Space")
        tab_to_button(page, "Bereken")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        result = page.locator("section[aria-labelledby=uitkomst]").inner_text()
        assert "28,5 liter" in result
        assert "€170" in result
        assert "Voor minstens 7 dagen" in result
        assert "leverancier of zorgverlener" in result
        assert page.locator("[data-print] button").count() == 0      # no JS, no button
        assert "Ctrl+P" in result

        # A mistake is named on the page, still without JavaScript.
        page.goto(f"{live_server.url}/bernheze/noodpakket/")
        tab_to(page, "id_volwassenen")
        page.keyboard.type("veel")
        page.keyboard.press("Enter")
        page.wait_for_load_state()
        alert = page.get_by_role("alert").inner_text()
        assert "Aantal volwassenen: vul een heel getal in van 0 tot en met 20." in alert
        assert context.cookies() == []
    finally:
        context.close()


@pytest.mark.parametrize("prefix, submit, plan_heading", [
    ("", "Maak mijn noodplan", "Ons noodplan"),
    ("/en", "Make my emergency plan", "Our emergency plan"),
])
def test_pages_pass_axe_in_both_languages(live_server, page, axe, demo, prefix, submit,
                                          plan_heading):
    base = f"{live_server.url}{prefix}/bernheze"
    lang = "en" if prefix else "nl"
    query = "volwassenen=2&kinderen=1&babys=1&huisdieren=1&medicijnen=on&zorg=apparaat&zorg=mobiliteit"
    for url in (f"{base}/noodpakket/", f"{base}/noodpakket/?{query}",
                f"{base}/noodpakket/?volwassenen=0", f"{base}/noodplan/",
                f"{base}/noodplan/?leeg=1"):
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == lang
        assert_accessible(page, axe)
    # The plan with errors, then the plan result.
    page.goto(f"{base}/noodplan/")
    page.locator("#id_nummer_1").fill("geen nummer")
    page.get_by_role("button", name=submit).click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").count() == 1
    assert_accessible(page, axe)
    page.locator("#id_nummer_1").fill("0412-123456")
    page.locator("#id_plek_dichtbij").fill("Bij de kerk")
    page.locator("#id_kern").select_option("heesch")
    page.get_by_role("button", name=submit).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == plan_heading
    assert_accessible(page, axe)


def test_print_layout_hides_navigation_and_form(live_server, page, demo, tmp_path):
    page.goto(f"{live_server.url}/bernheze/noodpakket/?volwassenen=2&kinderen=1&huisdieren=1")
    assert page.locator(".portal-header nav").is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".portal-header nav").is_visible()
    assert not page.locator("form").is_visible()
    assert not page.locator("[data-print]").is_visible()
    assert page.locator("section[aria-labelledby=uitkomst]").is_visible()
    assert page.locator("#check-water").is_visible()        # the checklist prints, with boxes
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    (tmp_path / "noodpakket.pdf").write_bytes(pdf)

    page.emulate_media(media="screen")
    page.goto(f"{live_server.url}/bernheze/noodplan/?leeg=1")
    page.emulate_media(media="print")
    assert not page.locator(".portal-header nav").is_visible()
    assert page.locator(".blank-line").first.is_visible()
    assert page.pdf(format="A4").startswith(b"%PDF")
    page.screenshot(path=str(tmp_path / "noodplan-print.png"), full_page=True)


def test_ics_download_link_gives_a_calendar(live_server, page, demo):
    page.goto(f"{live_server.url}/bernheze/noodpakket/")
    response = page.request.get(f"{live_server.url}/bernheze/noodpakket/herinnering.ics")
    assert response.headers["content-type"].startswith("text/calendar")
    assert re.search(r"RRULE:FREQ=MONTHLY;INTERVAL=6\r\n", response.text())
    assert page.get_by_role("link", name="Zet een herinnering in uw agenda (ics-bestand)").count() == 1
