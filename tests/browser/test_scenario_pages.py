"""Scenario and exercise pages in a real browser: axe-core WCAG 2.1 AA, and usable with the
keyboard alone (choose the number of runs, record an observation, add, change and delete an
inject)."""

import re

import pytest

from tests.browser.conftest import WCAG_AA
from tests.browser.test_staff_pages import login
from weerbaar.accounts.roles import Role
from weerbaar.scenarios.models import Exercise, Inject, Observation


@pytest.fixture
def setup(make_user, municipality, communities, transactional_db):
    from weerbaar.places.models import PopulationStatistic
    from weerbaar.supportpoints.models import SupportPoint

    north = communities[0]
    north.latitude, north.longitude = 51.73, 5.53
    north.save()
    PopulationStatistic.objects.create(community=north, year=2024, inhabitants=3000, source="t")
    SupportPoint.objects.create(community=north, name="Dorpshuis", status="designated",
                                capacity_per_day=240, backup_power=True,
                                backup_autonomy_hours=8, source="t")
    make_user(Role.CRISIS, username="crisis-test")
    exercise = Exercise.objects.create(municipality=municipality, scenario="stroomuitval-72u",
                                       title="Oefening toegankelijk", source="t")
    Inject.objects.create(exercise=exercise, hour=2, role="crisis_team", text="112 valt uit",
                          expected_action="Besluit", source="t")
    return exercise


def test_scenario_page_is_accessible_and_works_with_the_keyboard(live_server, page, axe, setup):
    login(page, live_server, "crisis-test")
    page.wait_for_url(f"{live_server.url}/werkruimte/")
    page.goto(f"{live_server.url}/werkruimte/scenarios/")
    results = axe.run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    page.goto(f"{live_server.url}/werkruimte/scenarios/doorrekenen/?scenario=stroomuitval-72u")
    assert page.locator("table.timeline caption").count() == 1
    results = axe.run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    # Keyboard only: focus the "1 keer" radio, arrow to 200, submit with Enter.
    page.get_by_label("1 keer (vaste waarden)").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**runs=200**")
    assert page.get_by_label("200 keer", exact=False).is_checked()


def test_exercise_page_is_accessible_and_an_observation_can_be_typed(live_server, page, axe,
                                                                      setup):
    login(page, live_server, "crisis-test")
    page.wait_for_url(f"{live_server.url}/werkruimte/")
    page.goto(f"{live_server.url}/werkruimte/oefeningen/{setup.pk}/")
    results = axe.run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    page.get_by_label("Waarneming", exact=True).focus()
    page.keyboard.type("Het crisisteam had de lijst niet op papier")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**#waarnemingen")
    assert Observation.objects.get().text == "Het crisisteam had de lijst niet op papier"
    results = axe.run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    page.goto(f"{live_server.url}/werkruimte/oefeningen/")
    results = axe.run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def test_inject_editor_is_accessible_and_works_with_the_keyboard(live_server, page, axe, setup):
    login(page, live_server, "crisis-test")
    page.wait_for_url(f"{live_server.url}/werkruimte/")
    page.goto(f"{live_server.url}/werkruimte/oefeningen/{setup.pk}/")
    # A new inject with a negative hour and no text: the errors are announced and linked to their fields.
    page.get_by_label("Uur na het begin", exact=True).fill("-1")
    page.get_by_label("Rol", exact=True).select_option("crisis_team")
    page.get_by_role("button", name="Inject toevoegen").click()
    page.wait_for_url("**#inject-toevoegen")
    hour = page.get_by_label("Uur na het begin", exact=True)
    assert hour.get_attribute("aria-invalid") == "true"
    assert "id_inj-hour_error" in hour.get_attribute("aria-describedby")
    assert page.get_by_text("kan niet negatief zijn").is_visible()
    results = axe.run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    # Keyboard only: type the inject and submit it with Enter on the button.
    hour.fill("")
    hour.focus()
    page.keyboard.type("5")
    page.get_by_label("Wat er gebeurt (inject)").focus()
    page.keyboard.type("Een journalist belt het gemeentehuis")
    page.get_by_role("button", name="Inject toevoegen").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*#inject-\d+$"))
    made = Inject.objects.get(text="Een journalist belt het gemeentehuis")
    assert made.hour == 5 and made.effect_id == ""
    results = axe.run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    # Change it on its own page, then delete it after the confirmation.
    name = re.compile(r"^Wijzigen of verwijderen \(inject op uur 5: Een journalist")
    page.get_by_role("link", name=name).click()
    page.wait_for_url(f"**/injects/{made.pk}/")
    results = axe.run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    page.get_by_label("Uur na het begin", exact=True).fill("6")
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    page.wait_for_url(f"**#inject-{made.pk}")
    made.refresh_from_db()
    assert made.hour == 6
    page.goto(f"{live_server.url}/werkruimte/oefeningen/{setup.pk}/injects/{made.pk}/")
    page.get_by_role("link", name="Dit inject verwijderen").click()
    page.wait_for_url("**?verwijderen=1")
    results = axe.run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    page.get_by_role("button", name="Ja, verwijder dit inject").click()
    page.wait_for_url("**#injects")
    assert not Inject.objects.filter(pk=made.pk).exists()
