"""The siting section of the progress report."""

import datetime as dt

from django.template.loader import render_to_string

from weerbaar.planning.tests.test_services import town  # noqa: F401 - fixture
from weerbaar.reports.programme_report import build_report


def test_progress_report_carries_the_siting_summary(municipality, town):  # noqa: F811
    report = build_report(municipality, "progress", dt.date(2026, 12, 31), today=dt.date(2026, 12, 31))
    s = report.siting
    assert s.p == 2 and s.residents == 210
    assert s.current.covered == 150 and s.recommended.covered == 210
    assert sorted(site.name for site in s.recommended_sites) == ["Oost", "West"]
    html = render_to_string("reports/_programme_siting.html", {"report": report})
    assert "geen officiële normen" in html
    assert "Aanbevolen locaties:" in html and "Oost" in html
    assert "71 %" in html and "100 %" in html


def test_no_section_without_planning_data(municipality):
    report = build_report(municipality, "progress", dt.date(2026, 12, 31), today=dt.date(2026, 12, 31))
    assert report.siting is None
    assert render_to_string("reports/_programme_siting.html", {"report": report}).strip() == ""
