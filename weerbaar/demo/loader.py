"""Load the Bernheze demo dataset (weerbaar/demo/data/*.yaml) into the registers.

* Idempotent: every record is looked up on its natural key and only written when a value
  differs, so a second run creates nothing, changes nothing and adds no history rows.
* All-or-nothing: one transaction; every record is validated with ``full_clean()`` and
  every problem is reported with its file and record before anything is kept.
* Provenance: every YAML record must carry ``source`` and ``confidence``.
* Demo accounts: one per role plus a superuser, all with the same demo-only password,
  reset on every run.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Count, Q
from django.utils import timezone

from weerbaar.accounts.models import StaffProfile
from weerbaar.accounts.roles import Role
from weerbaar.core.models import Confidence, Provenance
from weerbaar.network.models import HelpService, InformalNetwork, KeyFigure, Organisation
from weerbaar.places.models import Community, Municipality, PopulationStatistic
from weerbaar.programme.models import (
    ActionLine,
    BudgetLine,
    EvaluationMoment,
    GlossaryTerm,
    GlossaryVersion,
    LinkedProject,
    ProgrammeLine,
    ProgrammePlan,
    ProgrammeRole,
    ReportSection,
    Subgoal,
)
from weerbaar.supportpoints.models import SupportPoint
from weerbaar.vital.models import (
    ContinuityMeasure,
    ContinuityPlan,
    Dependency,
    VitalAsset,
    VitalProcess,
    VitalProvider,
    VulnerableLocation,
)

DATA_DIR = Path(__file__).resolve().parent / "data"

# Demo only: printed by `weerbaar load-demo` and `weerbaar demo`; never use it in production.
DEMO_PASSWORD = "weerbaar-demo-2026"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str | None  # None: superuser without a role
    organisation: str | None = None  # organisation name (partner)
    community: str | None = None  # community slug (key figure)


DEMO_ACCOUNTS = (
    DemoAccount("beheerder", None),
    DemoAccount("programma", Role.PROGRAMME),
    DemoAccount("crisis", Role.CRISIS),
    DemoAccount("partner", Role.PARTNER, organisation="Brabant Water"),
    DemoAccount("sleutelfiguur", Role.KEY_FIGURE, community="heesch"),
)

# Files in load order; each is handled by Loader.load_<stem>.
FILES = (
    "municipality", "communities", "statistics", "organisations", "help_services",
    "informal_networks", "key_figures", "support_points", "vital_processes",
    "vital_providers", "vital_assets", "vulnerable_locations", "continuity_plans",
    "programme", "programme_plan", "programme_roles", "programme_actions", "projects",
    "evaluation", "budget", "report_sections", "glossary",
)

# Apps whose Provenance models the summary reports, in this order.
DOMAIN_APPS = ("places", "network", "supportpoints", "vital", "programme")

PROVENANCE_KEYS = ("source", "confidence")


class DemoDataError(Exception):
    """The demo data has problems; ``errors`` names each one by file and record."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    accounts: list[DemoAccount] = field(default_factory=list)

    @property
    def written(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values())


class _Skip(Exception):
    """A record could not be loaded; its error is already recorded."""


def _label(record: dict) -> str:
    for key in ("name", "code", "term", "number", "slug", "cbs_code", "service", "title",
                "organisation", "year"):
        if record.get(key) not in (None, ""):
            return f"{key}={record[key]!r}"
    return "?"


def _messages(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(f"{name}: {' '.join(str(m) for m in msgs)}"
                         for name, msgs in exc.message_dict.items())
    return "; ".join(str(m) for m in exc.messages)


class Loader:
    def __init__(self, data_dir: Path = DATA_DIR, today: dt.date | None = None):
        self.data_dir = Path(data_dir)
        self.today = today or timezone.localdate()
        self.errors: list[str] = []
        self.report = LoadReport()
        self.municipality: Municipality | None = None

    # ------------------------------------------------------------------ running

    def run(self, accounts: bool = True) -> LoadReport:
        with transaction.atomic():
            for stem in FILES:
                path = self.data_dir / f"{stem}.yaml"
                if not path.exists():
                    self.errors.append(f"{path.name}: bestand ontbreekt")
                    continue
                document = self._read(path)
                if document is not None:
                    getattr(self, f"load_{stem}")(path.name, document)
            if not self.errors:  # two fictitious survey waves and their codebook
                from weerbaar.monitor.demo import load_into_demo

                load_into_demo(self)
            if not self.errors:  # a FICTITIOUS exercise from stroomuitval-72u (scenarios)
                from weerbaar.scenarios.demo import load_into_demo as load_exercise_demo

                load_exercise_demo(self)
            if not self.errors:  # candidate buildings, norm and synthetic demand (planning)
                from weerbaar.planning.demo import load_planning_demo

                load_planning_demo(self, self.data_dir / "candidate_sites.yaml")
            if accounts and not self.errors:
                self.report.accounts = self.load_accounts()
            if self.errors:
                raise DemoDataError(self.errors)
        return self.report

    def _read(self, path: Path) -> dict | None:
        try:
            document = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            self.errors.append(f"{path.name}: geen geldige YAML ({exc})")
            return None
        if not isinstance(document, dict):
            self.errors.append(f"{path.name}: verwacht een mapping met 'records' (of 'lines', 'terms')")
            return None
        return document

    def _records(self, filename: str, document: dict, key: str = "records"):
        records = document.get(key)
        if records is None:
            records = []
        if not isinstance(records, list):
            self.errors.append(f"{filename}: '{key}' moet een lijst zijn")
            return
        for number, record in enumerate(records, start=1):
            where = f"{filename}, {key}[{number}]"
            if not isinstance(record, dict):
                self.errors.append(f"{where}: verwacht een mapping")
                continue
            yield f"{where} ({_label(record)})", dict(record)

    # ------------------------------------------------------------------ helpers

    def fail(self, where: str, message: str):
        self.errors.append(f"{where}: {message}")
        raise _Skip

    def _provenance(self, where: str, record: dict) -> None:
        for key in PROVENANCE_KEYS:
            if record.get(key) in (None, ""):
                self.fail(where, f"'{key}' ontbreekt (elk record heeft een bron en een betrouwbaarheid)")
        if record["confidence"] not in Confidence.values:
            self.fail(where, f"onbekende confidence {record['confidence']!r}; "
                             f"kies uit {', '.join(Confidence.values)}")

    def _date(self, where: str, name: str, value: Any) -> dt.date | None:
        if value in (None, "") or isinstance(value, dt.date):
            return value or None
        if isinstance(value, dict) and set(value) <= {"months_ago", "days_ago"}:
            return self.today - relativedelta(months=int(value.get("months_ago", 0)),
                                              days=int(value.get("days_ago", 0)))
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(where, f"{name}: geen datum ({value!r}); gebruik JJJJ-MM-DD of {{months_ago: N}}")

    def _municipality(self, where: str, document: dict, record: dict | None = None) -> Municipality:
        code = (record or {}).pop("municipality", None) or document.get("municipality")
        if code is None:
            if self.municipality is None:
                self.fail(where, "geen gemeente: zet 'municipality: GMxxxx' in het bestand")
            return self.municipality
        found = Municipality.objects.filter(cbs_code=code).first()
        if found is None:
            self.fail(where, f"onbekende gemeente {code!r}")
        return found

    def _ref(self, where: str, model, description: str, **lookup):
        found = model.objects.filter(**lookup).first()
        if found is None:
            shown = ", ".join(f"{v}" for v in lookup.values() if not isinstance(v, models.Model))
            self.fail(where, f"onbekende {description} {shown!r}")
        return found

    def _community(self, where: str, municipality: Municipality, slug: str | None):
        if slug in (None, ""):
            return None
        return self._ref(where, Community, "kern", municipality=municipality, slug=slug)

    def _organisation(self, where: str, municipality: Municipality, name: str | None):
        if name in (None, ""):
            return None
        return self._ref(where, Organisation, "organisatie", municipality=municipality, name=name)

    def _process(self, where: str, municipality: Municipality, name: str | None):
        if name in (None, ""):
            return None
        found = VitalProcess.objects.filter(
            Q(municipality__isnull=True) | Q(municipality=municipality), name=name).first()
        if found is None:
            self.fail(where, f"onbekend vitaal proces {name!r}")
        return found

    def upsert(self, model, where: str, lookup: dict, values: dict):
        """Find the record on its natural key; set values; validate; save only on change."""
        fields = {f.name: f for f in model._meta.concrete_fields}
        unknown = sorted(set(values) - set(fields))
        if unknown:
            self.fail(where, f"onbekend veld {', '.join(unknown)} voor {model._meta.verbose_name}")
        obj = model.objects.filter(**lookup).first()
        created = obj is None
        if created:
            obj = model(**lookup)
        changed = created
        for name, value in values.items():
            model_field = fields[name]
            if isinstance(model_field, models.DateField) and not isinstance(model_field,
                                                                          models.DateTimeField):
                value = self._date(where, name, value)
            if value is None and not model_field.null and model_field.empty_strings_allowed:
                value = ""
            if model_field.is_relation:
                current, new = getattr(obj, model_field.attname), getattr(value, "pk", value)
            else:
                current, new = getattr(obj, name), value
            if current != new:
                setattr(obj, name, value)
                changed = True
        try:
            obj.full_clean()
        except ValidationError as exc:
            self.fail(where, _messages(exc))
        label = model._meta.label
        if not changed:
            self.report.unchanged[label] += 1
            return obj
        try:
            with transaction.atomic():
                obj.save()
        except IntegrityError as exc:
            self.fail(where, f"kan niet opslaan: {exc}")
        (self.report.created if created else self.report.updated)[label] += 1
        return obj

    def _each(self, filename: str, document: dict, handler, key: str = "records") -> None:
        for where, record in self._records(filename, document, key):
            try:
                self._provenance(where, record)
                handler(where, record)
            except _Skip:
                continue

    # ------------------------------------------------------------------ files

    def load_municipality(self, filename: str, document: dict) -> None:
        loaded = []

        def handle(where, record):
            code = record.pop("cbs_code", None)
            if not code:
                self.fail(where, "'cbs_code' ontbreekt")
            loaded.append(self.upsert(Municipality, where, {"cbs_code": code}, record))

        self._each(filename, document, handle)
        if len(loaded) == 1:
            self.municipality = loaded[0]

    def load_communities(self, filename: str, document: dict) -> None:
        def handle(where, record):
            municipality = self._municipality(where, document, record)
            slug = record.pop("slug", None)
            self.upsert(Community, where, {"municipality": municipality, "slug": slug}, record)

        self._each(filename, document, handle)

    def load_statistics(self, filename: str, document: dict) -> None:
        def handle(where, record):
            municipality = self._municipality(where, document, record)
            community = self._community(where, municipality, record.pop("community", None))
            lookup = {"municipality": None if community else municipality,
                      "community": community, "neighbourhood": None,
                      "year": record.pop("year", None)}
            self.upsert(PopulationStatistic, where, lookup, record)

        self._each(filename, document, handle)

    def load_organisations(self, filename: str, document: dict) -> None:
        def handle(where, record):
            municipality = self._municipality(where, document, record)
            lookup = {"municipality": municipality, "name": record.pop("name", None)}
            self.upsert(Organisation, where, lookup, record)

        self._each(filename, document, handle)

    def load_help_services(self, filename: str, document: dict) -> None:
        def handle(where, record):
            municipality = self._municipality(where, document, record)
            organisation = self._organisation(where, municipality, record.pop("organisation", None))
            if organisation is None:
                self.fail(where, "'organisation' ontbreekt")
            record["community"] = self._community(where, municipality, record.pop("community", None))
            lookup = {"organisation": organisation, "name": record.pop("name", None)}
            self.upsert(HelpService, where, lookup, record)

        self._each(filename, document, handle)

    def _per_community(self, model, filename: str, document: dict, refs=()) -> None:
        def handle(where, record):
            municipality = self._municipality(where, document, record)
            community = self._community(where, municipality, record.pop("community", None))
            if community is None:
                self.fail(where, "'community' ontbreekt")
            for ref in refs:
                if ref in record:
                    record[ref] = self._organisation(where, municipality, record[ref])
            lookup = {"community": community, "name": record.pop("name", None)}
            self.upsert(model, where, lookup, record)

        self._each(filename, document, handle)

    def load_informal_networks(self, filename: str, document: dict) -> None:
        self._per_community(InformalNetwork, filename, document, refs=("contact_organisation",))

    def load_key_figures(self, filename: str, document: dict) -> None:
        self._per_community(KeyFigure, filename, document)

    def load_support_points(self, filename: str, document: dict) -> None:
        self._per_community(SupportPoint, filename, document)

    def load_vulnerable_locations(self, filename: str, document: dict) -> None:
        self._per_community(VulnerableLocation, filename, document, refs=("operator",))

    def load_vital_processes(self, filename: str, document: dict) -> None:
        def handle(where, record):
            code = record.pop("municipality", None)
            municipality = self._municipality(where, {"municipality": code}) if code else None
            lookup = {"municipality": municipality, "name": record.pop("name", None)}
            self.upsert(VitalProcess, where, lookup, record)

        self._each(filename, document, handle)

    def load_vital_providers(self, filename: str, document: dict) -> None:
        def handle(where, record):
            municipality = self._municipality(where, document, record)
            organisation = self._organisation(where, municipality, record.pop("organisation", None))
            if organisation is None:
                self.fail(where, "'organisation' ontbreekt")
            processes = [self._process(where, municipality, name)
                         for name in record.pop("processes", None) or []]
            label = VitalProvider._meta.label
            created_before = self.report.created[label]
            provider = self.upsert(VitalProvider, where, {"organisation": organisation}, record)
            if {p.pk for p in provider.processes.all()} != {p.pk for p in processes}:
                provider.processes.set(processes)
                if self.report.created[label] == created_before:  # existing provider changed
                    self.report.updated[label] += 1

        self._each(filename, document, handle)

    def load_vital_assets(self, filename: str, document: dict) -> None:
        def handle(where, record):
            municipality = self._municipality(where, document, record)
            dependencies = record.pop("dependencies", None) or []
            provider_name = record.pop("provider", None)
            if provider_name:
                organisation = self._organisation(where, municipality, provider_name)
                record["provider"] = self._ref(where, VitalProvider, "vitale aanbieder",
                                               organisation=organisation)
            record["process"] = self._process(where, municipality, record.pop("process", None))
            record["community"] = self._community(where, municipality, record.pop("community", None))
            asset = self.upsert(VitalAsset, where,
                                {"municipality": municipality, "name": record.pop("name", None)},
                                record)
            self._dependencies(where, asset, dependencies, subject="asset")

        self._each(filename, document, handle)

    def _dependencies(self, where: str, subject_obj, dependencies: list, subject: str) -> None:
        if not isinstance(dependencies, list):
            self.fail(where, "'dependencies' moet een lijst zijn")
        seen = set()
        for number, dependency in enumerate(dependencies, start=1):
            inner = f"{where}, dependencies[{number}] ({_label(dependency)})"
            try:
                dependency = dict(dependency)
                self._provenance(inner, dependency)
                service = dependency.pop("service", None)
                if service in seen:
                    self.fail(inner, f"dienst {service!r} staat er twee keer in")
                seen.add(service)
                other = "vulnerable_location" if subject == "asset" else "asset"
                lookup = {subject: subject_obj, other: None, "service": service}
                self.upsert(Dependency, inner, lookup, dependency)
            except _Skip:
                continue

    def load_continuity_plans(self, filename: str, document: dict) -> None:
        """No plan is known for Bernheze; the handler exists so plans can be added later.

        A plan names its subject with exactly one of ``asset``, ``vulnerable_location``
        (``community`` + name) or ``process``, and may list ``measures``.
        """

        def handle(where, record):
            municipality = self._municipality(where, document, record)
            lookup = {"asset": None, "vulnerable_location": None, "process": None}
            if "asset" in record:
                lookup["asset"] = self._ref(where, VitalAsset, "vitale voorziening",
                                            municipality=municipality, name=record.pop("asset"))
            if "vulnerable_location" in record:
                community = self._community(where, municipality, record.pop("community", None))
                lookup["vulnerable_location"] = self._ref(
                    where, VulnerableLocation, "kwetsbare verblijflocatie", community=community,
                    name=record.pop("vulnerable_location"))
            if "process" in record:
                lookup["process"] = self._process(where, municipality, record.pop("process"))
            if sum(value is not None for value in lookup.values()) != 1:
                self.fail(where, "noem precies één van asset, vulnerable_location of process")
            record["owner"] = self._organisation(where, municipality, record.pop("owner", None))
            measures = record.pop("measures", None) or []
            plan = self.upsert(ContinuityPlan, where, lookup, record)
            for number, measure in enumerate(measures, start=1):
                inner = f"{where}, measures[{number}]"
                try:
                    measure = dict(measure)
                    lookup = {"plan": plan, "kind": measure.pop("kind", None),
                              "description": measure.pop("description", None)}
                    self.upsert(ContinuityMeasure, inner, lookup, measure)
                except _Skip:
                    continue

        self._each(filename, document, handle)

    def load_programme(self, filename: str, document: dict) -> None:
        def handle(where, record):
            municipality = self._municipality(where, document, record)
            subgoals = record.pop("subgoals", None) or []
            line = self.upsert(ProgrammeLine, where,
                               {"municipality": municipality, "number": record.pop("number", None)},
                               record)
            for number, subgoal in enumerate(subgoals, start=1):
                subgoal = dict(subgoal)
                inner = f"{where}, subgoals[{number}] ({_label(subgoal)})"
                try:
                    self._provenance(inner, subgoal)
                    self.upsert(Subgoal, inner, {"line": line, "code": subgoal.pop("code", None)},
                                subgoal)
                except _Skip:
                    continue

        self._each(filename, document, handle, key="lines")

    # ---- programme structure (seed §2.1, §3.3, §3.6, §3.7, §4.6, Bijlage 2)

    def _line(self, where: str, municipality: Municipality, number: str | None):
        if number in (None, ""):
            return None
        return self._ref(where, ProgrammeLine, "programmalijn", municipality=municipality,
                         number=str(number))

    def _set_many(self, obj, attribute: str, items: list, created_before: int) -> None:
        """Set a many-to-many field only when it differs; a change to an existing record
        counts as an update, so a second load still writes nothing."""
        manager = getattr(obj, attribute)
        if {item.pk for item in manager.all()} != {item.pk for item in items}:
            manager.set(items)
            label = obj._meta.label
            if self.report.created[label] == created_before:
                self.report.updated[label] += 1

    def _list(self, where: str, record: dict, key: str) -> list:
        value = record.pop(key, None) or []
        if not isinstance(value, list):
            self.fail(where, f"'{key}' moet een lijst zijn")
        return value

    def load_programme_plan(self, filename: str, document: dict) -> None:
        def handle(where, record):
            municipality = self._municipality(where, document, record)
            self.upsert(ProgrammePlan, where,
                        {"municipality": municipality, "title": record.pop("title", None)}, record)

        self._each(filename, document, handle)

    def load_programme_roles(self, filename: str, document: dict) -> None:
        def handle(where, record):
            municipality = self._municipality(where, document, record)
            self.upsert(ProgrammeRole, where,
                        {"municipality": municipality, "name": record.pop("name", None)}, record)

        self._each(filename, document, handle)

    def load_programme_actions(self, filename: str, document: dict) -> None:
        def handle(where, record):
            municipality = self._municipality(where, document, record)
            line = self._line(where, municipality, record.pop("line", None))
            if line is None:
                self.fail(where, "'line' ontbreekt")
            where = f"{where} ({line.number} {record.get('period')}: {record.get('text')!r})"
            codes = self._list(where, record, "subgoals")
            subgoals = [self._ref(where, Subgoal, "subdoel", line__municipality=municipality,
                                  code=code) for code in codes]
            record["organisation"] = self._organisation(where, municipality,
                                                        record.pop("organisation", None))
            lookup = {"line": line, "period": str(record.pop("period", "")),
                      "text": record.pop("text", None)}
            before = self.report.created[ActionLine._meta.label]
            action = self.upsert(ActionLine, where, lookup, record)
            self._set_many(action, "subgoals", subgoals, before)

        self._each(filename, document, handle)

    def load_projects(self, filename: str, document: dict) -> None:
        def handle(where, record):
            municipality = self._municipality(where, document, record)
            lines = [self._line(where, municipality, number)
                     for number in self._list(where, record, "lines")]
            before = self.report.created[LinkedProject._meta.label]
            project = self.upsert(LinkedProject, where,
                                  {"municipality": municipality, "name": record.pop("name", None)},
                                  record)
            self._set_many(project, "lines", lines, before)

        self._each(filename, document, handle)

    def load_evaluation(self, filename: str, document: dict) -> None:
        def handle(where, record):
            municipality = self._municipality(where, document, record)
            lookup = {"municipality": municipality, "kind": record.pop("kind", None),
                      "planned_on": self._date(where, "planned_on", record.pop("planned_on", None))}
            self.upsert(EvaluationMoment, where, lookup, record)

        self._each(filename, document, handle)

    def load_budget(self, filename: str, document: dict) -> None:
        def handle(where, record):
            municipality = self._municipality(where, document, record)
            if "line" in record:
                record["line"] = self._line(where, municipality, record["line"])
            lookup = {"municipality": municipality, "year": record.pop("year", None),
                      "topic": record.pop("topic", None)}
            self.upsert(BudgetLine, where, lookup, record)

        self._each(filename, document, handle)

    def load_report_sections(self, filename: str, document: dict) -> None:
        def handle(where, record):
            municipality = self._municipality(where, document, record)
            lookup = {"municipality": municipality,
                      "report_kind": record.pop("report_kind", None),
                      "report_year": record.pop("report_year", None),
                      "line": self._line(where, municipality, record.pop("line", None)),
                      "heading": record.pop("heading", None),
                      "title": record.pop("title", "") or ""}
            self.upsert(ReportSection, where, lookup, record)

        self._each(filename, document, handle)

    def load_glossary(self, filename: str, document: dict) -> None:
        version_record = document.get("version")
        where = f"{filename}, version"
        if not isinstance(version_record, dict):
            self.errors.append(f"{where}: 'version' ontbreekt")
            return
        try:
            record = dict(version_record)
            self._provenance(where, record)
            municipality = self._municipality(where, document, record)
            version = self.upsert(GlossaryVersion, f"{where} ({_label(record)})",
                                  {"municipality": municipality, "number": record.pop("number", None)},
                                  record)
        except _Skip:
            return

        def handle(where, record):
            self.upsert(GlossaryTerm, where, {"version": version, "term": record.pop("term", None)},
                        record)

        self._each(filename, document, handle, key="terms")

    # ------------------------------------------------------------------ accounts

    def load_accounts(self, password: str = DEMO_PASSWORD) -> list[DemoAccount]:
        user_model = get_user_model()
        for account in DEMO_ACCOUNTS:
            user, _created = user_model.objects.get_or_create(username=account.username)
            user.is_staff = True
            user.is_active = True
            user.is_superuser = account.role is None
            user.set_password(password)
            user.save()
            if account.role is None:
                continue
            profile = StaffProfile.objects.filter(user=user).first() or StaffProfile(user=user)
            profile.role = account.role
            profile.organisation = (
                Organisation.objects.filter(municipality=self.municipality,
                                            name=account.organisation).first()
                if account.organisation else None)
            profile.community = (
                Community.objects.filter(municipality=self.municipality,
                                         slug=account.community).first()
                if account.community else None)
            if (account.organisation and profile.organisation is None
                    or account.community and profile.community is None):
                self.errors.append(f"demo-account {account.username}: organisatie "
                                   f"{account.organisation!r} of kern {account.community!r} "
                                   "staat niet in de demodata")
                continue
            try:
                profile.full_clean()
            except ValidationError as exc:
                self.errors.append(f"demo-account {account.username}: {_messages(exc)}")
                continue
            profile.save()
        return list(DEMO_ACCOUNTS)


def load_demo(data_dir: Path = DATA_DIR, *, today: dt.date | None = None,
              accounts: bool = True) -> LoadReport:
    """Load (or refresh) the demo data; raises DemoDataError naming every bad record."""
    return Loader(data_dir, today).run(accounts=accounts)


# ---------------------------------------------------------------------- summary


@dataclass
class SummaryRow:
    label: str
    name: str
    total: int
    by_confidence: dict[str, int]
    fictitious: int


def provenance_models() -> list[type[models.Model]]:
    found = []
    for app_label in DOMAIN_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if issubclass(model, Provenance) and not model.__name__.startswith("Historical"):
                found.append(model)
    return found


def summary() -> list[SummaryRow]:
    """Counts per register, per confidence code (V/M/L/EST) and fictitious."""
    rows = []
    for model in provenance_models():
        by_confidence = dict.fromkeys(Confidence.values, 0)
        for item in model.objects.values("confidence").annotate(n=Count("pk")):
            by_confidence[item["confidence"]] = item["n"]
        rows.append(SummaryRow(
            label=model._meta.label, name=str(model._meta.verbose_name_plural),
            total=sum(by_confidence.values()), by_confidence=by_confidence,
            fictitious=model.objects.filter(is_fictitious=True).count(),
        ))
    return rows


def format_summary(rows: list[SummaryRow]) -> str:
    codes = list(Confidence.values)
    header = ["Register", "Model", "Totaal", *codes, "Fictief"]
    body = [[row.name, row.label, row.total, *(row.by_confidence[c] for c in codes), row.fictitious]
            for row in rows]
    totals = ["Totaal", "", sum(r.total for r in rows),
              *(sum(r.by_confidence[c] for r in rows) for c in codes),
              sum(r.fictitious for r in rows)]
    table = [header, *body, totals]
    widths = [max(len(str(line[i])) for line in table) for i in range(len(header))]

    def fmt(line):
        return "  ".join(str(v).ljust(w) if i < 2 else str(v).rjust(w)
                         for i, (v, w) in enumerate(zip(line, widths, strict=True)))

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([fmt(header), rule, *(fmt(line) for line in body), rule, fmt(totals)])


def group_counts() -> dict[str, int]:
    """Counts of the registers without provenance of their own."""
    return {
        label: apps.get_model(label).objects.count()
        for label in ("supportpoints.StatusSnapshot", "vital.ContinuityMeasure",
                      "accounts.StaffProfile")
    }

