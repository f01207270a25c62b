"""CSV/XLSX resources for programme lines, subgoals, the glossary and role cards.

A programme line is found by its number (I–IV) and a glossary version by its number, both
within the municipality given in the `municipality` column (CBS code).
"""

from weerbaar.core.imports.resources import RegisterResource
from weerbaar.core.imports.widgets import Context, fk, helper
from weerbaar.network.models import Organisation
from weerbaar.places.models import Municipality
from weerbaar.programme.models import (
    GlossaryEndorsement,
    GlossaryTerm,
    GlossaryVersion,
    ProgrammeLine,
    RoleCard,
    Subgoal,
)

PROVENANCE = ("source", "source_url", "confidence", "is_fictitious")
IN_MUNICIPALITY = Context("municipality__cbs_code", "municipality")


def version_field():
    return fk("version", GlossaryVersion, "number", IN_MUNICIPALITY)


def organisation_field():
    return fk("organisation", Organisation, "name", IN_MUNICIPALITY)


class ProgrammeLineResource(RegisterResource):
    municipality = fk("municipality", Municipality, "cbs_code")

    class Meta:
        model = ProgrammeLine
        fields = ("municipality", "number", "name", "main_goal", *PROVENANCE)
        import_id_fields = ("municipality", "number")


class SubgoalResource(RegisterResource):
    municipality = helper("municipality", "line__municipality__cbs_code")
    line = fk("line", ProgrammeLine, "number", IN_MUNICIPALITY)

    class Meta:
        model = Subgoal
        fields = ("municipality", "line", "code", "text", "target_share", "deadline",
                  "measured_by", "indicator", *PROVENANCE)
        import_id_fields = ("line", "code")


class GlossaryVersionResource(RegisterResource):
    municipality = fk("municipality", Municipality, "cbs_code")

    class Meta:
        model = GlossaryVersion
        fields = ("municipality", "number", "adopted_on", "adopted_by", *PROVENANCE)
        import_id_fields = ("municipality", "number")


class GlossaryTermResource(RegisterResource):
    municipality = helper("municipality", "version__municipality__cbs_code")
    version = version_field()

    class Meta:
        model = GlossaryTerm
        fields = ("municipality", "version", "term", "definition", *PROVENANCE)
        import_id_fields = ("version", "term")


class GlossaryEndorsementResource(RegisterResource):
    municipality = helper("municipality", "version__municipality__cbs_code")
    version = version_field()
    organisation = organisation_field()

    class Meta:
        model = GlossaryEndorsement
        fields = ("municipality", "version", "organisation", "endorsed_on", *PROVENANCE)
        import_id_fields = ("version", "organisation")


class RoleCardResource(RegisterResource):
    municipality = helper("municipality", "organisation__municipality__cbs_code")
    organisation = organisation_field()

    class Meta:
        model = RoleCard
        fields = ("municipality", "organisation", "title", "tasks", "acknowledged_on",
                  *PROVENANCE)
        import_id_fields = ("organisation", "title")
