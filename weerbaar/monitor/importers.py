"""CSV/XLSX resources for the codebook (so an agency's codebook can be loaded from a
spreadsheet), and export-only resources for waves and respondents: those never go through a
generic register import, only through import_survey, which checks them against the codebook."""

from import_export import resources

from weerbaar.core.imports.resources import RegisterResource
from weerbaar.core.imports.widgets import Context, fk, helper
from weerbaar.monitor.models import (
    Codebook,
    CodebookAnswer,
    CodebookQuestion,
    SurveyResponse,
    SurveyWave,
)
from weerbaar.places.models import Municipality

PROVENANCE = ("source", "source_url", "confidence", "is_fictitious")
IN_MUNICIPALITY = Context("municipality__cbs_code", "municipality")


class CodebookResource(RegisterResource):
    municipality = fk("municipality", Municipality, "cbs_code")

    class Meta:
        model = Codebook
        fields = ("municipality", "name", "notes", *PROVENANCE)
        import_id_fields = ("municipality", "name")


class CodebookQuestionResource(RegisterResource):
    municipality = helper("municipality", "codebook__municipality__cbs_code")
    codebook = fk("codebook", Codebook, "name", IN_MUNICIPALITY)

    class Meta:
        model = CodebookQuestion
        fields = ("municipality", "codebook", "column", "text", "maps_to")
        import_id_fields = ("codebook", "column")


class CodebookAnswerResource(RegisterResource):
    municipality = helper("municipality", "question__codebook__municipality__cbs_code")
    codebook = helper("codebook", "question__codebook__name")
    question = fk("question", CodebookQuestion, "column",
                  Context("codebook__name", "codebook"),
                  Context("codebook__municipality__cbs_code", "municipality"))

    class Meta:
        model = CodebookAnswer
        fields = ("municipality", "codebook", "question", "code", "label", "meaning")
        import_id_fields = ("question", "code")


class SurveyWaveExport(resources.ModelResource):
    """Export only: a wave's respondents only arrive through import_survey (the upload form)."""

    municipality = helper("municipality", "municipality__cbs_code")
    codebook = helper("codebook", "codebook__name")

    class Meta:
        model = SurveyWave
        fields = ("municipality", "codebook", "name", "population", "fieldwork_start",
                  "fieldwork_end", "agency", "file_name", "file_checksum", "imported_at",
                  *PROVENANCE)


class SurveyResponseExport(resources.ModelResource):
    """Export only (the admin refuses the import): coded answers, never anything else."""

    wave = helper("wave", "wave__name")
    community = helper("community", "community__slug")

    class Meta:
        model = SurveyResponse
        fields = ("wave", "respondent_id", "community", "age_group", "sex", "household_type",
                  "informal_helper", "knows_where_help", "knows_what_expected", "has_kit",
                  "has_plan", "helper_knows_expected", "weight", "stratum", "psu")
