"""CSV/XLSX resources for exercises and what belongs to them.

An exercise is found by its title within its municipality; injects, observations and
lessons have no natural key (leave `id` empty for a new one). Authors and the programme
action made from a lesson are set by the exercise page only, so they are not columns.
"""

from weerbaar.core.imports.resources import RegisterResource
from weerbaar.core.imports.widgets import Context, fk, helper
from weerbaar.places.models import Municipality
from weerbaar.scenarios.models import Exercise, Inject, Lesson, Observation

PROVENANCE = ("source", "source_url", "confidence", "is_fictitious")
IN_MUNICIPALITY = Context("municipality__cbs_code", "municipality")


class ExerciseResource(RegisterResource):
    municipality = fk("municipality", Municipality, "cbs_code")

    class Meta:
        model = Exercise
        fields = ("municipality", "title", "scenario", "held_on", "participant_roles", "status",
                  "runs", "seed", "notes", *PROVENANCE)
        import_id_fields = ("municipality", "title")


class _PartOfExercise(RegisterResource):
    municipality = helper("municipality", "exercise__municipality__cbs_code")
    exercise = fk("exercise", Exercise, "title", IN_MUNICIPALITY)


class InjectResource(_PartOfExercise):
    class Meta:
        model = Inject
        fields = ("id", "municipality", "exercise", "hour", "role", "text", "expected_action",
                  "sector", "effect_id", *PROVENANCE)


class ObservationResource(_PartOfExercise):
    class Meta:
        model = Observation
        fields = ("id", "municipality", "exercise", "hour", "role", "text", *PROVENANCE)


class LessonResource(_PartOfExercise):
    class Meta:
        model = Lesson
        fields = ("id", "municipality", "exercise", "text", *PROVENANCE)
