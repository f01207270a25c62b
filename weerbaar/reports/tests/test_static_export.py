"""The crawler and link rewriting, on a tiny site of its own (independent of the portal)."""

import re

import pytest

from weerbaar.reports.static_export import SiteExporter, rewrite_html

pytestmark = pytest.mark.urls("weerbaar.reports.tests.export_urls")


@pytest.fixture
def exported(municipality, tmp_path):
    municipality.communities.all().delete()
    exporter = SiteExporter(tmp_path / "site", [municipality])
    exporter.write_booklets = lambda: None  # the tiny site has no booklet route
    return exporter.run(), tmp_path / "site"


def test_pages_are_written_as_index_html(exported):
    result, out = exported
    assert sorted(result.pages) == [
        "en/testgemeente/a/index.html", "en/testgemeente/index.html",
        "testgemeente/a/index.html", "testgemeente/c/index.html", "testgemeente/index.html",
        "testgemeente/zoek/index.html"]
    assert (out / "testgemeente/agenda.ics").read_text() == "BEGIN:VCALENDAR"
    assert (out / "static/weerbaar/tokens.css").exists()
    assert (out / "static/weerbaar/site.css").exists()  # found through CSS url()
    assert (out / "index.html").exists()


def test_links_are_relative_and_end_in_a_file(exported):
    result, out = exported
    home = (out / "testgemeente/index.html").read_text()
    assert 'href="a/index.html"' in home
    assert 'href="a/index.html#deel"' in home
    assert 'href="c/index.html"' in home  # the redirect is followed
    assert 'href="../en/testgemeente/index.html"' in home
    assert 'href="../static/weerbaar/tokens.css"' in home
    assert "url('../static/weerbaar/site.css')" in home
    assert 'action="zoek/index.html"' in home
    assert 'data-base="zoek/"' in home  # a base for scripts, without index.html
    assert 'href="agenda.ics"' in home and 'href="../index.html"' in home
    assert 'href="https://example.org/"' in home and 'href="mailto:x@example.org"' in home
    assert 'href="#boven"' in home
    assert '<html data-static="1" lang="nl">' in home
    assert result.queries_dropped == 1
    for page in result.pages:
        html = (out / page).read_text()
        assert not re.search(r'(?:href|src|action)="/', html), page
        assert "testserver" not in html, page
    english = (out / "en/testgemeente/a/index.html").read_text()
    assert 'href="../../../testgemeente/index.html"' in english


def test_broken_links_are_reported(exported):
    result, _out = exported
    assert [(page, url) for page, url, _status in result.broken] == [
        ("testgemeente/zoek/index.html", "/testgemeente/kapot/")]


def test_rewrite_html_handles_srcset_refresh_and_style_attributes():
    html = ('<meta http-equiv="refresh" content="0; url=/x/">'
            '<img srcset="/a.png 1x, /b.png 2x" alt=""><p style="background:url(/c.png)">'
            '<a title=" href=/nope" href="/d/">d</a>')
    out = rewrite_html(html, lambda url, kind: "R" + url if url.startswith("/") else None)
    assert 'content="0; url=R/x/"' in out
    assert 'srcset="R/a.png 1x, R/b.png 2x"' in out
    assert 'style="background:url(R/c.png)"' in out
    assert 'href="R/d/"' in out and 'title=" href=/nope"' in out
