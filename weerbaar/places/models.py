"""Areas: the municipality (tenant), its communities (kernen) and CBS neighbourhoods."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from weerbaar.core.geo import validate_geojson
from weerbaar.core.models import Provenance


class Municipality(Provenance):
    cbs_code = models.CharField(
        _("CBS-code"), max_length=6, unique=True,
        validators=[RegexValidator(r"^GM\d{4}$", _("Een CBS-gemeentecode is GM gevolgd door vier cijfers."))],
    )
    name = models.CharField(_("naam"), max_length=100)
    slug = models.SlugField(_("korte naam (in webadressen)"), max_length=100, unique=True,
                            blank=True, help_text=_("Leeg: afgeleid van de naam."))
    safety_region = models.CharField(_("veiligheidsregio"), max_length=100, blank=True)
    geometry = models.JSONField(_("geometrie (GeoJSON, WGS84)"), null=True, blank=True,
                                validators=[validate_geojson])
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)


class Community(Provenance):
    """A kern: the village or town residents identify with."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT,
                                     related_name="communities", verbose_name=_("gemeente"))
    name = models.CharField(_("naam"), max_length=100)
    slug = models.SlugField(_("korte naam"), max_length=100)
    postcodes = models.CharField(_("postcodes (PC4)"), max_length=200, blank=True,
                                 help_text=_("Komma-gescheiden, bijvoorbeeld 5383,5384."))
    latitude = models.FloatField(_("breedtegraad centrum"), null=True, blank=True)
    longitude = models.FloatField(_("lengtegraad centrum"), null=True, blank=True)
    geometry = models.JSONField(_("geometrie (GeoJSON, WGS84)"), null=True, blank=True,
                                validators=[validate_geojson])
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kern")
        verbose_name_plural = _("kernen")
        ordering = ["municipality__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="community_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.name


class Neighbourhood(Provenance):
    """A CBS buurt, the unit of the statistics."""

    community = models.ForeignKey(Community, on_delete=models.PROTECT,
                                  related_name="neighbourhoods", verbose_name=_("kern"))
    cbs_code = models.CharField(
        _("CBS-buurtcode"), max_length=10, unique=True,
        validators=[RegexValidator(r"^BU\d{8}$", _("Een CBS-buurtcode is BU gevolgd door acht cijfers."))],
    )
    name = models.CharField(_("naam"), max_length=150)
    geometry = models.JSONField(_("geometrie (GeoJSON, WGS84)"), null=True, blank=True,
                                validators=[validate_geojson])
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("buurt")
        verbose_name_plural = _("buurten")
        ordering = ["cbs_code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.cbs_code})"


class PopulationStatistic(Provenance):
    """Population figures for exactly one area and year; empty means unknown, never zero."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, null=True, blank=True,
                                     related_name="statistics", verbose_name=_("gemeente"))
    community = models.ForeignKey(Community, on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="statistics", verbose_name=_("kern"))
    neighbourhood = models.ForeignKey(Neighbourhood, on_delete=models.CASCADE, null=True,
                                      blank=True, related_name="statistics",
                                      verbose_name=_("buurt"))
    year = models.PositiveSmallIntegerField(_("peiljaar"), validators=[MinValueValidator(1900)])
    inhabitants = models.PositiveIntegerField(_("inwoners"), null=True, blank=True)
    aged_0_14 = models.PositiveIntegerField(_("0-14 jaar"), null=True, blank=True)
    aged_65_plus = models.PositiveIntegerField(_("65 jaar en ouder"), null=True, blank=True)
    aged_80_plus = models.PositiveIntegerField(_("80 jaar en ouder"), null=True, blank=True)
    households = models.PositiveIntegerField(_("huishoudens"), null=True, blank=True)
    single_person_households = models.PositiveIntegerField(
        _("eenpersoonshuishoudens"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bevolkingscijfer")
        verbose_name_plural = _("bevolkingscijfers")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"], condition=Q(municipality__isnull=False),
                name="statistic_unique_municipality_year"),
            models.UniqueConstraint(
                fields=["community", "year"], condition=Q(community__isnull=False),
                name="statistic_unique_community_year"),
            models.UniqueConstraint(
                fields=["neighbourhood", "year"], condition=Q(neighbourhood__isnull=False),
                name="statistic_unique_neighbourhood_year"),
            models.CheckConstraint(
                name="statistic_exactly_one_area",
                condition=(
                    Q(municipality__isnull=False, community__isnull=True, neighbourhood__isnull=True)
                    | Q(municipality__isnull=True, community__isnull=False, neighbourhood__isnull=True)
                    | Q(municipality__isnull=True, community__isnull=True, neighbourhood__isnull=False)
                ),
            ),
        ]

    @property
    def area(self):
        return self.municipality or self.community or self.neighbourhood

    def __str__(self) -> str:
        return f"{self.area} {self.year}"

    def clean(self) -> None:
        areas = [a for a in (self.municipality_id, self.community_id, self.neighbourhood_id) if a]
        if len(areas) != 1:
            raise ValidationError(_("Kies precies één gebied: gemeente, kern of buurt."))
        total = self.inhabitants
        errors = {}
        if total is not None:
            for field in ("aged_0_14", "aged_65_plus", "aged_80_plus", "households"):
                value = getattr(self, field)
                if value is not None and value > total:
                    errors[field] = _("Kan niet groter zijn dan het aantal inwoners.")
        if (self.aged_80_plus is not None and self.aged_65_plus is not None
                and self.aged_80_plus > self.aged_65_plus):
            errors["aged_80_plus"] = _("80+ kan niet groter zijn dan 65+.")
        if (self.single_person_households is not None and self.households is not None
                and self.single_person_households > self.households):
            errors["single_person_households"] = _("Kan niet groter zijn dan het aantal huishoudens.")
        if errors:
            raise ValidationError(errors)
