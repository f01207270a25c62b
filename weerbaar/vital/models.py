"""Vital infrastructure, vulnerable residential locations and their continuity plans."""

from datetime import date

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from weerbaar.core.models import Provenance
from weerbaar.network.models import Organisation
from weerbaar.places.models import Community, Municipality
from weerbaar.vital.services import BackupKind, Service


class VitalProcess(Provenance):
    class Category(models.TextChoices):
        A = "A", _("Categorie A (NCTV)")
        B = "B", _("Categorie B (NCTV)")
        INTERNAL = "internal", _("Intern gemeentelijk proces")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True,
        related_name="vital_processes", verbose_name=_("gemeente"),
        help_text=_("Alleen voor interne gemeentelijke processen; leeg voor de NCTV-lijst."))
    name = models.CharField(_("naam"), max_length=200)
    category = models.CharField(_("categorie"), max_length=10, choices=Category.choices)
    description = models.TextField(_("omschrijving"), blank=True)
    owner = models.CharField(_("eigenaar (team of rol)"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vitaal proces")
        verbose_name_plural = _("vitale processen")
        ordering = ["category", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="process_unique_name"),
            # NULL municipalities are distinct in SQL: the national list needs its own rule.
            models.UniqueConstraint(fields=["name"], condition=Q(municipality__isnull=True),
                                    name="national_process_unique_name"),
            models.CheckConstraint(
                name="internal_process_has_municipality",
                condition=~Q(category="internal") | Q(municipality__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_internal(self) -> bool:
        return self.category == self.Category.INTERNAL

    def clean(self) -> None:
        if self.is_internal and not self.municipality_id:
            raise ValidationError({"municipality": _("Een intern proces hoort bij een gemeente.")})


class VitalProvider(Provenance):
    organisation = models.OneToOneField(Organisation, on_delete=models.PROTECT,
                                        related_name="vital_provider",
                                        verbose_name=_("organisatie"))
    processes = models.ManyToManyField(VitalProcess, blank=True, related_name="providers",
                                       verbose_name=_("vitale processen"))
    emergency_contact = models.CharField(
        _("contact bij verstoring (functie en nummer)"), max_length=300, blank=True,
        help_text=_("Zichtbaar voor programmabureau, crisisorganisatie en de aanbieder zelf."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vitale aanbieder")
        verbose_name_plural = _("vitale aanbieders")
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return str(self.organisation)


class Acknowledged(models.Model):
    """III-2: an item counts as 'in view' once its provider has acknowledged the record."""

    acknowledged_on = models.DateField(_("erkend door aanbieder op"), null=True, blank=True)
    acknowledged_by = models.CharField(_("erkend door (naam en functie)"), max_length=200,
                                       blank=True)

    class Meta:
        abstract = True


class VitalAsset(Provenance, Acknowledged):
    """A concrete site or service serving the municipality."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT,
                                     related_name="vital_assets", verbose_name=_("gemeente"))
    community = models.ForeignKey(Community, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="vital_assets", verbose_name=_("kern"),
                                  help_text=_("Leeg: bedient de hele gemeente of de regio."))
    provider = models.ForeignKey(VitalProvider, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="assets", verbose_name=_("vitale aanbieder"))
    process = models.ForeignKey(VitalProcess, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="assets", verbose_name=_("vitaal proces"))
    name = models.CharField(_("naam"), max_length=200)
    provides = models.CharField(_("levert dienst"), max_length=20, choices=Service.choices,
                                blank=True)
    description = models.TextField(_("omschrijving"), blank=True)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    latitude = models.FloatField(_("breedtegraad"), null=True, blank=True)
    longitude = models.FloatField(_("lengtegraad"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vitale voorziening")
        verbose_name_plural = _("vitale voorzieningen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="asset_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class VulnerableLocation(Provenance, Acknowledged):
    class Kind(models.TextChoices):
        NURSING_HOME = "nursing", _("Verpleeg- of verzorgingshuis")
        DISABILITY_CARE = "disability", _("Gehandicaptenzorg")
        GROUP_HOME = "group_home", _("Woongroep (jeugd)")
        HOSPITAL = "hospital", _("Ziekenhuis")
        RECEPTION = "reception", _("Opvanglocatie")
        PRISON = "prison", _("Penitentiaire inrichting")
        SHELTERED = "sheltered", _("Beschermd wonen")
        OTHER = "other", _("Anders")

    community = models.ForeignKey(Community, on_delete=models.PROTECT,
                                  related_name="vulnerable_locations", verbose_name=_("kern"))
    operator = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="vulnerable_locations",
                                 verbose_name=_("organisatie"))
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    latitude = models.FloatField(_("breedtegraad"), null=True, blank=True)
    longitude = models.FloatField(_("lengtegraad"), null=True, blank=True)
    residents = models.PositiveIntegerField(_("aantal bewoners"), null=True, blank=True)
    share_reduced_self_reliance = models.FloatField(
        _("aandeel verminderd zelfredzaam"), null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)], help_text=_("Tussen 0 en 1."))
    share_not_self_reliant = models.FloatField(
        _("aandeel niet zelfredzaam"), null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)], help_text=_("Tussen 0 en 1."))
    backup_power = models.BooleanField(_("noodstroom"), null=True, blank=True)
    backup_autonomy_hours = models.FloatField(_("autonomie noodstroom (uren)"), null=True,
                                              blank=True, validators=[MinValueValidator(0)])
    contact = models.CharField(_("contact bij verstoring (functie en nummer)"), max_length=300,
                               blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kwetsbare verblijflocatie")
        verbose_name_plural = _("kwetsbare verblijflocaties")
        ordering = ["community__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="vulnerablelocation_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        reduced, not_reliant = self.share_reduced_self_reliance, self.share_not_self_reliant
        if reduced is not None and not_reliant is not None and reduced + not_reliant > 1:
            raise ValidationError(_("Samen kunnen de aandelen niet groter zijn dan 1."))


class Dependency(Provenance):
    """An asset or vulnerable location needs a service; how long can it hold out without it?"""

    asset = models.ForeignKey(VitalAsset, on_delete=models.CASCADE, null=True, blank=True,
                              related_name="dependencies", verbose_name=_("vitale voorziening"))
    vulnerable_location = models.ForeignKey(
        VulnerableLocation, on_delete=models.CASCADE, null=True, blank=True,
        related_name="dependencies", verbose_name=_("kwetsbare verblijflocatie"))
    service = models.CharField(_("heeft nodig"), max_length=20, choices=Service.choices)
    backup_kind = models.CharField(_("terugvaloptie"), max_length=12, choices=BackupKind.choices,
                                   default=BackupKind.UNKNOWN)
    autonomy_hours = models.FloatField(_("autonomie (uren)"), null=True, blank=True,
                                       validators=[MinValueValidator(0)],
                                       help_text=_("Leeg: onbekend."))
    autonomy_hours_max = models.FloatField(
        _("autonomie hoogstens (uren)"), null=True, blank=True, validators=[MinValueValidator(0)],
        help_text=_("Voor een onzekere autonomie: de bovengrens van het bereik."))
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("afhankelijkheid")
        verbose_name_plural = _("afhankelijkheden")
        constraints = [
            models.UniqueConstraint(
                fields=["asset", "service"], condition=Q(asset__isnull=False),
                name="dependency_unique_asset_service"),
            models.UniqueConstraint(
                fields=["vulnerable_location", "service"], condition=Q(vulnerable_location__isnull=False),
                name="dependency_unique_location_service"),
            models.CheckConstraint(
                name="dependency_exactly_one_subject",
                condition=(Q(asset__isnull=False, vulnerable_location__isnull=True)
                           | Q(asset__isnull=True, vulnerable_location__isnull=False)),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.asset or self.vulnerable_location} → {self.get_service_display()}"

    def clean(self) -> None:
        if bool(self.asset_id) == bool(self.vulnerable_location_id):
            raise ValidationError(_("Kies een vitale voorziening óf een kwetsbare verblijflocatie."))
        if (self.autonomy_hours is not None and self.autonomy_hours_max is not None
                and self.autonomy_hours_max < self.autonomy_hours):
            raise ValidationError({"autonomy_hours_max": _("De bovengrens ligt onder de ondergrens.")})


class ContinuityPlan(Provenance):
    """The continuity plan of one asset, vulnerable location or internal process."""

    class Status(models.TextChoices):
        CURRENT = "current", _("Actueel")
        OVERDUE = "overdue", _("Verlopen")
        MISSING = "missing", _("Ontbreekt")

    asset = models.OneToOneField(VitalAsset, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="continuity_plan",
                                 verbose_name=_("vitale voorziening"))
    vulnerable_location = models.OneToOneField(
        VulnerableLocation, on_delete=models.CASCADE, null=True, blank=True,
        related_name="continuity_plan", verbose_name=_("kwetsbare verblijflocatie"))
    process = models.OneToOneField(VitalProcess, on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="continuity_plan",
                                   verbose_name=_("intern proces"))
    owner = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="continuity_plans", verbose_name=_("eigenaar"))
    title = models.CharField(_("titel"), max_length=200)
    version = models.CharField(_("versie"), max_length=20, blank=True)
    last_reviewed_on = models.DateField(_("laatst herzien op"), null=True, blank=True)
    next_review_on = models.DateField(_("volgende herziening"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("continuïteitsplan")
        verbose_name_plural = _("continuïteitsplannen")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                name="plan_exactly_one_subject",
                condition=(
                    Q(asset__isnull=False, vulnerable_location__isnull=True, process__isnull=True)
                    | Q(asset__isnull=True, vulnerable_location__isnull=False, process__isnull=True)
                    | Q(asset__isnull=True, vulnerable_location__isnull=True, process__isnull=False)
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def subject(self):
        return self.asset or self.vulnerable_location or self.process

    def clean(self) -> None:
        if sum(bool(x) for x in (self.asset_id, self.vulnerable_location_id, self.process_id)) != 1:
            raise ValidationError(
                _("Een plan hoort bij precies één vitale voorziening, kwetsbare verblijflocatie "
                  "of intern proces."))
        if (self.next_review_on and self.last_reviewed_on
                and self.next_review_on < self.last_reviewed_on):
            raise ValidationError({"next_review_on": _("Ligt vóór de laatste herziening.")})

    def status_on(self, today: date | None = None) -> str:
        """Current while reviewed within the currency window and not past its own review date."""
        today = today or timezone.localdate()
        if self.last_reviewed_on is None:
            return self.Status.OVERDUE
        window = relativedelta(months=settings.WEERBAAR_CURRENCY_MONTHS)
        if self.last_reviewed_on + window < today:
            return self.Status.OVERDUE
        if self.next_review_on and self.next_review_on < today:
            return self.Status.OVERDUE
        return self.Status.CURRENT

    @property
    def status(self) -> str:
        return self.status_on()


class ContinuityMeasure(models.Model):
    class Kind(models.TextChoices):
        CONTROL = "control", _("Beheersmaatregel")
        EMERGENCY = "emergency", _("Noodmaatregel")

    plan = models.ForeignKey(ContinuityPlan, on_delete=models.CASCADE, related_name="measures",
                             verbose_name=_("continuïteitsplan"))
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    description = models.TextField(_("maatregel"))
    owner = models.CharField(_("verantwoordelijk"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("maatregel")
        verbose_name_plural = _("maatregelen")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description[:60]}"
