"""Shared small region and scenario text for the cascade engine tests."""

from weerbaar.engines.cascade import (
    Distribution,
    KeyFigureContact,
    Neighbourhood,
    Region,
    SupportPointSite,
    VulnerableSite,
)


def small_region() -> Region:
    """Six buurten in two kernen along a line (1 km apart), three noodsteunpunten, two care sites."""
    nbs = [
        Neighbourhood(
            f"BU{i}",
            f"Buurt {i}",
            "Heesch" if i < 3 else "Nistelrode",
            1000.0 * i,
            0.0,
            households=400,
            residents=1000,
            reduced_self_reliance=30,
            electricity_dependent=5,
        )
        for i in range(6)
    ]
    points = [
        SupportPointSite("sp-a", "Punt A", "Heesch", 0, 0, capacity_per_hour=20, backup_hours=4.0),
        SupportPointSite("sp-b", "Punt B", "Heesch", 2000, 0, capacity_per_hour=20, backup_hours=None),
        SupportPointSite(
            "sp-c",
            "Punt C",
            "Nistelrode",
            5000,
            0,
            capacity_per_hour=50,
            backup_hours=Distribution("triangular", (24, 48, 72)),
            opens_at_hours=1,
        ),
    ]
    sites = [
        VulnerableSite("vs-zorg", "Zorgcentrum", 40, 12.0),
        VulnerableSite("vs-groep", "Woongroep", 8, None),
    ]
    figures = [
        KeyFigureContact("k1", "Heesch", ("mobile", "in_person")),
        KeyFigureContact("k2", "Heesch", ("fixed",)),
        KeyFigureContact("k3", "Nistelrode", ("in_person",)),
    ]
    return Region(nbs, points, sites, figures, "GM1721")


SMALL = """\
name: klein
title: Klein voorbeeld
hours: 24
parameters:
  mast_hours: {value: {triangular: [2, 3, 4]}, assumption: test}
services:
  electricity: {name: Stroom}
  telecom_mobile: {provided_by: [mast]}
assets:
  mast:
    sector: Telecom
    needs:
      - {service: electricity, backup: battery, autonomy_hours: {param: mast_hours}}
  meldkamer:
    sector: Meldkamer
    needs:
      - {service: telecom_mobile, backup: none}
  ziekenhuis:
    sector: GHOR
    needs:
      - {service: electricity, backup: generator, autonomy_hours: 12}
effects:
  e-stroom: {sector: Algemeen, text: Stroom weg, when: {service: electricity, state: out}}
  e-mast: {sector: Telecom, text: Mast uit, when: {asset: mast, state: failed}}
  e-meldkamer: {sector: Meldkamer, text: Meldkamer onbereikbaar, when: {asset: meldkamer, state: failed}}
  e-zkh: {sector: GHOR, text: Ziekenhuis zonder stroom, when: {asset: ziekenhuis, state: failed}}
  e-beide:
    sector: Algemeen
    text: Beide
    when: {all: [{asset: mast, state: failed}, {asset: ziekenhuis, state: failed}]}
disruption:
  - {service: electricity, start_hours: 0, duration_hours: 10}
"""
