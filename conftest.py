"""Fixtures shared by every test: a small municipality and one user per role."""

import pytest

from weerbaar.accounts.models import StaffProfile
from weerbaar.accounts.roles import Role

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def _empty_cache():
    """The portal's page cache must not carry one test's pages into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def municipality(db):
    from weerbaar.places.models import Municipality

    return Municipality.objects.create(cbs_code="GM9999", name="Testgemeente",
                                       source="test", confidence="V")


@pytest.fixture
def communities(municipality):
    from weerbaar.places.models import Community

    return [
        Community.objects.create(municipality=municipality, name=name, slug=name.lower(),
                                 source="test")
        for name in ("Noorddorp", "Zuiddorp")
    ]


@pytest.fixture
def organisations(municipality):
    from weerbaar.network.models import Organisation

    return [
        Organisation.objects.create(municipality=municipality, name=name, kind=kind,
                                    is_partner=True, source="test")
        for name, kind in (("Waterbedrijf Test", "vital"), ("Zorggroep Test", "care"))
    ]


@pytest.fixture
def make_user(db, django_user_model):
    """make_user(role, organisation=None, community=None) -> a staff user with that role."""

    def make(role: str | None, organisation=None, community=None, username=None):
        user = django_user_model.objects.create_user(
            username=username or f"user-{role or 'none'}", password=PASSWORD, is_staff=True)
        if role:
            StaffProfile.objects.create(user=user, role=role, organisation=organisation,
                                        community=community)
        return user

    return make


@pytest.fixture
def role_users(make_user, organisations, communities):
    """One user per role; the partner works for the first organisation, the key figure
    lives in the first community."""
    return {
        Role.PROGRAMME: make_user(Role.PROGRAMME),
        Role.CRISIS: make_user(Role.CRISIS),
        Role.PARTNER: make_user(Role.PARTNER, organisation=organisations[0]),
        Role.KEY_FIGURE: make_user(Role.KEY_FIGURE, community=communities[0]),
    }
