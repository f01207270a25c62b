"""The static export of the Bernheze demo, opened from file:// in Chromium: navigation by
clicking, the postcode search for every Bernheze PC4, axe-core WCAG 2.1 A+AA, and the
single-file offline page that makes no request at all."""

import re

import pytest
from django.urls import NoReverseMatch, reverse

from tests.browser.conftest import WCAG_AA

# The database is only used while exporting (module fixture); the marker makes pytest-django
# create the test database even when this module runs alone.
pytestmark = pytest.mark.django_db

BERNHEZE_PC4 = {"5383": "Heesch", "5384": "Heesch", "5388": "Nistelrode", "5471": "Loosbroek",
                "5472": "Loosbroek", "5473": "Heeswijk-Dinther", "5476": "Vorstenbosch"}


@pytest.fixture(scope="module")
def export_run(django_db_setup, django_db_blocker, tmp_path_factory):
    """Export the demo once for this module; the demo data is rolled back afterwards."""
    from django.db import transaction

    from weerbaar.demo.loader import load_demo
    from weerbaar.places.models import Municipality
    from weerbaar.reports.static_export import export_site

    out = tmp_path_factory.mktemp("export")
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo(accounts=False)
        result = export_site(out, [Municipality.objects.get(slug="bernheze")])
        transaction.set_rollback(True)
    return out, result


@pytest.fixture(scope="module")
def exported(export_run):
    return export_run[0]


def test_export_has_no_broken_links(export_run):
    _root, result = export_run
    assert result.broken == []
    assert result.outside == []
    assert len(result.offline) == 6 and len(result.booklets) >= 6


def file_url(root, route: str | None = None, path: str | None = None, **kwargs) -> str:
    path = path or reverse(route, kwargs=kwargs)
    return (root / path.lstrip("/") / "index.html").as_uri()


def watch_requests(page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def test_home_opens_from_file_and_a_click_reaches_a_kern(exported, page):
    requests = watch_requests(page)
    page.goto(file_url(exported, path="/bernheze/"))
    assert page.locator("html").get_attribute("lang") == "nl"
    page.get_by_role("main").get_by_role("link", name="Heesch", exact=True).first.click()
    page.wait_for_url(re.compile(r"/bernheze/kernen/heesch/index\.html$"))
    assert "Heesch" in page.get_by_role("heading", level=1).inner_text()
    # The stylesheets load from the export itself: the design tokens apply.
    primary = "getComputedStyle(document.documentElement).getPropertyValue('--wb-color-primary')"
    assert page.evaluate(primary).strip() != ""
    assert requests and all(url.startswith("file://") for url in requests), requests


def test_postcode_search_for_every_bernheze_pc4(exported, page):
    try:
        find = file_url(exported, "portal:find", municipality="bernheze")
    except NoReverseMatch:
        pytest.skip("the portal has no find page")
    requests = watch_requests(page)
    for pc4, kern in BERNHEZE_PC4.items():
        page.goto(find)
        form = page.locator("form[data-find]")
        if form.count():
            page.get_by_label("Postcode", exact=True).fill(f"{pc4} AB")
            form.get_by_role("button").click()
        else:
            page.locator(f'a[data-pc4="{pc4}"]').click()
        page.wait_for_url(re.compile(rf"/noodsteunpunt/{pc4}/index\.html$"))
        assert kern in page.get_by_role("main").inner_text(), pc4
    assert all(url.startswith("file://") for url in requests)


@pytest.mark.parametrize("path", ["/bernheze/", "/en/bernheze/"])
def test_exported_home_passes_axe(exported, page, axe, path):
    page.goto(file_url(exported, path=path))
    results = axe.run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def test_offline_single_file_makes_no_request(exported, page, axe):
    offline = exported / "offline" / "heesch.html"
    requests = watch_requests(page)
    page.goto(offline.as_uri())
    assert requests == [offline.as_uri()]
    assert "Heesch" in page.get_by_role("heading", level=1).inner_text()
    assert page.get_by_role("img", name=re.compile("Kaart van Heesch")).count() == 1
    assert page.evaluate("getComputedStyle(document.body).fontFamily") != ""
    results = axe.run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
