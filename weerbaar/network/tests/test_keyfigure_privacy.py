"""Key figures' private contact details reach only roles with a need to know."""

from datetime import date

import pytest
from django.urls import reverse

from weerbaar.accounts.roles import Role
from weerbaar.network.importers import KeyFigureResource
from weerbaar.network.models import KeyFigure
from weerbaar.supportpoints.models import KeyHolder, SupportPoint

PRIVATE = ("06-11112222", "anna@example.org", "Lindelaan 7")


@pytest.fixture
def figures(communities):
    common = {"reach_without_phone": "Dorpshuis, dinsdagavond", "purpose": "Schakel bij verstoring",
              "consent_on": date(2026, 1, 5), "source": "test", "is_fictitious": True}
    anna = KeyFigure.objects.create(community=communities[0], name="Anna Akkerman",
                                    role="Dorpsraad", phone=PRIVATE[0], email=PRIVATE[1],
                                    address=PRIVATE[2], **common)
    bert = KeyFigure.objects.create(community=communities[1], name="Bert Bosman", role="Pastor",
                                    phone="06-33334444", **common)
    anna.name = "Anna Akkerman-de Vries"  # a second history record
    anna.save()
    return anna, bert


def url(name, *args):
    return reverse(f"admin:network_keyfigure_{name}", args=args)


def assert_no_private_data(page: str):
    for value in PRIVATE:
        assert value not in page


def test_key_figure_sees_own_community_without_contact_details(client, role_users, figures):
    anna, bert = figures
    client.force_login(role_users[Role.KEY_FIGURE])

    response = client.get(url("changelist"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Anna Akkerman" in page and "Bert Bosman" not in page
    assert_no_private_data(page)
    assert "telefoon (privé)" not in page.lower()
    assert url("export") not in page  # no export button

    response = client.get(url("change", anna.pk))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Anna Akkerman" in page and "Dorpshuis, dinsdagavond" in page
    assert_no_private_data(page)
    assert 'name="phone"' not in page

    response = client.get(url("change", bert.pk))
    assert response.status_code in (302, 403, 404)
    assert "Bert Bosman" not in client.get(url("change", bert.pk), follow=True).content.decode()


def test_key_figure_cannot_use_history_export_or_filters_to_reach_contacts(
        client, role_users, figures):
    anna, _bert = figures
    client.force_login(role_users[Role.KEY_FIGURE])
    version = anna.history.first().history_id
    assert client.get(url("history", anna.pk)).status_code == 403
    assert client.get(url("simple_history", anna.pk, version)).status_code == 403
    assert client.get(url("export")).status_code == 403
    assert client.post(url("export"), {"format": "0"}).status_code == 403
    # filtering or searching by a hidden field would reveal it bit by bit
    assert client.get(url("changelist"), {"phone__startswith": "06-1"}).status_code == 400
    assert client.get(url("changelist"), {"q": "06-11112222"}).context["cl"].result_count == 0
    assert client.get(url("changelist"), {"q": "Anna"}).context["cl"].result_count == 1


def test_crisis_organisation_sees_contact_details(client, role_users, figures):
    anna, bert = figures
    client.force_login(role_users[Role.CRISIS])

    page = client.get(url("changelist")).content.decode()
    assert "Anna Akkerman" in page and "Bert Bosman" in page
    assert PRIVATE[0] in page and PRIVATE[1] in page and "06-33334444" in page

    page = client.get(url("change", anna.pk)).content.decode()
    for value in PRIVATE:
        assert value in page

    assert client.get(url("history", anna.pk)).status_code == 200
    assert client.get(url("changelist"), {"q": "06-3333"}).context["cl"].result_count == 1

    fields = {f"keyfigureresource_{name}": "on" for name in KeyFigureResource().get_export_order()}
    response = client.post(url("export"), {"format": "0", "resource": "0", **fields})
    assert response.status_code == 200
    assert PRIVATE[0] in response.content.decode("utf-8-sig")


def test_programme_office_edits_contact_details(client, role_users, figures):
    anna, _bert = figures
    client.force_login(role_users[Role.PROGRAMME])
    response = client.get(url("change", anna.pk))
    assert 'name="phone"' in response.content.decode()


def test_key_figure_cannot_write_contact_details(client, role_users, figures):
    anna, _bert = figures
    client.force_login(role_users[Role.KEY_FIGURE])
    response = client.post(url("change", anna.pk), {"phone": "06-99999999"})
    assert response.status_code == 403
    anna.refresh_from_db()
    assert anna.phone == PRIVATE[0]


def test_partner_has_no_key_figures_at_all(client, role_users, figures):
    client.force_login(role_users[Role.PARTNER])
    assert client.get(url("changelist")).status_code == 403
    assert client.get(url("change", figures[0].pk)).status_code == 403


def test_key_holders_stay_hidden_inside_a_support_point(client, role_users, communities):
    point = SupportPoint.objects.create(community=communities[0], name="Dorpshuis Noord",
                                        source="test")
    KeyHolder.objects.create(support_point=point, name="Karel Sleutel", phone="06-55556666",
                             source="test")
    change = reverse("admin:supportpoints_supportpoint_change", args=[point.pk])

    client.force_login(role_users[Role.KEY_FIGURE])
    page = client.get(change).content.decode()
    assert "Dorpshuis Noord" in page
    assert "Karel Sleutel" not in page and "06-55556666" not in page
    assert "statusgeschiedenis" in page.lower()

    client.force_login(role_users[Role.CRISIS])
    page = client.get(change).content.decode()
    assert "Karel Sleutel" in page and "06-55556666" in page
