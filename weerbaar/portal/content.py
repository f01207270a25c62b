"""Portal content kept as data files in the repository (weerbaar/portal/content/).

"Wat te doen bij…" pages: one YAML file per disruption under content/disruptions/, Dutch and
English in the same file. Every problem in every file is collected and reported at once,
naming the file and the key (e.g. ``stroomuitval.yaml: phases[0].items[2].text.en: ontbreekt``),
so an editor can fix them in one go. The template renders a :class:`Text` in the active
language (``{{ item.text }}``).

File layout (see content/disruptions/stroomuitval.yaml for a full example)::

    slug: stroomuitval            # equals the file name; used in the URL
    order: 1                      # position in the list
    title:   {nl: …, en: …}
    summary: {nl: …, en: …}       # one or two sentences for the list
    sources:                      # every fact names one or more of these keys
      vrbn: {label: {nl: …, en: …}, detail: {nl: …, en: …}}
    phases:                       # what happens when
      - when: {nl: …, en: …}
        items:
          - text: {nl: …, en: …}
            source: vrbn          # a key or a list of keys (required)
    actions:                      # what you can do (each with a source)
      - text: {nl: …, en: …}
        source: denkvooruit
    help:                         # where to get help (source optional)
      - text: {nl: …, en: …}
    related: [kit, plan, find]    # optional: portal pages to point to
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import get_language

CONTENT_DIR = Path(__file__).resolve().parent / "content"
DISRUPTIONS_DIR = CONTENT_DIR / "disruptions"
LANGUAGES = ("nl", "en")
RELATED_PAGES = ("kit", "plan", "find", "help")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class ContentError(ValueError):
    """One or more content files are invalid; ``problems`` lists "file: key: reason"."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("Fouten in de inhoudsbestanden van het portaal:\n"
                         + "\n".join(f"- {p}" for p in problems))


@dataclass(frozen=True)
class Text:
    """A text in every portal language; str() gives the active language (Dutch fallback)."""

    nl: str
    en: str

    def get(self, language: str | None = None) -> str:
        code = (language or get_language() or "nl").split("-")[0]
        return self.en if code == "en" else self.nl

    def __str__(self) -> str:
        return self.get()


@dataclass(frozen=True)
class Source:
    key: str
    label: Text
    detail: Text


@dataclass(frozen=True)
class Item:
    text: Text
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Phase:
    when: Text
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Disruption:
    slug: str
    order: int
    title: Text
    summary: Text
    sources: tuple[Source, ...]
    phases: tuple[Phase, ...]
    actions: tuple[Item, ...]
    help: tuple[Item, ...]
    related: tuple[str, ...]
    path: Path


class _Checker:
    """Walks one parsed file, recording every problem as "file: key: reason"."""

    def __init__(self, name: str):
        self.name = name
        self.problems: list[str] = []

    def problem(self, key: str, reason: str) -> None:
        self.problems.append(f"{self.name}: {key}: {reason}" if key else f"{self.name}: {reason}")

    def mapping(self, value: Any, key: str, required: set[str], optional: set[str] = frozenset()):
        if not isinstance(value, dict):
            self.problem(key, f"moet sleutels met waarden bevatten (een YAML-mapping), niet {_kind(value)}")
            return None
        for missing in sorted(required - set(value)):
            self.problem(_join(key, missing), "ontbreekt")
        for unknown in sorted(set(value) - required - set(optional), key=str):
            allowed = ", ".join(sorted(required | set(optional)))
            self.problem(_join(key, str(unknown)), f"onbekende sleutel (toegestaan: {allowed})")
        return value

    def text(self, value: Any, key: str) -> Text | None:
        value = self.mapping(value, key, set(LANGUAGES))
        if value is None:
            return None
        ok = True
        for language in LANGUAGES:
            if language not in value:
                ok = False
                continue
            entry = value[language]
            if not isinstance(entry, str):
                self.problem(f"{key}.{language}", f"moet tekst zijn, niet {_kind(entry)}")
                ok = False
            elif not entry.strip():
                self.problem(f"{key}.{language}", "is leeg")
                ok = False
        return Text(**{lang: " ".join(value[lang].split()) for lang in LANGUAGES}) if ok else None

    def sequence(self, value: Any, key: str, *, required: bool = True) -> list:
        if not isinstance(value, list):
            self.problem(key, f"moet een lijst zijn, niet {_kind(value)}")
            return []
        if required and not value:
            self.problem(key, "is leeg: geef minstens één punt")
        return value

    def item(self, value: Any, key: str, sources: dict[str, Source], *,
             source_required: bool) -> Item | None:
        value = self.mapping(value, key, {"text"} | ({"source"} if source_required else set()),
                             set() if source_required else {"source"})
        if value is None:
            return None
        text = self.text(value.get("text"), f"{key}.text") if "text" in value else None
        found = []
        if "source" in value:
            keys = value["source"]
            keys = [keys] if isinstance(keys, str) else keys
            if not isinstance(keys, list) or not keys or not all(isinstance(k, str) for k in keys):
                self.problem(f"{key}.source", "moet een bronsleutel zijn of een lijst van bronsleutels")
                keys = []
            for source_key in keys:
                if source_key in sources:
                    found.append(sources[source_key])
                else:
                    known = ", ".join(sorted(sources)) or "geen"
                    self.problem(f"{key}.source",
                                 f"bron '{source_key}' staat niet onder 'sources' (bekend: {known})")
        return Item(text=text, sources=tuple(found)) if text else None


def _join(key: str, child: str) -> str:
    return f"{key}.{child}" if key else child


def _kind(value: Any) -> str:
    return {dict: "een mapping", list: "een lijst", str: "tekst", int: "een getal",
            float: "een getal", bool: "ja/nee", type(None): "leeg"}.get(type(value), type(value).__name__)


def parse_disruption(path: Path) -> tuple[Disruption | None, list[str]]:
    """Read and check one disruption file: (the disruption or None, the problems)."""
    check = _Checker(f"{path.parent.name}/{path.name}")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"regel {mark.line + 1}, kolom {mark.column + 1}: " if mark else ""
        reason = getattr(error, "problem", None) or str(error)
        check.problem("", f"geen geldige YAML ({where}{reason})")
        return None, check.problems
    except (OSError, UnicodeDecodeError) as error:
        check.problem("", f"kan het bestand niet lezen ({error})")
        return None, check.problems

    data = check.mapping(data, "", {"slug", "order", "title", "summary", "sources", "phases",
                                    "actions", "help"}, {"related"})
    if data is None:
        return None, check.problems

    slug = data.get("slug")
    if "slug" in data:
        if not isinstance(slug, str) or not _SLUG.match(slug):
            check.problem("slug", "moet kleine letters, cijfers en streepjes zijn "
                                  "(bijvoorbeeld 'stroomuitval')")
        elif slug != path.stem:
            check.problem("slug", f"'{slug}' moet gelijk zijn aan de bestandsnaam '{path.stem}'")
    order = data.get("order")
    if "order" in data and (not isinstance(order, int) or isinstance(order, bool)):
        check.problem("order", f"moet een geheel getal zijn, niet {_kind(order)}")

    title = check.text(data["title"], "title") if "title" in data else None
    summary = check.text(data["summary"], "summary") if "summary" in data else None

    sources: dict[str, Source] = {}
    if "sources" in data:
        raw = data["sources"]
        if not isinstance(raw, dict):
            check.problem("sources", f"moet een lijst van bronnen met een sleutel zijn, niet {_kind(raw)}")
            raw = None
        for key, value in (raw or {}).items():
            if not isinstance(key, str) or not _SLUG.match(key):
                check.problem(f"sources.{key}", "een bronsleutel is kleine letters, cijfers en streepjes")
                continue
            entry = check.mapping(value, f"sources.{key}", {"label", "detail"})
            if entry is None:
                continue
            label = check.text(entry.get("label"), f"sources.{key}.label") if "label" in entry else None
            detail = check.text(entry.get("detail"), f"sources.{key}.detail") if "detail" in entry else None
            if label and detail:
                sources[str(key)] = Source(key=str(key), label=label, detail=detail)
        if raw is not None and not raw:
            check.problem("sources", "is leeg: noem minstens één bron")

    phases = []
    for i, raw_phase in enumerate(check.sequence(data.get("phases"), "phases") if "phases" in data else []):
        key = f"phases[{i}]"
        phase = check.mapping(raw_phase, key, {"when", "items"})
        if phase is None:
            continue
        when = check.text(phase.get("when"), f"{key}.when") if "when" in phase else None
        items = [check.item(value, f"{key}.items[{j}]", sources, source_required=True)
                 for j, value in enumerate(check.sequence(phase.get("items"), f"{key}.items")
                                           if "items" in phase else [])]
        if when:
            phases.append(Phase(when=when, items=tuple(i for i in items if i)))

    actions = [check.item(value, f"actions[{i}]", sources, source_required=True)
               for i, value in enumerate(check.sequence(data.get("actions"), "actions")
                                         if "actions" in data else [])]
    help_items = [check.item(value, f"help[{i}]", sources, source_required=False)
                  for i, value in enumerate(check.sequence(data.get("help"), "help")
                                            if "help" in data else [])]

    related = data.get("related", [])
    if not isinstance(related, list) or not all(isinstance(r, str) for r in related):
        check.problem("related", "moet een lijst van paginanamen zijn")
        related = []
    for name in related:
        if name not in RELATED_PAGES:
            check.problem("related", f"onbekende pagina '{name}' (toegestaan: {', '.join(RELATED_PAGES)})")

    if check.problems:
        return None, check.problems
    used = {s.key for item in [*actions, *help_items, *(i for p in phases for i in p.items)]
            for s in item.sources}
    return Disruption(
        slug=slug, order=order, title=title, summary=summary,
        sources=tuple(s for k, s in sources.items() if k in used),
        phases=tuple(phases), actions=tuple(actions), help=tuple(help_items),
        related=tuple(r for r in related if r in RELATED_PAGES), path=path,
    ), []


def load_disruptions(directory: Path = DISRUPTIONS_DIR) -> list[Disruption]:
    """Every disruption in `directory`, in order; raises ContentError listing every problem."""
    problems: list[str] = []
    found: list[Disruption] = []
    paths = sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml"))
    if not paths:
        problems.append(f"{directory.name}/: geen inhoudsbestanden (*.yaml) gevonden")
    for path in paths:
        disruption, file_problems = parse_disruption(path)
        problems += file_problems
        if disruption:
            found.append(disruption)
    seen: dict[int, str] = {}
    for disruption in found:
        name = f"{disruption.path.parent.name}/{disruption.path.name}"
        if disruption.order in seen:
            problems.append(f"{name}: order: {disruption.order} wordt ook gebruikt in "
                            f"{seen[disruption.order]}")
        seen.setdefault(disruption.order, name)
    if problems:
        raise ContentError(problems)
    return sorted(found, key=lambda d: (d.order, d.slug))


@lru_cache(maxsize=1)
def disruptions() -> tuple[Disruption, ...]:
    """The repository's disruptions (read once per process)."""
    return tuple(load_disruptions())


def get_disruption(slug: str) -> Disruption | None:
    return next((d for d in disruptions() if d.slug == slug), None)
