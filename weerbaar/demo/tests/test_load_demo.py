"""The Bernheze demo dataset: idempotent, sourced, honest about what is unknown."""

import io
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.http import HttpRequest
from django.utils import timezone

from weerbaar.accounts.models import role_of
from weerbaar.accounts.roles import Role
from weerbaar.core.models import Confidence
from weerbaar.demo.loader import (
    DATA_DIR,
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    DemoDataError,
    group_counts,
    load_demo,
    provenance_models,
    summary,
)
from weerbaar.network.models import InformalNetwork, KeyFigure, Organisation
from weerbaar.places.models import Community, Municipality, Neighbourhood, PopulationStatistic
from weerbaar.programme.models import GlossaryVersion, ProgrammeLine, Subgoal
from weerbaar.supportpoints.models import SupportPoint
from weerbaar.vital.models import (
    ContinuityPlan,
    Dependency,
    VitalAsset,
    VitalProcess,
    VulnerableLocation,
)

# A phone number in the demo data is either empty or obviously fake: 06-00000000.
FAKE_PHONE = re.compile(r"^0\d-?0{8}$")


def counts():
    return {row.label: (row.total, dict(row.by_confidence), row.fictitious)
            for row in summary()} | group_counts()


def history_counts():
    return {model._meta.label: model.history.count() for model in provenance_models()
            if hasattr(model, "history")}


@pytest.fixture
def demo(db):
    return load_demo()


def test_loading_twice_gives_identical_counts_and_writes_nothing(demo):
    first, first_history = counts(), history_counts()
    again = load_demo()
    assert counts() == first
    assert history_counts() == first_history
    assert again.written == 0
    assert sum(again.unchanged.values()) == sum(demo.created.values())


def test_every_record_has_a_source_and_a_confidence(demo):
    checked = 0
    for model in provenance_models():
        for record in model.objects.all():
            assert record.source.strip(), f"{model._meta.label} {record}: no source"
            assert record.confidence in Confidence.values, f"{model._meta.label} {record}"
            checked += 1
    assert checked > 100


def test_every_yaml_record_names_source_and_confidence():
    def walk(node, path):
        if isinstance(node, dict):
            if "confidence" in node or "source" in node or "name" in node or "term" in node:
                assert node.get("source"), f"{path}: source ontbreekt"
                assert node.get("confidence") in Confidence.values, f"{path}: confidence"
            for key, value in node.items():
                if isinstance(value, (list, dict)):
                    walk(value, f"{path}.{key}")
        elif isinstance(node, list):
            for number, item in enumerate(node, start=1):
                walk(item, f"{path}[{number}]")

    for path in sorted(DATA_DIR.glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key in ("records", "lines", "terms"):
            walk(document.get(key) or [], f"{path.name}:{key}")


def test_people_are_fictitious_and_only_people(demo):
    assert KeyFigure.objects.exists() and InformalNetwork.objects.exists()
    for model in (KeyFigure, InformalNetwork):
        assert not model.objects.filter(is_fictitious=False).exists()
        assert not model.objects.exclude(confidence=Confidence.ESTIMATE).exists()
        assert not model.objects.exclude(source="Fictief demovoorbeeld").exists()
    # Programme progress (action statuses, amounts spent, report texts) is not in any source:
    # the demo invents it and flags it; weerbaar/programme/tests/test_structure.py pins that.
    invented_progress = {"programme.ActionLine", "programme.BudgetLine", "programme.ReportSection"}
    others = [m for m in provenance_models() if m not in (KeyFigure, InformalNetwork)
              and m._meta.label not in invented_progress]
    for model in others:
        assert not model.objects.filter(is_fictitious=True).exists(), model._meta.label


def test_key_figures_vary_for_the_dashboard(demo):
    communities = set(Community.objects.values_list("slug", flat=True))
    with_key_figure = set(KeyFigure.objects.values_list("community__slug", flat=True))
    assert communities - with_key_figure == {"vinkel"}
    confirmed = [k.role_confirmed_on for k in KeyFigure.objects.filter(is_active=True)]
    today = timezone.localdate()
    assert any(d and (today - d).days < 365 for d in confirmed)
    assert any(d and (today - d).days > 365 for d in confirmed)
    assert None in confirmed


def test_support_points_are_candidates_without_invented_numbers(demo):
    points = SupportPoint.objects.all()
    assert points.count() == 7
    for point in points:
        assert point.status == SupportPoint.Status.CANDIDATE
        assert point.capacity_per_day is None
        assert point.backup_autonomy_hours is None
        assert point.latitude is None and point.longitude is None
        for name in SupportPoint.FACILITY_FIELDS:
            assert getattr(point, name) is None, f"{point}: {name}"
    assert points.get(name="De Pas").address == "De Misse 4, Heesch"


def test_municipality_bernheze(demo):
    bernheze = Municipality.objects.get(cbs_code="GM1721")
    assert bernheze.name == "Bernheze"
    assert "Brabant-Noord" in bernheze.safety_region
    statistic = bernheze.statistics.get(year=2024)
    assert statistic.inhabitants == 32521
    assert statistic.aged_65_plus is None and statistic.aged_0_14 is None
    assert set(bernheze.communities.values_list("slug", flat=True)) == {
        "heesch", "heeswijk-dinther", "nistelrode", "vorstenbosch", "loosbroek", "vinkel"}
    assert not Neighbourhood.objects.exists()


def test_derived_household_numbers_are_estimates(demo):
    for statistic in PopulationStatistic.objects.filter(households__isnull=False):
        assert statistic.confidence == Confidence.ESTIMATE, statistic
        assert "2,14" in statistic.source


def test_twelve_subgoals_with_targets_and_deadlines(demo):
    assert list(ProgrammeLine.objects.values_list("number", flat=True)) == ["I", "II", "III", "IV"]
    subgoals = {s.code: s for s in Subgoal.objects.all()}
    assert sorted(subgoals) == sorted([
        "I-1", "I-2", "I-3", "II-1", "II-2", "II-3", "III-1", "III-2", "III-3",
        "IV-1", "IV-2", "IV-3"])
    for code, subgoal in subgoals.items():
        expected_target = 0.75 if code in {"I-1", "I-2", "I-3", "II-3"} else 1.0
        # "in 2026" ends with 2026; "in 2027" and "in 2028" with 2027 (seed §2.1).
        expected_deadline = date(2026, 12, 31) if code == "III-1" else date(2027, 12, 31)
        assert subgoal.target_share == expected_target, code
        assert subgoal.deadline == expected_deadline, code
        expected_source = "survey" if code in {"I-1", "I-2", "I-3", "II-3"} else "register"
        assert subgoal.measured_by == expected_source, code
        assert subgoal.source.startswith("Programmaplan"), code
        assert subgoal.indicator


def test_vital_registers_follow_the_sources(demo):
    assert VitalProcess.objects.filter(category="A", municipality__isnull=True).count() == 6
    assert VitalProcess.objects.filter(category="B", municipality__isnull=True).exists()
    assert VitalProcess.objects.filter(category="internal", municipality__cbs_code="GM1721").count() == 5
    masts = Dependency.objects.get(asset__name__startswith="Mobiel netwerk KPN",
                                   service="electricity")
    assert (masts.backup_kind, masts.autonomy_hours, masts.autonomy_hours_max) == ("battery", 0.5, 3)
    hospital = Dependency.objects.get(asset__name="Ziekenhuiszorg in de regio", service="electricity")
    assert (hospital.backup_kind, hospital.autonomy_hours) == ("generator", 12)
    assert not ContinuityPlan.objects.exists()
    assert not VitalAsset.objects.filter(acknowledged_on__isnull=False).exists()
    assert not VulnerableLocation.objects.filter(acknowledged_on__isnull=False).exists()
    assert not Organisation.objects.filter(integral_task_documented_on__isnull=False).exists()


def test_glossary_is_a_draft(demo):
    version = GlossaryVersion.objects.get(number="2025-concept")
    assert not version.is_adopted
    assert version.terms.filter(term="Samenredzaamheid").exists()
    assert version.terms.count() >= 15


def test_demo_accounts_log_in_with_their_role(demo, client):
    expected = {"programma": Role.PROGRAMME, "crisis": Role.CRISIS, "partner": Role.PARTNER,
                "sleutelfiguur": Role.KEY_FIGURE}
    for account in DEMO_ACCOUNTS:
        assert client.login(request=HttpRequest(), username=account.username, password=DEMO_PASSWORD), account
        user = get_user_model().objects.get(username=account.username)
        assert user.is_staff
        if account.role is None:
            assert user.is_superuser
        else:
            assert not user.is_superuser
            assert role_of(user) == expected[account.username]
        client.logout()
    users = get_user_model().objects
    assert users.get(username="partner").profile.organisation.name == "Brabant Water"
    assert users.get(username="sleutelfiguur").profile.community.slug == "heesch"


def test_demo_password_is_reset_on_every_load(demo, client):
    user = get_user_model().objects.get(username="programma")
    user.set_password("een-ander-wachtwoord-123")
    user.save()
    load_demo()
    assert client.login(request=HttpRequest(), username="programma", password=DEMO_PASSWORD)


def test_yaml_key_figures_have_no_real_looking_phone_numbers():
    document = yaml.safe_load((DATA_DIR / "key_figures.yaml").read_text(encoding="utf-8"))
    records = document["records"]
    assert records
    for record in records:
        phone = str(record.get("phone") or "")
        assert phone == "" or FAKE_PHONE.match(phone), f"{record['name']}: {phone!r}"
        email = str(record.get("email") or "")
        assert email == "" or email.endswith("@example.org"), record["name"]
        assert not record.get("address"), record["name"]
        assert record.get("is_fictitious") is True, record["name"]


def test_fake_phone_pattern():
    assert FAKE_PHONE.match("06-00000000")
    assert not FAKE_PHONE.match("06-12345678")
    assert not FAKE_PHONE.match("0412-456789")


def test_bad_record_is_named_and_nothing_is_kept(db, tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "support_points.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    status: candidate\n", "    status: bijna-klaar\n", 1)
                    .replace("  - community: loosbroek\n", "  - community: atlantis\n", 1),
                    encoding="utf-8")
    with pytest.raises(DemoDataError) as excinfo:
        load_demo(data)
    errors = "\n".join(excinfo.value.errors)
    assert "support_points.yaml, records[1] (name='De Pas')" in errors
    assert "status" in errors
    assert "atlantis" in errors
    assert not Municipality.objects.exists()


def test_record_without_source_is_refused(db, tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "organisations.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('    source: "bernheze-facts.md (vitale aanbieders: mobiele '
                                 'netwerken)"\n', "", 1), encoding="utf-8")
    with pytest.raises(DemoDataError) as excinfo:
        load_demo(data)
    assert "organisations.yaml" in str(excinfo.value) and "'source' ontbreekt" in str(excinfo.value)


def test_load_demo_command_prints_summary_and_accounts(db):
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    text = out.getvalue()
    assert "places.Municipality" in text and "EST" in text and "Fictief" in text
    assert DEMO_PASSWORD in text and "sleutelfiguur" in text


def test_load_demo_command_reports_errors_without_traceback(db, tmp_path: Path):
    (tmp_path / "municipality.yaml").write_text("records: [", encoding="utf-8")
    with pytest.raises(CommandError) as excinfo:
        call_command("load_demo", "--data-dir", str(tmp_path))
    assert "municipality.yaml" in str(excinfo.value)


def test_demo_command_without_server(db, settings, tmp_path: Path):
    settings.VAR_DIR = tmp_path / "var"
    out = io.StringIO()
    call_command("demo", "--no-server", "--port", "8123", stdout=out)
    text = out.getvalue()
    assert settings.VAR_DIR.is_dir()
    assert "http://127.0.0.1:8123/werkruimte/" in text
    assert "http://127.0.0.1:8123/beheer/" in text
    assert DEMO_PASSWORD in text
    assert Municipality.objects.filter(cbs_code="GM1721").exists()
