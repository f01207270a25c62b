"""Every route the project serves, opened as every role (deny by default).

Expectations come from the one declaration in weerbaar.accounts.roles; the test fails when
a registered admin model or a route has no declaration, and spot checks pin the
privacy-critical cells independently of that table.
"""

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.records import one_of_each
from weerbaar.accounts.roles import (
    ACCESS,
    PERMISSION_ROUTES,
    SUPERUSER_ONLY,
    VIEW_ACCESS,
    Access,
    Role,
    access_for,
    is_public_route,
)

ROLES = [Role.PROGRAMME, Role.CRISIS, Role.PARTNER, Role.KEY_FIGURE]
CONTACT_ROLES = {Role.PROGRAMME, Role.CRISIS}


def registered_labels() -> list[str]:
    return sorted(model._meta.label_lower for model in admin.site._registry)


def route_names(resolver=None, namespace: str = "") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace == "admin":
                continue  # admin routes are covered model by model below
            names |= route_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_admin_model_has_a_declaration():
    undeclared = [label for label in registered_labels()
                  if label not in ACCESS and label not in SUPERUSER_ONLY]
    assert undeclared == []


def test_every_register_model_is_in_the_admin():
    assert sorted(ACCESS) == sorted(set(registered_labels()) - SUPERUSER_ONLY)


def test_every_route_has_a_declaration():
    undeclared = sorted(name for name in route_names() - set(VIEW_ACCESS) - set(PERMISSION_ROUTES)
                        if not is_public_route(name))
    assert undeclared == []
    assert "workspace:dashboard" in route_names()


def expected_status(role, label: str, action: str) -> int:
    access = access_for(role, label)
    if action in ("changelist", "change", "history", "export"):
        ok = access >= Access.VIEW_OWN
        if label == "network.keyfigure" and action in ("history", "export"):
            ok = ok and role in CONTACT_ROLES
    else:  # add, delete, import
        ok = access == Access.EDIT
    return 200 if ok else 403


ACTIONS = ("changelist", "add", "change", "delete", "history", "import", "export")


def admin_url(label: str, action: str, obj) -> str:
    app, model = label.split(".")
    if action in ("change", "delete", "history"):
        return reverse(f"admin:{app}_{model}_{action}", args=[obj.pk])
    return reverse(f"admin:{app}_{model}_{action}")


@pytest.fixture
def records(municipality, communities, organisations):
    return one_of_each(municipality, communities[0], organisations[0])


@pytest.mark.parametrize("role", ROLES)
def test_admin_matrix(client, role, role_users, records):
    client.force_login(role_users[role])
    failures = []
    for label in sorted(ACCESS):
        for action in ACTIONS:
            url = admin_url(label, action, records[label])
            status = client.get(url).status_code
            # Django's admin answers a hidden object with a redirect to the index (302).
            if status == 302 and action in ("change", "delete", "history"):
                status = 403
            want = expected_status(role, label, action)
            if status != want:
                failures.append(f"{role} {action} {label}: {status}, expected {want}")
    assert failures == []


def test_anonymous_is_sent_to_login_everywhere(client, records):
    for label in sorted(ACCESS):
        for action in ACTIONS:
            response = client.get(admin_url(label, action, records[label]))
            assert response.status_code == 302, (label, action)
            assert "/login/" in response["Location"]
    response = client.get(reverse("workspace:dashboard"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_staff_account_without_role_gets_nothing(client, make_user, records):
    client.force_login(make_user(None, username="zonder-rol"))
    for label in sorted(ACCESS):
        assert client.get(admin_url(label, "changelist", None)).status_code == 403, label
    assert client.get(reverse("workspace:dashboard")).status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_staff_views_follow_declaration(client, role, role_users):
    client.force_login(role_users[role])
    for name, allowed in VIEW_ACCESS.items():
        want = 200 if role in allowed else 403
        assert client.get(reverse(name)).status_code == want, name


@pytest.mark.parametrize("role", ROLES)
def test_permission_routes_follow_declaration(client, role, role_users, make_user):
    """Routes opened by a permission (the privacy officer's): no role alone opens them; the
    permission does, whatever the role."""
    from django.contrib.auth.models import Permission

    assert not set(PERMISSION_ROUTES) & set(VIEW_ACCESS)
    client.force_login(role_users[role])
    for name in PERMISSION_ROUTES:
        assert client.get(reverse(name)).status_code == 403, name
    holder = make_user(role, username=f"met-recht-{role}")
    for permission in PERMISSION_ROUTES.values():
        app_label, codename = permission.split(".")
        holder.user_permissions.add(Permission.objects.get(content_type__app_label=app_label,
                                                           codename=codename))
    holder = type(holder).objects.get(pk=holder.pk)  # fresh permission cache
    client.force_login(holder)
    for name in PERMISSION_ROUTES:
        assert client.get(reverse(name)).status_code == 200, name


@pytest.mark.parametrize("role", ROLES)
def test_account_management_is_superuser_only(client, role, role_users):
    client.force_login(role_users[role])
    for label in sorted(SUPERUSER_ONLY):
        app, model = label.split(".")
        assert client.get(reverse(f"admin:{app}_{model}_changelist")).status_code == 403


def test_privacy_critical_cells():
    """Pinned by hand, not derived: who may see people and vulnerable places."""
    assert access_for(Role.PARTNER, "network.keyfigure") == Access.NONE
    assert access_for(Role.KEY_FIGURE, "network.keyfigure") == Access.VIEW_OWN
    assert access_for(Role.KEY_FIGURE, "supportpoints.keyholder") == Access.NONE
    assert access_for(Role.KEY_FIGURE, "vital.vulnerablelocation") == Access.NONE
    assert access_for(Role.CRISIS, "network.keyfigure") == Access.VIEW
    assert access_for(None, "places.community") == Access.NONE


def test_scoped_user_does_not_reach_other_organisations_records(
        client, role_users, records, organisations, municipality):
    from weerbaar.vital.models import VitalAsset, VitalProvider

    other = VitalProvider.objects.create(organisation=organisations[1], source="test")
    foreign = VitalAsset.objects.create(municipality=municipality, provider=other,
                                        name="Andermans gemaal", source="test")
    client.force_login(role_users[Role.PARTNER])
    changelist = client.get(reverse("admin:vital_vitalasset_changelist"))
    assert "Pompstation" in changelist.content.decode()
    assert "Andermans gemaal" not in changelist.content.decode()
    response = client.get(reverse("admin:vital_vitalasset_change", args=[foreign.pk]))
    assert response.status_code in (302, 403, 404)
    assert "Andermans gemaal" not in response.content.decode()


# ------------------------------------------------------------------ every route, by category
# Added for issue 7 (proof under bad input): an unnamed route cannot be declared, so it would
# slip past test_every_route_has_a_declaration; anonymous visitors must be sent to the login
# from every staff route, and must reach every public route without logging in.


def unnamed_routes(resolver=None, prefix: str = "") -> list[str]:
    found = []
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":  # the admin's own routes: model by model above
                found += unnamed_routes(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and not pattern.name:
            found.append(prefix + str(pattern.pattern))
    return found


def test_every_route_has_a_name_so_it_can_be_declared():
    assert unnamed_routes() == []


def test_anonymous_is_sent_to_login_from_every_staff_route(client, db):
    for name in sorted(VIEW_ACCESS):
        response = client.get(reverse(name))
        assert response.status_code == 302, name
        assert "/login/" in response["Location"], name


def public_url(name: str, samples: dict[str, str]) -> str:
    """The route with sample arguments for every parameter its patterns need."""
    from itertools import combinations

    from django.urls import NoReverseMatch

    for count in range(len(samples) + 1):
        for keys in combinations(sorted(samples), count):
            try:
                return reverse(name, kwargs={key: samples[key] for key in keys})
            except NoReverseMatch:
                continue
    raise AssertionError(f"{name}: add a sample value for its parameters to this test")


def test_anonymous_reaches_every_public_route(client, records, municipality, communities):
    from weerbaar.portal import content

    communities[0].postcodes = "5999"
    communities[0].save()
    samples = {"municipality": municipality.slug, "community": communities[0].slug,
               "disruption": content.disruptions()[0].slug, "pc4": "5999"}
    names = sorted(name for name in route_names()
                   if is_public_route(name) and name.startswith("portal:"))
    assert "portal:home" in names and "portal:booklet" in names
    for name in names:
        response = client.get(public_url(name, samples))
        if response.status_code == 302:  # the index sends a visitor on to a municipality
            assert "/login/" not in response["Location"], name
            response = client.get(response["Location"])
        assert response.status_code == 200, (name, response.status_code)
