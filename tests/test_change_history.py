"""Every register keeps who changed what and when, and shows it in the admin."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.records import one_of_each
from weerbaar.accounts.roles import ACCESS, Role


class FormFields(HTMLParser):
    """The values a browser would submit for the admin's change form."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id", "").endswith("_form"):
            self._in_form = True
        if not self._in_form or "name" not in a and tag != "option":
            return
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file", "image"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            self.data.setdefault(a["name"], []).append(a.get("value", default))
        elif tag == "select":
            self._select = a["name"]
            self.data.setdefault(a["name"], [])
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select].append(a.get("value", ""))
        elif tag == "textarea":
            self._textarea = a["name"]
            self.data[a["name"]] = [""]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._in_form = False

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data


def form_data(html: str) -> dict[str, list[str]]:
    parser = FormFields()
    parser.feed(html)
    # Browsers drop the newline that follows <textarea>.
    return {k: [v.removeprefix("\n") for v in vs] for k, vs in parser.data.items()}


@pytest.fixture
def records(municipality, communities, organisations):
    return one_of_each(municipality, communities[0], organisations[0])


def test_every_register_model_keeps_history(records):
    from django.apps import apps

    without = [label for label in ACCESS
               if not hasattr(apps.get_model(label)._meta, "simple_history_manager_attribute")]
    # A status snapshot is itself a dated history of status; survey respondents only arrive
    # and leave with a whole wave's import, which the wave's history records (file, checksum).
    # The audit trail is append-only and hash-chained: it is its own history.
    assert without == ["supportpoints.statussnapshot", "monitor.surveyresponse", "audit.auditevent"]


def test_admin_change_records_who_and_what(client, role_users, records):
    community = records["places.community"]
    user = role_users[Role.PROGRAMME]
    client.force_login(user)
    url = reverse("admin:places_community_change", args=[community.pk])
    data = form_data(client.get(url).content.decode())
    assert data["name"] == ["Noorddorp"]
    data["postcodes"] = ["5383,5384"]
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    community.refresh_from_db()
    assert community.postcodes == "5383,5384"
    latest = community.history.latest()
    assert latest.history_user == user
    assert latest.history_type == "~"
    delta = latest.diff_against(latest.prev_record)
    assert [change.field for change in delta.changes] == ["postcodes"]

    history_page = client.get(reverse("admin:places_community_history", args=[community.pk]))
    assert history_page.status_code == 200
    assert user.username in history_page.content.decode()


def test_import_leaves_history_too(records, tmp_path):
    from weerbaar.core.imports.service import import_file
    from weerbaar.places.importers import CommunityResource

    before = records["places.community"].history.count()
    csv = ("municipality,slug,name,postcodes,source,confidence\n"
           "GM9999,noorddorp,Noorddorp,5471,gemeentelijke basisregistratie,V\n")
    report = import_file(CommunityResource, csv.encode(), "csv")
    assert report.ok, report.problems
    assert records["places.community"].history.count() == before + 1
