"""Fuzzing GeoJSON geometry (the admin's map field on municipality, kern and buurt): any
JSON value is either refused with a ValidationError or saved and read back unchanged."""

from __future__ import annotations

import json
import math

from django.core.exceptions import ValidationError
from hypothesis import event, given, settings
from hypothesis import strategies as st

from tests.fuzz.conftest import assert_clear, rolled_back
from weerbaar.core.geo import GEOMETRY_TYPES, validate_geojson
from weerbaar.places.models import Municipality

NUMBER = st.one_of(st.floats(-200, 200), st.floats(allow_nan=True, allow_infinity=True),
                   st.integers(-(2**70), 2**70), st.booleans(), st.sampled_from(["5.1", None]))
POSITION = st.lists(NUMBER, max_size=4)
COORDINATES = st.recursive(POSITION, lambda inner: st.lists(inner, max_size=4), max_leaves=20)
JSON_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=10)),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=10)
GEOMETRY = st.one_of(
    st.fixed_dictionaries({"type": st.one_of(st.sampled_from(sorted(GEOMETRY_TYPES) + ["Feature"]),
                                             JSON_VALUE),
                           "coordinates": COORDINATES},
                          optional={"bbox": st.lists(NUMBER, max_size=4), "crs": JSON_VALUE}),
    JSON_VALUE,
)


@settings(max_examples=100)
@given(value=GEOMETRY)
def test_validate_geojson_refuses_or_accepts(value):
    try:
        validate_geojson(value)
    except ValidationError as error:
        event("refused")
        for message in error.messages:
            assert_clear(message)
    else:
        event("accepted")


def finite_json(value) -> bool:
    """JSON as the standard defines it: no NaN or infinity anywhere."""
    try:
        json.dumps(value, allow_nan=False)
    except (ValueError, TypeError):
        return False
    return True


@settings(max_examples=60)
@given(value=GEOMETRY)
def test_geometry_is_refused_or_stored_unchanged(places, value):
    municipality = places
    with rolled_back():
        municipality.geometry = value
        try:
            municipality.full_clean()
        except ValidationError as error:
            event("refused")
            assert "geometry" in error.message_dict
            return
        event("stored")
        assert finite_json(value), f"accepted a geometry that is not valid JSON: {value!r}"
        municipality.save()
        stored = Municipality.objects.get(pk=municipality.pk).geometry
        assert stored == value or (value in (None, "") and stored in (None, ""))


def test_positions_must_be_numbers():
    """Regression (found by fuzzing): a position of text or booleans, or a list as type,
    raised TypeError (a 500 in the admin); NaN anywhere (which PostgreSQL's jsonb refuses on
    save) or a point without any position was accepted."""
    for bad in ({"type": "Point", "coordinates": [True, "a"]},
                {"type": "Point", "coordinates": ["5.1", "51.6"]},
                {"type": "Point", "coordinates": [math.nan, 51.6]},
                {"type": "Point", "coordinates": [[]]},
                {"type": "Polygon", "coordinates": [[[5.1, 51.6], [5.2, None]]]},
                {"type": ["Point"], "coordinates": [5.1, 51.6]},
                {"type": "Point", "coordinates": [5.1, 51.6], "bbox": [math.nan]}):
        try:
            validate_geojson(bad)
        except ValidationError:
            continue
        raise AssertionError(f"accepted {bad!r}")
    validate_geojson({"type": "Point", "coordinates": [5.6, 51.7]})
    validate_geojson({"type": "Polygon", "coordinates": [[[5.1, 51.6], [5.2, 51.6], [5.1, 51.7],
                                                          [5.1, 51.6]]]})
