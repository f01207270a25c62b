"""Exercises built from a scenario run: timed injects per role, observations and lessons.

No resident appears here: injects name roles (a key figure, the noodsteunpunt team), never
people. The only person stored is the staff user who wrote an observation or lesson.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from weerbaar.core.models import Provenance
from weerbaar.places.models import Municipality
from weerbaar.programme.models import ActionLine


class ExerciseRole(models.TextChoices):
    """Who receives an inject (issue 5: key figure, noodsteunpunt team, crisis team, vital
    provider, care location)."""

    KEY_FIGURE = "key_figure", _("Sleutelfiguur")
    SUPPORT_POINT_TEAM = "support_point_team", _("Team noodsteunpunt")
    CRISIS_TEAM = "crisis_team", _("Crisisteam")
    VITAL_PROVIDER = "vital_provider", _("Vitale aanbieder")
    CARE_LOCATION = "care_location", _("Zorglocatie")


class Exercise(Provenance):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Concept")
        PLANNED = "planned", _("Gepland")
        HELD = "held", _("Gehouden")
        EVALUATED = "evaluated", _("Geëvalueerd")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT,
                                     related_name="exercises", verbose_name=_("gemeente"))
    scenario = models.CharField(_("scenario"), max_length=100,
                                help_text=_("Naam van een scenario uit de bibliotheek."))
    title = models.CharField(_("titel"), max_length=200)
    held_on = models.DateField(_("datum"), null=True, blank=True)
    participant_roles = models.CharField(
        _("deelnemende rollen"), max_length=200, blank=True,
        help_text=_("Komma-gescheiden codes: key_figure, support_point_team, crisis_team, "
                    "vital_provider, care_location."))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.DRAFT)
    runs = models.PositiveIntegerField(_("aantal doorrekeningen"), default=1,
                                       validators=[MinValueValidator(1), MaxValueValidator(1000)])
    seed = models.PositiveIntegerField(_("startgetal (seed)"), default=0)
    notes = models.TextField(_("toelichting"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("oefening")
        verbose_name_plural = _("oefeningen")
        ordering = ["-held_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "title"], name="exercise_unique_title"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def role_codes(self) -> list[str]:
        return [code.strip() for code in self.participant_roles.split(",") if code.strip()]

    @property
    def role_labels(self) -> list[str]:
        labels = dict(ExerciseRole.choices)
        return [str(labels.get(code, code)) for code in self.role_codes]

    def clean(self) -> None:
        unknown = [code for code in self.role_codes if code not in ExerciseRole.values]
        if unknown:
            raise ValidationError({"participant_roles": _(
                "Onbekende rol %(codes)s; kies uit %(known)s.") % {
                    "codes": ", ".join(unknown), "known": ", ".join(ExerciseRole.values)}})


class Inject(Provenance):
    """A timed message for one role during the exercise, generated from an effect's onset."""

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="injects",
                                 verbose_name=_("oefening"))
    hour = models.FloatField(_("uur na het begin"), validators=[MinValueValidator(0)])
    role = models.CharField(_("rol"), max_length=20, choices=ExerciseRole.choices)
    text = models.TextField(_("inject (wat er gebeurt)"))
    expected_action = models.TextField(_("verwachte actie"), blank=True)
    sector = models.CharField(_("sector"), max_length=100, blank=True)
    effect_id = models.CharField(_("effect in het scenario"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inject")
        verbose_name_plural = _("injects")
        ordering = ["exercise", "hour", "role", "id"]

    def __str__(self) -> str:
        return f"{self.hour:g} u · {self.get_role_display()}: {self.text[:60]}"


class Observation(Provenance):
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE,
                                 related_name="observations", verbose_name=_("oefening"))
    hour = models.FloatField(_("uur na het begin"), null=True, blank=True,
                             validators=[MinValueValidator(0)])
    role = models.CharField(_("rol"), max_length=20, choices=ExerciseRole.choices, blank=True)
    text = models.TextField(_("waarneming"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               blank=True, editable=False, related_name="+",
                               verbose_name=_("vastgelegd door"))
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("waarneming")
        verbose_name_plural = _("waarnemingen")
        ordering = ["exercise", "hour", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Lesson(Provenance):
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="lessons",
                                 verbose_name=_("oefening"))
    text = models.TextField(_("les"))
    # Set by "maak er een programma-actie van" on the exercise page, never typed.
    action = models.ForeignKey(ActionLine, on_delete=models.SET_NULL, null=True, blank=True,
                               editable=False, related_name="lessons", verbose_name=_("programma-actie"),
                               help_text=_("De actie die uit deze les is gemaakt."))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               blank=True, editable=False, related_name="+",
                               verbose_name=_("vastgelegd door"))
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("les")
        verbose_name_plural = _("lessen")
        ordering = ["exercise", "id"]

    def __str__(self) -> str:
        return self.text[:80]
