"""The 72-hour kit: the calculator's numbers, its validation, the page and the .ics reminder."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.contrib.staticfiles import finders

from weerbaar.portal import kit
from weerbaar.portal.views.preparedness import _add_months, _ics_fold, reminder_calendar

KIT = "/bernheze/noodpakket/"
ICS = "/bernheze/noodpakket/herinnering.ics"


@pytest.fixture
def bernheze(db):
    from weerbaar.places.models import Municipality

    return Municipality.objects.create(cbs_code="GM1721", name="Bernheze", slug="bernheze",
                                       source="test")


# --- the calculator (pure) ------------------------------------------------------------------

def test_two_adults_one_child_one_pet_three_days():
    result = kit.calculate(kit.Household(adults=2, children=1, pets=1, days=3))
    assert result.persons == 3
    assert result.water_people_litres == Decimal("27")      # 3 L x 3 persons x 3 days
    assert result.water_drinking_litres == Decimal("18")    # 2 L part
    assert result.water_food_litres == Decimal("9")         # 1 L part
    assert result.water_pets_litres == Decimal("1.5")       # 0.5 L x 1 pet x 3 days
    assert result.water_total_litres == Decimal("28.5")
    assert result.water_bottles == 19                       # 28.5 / 1.5
    assert result.cash_adults_eur == 140
    assert result.cash_children_eur == 30
    assert result.cash_total_eur == 170                      # EUR 70 x 2 + EUR 30 x 1
    assert result.food_person_days == 9
    assert result.torches == 2 and result.battery_sets == 3
    assert result.medication_days == 0
    assert result.extras == ("huisdieren",)


def test_babies_drink_like_persons_and_count_as_children_for_cash():
    result = kit.calculate(kit.Household(adults=1, babies=1))
    assert result.water_total_litres == Decimal("18")       # 3 L x 2 x 3 days
    assert result.cash_total_eur == 100                      # 70 + 30 for the baby
    assert result.extras == ("baby",)


def test_cash_is_for_72_hours_and_not_scaled_with_days():
    assert kit.calculate(kit.Household(adults=1, days=7)).cash_total_eur == 70
    assert kit.calculate(kit.Household(adults=1, days=7)).water_total_litres == Decimal("21")


def test_children_only_still_get_a_torch():
    result = kit.calculate(kit.Household(children=2))
    assert result.torches == 1 and result.battery_sets == 2


def test_medication_is_at_least_a_week_or_all_days_planned():
    assert kit.calculate(kit.Household(adults=1, medication=True)).medication_days == 7
    assert kit.calculate(kit.Household(adults=1, days=10, medication=True)).medication_days == 10


def test_needs_trigger_personal_items_in_a_fixed_order():
    result = kit.calculate(kit.Household(adults=1, babies=1, pets=2, medication=True,
                                         needs=frozenset(kit.NEEDS)))
    assert result.extras == ("medicijnen", "koeling", "apparaat", "baby", "huisdieren", "dieet",
                             "mobiliteit")


@pytest.mark.parametrize("kwargs", [
    {"adults": 0}, {"adults": 21}, {"adults": -1}, {"adults": 1, "days": 0},
    {"adults": 1, "days": 21}, {"adults": 1, "pets": 21}, {"adults": 1, "needs": frozenset({"x"})},
])
def test_household_rejects_impossible_input(kwargs):
    with pytest.raises(ValueError):
        kit.Household(**kwargs)


def test_checklist_covers_denk_vooruit():
    keys = {item.key for section in kit.CHECKLIST for item in section.items}
    assert keys == {"water", "eten", "radio", "telefoon", "zaklamp", "batterijen", "kaarsen", "ehbo",
                    "dekens", "fluitje", "kopieen", "telefoonlijst", "sleutels", "contant",
                    "medicijnen", "babyvoeding", "dierenvoer", "hygiene"}


# --- the page -------------------------------------------------------------------------------

def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_kit_page_without_input_shows_checklist_and_form(client, bernheze):
    response = client.get(KIT)
    assert response.status_code == 200
    html = text_of(response)
    assert "Checklist noodpakket" in html
    assert html.count('type="checkbox" id="check-') == 18
    assert "Dit heeft uw huishouden nodig" not in html
    assert 'href="/bernheze/noodpakket/herinnering.ics"' in html
    assert not response.cookies and not client.cookies


def test_kit_result_shows_exact_quantities_and_their_sources(client, bernheze):
    response = client.get(KIT, {"volwassenen": 2, "kinderen": 1, "babys": 0, "huisdieren": 1,
                                "dagen": 3})
    assert response.status_code == 200
    html = text_of(response)
    assert "<td>28,5 liter</td>" in html
    assert "3 liter × 3 (personen) × 3 (dagen) = 27 liter." in html
    assert "0,5 liter × 1 (dieren) × 3 (dagen) = 1,5 liter." in html
    assert "<td>€170</td>" in html
    assert "€70 × 2 (volwassenen) = €140." in html
    assert "€30 × 1 (kinderen en baby's) = €30." in html
    assert "Een baby telt hier als kind." in html
    assert "Bron: Denk Vooruit, €70 per volwassene en €30 per kind." in html
    assert "9 dagporties" in html
    assert "Onze aanname: Denk Vooruit noemt geen aantal." in html
    assert "Dierenvoer voor 3 dagen." in html
    assert not response.cookies


def test_kit_result_personal_items(client, bernheze):
    response = client.get(KIT, {"volwassenen": 1, "babys": 1, "medicijnen": "on",
                                "zorg": ["apparaat", "koeling", "dieet", "mobiliteit"]})
    html = text_of(response)
    assert "Een baby telt als persoon: ook 3 liter per dag" in html
    assert "Voor minstens 7 dagen" in html
    assert "vraag nu aan uw leverancier of zorgverlener" in html
    assert "ongeveer 4 uur koel" in html
    assert "Babyvoeding, flesjes en luiers voor 3 dagen." in html
    assert "past bij het dieet" in html
    assert 'href="/bernheze/noodplan/"' in html


def test_empty_fields_count_as_zero_and_three_days(client, bernheze):
    html = text_of(client.get(KIT, {"volwassenen": 1, "kinderen": "", "dagen": ""}))
    assert "<td>9 liter</td>" in html and "<td>€70</td>" in html
    assert 'name="dagen" value="3"' in html


def test_kit_result_in_english(client, bernheze):
    response = client.get("/en" + KIT, {"volwassenen": 2, "kinderen": 1, "huisdieren": 1})
    html = text_of(response)
    assert '<html lang="en">' in html
    assert "28.5 litres" in html and "€170" in html
    assert "Noodpakket voor 72 uur" not in html


WHOLE = "vul een heel getal in van 0 tot en met 20."


@pytest.mark.parametrize("params, message", [
    ({"volwassenen": "abc"}, "Aantal volwassenen: vul een heel getal in van 0 tot en met 20."),
    ({"volwassenen": "21"}, "Aantal volwassenen: vul een heel getal in van 0 tot en met 20."),
    ({"volwassenen": "-1"}, "Aantal volwassenen: vul een heel getal in van 0 tot en met 20."),
    ({"volwassenen": "1", "kinderen": "2.5"}, f"Aantal kinderen: {WHOLE}"),
    ({"volwassenen": "1", "babys": "9" * 40}, f"Aantal baby&#x27;s: {WHOLE}"),
    ({"volwassenen": "1", "huisdieren": "\x00"}, f"Aantal huisdieren: {WHOLE}"),
    ({"volwassenen": "1", "dagen": "0"}, "Aantal dagen: vul een heel getal in van 1 tot en met 20."),
    ({"volwassenen": "1", "zorg": "onzin"}, "Extra zorg: kies uit de lijst."),
    ({"volwassenen": "0", "kinderen": "0"}, "Aantal volwassenen: uw huishouden heeft minstens één persoon."),
])
def test_bad_input_names_the_field(client, bernheze, params, message):
    response = client.get(KIT, params)
    assert response.status_code == 200
    html = text_of(response)
    assert message in html
    assert "Dit heeft uw huishouden nodig" not in html
    assert "<title>Fout: " in html
    assert 'aria-invalid="true"' in html or "zorg" in params


def test_bad_input_in_english_is_english(client, bernheze):
    html = text_of(client.get("/en" + KIT, {"volwassenen": "veel"}))
    assert "Number of adults: enter a whole number from 0 to 20." in html


def test_kit_refuses_post_without_error_page(client, bernheze):
    assert client.post(KIT, {"volwassenen": 1}).status_code == 405


def test_unknown_municipality_is_404(client, db):
    assert client.get("/nergenshuizen/noodpakket/").status_code == 404
    assert client.get("/nergenshuizen/noodpakket/herinnering.ics").status_code == 404


def page_weight(html: bytes) -> int:
    css = 0
    for href in re.findall(rb'<link rel="stylesheet" href="/static/([^"]+)"', html):
        css += len(open(finders.find(href.decode()), "rb").read())
    return len(html) + css


def test_pages_are_small_and_self_contained(client, bernheze):
    for params in ({}, {"volwassenen": 20, "kinderen": 20, "babys": 20, "huisdieren": 20,
                        "dagen": 20, "medicijnen": "on", "zorg": list(kit.NEEDS)}):
        for prefix in ("", "/en"):
            response = client.get(prefix + KIT, params)
            assert page_weight(response.content) <= 50 * 1024
            assert not re.search(rb'(src|href|action)="(https?:)?//', response.content)


# --- the calendar file ----------------------------------------------------------------------

def parse_ics(body: bytes):
    """A tiny RFC 5545 reader: checks CRLF and folding, returns nested components."""
    text = body.decode("utf-8")
    assert text.endswith("\r\n")
    physical = text[:-2].split("\r\n")
    assert all("\n" not in line and "\r" not in line for line in physical)
    assert all(len(line.encode("utf-8")) <= 75 for line in physical)
    lines = []
    for line in physical:
        if line.startswith((" ", "\t")):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    root = {"name": "ROOT", "props": {}, "children": []}
    stack = [root]
    for line in lines:
        name_params, _, value = line.partition(":")
        name = name_params.split(";")[0].upper()
        if name == "BEGIN":
            component = {"name": value, "props": {}, "children": []}
            stack[-1]["children"].append(component)
            stack.append(component)
        elif name == "END":
            assert stack.pop()["name"] == value
        else:
            stack[-1]["props"].setdefault(name, []).append(value)
    assert len(stack) == 1
    return root["children"]


def unescape(value: str) -> str:
    return (value.replace("\\n", "\n").replace("\\N", "\n").replace("\\,", ",")
            .replace("\\;", ";").replace("\\\\", "\\"))


def test_ics_is_a_valid_six_monthly_reminder(client, bernheze):
    response = client.get(ICS)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert not response.cookies and not client.cookies
    (calendar,) = parse_ics(response.content)
    assert calendar["name"] == "VCALENDAR"
    assert calendar["props"]["VERSION"] == ["2.0"] and calendar["props"]["PRODID"]
    (event,) = calendar["children"]
    assert event["name"] == "VEVENT"
    props = event["props"]
    for required in ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "DESCRIPTION", "RRULE"):
        assert len(props[required]) == 1, required
    assert re.fullmatch(r"\d{8}T\d{6}Z", props["DTSTAMP"][0])
    start = dt.datetime.strptime(props["DTSTART"][0], "%Y%m%dT%H%M%S")
    from django.utils import timezone
    assert start.date() == _add_months(timezone.localdate(), 6) and start.hour == 10
    assert props["RRULE"] == ["FREQ=MONTHLY;INTERVAL=6"]
    assert props["SUMMARY"] == ["Noodpakket controleren"]
    description = unescape(props["DESCRIPTION"][0])
    assert "Werken de radio en de zaklamp?" in description
    assert "http://testserver/bernheze/noodpakket/" in description
    (alarm,) = event["children"]
    assert alarm["name"] == "VALARM"
    assert alarm["props"]["ACTION"] == ["DISPLAY"] and alarm["props"]["TRIGGER"]
    assert alarm["props"]["DESCRIPTION"]


def test_ics_in_english(client, bernheze):
    response = client.get("/en" + ICS)
    (calendar,) = parse_ics(response.content)
    props = calendar["children"][0]["props"]
    assert props["SUMMARY"] == ["Check your emergency kit"]
    assert "http://testserver/en/bernheze/noodpakket/" in unescape(props["DESCRIPTION"][0])
    assert "emergency-kit-reminder.ics" in response["Content-Disposition"]


def test_ics_escaping_and_folding_never_split_a_character():
    body = reminder_calendar(kit_url="https://example.test/a,b;c", today=dt.date(2025, 8, 31),
                             now=dt.datetime(2025, 8, 31, 12, tzinfo=dt.UTC))
    (calendar,) = parse_ics(body.encode())
    props = calendar["children"][0]["props"]
    assert props["DTSTART"] == ["20260228T100000"]           # 31 Aug + 6 months, clamped
    assert props["DTSTAMP"] == ["20250831T120000Z"]
    assert "https://example.test/a\\,b\\;c" in props["DESCRIPTION"][0]
    folded = _ics_fold("X:" + "é" * 100)
    assert all(len(line.encode()) <= 75 for line in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "X:" + "é" * 100
