"""CSV/XLSX resources for candidate sites and planning norms (natural keys: municipality code
and the site's name)."""

from weerbaar.core.imports.resources import RegisterResource
from weerbaar.core.imports.widgets import Context, fk
from weerbaar.places.models import Community, Municipality
from weerbaar.planning.models import CandidateSite, PlanningNorm
from weerbaar.supportpoints.importers import POINT_CONTEXT
from weerbaar.supportpoints.models import SupportPoint

PROVENANCE = ("source", "source_url", "confidence", "is_fictitious")


class CandidateSiteResource(RegisterResource):
    municipality = fk("municipality", Municipality, "cbs_code")
    community = fk("community", Community, "slug", Context("municipality__cbs_code", "municipality"))
    support_point = fk("support_point", SupportPoint, "name", *POINT_CONTEXT)

    class Meta:
        model = CandidateSite
        fields = ("municipality", "community", "name", "address", "latitude", "longitude", "status",
                  "capacity", "note", "support_point", *PROVENANCE)
        import_id_fields = ("municipality", "name")


class PlanningNormResource(RegisterResource):
    municipality = fk("municipality", Municipality, "cbs_code")

    class Meta:
        model = PlanningNorm
        fields = ("municipality", "people_per_point", "max_distance_m", "detour_factor",
                  "vulnerability_weight", "point_count", *PROVENANCE)
        import_id_fields = ("municipality",)
