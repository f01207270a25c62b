"""The seed's table (§3.2, VRBN 'Continuïteit van de Samenleving — Stroomuitval') comes out
of stroomuitval-72u run on the Bernheze demo registers, column by column.

The expectations are typed from the seed (sector, column, words of the cell here; the whole
cell texts in the engine's seed-table test), not read from the scenario file, so the test
fails when the file, the mechanism or the registers drift.
"""

import pytest

from tests.engines.test_cascade_seed_table import TABLE
from weerbaar.demo.loader import load_demo
from weerbaar.places.models import Municipality
from weerbaar.scenarios.services import run_scenario
from weerbaar.workspace.scenario_tables import PHASES, timeline

pytestmark = pytest.mark.django_db

# (sector, column, a word that identifies the seed's cell text, OCR errors corrected)
SEED = [
    ("Bevolkingszorg", "0-2", "uitval"),
    ("Bevolkingszorg", "2-4", "chaos"),
    ("Bevolkingszorg", "2-4", "hoogbouw"),
    ("Bevolkingszorg", "24+", "hygiëne"),
    ("Brandweer", "0-2", "lift"),
    ("Brandweer", "0-2", "meldkamer"),
    ("Brandweer", "2-4", "hulpverleningsdiensten"),
    ("Brandweer", "4-24", "privévoertuigen"),
    ("Brandweer", "24+", "risico"),
    ("GHOR", "0-2", "aggregaat"),
    ("GHOR", "0-2", "ziekenhuis"),
    ("GHOR", "4-24", "uitstroom"),
    ("GHOR", "24+", "brandstof"),
    ("Politie", "0-2", "beveiliging"),
    ("Politie", "0-2", "straat"),
    ("Politie", "4-24", "politiebureau"),
    ("Politie", "4-24", "concentratie"),
    ("Politie", "24+", "criminaliteit"),
    ("Meldkamer", "0-2", "noodstroom"),
    ("Enexis", "0-2", "afschakelen"),
    ("Enexis", "4-24", "eigen systemen"),
    ("Enexis", "24+", "trap"),
    ("Gasunie", "0-2", "cv-ketels"),
    ("Gasunie", "24+", "tunnel"),
    ("RWS droog", "0-2", "verkeerslichten"),
    ("RWS droog", "2-4", "chaos"),
    ("RWS droog", "4-24", "matrix"),
    ("RWS nat", "0-2", "bruggen"),
    ("RWS nat", "2-4", "alternatieve route"),
    ("Waterschap", "0-2", "gemalen"),
    ("Waterschap", "24+", "milieu"),
    ("Brabant Water", "0-2", "hoogbouw"),
    ("Brabant Water", "24+", "zuivering"),
    ("ProRail", "0-2", "treinen"),
    ("ProRail", "2-4", "station"),
    ("Telecom", "0-2", "internet"),
    ("Telecom", "2-4", "112"),
    ("Telecom", "4-24", "c2000"),
    ("Tankstations", "0-2", "tanken"),
    ("Tankstations", "4-24", "stroomnet"),
    ("Tankstations", "24+", "vervoer"),
    ("Algemeen", "2-4", "telefonisch contact"),
    ("Algemeen", "4-24", "meldkamer"),
    ("Algemeen", "24+", "voedsel"),
]


@pytest.fixture(scope="module")
def bernheze_run(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            load_demo(accounts=False)
            municipality = Municipality.objects.get(cbs_code="GM1721")
            run = run_scenario("stroomuitval-72u", municipality, use_cache=False)
            transaction.set_rollback(True)
    return run


def test_the_demo_registers_were_used(bernheze_run):
    assert bernheze_run.region is not None
    assert bernheze_run.region.region.municipality == "Bernheze"
    assert len(bernheze_run.region.region.neighbourhoods) >= 5
    assert bernheze_run.kit_share is not None and bernheze_run.kit_share.from_survey


@pytest.mark.parametrize("sector, column, word", SEED, ids=[f"{s}-{c}-{w}" for s, c, w in SEED])
def test_every_seed_effect_lands_in_its_seed_column(bernheze_run, sector, column, word):
    rows, never = timeline(bernheze_run)
    row = next((r for r in rows if r.sector.lower() == sector.lower()), None)
    assert row is not None, f"sector {sector} missing"
    found = {phase: [e["text"] for e in cell.effects] for phase, cell
             in zip(PHASES, row.cells, strict=True)}
    matches = [phase for phase, texts in found.items()
               if any(word in text.lower() for text in texts)]
    assert column in matches, f"{sector}: '{word}' expected in {column}, found {found}"


def test_no_sector_has_effects_outside_the_seed_columns(bernheze_run):
    expected = {}
    for sector, column, _word in SEED:
        expected.setdefault(sector.lower(), set()).add(column)
    rows, never = timeline(bernheze_run)
    assert never == []
    for row in rows:
        columns = {phase for phase, cell in zip(PHASES, row.cells, strict=True) if cell.effects}
        assert columns == expected[row.sector.lower()], row.sector


def test_every_cell_holds_exactly_the_seed_texts(bernheze_run):
    """Cell by cell, the page's timeline on the demo registers equals the seed's table."""
    rows, _never = timeline(bernheze_run)
    got = {row.sector: {phase: {e["text"] for e in cell.effects}
                        for phase, cell in zip(PHASES, row.cells, strict=True) if cell.effects}
           for row in rows}
    assert got == TABLE
