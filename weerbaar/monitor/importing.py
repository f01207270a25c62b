"""Import a survey wave from CSV, XLSX or SPSS .sav, read through its codebook.

All or nothing: the whole file is checked against the codebook first, every problem is
collected as "regel N, kolom X: reden" (for .sav: "respondent N", the case number), and only
a file without problems is written, in one transaction. Columns the codebook does not map
are never read into the database, so free text and names in the agency's file stay out.
"""

from __future__ import annotations

import hashlib
import io
import math
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from weerbaar.core.imports.reading import FileRefused, parse_csv, parse_xlsx, read_source
from weerbaar.core.imports.widgets import FloatWidget, cell_text, shown
from weerbaar.monitor.models import (
    CHOICE_TARGETS,
    MISSING,
    OPEN_TARGETS,
    RESPONSE_FIELD,
    YES,
    YES_NO_TARGETS,
    CodebookQuestion,
    SurveyResponse,
    SurveyWave,
    Target,
)
from weerbaar.places.models import Community

FORMATS = ("csv", "xlsx", "sav")
SAV_MAGIC = (b"$FL2", b"$FL3")
TEXT_FIELDS = {"age_group", "sex", "household_type", "stratum", "psu"}  # "" = unknown


@dataclass(frozen=True)
class SurveyProblem:
    """One thing wrong: where (file line or SPSS case number, column) and why (Dutch)."""

    row: int | None
    column: str | None
    message: str
    unit: str = "line"  # "line" (CSV/XLSX) or "case" (SPSS)

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append((_("respondent %(n)s") if self.unit == "case" else _("regel %(n)s"))
                         % {"n": self.row})
        if self.column:
            where.append(_("kolom %(column)s") % {"column": self.column})
        return f"{', '.join(where) or _('bestand')}: {self.message}"


@dataclass
class SurveyImportReport:
    wave: SurveyWave
    format: str | None = None
    rows: int = 0
    created: int = 0
    replaced: int = 0
    unchanged: bool = False
    dry_run: bool = False
    problems: list[SurveyProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if not self.ok:
            count = len(self.problems)
            return ngettext("%(count)s probleem gevonden; er is niets opgeslagen.",
                            "%(count)s problemen gevonden; er is niets opgeslagen.",
                            count) % {"count": count}
        if self.unchanged:
            return _("Dit bestand is al geïmporteerd in %(wave)s; er is niets gewijzigd.") % {
                "wave": self.wave.name}
        if self.dry_run:
            return _("Proefimport zonder fouten: %(rows)s respondenten; er is niets opgeslagen.") % {
                "rows": self.rows}
        text = _("%(wave)s: %(created)s respondenten geïmporteerd.") % {
            "wave": self.wave.name, "created": self.created}
        if self.replaced:
            text += " " + _("De %(n)s respondenten van de vorige import zijn vervangen.") % {
                "n": self.replaced}
        return text


@dataclass
class SurveyTable:
    """The file as rows of raw cells; SPSS value labels kept to accept code or label."""

    format: str
    headers: list[str]
    rows: list[tuple[int, list]]  # (file line or case number, cells)
    header_line: int | None = 1
    value_labels: dict[str, dict] = field(default_factory=dict)  # column -> {value: label}

    @property
    def unit(self) -> str:
        return "case" if self.format == "sav" else "line"


# --------------------------------------------------------------------------- reading


def guess_format(fmt: str | None, name: str | None, data: bytes) -> str:
    if fmt:
        wanted = str(fmt).strip().lower().lstrip(".")
        if wanted == "zsav":
            wanted = "sav"
        if wanted not in FORMATS:
            raise FileRefused(SurveyProblem(None, None, _(
                "Onbekend bestandsformaat '%(format)s'. Kies csv, xlsx of sav.") % {
                    "format": shown(fmt)}))
        return wanted
    suffix = Path(name).suffix.lower().lstrip(".") if name else ""
    if suffix in ("sav", "zsav") or data[:4] in SAV_MAGIC:
        return "sav"
    if suffix in FORMATS:
        return suffix
    return "xlsx" if data.startswith(b"PK\x03\x04") else "csv"


def parse_sav(data: bytes) -> SurveyTable:
    """An SPSS file through pyreadstat (no pandas needed: dict output)."""
    import pyreadstat

    not_sav = _("Het bestand kan niet als SPSS-bestand (.sav) worden gelezen. Is het wel een "
                ".sav-bestand uit SPSS of een vergelijkbaar programma?")
    if data[:4] not in SAV_MAGIC:
        raise FileRefused(SurveyProblem(None, None, not_sav))
    try:
        columns, meta = pyreadstat.read_sav(io.BytesIO(data), output_format="dict")
    except Exception:  # pyreadstat raises its own error types for every kind of damage
        raise FileRefused(SurveyProblem(None, None, not_sav)) from None
    headers = list(meta.column_names)
    count = max((len(values) for values in columns.values()), default=0)
    rows = [(number + 1, [columns[name][number] for name in headers]) for number in range(count)]
    labels = {name: dict(mapping) for name, mapping in (meta.variable_value_labels or {}).items()}
    return SurveyTable("sav", headers, rows, header_line=None, value_labels=labels)


def read_table(data: bytes, fmt: str) -> SurveyTable:
    if fmt == "sav":
        return parse_sav(data)
    table = parse_csv(data) if fmt == "csv" else parse_xlsx(data)
    return SurveyTable(fmt, [cell_text(h) for h in table.headers], table.rows,
                       header_line=table.header_line)


# --------------------------------------------------------------------------- checking


def _key(value) -> str:
    return cell_text(value).casefold()


def _is_empty(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or cell_text(value) == ""


class _Reader:
    """Turns the cells of one mapped column into a SurveyResponse value, or a problem."""

    def __init__(self, question: CodebookQuestion, index: int, table: SurveyTable, wave: SurveyWave,
                 communities: dict[str, Community]):
        self.question, self.index, self.column = question, index, table.headers[index]
        self.target = question.maps_to
        self.communities = communities
        self.wave = wave
        self.spss_labels = {_key(v): str(lbl) for v, lbl in
                            table.value_labels.get(self.column, {}).items()}
        self.by_code, self.by_label = {}, {}
        for answer in question.answers.all():
            self.by_code[_key(answer.code)] = answer.meaning
            if answer.label:
                self.by_label.setdefault(_key(answer.label), answer.meaning)
        self.known = ", ".join(a.code for a in question.answers.all())

    def read(self, raw):
        """(value, error message or None)."""
        if self.target in OPEN_TARGETS:
            return self._open(raw)
        if _is_empty(raw):
            return None, None
        meaning = self._meaning(raw)
        if meaning is None:
            return None, self._unknown(raw)
        if meaning == MISSING:
            return None, None
        if self.target in YES_NO_TARGETS:
            return meaning == YES, None
        if self.target == Target.KERN:
            community = self.communities.get(meaning.casefold())
            if community is None:
                return None, _("kern '%(kern)s' hoort niet bij gemeente %(municipality)s.") % {
                    "kern": shown(meaning), "municipality": self.wave.municipality.name}
            return community, None
        return meaning, None

    def _meaning(self, raw) -> str | None:
        candidates = [_key(raw)]
        if candidates[0] in self.spss_labels:
            candidates.append(_key(self.spss_labels[candidates[0]]))
        if self.by_code or self.by_label:
            for key in candidates:
                if key in self.by_code:
                    return self.by_code[key]
            for key in candidates:
                if key in self.by_label:
                    return self.by_label[key]
            return None
        # No answer list: the value itself must be the attribute (kern slug or name, a code).
        for key in candidates:
            if self.target == Target.KERN and key in self.communities:
                return key
            if self.target in CHOICE_TARGETS:
                choices = CHOICE_TARGETS[self.target]
                for value, label in choices.choices:
                    if key in (value.casefold(), str(label).casefold()):
                        return value
        return None

    def _unknown(self, raw) -> str:
        if self.target == Target.KERN and not self.by_code:
            return _("kern '%(kern)s' hoort niet bij gemeente %(municipality)s.") % {
                "kern": shown(raw), "municipality": self.wave.municipality.name}
        if not self.known:
            return _("onbekende waarde '%(value)s'.") % {"value": shown(raw)}
        return _("onbekende antwoordcode '%(value)s'; het codeboek kent %(codes)s.") % {
            "value": shown(raw), "codes": self.known}

    def _open(self, raw):
        if self.target == Target.WEIGHT:
            if _is_empty(raw):
                return None, _("het gewicht ontbreekt.")
            try:
                number = FloatWidget().clean(raw)
            except ValueError:
                return None, _("'%(value)s' is geen getal; het gewicht moet een getal groter dan 0 "
                               "zijn.") % {"value": shown(raw)}
            if number < 0:
                return None, _("het gewicht %(value)s is negatief; het moet groter dan 0 zijn.") % {
                    "value": shown(raw)}
            if number == 0:
                return None, _("het gewicht is 0; het moet groter dan 0 zijn.")
            return number, None
        text = cell_text(raw)
        if text == "":
            return None, (_("het respondentnummer ontbreekt.") if self.target == Target.RESPONDENT_ID
                          else _("de waarde ontbreekt."))
        if len(text) > 64:
            return None, _("de waarde is langer dan 64 tekens.")
        return text, None


def _codebook_problems(questions: list[CodebookQuestion]) -> list[SurveyProblem]:
    problems = []
    targets = {q.maps_to for q in questions}
    if Target.RESPONDENT_ID not in targets:
        problems.append(SurveyProblem(None, None, _(
            "Het codeboek wijst geen kolom aan als respondentnummer; vul dat eerst aan.")))
    if not targets & (YES_NO_TARGETS - {Target.INFORMAL_HELPER}):
        problems.append(SurveyProblem(None, None, _(
            "Het codeboek wijst geen enkele indicatorvraag aan (I-1, I-2, I-3 of II-3).")))
    for question in questions:
        if question.maps_to in YES_NO_TARGETS and not question.answers.all():
            problems.append(SurveyProblem(None, question.column, _(
                "het codeboek heeft geen antwoordcodes voor deze vraag (ja/nee/ontbreekt).")))
    return problems


def check_table(table: SurveyTable, wave: SurveyWave) -> tuple[list[dict], list[SurveyProblem]]:
    """Every row as SurveyResponse field values, and every problem found (both complete)."""
    questions = list(wave.codebook.questions.prefetch_related("answers"))
    problems = _codebook_problems(questions)
    headers = [_key(h) for h in table.headers]
    for position, header in enumerate(headers):
        if header and headers.index(header) != position:
            problems.append(SurveyProblem(table.header_line, table.headers[position], _(
                "deze kolomnaam komt twee keer voor.")))
    communities = {}
    for community in Community.objects.filter(municipality=wave.municipality):
        communities[community.slug.casefold()] = community
        communities.setdefault(community.name.casefold(), community)
    readers = []
    for question in questions:
        key = question.column.strip().casefold()
        if key not in headers:
            problems.append(SurveyProblem(table.header_line, question.column, _(
                "deze kolom ontbreekt (codeboek: %(target)s).") % {
                    "target": question.get_maps_to_display()}))
            continue
        readers.append(_Reader(question, headers.index(key), table, wave, communities))
    if not table.rows:
        problems.append(SurveyProblem(None, None, _("Het bestand bevat geen respondenten.")))
    rows, seen = [], {}
    for number, cells in table.rows:
        values = {}
        for reader in readers:
            raw = cells[reader.index] if reader.index < len(cells) else None
            value, error = reader.read(raw)
            if error:
                problems.append(SurveyProblem(number, reader.column, error, table.unit))
                continue
            name = RESPONSE_FIELD[reader.target]
            values[name] = "" if value is None and name in TEXT_FIELDS else value
        respondent = values.get("respondent_id")
        if respondent is not None:
            if respondent in seen:
                column = next(r.column for r in readers if r.target == Target.RESPONDENT_ID)
                first = seen[respondent]
                problems.append(SurveyProblem(number, column, (
                    _("respondentnummer %(id)s komt ook voor in respondent %(first)s.")
                    if table.unit == "case" else
                    _("respondentnummer %(id)s komt ook voor op regel %(first)s.")) % {
                        "id": shown(respondent), "first": first}, table.unit))
            else:
                seen[respondent] = number
        values.setdefault("weight", 1.0)
        rows.append(values)
    return rows, problems


# --------------------------------------------------------------------------- importing


def import_survey(wave: SurveyWave, source, *, fmt: str | None = None, file_name: str | None = None,
                  replace: bool = False, dry_run: bool = False) -> SurveyImportReport:
    """Check the file against the wave's codebook; write the wave and its respondents only
    when there is no problem at all. ``wave`` may be unsaved: it is then created with them.

    A wave that already holds respondents is only overwritten with ``replace``; the same
    file (same SHA-256) imported again changes nothing.
    """
    report = SurveyImportReport(wave=wave, dry_run=dry_run)
    try:
        data, name = read_source(source)
        file_name = file_name or name or ""
        report.format = guess_format(fmt, file_name, data)
        table = read_table(data, report.format)
    except FileRefused as refused:
        problem = refused.problem
        if not isinstance(problem, SurveyProblem):
            problem = SurveyProblem(problem.line, problem.column, problem.message)
        report.problems.append(problem)
        return report
    checksum = hashlib.sha256(data).hexdigest()
    existing = wave.responses.count() if wave.pk else 0
    if wave.pk and existing and wave.file_checksum == checksum:
        report.unchanged, report.rows = True, existing
        return report
    if existing and not replace:
        report.problems.append(SurveyProblem(None, None, ngettext(
            "Deze meting heeft al %(n)s respondent; kies 'vervangen' om die te vervangen.",
            "Deze meting heeft al %(n)s respondenten; kies 'vervangen' om die te vervangen.",
            existing) % {"n": existing}))
    try:
        wave.full_clean(exclude=["file_name", "file_checksum", "imported_at"])
    except ValidationError as error:
        report.problems.extend(SurveyProblem(None, None, _("meting: %(reason)s") % {"reason": m})
                               for m in error.messages)
    rows, problems = check_table(table, wave)
    report.problems.extend(problems)
    report.rows = len(rows)
    if report.problems or dry_run:
        return report
    with transaction.atomic():
        wave.file_name = Path(file_name).name[:255]
        wave.file_checksum = checksum
        wave.imported_at = timezone.now()
        wave.save()
        report.replaced = wave.responses.all().delete()[0] if existing else 0
        SurveyResponse.objects.bulk_create(
            [SurveyResponse(wave=wave, **values) for values in rows], batch_size=1000)
    report.created = len(rows)
    return report
