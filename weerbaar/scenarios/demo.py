"""The FICTITIOUS demo exercise (weerbaar/demo/data/exercises.yaml), loaded by load-demo.

Idempotent like the rest of the demo: the exercise, its observations and lessons are found
on their natural keys (title; exercise + text) and written only when a value differs. The
injects are generated once, from a run of the scenario on the demo registers, when the
exercise has none; afterwards they are the exercise leader's to edit.
"""

from __future__ import annotations

from weerbaar.scenarios.models import Exercise, ExerciseRole, Inject, Lesson, Observation

FILENAME = "exercises.yaml"


def load_into_demo(loader) -> None:
    """Called by weerbaar.demo.loader.Loader.run after the registers are loaded."""
    path = loader.data_dir / FILENAME
    if not path.exists():
        return
    document = loader._read(path)
    if document is None:
        return
    from weerbaar.demo.loader import _Skip

    def handle(where, record):
        municipality = loader._municipality(where, document, record)
        observations = record.pop("observations", None) or []
        lessons = record.pop("lessons", None) or []
        title = record.pop("title", None)
        if not title:
            loader.fail(where, "'title' ontbreekt")
        exercise = loader.upsert(Exercise, where, {"municipality": municipality, "title": title},
                                 record)
        for number, item in enumerate(observations, start=1):
            item_where = f"{where}, observations[{number}]"
            loader._provenance(item_where, item)
            item = dict(item)
            loader.upsert(Observation, item_where, {"exercise": exercise, "text": item.pop("text")},
                          item)
        for number, item in enumerate(lessons, start=1):
            item_where = f"{where}, lessons[{number}]"
            loader._provenance(item_where, item)
            item = dict(item)
            loader.upsert(Lesson, item_where, {"exercise": exercise, "text": item.pop("text")}, item)
        if not exercise.injects.exists():
            _generate_injects(loader, where, exercise)

    try:
        loader._each(FILENAME, document, handle)
    except _Skip:  # pragma: no cover - _each catches it per record
        pass


def _generate_injects(loader, where: str, exercise: Exercise) -> None:
    from weerbaar.engines.cascade import ScenarioError
    from weerbaar.scenarios.exercises import injects_from_run
    from weerbaar.scenarios.services import run_scenario

    try:
        run = run_scenario(exercise.scenario, exercise.municipality, runs=exercise.runs,
                           seed=exercise.seed)
    except ScenarioError as error:
        loader.fail(where, "scenario: " + "; ".join(error.problems))
    roles = exercise.role_codes or list(ExerciseRole.values)
    Inject.objects.bulk_create([
        Inject(exercise=exercise, hour=d.hour, role=d.role, text=d.text,
               expected_action=str(d.expected_action), sector=d.sector, effect_id=d.effect_id,
               source=exercise.source, confidence=exercise.confidence,
               is_fictitious=exercise.is_fictitious)
        for d in injects_from_run(run, roles)])
