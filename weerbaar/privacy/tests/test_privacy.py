"""Register of processing, consent, retention, subject access and erasure."""

import io
import json
import re
from datetime import date, timedelta

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from weerbaar.accounts.roles import Role
from weerbaar.audit.management.commands.audit import verify_chain
from weerbaar.audit.models import AuditEvent
from weerbaar.network.models import KeyFigure
from weerbaar.privacy.models import ConsentWithdrawal
from weerbaar.privacy.registry import NOT_PERSONAL, REGISTRY
from weerbaar.privacy.scan import find_value
from weerbaar.supportpoints.models import KeyHolder, SupportPoint

PERSONAL_LOOKING = re.compile(
    r"(^|_)(phone|e_?mail|address|contact|holder|first_name|last_name|username|respondent_id)($|_)"
    r"|_by$|^owner$")
ANNA = ("Anna Akkerman", "06-11112222", "anna@example.org", "Lindelaan 7", "Café De Zwaan")


def test_every_model_with_personal_looking_fields_is_declared():
    undeclared = []
    for model in apps.get_models():
        meta = model._meta
        if meta.label_lower.startswith(("weerbaar", "historical")) or "historical" in meta.model_name:
            continue
        text = [f.name for f in meta.concrete_fields
                if isinstance(f, (models.CharField, models.TextField)) and not f.choices
                and PERSONAL_LOOKING.search(f.name)]
        in_scope = model.__module__.startswith("weerbaar.") or meta.label_lower == "auth.user"
        if text and in_scope and meta.label_lower not in REGISTRY and meta.label_lower not in NOT_PERSONAL:
            undeclared.append((meta.label_lower, text))
    assert undeclared == []
    for entry in REGISTRY.values():  # every declared field exists
        assert entry.fields()


def test_register_page(client, officer):
    client.force_login(officer)
    page = client.get(reverse("privacy:register")).content.decode()
    assert "Verwerkingsregister" in page and "art. 6 lid 1 sub a" in page
    assert "telefoon (privé)" in page and "KEYFIGURE_RETENTION_DAYS" in page


@pytest.fixture
def anna(communities):
    figure = KeyFigure.objects.create(
        community=communities[0], name=ANNA[0], role="Dorpsraad", reach_without_phone=ANNA[4],
        phone=ANNA[1], email=ANNA[2], address=ANNA[3], purpose="Schakel", consent_on=date(2026, 1, 5),
        source="test")
    figure.role = "Voorzitter dorpsraad"
    figure.save()  # a second history row with all the values
    return figure


@pytest.fixture
def karel(communities):
    point = SupportPoint.objects.create(community=communities[0], name="Dorpshuis", source="test")
    return KeyHolder.objects.create(support_point=point, name="Karel Sleutel", phone="06-55556666",
                                    source="test")


def test_withdrawn_consent_hides_the_contact(client, role_users, anna, municipality):
    from weerbaar.reports.editions import crisis_edition

    client.force_login(role_users[Role.CRISIS])
    change = reverse("admin:network_keyfigure_change", args=[anna.pk])
    assert ANNA[1] in client.get(change).content.decode()
    ConsentWithdrawal.objects.create(key_figure=anna, withdrawn_on=timezone.localdate())
    for url in (change, reverse("admin:network_keyfigure_changelist")):
        page = client.get(url).content.decode()
        assert ANNA[1] not in page and ANNA[2] not in page
    figure = crisis_edition(municipality).sections[0].key_figures[0]
    assert (figure.name, figure.phone, figure.email, figure.address) == (ANNA[0], "", "", "")


def _erased_everywhere(values) -> None:
    for value in values:
        assert find_value(value) == [], value


def test_retention_erases_ended_roles_after_the_period(anna, communities):
    today = timezone.localdate()
    KeyFigure.objects.filter(pk=anna.pk).update(ended_on=today - timedelta(days=30))
    out = io.StringIO()
    with override_settings(KEYFIGURE_RETENTION_DAYS=60):
        call_command("apply_retention", stdout=out)
    assert "0 gewist" in out.getvalue()  # still within the period
    with override_settings(KEYFIGURE_RETENTION_DAYS=10):
        call_command("apply_retention", "--dry-run", stdout=out)
        assert KeyFigure.objects.get(pk=anna.pk).name == ANNA[0]  # dry run changes nothing
        call_command("apply_retention", stdout=out)
        _erased_everywhere(ANNA)
        event = AuditEvent.objects.get(action="retention")
        assert event.object_id == str(anna.pk) and "bewaartermijn 10 dagen" in event.reason
        out = io.StringIO()
        call_command("apply_retention", stdout=out)  # idempotent
    assert out.getvalue().strip().endswith("0 gewist.")
    assert AuditEvent.objects.filter(action="retention").count() == 1
    assert KeyFigure.objects.get(pk=anna.pk).community == communities[0]  # still counted
    assert verify_chain().ok


def test_retention_after_withdrawal(anna, karel):
    call_command("privacy", "withdraw", "--key-holder", str(karel.pk), stdout=io.StringIO())
    call_command("privacy", "withdraw", "--key-figure", str(anna.pk), stdout=io.StringIO())
    call_command("apply_retention", stdout=io.StringIO())
    _erased_everywhere([*ANNA, "Karel Sleutel", "06-55556666"])
    assert not KeyHolder.objects.filter(pk=karel.pk).exists()
    assert AuditEvent.objects.filter(action="consent").count() == 2


def test_subject_export_holds_everything_about_the_person(anna, tmp_path, client, role_users):
    client.force_login(role_users[Role.CRISIS])
    client.get(reverse("admin:network_keyfigure_change", args=[anna.pk]))
    target = tmp_path / "anna.json"
    call_command("privacy", "export", "--person", "anna akkerman", "--reason", "verzoek 7",
                 "--output", str(target), stdout=io.StringIO())
    data = json.loads(target.read_text())
    (found,) = data["records"]
    assert found["type"] == "network.keyfigure" and found["record"]["phone"] == ANNA[1]
    assert len(found["history"]) == 2 and found["history"][0]["email"] == ANNA[2]
    assert {e["action"] for e in found["audit_events"]} >= {"create", "change", "view"}
    event = AuditEvent.objects.get(action="subject_export")
    assert event.reason == "verzoek 7" and ANNA[0] not in event.object_repr


def test_erasure_leaves_no_personal_value_anywhere(anna, karel, client, role_users):
    client.force_login(role_users[Role.PROGRAMME])
    change = reverse("admin:network_keyfigure_change", args=[anna.pk])
    client.get(change)
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    LogEntry.objects.create(user=role_users[Role.PROGRAMME], action_flag=CHANGE,
                            content_type=ContentType.objects.get_for_model(KeyFigure),
                            object_id=str(anna.pk), object_repr=str(anna), change_message="[]")
    assert find_value(ANNA[0])  # in the record, its history and the admin log
    out = io.StringIO()
    call_command("privacy", "erase", "--key-figure", str(anna.pk), "--reason", "verzoek 8", stdout=out)
    assert "Niets gewist" in out.getvalue() and find_value(ANNA[1])
    call_command("privacy", "erase", "--key-figure", str(anna.pk), "--reason", "verzoek 8",
                 "--confirm", stdout=io.StringIO())
    call_command("privacy", "erase", "--person", "Karel Sleutel", "--reason", "verzoek 9",
                 "--confirm", stdout=io.StringIO())
    _erased_everywhere([*ANNA, "Karel Sleutel", "06-55556666"])
    erased = KeyFigure.objects.get(pk=anna.pk)
    assert erased.name == f"Gewist #{anna.pk}" and not erased.is_active
    assert AuditEvent.objects.filter(action="erasure").count() == 2
    assert verify_chain().ok
