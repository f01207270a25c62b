"""The planning pages: who may open and post, what they show, bad input."""

import pytest
from django.urls import reverse

from weerbaar.accounts.roles import Role
from weerbaar.planning.models import CandidateSite
from weerbaar.planning.tests.test_services import town  # noqa: F401 - fixture

PAGES = ("workspace:planning", "workspace:planning_whatif", "workspace:planning_map")


@pytest.mark.parametrize("role", [Role.PROGRAMME, Role.CRISIS, Role.PARTNER, Role.KEY_FIGURE])
def test_who_may_open(client, role_users, town, role):  # noqa: F811
    client.force_login(role_users[role])
    for name in PAGES:
        status = client.get(reverse(name)).status_code
        assert status == (200 if role in (Role.PROGRAMME, Role.CRISIS) else 403), name


def test_anonymous_goes_to_login(client, town):  # noqa: F811
    for name in PAGES:
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_page_shows_coverage_recommendation_and_norm_notice(client, role_users, town):  # noqa: F811
    client.force_login(role_users[Role.CRISIS])
    html = client.get(reverse("workspace:planning")).content.decode()
    assert "geen officiële normen" in html
    assert "Aanbevolen set" in html and "bewezen de beste" in html
    assert "71 %" in html  # current: 150 of 210 residents within the distance
    assert "100 %" in html  # recommended West + Oost reach everyone
    assert 'name="status"' not in html  # the crisis organisation reads only
    assert "synthetisch" not in html  # the test's points are not synthetic


def test_programme_changes_a_status(client, role_users, town):  # noqa: F811
    client.force_login(role_users[Role.PROGRAMME])
    html = client.get(reverse("workspace:planning")).content.decode()
    assert 'name="status"' in html
    site = town["Oost"]
    response = client.post(reverse("workspace:planning"), {"locatie": site.id, "status": "fixed"})
    assert response.status_code == 302
    site.refresh_from_db()
    assert site.status == CandidateSite.Status.FIXED
    page = client.get(response["Location"]).content.decode()
    assert "Blijft zeker" in page


def test_bad_status_post_changes_nothing(client, role_users, town):  # noqa: F811
    client.force_login(role_users[Role.PROGRAMME])
    site = town["Oost"]
    response = client.post(reverse("workspace:planning"), {"locatie": site.id, "status": "open"},
                           follow=True)
    assert "Kies een geldige status voor Oost" in response.content.decode()
    response = client.post(reverse("workspace:planning"), {"locatie": "x", "status": "fixed"},
                           follow=True)
    assert "bestaat niet" in response.content.decode()
    site.refresh_from_db()
    assert site.status == CandidateSite.Status.CANDIDATE


def test_crisis_may_not_post(client, role_users, town):  # noqa: F811
    client.force_login(role_users[Role.CRISIS])
    site = town["Oost"]
    response = client.post(reverse("workspace:planning"), {"locatie": site.id, "status": "fixed"})
    assert response.status_code == 403
    site.refresh_from_db()
    assert site.status == CandidateSite.Status.CANDIDATE


def test_what_if_page(client, role_users, town):  # noqa: F811
    client.force_login(role_users[Role.CRISIS])
    url = reverse("workspace:planning_whatif")
    html = client.get(url, {"locatie": town["West"].id}).content.decode()
    assert "Zonder West" in html and "Beste vervanger: <strong>Oost</strong>" in html
    bad = client.get(url, {"locatie": "999999"}).content.decode()
    assert "Kies een locatie uit de lijst" in bad


def test_printable_map(client, role_users, town):  # noqa: F811
    client.force_login(role_users[Role.PROGRAMME])
    html = client.get(reverse("workspace:planning_map"), {"set": "huidig"}).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and 'role="img"' in html
    assert html.count('class="marker"') == 4 + 2  # four sites plus two legend markers
    assert "<caption>Locaties op de kaart (Huidige noodsteunpunten)</caption>" in html


def test_synthetic_demand_is_labelled(client, role_users, town):  # noqa: F811
    from weerbaar.planning.models import DemandPoint

    DemandPoint.objects.update(is_synthetic=True)
    client.force_login(role_users[Role.CRISIS])
    for name in PAGES:
        assert "synthetisch" in client.get(reverse(name)).content.decode(), name
