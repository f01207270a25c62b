"""The register indicators read each register once per computation, and never keep a result
between computations (a change in a register shows at once)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from weerbaar.places.models import Municipality
from weerbaar.programme.indicators import compute_register_indicators, subgoal_overview
from weerbaar.vital.models import ContinuityPlan, VitalAsset

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 1)


@pytest.fixture
def bernheze():
    from weerbaar.demo.loader import load_demo

    load_demo(accounts=False)
    return Municipality.objects.get(slug="bernheze")


def by_code(results):
    return {r.code: r for r in results}


def test_eight_indicators_in_a_dozen_queries(bernheze):
    with CaptureQueriesContext(connection) as queries:
        results = compute_register_indicators(bernheze, TODAY)
    assert len(results) == 8
    assert len(queries) <= 13  # was 28


def test_overview_reuses_what_it_is_given(bernheze):
    from weerbaar.programme.indicators import subgoals_of

    subgoals = subgoals_of(bernheze)
    computed = compute_register_indicators(bernheze, TODAY, subgoals=subgoals)
    with CaptureQueriesContext(connection) as queries:
        overview = subgoal_overview(bernheze, TODAY, computed=computed, survey_results={},
                                    subgoals=subgoals)
    assert queries.captured_queries == []
    assert [r.code for r in overview] == list(subgoals)


def test_vital_items_follow_the_registers_at_once(bernheze):
    before = by_code(compute_register_indicators(bernheze, TODAY))
    asset = VitalAsset.objects.filter(municipality=bernheze, acknowledged_on__isnull=True).first()
    asset.acknowledged_on = TODAY
    asset.save()
    ContinuityPlan.objects.filter(asset=asset).delete()
    ContinuityPlan.objects.create(asset=asset, last_reviewed_on=TODAY, source="test")
    after = by_code(compute_register_indicators(bernheze, TODAY))
    assert after["III-2"].numerator == before["III-2"].numerator + 1
    assert after["III-2"].denominator == before["III-2"].denominator
    assert after["III-3"].numerator >= 1
    assert after["III-3"].denominator == before["III-3"].denominator
