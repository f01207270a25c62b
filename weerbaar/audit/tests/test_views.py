"""The privacy officer's page, and the places that write audit events."""

from datetime import date

import pytest
from django.urls import reverse

from weerbaar.accounts.roles import Role
from weerbaar.audit.models import AuditEvent
from weerbaar.network.models import KeyFigure


@pytest.fixture
def anna(communities):
    return KeyFigure.objects.create(
        community=communities[0], name="Anna Akkerman", role="Dorpsraad", reach_without_phone="Café",
        phone="06-11112222", email="anna@example.org", purpose="Schakel", consent_on=date(2026, 1, 5),
        source="test")


def test_key_figure_contact_view_is_recorded_without_personal_values(client, role_users, anna):
    client.force_login(role_users[Role.CRISIS])
    assert client.get(reverse("admin:network_keyfigure_change", args=[anna.pk])).status_code == 200
    event = AuditEvent.objects.filter(action="view", object_type="network.keyfigure").latest("sequence")
    assert event.object_id == str(anna.pk) and event.actor_username == "user-crisis"
    assert event.role == "crisis" and "met privécontact" in event.object_repr
    assert event.path == reverse("admin:network_keyfigure_change", args=[anna.pk])
    for value in ("Anna", "06-11112222", "anna@example.org"):
        assert value not in " ".join([event.object_repr, event.reason, event.path])
    client.get(reverse("admin:network_keyfigure_changelist"))
    assert AuditEvent.objects.filter(action="list", object_type="network.keyfigure").exists()


def test_admin_change_is_recorded(client, role_users, anna):
    client.force_login(role_users[Role.PROGRAMME])
    anna.role = "Voorzitter dorpsraad"
    anna.save()  # outside a request: the system
    event = AuditEvent.objects.filter(action="change").latest("sequence")
    assert event.object_type == "network.keyfigure" and event.actor_username.startswith("systeem")


def test_crisis_edition_print_is_recorded_with_reason(client, role_users, municipality, anna):
    client.force_login(role_users[Role.CRISIS])
    url = reverse("reports:crisis", args=[municipality.slug])
    assert client.get(url, {"reden": "oefening 12 december"}).status_code == 200
    event = AuditEvent.objects.get(action="print")
    assert event.reason == "oefening 12 december" and event.object_id == municipality.slug
    assert event.actor_username == "user-crisis"


def test_officer_searches_by_person_and_pages(client, officer, anna, communities):
    other = KeyFigure.objects.create(community=communities[1], name="Bert Bosman", role="Pastor",
                                     reach_without_phone="Kerk", purpose="Schakel",
                                     consent_on=date(2026, 1, 5), source="test")
    client.force_login(officer)
    page = client.get(reverse("audit:events"), {"person": "akkerman"})
    assert page.status_code == 200
    shown = list(page.context["page"])
    assert shown and all(e.object_id == str(anna.pk) for e in shown)
    assert str(other.pk) not in {e.object_id for e in shown if e.object_type == "network.keyfigure"}
    for i in range(60):
        from weerbaar.audit.services import record

        record("view", object_type="test", object_id=str(i))
    page = client.get(reverse("audit:events"), {"pagina": "2"})
    assert page.context["page"].number == 2 and len(page.context["page"]) >= 10
    bad = client.get(reverse("audit:events"), {"since": "2026-05-01", "until": "2026-04-01"})
    assert "vóór de datum" in bad.content.decode()


def test_csv_export_needs_a_reason_and_is_recorded(client, officer, anna):
    client.force_login(officer)
    refused = client.get(reverse("audit:export"))
    assert refused.status_code == 200 and refused["Content-Type"].startswith("text/html")
    assert not AuditEvent.objects.filter(object_type="audit.auditevent").exists()
    response = client.get(reverse("audit:export"), {"reason": "kwartaalcontrole", "action": "create",
                                                         "object_type": "network.keyfigure"})
    assert response["Content-Type"].startswith("text/csv")
    rows = response.content.decode().strip().splitlines()
    assert rows[0].startswith("sequence,") and len(rows) == 2  # the create of Anna
    event = AuditEvent.objects.filter(object_type="audit.auditevent").get()
    assert event.action == "export" and event.reason == "kwartaalcontrole"
    assert event.actor_username == "fg"


def test_roles_without_the_permission_get_403(client, role_users):
    for user in role_users.values():
        client.force_login(user)
        assert client.get(reverse("audit:events")).status_code == 403
        assert client.get(reverse("admin:audit_auditevent_changelist")).status_code == 403


def test_officer_reads_the_admin_but_changes_nothing(client, officer):
    from weerbaar.audit.services import record

    event = record("view", object_type="test", object_id="1")
    client.force_login(officer)
    assert client.get(reverse("admin:audit_auditevent_changelist")).status_code == 200
    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    assert client.post(reverse("admin:audit_auditevent_delete", args=[event.pk])).status_code == 403
