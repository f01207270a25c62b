"""Cell widgets that read what people type (Dutch yes/no, dates, labels) and never guess."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _
from import_export import resources, widgets

MAX_SHOWN = 60  # characters of a cell value quoted in a message

# --------------------------------------------------------------------------- widgets


def cell_text(value) -> str:
    """A cell value as trimmed text; whole floats from spreadsheets lose their '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def shown(value) -> str:
    text = cell_text(value)
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


FORMULA_START = re.compile(r"^(=|@|[+-][^\d\s.,])")


class TextWidget(widgets.CharWidget):
    """Text, trimmed. On export, text a spreadsheet would run as a formula gets a leading
    apostrophe (CSV/formula injection); on import that apostrophe is removed again."""

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if text.startswith("'") and FORMULA_START.match(text[1:]):
            text = text[1:]
        return text

    def render(self, value, obj=None, **kwargs):
        text = "" if value is None else str(value)
        return "'" + text if FORMULA_START.match(text) else text


class IntegerWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        if cell_text(value) == "":
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        text = cell_text(value).replace(" ", "").replace("\u00a0", "")
        if not isinstance(value, bool) and re.fullmatch(r"[+-]?\d{1,18}", text):
            return int(text)
        raise ValueError(_("'%(value)s' is geen geheel getal.") % {"value": shown(value)})

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type"):
            return value
        return "" if value is None else str(value)


class FloatWidget(widgets.FloatWidget):
    """A number; accepts a decimal point or a decimal comma (0.25 or 0,25)."""

    def clean(self, value, row=None, **kwargs):
        if cell_text(value) == "":
            return None
        number = None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number = float(value)
        elif not isinstance(value, bool):
            text = cell_text(value).replace(" ", "").replace("\u00a0", "")
            if "," in text and "." not in text:
                text = text.replace(",", ".")
            if re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", text):
                number = float(text)
        if number is None or not math.isfinite(number):
            raise ValueError(_("'%(value)s' is geen getal (schrijf bijvoorbeeld 0.25 of 0,25).")
                             % {"value": shown(value)})
        return number

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type"):
            return value
        return "" if value is None else str(value)


class BooleanWidget(widgets.BooleanWidget):
    """ja / nee / leeg (onbekend). Never guesses: an unknown word is an error."""

    TRUE_WORDS = {"ja", "j", "yes", "y", "true", "waar", "1", "x"}
    FALSE_WORDS = {"nee", "n", "no", "false", "onwaar", "0"}
    UNKNOWN_WORDS = {"", "onbekend", "unknown", "?", "null", "none"}

    def __init__(self, nullable: bool = True, **kwargs):
        self.nullable = nullable
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        word = cell_text(value).casefold()
        if word in self.TRUE_WORDS:
            return True
        if word in self.FALSE_WORDS:
            return False
        if word == "":
            return None  # the field's default applies
        if word in self.UNKNOWN_WORDS and self.nullable:
            return None
        hint = (_("gebruik ja, nee of laat leeg (onbekend)") if self.nullable
                else _("gebruik ja of nee"))
        raise ValueError(_("'%(value)s' is geen ja/nee-waarde; %(hint)s.")
                         % {"value": shown(value), "hint": hint})

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type"):
            return value
        if value is None:
            return ""
        return "ja" if value else "nee"


DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S",
                "%Y-%m-%dT%H:%M:%S")


class DateWidget(widgets.DateWidget):
    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = cell_text(value)
        if not text:
            return None
        for fmt in DATE_FORMATS:
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise ValueError(_("'%(value)s' is geen geldige datum; schrijf JJJJ-MM-DD "
                           "(bijvoorbeeld 2026-03-31) of DD-MM-JJJJ.") % {"value": shown(value)})

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type"):
            return value
        return value.isoformat() if isinstance(value, date) else ""


class ChoiceWidget(widgets.CharWidget):
    """A choice by its code (as exported) or by its Dutch label, ignoring case."""

    def __init__(self, choices, **kwargs):
        self.choices = list(choices)
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return ""
        wanted = text.casefold()
        for code, label in self.choices:
            if wanted in (str(code).casefold(), str(label).casefold()):
                return code
        options = ", ".join(f"{code} ({label})" for code, label in self.choices)
        raise ValueError(_("'%(value)s' is geen geldige keuze. Kies uit: %(options)s.")
                         % {"value": shown(value), "options": options})

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


def _follow(obj, path: str):
    for part in path.split("__"):
        if obj is None:
            return None
        obj = getattr(obj, part, None)
    return obj


def _lookup_label(model, path: str) -> str:
    """The Dutch name of the field a natural key looks at, e.g. 'korte naam' for slug."""
    try:
        current = model
        for part in path.split("__"):
            model_field = current._meta.get_field(part)
            current = model_field.related_model or current
        return str(model_field.verbose_name)
    except Exception:  # pragma: no cover - a mistyped path shows the path itself
        return path


@dataclass(frozen=True)
class Context:
    """Narrow a natural-key lookup with another column of the same row.

    Community slugs are unique per municipality, so a community lookup can use the row's
    `municipality` column: Context("municipality__cbs_code", "municipality").
    allow_null also accepts records without that relation (national VitalProcesses)."""

    lookup: str
    column: str
    allow_null: bool = False


# Natural-key lookups already answered during one import run: a file of 2,000 rows naming the
# same municipality asks the database once, not 2,000 times. Scoped to one run (and thread)
# so no answer outlives the transaction it was read in.
_LOOKUPS: ContextVar[dict | None] = ContextVar("natural_key_lookups", default=None)


@contextmanager
def memoised_lookups() -> Iterator[None]:
    token = _LOOKUPS.set({})
    try:
        yield
    finally:
        _LOOKUPS.reset(token)


class NaturalKeyWidget(widgets.ForeignKeyWidget):
    """A foreign key written as something a person can type: a slug, a CBS code, a name."""

    def __init__(self, model, field: str, context: Iterable[Context] = (), **kwargs):
        super().__init__(model, field, **kwargs)
        self.context = tuple(context)

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return None
        cache = _LOOKUPS.get()
        if cache is None:
            return self._find(text, row)
        key = (self.model, self.field, text.casefold(), *(
            cell_text((row or {}).get(ctx.column)).casefold() for ctx in self.context))
        if key not in cache:
            try:
                cache[key] = self._find(text, row)
            except ValueError as error:
                cache[key] = error
        if isinstance(cache[key], ValueError):
            raise cache[key]
        return cache[key]

    def _find(self, text: str, row):
        queryset = self.model._default_manager.filter(**{f"{self.field}__iexact": text})
        used = []
        for ctx in self.context:
            ctx_value = cell_text((row or {}).get(ctx.column))
            if not ctx_value:
                continue
            condition = Q(**{f"{ctx.lookup}__iexact": ctx_value})
            if ctx.allow_null:
                condition |= Q(**{f"{ctx.lookup.split('__')[0]}__isnull": True})
            queryset = queryset.filter(condition)
            used.append(f"{ctx.column} {ctx_value}")
        matches = list(queryset[:2])
        params = {"noun": self.model._meta.verbose_name, "plural": self.model._meta.verbose_name_plural,
                  "label": _lookup_label(self.model, self.field), "value": shown(text),
                  "context": ", ".join(used)}
        if not matches:
            message = _("Geen %(noun)s gevonden met %(label)s '%(value)s'") % params
            if used:
                message += " " + _("(binnen %(context)s)") % params
            raise ValueError(message + ".")
        if len(matches) > 1:
            hint = ", ".join(c.column for c in self.context)
            message = _("'%(value)s' is niet eenduidig: er zijn meerdere %(plural)s met deze "
                        "%(label)s.") % params
            if hint:
                message += " " + _("Vul ook de kolom %(columns)s in.") % {"columns": hint}
            raise ValueError(message)
        return matches[0]

    def render(self, value, obj=None, **kwargs):
        found = _follow(value, self.field)
        return "" if found is None else str(found)


class NaturalKeyManyWidget(widgets.ManyToManyWidget):
    """Several related records by name, separated by semicolons."""

    def __init__(self, model, field: str, separator: str = ";", **kwargs):
        super().__init__(model, separator=separator, field=field, **kwargs)

    def clean(self, value, row=None, **kwargs):
        names = [part.strip() for part in cell_text(value).split(self.separator) if part.strip()]
        found, missing, unclear = [], [], []
        for name in names:
            matches = list(self.model._default_manager.filter(**{f"{self.field}__iexact": name})[:2])
            if not matches:
                missing.append(name)
            elif len(matches) > 1:
                unclear.append(name)
            else:
                found.append(matches[0])
        if missing or unclear:
            parts = []
            if missing:
                parts.append(_("onbekend: %(names)s") % {"names": ", ".join(missing)})
            if unclear:
                parts.append(_("niet eenduidig: %(names)s") % {"names": ", ".join(unclear)})
            raise ValueError(_("%(plural)s %(parts)s (scheid namen met '%(sep)s').") % {
                "plural": str(self.model._meta.verbose_name_plural).capitalize(),
                "parts": "; ".join(parts), "sep": self.separator})
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return f"{self.separator} ".join(sorted(str(_follow(o, self.field)) for o in value.all()))


def widget_for(model_field):
    """The Dutch, strict widget for a plain model field (None: keep import-export's)."""
    if model_field.is_relation:
        return None
    if model_field.choices:
        return ChoiceWidget(model_field.flatchoices)
    if isinstance(model_field, models.BooleanField):
        return BooleanWidget(nullable=model_field.null)
    if isinstance(model_field, (models.IntegerField, models.AutoField)):
        return IntegerWidget()
    if isinstance(model_field, models.FloatField):
        return FloatWidget()
    if isinstance(model_field, models.DateField) and not isinstance(model_field, models.DateTimeField):
        return DateWidget()
    if isinstance(model_field, (models.CharField, models.TextField)):
        return TextWidget()
    return None


def fk(attribute: str, model, lookup: str, *context: Context):
    """A resource column for a foreign key written as a natural key."""
    return resources.Field(attribute=attribute, column_name=attribute,
                           widget=NaturalKeyWidget(model, lookup, context))


def helper(column: str, attribute: str | None = None):
    """An export-only column that helps the import find related records (never saved)."""
    return resources.Field(attribute=attribute, column_name=column, readonly=True,
                           widget=TextWidget())
