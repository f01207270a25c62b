"""Scenario and exercise pages: who may open and post what, forms with bad input, the
draaiboek as HTML and PDF, and a lesson turned into a programme action."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from weerbaar.accounts.roles import Role
from weerbaar.programme.models import ActionLine, ProgrammeLine
from weerbaar.scenarios.models import Exercise, Inject, Lesson, Observation

pytestmark = pytest.mark.django_db

ALLOWED = {Role.PROGRAMME, Role.CRISIS}
ROLES = [Role.PROGRAMME, Role.CRISIS, Role.PARTNER, Role.KEY_FIGURE]


@pytest.fixture
def exercise(registers):
    item = Exercise.objects.create(municipality=registers, scenario="stroomuitval-72u",
                                   title="Oefening A", participant_roles="crisis_team,key_figure",
                                   source="test")
    Inject.objects.create(exercise=item, hour=2.5, role="crisis_team", text="112 valt uit",
                          expected_action="Besluit over noodcommunicatie", source="test")
    Inject.objects.create(exercise=item, hour=0, role="key_figure", text="Stroom valt uit",
                          source="test")
    return item


@pytest.mark.parametrize("role", ROLES)
def test_who_may_open_each_page(client, role_users, exercise, role):
    client.force_login(role_users[role])
    urls = [reverse("workspace:scenarios"), reverse("workspace:exercises"),
            reverse("workspace:exercises", args=[exercise.pk]),
            reverse("workspace:exercise_script", args=[exercise.pk]),
            reverse("workspace:exercise_script")]
    for url in urls:
        assert client.get(url).status_code == (200 if role in ALLOWED else 403), url


@pytest.mark.parametrize("role", ROLES)
def test_who_may_post_an_observation(client, role_users, exercise, role):
    client.force_login(role_users[role])
    response = client.post(reverse("workspace:exercises", args=[exercise.pk]),
                           {"action": "observation", "obs-hour": "3", "obs-role": "key_figure",
                            "obs-text": "Sleutelfiguur kwam te laat"})
    if role in ALLOWED:
        assert response.status_code == 302
        observation = Observation.objects.get()
        assert (observation.author, observation.hour) == (role_users[role], 3)
    else:
        assert response.status_code == 403
        assert not Observation.objects.exists()


def test_anonymous_is_sent_to_login(client, exercise):
    response = client.post(reverse("workspace:exercises", args=[exercise.pk]),
                           {"action": "lesson", "les-text": "x"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not Lesson.objects.exists()


def test_posting_without_csrf_token_is_refused(role_users, exercise):
    client = Client(enforce_csrf_checks=True)
    client.force_login(role_users[Role.PROGRAMME])
    response = client.post(reverse("workspace:exercises", args=[exercise.pk]),
                           {"action": "lesson", "les-text": "Oefen vaker"})
    assert response.status_code == 403
    assert not Lesson.objects.exists()


def test_bad_observation_names_the_field(client, role_users, exercise):
    client.force_login(role_users[Role.CRISIS])
    response = client.post(reverse("workspace:exercises", args=[exercise.pk]),
                           {"action": "observation", "obs-hour": "-2", "obs-role": "burgemeester",
                            "obs-text": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Zorg ervoor dat deze waarde minstens 0 is" in page
    assert "burgemeester" in page  # the invalid choice is named
    assert "Dit veld is verplicht" in page
    assert not Observation.objects.exists()


def test_unknown_action_is_a_clear_400(client, role_users, exercise):
    client.force_login(role_users[Role.PROGRAMME])
    response = client.post(reverse("workspace:exercises", args=[exercise.pk]), {"action": "wis"})
    assert response.status_code == 400
    assert "Onbekende handeling" in response.content.decode()


def test_lesson_becomes_a_programme_action_for_the_programme_office_only(
        client, role_users, exercise):
    line = ProgrammeLine.objects.create(municipality=exercise.municipality, number="III",
                                        name="Vitale infrastructuur", source="test")
    lesson = Lesson.objects.create(exercise=exercise, text="Print de noodstroomlijst\nmeer tekst",
                                   source="test")
    data = {"action": "lesson_action", "act-lesson": lesson.pk, "act-line": line.pk,
            "act-period": "2026-2027"}
    url = reverse("workspace:exercises", args=[exercise.pk])
    client.force_login(role_users[Role.CRISIS])
    page = client.get(url).content.decode()
    assert "Maak er een programma-actie van" not in page
    assert client.post(url, data).status_code == 403
    client.force_login(role_users[Role.PROGRAMME])
    assert "Maak er een programma-actie van" in client.get(url).content.decode()
    assert client.post(url, data).status_code == 302
    lesson.refresh_from_db()
    action = ActionLine.objects.get()
    assert lesson.action == action
    assert (action.line, action.period, action.text) == (line, "2026-2027",
                                                          "Print de noodstroomlijst")
    assert "Oefening A" in action.source


def test_lesson_of_another_exercise_is_refused(client, role_users, exercise):
    line = ProgrammeLine.objects.create(municipality=exercise.municipality, number="III",
                                        name="Vitaal", source="test")
    other = Exercise.objects.create(municipality=exercise.municipality, scenario="x",
                                    title="Andere", source="test")
    foreign = Lesson.objects.create(exercise=other, text="Niet van hier", source="test")
    client.force_login(role_users[Role.PROGRAMME])
    response = client.post(reverse("workspace:exercises", args=[exercise.pk]),
                           {"action": "lesson_action", "act-lesson": foreign.pk,
                            "act-line": line.pk, "act-period": "2026"})
    assert response.status_code == 400
    assert "hoort niet bij deze oefening" in response.content.decode()
    assert not ActionLine.objects.exists()


def test_draaiboek_lists_injects_per_role_by_hour(client, role_users, exercise):
    client.force_login(role_users[Role.CRISIS])
    page = client.get(reverse("workspace:exercise_script", args=[exercise.pk])).content.decode()
    assert page.index("Sleutelfiguur") < page.index("Crisisteam")  # roles in their fixed order
    assert "112 valt uit" in page and "Besluit over noodcommunicatie" in page
    printed = client.get(reverse("workspace:exercise_script", args=[exercise.pk]),
                         {"formaat": "afdruk"}).content.decode()
    assert "print.css" in printed and "break-before: page" in printed


def test_draaiboek_pdf_holds_the_injects(client, role_users, exercise):
    from weerbaar.reports.pdf import document_text, render_document

    client.force_login(role_users[Role.PROGRAMME])
    response = client.get(reverse("workspace:exercise_script", args=[exercise.pk]),
                          {"formaat": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    html = client.get(reverse("workspace:exercise_script", args=[exercise.pk]),
                      {"formaat": "afdruk"}).content.decode()
    text = document_text(render_document(html))
    assert "112 valt uit" in text and "Stroom valt uit" in text


def test_unknown_exercise_is_404(client, role_users, registers):
    client.force_login(role_users[Role.PROGRAMME])
    assert client.get(reverse("workspace:exercises", args=[999])).status_code == 404


def test_pages_have_no_personal_data_of_key_figures(client, role_users, exercise):
    client.force_login(role_users[Role.PROGRAMME])
    for url in (reverse("workspace:scenario"), reverse("workspace:exercises", args=[exercise.pk])):
        page = client.get(url).content.decode()
        assert not re.search(r"Geheime Naam|06-12345678|Café de Zwaan", page), url
