"""CSV/XLSX resources for municipalities, communities, neighbourhoods and statistics.

Related records are written as natural keys: a municipality by its CBS code, a community by
its short name (slug) within the municipality, a neighbourhood by its CBS code.
"""

from weerbaar.core.imports.resources import RegisterResource
from weerbaar.core.imports.widgets import Context, fk, helper
from weerbaar.places.models import Community, Municipality, Neighbourhood, PopulationStatistic

PROVENANCE = ("source", "source_url", "confidence", "is_fictitious")
IN_MUNICIPALITY = Context("municipality__cbs_code", "municipality")


class MunicipalityResource(RegisterResource):
    class Meta:
        model = Municipality
        fields = ("cbs_code", "name", "slug", "safety_region", *PROVENANCE)
        import_id_fields = ("cbs_code",)


class CommunityResource(RegisterResource):
    municipality = fk("municipality", Municipality, "cbs_code")

    class Meta:
        model = Community
        fields = ("municipality", "slug", "name", "postcodes", "latitude", "longitude",
                  *PROVENANCE)
        import_id_fields = ("municipality", "slug")


class NeighbourhoodResource(RegisterResource):
    municipality = helper("municipality", "community__municipality__cbs_code")
    community = fk("community", Community, "slug", IN_MUNICIPALITY)

    class Meta:
        model = Neighbourhood
        fields = ("municipality", "community", "cbs_code", "name", *PROVENANCE)
        import_id_fields = ("cbs_code",)


class PopulationStatisticResource(RegisterResource):
    """One area per row: fill exactly one of municipality, community or neighbourhood."""

    municipality = fk("municipality", Municipality, "cbs_code")
    community_municipality = helper("community_municipality", "community__municipality__cbs_code")
    community = fk("community", Community, "slug",
                   Context("municipality__cbs_code", "community_municipality"))
    neighbourhood = fk("neighbourhood", Neighbourhood, "cbs_code")

    class Meta:
        model = PopulationStatistic
        fields = ("municipality", "community_municipality", "community", "neighbourhood", "year",
                  "inhabitants", "aged_0_14", "aged_65_plus", "aged_80_plus", "households",
                  "single_person_households", *PROVENANCE)
        import_id_fields = ("municipality", "community", "neighbourhood", "year")
