"""The inject editor on the exercise pages: add, change and delete injects, bad input named
per field, who may edit (a read-only role sees no controls and gets 403), the history of a
change after the exercise was held, and the draaiboek following the edits."""

import pytest
from django.urls import reverse

from weerbaar.accounts.roles import ACCESS, Access, Role
from weerbaar.scenarios.models import Exercise, Inject

pytestmark = pytest.mark.django_db


@pytest.fixture
def exercise(registers):
    item = Exercise.objects.create(municipality=registers, scenario="stroomuitval-72u",
                                   title="Oefening A", participant_roles="crisis_team,key_figure",
                                   source="Gegenereerd uit scenario stroomuitval-72u")
    Inject.objects.create(exercise=item, hour=2.5, role="crisis_team", text="112 valt uit",
                          expected_action="Besluit over noodcommunicatie", sector="Meldkamer",
                          effect_id="e112", source=item.source)
    Inject.objects.create(exercise=item, hour=6, role="crisis_team", text="Water valt uit",
                          effect_id="ewater", source=item.source)
    Inject.objects.create(exercise=item, hour=0, role="key_figure", text="Stroom valt uit",
                          effect_id="estroom", source=item.source)
    return item


@pytest.fixture
def read_only_crisis(monkeypatch):
    """The crisis organisation may open the exercise pages but only view exercises."""
    monkeypatch.setitem(ACCESS["scenarios.exercise"], Role.CRISIS, Access.VIEW)


def page_url(exercise) -> str:
    return reverse("workspace:exercises", args=[exercise.pk])


def inject_url(exercise, inject, **query) -> str:
    url = reverse("workspace:exercise_inject", args=[exercise.pk, inject.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def add(client, exercise, **fields):
    data = {"action": "inject_add", "inj-hour": "5", "inj-role": "crisis_team",
            "inj-text": "Een journalist belt het gemeentehuis",
            "inj-expected_action": "Verwijs naar de woordvoerder", "inj-sector": ""}
    data.update({f"inj-{key}": value for key, value in fields.items()})
    return client.post(page_url(exercise), data)


def test_editor_lists_injects_with_origin_and_edit_links(client, role_users, exercise):
    client.force_login(role_users[Role.PROGRAMME])
    own = Inject.objects.create(exercise=exercise, hour=5, role="crisis_team",
                                text="Journalist belt", source="Eigen inject")
    generated = Inject.objects.create(exercise=exercise, hour=8, role="crisis_team",
                                      text="Noodsteunpunt vol", source=exercise.source)
    page = client.get(page_url(exercise)).content.decode()
    assert page.count("Wijzigen of verwijderen") == 5
    assert inject_url(exercise, own) in page
    row = page[page.index(f'id="inject-{own.pk}"'):]
    assert "eigen inject" in row[:row.index("</tr>")]
    row = page[page.index(f'id="inject-{generated.pk}"'):]
    assert "uit het scenario" in row[:row.index("</tr>")]
    assert "effect e112" in page
    assert 'name="action" value="inject_add"' in page
    # Only the participating roles are offered for a new inject.
    form = page[page.index('id="id_inj-role"'):]
    form = form[:form.index("</select>")]
    assert "Crisisteam" in form and "Sleutelfiguur" in form and "Zorglocatie" not in form


def test_add_an_own_inject(client, role_users, exercise):
    user = role_users[Role.CRISIS]
    client.force_login(user)
    response = add(client, exercise)
    made = Inject.objects.get(text="Een journalist belt het gemeentehuis")
    assert response.status_code == 302
    assert response["Location"] == page_url(exercise) + f"#inject-{made.pk}"
    assert (made.exercise, made.hour, made.role, made.effect_id, made.sector) == (
        exercise, 5, "crisis_team", "", "")
    assert made.expected_action == "Verwijs naar de woordvoerder"
    assert made.history.get().history_user == user
    page = client.get(response["Location"]).content.decode()
    assert "Het inject voor uur 5 is toegevoegd." in page
    row = page[page.index(f'id="inject-{made.pk}"'):]
    assert "eigen inject" in row[:row.index("</tr>")]


def test_add_takes_over_the_fictitious_flag(client, role_users, exercise):
    Exercise.objects.filter(pk=exercise.pk).update(is_fictitious=True)
    client.force_login(role_users[Role.PROGRAMME])
    add(client, exercise, sector="Pers", hour="4.5")
    made = Inject.objects.get(sector="Pers")
    assert made.is_fictitious and made.hour == 4.5


@pytest.mark.parametrize("fields, message", [
    ({"hour": "-1"}, "‘Uur na het begin’ kan niet negatief zijn; vul 0 of meer in."),
    ({"hour": "73"}, "‘Uur na het begin’ ligt na het einde van het scenario; kies een uur van 0 "
                     "tot en met 72."),
    ({"hour": ""}, "Vul bij ‘Uur na het begin’ een uur in"),
    ({"hour": "vijf"}, "‘Uur na het begin’ moet een getal zijn"),
    ({"text": "  "}, "Vul bij ‘Wat er gebeurt’ de tekst van het inject in."),
    ({"role": "care_location"}, "Rol ‘care_location’ doet niet mee aan deze oefening"),
    ({"role": "burgemeester"}, "Rol ‘burgemeester’ doet niet mee aan deze oefening"),
    ({"role": ""}, "Kies bij ‘Rol’ wie dit inject krijgt."),
])
def test_bad_new_inject_is_a_400_naming_the_field(client, role_users, exercise, fields, message):
    client.force_login(role_users[Role.PROGRAMME])
    response = add(client, exercise, **fields)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    field = next(iter(fields))
    # The message is linked to its field for screen readers.
    assert f'aria-describedby="id_inj-{field}_helptext id_inj-{field}_error"' in page or (
        f'aria-describedby="id_inj-{field}_error"' in page)
    assert f'id="id_inj-{field}_error"' in page
    assert Inject.objects.count() == 3


def test_hour_has_no_upper_bound_for_a_scenario_outside_the_library(client, role_users, exercise):
    Exercise.objects.filter(pk=exercise.pk).update(scenario="eigen-scenario")
    client.force_login(role_users[Role.PROGRAMME])
    assert add(client, exercise, hour="100").status_code == 302
    assert add(client, exercise, hour="-0.5").status_code == 400


def test_edit_an_inject(client, role_users, exercise):
    user = role_users[Role.PROGRAMME]
    client.force_login(user)
    inject = exercise.injects.get(text="112 valt uit")
    form = client.get(inject_url(exercise, inject)).content.decode()
    assert "112 valt uit" in form and 'value="inject_edit"' in form
    assert 'for="id_inj-hour"' in form and "0 tot en met 72" in form
    response = client.post(inject_url(exercise, inject), {
        "action": "inject_edit", "inj-hour": "7", "inj-role": "key_figure",
        "inj-text": "112 valt uit in de hele regio", "inj-expected_action": "Ga naar de kern",
        "inj-sector": "Meldkamer"})
    assert response.status_code == 302
    assert response["Location"] == page_url(exercise) + f"#inject-{inject.pk}"
    inject.refresh_from_db()
    assert (inject.hour, inject.role, inject.text, inject.expected_action) == (
        7, "key_figure", "112 valt uit in de hele regio", "Ga naar de kern")
    assert inject.effect_id == "e112"  # still generated from its effect
    assert inject.history.first().history_user == user
    assert "Het inject is gewijzigd." in client.get(response["Location"]).content.decode()


def test_bad_edit_is_a_400_and_changes_nothing(client, role_users, exercise):
    client.force_login(role_users[Role.CRISIS])
    inject = exercise.injects.get(text="112 valt uit")
    response = client.post(inject_url(exercise, inject), {
        "action": "inject_edit", "inj-hour": "-3", "inj-role": "vital_provider",
        "inj-text": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "kan niet negatief zijn" in page
    assert "Rol ‘vital_provider’ doet niet mee aan deze oefening" in page
    assert "Vul bij ‘Wat er gebeurt’ de tekst van het inject in." in page
    assert 'aria-invalid="true"' in page
    inject.refresh_from_db()
    assert (inject.hour, inject.text) == (2.5, "112 valt uit")


def test_an_inject_keeps_a_role_that_does_not_take_part(client, role_users, exercise):
    inject = Inject.objects.create(exercise=exercise, hour=3, role="care_location",
                                   text="Zorghuis belt", source="x")
    client.force_login(role_users[Role.PROGRAMME])
    response = client.post(inject_url(exercise, inject), {
        "action": "inject_edit", "inj-hour": "3", "inj-role": "care_location",
        "inj-text": "Zorghuis belt opnieuw"})
    assert response.status_code == 302
    inject.refresh_from_db()
    assert inject.text == "Zorghuis belt opnieuw"


def test_edit_after_the_exercise_was_held_is_recorded(client, role_users, exercise):
    Exercise.objects.filter(pk=exercise.pk).update(status=Exercise.Status.EVALUATED)
    inject = exercise.injects.get(text="112 valt uit")
    user = role_users[Role.CRISIS]
    client.force_login(user)
    assert "al gehouden" in client.get(inject_url(exercise, inject)).content.decode()
    client.post(inject_url(exercise, inject), {
        "action": "inject_edit", "inj-hour": "3", "inj-role": "crisis_team",
        "inj-text": "112 valt later uit"})
    latest = inject.history.first()
    assert (latest.history_type, latest.history_user, latest.text) == (
        "~", user, "112 valt later uit")
    page = client.get(inject_url(exercise, inject)).content.decode()
    assert f"door {user.get_username()} op" in page  # the last change is shown


def test_delete_asks_first_and_is_a_post(client, role_users, exercise):
    user = role_users[Role.PROGRAMME]
    client.force_login(user)
    inject = exercise.injects.get(text="Water valt uit")
    confirm = client.get(inject_url(exercise, inject, verwijderen=1))
    assert confirm.status_code == 200
    page = confirm.content.decode()
    assert "Weet u zeker dat u dit inject wilt verwijderen?" in page
    assert 'value="inject_delete"' in page and "Ja, verwijder dit inject" in page
    assert Inject.objects.filter(pk=inject.pk).exists()  # a GET never deletes
    response = client.post(inject_url(exercise, inject), {"action": "inject_delete"})
    assert response.status_code == 302
    assert response["Location"] == page_url(exercise) + "#injects"
    assert not Inject.objects.filter(pk=inject.pk).exists()
    assert Inject.history.filter(id=inject.pk, history_type="-").get().history_user == user
    assert "Het inject is verwijderd." in client.get(response["Location"]).content.decode()


def test_inject_of_another_exercise_is_404(client, role_users, exercise):
    other = Exercise.objects.create(municipality=exercise.municipality, scenario="x",
                                    title="Andere", source="test")
    foreign = Inject.objects.create(exercise=other, hour=1, role="crisis_team", text="Niet hier")
    client.force_login(role_users[Role.PROGRAMME])
    assert client.get(inject_url(exercise, foreign)).status_code == 404
    assert client.post(inject_url(exercise, foreign),
                       {"action": "inject_delete"}).status_code == 404
    assert Inject.objects.filter(pk=foreign.pk).exists()


def test_unknown_action_on_the_inject_page_is_a_400(client, role_users, exercise):
    client.force_login(role_users[Role.PROGRAMME])
    inject = exercise.injects.first()
    response = client.post(inject_url(exercise, inject), {"action": "wis"})
    assert response.status_code == 400
    assert "Onbekende handeling" in response.content.decode()
    assert Inject.objects.filter(pk=inject.pk).exists()


def test_route_without_arguments_points_to_the_exercises(client, role_users):
    client.force_login(role_users[Role.CRISIS])
    response = client.get(reverse("workspace:exercise_inject"))
    assert response.status_code == 200
    assert reverse("workspace:exercises") in response.content.decode()


def test_read_only_role_sees_no_editor_and_gets_403(client, role_users, exercise,
                                                    read_only_crisis):
    client.force_login(role_users[Role.CRISIS])
    inject = exercise.injects.get(text="112 valt uit")
    page = client.get(page_url(exercise)).content.decode()
    assert "112 valt uit" in page  # the script itself stays visible
    assert "Wijzigen of verwijderen" not in page and "inject_add" not in page
    assert inject_url(exercise, inject) not in page
    assert add(client, exercise).status_code == 403
    assert client.get(inject_url(exercise, inject)).status_code == 403
    edit = {"action": "inject_edit", "inj-hour": "1", "inj-role": "crisis_team",
            "inj-text": "Gewijzigd"}
    assert client.post(inject_url(exercise, inject), edit).status_code == 403
    assert client.post(inject_url(exercise, inject),
                       {"action": "inject_delete"}).status_code == 403
    inject.refresh_from_db()
    assert inject.text == "112 valt uit" and Inject.objects.count() == 3


@pytest.mark.parametrize("role", [Role.PARTNER, Role.KEY_FIGURE])
def test_roles_outside_the_exercises_get_403(client, role_users, exercise, role):
    client.force_login(role_users[role])
    inject = exercise.injects.first()
    assert add(client, exercise).status_code == 403
    assert client.get(inject_url(exercise, inject)).status_code == 403
    assert client.post(inject_url(exercise, inject),
                       {"action": "inject_delete"}).status_code == 403
    assert Inject.objects.count() == 3


def test_draaiboek_follows_the_edits(client, role_users, exercise):
    client.force_login(role_users[Role.PROGRAMME])
    inject = exercise.injects.get(text="112 valt uit")
    client.post(inject_url(exercise, inject), {
        "action": "inject_edit", "inj-hour": "9.5", "inj-role": "crisis_team",
        "inj-text": "Noodnummer 112 is de hele nacht weg"})
    add(client, exercise, hour="1", text="Een journalist belt het gemeentehuis")
    client.post(inject_url(exercise, exercise.injects.get(text="Stroom valt uit")),
                {"action": "inject_delete"})
    printed = client.get(reverse("workspace:exercise_script", args=[exercise.pk]),
                         {"formaat": "afdruk"}).content.decode()
    assert "112 valt uit" not in printed and "Stroom valt uit" not in printed
    assert "Noodnummer 112 is de hele nacht weg" in printed
    assert "<th scope=\"row\">9,5</th>" in printed or "<th scope=\"row\">9.5</th>" in printed
    # Within the crisis team: hour 1 (new), 6 (unchanged), 9.5 (moved from 2.5).
    order = [printed.index(text) for text in (
        "Een journalist belt het gemeentehuis", "Water valt uit",
        "Noodnummer 112 is de hele nacht weg")]
    assert order == sorted(order)
