"""The public portal stores nothing about its visitors and asks nothing of other hosts.

Crawls the portal from /bernheze/ and /en/bernheze/ with the Django test client, following
every same-host link, so pages added later are covered too. For every response: no
Set-Cookie header and no session. For every HTML page: no src/href/action to another host,
no external CSS, and the HTML plus its stylesheets stay within 50 KB.
"""

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import translation

from weerbaar.demo.loader import load_demo
from weerbaar.portal import content

HOST = "testserver"
START = ("/bernheze/", "/en/bernheze/")
PORTAL_PREFIXES = ("/bernheze/", "/en/bernheze/")
MAX_PAGE_BYTES = 50 * 1024
MAX_URLS = 600
URL_ATTRIBUTES = {"href", "src", "action", "srcset", "poster", "data", "formaction", "cite"}
EXTERNAL_CSS = re.compile(r"@import|url\(\s*['\"]?\s*(?:https?:)?//", re.IGNORECASE)


class Page(HTMLParser):
    """The URLs an HTML page refers to, its stylesheets and inline styles."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.stylesheets: list[str] = []
        self.inline_css: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if name in URL_ATTRIBUTES and value:
                values = [part.strip().split(" ")[0] for part in value.split(",")] \
                    if name == "srcset" else [value.strip()]
                self.urls += [(tag, name, v) for v in values if v]
            if name == "style" and value:
                self.inline_css.append(value)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split():
            self.stylesheets.append(attrs.get("href") or "")
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.inline_css.append(data)


def is_other_host(url: str) -> bool:
    parts = urlsplit(url)
    if url.startswith("//"):
        return parts.hostname != HOST
    return parts.scheme in ("http", "https") and parts.hostname != HOST


def body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def assert_stores_nothing(client, response, url):
    assert "Set-Cookie" not in response.headers, (url, response.headers.get("Set-Cookie"))
    assert not response.cookies, (url, response.cookies)
    assert not client.cookies, (url, client.cookies)


class Crawl:
    def __init__(self, client):
        self.client = client
        self.pages: dict[str, int] = {}  # HTML page -> HTML + CSS bytes
        self.other: dict[str, str] = {}  # non-HTML portal responses -> content type
        self.css: dict[str, bytes] = {}
        self.problems: list[str] = []

    def stylesheet(self, href: str) -> bytes:
        if href not in self.css:
            response = self.client.get(href)
            assert_stores_nothing(self.client, response, href)
            assert response.status_code == 200, href
            self.css[href] = body(response)
            if EXTERNAL_CSS.search(self.css[href].decode("utf-8", "replace")):
                self.problems.append(f"{href}: @import or url() to another host")
        return self.css[href]

    def run(self, start=START):
        queue, seen = deque(start), set(start)
        while queue:
            url = queue.popleft()
            assert len(seen) <= MAX_URLS, "the crawl does not end"
            response = self.client.get(url)
            assert_stores_nothing(self.client, response, url)
            if response.status_code in (301, 302, 303, 307, 308):
                target = urljoin(url, response["Location"])
                assert not is_other_host(target), (url, target)
                self.follow(url, target, queue, seen)
                continue
            if response.status_code != 200:
                self.problems.append(f"{url}: status {response.status_code}")
                continue
            kind = response.get("Content-Type", "")
            if not kind.startswith("text/html"):
                body(response)
                self.other[url] = kind
                continue
            html = body(response)
            page = Page()
            page.feed(html.decode("utf-8"))
            size = len(html)
            for href in page.stylesheets:
                if is_other_host(href):
                    self.problems.append(f"{url}: stylesheet from another host {href}")
                else:
                    size += len(self.stylesheet(urljoin(url, href)))
            for css in page.inline_css:
                if EXTERNAL_CSS.search(css):
                    self.problems.append(f"{url}: inline CSS refers to another host")
            self.pages[url] = size
            if size > MAX_PAGE_BYTES:
                self.problems.append(f"{url}: {size} bytes of HTML and CSS (> {MAX_PAGE_BYTES})")
            for tag, attribute, value in page.urls:
                if is_other_host(value):
                    self.problems.append(f"{url}: <{tag} {attribute}> to another host: {value}")
                elif tag in ("a", "area") and attribute == "href":
                    self.follow(url, value, queue, seen)

    def follow(self, base, value, queue, seen):
        target, _fragment = urldefrag(urljoin(base, value))
        parts = urlsplit(target)
        if parts.scheme not in ("", "http", "https") or (parts.hostname not in (None, HOST)):
            return  # mailto:, tel:
        local = parts.path + (f"?{parts.query}" if parts.query else "")
        if parts.path.startswith(PORTAL_PREFIXES) and local not in seen:
            seen.add(local)
            queue.append(local)


@pytest.fixture
def demo(db):
    load_demo(accounts=False)


def own_routes() -> list[str]:
    """The routes of the information pages, in both languages."""
    urls = []
    for language in ("nl", "en"):
        with translation.override(language):
            m = {"municipality": "bernheze"}
            urls += [reverse(f"portal:{name}", kwargs=m)
                     for name in ("home", "help", "disruptions", "accessibility", "privacy")]
            urls += [reverse("portal:community", kwargs={**m, "community": slug})
                     for slug in ("heesch", "heeswijk-dinther", "nistelrode", "vorstenbosch",
                                  "loosbroek", "vinkel")]
            urls += [reverse("portal:disruption", kwargs={**m, "disruption": d.slug})
                     for d in content.disruptions()]
    return urls


def test_crawl_of_the_whole_portal(client, demo):
    crawl = Crawl(client)
    crawl.run()
    assert crawl.problems == []
    missing = [url for url in own_routes() if url not in crawl.pages]
    assert missing == [], "every information page is reachable by links"
    assert Session.objects.count() == 0
    sizes = sorted(crawl.pages.values())
    print(f"\n{len(crawl.pages)} HTML pages, {len(crawl.other)} other files; "
          f"HTML+CSS per page {sizes[0]}–{sizes[-1]} bytes")


def test_root_redirect_sets_no_cookie(client, demo):
    for url in ("/", "/en/"):
        response = client.get(url)
        assert response.status_code == 302
        assert_stores_nothing(client, response, url)


def test_own_routes_store_nothing_even_for_a_returning_visitor(client, demo):
    """A visitor who arrives with old cookies (language, CSRF, session) gets none back."""
    client.cookies["django_language"] = "en"
    client.cookies["csrftoken"] = "x" * 32
    client.cookies["sessionid"] = "bestaat-niet"
    for url in own_routes():
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200, url
        assert "Set-Cookie" not in response.headers, url
        expected = "en" if url.startswith("/en/") else "nl"
        assert f'<html lang="{expected}">' in response.content.decode(), url
    assert Session.objects.count() == 0
