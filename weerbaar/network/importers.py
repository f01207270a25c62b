"""CSV/XLSX resources for the social fabric.

Organisations are found by name, communities by short name (slug); the optional column
`municipality` (CBS code) narrows both when several municipalities share a name.
"""

from weerbaar.core.imports.resources import RegisterResource
from weerbaar.core.imports.widgets import Context, fk, helper
from weerbaar.network.models import (
    HelpService,
    InformalNetwork,
    KeyFigure,
    Organisation,
    Publication,
)
from weerbaar.places.models import Community, Municipality

PROVENANCE = ("source", "source_url", "confidence", "is_fictitious")
IN_MUNICIPALITY = Context("municipality__cbs_code", "municipality")


def community_field():
    return fk("community", Community, "slug", IN_MUNICIPALITY)


def organisation_field(attribute: str = "organisation"):
    return fk(attribute, Organisation, "name", IN_MUNICIPALITY)


class OrganisationResource(RegisterResource):
    municipality = fk("municipality", Municipality, "cbs_code")

    class Meta:
        model = Organisation
        fields = ("municipality", "name", "kind", "description", "website", "public_phone",
                  "public_email", "address", "is_partner", "integral_task_documented_on",
                  "integral_task_evidence", *PROVENANCE)
        import_id_fields = ("municipality", "name")


class HelpServiceResource(RegisterResource):
    municipality = helper("municipality", "organisation__municipality__cbs_code")
    organisation = organisation_field()
    community = community_field()

    class Meta:
        model = HelpService
        fields = ("municipality", "organisation", "name", "community", "description", "for_whom",
                  "location_name", "address", "latitude", "longitude", "phone", "email", "url",
                  "hours", "languages", "is_published", *PROVENANCE)
        import_id_fields = ("organisation", "name")


class InformalNetworkResource(RegisterResource):
    municipality = helper("municipality", "community__municipality__cbs_code")
    community = community_field()
    contact_organisation = organisation_field("contact_organisation")

    class Meta:
        model = InformalNetwork
        fields = ("municipality", "community", "name", "kind", "approximate_size",
                  "contact_organisation", "description", "mapped_on", *PROVENANCE)
        import_id_fields = ("community", "name")


class KeyFigureResource(RegisterResource):
    """Includes the private contact fields: only roles allowed to see them may export
    (the admin refuses the others) or import (programme office)."""

    municipality = helper("municipality", "community__municipality__cbs_code")
    community = community_field()

    class Meta:
        model = KeyFigure
        fields = ("municipality", "community", "name", "role", "reach_without_phone",
                  "public_channel", "phone", "email", "address", "purpose", "consent_on",
                  "role_confirmed_on", "is_active", "ended_on", *PROVENANCE)
        import_id_fields = ("community", "name")


class PublicationResource(RegisterResource):
    municipality = helper("municipality", "community__municipality__cbs_code")
    community = community_field()

    class Meta:
        model = Publication
        fields = ("municipality", "community", "kind", "published_on", "title", "url",
                  *PROVENANCE)
        import_id_fields = ("community", "kind", "published_on")
