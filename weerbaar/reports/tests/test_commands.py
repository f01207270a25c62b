"""`weerbaar print-editions` and `weerbaar export-site` on the Bernheze demo."""

import re
import stat
from io import StringIO
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.core.management import CommandError, call_command
from django.urls import NoReverseMatch, reverse

from weerbaar.reports.tests.conftest import private_values

BERNHEZE_PC4 = {"5383": "Heesch", "5384": "Heesch", "5388": "Nistelrode", "5471": "Loosbroek",
                "5472": "Loosbroek", "5473": "Heeswijk-Dinther", "5476": "Vorstenbosch"}


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_print_editions_writes_every_edition(demo, tmp_path, privacy_records):
    out, _err = run("print_editions", str(tmp_path), "--generated-by", "Nachtelijke taak")
    kernen = sorted(demo.communities.values_list("slug", flat=True))
    assert len(kernen) == 6
    booklets = sorted(p.name for p in tmp_path.glob("*.pdf"))
    assert booklets == sorted(f"boekje-bernheze-{slug}.pdf" for slug in kernen)
    confidential = tmp_path / "vertrouwelijk"
    crisis = sorted(p.name for p in confidential.glob("*.pdf"))
    assert crisis == sorted(["crisiseditie-bernheze.pdf",
                             *(f"crisiseditie-bernheze-{slug}.pdf" for slug in kernen)])
    for path in [*tmp_path.glob("*.pdf"), *confidential.glob("*.pdf")]:
        assert path.read_bytes().startswith(b"%PDF"), path
    readme = (confidential / "README.txt").read_text()
    assert "VERTROUWELIJK" in readme and "Crisisorganisatie en hulpdiensten" in readme
    assert "Nachtelijke taak" in readme
    assert stat.S_IMODE(confidential.stat().st_mode) == 0o700
    assert stat.S_IMODE((confidential / "crisiseditie-bernheze.pdf").stat().st_mode) == 0o600
    records = privacy_records()
    assert len(records) == 7
    assert all("who=Nachtelijke taak" in r.getMessage() for r in records)
    assert "6 boekjes" in out and "7 crisisedities" in out and " s" in out


def test_print_editions_unknown_municipality(demo, tmp_path):
    with pytest.raises(CommandError, match="Onbekende gemeente"):
        run("print_editions", str(tmp_path), "--municipality", "nergens")


@pytest.fixture
def site(demo, tmp_path):
    out, err = run("export_site", str(tmp_path / "site"), "--municipality", "bernheze")
    return tmp_path / "site", out, err


LINK = re.compile(r'<(\w+)\b[^>]*?\s(href|src|action|srcset)="([^"]*)"', re.IGNORECASE)


def test_export_site_writes_relative_self_contained_pages(site):
    root, out, err = site
    pages = sorted(str(p.relative_to(root)) for p in root.rglob("*.html")
                   if p.parent.name != "offline")
    assert "bernheze/index.html" in pages and "en/bernheze/index.html" in pages
    assert all(p.endswith("index.html") for p in pages)
    assert f"{len(pages) - 1} pagina's" in out  # the export's own root index is not counted
    assert "Kapotte link" not in err
    for page in pages:
        html = (root / page).read_text(encoding="utf-8")
        assert 'lang="' in html, page
        for tag, attribute, url in LINK.findall(html):
            assert not url.startswith("/"), (page, url)
            assert "testserver" not in url and "localhost" not in url, (page, url)
            if url.startswith(("http://", "https://", "//")):
                # Another site may be linked to, never loaded from.
                assert tag.lower() == "a" and attribute == "href", (page, tag, url)
                continue
            if url.startswith(("#", "mailto:", "tel:")) or not url:
                continue
            target = (root / page).parent / unquote(url.split("#")[0].split("?")[0])
            assert target.exists(), (page, url)
            if tag.lower() == "a" and target.suffix not in (".pdf", ".ics"):
                assert target.suffix == ".html", (page, url)


def test_export_site_includes_booklets_offline_pages_and_pc4_pages(site, demo):
    root, _out, _err = site
    for community in demo.communities.all():
        booklet = root / "bernheze" / "boekje" / f"{community.slug}.pdf"
        assert booklet.read_bytes().startswith(b"%PDF")
        offline = (root / "offline" / f"{community.slug}.html").read_text(encoding="utf-8")
        assert "<style>" in offline and community.name in offline
        assert not re.search(r'\s(?:src|href)="(?!#)', offline), community.slug
        assert "http://" not in offline.replace("http://www.w3.org/2000/svg", "")
        assert "https://" not in offline
        for value in private_values(demo):
            assert value not in offline
    try:
        reverse("portal:find_pc4", kwargs={"municipality": "bernheze", "pc4": "5383"})
    except NoReverseMatch:
        pytest.skip("the portal has no PC4 pages")
    for pc4, kern in BERNHEZE_PC4.items():
        page = root / "bernheze" / "noodsteunpunt" / pc4 / "index.html"
        assert kern in page.read_text(encoding="utf-8"), pc4


def test_export_site_refuses_a_non_empty_directory(demo, tmp_path):
    target = tmp_path / "vol"
    target.mkdir()
    (target / "iets.txt").write_text("niet van ons")
    with pytest.raises(CommandError, match="niet leeg"):
        run("export_site", str(target))
    out, _err = run("export_site", str(target), "--force")
    assert (target / "iets.txt").exists()  # not ours: only overwritten files change
    assert (target / "bernheze" / "index.html").exists()
    (target / "bernheze" / "oud.html").write_text("oud")
    out, _err = run("export_site", str(target), "--force")
    assert "Vorige export" in out
    assert not (target / "bernheze" / "oud.html").exists()


def test_export_site_unknown_municipality(demo, tmp_path):
    with pytest.raises(CommandError, match="Onbekende gemeente"):
        run("export_site", str(Path(tmp_path) / "x"), "--municipality", "nergens")
