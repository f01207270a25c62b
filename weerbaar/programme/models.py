"""Programme structure (lines, subgoals) and the professional network's shared language."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from weerbaar.core.models import Provenance
from weerbaar.network.models import Organisation
from weerbaar.places.models import Municipality


class ProgrammeLine(Provenance):
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE,
                                     related_name="programme_lines", verbose_name=_("gemeente"))
    number = models.CharField(_("nummer"), max_length=5, help_text=_("Romeins cijfer: I tot IV."))
    name = models.CharField(_("naam"), max_length=200)
    main_goal = models.TextField(_("hoofddoel"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programmalijn")
        verbose_name_plural = _("programmalijnen")
        ordering = ["municipality", "id"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "number"], name="line_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Subgoal(Provenance):
    class MeasuredBy(models.TextChoices):
        SURVEY = "survey", _("Enquête")
        REGISTER = "register", _("Register")

    line = models.ForeignKey(ProgrammeLine, on_delete=models.CASCADE, related_name="subgoals",
                             verbose_name=_("programmalijn"))
    code = models.CharField(_("code"), max_length=6, help_text=_("Bijvoorbeeld II-2."))
    text = models.TextField(_("subdoel"))
    target_share = models.FloatField(
        _("streefwaarde (aandeel)"), validators=[MinValueValidator(0), MaxValueValidator(1)])
    deadline = models.DateField(
        _("uiterlijk behaald op"),
        help_text=_("Het plan zegt 'in 2026' (eind 2026) of 'in 2028' (§2.1: voor eind 2027)."))
    measured_by = models.CharField(_("gemeten met"), max_length=10, choices=MeasuredBy.choices)
    indicator = models.TextField(_("indicator"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("subdoel")
        verbose_name_plural = _("subdoelen")
        ordering = ["line", "code"]
        constraints = [
            models.UniqueConstraint(fields=["line", "code"], name="subgoal_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:80]}"


class GlossaryVersion(Provenance):
    """A version of the begrippenkader; adopted (vastgesteld) once its date is set (IV-2)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE,
                                     related_name="glossary_versions", verbose_name=_("gemeente"))
    number = models.CharField(_("versie"), max_length=20)
    adopted_on = models.DateField(_("vastgesteld op"), null=True, blank=True)
    adopted_by = models.CharField(_("vastgesteld door"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("versie begrippenkader")
        verbose_name_plural = _("versies begrippenkader")
        ordering = ["municipality", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "number"],
                                    name="glossary_unique_version"),
        ]

    def __str__(self) -> str:
        return f"{_('Begrippenkader')} {self.number}"

    @property
    def is_adopted(self) -> bool:
        return self.adopted_on is not None


class GlossaryTerm(Provenance):
    version = models.ForeignKey(GlossaryVersion, on_delete=models.CASCADE, related_name="terms",
                                verbose_name=_("versie"))
    term = models.CharField(_("begrip"), max_length=150)
    definition = models.TextField(_("definitie"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("begrip")
        verbose_name_plural = _("begrippenkader")
        ordering = ["version", "term"]
        constraints = [
            models.UniqueConstraint(fields=["version", "term"], name="glossary_unique_term"),
        ]

    def __str__(self) -> str:
        return self.term


class GlossaryEndorsement(Provenance):
    """A partner organisation endorses a glossary version (IV-2)."""

    version = models.ForeignKey(GlossaryVersion, on_delete=models.CASCADE,
                                related_name="endorsements", verbose_name=_("versie"))
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="glossary_endorsements",
                                     verbose_name=_("organisatie"))
    endorsed_on = models.DateField(_("onderschreven op"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("onderschrijving begrippenkader")
        verbose_name_plural = _("onderschrijvingen begrippenkader")
        constraints = [
            models.UniqueConstraint(fields=["version", "organisation"],
                                    name="endorsement_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.version}"


class RoleCard(Provenance):
    """What a partner organisation does in a disruption, acknowledged by that partner (IV-3)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="role_cards", verbose_name=_("organisatie"))
    title = models.CharField(_("titel"), max_length=200)
    tasks = models.TextField(_("taken bij een verstoring"))
    acknowledged_on = models.DateField(_("erkend door partner op"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rolkaart")
        verbose_name_plural = _("rolkaarten")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "title"], name="rolecard_unique_title"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.title}"
