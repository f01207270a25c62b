"""Forms of the public portal: the kit calculator (GET) and the household plan (POST).

Nothing a visitor types is stored or logged: these forms only validate and echo. Every
error message names its field, so it is clear on the page and in the error summary.
"""

import re

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from weerbaar.portal import kit
from weerbaar.supportpoints.models import SupportPoint


def _named(label, message):
    """'Label: message' (lazy), so an error always says which field it is about."""
    return format_lazy(_("{label}: {message}"), label=label, message=message)


class NamedErrorsMixin:
    """Errors as a list of (field id, message) for the summary above the form."""

    def error_summary(self) -> list[tuple[str, str]]:
        summary = []
        for name, errors in self.errors.items():
            target = self[name].auto_id if name in self.fields else ""
            if name in self.fields and isinstance(self.fields[name].widget,
                                                   forms.CheckboxSelectMultiple):
                target = f"{target}_0"
            summary.extend((target, str(message)) for message in errors)
        return summary


# --- the kit calculator ----------------------------------------------------------------

def _count(label, help_text, minimum=0, initial=0):
    message = _named(label, format_lazy(
        _("vul een heel getal in van {minimum} tot en met {maximum}."),
        minimum=minimum, maximum=kit.MAX_PER_FIELD))
    return forms.IntegerField(
        label=label, help_text=help_text, required=False, initial=initial,
        min_value=minimum, max_value=kit.MAX_PER_FIELD,
        error_messages={"invalid": message, "min_value": message, "max_value": message},
        # A text input with a numeric keyboard: a number input hides what was typed wrongly.
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 4, "autocomplete": "off"}),
    )


NEED_CHOICES = [
    (kit.NEED_DEVICE, _("Iemand gebruikt een medisch apparaat dat stroom nodig heeft")),
    (kit.NEED_COLD_MEDICINE, _("Iemand heeft medicijnen die koel moeten blijven")),
    (kit.NEED_DIET, _("Iemand volgt een dieet of heeft een voedselallergie")),
    (kit.NEED_MOBILITY, _("Iemand loopt slecht of kan niet zonder hulp de deur uit")),
]


class KitCalculatorForm(NamedErrorsMixin, forms.Form):
    """GET form; Dutch parameter names in both languages so a link works in both."""

    volwassenen = _count(_("Aantal volwassenen"), _("18 jaar en ouder."), initial=1)
    kinderen = _count(_("Aantal kinderen"), _("Van 2 tot 18 jaar."))
    babys = _count(_("Aantal baby's"), _("Jonger dan 2 jaar."))
    huisdieren = _count(_("Aantal huisdieren"), _("Honden, katten en andere dieren die water drinken."))
    dagen = _count(_("Aantal dagen"), _("Denk Vooruit gaat uit van 72 uur: 3 dagen."),
                   minimum=kit.MIN_DAYS, initial=kit.DEFAULT_DAYS)
    medicijnen = forms.BooleanField(label=_("Iemand in huis gebruikt medicijnen"), required=False)
    zorg = forms.MultipleChoiceField(
        label=_("Extra zorg (kies wat voor uw huis geldt)"), required=False,
        choices=NEED_CHOICES, widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _named(_("Extra zorg"), _("kies uit de lijst."))},
    )

    @classmethod
    def is_submitted(cls, data) -> bool:
        """True when the query string holds any of the calculator's fields."""
        return any(name in data for name in cls.base_fields)

    def clean(self):
        cleaned = super().clean()
        counts = ("volwassenen", "kinderen", "babys", "huisdieren")
        if any(name in self.errors for name in counts):
            return cleaned
        for name in counts:
            if cleaned.get(name) is None:
                cleaned[name] = 0
        if not self.errors.get("dagen") and cleaned.get("dagen") is None:
            cleaned["dagen"] = kit.DEFAULT_DAYS
        if cleaned["volwassenen"] + cleaned["kinderen"] + cleaned["babys"] < 1:
            self.add_error("volwassenen", _named(
                _("Aantal volwassenen"),
                _("uw huishouden heeft minstens één persoon. Vul bij volwassenen, kinderen of "
                  "baby's minstens 1 in.")))
        return cleaned

    def household(self) -> kit.Household:
        data = self.cleaned_data
        return kit.Household(
            adults=data["volwassenen"], children=data["kinderen"], babies=data["babys"],
            pets=data["huisdieren"], days=data["dagen"], medication=bool(data.get("medicijnen")),
            needs=frozenset(data.get("zorg") or ()),
        )


# --- the household plan ----------------------------------------------------------------

PHONE_ROWS = 6
PHONE_PATTERN = re.compile(r"^[0-9+\-() ]*$")


def _text(label, max_length, help_text="", textarea=False):
    message = _named(label, format_lazy(
        _("gebruik maximaal {limit} tekens (u typte er %(show_value)d)."), limit=max_length))
    field = forms.CharField(
        label=label, help_text=help_text, required=False, max_length=max_length,
        error_messages={"max_length": message, "null_characters_not_allowed": _named(
            label, _("deze tekst bevat een teken dat niet mag. Typ de tekst opnieuw."))},
        widget=forms.Textarea(attrs={"rows": 3, "cols": 40}) if textarea else forms.TextInput(
            attrs={"size": 40}),
    )
    # No maxlength attribute: the browser would cut text off silently; we explain instead.
    field.widget.attrs.pop("maxlength", None)
    return field


def support_point_choices(municipality) -> list:
    """The municipality's noodsteunpunten grouped by kern, for a <select> with optgroups."""
    groups: dict[str, list] = {}
    points = (SupportPoint.objects.filter(community__municipality=municipality)
              .select_related("community").order_by("community__name", "name"))
    for point in points:
        text = ", ".join(part for part in (point.name, point.address) if part)
        if point.status not in (SupportPoint.Status.DESIGNATED, SupportPoint.Status.EQUIPPED,
                                SupportPoint.Status.EXERCISED):
            text = format_lazy("{} ({})", text, point.get_status_display().lower())
        groups.setdefault(point.community.name, []).append((str(point.pk), text))
    return [("", _("Weet ik nog niet"))] + list(groups.items())


def community_choices(municipality) -> list:
    return [("", _("Kies uw kern"))] + [
        (community.slug, community.name)
        for community in municipality.communities.order_by("name")
    ]


class HouseholdPlanForm(NamedErrorsMixin, forms.Form):
    leden = _text(_("Wie wonen er in uw huis?"), 200,
                  _("Alleen voornamen. Bijvoorbeeld: Anna, Piet, Sam."))
    plek_dichtbij = _text(_("Ontmoetingsplek dicht bij huis"), 200,
                          _("Waar spreekt u af als u niet thuis kunt komen? Bijvoorbeeld bij de buren "
                            "of bij de kerk."))
    plek_buiten = _text(_("Ontmoetingsplek buiten de buurt"), 200,
                        _("Als de buurt niet veilig is. Bijvoorbeeld bij familie in een ander dorp."))
    kern = forms.ChoiceField(label=_("Uw kern"), required=False,
                             help_text=_("Dan ziet u hoe u de sleutelfiguur van uw kern bereikt."))
    noodsteunpunt = forms.ChoiceField(label=_("Dichtstbijzijnde noodsteunpunt"), required=False)
    medicijnen = _text(_("Medicijnen"), 500,
                       _("Naam, hoeveel en voor wie. Zo kunt u of een hulpverlener het snel zien."),
                       textarea=True)
    wij_kijken_naar = _text(_("Wij kijken naar"), 300,
                            _("Welke buren of familie helpt u bij een verstoring?"), textarea=True)
    naar_ons_kijkt = _text(_("Naar ons kijkt"), 300,
                           _("Wie komt bij u kijken of het goed gaat?"), textarea=True)
    noodpakket = _text(_("Hier staat ons noodpakket"), 200)
    papieren = _text(_("Hier liggen kopieën van belangrijke papieren"), 200)
    huisdieren = _text(_("Huisdieren"), 200,
                       _("Naam en soort, en wat ze nodig hebben."))

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["kern"].choices = community_choices(municipality)
        self.fields["kern"].error_messages["invalid_choice"] = _named(
            _("Uw kern"), _("kies een kern uit de lijst."))
        self.fields["noodsteunpunt"].choices = support_point_choices(municipality)
        self.fields["noodsteunpunt"].error_messages["invalid_choice"] = _named(
            _("Dichtstbijzijnde noodsteunpunt"), _("kies een noodsteunpunt uit de lijst."))
        for row in range(1, PHONE_ROWS + 1):
            self.fields[f"naam_{row}"] = _text(
                format_lazy(_("Naam {row}"), row=row), 60)
            self.fields[f"nummer_{row}"] = _text(
                format_lazy(_("Telefoonnummer {row}"), row=row), 20)

    def clean(self):
        cleaned = super().clean()
        for row in range(1, PHONE_ROWS + 1):
            number = cleaned.get(f"nummer_{row}")
            if number and not PHONE_PATTERN.match(number):
                self.add_error(f"nummer_{row}", _named(
                    self.fields[f"nummer_{row}"].label,
                    _("gebruik alleen cijfers, spaties en de tekens + - ( ).")))
        return cleaned

    def phone_rows(self):
        """(name field, number field) per row, bound, for the template."""
        return [(self[f"naam_{row}"], self[f"nummer_{row}"]) for row in range(1, PHONE_ROWS + 1)]

    def chosen_support_point(self):
        pk = self.cleaned_data.get("noodsteunpunt")
        if not pk:
            return None
        return (SupportPoint.objects.filter(pk=pk, community__municipality=self.municipality)
                .select_related("community").first())

    def chosen_community(self, point=None):
        slug = self.cleaned_data.get("kern")
        if slug:
            return self.municipality.communities.filter(slug=slug).first()
        return point.community if point else None


