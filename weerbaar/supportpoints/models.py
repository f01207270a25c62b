"""Noodsteunpunten: places for information, help and basic needs in the first 72 hours.

Facilities are yes / no / unknown: an unchecked building must not look equipped.
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from weerbaar.core.models import Provenance
from weerbaar.places.models import Community


class SupportPoint(Provenance):
    class Status(models.TextChoices):
        IDEA = "idea", _("Idee")
        CANDIDATE = "candidate", _("Kandidaat")
        DESIGNATED = "designated", _("Aangewezen")
        EQUIPPED = "equipped", _("Ingericht")
        EXERCISED = "exercised", _("Beoefend")

    community = models.ForeignKey(Community, on_delete=models.PROTECT,
                                  related_name="support_points", verbose_name=_("kern"))
    name = models.CharField(_("naam"), max_length=200)
    building = models.CharField(_("gebouw"), max_length=200, blank=True)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    latitude = models.FloatField(_("breedtegraad"), null=True, blank=True)
    longitude = models.FloatField(_("lengtegraad"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.IDEA)
    capacity_per_day = models.PositiveIntegerField(_("capaciteit (mensen per dag)"), null=True,
                                                   blank=True)
    backup_power = models.BooleanField(_("noodstroom"), null=True, blank=True)
    backup_autonomy_hours = models.FloatField(
        _("autonomie noodstroom (uren)"), null=True, blank=True, validators=[MinValueValidator(0)])
    drinking_water = models.BooleanField(_("drinkwater"), null=True, blank=True)
    warmth = models.BooleanField(_("warmte"), null=True, blank=True)
    cooling = models.BooleanField(_("verkoeling"), null=True, blank=True)
    first_aid = models.BooleanField(_("eerste hulp"), null=True, blank=True)
    has_c2000 = models.BooleanField(_("C2000"), null=True, blank=True)
    has_satellite = models.BooleanField(_("satelliettelefoon"), null=True, blank=True)
    has_radio = models.BooleanField(_("(nood)radio"), null=True, blank=True)
    toilets = models.BooleanField(_("toiletten"), null=True, blank=True)
    wheelchair_accessible = models.BooleanField(_("rolstoeltoegankelijk"), null=True, blank=True)
    pets_allowed = models.BooleanField(_("huisdieren welkom"), null=True, blank=True)
    medical_device_charging = models.BooleanField(_("opladen medische hulpmiddelen"), null=True,
                                                  blank=True)
    activation_protocol = models.TextField(_("activeringsprotocol"), blank=True)
    last_exercised_on = models.DateField(_("laatst beoefend op"), null=True, blank=True)
    history = HistoricalRecords()

    FACILITY_FIELDS = (
        "backup_power", "drinking_water", "warmth", "cooling", "first_aid", "has_c2000",
        "has_satellite", "has_radio", "toilets", "wheelchair_accessible", "pets_allowed",
        "medical_device_charging",
    )

    class Meta:
        verbose_name = _("noodsteunpunt")
        verbose_name_plural = _("noodsteunpunten")
        ordering = ["community__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="supportpoint_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.community})"

    def save(self, *args, **kwargs):
        """Keep a dated snapshot whenever the status changes, for the history of the plan."""
        previous = None
        if self.pk:
            previous = (SupportPoint.objects.filter(pk=self.pk)
                        .values_list("status", flat=True).first())
        super().save(*args, **kwargs)
        if previous != self.status:
            StatusSnapshot.objects.create(support_point=self, status=self.status,
                                          on=timezone.localdate())


class StatusSnapshot(models.Model):
    support_point = models.ForeignKey(SupportPoint, on_delete=models.CASCADE,
                                      related_name="snapshots", verbose_name=_("noodsteunpunt"))
    status = models.CharField(_("status"), max_length=12, choices=SupportPoint.Status.choices)
    on = models.DateField(_("datum"))
    note = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("statusmoment")
        verbose_name_plural = _("statusmomenten")
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"{self.support_point.name}: {self.get_status_display()} ({self.on})"


class KeyHolder(Provenance):
    """Who opens the building. Personal data: restricted like key figures' contacts."""

    support_point = models.ForeignKey(SupportPoint, on_delete=models.CASCADE,
                                      related_name="key_holders", verbose_name=_("noodsteunpunt"))
    name = models.CharField(_("naam"), max_length=150)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    reach_without_phone = models.CharField(_("bereikbaar zonder telefoon"), max_length=300,
                                           blank=True)
    purpose = models.CharField(_("doel van de verwerking"), max_length=300,
                               default="Openen van het noodsteunpunt bij een verstoring")
    consent_on = models.DateField(_("toestemming gegeven op"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sleutelhouder")
        verbose_name_plural = _("sleutelhouders")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["support_point", "name"], name="keyholder_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name
