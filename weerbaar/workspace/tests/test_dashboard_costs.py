"""The dashboard reads the registers afresh on every request (a change shows at once, in
every worker) and does so with a bounded number of queries."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from weerbaar.accounts.roles import Role
from weerbaar.network.models import KeyFigure
from weerbaar.workspace.tests.test_dashboard import URL, programme  # noqa: F401 (fixture)


def test_a_register_change_shows_at_once(client, role_users, programme):  # noqa: F811
    client.force_login(role_users[Role.PROGRAMME])
    assert "50 % (1 van 2)" in client.get(URL).content.decode()
    stale = KeyFigure.objects.get(name="Geheime Naam 14")
    stale.role_confirmed_on = timezone.localdate()
    stale.save()
    assert "100 % (2 van 2)" in client.get(URL).content.decode()
    KeyFigure.objects.filter(pk=stale.pk).update(role_confirmed_on=date(2020, 1, 1))  # no signal
    assert "50 % (1 van 2)" in client.get(URL).content.decode()


def test_queries_stay_few(client, role_users, programme):  # noqa: F811
    client.force_login(role_users[Role.PROGRAMME])
    client.get(URL)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    # Was 41 on the demo: each register indicator read the kernen, vital items and partner
    # counts again. Session, user and profile, then the registers once each.
    assert len(queries) <= 24, [q["sql"][:80] for q in queries.captured_queries]
