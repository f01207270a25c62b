"""Admin for the programme structure (plan, lines, subgoals, actions, projects, roles, calendar,
budget, report texts), the glossary (begrippenkader) and role cards."""

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
    ActionLine,
    BudgetLine,
    EvaluationMoment,
    GlossaryEndorsement,
    GlossaryTerm,
    GlossaryVersion,
    LinkedProject,
    ProgrammeLine,
    ProgrammePlan,
    ProgrammeRole,
    ReportSection,
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


@admin.register(ProgrammePlan)
class ProgrammePlanAdmin(RegisterAdmin):
    list_display = ("title", "municipality", "starts_on", "ends_on", "confidence")
    list_filter = ("municipality",)
    list_select_related = ("municipality",)
    search_fields = ("title", "aim")
    autocomplete_fields = ("municipality",)
    fieldsets = (
        (None, {"fields": ("municipality", "title", "aim", "starts_on", "ends_on")}),
        provenance_fieldset(),
    )


@admin.register(ActionLine)
class ActionLineAdmin(RegisterAdmin):
    list_display = ("short_text", "line", "period", "owner", "status", "confidence")
    list_filter = ("status", "period", "line")
    list_select_related = ("line",)
    list_editable = ("status",)
    search_fields = ("text", "owner", "period")
    autocomplete_fields = ("line", "organisation", "subgoals")
    fieldsets = (
        (None, {"fields": ("line", "period", "position", "text", "status")}),
        (_("Uitvoering"), {"fields": ("owner", "organisation", "subgoals")}),
        provenance_fieldset(),
    )

    @admin.display(description=_("actie"), ordering="text")
    def short_text(self, obj):
        return obj.text if len(obj.text) <= 90 else obj.text[:89] + "…"


@admin.register(LinkedProject)
class LinkedProjectAdmin(RegisterAdmin):
    list_display = ("name", "responsible_team", "status", "municipality", "confidence")
    list_filter = ("status", "municipality", "lines")
    list_select_related = ("municipality",)
    search_fields = ("name", "description", "responsible_team")
    autocomplete_fields = ("municipality", "lines")
    fieldsets = (
        (None, {"fields": ("municipality", "name", "description", "responsible_team", "status",
                           "lines")}),
        provenance_fieldset(),
    )


@admin.register(ProgrammeRole)
class ProgrammeRoleAdmin(RegisterAdmin):
    list_display = ("name", "holder", "municipality", "position")
    list_filter = ("municipality",)
    list_select_related = ("municipality",)
    search_fields = ("name", "holder", "responsibilities")
    autocomplete_fields = ("municipality",)
    fieldsets = (
        (None, {"fields": ("municipality", "name", "holder", "responsibilities", "position")}),
        provenance_fieldset(),
    )


@admin.register(EvaluationMoment)
class EvaluationMomentAdmin(RegisterAdmin):
    list_display = ("kind", "planned_period", "planned_on", "audience", "done_on", "municipality")
    list_filter = ("kind", "audience", "municipality")
    list_select_related = ("municipality",)
    search_fields = ("description", "planned_period")
    autocomplete_fields = ("municipality",)
    fieldsets = (
        (None, {"fields": ("municipality", "kind", "description", "report_kind")}),
        (_("Planning"), {"fields": ("planned_period", "planned_on", "audience", "done_on")}),
        provenance_fieldset(),
    )


@admin.register(BudgetLine)
class BudgetLineAdmin(RegisterAdmin):
    list_display = ("topic", "year", "kind", "budgeted", "committed", "spent", "confidence")
    list_filter = ("year", "kind", "municipality")
    list_select_related = ("municipality",)
    search_fields = ("topic", "note")
    autocomplete_fields = ("municipality", "line")
    fieldsets = (
        (None, {"fields": ("municipality", "year", "topic", "kind", "line")}),
        (_("Bedragen"), {"fields": ("budgeted", "committed", "spent", "note")}),
        provenance_fieldset(),
    )


@admin.register(ReportSection)
class ReportSectionAdmin(RegisterAdmin):
    list_display = ("__str__", "report_kind", "report_year", "line", "position", "municipality")
    list_filter = ("report_kind", "report_year", "heading", "line")
    list_select_related = ("municipality", "line")
    search_fields = ("title", "text")
    autocomplete_fields = ("municipality", "line")
    fieldsets = (
        (None, {"fields": ("municipality", "report_kind", "report_year", "line", "heading",
                           "title", "position", "text")}),
        provenance_fieldset(),
    )
