"""Admin for municipalities, communities (kernen), neighbourhoods and population figures."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from weerbaar.core.admin import RegisterAdmin, provenance_fieldset
from weerbaar.places.importers import (
    CommunityResource,
    MunicipalityResource,
    NeighbourhoodResource,
    PopulationStatisticResource,
)
from weerbaar.places.models import Community, Municipality, Neighbourhood, PopulationStatistic


@admin.register(Municipality)
class MunicipalityAdmin(RegisterAdmin):
    resource_classes = [MunicipalityResource]
    list_display = ("name", "cbs_code", "safety_region", "confidence")
    list_filter = ("safety_region",)
    search_fields = ("name", "cbs_code")
    fieldsets = (
        (None, {"fields": ("name", "cbs_code", "safety_region")}),
        (_("Kaart"), {"fields": ("geometry",), "classes": ("collapse",)}),
        provenance_fieldset(),
    )


@admin.register(Community)
class CommunityAdmin(RegisterAdmin):
    resource_classes = [CommunityResource]
    list_display = ("name", "slug", "municipality", "postcodes", "confidence")
    list_filter = ("municipality",)
    list_select_related = ("municipality",)
    search_fields = ("name", "slug", "postcodes")
    autocomplete_fields = ("municipality",)
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = (
        (None, {"fields": ("municipality", "name", "slug", "postcodes")}),
        (_("Kaart"), {"fields": ("latitude", "longitude", "geometry"), "classes": ("collapse",)}),
        provenance_fieldset(),
    )


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(RegisterAdmin):
    resource_classes = [NeighbourhoodResource]
    list_display = ("name", "cbs_code", "community", "confidence")
    list_filter = ("community",)
    list_select_related = ("community",)
    search_fields = ("name", "cbs_code", "community__name")
    autocomplete_fields = ("community",)
    fieldsets = (
        (None, {"fields": ("community", "cbs_code", "name")}),
        (_("Kaart"), {"fields": ("geometry",), "classes": ("collapse",)}),
        provenance_fieldset(),
    )


@admin.register(PopulationStatistic)
class PopulationStatisticAdmin(RegisterAdmin):
    resource_classes = [PopulationStatisticResource]
    list_display = ("__str__", "year", "inhabitants", "aged_65_plus", "aged_80_plus", "households",
                    "confidence")
    list_filter = ("year", "municipality", "community")
    list_select_related = ("municipality", "community", "neighbourhood")
    search_fields = ("community__name", "neighbourhood__name", "neighbourhood__cbs_code",
                     "municipality__name")
    autocomplete_fields = ("municipality", "community", "neighbourhood")
    fieldsets = (
        (_("Gebied (kies er precies één)"),
         {"fields": ("municipality", "community", "neighbourhood")}),
        (_("Cijfers"), {"fields": ("year", "inhabitants", "aged_0_14", "aged_65_plus",
                                   "aged_80_plus", "households", "single_person_households")}),
        provenance_fieldset(),
    )
