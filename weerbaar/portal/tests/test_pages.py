"""The information pages render the Bernheze demo in Dutch and English, show only what the
public may see and are honest about what is not known or not real."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from weerbaar.demo.loader import load_demo
from weerbaar.network.models import HelpService, KeyFigure
from weerbaar.places.models import Community, Municipality
from weerbaar.portal import content
from weerbaar.supportpoints.models import SupportPoint

LANGUAGES = ("nl", "en")


@pytest.fixture
def demo(db):
    load_demo(accounts=False)
    return Municipality.objects.get(slug="bernheze")


def url(name, language="nl", **kwargs):
    with translation.override(language):
        return reverse(f"portal:{name}", kwargs=kwargs)


def own_urls(municipality, language):
    """Every page this module serves for a municipality."""
    m = municipality.slug
    urls = [url(name, language, municipality=m)
            for name in ("home", "help", "disruptions", "accessibility", "privacy")]
    urls += [url("community", language, municipality=m, community=c.slug)
             for c in municipality.communities.all()]
    urls += [url("disruption", language, municipality=m, disruption=d.slug)
             for d in content.disruptions()]
    return urls


def get_ok(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_renders_in_both_languages(client, demo, language):
    for path in own_urls(demo, language):
        html = get_ok(client, path)
        assert f'<html lang="{language}">' in html, path
        assert "<h1>" in html, path
        assert html.count("<main") == 1, path


def test_urls_are_the_documented_ones(demo):
    assert url("index") == "/"
    assert url("home", municipality="bernheze") == "/bernheze/"
    assert url("home", "en", municipality="bernheze") == "/en/bernheze/"
    assert url("community", municipality="bernheze", community="heesch") == "/bernheze/kernen/heesch/"
    assert url("help", municipality="bernheze") == "/bernheze/hulp/"
    assert url("disruption", municipality="bernheze", disruption="stroomuitval") \
        == "/bernheze/wat-te-doen/stroomuitval/"
    assert url("accessibility", municipality="bernheze") == "/bernheze/toegankelijkheid/"
    assert url("privacy", municipality="bernheze") == "/bernheze/privacy/"


def test_index_redirects_to_the_only_municipality(client, demo):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/bernheze/"
    response = client.get("/en/")
    assert response.status_code == 302
    assert response["Location"] == "/en/bernheze/"


def test_index_lists_several_municipalities(client, demo):
    Municipality.objects.create(cbs_code="GM9998", name="Andere Gemeente", source="test")
    html = get_ok(client, "/")
    assert 'href="/bernheze/"' in html
    assert 'href="/andere-gemeente/"' in html


def test_index_without_municipality_says_so(client, db):
    assert "Er is nog geen gemeente ingesteld." in get_ok(client, "/")


def test_unknown_municipality_community_or_disruption_is_404(client, demo):
    assert client.get("/onbekend/").status_code == 404
    assert client.get("/bernheze/kernen/atlantis/").status_code == 404
    assert client.get("/bernheze/wat-te-doen/zombies/").status_code == 404


def test_community_of_another_municipality_is_404(client, demo):
    other = Municipality.objects.create(cbs_code="GM9998", name="Andere", source="test")
    Community.objects.create(municipality=other, name="Elders", slug="elders", source="test")
    assert client.get("/bernheze/kernen/elders/").status_code == 404
    assert client.get("/andere/kernen/elders/").status_code == 200


def test_home_has_the_three_steps_help_disruptions_and_kernen(client, demo):
    html = get_ok(client, "/bernheze/")
    for text in ("Maak een noodpakket", "Maak een noodplan", "Let op elkaar",
                 "Waar is mijn noodsteunpunt?", "Waar kunt u terecht met een hulpvraag?",
                 "Wat te doen bij…", "Langdurige stroomuitval", "Bel 112 alleen bij direct gevaar"):
        assert text in html, text
    for community in demo.communities.all():
        assert f'href="/bernheze/kernen/{community.slug}/"' in html
    assert 'href="/bernheze/hulp/"' in html
    assert "De gemeente heeft nu 7 gebouwen in beeld. Daarvan zijn er 0 ingericht." in html


def test_home_in_english(client, demo):
    html = get_ok(client, "/en/bernheze/")
    assert "Make an emergency kit" in html
    assert "Long power outage" in html
    assert 'href="/en/bernheze/kernen/heesch/"' in html
    assert 'hreflang="nl"' in html and 'href="/bernheze/"' in html


def test_community_page_shows_support_points_honestly(client, demo):
    html = get_ok(client, "/bernheze/kernen/heesch/")
    assert "De Pas" in html and "De Misse 4, Heesch" in html
    assert "Nog niet ingericht" in html
    assert "de gemeente onderzoekt of dit gebouw een noodsteunpunt kan worden" in html
    # Unchecked facilities are unknown, never "no".
    assert "Nog niet bekend" in html
    assert "<dt>Rolstoeltoegankelijk</dt><dd>onbekend</dd>" in html
    assert "<dt>Nog niet bekend</dt><dd>Noodstroom, Drinkwater, Warmte" in html
    assert "<dt>Wel</dt>" not in html and "<dt>Niet</dt>" not in html


def test_facilities_yes_no_unknown(client, demo):
    point = SupportPoint.objects.get(name="De Wis")
    point.status = SupportPoint.Status.EQUIPPED
    point.backup_power = True
    point.backup_autonomy_hours = 48
    point.drinking_water = False
    point.wheelchair_accessible = True
    point.capacity_per_day = 300
    point.save()
    html = get_ok(client, "/bernheze/kernen/loosbroek/")
    assert "Ingericht als noodsteunpunt." in html
    assert "<dt>Wel</dt><dd>Noodstroom</dd>" in html
    assert "<dt>Niet</dt><dd>Drinkwater</dd>" in html
    assert "<dt>Rolstoeltoegankelijk</dt><dd>ja</dd>" in html
    assert "ongeveer 300" in html and "voor ongeveer 48 uur" in html
    html = get_ok(client, "/en/bernheze/kernen/loosbroek/")
    assert "<dt>Wheelchair accessible</dt><dd>yes</dd>" in html


def test_community_page_labels_fictitious_records(client, demo):
    html = get_ok(client, "/bernheze/kernen/heesch/")
    assert "Voorbeeld Burenhulp Heesch" in html
    assert "fictief voorbeeld (demo)" in html
    assert "schatting" in html
    assert "Aantal mensen</dt><dd>onbekend" in html
    html = get_ok(client, "/en/bernheze/kernen/heesch/")
    assert "fictitious example (demo)" in html and "estimate" in html


def test_community_page_shows_key_figure_channel_only(client, demo):
    html = get_ok(client, "/bernheze/kernen/heesch/")
    assert "Fictief voorbeeld — via het gemeentelijk loket" in html
    # Heesch has two active key figures; one has no public channel, shown once at most.
    assert html.count("Fictief voorbeeld — via het gemeentelijk loket") == 1


def test_community_without_channel_points_to_the_municipality(client, demo):
    html = get_ok(client, "/bernheze/kernen/vinkel/")  # no key figure at all
    assert "Deze kern heeft nog geen sleutelfiguur met een openbaar contact." in html
    assert "Gemeente Bernheze" in html
    html = get_ok(client, "/bernheze/kernen/vorstenbosch/")  # active, but no public channel
    assert "Deze kern heeft nog geen sleutelfiguur met een openbaar contact." in html


def test_inactive_key_figure_channel_is_not_shown(client, demo):
    figure = KeyFigure.objects.get(name="Voorbeeld Sleutelfiguur Heeswijk-Dinther B")
    figure.public_channel = "Oud kanaal dat niet meer geldt"
    figure.save()
    assert "Oud kanaal dat niet meer geldt" not in get_ok(client, "/bernheze/kernen/heeswijk-dinther/")


def private_values():
    """What must never appear on a public page: every key figure's personal fields."""
    values = set()
    for figure in KeyFigure.objects.all():
        values |= {figure.name, figure.phone, figure.email, figure.address, figure.role,
                   figure.reach_without_phone}
    return {v for v in values if v}


PHONE = re.compile(r"\b06[- ]?\d{8}\b")


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_key_figure_personal_data_on_any_page(client, demo, language):
    figure = KeyFigure.objects.get(name="Voorbeeld Sleutelfiguur Heesch A")
    figure.address = "Geheimstraat 1, Heesch"
    figure.save()
    secrets = private_values()
    assert "Voorbeeld Sleutelfiguur Heesch A" in secrets and "06-00000000" in secrets
    for path in own_urls(demo, language):
        html = get_ok(client, path)
        leaked = [value for value in secrets if value in html]
        assert leaked == [], (path, leaked)
        assert not PHONE.search(html), path


def test_only_published_help_services_are_shown(client, demo):
    for path in ("/bernheze/hulp/", "/bernheze/kernen/heesch/", "/bernheze/"):
        html = get_ok(client, path)
        assert "Brabant Alert" in html, path
        assert "Sterke Lokale Teams" not in html, path


def test_local_help_service_appears_on_its_community_page(client, demo):
    HelpService.objects.create(
        organisation=demo.organisations.get(name="Rode Kruis"),
        community=Community.objects.get(slug="nistelrode"), name="Hulpdienst Nistelrode",
        phone="0412 000000", url="https://example.org/hulp", source="test")
    html = get_ok(client, "/bernheze/kernen/nistelrode/")
    assert "Hulpdienst Nistelrode" in html
    assert 'href="tel:0412000000"' in html
    # Another host's website is shown as text, never as a link (no third-party requests).
    assert "https://example.org/hulp" in html and 'href="https://example.org' not in html
    assert "Hulpdienst Nistelrode" not in get_ok(client, "/bernheze/kernen/heesch/")
    assert "Hulpdienst Nistelrode" in get_ok(client, "/bernheze/hulp/")


def test_power_outage_page_has_timeline_with_sources(client, demo):
    html = get_ok(client, "/bernheze/wat-te-doen/stroomuitval/")
    for text in ("Meteen, in de eerste 2 uur", "Na 2 tot 4 uur", "Na 4 tot 24 uur", "Na 24 uur",
                 "Liften stoppen", "Ook 112 is dan misschien niet", "een half uur tot 3 uur",
                 "De cv-ketel stopt", "meer dan 3 verdiepingen", "brandstof voor ongeveer",
                 "problemen met hygiëne", "Tanken lukt niet meer", "Pinnen",
                 "Veiligheidsregio Brabant-Noord", "Wat kunt u doen?", "Waar vindt u hulp?",
                 "Bel 112 alleen bij direct gevaar", "Werkt 112 niet?", "€ 70 per volwassene"):
        assert text in html, text
    assert 'href="#bron-vrbn"' in html and 'id="bron-vrbn"' in html
    assert "Dat plan is nog niet klaar" in html  # fire stations: a plan, not settled
    html = get_ok(client, "/en/bernheze/wat-te-doen/stroomuitval/")
    assert "After 2 to 4 hours" in html and "Lifts stop" in html and "If 112 does not work" in html


def test_drinking_water_page(client, demo):
    html = get_ok(client, "/bernheze/wat-te-doen/drinkwater/")
    assert "3 liter drinkwater per persoon per dag" in html
    assert "uitdeelpunt" in html


def test_accessibility_and_privacy_statements(client, demo):
    html = get_ok(client, "/bernheze/toegankelijkheid/")
    assert "WCAG 2.1" in html and "axe-core" in html and "toetsenbord" in html
    assert "Wat nog niet goed is" in html
    html = get_ok(client, "/bernheze/privacy/")
    assert "geen cookies" in html and "niet bewaard" in html and "logbestand" in html
    assert "Dit platform voegt zelf niets toe" in html


def test_navigation_marks_the_current_page(client, demo):
    html = get_ok(client, "/bernheze/hulp/")
    assert 'href="/bernheze/hulp/" aria-current="page"' in html
    assert 'href="/bernheze/toegankelijkheid/"' in html and 'href="/bernheze/privacy/"' in html
