"""Admin for vital processes, providers, assets, vulnerable locations, dependencies and
continuity plans. Lists of assets and locations show their plan's status: Actueel, Verlopen
or Ontbreekt (no plan)."""

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib import admin
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.core.admin import RegisterAdmin, ScopedInlineMixin, provenance_fieldset
from weerbaar.vital.importers import (
    ContinuityMeasureResource,
    ContinuityPlanResource,
    DependencyResource,
    VitalAssetResource,
    VitalProcessResource,
    VitalProviderResource,
    VulnerableLocationResource,
)
from weerbaar.vital.models import (
    ContinuityMeasure,
    ContinuityPlan,
    Dependency,
    VitalAsset,
    VitalProcess,
    VitalProvider,
    VulnerableLocation,
)

Status = ContinuityPlan.Status
ACKNOWLEDGED = (_("Erkend door de aanbieder (III-2)"),
                {"fields": ("acknowledged_on", "acknowledged_by")})


def plan_status_label(plan) -> str:
    return str(Status(plan.status).label) if plan is not None else str(Status.MISSING.label)


def current_plans(prefix: str = "") -> Q:
    """Plans reviewed within the currency window and not past their own review date
    (the query twin of ContinuityPlan.status_on)."""
    today = timezone.localdate()
    since = today - relativedelta(months=settings.WEERBAAR_CURRENCY_MONTHS)
    return (Q(**{f"{prefix}last_reviewed_on__gte": since})
            & (Q(**{f"{prefix}next_review_on__isnull": True})
               | Q(**{f"{prefix}next_review_on__gte": today})))


class PlanStatusFilter(admin.SimpleListFilter):
    title = _("continuïteitsplan")
    parameter_name = "plan"
    prefix = "continuity_plan__"  # "" on the plans themselves
    allow_missing = True

    def lookups(self, request, model_admin):
        choices = [(Status.CURRENT, Status.CURRENT.label), (Status.OVERDUE, Status.OVERDUE.label)]
        if self.allow_missing:
            choices.append((Status.MISSING, Status.MISSING.label))
        return choices

    def queryset(self, request, queryset):
        value = self.value()
        current = current_plans(self.prefix)
        if value == Status.CURRENT:
            return queryset.filter(current)
        if value == Status.OVERDUE:
            exists = Q(**{f"{self.prefix}isnull": False}) if self.prefix else Q()
            return queryset.filter(exists).exclude(current)
        if value == Status.MISSING and self.allow_missing:
            return queryset.filter(**{f"{self.prefix}isnull": True})
        return queryset


class OwnPlanStatusFilter(PlanStatusFilter):
    prefix = ""
    allow_missing = False


class PlanStatusColumn:
    @admin.display(description=_("continuïteitsplan"))
    def plan_status(self, obj):
        return plan_status_label(getattr(obj, "continuity_plan", None))


class DependencyInline(ScopedInlineMixin, admin.TabularInline):
    model = Dependency
    extra = 0
    fields = ("service", "backup_kind", "autonomy_hours", "autonomy_hours_max", "note",
              "confidence")


class AssetDependencyInline(DependencyInline):
    fk_name = "asset"


class LocationDependencyInline(DependencyInline):
    fk_name = "vulnerable_location"


class WithDependencies:
    """Dependencies are added once the asset or location exists: Dependency.clean() needs
    the saved subject."""

    def get_inlines(self, request, obj):
        return super().get_inlines(request, obj) if obj is not None else []


class ContinuityMeasureInline(ScopedInlineMixin, admin.TabularInline):
    model = ContinuityMeasure
    extra = 0
    fields = ("kind", "description", "owner")


@admin.register(VitalProcess)
class VitalProcessAdmin(RegisterAdmin):
    resource_classes = [VitalProcessResource]
    list_display = ("name", "category", "municipality", "owner", "plan_status", "confidence")
    list_filter = ("category", "municipality")
    list_select_related = ("municipality", "continuity_plan")
    search_fields = ("name", "description", "owner")
    autocomplete_fields = ("municipality",)
    fieldsets = (
        (None, {"fields": ("category", "municipality", "name", "description", "owner")}),
        provenance_fieldset(),
    )

    @admin.display(description=_("continuïteitsplan"))
    def plan_status(self, obj):
        if not obj.is_internal:
            return "—"
        return plan_status_label(getattr(obj, "continuity_plan", None))


@admin.register(VitalProvider)
class VitalProviderAdmin(RegisterAdmin):
    resource_classes = [VitalProviderResource]
    list_display = ("organisation", "process_names", "confidence")
    list_filter = ("processes",)
    list_select_related = ("organisation",)
    search_fields = ("organisation__name",)
    autocomplete_fields = ("organisation",)
    filter_horizontal = ("processes",)
    fieldsets = (
        (None, {"fields": ("organisation", "processes", "emergency_contact")}),
        provenance_fieldset(),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("processes")

    @admin.display(description=_("vitale processen"))
    def process_names(self, obj):
        return ", ".join(process.name for process in obj.processes.all())


@admin.register(VitalAsset)
class VitalAssetAdmin(WithDependencies, PlanStatusColumn, RegisterAdmin):
    resource_classes = [VitalAssetResource]
    list_display = ("name", "provides", "community", "provider", "process", "acknowledged_on",
                    "plan_status", "confidence")
    list_filter = ("provides", PlanStatusFilter, "community", "process")
    list_select_related = ("community", "provider__organisation", "process", "continuity_plan")
    search_fields = ("name", "description", "address", "provider__organisation__name")
    autocomplete_fields = ("municipality", "community", "provider", "process")
    inlines = [AssetDependencyInline]
    fieldsets = (
        (None, {"fields": ("municipality", "community", "name", "provider", "process",
                           "provides", "description")}),
        (_("Locatie"), {"fields": ("address", "latitude", "longitude")}),
        ACKNOWLEDGED,
        provenance_fieldset(),
    )


@admin.register(VulnerableLocation)
class VulnerableLocationAdmin(WithDependencies, PlanStatusColumn, RegisterAdmin):
    resource_classes = [VulnerableLocationResource]
    list_display = ("name", "kind", "community", "operator", "residents", "backup_power",
                    "acknowledged_on", "plan_status", "confidence")
    list_filter = ("kind", PlanStatusFilter, "community", "backup_power")
    list_select_related = ("community", "operator", "continuity_plan")
    search_fields = ("name", "address", "operator__name")
    autocomplete_fields = ("community", "operator")
    inlines = [LocationDependencyInline]
    fieldsets = (
        (None, {"fields": ("community", "operator", "name", "kind", "address")}),
        (_("Bewoners (alleen aantallen)"), {
            "fields": ("residents", "share_reduced_self_reliance", "share_not_self_reliant")}),
        (_("Bij een verstoring"), {"fields": ("backup_power", "backup_autonomy_hours",
                                              "contact")}),
        (_("Kaart"), {"fields": ("latitude", "longitude"), "classes": ("collapse",)}),
        ACKNOWLEDGED,
        provenance_fieldset(),
    )


@admin.register(Dependency)
class DependencyAdmin(RegisterAdmin):
    resource_classes = [DependencyResource]
    list_display = ("__str__", "service", "backup_kind", "autonomy_hours", "autonomy_hours_max",
                    "confidence")
    list_filter = ("service", "backup_kind")
    list_select_related = ("asset", "vulnerable_location")
    search_fields = ("asset__name", "vulnerable_location__name", "note")
    autocomplete_fields = ("asset", "vulnerable_location")
    fieldsets = (
        (_("Wie (kies er precies één)"), {"fields": ("asset", "vulnerable_location")}),
        (None, {"fields": ("service", "backup_kind", "autonomy_hours", "autonomy_hours_max",
                           "note")}),
        provenance_fieldset(),
    )


@admin.register(ContinuityPlan)
class ContinuityPlanAdmin(RegisterAdmin):
    resource_classes = [ContinuityPlanResource]
    list_display = ("title", "subject_name", "owner", "version", "last_reviewed_on",
                    "next_review_on", "plan_status", "confidence")
    list_filter = (OwnPlanStatusFilter, "owner")
    list_select_related = ("asset", "vulnerable_location", "process", "owner")
    search_fields = ("title", "asset__name", "vulnerable_location__name", "process__name",
                     "owner__name")
    autocomplete_fields = ("asset", "vulnerable_location", "process", "owner")
    inlines = [ContinuityMeasureInline]
    fieldsets = (
        (_("Waarvoor (kies er precies één)"),
         {"fields": ("asset", "vulnerable_location", "process")}),
        (None, {"fields": ("owner", "title", "version", "last_reviewed_on", "next_review_on")}),
        provenance_fieldset(),
    )

    @admin.display(description=_("voor"))
    def subject_name(self, obj):
        return str(obj.subject or "—")

    @admin.display(description=_("status"))
    def plan_status(self, obj):
        return plan_status_label(obj)


@admin.register(ContinuityMeasure)
class ContinuityMeasureAdmin(RegisterAdmin):
    resource_classes = [ContinuityMeasureResource]
    list_display = ("__str__", "plan", "kind", "owner")
    list_filter = ("kind",)
    list_select_related = ("plan",)
    search_fields = ("description", "owner", "plan__title")
    autocomplete_fields = ("plan",)
