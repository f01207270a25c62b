"""CSV/XLSX resources for support points, their status history and key holders.

A support point is found by its name within its community (`community` slug, optionally
narrowed by `municipality` CBS code).
"""

from weerbaar.core.imports.resources import RegisterResource
from weerbaar.core.imports.widgets import Context, fk, helper
from weerbaar.places.models import Community
from weerbaar.supportpoints.models import KeyHolder, StatusSnapshot, SupportPoint

PROVENANCE = ("source", "source_url", "confidence", "is_fictitious")
FACILITIES = tuple(name for name in SupportPoint.FACILITY_FIELDS if name != "backup_power")
POINT_CONTEXT = (Context("community__slug", "community"),
                 Context("community__municipality__cbs_code", "municipality"))


class SupportPointResource(RegisterResource):
    municipality = helper("municipality", "community__municipality__cbs_code")
    community = fk("community", Community, "slug", Context("municipality__cbs_code", "municipality"))

    class Meta:
        model = SupportPoint
        fields = ("municipality", "community", "name", "building", "address", "latitude",
                  "longitude", "status", "capacity_per_day", "backup_power",
                  "backup_autonomy_hours", *FACILITIES,
                  "activation_protocol", "last_exercised_on", *PROVENANCE)
        import_id_fields = ("community", "name")


class StatusSnapshotResource(RegisterResource):
    """Status moments have no natural key: leave `id` empty for a new one."""

    municipality = helper("municipality", "support_point__community__municipality__cbs_code")
    community = helper("community", "support_point__community__slug")
    support_point = fk("support_point", SupportPoint, "name", *POINT_CONTEXT)

    class Meta:
        model = StatusSnapshot
        fields = ("id", "municipality", "community", "support_point", "status", "on", "note")
        import_id_fields = ("id",)


class KeyHolderResource(RegisterResource):
    municipality = helper("municipality", "support_point__community__municipality__cbs_code")
    community = helper("community", "support_point__community__slug")
    support_point = fk("support_point", SupportPoint, "name", *POINT_CONTEXT)

    class Meta:
        model = KeyHolder
        fields = ("municipality", "community", "support_point", "name", "phone",
                  "reach_without_phone", "purpose", "consent_on", *PROVENANCE)
        import_id_fields = ("support_point", "name")
