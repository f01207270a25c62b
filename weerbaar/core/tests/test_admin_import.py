"""Import and export through the admin: same checks and file line numbers as the service,
nothing written unless every row is good, and never a stack trace."""

import io

import openpyxl
import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from weerbaar.accounts.roles import Role
from weerbaar.core.imports.resources import register_resources
from weerbaar.vital.importers import VulnerableLocationResource
from weerbaar.vital.models import VulnerableLocation

IMPORT_URL = "admin:vital_vulnerablelocation_import"
PROCESS_URL = "admin:vital_vulnerablelocation_process_import"
CSV, XLSX = "0", "1"  # positions in StrictImportMixin.formats

GOOD = ("community,name,kind,residents,share_reduced_self_reliance\n"
        "noorddorp,Zorghuis,nursing,40,0.5\n"
        "zuiddorp,Opvang,reception,100,0.1\n")
BAD = ("community,name,kind,residents,share_reduced_self_reliance\n"
       "noorddorp,Zorghuis,nursing,40,0.5\n"
       "nergensdorp,Opvang,reception,100,0.1\n"
       "noorddorp,Hospice,nursing,6,\n"
       "zuiddorp,Woongroep,group_home,veel,1.5\n")


@pytest.fixture
def office(client, role_users):
    client.force_login(role_users[Role.PROGRAMME])
    return client


def upload(client, content: bytes, name="locaties.csv", fmt=CSV):
    return client.post(reverse(IMPORT_URL), {
        "format": fmt, "resource": "0",
        "import_file": SimpleUploadedFile(name, content, content_type="text/csv"),
    })


def test_bad_csv_shows_the_file_lines_and_writes_nothing(office):
    response = upload(office, BAD.encode())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Er is niets geïmporteerd" in page
    assert "regel 3, kolom community: Geen kern gevonden met korte naam &#x27;nergensdorp&#x27;." in page
    assert "regel 5, kolom residents: &#x27;veel&#x27; is geen geheel getal." in page
    assert "regel 5, kolom share_reduced_self_reliance" in page
    assert "regel 2" not in page and "regel 4" not in page
    assert "confirm_form" not in response.context or not response.context["confirm_form"]
    assert VulnerableLocation.objects.count() == 0


@pytest.mark.parametrize("content, name, fmt, expected", [
    (bytes(range(256)) * 8, "rommel.csv", CSV, "geen UTF-8-tekst"),
    (b"", "leeg.csv", CSV, "leeg"),
    (b"kleur,smaak\nrood,zoet\n", "fout.csv", CSV, "Onbekende kolom"),
    (b"\x00\x01\x02 binary", "rommel.xlsx", XLSX, "Excel-werkmap"),
    (GOOD.encode(), "tekst.xlsx", XLSX, "Excel-werkmap"),
])
def test_garbage_files_get_a_message_not_a_500(office, content, name, fmt, expected):
    response = upload(office, content, name, fmt)
    assert response.status_code == 200
    page = response.content.decode()
    assert expected in page
    assert "Traceback" not in page
    assert VulnerableLocation.objects.count() == 0


def test_good_csv_previews_then_imports_on_confirm(office):
    response = upload(office, GOOD.encode())
    assert response.status_code == 200
    confirm = response.context["confirm_form"]
    assert confirm is not None
    assert VulnerableLocation.objects.count() == 0  # the preview is a dry run

    response = office.post(reverse(PROCESS_URL), confirm.initial)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:vital_vulnerablelocation_changelist")
    assert sorted(VulnerableLocation.objects.values_list("name", flat=True)) == ["Opvang", "Zorghuis"]
    assert LogEntry.objects.filter(object_repr="Zorghuis").exists()

    # the same confirmation cannot be replayed
    response = office.post(reverse(PROCESS_URL), confirm.initial, follow=True)
    assert "onbekend of verlopen" in response.content.decode()
    assert VulnerableLocation.objects.count() == 2


def test_confirm_with_a_forged_file_name_writes_nothing(office):
    response = office.post(reverse(PROCESS_URL), {
        "import_file_name": "passwd", "original_file_name": "x.csv", "format": CSV,
        "resource": "0"}, follow=True)
    assert response.status_code == 200
    assert "onbekend of verlopen" in response.content.decode()
    assert VulnerableLocation.objects.count() == 0


def test_confirm_rechecks_and_keeps_all_or_nothing(office, communities):
    response = upload(office, GOOD.encode())
    confirm = response.context["confirm_form"]
    communities[1].slug = "zuid"  # the file turned bad between preview and confirm
    communities[1].save()
    response = office.post(reverse(PROCESS_URL), confirm.initial, follow=True)
    page = response.content.decode()
    assert response.redirect_chain == [(reverse(IMPORT_URL), 302)]
    assert "Regel 3, kolom community: Geen kern gevonden" in page  # messages get a capital
    assert "er is niets opgeslagen" in page
    assert VulnerableLocation.objects.count() == 0


def test_xlsx_import_through_the_admin(office):
    book = openpyxl.Workbook()
    book.active.append(["community", "name", "kind", "residents"])
    book.active.append(["noorddorp", "Zorghuis", "nursing", 12])
    book.active.append(["noorddorp", "Kapot", "nursing", "twaalf"])
    buffer = io.BytesIO()
    book.save(buffer)
    response = upload(office, buffer.getvalue(), "locaties.xlsx", XLSX)
    assert "regel 3, kolom residents" in response.content.decode()
    assert VulnerableLocation.objects.count() == 0


def test_import_page_lists_the_columns_and_rules(office):
    response = office.get(reverse(IMPORT_URL))
    page = response.content.decode()
    assert response.status_code == 200
    assert "community *" in page and "share_not_self_reliant" in page
    assert "alles-of-niets" in page


def test_scoped_and_view_only_roles_cannot_import(client, role_users):
    for role in (Role.PARTNER, Role.CRISIS):
        client.force_login(role_users[role])
        assert client.get(reverse(IMPORT_URL)).status_code == 403
        response = client.post(reverse(IMPORT_URL), {
            "format": CSV, "import_file": SimpleUploadedFile("x.csv", GOOD.encode())})
        assert response.status_code == 403
    assert VulnerableLocation.objects.count() == 0


def test_admin_csv_export_is_excel_friendly(office, communities):
    VulnerableLocation.objects.create(community=communities[0], name="Zorghuis", kind="nursing",
                                      backup_power=True, source="test")
    fields = {f"vulnerablelocationresource_{name}": "on"
              for name in VulnerableLocationResource().get_export_order()}
    response = office.post(reverse("admin:vital_vulnerablelocation_export"),
                           {"format": CSV, "resource": "0", **fields})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("municipality,community,name,kind")
    assert "GM9999,noorddorp,Zorghuis,nursing" in text
    assert ",ja," in text


def test_every_register_exports_from_the_admin(office, municipality, communities, organisations):
    from tests.records import one_of_each

    one_of_each(municipality, communities[0], organisations[0])
    for label, resource_class in register_resources().items():
        app, model = label.split(".")
        fields = {f"{resource_class.__name__.lower()}_{name}": "on"
                  for name in resource_class().get_export_order()}
        for fmt, content_type in ((CSV, "text/csv"), (XLSX, "application/vnd.openxml")):
            response = office.post(reverse(f"admin:{app}_{model}_export"),
                                   {"format": fmt, "resource": "0", **fields})
            assert response.status_code == 200, (label, fmt)
            assert response["Content-Type"].startswith(content_type), (label, fmt)
        assert office.get(reverse(f"admin:{app}_{model}_import")).status_code == 200, label
