"""The VRBN outage table (seed par. 3.2) reproduced column by column, for every sector, by the mechanism.

The expected table is written out here independently of the scenario file (texts with the OCR errors
corrected); the scenario file only holds assets, dependencies and autonomies.
"""

import pytest

from weerbaar.engines.cascade import PHASES, load_builtin, simulate

TABLE = {
    "Bevolkingszorg": {
        "0-2": {"Uitval"},
        "2-4": {"Chaos op de weg", "Hoogbouw valt uit"},
        "24+": {"Hygiëneproblematiek"},
    },
    "Brandweer": {
        "0-2": {"Liftopsluitingen", "Overbelasting meldkamer"},
        "2-4": {"Overbelasting hulpverleningsdiensten"},
        "4-24": {"Uitval privévoertuigen"},
        "24+": {"Risico voor hulpverlening"},
    },
    "GHOR": {
        "0-2": {"Aggregaat tot 12 uur brandstof", "Toestroom naar ziekenhuis"},
        "4-24": {"Uitstroom patiënten"},
        "24+": {"Brandstofproblemen"},
    },
    "Politie": {
        "0-2": {"Uitval beveiligingsinstallaties", "Toename risico politie op straat"},
        "4-24": {"Toeloop burgers naar politiebureaus", "Concentratie van burgers door uitval cv"},
        "24+": {"Verhoogde kans op criminaliteit"},
    },
    "Meldkamer": {"0-2": {"Noodstroomvoorzieningen en brandstofvoorraad gereserveerd voor meldkamer"}},
    "Enexis": {"0-2": {"Getrapt afschakelen 1 t/m 3"}, "4-24": {"Eigen systemen"}, "24+": {"Trap 3, 2, 1"}},
    "Gasunie": {"0-2": {"Cv-ketels vallen uit"}, "24+": {"Tunnelsystemen vallen uit"}},
    "RWS droog": {
        "0-2": {"Verkeerslichten en wegsignalering stoppen"},
        "2-4": {"Chaos op de weg"},
        "4-24": {"Matrixborden vallen uit"},
    },
    "RWS nat": {
        "0-2": {"Bruggen gaan open - scheepvaart gaat voor wegverkeer"},
        "2-4": {"Alternatieve routes hulpverlening"},
    },
    "Waterschap": {
        "0-2": {"Uitval stuwen en gemalen, pompen en persleidingen; rwzi's werken niet meer"},
        "24+": {"Milieu- en gezondheidsrisico"},
    },
    "Brabant Water": {
        "0-2": {"Druk op drinkwater en sanitair in hoogbouw (> 3 etages) valt uit"},
        "24+": {"Verstoring biologisch zuiveringsproces"},
    },
    "ProRail": {
        "0-2": {
            "Uitval beveiligingsinstallaties, uitval baanbegeleiding, overwegen gaan dicht, "
            "treinen vallen stil"
        },
        "2-4": {"Waarschuwingsinstallaties en informatieborden op stations vallen uit"},
    },
    "Telecom": {
        "0-2": {"Geen wifi/internet, telefoon valt uit"},
        "2-4": {"112 valt uit, mogelijk C2000 ook"},
        "4-24": {"Geen verbinding P2000/C2000"},
    },
    "Tankstations": {
        "0-2": {"Tanken is niet meer mogelijk"},
        "4-24": {"Nationaal stroomnet en NCS vallen uit"},
        "24+": {"Vervoersproblematiek"},
    },
    "Algemeen": {
        "2-4": {"Geen onderling telefonisch contact; bewoners kunnen geen contact leggen met de meldkamer"},
        "4-24": {"Geen contact tussen hulpverleningsdiensten en meldkamer"},
        "24+": {"Tekort aan voedsellevering"},
    },
}


def _columns(result):
    got: dict[str, dict[str, set[str]]] = {}
    for e in result.effects:
        got.setdefault(e.sector, {}).setdefault(e.phase, set()).add(e.text)
    return got


@pytest.fixture(scope="module")
def central():
    return simulate(load_builtin("stroomuitval-72u"))


@pytest.fixture(scope="module")
def monte_carlo():
    return simulate(load_builtin("stroomuitval-72u"), runs=200, seed=11)


def test_every_sector_of_the_table_is_modelled(central):
    assert {e.sector for e in central.effects} == set(TABLE)
    assert all(e.phase is not None for e in central.effects)


@pytest.mark.parametrize("sector", sorted(TABLE))
@pytest.mark.parametrize("phase", PHASES)
def test_column_matches_seed_table_central_run(central, sector, phase):
    assert _columns(central).get(sector, {}).get(phase, set()) == TABLE[sector].get(phase, set())


@pytest.mark.parametrize("sector", sorted(TABLE))
def test_row_matches_seed_table_p50_of_monte_carlo(monte_carlo, sector):
    got = _columns(monte_carlo).get(sector, {})
    assert {p: got.get(p, set()) for p in PHASES} == {p: TABLE[sector].get(p, set()) for p in PHASES}


def test_effects_carry_no_time_of_their_own():
    """Onsets come from the mechanism: lengthening the hospital's fuel moves 'Uitstroom patiënten' to 24+."""
    s = load_builtin("stroomuitval-72u").with_overrides({"parameters.hospital_generator_fuel_hours": "30"})
    moved = {e.id: e.phase for e in simulate(s).effects}
    assert moved["ghor-uitstroom"] == "24+"
    assert moved["ghor-aggregaat"] == "0-2"
