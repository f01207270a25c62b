"""Admin for exercises, their injects, observations and lessons (issue 5).

The exercise page in the workspace is where staff generate injects and record observations
and lessons; the admin is for corrections and bulk edits. Authors and the programme action
made from a lesson are shown, never typed.
"""

from django.contrib import admin

from weerbaar.core.admin import RegisterAdmin, ScopedInlineMixin, provenance_fieldset
from weerbaar.scenarios.importers import (
    ExerciseResource,
    InjectResource,
    LessonResource,
    ObservationResource,
)
from weerbaar.scenarios.models import Exercise, Inject, Lesson, Observation


class InjectInline(ScopedInlineMixin, admin.TabularInline):
    model = Inject
    extra = 0
    fields = ("hour", "role", "text", "expected_action")


@admin.register(Exercise)
class ExerciseAdmin(RegisterAdmin):
    resource_classes = [ExerciseResource]
    list_display = ("title", "municipality", "scenario", "held_on", "status", "is_fictitious")
    list_filter = ("municipality", "status", "scenario")
    list_select_related = ("municipality",)
    search_fields = ("title", "scenario")
    inlines = [InjectInline]
    fieldsets = ((None, {"fields": ("municipality", "title", "scenario", "held_on",
                                    "participant_roles", "status", "runs", "seed", "notes")}),
                 provenance_fieldset())


@admin.register(Inject)
class InjectAdmin(RegisterAdmin):
    resource_classes = [InjectResource]
    list_display = ("exercise", "hour", "role", "text")
    list_filter = ("role", "exercise")
    list_select_related = ("exercise",)
    search_fields = ("text", "expected_action")
    fieldsets = ((None, {"fields": ("exercise", "hour", "role", "text", "expected_action",
                                    "sector", "effect_id")}), provenance_fieldset())


@admin.register(Observation)
class ObservationAdmin(RegisterAdmin):
    resource_classes = [ObservationResource]
    list_display = ("exercise", "hour", "role", "text", "author", "created_at")
    list_filter = ("role", "exercise")
    list_select_related = ("exercise", "author")
    search_fields = ("text",)
    readonly_fields = ("author", "created_at")
    fieldsets = ((None, {"fields": ("exercise", "hour", "role", "text", "author", "created_at")}),
                 provenance_fieldset())


@admin.register(Lesson)
class LessonAdmin(RegisterAdmin):
    resource_classes = [LessonResource]
    list_display = ("exercise", "text", "action", "author", "created_at")
    list_filter = ("exercise",)
    list_select_related = ("exercise", "action", "author")
    search_fields = ("text",)
    readonly_fields = ("action", "author", "created_at")
    fieldsets = ((None, {"fields": ("exercise", "text", "action", "author", "created_at")}),
                 provenance_fieldset())
