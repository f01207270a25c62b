"""Importing and exporting registers: all or nothing, every bad row named by its line.

One service, `import_file()`, serves the admin and the command line alike:

1. The file is refused before parsing when it is too large (settings.IMPORT_MAX_BYTES), empty,
   not UTF-8 text (CSV) or not an Excel workbook (XLSX), or of an unknown format.
2. The header is checked: unknown columns, duplicate columns and missing required columns are
   reported by name, with the list of valid columns.
3. Every data row keeps its *file line number*. For CSV the header is line 1, so data row i is
   line i + 1 (we parse the CSV ourselves, so blank lines and quoted line breaks do not shift
   the numbers). For XLSX the line is the sheet's row number.
4. django-import-export runs the import inside one transaction, with the model's
   full_clean() (field validators, clean(), constraints) on every row. It numbers data rows
   from 1 (`InvalidRow.number`, `ErrorRow.number`; `Result.row_errors()` counts only reported
   rows, so we never use it); we translate those numbers back to file lines.
5. If anything is wrong, the transaction is rolled back and every problem is returned, each
   with its line, its column (or None) and a Dutch reason. Otherwise it is committed.

weerbaar.core.admin wires this into the admin (RegisterAdmin).
"""

from __future__ import annotations

import logging
from dataclasses import replace

import tablib
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    ValidationError,
)
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from import_export.formats import base_formats

from weerbaar.core.imports.reading import (
    FileRefused,
    Table,
    guess_format,
    parse_csv,
    parse_xlsx,
    read_source,
    refuse,
)
from weerbaar.core.imports.resources import RegisterResource
from weerbaar.core.imports.results import ImportReport, Problem
from weerbaar.core.imports.widgets import cell_text, memoised_lookups, shown

logger = logging.getLogger(__name__)

# --------------------------------------------------------------------------- the import


def required_columns(resource: RegisterResource) -> tuple[list[str], list[str]]:
    """(columns that must be present, key columns that may be absent and mean 'empty')."""
    model = resource._meta.model
    id_fields = list(resource.get_import_id_fields())
    required, optional_keys = [], []
    for name, resource_field in resource.fields.items():
        if resource_field.readonly or not resource_field.attribute:
            continue
        try:
            model_field = model._meta.get_field(resource_field.attribute.split("__")[0])
        except Exception:
            model_field = None
        if name in id_fields:
            if name == "id" or (model_field is not None and model_field.null):
                optional_keys.append(resource_field.column_name)
            else:
                required.append(resource_field.column_name)
            continue
        if (model_field is not None and not model_field.many_to_many
                and not model_field.auto_created and not model_field.blank
                and not model_field.has_default()):
            required.append(resource_field.column_name)
    return required, optional_keys


def _match_headers(resource, table: Table) -> tuple[list[str | None], list[Problem]]:
    """Canonical column name per file column (None: an empty column), or header problems."""
    model = resource._meta.model
    by_name: dict[str, str] = {}
    for resource_field in resource.get_import_fields():
        by_name[resource_field.column_name.casefold()] = resource_field.column_name
    aliases: dict[str, str] = {}
    for resource_field in resource.get_import_fields():
        if resource_field.readonly or not resource_field.attribute or "__" in resource_field.attribute:
            continue
        try:
            model_field = model._meta.get_field(resource_field.attribute.split("__")[0])
        except Exception:
            continue
        alias = str(getattr(model_field, "verbose_name", "")).casefold()
        if alias and alias not in by_name:
            aliases[alias] = None if alias in aliases else resource_field.column_name
    line = table.header_line
    problems, columns, seen = [], [], {}
    valid = ", ".join(f.column_name for f in resource.get_import_fields())
    for position, header in enumerate(table.headers, start=1):
        name = cell_text(header)
        if not name:
            has_data = any(position <= len(values) and cell_text(values[position - 1])
                           for _line, values in table.rows)
            if has_data:
                problems.append(Problem(line, None, _(
                    "Kolom %(position)s heeft geen naam in de kopregel maar bevat wel gegevens.")
                    % {"position": position}))
            columns.append(None)
            continue
        column = by_name.get(name.casefold()) or aliases.get(name.casefold())
        if column is None:
            problems.append(Problem(line, name, _("Onbekende kolom. Geldige kolommen zijn: "
                                                  "%(valid)s.") % {"valid": valid}))
        elif column in seen:
            problems.append(Problem(line, name, _("Deze kolom komt twee keer voor (kolom "
                                                  "%(first)s en %(second)s).")
                                    % {"first": seen[column], "second": position}))
        else:
            seen[column] = position
        columns.append(column)
    required, _optional = required_columns(resource)
    for column in required:
        if column not in seen:
            problems.append(Problem(line, column, _("Verplichte kolom ontbreekt.")))
    return columns, problems


def _build_dataset(resource, table: Table, columns: list[str | None]):
    """The tablib Dataset to import, the file line of each of its rows, and row problems."""
    _required, optional_keys = required_columns(resource)
    headers = [c for c in columns if c] + [c for c in optional_keys if c not in columns]
    dataset = tablib.Dataset(headers=headers)
    lines, problems, keys_seen = [], [], {}
    id_columns = resource.id_columns()
    for line, values in table.rows:
        if len(values) > len(columns) and any(cell_text(v) for v in values[len(columns):]):
            problems.append(Problem(line, None, _(
                "Deze regel heeft meer waarden (%(values)s) dan de kopregel kolommen heeft "
                "(%(columns)s).") % {"values": len(values), "columns": len(columns)}))
            continue
        record = {c: "" for c in headers}
        for column, value in zip(columns, values, strict=False):
            if column:
                record[column] = "" if value is None else value
        row_key = tuple(cell_text(record.get(c)).casefold() for c in id_columns)
        if any(row_key):
            if row_key in keys_seen:
                problems.append(Problem(line, None, _(
                    "Deze regel beschrijft hetzelfde record (%(columns)s) als regel %(first)s.")
                    % {"columns": ", ".join(id_columns), "first": keys_seen[row_key]}))
            else:
                keys_seen[row_key] = line
        dataset.append([record[c] for c in headers])
        lines.append(line)
    return dataset, lines, problems


def _validation_messages(error: ValidationError) -> list[tuple[str | None, ValidationError]]:
    if hasattr(error, "error_dict"):
        return [(name, item) for name, items in error.error_dict.items() for item in items]
    return [(None, item) for item in error.error_list]


def _message(item: ValidationError) -> list[str]:
    if item.code in ("null", "blank", "required"):
        return [_("Verplicht; vul een waarde in.")]
    return list(item.messages)


def _describe_exception(error: Exception) -> str:
    if isinstance(error, IntegrityError):
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        return _("De database weigerde deze regel (%(reason)s).") % {"reason": reason}
    logger.warning("import row failed", exc_info=error)
    return _("Deze regel kon niet worden verwerkt (%(kind)s: %(reason)s).") % {
        "kind": type(error).__name__, "reason": shown(str(error))}


def _problems_from_result(resource, result, lines: list[int]) -> list[Problem]:
    column_of = {}
    for resource_field in resource.fields.values():
        if resource_field.attribute:
            column_of[resource_field.attribute] = resource_field.column_name
            column_of[resource_field.attribute.removesuffix("_id")] = resource_field.column_name
    problems = [Problem(None, None, _("De import kon niet worden uitgevoerd: %(reason)s")
                        % {"reason": _describe_exception(error.error)})
                for error in result.base_errors]
    for row in result.invalid_rows:
        line = lines[row.number - 1]
        for name, item in _validation_messages(row.error):
            column = None if name in (None, NON_FIELD_ERRORS) else column_of.get(name, name)
            problems.extend(Problem(line, column, text) for text in _message(item))
    for row in result.error_rows:
        line = lines[row.number - 1]
        problems.extend(Problem(line, None, _describe_exception(e.error)) for e in row.errors)
    return problems


class _Rollback(Exception):
    pass


def _run(resource, dataset, dry_run: bool, **kwargs):
    with memoised_lookups():
        return resource.import_data(dataset, dry_run=dry_run, raise_errors=False,
                                    use_transactions=True, rollback_on_validation_errors=True,
                                    retain_instance_in_row_result=True, **kwargs)


def import_file(resource_class, source, format: str | None = None, *, dry_run: bool = False,
                resource_kwargs: dict | None = None, user=None,
                file_name: str | None = None) -> ImportReport:
    """Import a CSV or XLSX file into one register: everything, or nothing at all.

    source: a path (str or Path), the file's bytes, or an open binary file (an upload).
    format: "csv" or "xlsx"; guessed from the file name or contents when None.
    Never raises for bad input: the returned report lists every problem.
    """
    resource = resource_class(**(resource_kwargs or {}))
    report = ImportReport(model=resource._meta.model._meta.label_lower, dry_run=dry_run)
    try:
        data, name = read_source(source)
        report.format = guess_format(format, file_name or name, data)
        if not data.strip():
            refuse(_("Het bestand is leeg."))
        table = parse_csv(data) if report.format == "csv" else parse_xlsx(data)
    except FileRefused as refused:
        report.problems.append(refused.problem)
        return report
    columns, problems = _match_headers(resource, table)
    # Problems name a column the way the file's header writes it ("Kern" or "community").
    as_written = {column: cell_text(header) for column, header in zip(columns, table.headers,
                                                                  strict=False) if column}
    if problems:
        report.problems = problems
        return report
    report.rows = len(table.rows)
    if not table.rows:
        report.problems.append(Problem(None, None, _(
            "Het bestand heeft een kopregel maar geen gegevens.")))
        return report
    dataset, lines, problems = _build_dataset(resource, table, columns)
    import_kwargs = {"user": user, "file_name": file_name or name}
    if problems:
        dry_run = True  # rows that could not even be read: check the rest, write nothing
    # One pass: every row is validated and written inside one transaction, which is rolled
    # back when any row has a problem (or when only a check was asked for). A separate dry
    # run first would do all the work twice for the same answer.
    try:
        with transaction.atomic():
            result = _run(resource, dataset, dry_run, **import_kwargs)
            problems += _problems_from_result(resource, result, lines)
            if problems or dry_run:
                raise _Rollback
    except _Rollback:
        pass
    report.result = result
    return _finish(report, result, problems, dataset.headers, as_written)


def _finish(report: ImportReport, result, problems: list[Problem], columns: list[str],
            as_written: dict[str, str]) -> ImportReport:
    """Problems in file order (line, then column); counts only when the import is good."""
    order = {name: position for position, name in enumerate(columns)}
    problems = sorted(problems, key=lambda p: (p.line or 0, order.get(p.column, len(order))))
    report.problems = [replace(p, column=as_written.get(p.column, p.column)) for p in problems]
    if not report.problems:
        report.created = result.totals.get("new", 0)
        report.updated = result.totals.get("update", 0)
        report.unchanged = result.totals.get("skip", 0)
    return report


def export_data(resource_class, format: str, queryset=None) -> bytes:
    """The register as CSV (UTF-8 with BOM, so Excel reads it right) or XLSX bytes."""
    fmt = guess_format(format, None, b"")
    resource = resource_class()
    if fmt == "xlsx":
        dataset = resource.export(queryset, force_native_type=True)
        return base_formats.XLSX().export_data(dataset)
    dataset = resource.export(queryset)
    return dataset.export("csv").encode("utf-8-sig")
