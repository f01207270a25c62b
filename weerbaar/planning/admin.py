"""Admin for the planning registers: candidate sites and the municipality's planning norms.

Demand points and vulnerability scores are imported as whole sets (CBS files, CBS Kerncijfers,
demo) and are shown on the planning page, not edited one by one.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from weerbaar.core.admin import RegisterAdmin, provenance_fieldset
from weerbaar.planning.importers import CandidateSiteResource, PlanningNormResource
from weerbaar.planning.models import CandidateSite, PlanningNorm


@admin.register(CandidateSite)
class CandidateSiteAdmin(RegisterAdmin):
    resource_classes = [CandidateSiteResource]
    list_display = ("name", "community", "status", "capacity", "confidence", "is_fictitious")
    list_filter = ("status", "municipality", "community")
    list_select_related = ("community",)
    search_fields = ("name", "address", "community__name")
    autocomplete_fields = ("municipality", "community", "support_point")
    fieldsets = (
        (None, {"fields": ("municipality", "community", "name", "address", "status", "capacity",
                           "support_point", "note")}),
        (_("Kaart"), {"fields": ("latitude", "longitude")}),
        provenance_fieldset(),
    )


@admin.register(PlanningNorm)
class PlanningNormAdmin(RegisterAdmin):
    resource_classes = [PlanningNormResource]
    list_display = ("municipality", "people_per_point", "max_distance_m", "detour_factor",
                    "point_count")
    autocomplete_fields = ("municipality",)
    fieldsets = (
        (None, {"fields": ("municipality", "people_per_point", "point_count", "max_distance_m",
                           "detour_factor", "vulnerability_weight"),
                "description": _("Dit zijn eigen instellingen van de gemeente, geen officiële "
                                 "normen: landelijke normen voor afstand en omvang zijn er nog "
                                 "niet.")}),
        provenance_fieldset(),
    )
