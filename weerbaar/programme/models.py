"""Programme structure (plan, lines, subgoals, actions, projects, roles, calendar, budget,
report texts) and the professional network's shared language."""

from django.core.exceptions import ValidationError
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


# --- programme structure: plan, action lines, linked projects, roles, calendar, budget ----------


class WorkStatus(models.TextChoices):
    """Where an action line or linked project stands; shared so reports count them alike."""

    NOT_STARTED = "not_started", _("Niet gestart")
    RUNNING = "running", _("Lopend")
    DONE = "done", _("Gereed")
    CANCELLED = "cancelled", _("Vervallen")


class ReportKind(models.TextChoices):
    """The two reports of seed §3.7."""

    PROGRESS = "progress", _("Voortgangsrapportage")
    FINAL = "final", _("Eindrapportage")


class ProgrammePlan(Provenance):
    """The programme plan itself and its overall aim (seed §2.1), above the four lines."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE,
                                     related_name="programme_plans", verbose_name=_("gemeente"))
    title = models.CharField(_("titel"), max_length=300)
    aim = models.TextField(_("doel van het programma"))
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("einde"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programmaplan")
        verbose_name_plural = _("programmaplannen")
        ordering = ["municipality", "-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "title"], name="plan_unique_title"),
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                   name="plan_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Het einde ligt vóór de start.")})


class ActionLine(Provenance):
    """An action of a programme line in one period (seed Bijlage 2)."""

    line = models.ForeignKey(ProgrammeLine, on_delete=models.CASCADE, related_name="actions",
                             verbose_name=_("programmalijn"))
    period = models.CharField(_("periode"), max_length=20,
                              help_text=_("Zoals in het plan: '2025', '2026-2027' of 'Q1 2026'."))
    text = models.CharField(_("actie"), max_length=300)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    owner = models.CharField(_("eigenaar"), max_length=200, blank=True,
                             help_text=_("Team of organisatie die de actie uitvoert."))
    organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="programme_actions",
                                     verbose_name=_("organisatie"))
    status = models.CharField(_("status"), max_length=12, choices=WorkStatus.choices,
                              default=WorkStatus.NOT_STARTED)
    subgoals = models.ManyToManyField(Subgoal, blank=True, related_name="actions",
                                      verbose_name=_("draagt bij aan subdoelen"))
    history = HistoricalRecords(m2m_fields=[subgoals])

    class Meta:
        verbose_name = _("actielijn")
        verbose_name_plural = _("actielijnen")
        ordering = ["line", "period", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["line", "period", "text"], name="action_unique_text"),
        ]

    def __str__(self) -> str:
        return f"{self.line.number} {self.period}: {self.text[:80]}"


class LinkedProject(Provenance):
    """A running project of another team that the programme follows (seed §3.6)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE,
                                     related_name="linked_projects", verbose_name=_("gemeente"))
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    responsible_team = models.CharField(_("verantwoordelijk team"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=WorkStatus.choices,
                              default=WorkStatus.RUNNING)
    lines = models.ManyToManyField(ProgrammeLine, blank=True, related_name="projects",
                                   verbose_name=_("programmalijnen"))
    history = HistoricalRecords(m2m_fields=[lines])

    class Meta:
        verbose_name = _("verbonden project")
        verbose_name_plural = _("verbonden projecten")
        ordering = ["municipality", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="project_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class ProgrammeRole(Provenance):
    """Who steers and carries out the programme (seed §3.3–3.5)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE,
                                     related_name="programme_roles", verbose_name=_("gemeente"))
    name = models.CharField(_("rol"), max_length=150)
    holder = models.TextField(_("bestaande uit"))
    responsibilities = models.TextField(_("verantwoordelijkheden"), blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programmarol")
        verbose_name_plural = _("programmarollen")
        ordering = ["municipality", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="programmerole_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class EvaluationMoment(Provenance):
    """A moment of the monitoring and evaluation calendar (seed §3.7)."""

    class Kind(models.TextChoices):
        SURVEY = "survey", _("Enquête onder inwoners")
        PROGRESS_REPORT = "progress_report", _("Voortgangsrapportage")
        FINAL_REPORT = "final_report", _("Eindrapportage")
        STEERING = "steering", _("Stuurgroepoverleg")
        OTHER = "other", _("Anders")

    class Audience(models.TextChoices):
        STEERING = "steering", _("Stuurgroep")
        COLLEGE = "college", _("College")
        COUNCIL = "council", _("Gemeenteraad")
        RESIDENTS = "residents", _("Inwoners")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE,
                                     related_name="evaluation_moments", verbose_name=_("gemeente"))
    kind = models.CharField(_("soort"), max_length=16, choices=Kind.choices)
    description = models.TextField(_("wat"))
    planned_period = models.CharField(_("gepland (zoals in het plan)"), max_length=40, blank=True,
                                      help_text=_("Bijvoorbeeld 'Begin 2026'."))
    planned_on = models.DateField(_("uiterlijk gepland op"))
    audience = models.CharField(_("voor"), max_length=10, choices=Audience.choices, blank=True)
    done_on = models.DateField(_("uitgevoerd op"), null=True, blank=True)
    report_kind = models.CharField(_("rapportage"), max_length=10, choices=ReportKind.choices,
                                   blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluatiemoment")
        verbose_name_plural = _("evaluatiemomenten")
        ordering = ["municipality", "planned_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "kind", "planned_on"],
                                    name="evaluation_unique_moment"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.planned_period or self.planned_on})"


_AMOUNT = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(0)]}


class BudgetLine(Provenance):
    """Budgeted against committed and spent, per year (seed §4.3–4.6).

    Committed and spent may be empty: unknown is not zero, and reports say "onbekend".
    """

    class Kind(models.TextChoices):
        EXISTING = "existing", _("Bestaand budget")
        NEW = "new", _("Nieuw budget")
        REGIONAL = "regional", _("Regionale middelen")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE,
                                     related_name="budget_lines", verbose_name=_("gemeente"))
    year = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    topic = models.CharField(_("onderwerp"), max_length=200)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices, blank=True)
    line = models.ForeignKey(ProgrammeLine, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="budget_lines", verbose_name=_("programmalijn"))
    budgeted = models.DecimalField(_("begroot (€)"), **_AMOUNT)
    committed = models.DecimalField(_("verplicht (€)"), null=True, blank=True, **_AMOUNT,
                                    help_text=_("Leeg = onbekend (niet 0)."))
    spent = models.DecimalField(_("besteed (€)"), null=True, blank=True, **_AMOUNT,
                                help_text=_("Leeg = onbekend (niet 0)."))
    note = models.TextField(_("toelichting"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("begrotingspost")
        verbose_name_plural = _("begrotingsposten")
        ordering = ["municipality", "year", "id"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year", "topic"],
                                    name="budget_unique_topic"),
            models.CheckConstraint(condition=models.Q(budgeted__gte=0),
                                   name="budget_budgeted_not_negative"),
            models.CheckConstraint(condition=models.Q(committed__isnull=True)
                                   | models.Q(committed__gte=0),
                                   name="budget_committed_not_negative"),
            models.CheckConstraint(condition=models.Q(spent__isnull=True) | models.Q(spent__gte=0),
                                   name="budget_spent_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.topic}"


class ReportSection(Provenance):
    """An editable text of a report: lessons learned, new insights or free text (seed §3.7).

    No programme line means the section belongs to the report as a whole.
    """

    class Heading(models.TextChoices):
        LESSONS = "lessons", _("Geleerde lessen")
        INSIGHTS = "insights", _("Nieuwe inzichten")
        FREE = "free", _("Vrije tekst")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE,
                                     related_name="report_sections", verbose_name=_("gemeente"))
    report_kind = models.CharField(_("rapportage"), max_length=10, choices=ReportKind.choices)
    report_year = models.PositiveSmallIntegerField(
        _("rapportagejaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("Het jaar waarover de rapportage gaat, bijvoorbeeld 2026 voor de "
                    "voortgangsrapportage van eind 2026."))
    line = models.ForeignKey(ProgrammeLine, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="report_sections", verbose_name=_("programmalijn"),
                             help_text=_("Leeg = voor de hele rapportage."))
    heading = models.CharField(_("soort tekst"), max_length=10, choices=Heading.choices)
    title = models.CharField(_("kop"), max_length=200, blank=True,
                             help_text=_("Alleen nodig bij vrije tekst."))
    text = models.TextField(_("tekst"))
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rapportagetekst")
        verbose_name_plural = _("rapportageteksten")
        ordering = ["municipality", "report_kind", "report_year", "line", "position", "id"]
        constraints = [
            # Two constraints because a NULL line never collides in a plain unique index.
            models.UniqueConstraint(
                fields=["municipality", "report_kind", "report_year", "line", "heading", "title"],
                condition=models.Q(line__isnull=False), name="section_unique_in_line"),
            models.UniqueConstraint(
                fields=["municipality", "report_kind", "report_year", "heading", "title"],
                condition=models.Q(line__isnull=True), name="section_unique_in_report"),
        ]

    def __str__(self) -> str:
        return self.title or self.get_heading_display()

    @property
    def heading_display(self) -> str:
        return self.title or self.get_heading_display()

    def clean(self):
        super().clean()
        if self.heading == self.Heading.FREE and not self.title.strip():
            raise ValidationError({"title": _("Geef een kop voor vrije tekst.")})
        if self.line_id and self.municipality_id and self.line.municipality_id != self.municipality_id:
            raise ValidationError({"line": _("Deze programmalijn hoort bij een andere gemeente.")})
