"""Who may fetch which edition: the restricted crisis editions only for the programme bureau
and the crisis organisation (every generation logged); the public booklet for everyone."""

import datetime as dt

import pytest
from django.urls import reverse

from weerbaar.accounts.roles import Role
from weerbaar.network.models import KeyFigure


@pytest.fixture
def key_figure(communities):
    return KeyFigure.objects.create(
        community=communities[0], name="Jansje Geheim", role="Coördinator", phone="06-11112222",
        email="jansje@example.org", address="Kerkstraat 1", public_channel="Via de dorpsraad",
        reach_without_phone="Op zaterdag in het dorpshuis", purpose="test",
        consent_on=dt.date(2026, 1, 1), source="test")


def crisis_urls(municipality, communities):
    return [
        reverse("reports:crisis", kwargs={"municipality": municipality.slug}),
        reverse("reports:crisis", kwargs={"municipality": municipality.slug,
                                          "community": communities[0].slug}),
    ]


def test_routes(municipality, communities):
    assert crisis_urls(municipality, communities) == [
        "/werkruimte/edities/crisis/testgemeente/",
        "/werkruimte/edities/crisis/testgemeente/noorddorp/",
    ]
    assert reverse("portal:booklet", kwargs={"municipality": "testgemeente",
                                             "community": "noorddorp"}) == \
        "/testgemeente/boekje/noorddorp.pdf"


def test_anonymous_is_sent_to_login(client, municipality, communities):
    for url in [reverse("reports:index"), *crisis_urls(municipality, communities)]:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


@pytest.mark.parametrize("role", [Role.PARTNER, Role.KEY_FIGURE])
def test_partner_and_key_figure_are_refused(client, role, role_users, municipality, communities,
                                            key_figure, privacy_records):
    client.force_login(role_users[role])
    for url in [reverse("reports:index"), *crisis_urls(municipality, communities)]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert b"Jansje" not in response.content
    assert privacy_records() == []


def test_staff_without_role_is_refused(client, make_user, municipality, communities):
    client.force_login(make_user(None, username="zonder-rol"))
    for url in crisis_urls(municipality, communities):
        assert client.get(url).status_code == 403


@pytest.mark.parametrize("role", [Role.CRISIS, Role.PROGRAMME])
def test_crisis_and_programme_get_a_logged_pdf(client, role, role_users, municipality,
                                               communities, key_figure, privacy_records):
    user = role_users[role]
    client.force_login(user)
    for url in crisis_urls(municipality, communities):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        assert "no-store" in response["Cache-Control"]
    records = privacy_records()
    assert len(records) == 2
    for record in records:
        message = record.getMessage()
        assert record.levelname == "INFO"
        assert user.username in message  # who
        assert "crisiseditie testgemeente" in message  # what
        assert "when=" in message and "version=" in message
    assert "crisiseditie testgemeente/noorddorp" in records[1].getMessage()


def test_index_lists_the_editions(client, role_users, municipality, communities):
    client.force_login(role_users[Role.CRISIS])
    for url in (reverse("reports:index"), reverse("reports:crisis")):
        response = client.get(url)
        assert response.status_code == 200
        for link in crisis_urls(municipality, communities):
            assert link in response.content.decode()


def test_unknown_places_are_404(client, role_users, municipality):
    client.force_login(role_users[Role.CRISIS])
    assert client.get("/werkruimte/edities/crisis/nergens/").status_code == 404
    assert client.get("/werkruimte/edities/crisis/testgemeente/nergens/").status_code == 404


def test_public_booklet_is_public_without_personal_data(client, municipality, communities,
                                                        key_figure):
    from weerbaar.reports.pdf import booklet_html

    url = reverse("portal:booklet", kwargs={"municipality": municipality.slug,
                                            "community": communities[0].slug})
    response = client.get(url)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert response.cookies == {} and not client.cookies
    html, _booklet = booklet_html(communities[0])
    assert "Via de dorpsraad" in html
    for private in ("Jansje Geheim", "06-11112222", "jansje@example.org", "Kerkstraat 1",
                    "Op zaterdag in het dorpshuis"):
        assert private not in html
    assert client.get(f"/{municipality.slug}/boekje/nergens.pdf").status_code == 404
    assert client.post(url).status_code == 405
