"""The household plan: echoed back as a printable page, never stored, no cookies, no private data."""

import logging
import re

import pytest
from django.apps import apps
from django.test import Client

from weerbaar.network.models import KeyFigure
from weerbaar.supportpoints.models import SupportPoint

PLAN = "/bernheze/noodplan/"


@pytest.fixture
def demo(db):
    from weerbaar.demo.loader import load_demo

    load_demo()


@pytest.fixture
def small(db):
    """Just enough of Bernheze for the validation tests (the demo takes seconds to load)."""
    from weerbaar.places.models import Community, Municipality

    bernheze = Municipality.objects.create(cbs_code="GM1721", name="Bernheze", slug="bernheze",
                                           source="test")
    heesch = Community.objects.create(municipality=bernheze, name="Heesch", slug="heesch",
                                      source="test")
    SupportPoint.objects.create(community=heesch, name="De Pas", address="De Misse 4, Heesch",
                                source="test")
    return bernheze


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def row_counts() -> dict:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def heesch_point() -> SupportPoint:
    return SupportPoint.objects.get(community__slug="heesch", name="De Pas")


FILLED = {
    "leden": "Anna, Piet",
    "plek_dichtbij": "Bij de kerk op het plein",
    "plek_buiten": "Bij tante Els in Oss",
    "naam_1": "Tante Els", "nummer_1": "0412-123456",
    "naam_2": "Buurman Kees", "nummer_2": "+31 6 1234 5678",
    "kern": "heesch",
    "medicijnen": "Insuline (Piet)\nOmeprazol (Anna)",
    "wij_kijken_naar": "Mevrouw De Vries op nummer 12",
    "naar_ons_kijkt": "Familie Jansen",
    "noodpakket": "In de trapkast",
    "papieren": "Map in de la",
    "huisdieren": "Kat Minoes",
}


def test_form_page_lists_support_points_by_kern(client, demo):
    response = client.get(PLAN)
    assert response.status_code == 200
    html = text_of(response)
    assert '<form method="post" action="/bernheze/noodplan/" novalidate>' in html
    assert "csrfmiddlewaretoken" not in html
    assert '<optgroup label="Heesch">' in html and '<optgroup label="Loosbroek">' in html
    assert "De Pas, De Misse 4, Heesch (kandidaat)" in html
    assert 'href="/bernheze/noodplan/?leeg=1"' in html
    assert not response.cookies and not client.cookies


def test_post_echoes_everything_into_the_printable_plan(demo):
    client = Client(enforce_csrf_checks=True)   # works without any CSRF cookie
    before = row_counts()
    data = {**FILLED, "noodsteunpunt": str(heesch_point().pk)}
    response = client.post(PLAN, data)
    assert response.status_code == 200
    html = text_of(response)
    assert "<h1>Ons noodplan</h1>" in html
    assert "Er is niets opgeslagen." in html
    for key in ("leden", "plek_dichtbij", "plek_buiten", "naam_1", "nummer_1", "naam_2",
                "noodsteunpunt_naam", "wij_kijken_naar", "naar_ons_kijkt", "noodpakket", "papieren",
                "huisdieren"):
        value = {"noodsteunpunt_naam": "De Pas"}.get(key) or data[key]
        assert value in html, key
    assert "+31 6 1234 5678" in html
    assert "Insuline (Piet)<br>Omeprazol (Anna)" in html
    assert "De Misse 4, Heesch" in html and "Kern: Heesch." in html
    assert "nog niet aangewezen (status: kandidaat)" in html
    assert "Heesch: Fictief voorbeeld — via het gemeentelijk loket" in html
    assert "(fictief voorbeeld)" in html
    # Printed, not stored.
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies and not client.cookies
    assert row_counts() == before


def test_empty_fields_print_as_lines_to_fill_in(client, demo):
    response = client.post(PLAN, {"plek_dichtbij": "Bij de kerk"})
    html = text_of(response)
    assert "Bij de kerk" in html
    assert html.count('class="blank-line"') >= 10
    assert "Niet ingevuld: vul dit met de pen in." in html
    assert html.count("<td>&nbsp;</td><td>&nbsp;</td>") == 6     # six empty phone rows
    assert "<td>112</td>" in html


def test_kern_follows_the_support_point_when_not_chosen(client, demo):
    point = SupportPoint.objects.get(community__slug="loosbroek")
    html = text_of(client.post(PLAN, {"noodsteunpunt": str(point.pk)}))
    assert "Loosbroek: Fictief voorbeeld — via het gemeentelijk loket" in html


def test_kern_without_public_channel_says_so(client, demo):
    html = text_of(client.post(PLAN, {"kern": "vorstenbosch"}))
    assert "Voor Vorstenbosch is nog geen openbaar kanaal van een sleutelfiguur bekend." in html


def test_key_figures_private_fields_never_appear(client, demo):
    figures = list(KeyFigure.objects.all())
    assert figures
    pages = [client.post(PLAN, {"kern": slug}).content.decode()
             for slug in KeyFigure.objects.values_list("community__slug", flat=True).distinct()]
    pages.append(client.get(PLAN + "?leeg=1").content.decode())
    pages.append(client.get(PLAN).content.decode())
    for html in pages:
        for figure in figures:
            assert figure.name not in html
            assert figure.role not in html
            assert figure.reach_without_phone not in html
            for name in KeyFigure.PERSONAL_FIELDS:
                value = getattr(figure, name)
                if value:
                    assert value not in html, name


def test_inactive_key_figures_channel_is_not_shown(client, demo):
    figure = KeyFigure.objects.filter(community__slug="loosbroek").get()
    figure.public_channel = "Alleen-actief-kanaal"
    figure.save()
    assert "Alleen-actief-kanaal" in client.post(PLAN, {"kern": "loosbroek"}).content.decode()
    figure.is_active = False
    figure.save()
    assert "Alleen-actief-kanaal" not in client.post(PLAN, {"kern": "loosbroek"}).content.decode()


@pytest.mark.parametrize("data, message", [
    ({"plek_dichtbij": "x" * 201},
     "Ontmoetingsplek dicht bij huis: gebruik maximaal 200 tekens (u typte er 201)."),
    ({"medicijnen": "x" * 501}, "Medicijnen: gebruik maximaal 500 tekens (u typte er 501)."),
    ({"naam_3": "x" * 61}, "Naam 3: gebruik maximaal 60 tekens (u typte er 61)."),
    ({"nummer_2": "bel maar"}, "Telefoonnummer 2: gebruik alleen cijfers, spaties en de tekens + - ( )."),
    ({"nummer_1": "1" * 21}, "Telefoonnummer 1: gebruik maximaal 20 tekens (u typte er 21)."),
    ({"kern": "atlantis"}, "Uw kern: kies een kern uit de lijst."),
    ({"noodsteunpunt": "abc"}, "Dichtstbijzijnde noodsteunpunt: kies een noodsteunpunt uit de lijst."),
    ({"leden": "a\x00b"}, "Wie wonen er in uw huis?: deze tekst bevat een teken dat niet mag."),
])
def test_bad_input_names_the_field_and_keeps_the_rest(client, small, data, message):
    response = client.post(PLAN, {"plek_buiten": "Bij opa", **data})
    assert response.status_code == 200
    html = text_of(response)
    assert message in html
    assert "<title>Fout: " in html
    assert 'value="Bij opa"' in html           # nothing typed is lost
    assert "Ons noodplan" not in html
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies


def test_support_point_of_another_municipality_is_refused(client, demo, municipality, communities):
    other = SupportPoint.objects.create(community=communities[0], name="Elders", source="test")
    html = text_of(client.post(PLAN, {"noodsteunpunt": str(other.pk)}))
    assert "Dichtstbijzijnde noodsteunpunt: kies een noodsteunpunt uit de lijst." in html


def test_blank_plan_for_paper(client, demo):
    response = client.get(PLAN, {"leeg": "1"})
    assert response.status_code == 200
    html = text_of(response)
    assert "<h1>Noodplan om in te vullen</h1>" in html
    assert "Er is niets opgeslagen." not in html
    assert html.count("<td>&nbsp;</td><td>&nbsp;</td>") == 6
    assert '<th scope="row">Heeswijk-Dinther</th>' in html and "Gymnasium Bernrode" in html
    assert not response.cookies


def test_plan_in_english(client, small):
    html = text_of(client.post("/en" + PLAN, {"plek_dichtbij": "By the church"}))
    assert '<html lang="en">' in html
    assert "<h1>Our emergency plan</h1>" in html and "Nothing was saved." in html
    assert "By the church" in html
    html = text_of(client.post("/en" + PLAN, {"plek_dichtbij": "x" * 201}))
    assert "Meeting place near home: use at most 200 characters (you typed 201)." in html


def test_nothing_typed_reaches_the_logs(client, small, caplog):
    secret = "Geheime-ontmoetingsplek-4242"
    with caplog.at_level(logging.DEBUG):
        client.post(PLAN, {"plek_dichtbij": secret, "nummer_1": "0612345678"})
        client.post(PLAN, {"plek_dichtbij": secret * 20})
    assert secret not in caplog.text and "0612345678" not in caplog.text


def test_other_methods_are_refused(client, small):
    assert client.put(PLAN).status_code == 405
    assert client.delete(PLAN).status_code == 405
