"""From a scenario run to an exercise script (draaiboek): timed injects per role.

Every effect becomes an inject at its onset hour for each role its sector concerns; an
overloaded noodsteunpunt, a noodsteunpunt or care location whose backup power ends, and the
hour key figures can no longer be phoned add injects of their own. Injects are ordinary
records afterwards: the exercise leader edits, adds or deletes them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weerbaar.engines import cascade
from weerbaar.places.models import Municipality
from weerbaar.programme.models import ActionLine, ProgrammeLine
from weerbaar.scenarios.models import Exercise, ExerciseRole, Inject, Lesson
from weerbaar.scenarios.services import ScenarioRun, run_scenario

R = ExerciseRole

# Sector (the seed's row labels, lower case) -> the roles that act on its effects.
SECTOR_ROLES: dict[str, tuple[str, ...]] = {
    "bevolkingszorg": (R.CRISIS_TEAM, R.SUPPORT_POINT_TEAM, R.KEY_FIGURE),
    "brandweer": (R.CRISIS_TEAM,),
    "ghor": (R.CRISIS_TEAM, R.CARE_LOCATION),
    "politie": (R.CRISIS_TEAM,),
    "meldkamer": (R.CRISIS_TEAM,),
    "enexis": (R.VITAL_PROVIDER, R.CRISIS_TEAM),
    "gasunie": (R.VITAL_PROVIDER, R.CRISIS_TEAM),
    "rws droog": (R.VITAL_PROVIDER, R.CRISIS_TEAM),
    "rws nat": (R.VITAL_PROVIDER, R.CRISIS_TEAM),
    "waterschap": (R.VITAL_PROVIDER, R.CRISIS_TEAM),
    "brabant water": (R.VITAL_PROVIDER, R.CRISIS_TEAM, R.CARE_LOCATION),
    "prorail": (R.VITAL_PROVIDER, R.CRISIS_TEAM),
    "telecom": (R.VITAL_PROVIDER, R.CRISIS_TEAM, R.KEY_FIGURE, R.SUPPORT_POINT_TEAM),
    "tankstations": (R.VITAL_PROVIDER, R.CRISIS_TEAM),
    "algemeen": (R.CRISIS_TEAM, R.KEY_FIGURE, R.SUPPORT_POINT_TEAM),
}
# Words in other scenarios' sector names that point at a role.
KEYWORD_ROLES = (
    ("zorg", R.CARE_LOCATION), ("water", R.VITAL_PROVIDER), ("telecom", R.KEY_FIGURE),
    ("gemeente", R.CRISIS_TEAM), ("noodsteunpunt", R.SUPPORT_POINT_TEAM),
)

EXPECTED_ACTION = {
    R.KEY_FIGURE: gettext_lazy("Ga naar het afgesproken punt in de kern; breng en haal informatie "
                    "persoonlijk en meld wie hulp nodig heeft."),
    R.SUPPORT_POINT_TEAM: gettext_lazy("Stem de inzet van het noodsteunpunt hierop af en meld het aan het "
                            "crisisteam."),
    R.CRISIS_TEAM: gettext_lazy("Beoordeel de gevolgen, besluit over maatregelen en communicatie en "
                     "leg het besluit vast."),
    R.VITAL_PROVIDER: gettext_lazy("Zet de noodmaatregelen uit het continuïteitsplan in en meld de "
                        "verwachte duur aan het crisisteam."),
    R.CARE_LOCATION: gettext_lazy("Zet het continuïteitsplan in: noodstroom, water, medicatie en zorg "
                       "voor bewoners; meld wat u nodig heeft."),
}


def roles_for_sector(sector: str) -> tuple[str, ...]:
    roles = SECTOR_ROLES.get(sector.strip().lower())
    if roles:
        return roles
    found = tuple(role for word, role in KEYWORD_ROLES if word in sector.lower())
    return tuple(dict.fromkeys((*found, R.CRISIS_TEAM)))


@dataclass(frozen=True)
class InjectDraft:
    hour: float
    role: str
    text: str
    expected_action: str
    sector: str = ""
    effect_id: str = ""


def _hour(value) -> float | None:
    if value is None:
        return None
    value = float(value)
    return None if value != value else round(value, 1)


def injects_from_run(run: ScenarioRun, roles: list[str] | None = None) -> list[InjectDraft]:
    """Timed injects for ``roles`` (all roles when None), ordered by hour."""
    wanted = set(roles or R.values)
    drafts: list[InjectDraft] = []
    for effect in run.result.effects:
        hour = _hour(effect.onset_hours)
        if hour is None:
            continue
        for role in roles_for_sector(effect.sector):
            drafts.append(InjectDraft(hour, role, f"{effect.sector}: {effect.text}",
                                      str(EXPECTED_ACTION[role]), effect.sector, effect.id))
    names = ({site.id: site.name for site in run.region.region.support_points}
             if run.region is not None else {})
    for point in run.result.support_points:
        name = names.get(point.id, point.id)
        overloaded = _first_overloaded_hour(point)
        if overloaded is not None:
            drafts.append(InjectDraft(
                overloaded, R.SUPPORT_POINT_TEAM,
                _("Noodsteunpunt %(name)s: meer mensen dan de capaciteit (%(cap)s per uur).")
                % {"name": name, "cap": f"{point.capacity_per_hour:g}"},
                _("Verdeel de drukte: verwijs door, vraag extra mensen bij het crisisteam."),
                "Bevolkingszorg"))
        ends = _hour(getattr(point, "backup_ends_at_hours", None))
        if ends is not None:
            drafts.append(InjectDraft(
                ends, R.SUPPORT_POINT_TEAM,
                _("Noodsteunpunt %(name)s: de noodstroom is op.") % {"name": name},
                _("Vraag brandstof of een mobiel aggregaat aan; besluit of u verhuist."),
                "Bevolkingszorg"))
    for site in run.result.vulnerable_sites:
        ends = _hour(site.get("backup_ends_at_hours"))
        if ends is not None:
            drafts.append(InjectDraft(
                ends, R.CARE_LOCATION,
                _("%(name)s: de noodstroom is op (%(residents)s bewoners).") % {
                    "name": site.get("name", site.get("id")), "residents": site.get("residents", "?")},
                str(EXPECTED_ACTION[R.CARE_LOCATION]), "GHOR"))
    drafts = [d for d in drafts if d.role in wanted]
    unique = list(dict.fromkeys(drafts))
    return sorted(unique, key=lambda d: (d.hour, R.values.index(d.role), d.text))


def _first_overloaded_hour(point) -> float | None:
    demand = getattr(point, "demand_by_hour", None)
    if demand is None or not point.overloaded_hours:
        return None
    for hour, value in enumerate(demand):
        if float(value) > point.capacity_per_hour:
            return float(hour)
    return None


@transaction.atomic
def create_exercise(municipality: Municipality, scenario: str, title: str, *,
                    held_on: dt.date | None = None, roles: list[str] | None = None,
                    runs: int = 1, seed: int = 0, is_fictitious: bool = False,
                    source: str = "") -> Exercise:
    """An exercise with the injects of a run of ``scenario`` on the registers."""
    run = run_scenario(scenario, municipality, runs=runs, seed=seed)
    roles = list(roles or R.values)
    exercise = Exercise(municipality=municipality, scenario=scenario, title=title,
                        held_on=held_on, participant_roles=",".join(roles), runs=runs, seed=seed,
                        is_fictitious=is_fictitious,
                        source=source or _("Gegenereerd uit scenario %(name)s") % {"name": scenario})
    exercise.full_clean()
    exercise.save()
    Inject.objects.bulk_create([
        Inject(exercise=exercise, hour=d.hour, role=d.role, text=d.text,
               expected_action=d.expected_action, sector=d.sector, effect_id=d.effect_id,
               is_fictitious=is_fictitious, source=exercise.source)
        for d in injects_from_run(run, roles)])
    return exercise


def script_by_role(exercise: Exercise) -> list[tuple[str, list[Inject]]]:
    """(role label, injects by hour) for each role with injects, in the roles' order; each
    inject carries ``is_own`` for the editor's "eigen inject" mark."""
    labels = dict(ExerciseRole.choices)
    injects = sorted(exercise.injects.all(), key=lambda i: (R.values.index(i.role), i.hour, i.pk))
    for inject in injects:
        inject.is_own = is_own_inject(inject, exercise)
    return [(str(labels[role]), list(items))
            for role, items in groupby(injects, key=lambda i: i.role)]


def default_line(municipality: Municipality) -> ProgrammeLine | None:
    """Exercises serve programme line III (continuity of vital infrastructure), else the first."""
    lines = ProgrammeLine.objects.filter(municipality=municipality)
    return lines.filter(number="III").first() or lines.first()


@transaction.atomic
def lesson_to_action(lesson: Lesson, line: ProgrammeLine, period: str) -> ActionLine:
    """Turn a lesson into a programme action on ``line``; the lesson keeps the link."""
    text = lesson.text.strip().splitlines()[0][:300] if lesson.text.strip() else lesson.text
    action, _created = ActionLine.objects.get_or_create(
        line=line, period=period, text=text,
        defaults={"owner": _("Programmabureau"), "is_fictitious": lesson.is_fictitious,
                  "source": _("Les uit oefening ‘%(title)s’") % {"title": lesson.exercise.title},
                  "confidence": "V"})
    lesson.action = action
    lesson.save(update_fields=["action"])
    return action


# Where an inject the exercise leader adds on the exercise page says it comes from.
OWN_INJECT_SOURCE = gettext_lazy("Eigen inject, toegevoegd op de oefenpagina")


def is_own_inject(inject: Inject, exercise: Exercise) -> bool:
    """Typed by the exercise leader rather than generated: generated injects either name their
    effect or (noodsteunpunt and care-location injects, which have no effect) carry the
    exercise's own source, as ``create_exercise`` and the demo loader write it."""
    return not inject.effect_id and inject.source != exercise.source


@lru_cache(maxsize=32)
def scenario_horizon(name: str) -> int | None:
    """The hours a library scenario computes, the latest hour an inject can sensibly have;
    None when the name is not (or no longer) in the library. Cached: parsing the YAML costs
    some 50 ms and the library only changes with a deploy."""
    try:
        return cascade.load_builtin(name).hours
    except cascade.ScenarioError:
        return None
