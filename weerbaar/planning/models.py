"""Planning of noodsteunpunten: candidate buildings, the planning norms (settings, never
official norms), demand points and the vulnerability index per buurt.

Demand points and vulnerability scores arrive in whole sets (CBS square statistics, CBS
Kerncijfers, or the demo's synthetic points) and are replaced as a set, so they are not edited
one by one in the admin. Computed recommendations are kept in ``SitingRun`` so a page view
never solves again while the inputs are unchanged.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from weerbaar.core.models import Provenance
from weerbaar.places.models import Community, Municipality, Neighbourhood
from weerbaar.supportpoints.models import SupportPoint

# Guidance in the seed (§4.5, note 26): "1 lokaal noodsteunpunt per ongeveer 5.000 inwoners".
GUIDE_PEOPLE_PER_POINT = 5000
DEFAULT_MAX_DISTANCE_M = 2500
DEFAULT_DETOUR = 1.3


class PlanningNorm(Provenance):
    """The municipality's own planning settings. A guide, not an official norm: national norms
    for distance and size are not settled (2025-2026)."""

    municipality = models.OneToOneField(Municipality, on_delete=models.CASCADE,
                                        related_name="planning_norm", verbose_name=_("gemeente"))
    people_per_point = models.PositiveIntegerField(
        _("inwoners per noodsteunpunt (richtlijn)"), default=GUIDE_PEOPLE_PER_POINT,
        validators=[MinValueValidator(100)],
        help_text=_("Richtlijn uit de handreiking (ongeveer 5.000); geen officiële norm."))
    max_distance_m = models.PositiveIntegerField(
        _("maximale afstand (meter)"), default=DEFAULT_MAX_DISTANCE_M,
        validators=[MinValueValidator(100), MaxValueValidator(50000)],
        help_text=_("Eigen keuze van de gemeente; er is geen landelijke afstandsnorm."))
    detour_factor = models.FloatField(
        _("omrijfactor"), default=DEFAULT_DETOUR,
        validators=[MinValueValidator(1.0), MaxValueValidator(3.0)],
        help_text=_("Rechte afstand maal deze factor benadert de afstand over de weg."))
    vulnerability_weight = models.FloatField(
        _("extra gewicht kwetsbaarheid"), default=1.0,
        validators=[MinValueValidator(0.0), MaxValueValidator(5.0)],
        help_text=_("0: iedere inwoner telt even zwaar. 1: in de kwetsbaarste buurt telt een "
                    "inwoner dubbel."))
    point_count = models.PositiveSmallIntegerField(
        _("aantal noodsteunpunten (leeg: uit de richtlijn)"), null=True, blank=True,
        validators=[MinValueValidator(1)])
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("planningsnorm")
        verbose_name_plural = _("planningsnormen")

    def __str__(self) -> str:
        return str(self.municipality)


class CandidateSite(Provenance):
    """A building that is, or could be, a noodsteunpunt."""

    class Status(models.TextChoices):
        CURRENT = "current", _("Huidig noodsteunpunt")
        FIXED = "fixed", _("Blijft zeker (vast)")
        CANDIDATE = "candidate", _("Kandidaat")
        EXCLUDED = "excluded", _("Uitgesloten")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE,
                                     related_name="candidate_sites", verbose_name=_("gemeente"))
    community = models.ForeignKey(Community, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="candidate_sites", verbose_name=_("kern"))
    name = models.CharField(_("naam"), max_length=200)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    latitude = models.FloatField(_("breedtegraad"), validators=[MinValueValidator(50.5),
                                                                MaxValueValidator(53.7)])
    longitude = models.FloatField(_("lengtegraad"), validators=[MinValueValidator(3.2),
                                                                MaxValueValidator(7.3)])
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.CANDIDATE)
    capacity = models.PositiveIntegerField(_("capaciteit (inwoners)"), null=True, blank=True,
                                           help_text=_("Leeg: geen grens."))
    support_point = models.ForeignKey(SupportPoint, on_delete=models.SET_NULL, null=True,
                                      blank=True, related_name="candidate_sites",
                                      verbose_name=_("noodsteunpunt in het register"))
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("locatie (noodsteunpunt)")
        verbose_name_plural = _("locaties (noodsteunpunten)")
        ordering = ["municipality__name", "community__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="candidatesite_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open_now(self) -> bool:
        return self.status in (self.Status.CURRENT, self.Status.FIXED)


class DemandPoint(models.Model):
    """Where residents live: a CBS square (100 m / 500 m) or a synthetic demo point."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE,
                                     related_name="demand_points", verbose_name=_("gemeente"))
    community = models.ForeignKey(Community, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="demand_points", verbose_name=_("kern"))
    neighbourhood = models.ForeignKey(Neighbourhood, on_delete=models.SET_NULL, null=True,
                                      blank=True, related_name="demand_points",
                                      verbose_name=_("buurt"))
    code = models.CharField(_("code"), max_length=40)
    x = models.FloatField(_("x (RD New, m)"))
    y = models.FloatField(_("y (RD New, m)"))
    inhabitants = models.FloatField(_("inwoners"), validators=[MinValueValidator(0)])
    aged_65_plus = models.FloatField(_("65 jaar en ouder"), null=True, blank=True)
    is_synthetic = models.BooleanField(_("synthetisch"), default=False,
                                       help_text=_("Verzonnen demopunt, geen CBS-gegeven."))
    source = models.CharField(_("bron"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("vraagpunt")
        verbose_name_plural = _("vraagpunten")
        ordering = ["municipality_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "code"], name="demandpoint_unique_code"),
        ]

    def __str__(self) -> str:
        return self.code


class VulnerabilityScore(Provenance):
    """The SVI of one buurt in one year, ranked within its municipality (0 = least, 1 = most
    vulnerable), with the indicator values it was computed from."""

    neighbourhood = models.ForeignKey(Neighbourhood, on_delete=models.CASCADE,
                                      related_name="vulnerability_scores", verbose_name=_("buurt"))
    year = models.PositiveSmallIntegerField(_("peiljaar"))
    table_id = models.CharField(_("CBS-tabel"), max_length=20, blank=True)
    indicators = models.JSONField(_("indicatoren"), default=dict)
    themes = models.JSONField(_("thema's (percentielrang)"), default=dict)
    overall = models.FloatField(_("kwetsbaarheidsindex"), null=True, blank=True)
    flags = models.PositiveSmallIntegerField(_("vlaggen"), null=True, blank=True)

    class Meta:
        verbose_name = _("kwetsbaarheidsscore")
        verbose_name_plural = _("kwetsbaarheidsscores")
        ordering = ["neighbourhood__cbs_code", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["neighbourhood", "year"], name="svi_unique_year"),
        ]

    def __str__(self) -> str:
        return f"{self.neighbourhood} {self.year}"


class SitingRun(models.Model):
    """A computed recommendation, kept for as long as its inputs (fingerprint) are unchanged."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE,
                                     related_name="siting_runs")
    fingerprint = models.CharField(max_length=64)
    result = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "fingerprint"], name="sitingrun_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.fingerprint[:12]}"
