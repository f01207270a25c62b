"""The services an asset can depend on; stable codes shared with the cascade engine."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Service(models.TextChoices):
    ELECTRICITY = "electricity", _("Elektriciteit")
    GAS = "gas", _("Gas")
    DRINKING_WATER = "drinking_water", _("Drinkwater")
    WASTE_WATER = "waste_water", _("Afvalwater en riolering")
    FIXED_TELECOM = "fixed_telecom", _("Vaste telefonie")
    MOBILE_TELECOM = "mobile_telecom", _("Mobiele telefonie")
    INTERNET = "internet", _("Internet")
    EMERGENCY_NUMBER = "112", _("112")
    C2000 = "c2000", _("C2000")
    FUEL = "fuel", _("Brandstof")
    PAYMENTS = "payments", _("Betalingsverkeer")
    TRAFFIC_CONTROL = "traffic_control", _("Verkeersregeling")
    RAIL = "rail", _("Spoor")
    FOOD_SUPPLY = "food_supply", _("Voedselvoorziening")


class BackupKind(models.TextChoices):
    NONE = "none", _("Geen")
    BATTERY = "battery", _("Accu of batterij")
    GENERATOR = "generator", _("Aggregaat (met brandstof)")
    STORAGE = "storage", _("Voorraad of buffer")
    ALTERNATIVE = "alternative", _("Alternatieve route of voorziening")
    UNKNOWN = "unknown", _("Onbekend")
