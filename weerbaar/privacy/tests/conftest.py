import pytest
from django.contrib.auth.models import Group

from weerbaar.audit.officer import OFFICER_GROUP, ensure_officer_group


@pytest.fixture
def officer(make_user):
    """A privacy officer: any account in the officer group (here one without a role)."""
    ensure_officer_group()
    user = make_user(None, username="fg")
    user.groups.add(Group.objects.get(name=OFFICER_GROUP))
    return user
