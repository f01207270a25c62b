"""The progress report asks every register for fictitious records in one query, with the
same answer as asking them one by one."""

from django.apps import apps
from django.core.exceptions import FieldError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from weerbaar.core.models import Provenance
from weerbaar.places.models import Municipality
from weerbaar.reports.programme_report import _MUNICIPALITY_PATHS, fictitious_registers


def one_by_one(municipality, skip=frozenset()) -> list[str]:
    """The question asked register by register (what fictitious_registers did before)."""
    found = []
    for model in apps.get_models():
        if (not issubclass(model, Provenance) or model._meta.label in skip
                or model.__name__.startswith("Historical")):
            continue
        fictitious = model.objects.filter(is_fictitious=True)
        scoped = fictitious.filter(pk=municipality.pk) if model is Municipality else None
        for path in () if model is Municipality else _MUNICIPALITY_PATHS:
            try:
                scoped = fictitious.filter(**{path: municipality})
                break
            except FieldError:
                continue
        if (scoped if scoped is not None else fictitious).exists():
            found.append(str(model._meta.verbose_name_plural))
    return sorted(found)


def test_fictitious_registers_in_one_query(demo):
    with CaptureQueriesContext(connection) as queries:
        found = fictitious_registers(demo)
    assert len(queries) == 1
    assert found == one_by_one(demo)
    assert "sleutelfiguren" in found and "noodsteunpunten" not in found
    skip = {"network.KeyFigure"}
    assert fictitious_registers(demo, skip) == one_by_one(demo, skip)
    assert "sleutelfiguren" not in fictitious_registers(demo, skip)


def test_other_municipality_sees_none_of_the_demos(demo):
    other = Municipality.objects.create(cbs_code="GM9996", name="Elders", source="test")
    found = fictitious_registers(other)
    assert found == one_by_one(other)  # registers without a way to a municipality count whole
    assert "sleutelfiguren" not in found


def test_register_names_follow_the_language_of_each_call(demo):
    from django.utils import translation

    dutch = fictitious_registers(demo)
    with translation.override("en"):
        english = fictitious_registers(demo)
        assert english == one_by_one(demo)
    assert fictitious_registers(demo) == dutch
