"""The demo's exercise: fictitious and labelled so, injects from the run, idempotent."""

import pytest

from weerbaar.demo.loader import load_demo
from weerbaar.scenarios.models import Exercise, Inject, Lesson, Observation

pytestmark = pytest.mark.django_db


def test_demo_exercise_is_fictitious_generated_and_loads_once(client):
    load_demo(accounts=False)
    exercise = Exercise.objects.get(municipality__cbs_code="GM1721")
    assert exercise.is_fictitious and "fictief" in exercise.title.lower()
    injects = list(exercise.injects.all())
    assert injects and all(i.is_fictitious for i in injects)
    assert {i.effect_id for i in injects if i.effect_id}, "injects come from the run's effects"
    for model in (Observation, Lesson):
        records = list(model.objects.filter(exercise=exercise))
        assert records and all(r.is_fictitious and r.text.startswith("Fictief:") for r in records)
    counts = (Inject.objects.count(), Observation.objects.count(), Lesson.objects.count())
    histories = (Exercise.history.count(), Observation.history.count(), Lesson.history.count())
    again = load_demo(accounts=False)
    assert (Inject.objects.count(), Observation.objects.count(), Lesson.objects.count()) == counts
    assert (Exercise.history.count(), Observation.history.count(),
            Lesson.history.count()) == histories
    assert not any(label.startswith("scenarios.") for label in again.created)


def test_demo_exercise_page_says_it_is_fictitious(client, make_user):
    from weerbaar.accounts.roles import Role

    load_demo(accounts=False)
    exercise = Exercise.objects.get()
    client.force_login(make_user(Role.PROGRAMME))
    page = client.get(f"/werkruimte/oefeningen/{exercise.pk}/").content.decode()
    assert "Fictief voorbeeld (demo)" in page
