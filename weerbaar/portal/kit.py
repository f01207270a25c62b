"""The Denk Vooruit emergency kit: the checklist and the household quantity calculator.

Pure Python: no Django, no database. The checklist labels are Dutch msgids marked with the
no-op `_` below so `makemessages` collects them; the view translates them at render time.

Every number comes from ../shared/data/bernheze-facts.md ("Denk Vooruit", the national
campaign since 3 Nov 2025) unless it is marked as our own assumption:

* water: about 3 L per person per day (2 L drinking + 1 L for food)         — Denk Vooruit
* pets: about 0.5 L per animal per day                                       — Denk Vooruit
* cash: EUR 70 per adult and EUR 30 per child, for the 72 hours              — Denk Vooruit
* default period: 72 hours = 3 days                                          — Denk Vooruit
* babies: 3 L per day like everyone else (formula, bottles, washing)         — our assumption
* babies count as children for cash (EUR 30)                                 — our assumption
* cash is a fixed amount for 72 h, not scaled with the number of days       — our assumption
* one torch per adult (at least one) and one spare set of batteries for the
  radio and for each torch                                                   — our assumption
* medication: at least a week's supply, longer when planning for more days  — our assumption
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal


def _(text: str) -> str:
    """Marks a Dutch msgid for makemessages; translation happens in the view."""
    return text


# --- the rules -------------------------------------------------------------------------

WATER_LITRES_PER_PERSON_PER_DAY = Decimal("3")      # Denk Vooruit: 2 L drinking + 1 L food
WATER_DRINKING_LITRES = Decimal("2")
WATER_FOOD_LITRES = Decimal("1")
WATER_LITRES_PER_PET_PER_DAY = Decimal("0.5")      # Denk Vooruit
CASH_PER_ADULT_EUR = 70                             # Denk Vooruit
CASH_PER_CHILD_EUR = 30                             # Denk Vooruit; babies count as children
DEFAULT_DAYS = 3                                    # Denk Vooruit: 72 hours
MEDICATION_MIN_DAYS = 7                             # our assumption: a week's supply
BOTTLE_LITRES = Decimal("1.5")                      # for the shopping hint only
CHECK_EVERY_MONTHS = 6                              # Denk Vooruit

MAX_PER_FIELD = 20
MIN_DAYS = 1

# Special needs a household can tick (keys are stable; labels live in forms.py).
NEED_DEVICE = "apparaat"          # an electrical medical device (e.g. oxygen, ventilation)
NEED_COLD_MEDICINE = "koeling"    # medicines that must stay cold
NEED_DIET = "dieet"
NEED_MOBILITY = "mobiliteit"
NEEDS = (NEED_DEVICE, NEED_COLD_MEDICINE, NEED_DIET, NEED_MOBILITY)


# --- the checklist ---------------------------------------------------------------------

@dataclass(frozen=True)
class Item:
    key: str
    label: str
    note: str = ""


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    items: tuple[Item, ...]


CHECKLIST: tuple[Section, ...] = (
    Section("water-eten", _("Water en eten"), (
        Item("water", _("Water: ongeveer 3 liter per persoon per dag"),
             _("2 liter om te drinken en 1 liter voor eten. Voor een huisdier ongeveer een halve "
               "liter per dag.")),
        Item("eten", _("Eten dat lang goed blijft"),
             _("Eten dat u zonder koelkast kunt bewaren en dat u ook zonder koken kunt eten.")),
    )),
    Section("stroom-licht", _("Nieuws, licht en stroom"), (
        Item("radio", _("Radio op batterijen of met een slinger (FM of DAB)"),
             _("Zo hoort u nieuws van de overheid als internet en tv niet werken.")),
        Item("telefoon", _("Telefoon met een opgeladen powerbank")),
        Item("zaklamp", _("Zaklamp")),
        Item("batterijen", _("Reservebatterijen")),
        Item("kaarsen", _("Kaarsen en lucifers"),
             _("Laat een brandende kaars nooit alleen.")),
    )),
    Section("ehbo-warmte", _("Eerste hulp en warmte"), (
        Item("ehbo", _("EHBO-doos")),
        Item("dekens", _("Dekens")),
        Item("fluitje", _("Fluitje"), _("Om hulp te roepen.")),
    )),
    Section("papieren-geld", _("Papieren, sleutels en geld"), (
        Item("kopieen", _("Kopieën van identiteitsbewijzen")),
        Item("telefoonlijst", _("Een lijst met belangrijke telefoonnummers op papier")),
        Item("sleutels", _("Reservesleutels")),
        Item("contant", _("Contant geld: €70 per volwassene en €30 per kind"),
             _("Pinnen en geldautomaten werken niet zonder stroom.")),
    )),
    Section("persoonlijk", _("Persoonlijke spullen"), (
        Item("medicijnen", _("Medicijnen die u nodig heeft")),
        Item("babyvoeding", _("Babyvoeding en luiers, als u een baby heeft")),
        Item("dierenvoer", _("Dierenvoer, als u een huisdier heeft")),
        Item("hygiene", _("Spullen voor hygiëne"),
             _("Bijvoorbeeld toiletpapier, vochtige doekjes en tandpasta.")),
    )),
)


# --- the calculator --------------------------------------------------------------------

@dataclass(frozen=True)
class Household:
    adults: int = 0
    children: int = 0
    babies: int = 0
    pets: int = 0
    days: int = DEFAULT_DAYS
    medication: bool = False
    needs: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self):
        for name in ("adults", "children", "babies", "pets"):
            value = getattr(self, name)
            if not 0 <= value <= MAX_PER_FIELD:
                raise ValueError(f"{name} must be 0..{MAX_PER_FIELD}, got {value}")
        if not MIN_DAYS <= self.days <= MAX_PER_FIELD:
            raise ValueError(f"days must be {MIN_DAYS}..{MAX_PER_FIELD}, got {self.days}")
        if self.persons < 1:
            raise ValueError("a household has at least one person")
        unknown = set(self.needs) - set(NEEDS)
        if unknown:
            raise ValueError(f"unknown needs: {sorted(unknown)}")

    @property
    def persons(self) -> int:
        return self.adults + self.children + self.babies


@dataclass(frozen=True)
class KitQuantities:
    household: Household
    persons: int
    days: int
    water_people_litres: Decimal      # 3 L x persons x days (babies included)
    water_drinking_litres: Decimal    # the 2 L part
    water_food_litres: Decimal        # the 1 L part
    water_pets_litres: Decimal        # 0.5 L x pets x days
    water_total_litres: Decimal
    water_bottles: int                # bottles of 1.5 L, rounded up
    cash_adults_eur: int
    cash_children_eur: int            # children and babies
    cash_total_eur: int
    food_person_days: int             # persons x days
    torches: int
    battery_sets: int                 # radio + one per torch
    medication_days: int              # 0 when nobody uses medication
    extras: tuple[str, ...]           # keys of the personal items that apply, in order


def calculate(household: Household) -> KitQuantities:
    """The quantities for a household, with the rules documented at the top of this module."""
    persons, days = household.persons, household.days
    drinking = WATER_DRINKING_LITRES * persons * days
    food = WATER_FOOD_LITRES * persons * days
    people = WATER_LITRES_PER_PERSON_PER_DAY * persons * days
    assert people == drinking + food
    pets = WATER_LITRES_PER_PET_PER_DAY * household.pets * days
    total = people + pets
    cash_adults = CASH_PER_ADULT_EUR * household.adults
    cash_children = CASH_PER_CHILD_EUR * (household.children + household.babies)
    torches = max(1, household.adults)
    extras = []
    if household.medication:
        extras.append("medicijnen")
    if NEED_COLD_MEDICINE in household.needs:
        extras.append(NEED_COLD_MEDICINE)
    if NEED_DEVICE in household.needs:
        extras.append(NEED_DEVICE)
    if household.babies:
        extras.append("baby")
    if household.pets:
        extras.append("huisdieren")
    if NEED_DIET in household.needs:
        extras.append(NEED_DIET)
    if NEED_MOBILITY in household.needs:
        extras.append(NEED_MOBILITY)
    return KitQuantities(
        household=household,
        persons=persons,
        days=days,
        water_people_litres=people,
        water_drinking_litres=drinking,
        water_food_litres=food,
        water_pets_litres=pets,
        water_total_litres=total,
        water_bottles=math.ceil(total / BOTTLE_LITRES),
        cash_adults_eur=cash_adults,
        cash_children_eur=cash_children,
        cash_total_eur=cash_adults + cash_children,
        food_person_days=persons * days,
        torches=torches,
        battery_sets=torches + 1,
        medication_days=max(MEDICATION_MIN_DAYS, days) if household.medication else 0,
        extras=tuple(extras),
    )
