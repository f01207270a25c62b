"""The staff dashboard "Zijn we op koers?"."""

from datetime import date

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from weerbaar.accounts.roles import Role
from weerbaar.network.models import KeyFigure
from weerbaar.places.models import Municipality
from weerbaar.programme.models import ProgrammeLine, Subgoal

URL = reverse("workspace:dashboard")
SRC = {"source": "test"}


def add_subgoal(municipality, code, measured_by="register"):
    number = code.split("-")[0]
    line, _ = ProgrammeLine.objects.get_or_create(municipality=municipality, number=number,
                                                  defaults={"name": f"Lijn {number}", **SRC})
    return Subgoal.objects.create(line=line, code=code, text=f"Subdoel {code} tekst",
                                  target_share=1.0, deadline=date(2028, 1, 1),
                                  measured_by=measured_by, indicator="aandeel", **SRC)


@pytest.fixture
def programme(municipality, communities):
    """II-2 at 50 %: one community with a key figure confirmed 3 months ago, one 14 months."""
    today = timezone.localdate()
    add_subgoal(municipality, "I-1", measured_by="survey")
    add_subgoal(municipality, "II-2")
    for community, months in zip(communities, (3, 14), strict=True):
        KeyFigure.objects.create(
            community=community, name=f"Geheime Naam {months}", role="Dorpsraad",
            reach_without_phone="Dorpshuis", purpose="Schakel", consent_on=date(2025, 1, 1),
            phone="06-12345678", role_confirmed_on=today - relativedelta(months=months), **SRC)
    return municipality


def test_programme_user_sees_the_computed_share(client, role_users, programme):
    client.force_login(role_users[Role.PROGRAMME])
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Zijn we op koers?</h1>" in html
    assert "Stand per" in html
    assert "50 % (1 van 2)" in html
    assert "Nog geen meting" in html
    assert 'id="subdoel-II-2"' in html
    assert "<caption>II-2 per kern</caption>" in html
    assert '<th scope="row">Noorddorp</th>' in html
    overview = response.context["overview"]
    assert [r.code for r in overview] == ["I-1", "II-2"]
    assert overview[1].value == 0.5
    assert overview[1].status_label in html


@pytest.mark.parametrize("role", [Role.KEY_FIGURE, Role.PARTNER, Role.CRISIS])
def test_every_role_sees_aggregates_but_no_personal_data(client, role_users, programme, role):
    client.force_login(role_users[role])
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "50 %" in html
    assert "Geheime Naam" not in html and "06-12345678" not in html


def test_anonymous_is_sent_to_login(client, programme):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_user_without_role_is_refused(client, make_user, programme):
    client.force_login(make_user(None, username="zonder-rol"))
    assert client.get(URL).status_code == 403


def test_no_municipality_yet_says_how_to_load_the_demo(client, make_user):
    client.force_login(make_user(Role.PROGRAMME))
    html = client.get(URL).content.decode()
    assert "Nog geen programma ingevoerd" in html
    assert "weerbaar load-demo" in html


def test_municipality_without_subgoals_says_how_to_load_the_demo(client, role_users):
    client.force_login(role_users[Role.PROGRAMME])
    html = client.get(URL).content.decode()
    assert "Nog geen programma ingevoerd" in html
    assert "<table" not in html


def test_municipality_is_chosen_by_cbs_code(client, role_users, programme):
    other = Municipality.objects.create(cbs_code="GM0001", name="Aagemeente", **SRC)
    add_subgoal(other, "II-2")
    client.force_login(role_users[Role.PROGRAMME])

    # Default for a staff member without an own municipality: the first by name.
    response = client.get(URL)
    assert response.context["municipality"] == other
    assert "geen gegevens" in response.content.decode()  # no communities: no denominator

    response = client.get(URL, {"gemeente": "gm9999"})
    assert response.context["municipality"] == programme
    assert "50 % (1 van 2)" in response.content.decode()
    assert client.get(URL, {"gemeente": "GM0000"}).status_code == 404


def test_partner_sees_own_municipality_by_default(client, role_users, programme):
    Municipality.objects.create(cbs_code="GM0001", name="Aagemeente", **SRC)
    client.force_login(role_users[Role.PARTNER])
    response = client.get(URL)
    assert response.context["municipality"] == programme
    assert '<select id="gemeente" name="gemeente">' in response.content.decode()
