"""Survey waves, the codebook that reads them, and the coded respondent rows (seed §3.7).

The survey agency delivers a file per wave (CSV, XLSX or SPSS .sav); the codebook, kept as
data so the programme office can adapt it to a new questionnaire without a code change, says
which column holds what and what every answer code means. Only coded answers are stored:
never free text, names, addresses or anything else that identifies a resident; columns the
codebook does not map are never read into the database.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from weerbaar.core.models import Provenance
from weerbaar.places.models import Community, Municipality


class AgeGroup(models.TextChoices):
    """Age groups a codebook maps onto; the statistics support <65 / 65-79 / 80+ (raking)."""

    UNDER_40 = "<40", _("jonger dan 40")
    FROM_40_TO_64 = "40-64", _("40 tot en met 64")
    FROM_65_TO_79 = "65-79", _("65 tot en met 79")
    FROM_80 = "80+", _("80 en ouder")
    FROM_65 = "65+", _("65 en ouder (niet verder verdeeld)")


class Sex(models.TextChoices):
    FEMALE = "female", _("vrouw")
    MALE = "male", _("man")
    OTHER = "other", _("anders")


class HouseholdType(models.TextChoices):
    SINGLE = "single", _("alleenstaand")
    COUPLE = "couple", _("paar zonder thuiswonende kinderen")
    FAMILY = "family", _("gezin met thuiswonende kinderen")
    SINGLE_PARENT = "single_parent", _("eenoudergezin")
    OTHER = "other", _("ander huishouden")
    INSTITUTIONAL = "institutional", _("instelling (geen zelfstandig huishouden)")


class Codebook(Provenance):
    """How one questionnaire's file is read: a municipality may keep several versions."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT,
                                     related_name="codebooks", verbose_name=_("gemeente"))
    name = models.CharField(_("naam en versie"), max_length=100,
                            help_text=_("Bijvoorbeeld 'Inwonersenquête 2026, versie 1'."))
    notes = models.TextField(_("toelichting"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("codeboek")
        verbose_name_plural = _("codeboeken")
        ordering = ["municipality", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="codebook_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Target(models.TextChoices):
    """What a column of the survey file holds."""

    RESPONDENT_ID = "respondent_id", _("respondentnummer (pseudoniem van het bureau)")
    I_1 = "I-1", _("I-1: weet waar terecht met een hulpvraag")
    I_2 = "I-2", _("I-2: weet wat wordt verwacht bij een verstoring")
    I_3_KIT = "I-3:kit", _("I-3: huishouden heeft een noodpakket")
    I_3_PLAN = "I-3:plan", _("I-3: huishouden heeft een noodplan")
    II_3 = "II-3", _("II-3: informele hulpverlener weet wat wordt verwacht")
    KERN = "kern", _("kenmerk: kern")
    AGE_GROUP = "age_group", _("kenmerk: leeftijdsgroep")
    SEX = "sex", _("kenmerk: geslacht")
    HOUSEHOLD_TYPE = "household_type", _("kenmerk: soort huishouden")
    INFORMAL_HELPER = "informal_helper", _("kenmerk: informele hulpverlener (ja/nee)")
    WEIGHT = "weight", _("ontwerpgewicht")
    STRATUM = "stratum", _("stratum (steekproefontwerp)")
    PSU = "psu", _("cluster/PSU (steekproefontwerp)")


# Which SurveyResponse field each target fills.
RESPONSE_FIELD = {
    Target.RESPONDENT_ID: "respondent_id",
    Target.I_1: "knows_where_help",
    Target.I_2: "knows_what_expected",
    Target.I_3_KIT: "has_kit",
    Target.I_3_PLAN: "has_plan",
    Target.II_3: "helper_knows_expected",
    Target.KERN: "community",
    Target.AGE_GROUP: "age_group",
    Target.SEX: "sex",
    Target.HOUSEHOLD_TYPE: "household_type",
    Target.INFORMAL_HELPER: "informal_helper",
    Target.WEIGHT: "weight",
    Target.STRATUM: "stratum",
    Target.PSU: "psu",
}
YES_NO_TARGETS = {Target.I_1, Target.I_2, Target.I_3_KIT, Target.I_3_PLAN, Target.II_3,
                  Target.INFORMAL_HELPER}
CHOICE_TARGETS = {Target.AGE_GROUP: AgeGroup, Target.SEX: Sex,
                  Target.HOUSEHOLD_TYPE: HouseholdType}
# Free codes or numbers: these columns have no answer list.
OPEN_TARGETS = {Target.RESPONDENT_ID, Target.WEIGHT, Target.STRATUM, Target.PSU}

YES, NO, MISSING = "yes", "no", "missing"


def allowed_meanings(target: str, municipality: Municipality | None) -> list[str]:
    """What CodebookAnswer.meaning may say for a question mapped to ``target``."""
    if target in YES_NO_TARGETS:
        return [YES, NO, MISSING]
    if target in CHOICE_TARGETS:
        return [*CHOICE_TARGETS[target].values, MISSING]
    if target == Target.KERN:
        slugs = list(Community.objects.filter(municipality=municipality)
                     .values_list("slug", flat=True)) if municipality else []
        return [*slugs, MISSING]
    return []


class CodebookQuestion(models.Model):
    codebook = models.ForeignKey(Codebook, on_delete=models.CASCADE, related_name="questions",
                                 verbose_name=_("codeboek"))
    column = models.CharField(_("kolom in het bestand"), max_length=64,
                              help_text=_("De kolomnaam (SPSS: de variabelenaam), precies zoals "
                                          "in het bestand; hoofdletters tellen niet."))
    text = models.TextField(_("vraag"), blank=True)
    maps_to = models.CharField(_("betekenis"), max_length=20, choices=Target.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("codeboekvraag")
        verbose_name_plural = _("codeboekvragen")
        ordering = ["codebook", "id"]
        constraints = [
            models.UniqueConstraint(fields=["codebook", "column"], name="question_unique_column"),
            models.UniqueConstraint(fields=["codebook", "maps_to"], name="question_unique_target"),
        ]

    def __str__(self) -> str:
        return f"{self.column} → {self.get_maps_to_display()}"


class CodebookAnswer(models.Model):
    """One answer code of a question and what it means (yes/no/missing or the attribute value)."""

    question = models.ForeignKey(CodebookQuestion, on_delete=models.CASCADE,
                                 related_name="answers", verbose_name=_("vraag"))
    code = models.CharField(_("code in het bestand"), max_length=50,
                            help_text=_("Zoals in het bestand, bijvoorbeeld '1' of 'ja'. Het label "
                                        "mag in het bestand ook voorkomen."))
    label = models.CharField(_("label"), max_length=200, blank=True)
    meaning = models.CharField(
        _("betekent"), max_length=100,
        help_text=_("Bij indicatorvragen en 'informele hulpverlener': yes, no of missing. Bij "
                    "kenmerken de waarde: de korte naam van de kern, een leeftijdsgroep (<40, "
                    "40-64, 65-79, 80+, 65+), female/male/other, of een soort huishouden "
                    "(single, couple, family, single_parent, other, institutional); missing = "
                    "onbekend."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("antwoordcode")
        verbose_name_plural = _("antwoordcodes")
        ordering = ["question", "id"]
        constraints = [
            models.UniqueConstraint(fields=["question", "code"], name="answer_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} = {self.meaning}"

    def clean(self) -> None:
        question = getattr(self, "question", None) if self.question_id else None
        if question is None:
            return
        if question.maps_to in OPEN_TARGETS:
            raise ValidationError(_("Deze kolom heeft geen antwoordcodes: de waarden worden "
                                    "zoals ze zijn gelezen."))
        allowed = allowed_meanings(question.maps_to, question.codebook.municipality)
        if self.meaning not in allowed:
            raise ValidationError({"meaning": _("Kies uit: %(choices)s.")
                                   % {"choices": ", ".join(allowed)}})


class SurveyWave(Provenance):
    """One measurement (meting): fieldwork period, who ran it, and the file it came from."""

    class Population(models.TextChoices):
        RESIDENTS = "residents", _("inwoners")
        HELPERS = "helpers", _("informele hulpverleners")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT,
                                     related_name="survey_waves", verbose_name=_("gemeente"))
    codebook = models.ForeignKey(Codebook, on_delete=models.PROTECT, related_name="waves",
                                 verbose_name=_("codeboek"))
    name = models.CharField(_("naam"), max_length=100,
                            help_text=_("Bijvoorbeeld 'Nulmeting 2026'."))
    population = models.CharField(
        _("doelgroep"), max_length=20, choices=Population.choices, default=Population.RESIDENTS,
        help_text=_("Een inwonersenquête wordt gewogen naar de bevolkingscijfers; een enquête "
                    "onder hulpverleners niet (daar zijn geen cijfers van)."))
    fieldwork_start = models.DateField(_("veldwerk vanaf"))
    fieldwork_end = models.DateField(_("veldwerk tot en met"))
    agency = models.CharField(_("onderzoeksbureau"), max_length=200, blank=True)
    file_name = models.CharField(_("geïmporteerd bestand"), max_length=255, blank=True,
                                 editable=False)
    file_checksum = models.CharField(_("controlegetal (SHA-256)"), max_length=64, blank=True,
                                     editable=False)
    imported_at = models.DateTimeField(_("geïmporteerd op"), null=True, blank=True,
                                       editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meting (enquête)")
        verbose_name_plural = _("metingen (enquête)")
        ordering = ["municipality", "fieldwork_end", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="wave_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if self.fieldwork_start and self.fieldwork_end and self.fieldwork_end < self.fieldwork_start:
            errors["fieldwork_end"] = _("Het veldwerk kan niet eindigen voor het begint.")
        if (self.codebook_id and self.municipality_id
                and self.codebook.municipality_id != self.municipality_id):
            errors["codebook"] = _("Kies een codeboek van dezelfde gemeente.")
        if errors:
            raise ValidationError(errors)


class SurveyResponse(models.Model):
    """One respondent, coded: attributes for weighting and domains, yes/no per indicator.

    No history: rows only arrive and leave with a whole wave's import, which the wave's own
    history (file name, checksum, time) records.
    """

    wave = models.ForeignKey(SurveyWave, on_delete=models.CASCADE, related_name="responses",
                             verbose_name=_("meting"))
    respondent_id = models.CharField(_("respondentnummer"), max_length=64)
    community = models.ForeignKey(Community, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("kern"))
    age_group = models.CharField(_("leeftijdsgroep"), max_length=8, choices=AgeGroup.choices,
                                 blank=True)
    sex = models.CharField(_("geslacht"), max_length=8, choices=Sex.choices, blank=True)
    household_type = models.CharField(_("soort huishouden"), max_length=16,
                                      choices=HouseholdType.choices, blank=True)
    informal_helper = models.BooleanField(_("informele hulpverlener"), null=True, blank=True)
    knows_where_help = models.BooleanField(_("I-1 weet waar terecht"), null=True, blank=True)
    knows_what_expected = models.BooleanField(_("I-2 weet wat wordt verwacht"), null=True,
                                              blank=True)
    has_kit = models.BooleanField(_("I-3 noodpakket"), null=True, blank=True)
    has_plan = models.BooleanField(_("I-3 noodplan"), null=True, blank=True)
    helper_knows_expected = models.BooleanField(_("II-3 hulpverlener weet wat wordt verwacht"),
                                                null=True, blank=True)
    weight = models.FloatField(_("ontwerpgewicht"), default=1.0, validators=[MinValueValidator(0)])
    stratum = models.CharField(_("stratum"), max_length=64, blank=True)
    psu = models.CharField(_("cluster"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("respondent")
        verbose_name_plural = _("respondenten")
        ordering = ["wave", "id"]
        constraints = [
            models.UniqueConstraint(fields=["wave", "respondent_id"],
                                    name="response_unique_respondent"),
        ]

    def __str__(self) -> str:
        return f"{self.wave} #{self.respondent_id}"
