"""The social fabric: organisations, help services, informal networks and key figures."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from weerbaar.core.models import Provenance
from weerbaar.places.models import Community, Municipality


class Organisation(Provenance):
    class Kind(models.TextChoices):
        VITAL_PROVIDER = "vital", _("Vitale aanbieder")
        CARE = "care", _("Zorg")
        WELFARE = "welfare", _("Welzijn")
        ASSOCIATION = "association", _("Vereniging")
        VOLUNTEER = "volunteer", _("Vrijwilligersorganisatie")
        BUSINESS = "business", _("Bedrijf")
        GOVERNMENT = "government", _("Overheid")
        EMERGENCY = "emergency", _("Hulpdienst")
        EDUCATION = "education", _("Onderwijs")
        HOUSING = "housing", _("Woningcorporatie")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT,
                                     related_name="organisations", verbose_name=_("gemeente"))
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("omschrijving"), blank=True)
    website = models.URLField(_("website"), blank=True)
    public_phone = models.CharField(_("algemeen telefoonnummer"), max_length=40, blank=True)
    public_email = models.EmailField(_("algemeen e-mailadres"), blank=True)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    is_partner = models.BooleanField(
        _("partner in het professioneel netwerk"), default=False,
        help_text=_("Telt mee voor subdoelen IV-1 tot en met IV-3."))
    integral_task_documented_on = models.DateField(
        _("integrale opgave vastgelegd op"), null=True, blank=True,
        help_text=_("Datum waarop de organisatie de opgave in visie, beleid of werkwijze vastlegde (IV-1)."))
    integral_task_evidence = models.CharField(_("vastgelegd in"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="organisation_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class HelpService(Provenance):
    """Where a resident can go with a help question (after Open Referral HSDS)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="help_services", verbose_name=_("organisatie"))
    community = models.ForeignKey(Community, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="help_services", verbose_name=_("kern"),
                                  help_text=_("Leeg: voor de hele gemeente."))
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("wat u er kunt vragen"), blank=True)
    for_whom = models.CharField(_("voor wie"), max_length=300, blank=True)
    location_name = models.CharField(_("locatie"), max_length=200, blank=True)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    latitude = models.FloatField(_("breedtegraad"), null=True, blank=True)
    longitude = models.FloatField(_("lengtegraad"), null=True, blank=True)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    url = models.URLField(_("website"), blank=True)
    hours = models.CharField(_("openingstijden"), max_length=300, blank=True)
    languages = models.CharField(_("talen"), max_length=100, blank=True)
    is_published = models.BooleanField(_("openbaar"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hulpaanbod")
        verbose_name_plural = _("hulpaanbod")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="helpservice_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class InformalNetwork(Provenance):
    class Kind(models.TextChoices):
        NEIGHBOUR_HELP = "neighbours", _("Burenhulp")
        CARERS = "carers", _("Mantelzorgers")
        ASSOCIATION = "association", _("Vereniging")
        FOOD_BANK = "foodbank", _("Voedselbank")
        NEIGHBOURHOOD_WATCH = "watch", _("Buurtpreventie")
        FAITH = "faith", _("Geloofsgemeenschap")
        CITIZEN_RESPONDERS = "responders", _("Burgerhulpverleners")
        VILLAGE_COUNCIL = "council", _("Dorpsraad of wijkraad")
        OTHER = "other", _("Anders")

    community = models.ForeignKey(Community, on_delete=models.PROTECT,
                                  related_name="informal_networks", verbose_name=_("kern"))
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    approximate_size = models.PositiveIntegerField(_("ongeveer aantal mensen"), null=True,
                                                   blank=True)
    contact_organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="informal_networks", verbose_name=_("contact via organisatie"))
    description = models.TextField(_("omschrijving"), blank=True)
    mapped_on = models.DateField(_("in kaart gebracht op"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("informeel netwerk")
        verbose_name_plural = _("informele netwerken")
        ordering = ["community__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="network_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class KeyFigure(Provenance):
    """A sleutelfiguur. Personal data: purpose and consent are required, access is restricted."""

    community = models.ForeignKey(Community, on_delete=models.PROTECT,
                                  related_name="key_figures", verbose_name=_("kern"))
    name = models.CharField(_("naam"), max_length=150)
    role = models.CharField(_("rol"), max_length=200)
    reach_without_phone = models.TextField(
        _("bereikbaar zonder telefoon of internet"),
        help_text=_("Waar en wanneer de sleutelfiguur persoonlijk te vinden is."))
    public_channel = models.CharField(
        _("openbaar contactkanaal"), max_length=300, blank=True,
        help_text=_("Via welk openbaar kanaal inwoners deze sleutelfiguur bereiken (nooit privénummers)."))
    phone = models.CharField(_("telefoon (privé)"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail (privé)"), blank=True)
    address = models.CharField(_("adres (privé)"), max_length=200, blank=True)
    purpose = models.CharField(_("doel van de verwerking"), max_length=300)
    consent_on = models.DateField(_("toestemming gegeven op"))
    role_confirmed_on = models.DateField(_("rol laatst bevestigd op"), null=True, blank=True)
    is_active = models.BooleanField(_("actief"), default=True)
    ended_on = models.DateField(_("rol beëindigd op"), null=True, blank=True)
    history = HistoricalRecords()

    # Fields only roles with a need to know may see (see accounts.roles).
    PERSONAL_FIELDS = ("phone", "email", "address")

    class Meta:
        verbose_name = _("sleutelfiguur")
        verbose_name_plural = _("sleutelfiguren")
        ordering = ["community__name", "name"]
        permissions = [("view_keyfigure_contact", _("Mag privécontactgegevens van sleutelfiguren zien"))]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="keyfigure_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.community})"


class Publication(Provenance):
    """An edition of a community's social-fabric overview, on the web or on paper (II-1)."""

    class Kind(models.TextChoices):
        DIGITAL = "digital", _("Digitaal (webpagina)")
        PRINTED = "printed", _("Gedrukt (boekje)")

    community = models.ForeignKey(Community, on_delete=models.CASCADE,
                                  related_name="publications", verbose_name=_("kern"))
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    published_on = models.DateField(_("gepubliceerd op"))
    title = models.CharField(_("titel"), max_length=200, blank=True)
    url = models.URLField(_("link"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("uitgave sociaal weefsel")
        verbose_name_plural = _("uitgaven sociaal weefsel")
        ordering = ["-published_on"]
        constraints = [
            models.UniqueConstraint(fields=["community", "kind", "published_on"],
                                    name="publication_unique_edition"),
        ]

    def __str__(self) -> str:
        return f"{self.community} — {self.get_kind_display()} {self.published_on}"
