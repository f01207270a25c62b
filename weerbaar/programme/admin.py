"""Admin for programme lines, subgoals, the glossary (begrippenkader) and role cards."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from weerbaar.core.admin import RegisterAdmin, ScopedInlineMixin, provenance_fieldset
from weerbaar.programme.importers import (
    GlossaryEndorsementResource,
    GlossaryTermResource,
    GlossaryVersionResource,
    ProgrammeLineResource,
    RoleCardResource,
    SubgoalResource,
)
from weerbaar.programme.models import (
    GlossaryEndorsement,
    GlossaryTerm,
    GlossaryVersion,
    ProgrammeLine,
    RoleCard,
    Subgoal,
)


@admin.register(ProgrammeLine)
class ProgrammeLineAdmin(RegisterAdmin):
    resource_classes = [ProgrammeLineResource]
    list_display = ("__str__", "municipality", "confidence")
    list_filter = ("municipality",)
    list_select_related = ("municipality",)
    search_fields = ("number", "name", "main_goal")
    autocomplete_fields = ("municipality",)
    fieldsets = (
        (None, {"fields": ("municipality", "number", "name", "main_goal")}),
        provenance_fieldset(),
    )


@admin.register(Subgoal)
class SubgoalAdmin(RegisterAdmin):
    resource_classes = [SubgoalResource]
    list_display = ("code", "short_text", "line", "target_share", "deadline", "measured_by")
    list_filter = ("measured_by", "line")
    list_select_related = ("line",)
    search_fields = ("code", "text", "indicator")
    autocomplete_fields = ("line",)
    fieldsets = (
        (None, {"fields": ("line", "code", "text")}),
        (_("Meten"), {"fields": ("target_share", "deadline", "measured_by", "indicator")}),
        provenance_fieldset(),
    )

    @admin.display(description=_("subdoel"))
    def short_text(self, obj):
        return obj.text if len(obj.text) <= 90 else obj.text[:89] + "…"


class GlossaryTermInline(ScopedInlineMixin, admin.TabularInline):
    model = GlossaryTerm
    extra = 0
    fields = ("term", "definition", "confidence")


@admin.register(GlossaryVersion)
class GlossaryVersionAdmin(RegisterAdmin):
    resource_classes = [GlossaryVersionResource]
    list_display = ("__str__", "municipality", "adopted_on", "adopted_by", "term_count")
    list_filter = ("municipality",)
    list_select_related = ("municipality",)
    search_fields = ("number", "adopted_by")
    autocomplete_fields = ("municipality",)
    inlines = [GlossaryTermInline]
    fieldsets = (
        (None, {"fields": ("municipality", "number", "adopted_on", "adopted_by")}),
        provenance_fieldset(),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(term_total=Count("terms"))

    @admin.display(description=_("begrippen"), ordering="term_total")
    def term_count(self, obj):
        return obj.term_total


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(RegisterAdmin):
    resource_classes = [GlossaryTermResource]
    list_display = ("term", "version", "confidence")
    list_filter = ("version",)
    list_select_related = ("version",)
    search_fields = ("term", "definition")
    autocomplete_fields = ("version",)
    fieldsets = (
        (None, {"fields": ("version", "term", "definition")}),
        provenance_fieldset(),
    )


@admin.register(GlossaryEndorsement)
class GlossaryEndorsementAdmin(RegisterAdmin):
    resource_classes = [GlossaryEndorsementResource]
    list_display = ("organisation", "version", "endorsed_on", "confidence")
    list_filter = ("version",)
    list_select_related = ("organisation", "version")
    search_fields = ("organisation__name",)
    autocomplete_fields = ("version", "organisation")
    fieldsets = (
        (None, {"fields": ("version", "organisation", "endorsed_on")}),
        provenance_fieldset(),
    )


@admin.register(RoleCard)
class RoleCardAdmin(RegisterAdmin):
    resource_classes = [RoleCardResource]
    list_display = ("title", "organisation", "acknowledged_on", "confidence")
    list_filter = ("organisation",)
    list_select_related = ("organisation",)
    search_fields = ("title", "tasks", "organisation__name")
    autocomplete_fields = ("organisation",)
    fieldsets = (
        (None, {"fields": ("organisation", "title", "tasks", "acknowledged_on")}),
        provenance_fieldset(),
    )
