"""CSV/XLSX resources for vital processes, providers, assets, vulnerable locations,
dependencies and continuity plans.

Related records by name: a process, an organisation (provider, operator, owner), an asset or
a vulnerable location. The optional column `municipality` (CBS code) narrows every lookup
when two municipalities use the same name; national (NCTV) processes match in any municipality.
"""

from import_export.fields import Field

from weerbaar.core.imports.resources import RegisterResource
from weerbaar.core.imports.widgets import Context, NaturalKeyManyWidget, fk, helper
from weerbaar.network.models import Organisation
from weerbaar.places.models import Community, Municipality
from weerbaar.vital.models import (
    ContinuityMeasure,
    ContinuityPlan,
    Dependency,
    VitalAsset,
    VitalProcess,
    VitalProvider,
    VulnerableLocation,
)

PROVENANCE = ("source", "source_url", "confidence", "is_fictitious")
ACKNOWLEDGED = ("acknowledged_on", "acknowledged_by")
IN_MUNICIPALITY = Context("municipality__cbs_code", "municipality")
PROCESS_CONTEXT = Context("municipality__cbs_code", "municipality", allow_null=True)
LOCATION_CONTEXT = Context("community__municipality__cbs_code", "municipality")
PROVIDER_CONTEXT = Context("organisation__municipality__cbs_code", "municipality")


def subject_municipality(subject) -> str:
    """CBS code of the municipality an asset, location or process belongs to."""
    if subject is None:
        return ""
    municipality = getattr(subject, "municipality", None)
    if municipality is None and getattr(subject, "community", None) is not None:
        municipality = subject.community.municipality
    return municipality.cbs_code if municipality is not None else ""


class VitalProcessResource(RegisterResource):
    """Leave municipality empty for the national (NCTV) list; fill it for internal processes."""

    municipality = fk("municipality", Municipality, "cbs_code")

    class Meta:
        model = VitalProcess
        fields = ("municipality", "name", "category", "description", "owner", *PROVENANCE)
        import_id_fields = ("municipality", "name")


class VitalProviderResource(RegisterResource):
    """processes: names of vital processes separated by semicolons."""

    municipality = helper("municipality", "organisation__municipality__cbs_code")
    organisation = fk("organisation", Organisation, "name", IN_MUNICIPALITY)
    processes = Field(attribute="processes", column_name="processes",
                      widget=NaturalKeyManyWidget(VitalProcess, "name"))

    class Meta:
        model = VitalProvider
        fields = ("municipality", "organisation", "processes", "emergency_contact", *PROVENANCE)
        import_id_fields = ("organisation",)


class VitalAssetResource(RegisterResource):
    municipality = fk("municipality", Municipality, "cbs_code")
    community = fk("community", Community, "slug", IN_MUNICIPALITY)
    provider = fk("provider", VitalProvider, "organisation__name", PROVIDER_CONTEXT)
    process = fk("process", VitalProcess, "name", PROCESS_CONTEXT)

    class Meta:
        model = VitalAsset
        fields = ("municipality", "name", "community", "provider", "process", "provides",
                  "description", "address", "latitude", "longitude", *ACKNOWLEDGED, *PROVENANCE)
        import_id_fields = ("municipality", "name")


class VulnerableLocationResource(RegisterResource):
    """A location is identified by its community and name; counts only, never residents."""

    municipality = helper("municipality", "community__municipality__cbs_code")
    community = fk("community", Community, "slug", IN_MUNICIPALITY)
    operator = fk("operator", Organisation, "name", IN_MUNICIPALITY)

    class Meta:
        model = VulnerableLocation
        fields = ("municipality", "community", "name", "kind", "operator", "address", "latitude",
                  "longitude", "residents", "share_reduced_self_reliance",
                  "share_not_self_reliant", "backup_power", "backup_autonomy_hours", "contact",
                  *ACKNOWLEDGED, *PROVENANCE)
        import_id_fields = ("community", "name")


class DependencyResource(RegisterResource):
    """Fill either asset or vulnerable_location; one row per service it needs."""

    municipality = helper("municipality")
    asset = fk("asset", VitalAsset, "name", IN_MUNICIPALITY)
    vulnerable_location = fk("vulnerable_location", VulnerableLocation, "name", LOCATION_CONTEXT)

    class Meta:
        model = Dependency
        fields = ("municipality", "asset", "vulnerable_location", "service", "backup_kind",
                  "autonomy_hours", "autonomy_hours_max", "note", *PROVENANCE)
        import_id_fields = ("asset", "vulnerable_location", "service")

    def dehydrate_municipality(self, dependency):
        return subject_municipality(dependency.asset or dependency.vulnerable_location)


class ContinuityPlanResource(RegisterResource):
    """Fill exactly one of asset, vulnerable_location or process: the plan's subject."""

    municipality = helper("municipality")
    asset = fk("asset", VitalAsset, "name", IN_MUNICIPALITY)
    vulnerable_location = fk("vulnerable_location", VulnerableLocation, "name", LOCATION_CONTEXT)
    process = fk("process", VitalProcess, "name", PROCESS_CONTEXT)
    owner = fk("owner", Organisation, "name", IN_MUNICIPALITY)

    class Meta:
        model = ContinuityPlan
        fields = ("municipality", "asset", "vulnerable_location", "process", "owner", "title",
                  "version", "last_reviewed_on", "next_review_on", *PROVENANCE)
        import_id_fields = ("asset", "vulnerable_location", "process")

    def dehydrate_municipality(self, plan):
        return subject_municipality(plan.subject)


class ContinuityMeasureResource(RegisterResource):
    """Measures have no natural key: leave `id` empty for a new one. The plan by its title."""

    plan = fk("plan", ContinuityPlan, "title")

    class Meta:
        model = ContinuityMeasure
        fields = ("id", "plan", "kind", "description", "owner")
        import_id_fields = ("id",)
