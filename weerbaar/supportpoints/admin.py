"""Admin for support points (noodsteunpunten), their status history and key holders.

Key holders are personal data: their inline and admin appear only for roles that
accounts.roles gives access to supportpoints.keyholder (Django leaves out inlines without
permission). The status history is read-only inside a support point.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from weerbaar.core.admin import ReadOnlyInlineMixin, RegisterAdmin, ScopedInlineMixin, provenance_fieldset
from weerbaar.supportpoints.importers import (
    KeyHolderResource,
    StatusSnapshotResource,
    SupportPointResource,
)
from weerbaar.supportpoints.models import KeyHolder, StatusSnapshot, SupportPoint


class KeyHolderInline(ScopedInlineMixin, admin.TabularInline):
    model = KeyHolder
    extra = 0
    fields = ("name", "phone", "reach_without_phone", "consent_on")


class StatusSnapshotInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = StatusSnapshot
    fields = ("on", "status", "note")
    readonly_fields = fields
    verbose_name_plural = _("statusgeschiedenis")


@admin.register(SupportPoint)
class SupportPointAdmin(RegisterAdmin):
    resource_classes = [SupportPointResource]
    list_display = ("name", "community", "status", "capacity_per_day", "backup_power",
                    "last_exercised_on", "confidence", "is_fictitious")
    list_filter = ("status", "community", "backup_power", "drinking_water",
                   "wheelchair_accessible")
    list_select_related = ("community",)
    search_fields = ("name", "building", "address", "community__name")
    autocomplete_fields = ("community",)
    inlines = [KeyHolderInline, StatusSnapshotInline]
    fieldsets = (
        (None, {"fields": ("community", "name", "building", "address", "status",
                           "capacity_per_day")}),
        (_("Voorzieningen (ja / nee / onbekend)"), {
            "fields": ("backup_power", "backup_autonomy_hours",
                       *(name for name in SupportPoint.FACILITY_FIELDS if name != "backup_power")),
        }),
        (_("Activering"), {"fields": ("activation_protocol", "last_exercised_on")}),
        (_("Kaart"), {"fields": ("latitude", "longitude"), "classes": ("collapse",)}),
        provenance_fieldset(),
    )


@admin.register(StatusSnapshot)
class StatusSnapshotAdmin(RegisterAdmin):
    resource_classes = [StatusSnapshotResource]
    list_display = ("support_point", "status", "on", "note")
    list_filter = ("status",)
    list_select_related = ("support_point__community",)
    search_fields = ("support_point__name", "note")
    autocomplete_fields = ("support_point",)
    date_hierarchy = "on"


@admin.register(KeyHolder)
class KeyHolderAdmin(RegisterAdmin):
    resource_classes = [KeyHolderResource]
    list_display = ("name", "support_point", "consent_on", "confidence", "is_fictitious")
    list_select_related = ("support_point__community",)
    search_fields = ("name", "support_point__name")
    autocomplete_fields = ("support_point",)
    fieldsets = (
        (None, {"fields": ("support_point", "name", "phone", "reach_without_phone")}),
        (_("Verwerking van persoonsgegevens"), {"fields": ("purpose", "consent_on")}),
        provenance_fieldset(),
    )
