"""Static export of the public portal: plain files for any static host, a USB stick or file://.

The crawler starts at /<municipality>/ and /en/<municipality>/ and follows every same-host
link (a, link, script, img, form actions, srcset, CSS url()) with Django's test Client, so it
exports whatever pages the portal has, without a fixed page list. Each page is written as
<path>/index.html; every internal link and src is rewritten to a RELATIVE path that ends in
a file name (…/index.html), so the export works from file:// as well as from a static host.
Static files that pages or style sheets use are copied. The public booklets (PDF) are
included at their portal address, and one single-file offline HTML per kern (CSS inlined,
no external references) is written to offline/<kern>.html.
"""

from __future__ import annotations

import mimetypes
import posixpath
import re
import shutil
import time
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

from django.conf import settings
from django.http.request import validate_host
from django.template.loader import render_to_string
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from weerbaar.places.models import Community, Municipality
from weerbaar.reports import editions
from weerbaar.reports.pdf import booklet_pdf, static_path

MARKER = ".weerbaar-export"  # marks a directory this exporter wrote (safe to clear with --force)

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "background"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")\s]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
SKIP_SCHEMES = ("mailto:", "tel:", "data:", "javascript:", "sms:", "geo:", "blob:")


# ---------------------------------------------------------------- HTML rewriting

class _TagRewriter(HTMLParser):
    """Finds URL-bearing attributes (and CSS in <style> and style="") with their offsets."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [0]
        for match in re.finditer("\n", text):
            self.line_starts.append(match.end())
        self.tags: list[tuple[int, str, str, list[tuple[str, str | None]]]] = []
        self.styles: list[tuple[int, str]] = []
        self._in_style = False

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        self.tags.append((self._offset(), self.get_starttag_text() or "", tag, attrs))
        self._in_style = tag == "style"

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append((self._offset(), data))


def _rewrite_css(css: str, resolve) -> str:
    def replace(match: re.Match) -> str:
        if match.group(2) is not None:
            new = resolve(match.group(2), "css")
            return match.group(0) if new is None else f"url({match.group(1)}{new}{match.group(1)})"
        new = resolve(match.group(4), "css")
        return match.group(0) if new is None else f"@import {match.group(3)}{new}{match.group(3)}"

    return CSS_URL.sub(replace, css)


TAG_NAME = re.compile(r"<[^\s/>]+")
ATTRIBUTE = re.compile(r"""\s*([^\s/>"'=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?|\s*/""")


def _attribute_spans(raw: str) -> dict[str, tuple[int, int]]:
    """name -> (start, end) of the raw value (with its quotes) in a raw start tag, in order."""
    spans: dict[str, tuple[int, int]] = {}
    match = TAG_NAME.match(raw)
    pos = match.end() if match else len(raw)
    while pos < len(raw):
        match = ATTRIBUTE.match(raw, pos)
        if not match or match.end() == pos:
            break
        if match.group(1) and match.group(2) is not None:
            spans.setdefault(match.group(1).lower(), match.span(2))
        pos = match.end()
    return spans


def rewrite_html(html: str, resolve, mark_html: bool = False) -> str:
    """Rewrite every URL in the page: resolve(url, kind) returns the new value or None.

    kind is "link" for attributes, "srcset", "data" for data-* attributes, "css" for url().
    With mark_html, <html> gets data-static="1" so scripts know they run from static files.
    """
    parser = _TagRewriter(html)
    parser.feed(html)
    parser.close()
    edits: list[tuple[int, int, str]] = []
    for offset, raw, tag, attrs in parser.tags:
        spans = _attribute_spans(raw)
        replacements: list[tuple[int, int, str]] = []
        for name, value in attrs:
            if value is None:
                continue
            kind = None
            if name in URL_ATTRIBUTES:
                kind = "link"
            elif name in ("srcset", "imagesrcset"):
                kind = "srcset"
            elif name.startswith("data-") and value.startswith("/"):
                kind = "data"
            elif name == "style":
                kind = "style"
            elif tag == "meta" and name == "content" and "url=" in value.lower():
                kind = "refresh"
            if kind is None:
                continue
            new_value = _rewrite_value(value, kind, resolve)
            if new_value is None or new_value == value or name not in spans:
                continue
            escaped = new_value.replace("&", "&amp;").replace('"', "&quot;")
            replacements.append((*spans[name], f'"{escaped}"'))
        new_raw = raw
        for start, end, text in sorted(replacements, reverse=True):
            new_raw = new_raw[:start] + text + new_raw[end:]
        if mark_html and tag == "html":
            new_raw = new_raw[:5] + ' data-static="1"' + new_raw[5:]
        if new_raw != raw:
            edits.append((offset, offset + len(raw), new_raw))
    for offset, data in parser.styles:
        new_css = _rewrite_css(data, resolve)
        if new_css != data:
            edits.append((offset, offset + len(data), new_css))
    if not edits:
        return html
    out, last = [], 0
    for start, end, text in sorted(edits):
        out.append(html[last:start])
        out.append(text)
        last = end
    out.append(html[last:])
    return "".join(out)


def _rewrite_value(value: str, kind: str, resolve) -> str | None:
    """value is the attribute's unescaped value (as HTMLParser gives it)."""
    if kind == "link":
        return resolve(value, "link")
    if kind == "data":
        return resolve(value, "data")
    if kind == "style":
        return _rewrite_css(value, resolve)
    if kind == "refresh":
        at = value.lower().index("url=") + len("url=")
        new = resolve(value[at:].strip().strip("'\""), "link")
        return None if new is None else value[:at] + new
    if kind == "srcset":
        parts = []
        for candidate in value.split(","):
            bits = candidate.strip().split(None, 1)
            if not bits:
                continue
            new = resolve(bits[0], "link")
            parts.append(" ".join([new or bits[0], *bits[1:]]))
        return ", ".join(parts)
    return None


# ---------------------------------------------------------------- the exporter

@dataclass
class Fetched:
    path: str  # URL path, percent-decoded
    status: int
    content_type: str
    body: bytes
    redirect_to: str | None = None

    @property
    def is_html(self) -> bool:
        return self.content_type.startswith("text/html")

    @property
    def is_css(self) -> bool:
        return self.content_type.startswith("text/css")


@dataclass
class ExportResult:
    outdir: Path
    pages: list[str] = field(default_factory=list)  # written HTML files, relative to outdir
    files: list[str] = field(default_factory=list)  # every written file, relative to outdir
    offline: list[str] = field(default_factory=list)
    booklets: list[str] = field(default_factory=list)
    broken: list[tuple[str, str, int]] = field(default_factory=list)  # (page, url, status)
    outside: list[tuple[str, str]] = field(default_factory=list)  # (page, url) not exported
    queries_dropped: int = 0
    seconds: float = 0.0


def _export_host() -> str:
    allowed = settings.ALLOWED_HOSTS or ["localhost"]
    if validate_host("testserver", allowed):
        return "testserver"
    for host in allowed:
        candidate = host.lstrip(".")
        if candidate and candidate != "*" and validate_host(candidate, allowed):
            return candidate
    return "localhost"


class SiteExporter:
    def __init__(self, outdir: Path, municipalities: list[Municipality]):
        self.outdir = Path(outdir)
        self.municipalities = municipalities
        self.host = _export_host()
        self.client = Client(HTTP_HOST=self.host)
        self.secure = bool(settings.SECURE_SSL_REDIRECT)
        self.our_hosts = {self.host, "testserver", "localhost", "127.0.0.1"} | {
            h.lstrip(".") for h in settings.ALLOWED_HOSTS if h != "*"}
        self.languages = [code for code, _name in settings.LANGUAGES]
        self.prefixes = [settings.STATIC_URL]
        for municipality in municipalities:
            self.prefixes.append(f"/{municipality.slug}/")
            for code in self.languages:
                if code != settings.LANGUAGE_CODE:
                    self.prefixes.append(f"/{code}/{municipality.slug}/")
        self.fetched: dict[str, Fetched] = {}
        self.result = ExportResult(outdir=self.outdir)

    # -------------------------------------------------------------- URLs

    def internal_path(self, url: str, base_path: str) -> tuple[str, str, bool] | None:
        """(decoded path, fragment, had_query) when url points at our host, else None."""
        url = url.strip()
        if not url or url.startswith("#") or url.lower().startswith(SKIP_SCHEMES):
            return None
        parts = urlsplit(urljoin(f"http://{self.host}{quote(base_path)}", url))
        if parts.scheme not in ("http", "https") or (parts.hostname or "") not in self.our_hosts:
            return None
        return unquote(parts.path) or "/", parts.fragment, bool(parts.query)

    def in_scope(self, path: str) -> bool:
        if path in ("/", *(f"/{code}/" for code in self.languages)):
            return True  # the export's own root index
        if any(path.startswith(prefix) for prefix in self.prefixes):
            return True
        return any(path == prefix.rstrip("/") for prefix in self.prefixes)

    def is_root(self, path: str) -> bool:
        return path in ("/", *(f"/{code}/" for code in self.languages))

    def final(self, path: str) -> str:
        seen = set()
        while path in self.fetched and self.fetched[path].redirect_to and path not in seen:
            seen.add(path)
            path = self.fetched[path].redirect_to
        return path

    def file_for(self, path: str) -> str:
        """The file (relative to outdir) that holds the page or file at this URL path."""
        if self.is_root(path):
            return "index.html"
        fetched = self.fetched.get(path)
        relative = path.lstrip("/")
        if path.endswith("/"):
            return relative + "index.html"
        last = relative.rsplit("/", 1)[-1]
        if "." in last:
            return relative
        if fetched is not None and fetched.is_html:
            return relative + "/index.html"
        return relative

    # -------------------------------------------------------------- fetching

    def fetch(self, path: str) -> Fetched:
        response = self.client.get(quote(path), secure=self.secure)
        if response.status_code == 404 and path.startswith(settings.STATIC_URL):
            found = static_path(path[len(settings.STATIC_URL):])
            if found:
                ctype = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
                return Fetched(path, 200, ctype, found.read_bytes())
        body = (b"".join(response.streaming_content) if response.streaming
                else response.content)
        # No response.close() here: the test Client already closed it with Django's
        # close_old_connections disconnected; closing again would close the database
        # connection in the middle of an export (and of a test's transaction).
        redirect_to = None
        if response.status_code in (301, 302, 303, 307, 308):
            target = self.internal_path(response["Location"], path)
            redirect_to = target[0] if target else None
        return Fetched(path, response.status_code,
                       response.get("Content-Type", "application/octet-stream"), body, redirect_to)

    def crawl(self) -> None:
        queue: deque[str] = deque()
        for prefix in self.prefixes[1:]:
            queue.append(prefix)
        queued = set(queue)

        def discover(url: str, base: str, kind: str = "link"):
            target = self.internal_path(url, base)
            if target is None:
                return None
            path = target[0]
            if self.in_scope(path) and not self.is_root(path) and path not in queued:
                queued.add(path)
                queue.append(path)
            return None

        while queue:
            path = queue.popleft()
            fetched = self.fetch(path)
            self.fetched[path] = fetched
            if fetched.redirect_to:
                discover(fetched.redirect_to, path)
                continue
            if fetched.status != 200:
                continue
            if fetched.is_html:
                rewrite_html(fetched.body.decode("utf-8", "replace"),
                             lambda url, kind, base=path: discover(url, base, kind))
            elif fetched.is_css:
                _rewrite_css(fetched.body.decode("utf-8", "replace"),
                             lambda url, kind, base=path: discover(url, base, kind))

    # -------------------------------------------------------------- writing

    def relative_link(self, url: str, source_path: str, source_file: str, kind: str) -> str | None:
        target = self.internal_path(url, source_path)
        if target is None:
            return None
        path, fragment, had_query = target
        if not self.in_scope(path):
            self.result.outside.append((source_file, url))
            return None
        if had_query:
            self.result.queries_dropped += 1
        path = self.final(path)
        fetched = self.fetched.get(path)
        if not self.is_root(path) and (fetched is None or fetched.status != 200):
            self.result.broken.append((source_file, url, fetched.status if fetched else 0))
        target_file = self.file_for(path)
        if kind == "data" and target_file.endswith("index.html"):
            target_file = target_file[: -len("index.html")]  # a base for scripts to extend
        start = posixpath.dirname(source_file) or "."
        relative = posixpath.relpath(target_file or ".", start)
        if kind == "data" and target_file.endswith("/") and not relative.endswith("/"):
            relative += "/"
        relative = quote(relative, safe="/.-_~")
        return relative + (f"#{fragment}" if fragment else "")

    def write(self, relative: str, data: bytes) -> None:
        target = self.outdir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.result.files.append(relative)

    def write_pages(self) -> None:
        for path, fetched in sorted(self.fetched.items()):
            if fetched.status != 200 or fetched.redirect_to:
                continue
            relative = self.file_for(path)
            if fetched.is_html:
                html = rewrite_html(
                    fetched.body.decode("utf-8", "replace"),
                    lambda url, kind, p=path, f=relative: self.relative_link(url, p, f, kind),
                    mark_html=True)
                self.write(relative, html.encode("utf-8"))
                self.result.pages.append(relative)
            elif fetched.is_css:
                css = _rewrite_css(
                    fetched.body.decode("utf-8", "replace"),
                    lambda url, kind, p=path, f=relative: self.relative_link(url, p, f, kind))
                self.write(relative, css.encode("utf-8"))
            else:
                self.write(relative, fetched.body)
                if relative.endswith(".pdf"):
                    self.result.booklets.append(relative)

    def write_booklets(self) -> None:
        """Every public booklet, at its portal address, also when no page links to it."""
        for municipality in self.municipalities:
            for community in municipality.communities.order_by("name"):
                try:
                    url = reverse("portal:booklet", kwargs={"municipality": municipality.slug,
                                                            "community": community.slug})
                except NoReverseMatch:  # pragma: no cover - route missing
                    return
                relative = unquote(url).lstrip("/")
                if relative in self.result.files:
                    continue
                self.write(relative, booklet_pdf(community).pdf)
                self.result.booklets.append(relative)

    def write_offline(self) -> None:
        css = inline_css()
        slugs = [c.slug for m in self.municipalities for c in m.communities.all()]
        for municipality in self.municipalities:
            for community in municipality.communities.order_by("name"):
                name = community.slug if slugs.count(community.slug) == 1 else \
                    f"{municipality.slug}-{community.slug}"
                relative = f"offline/{name}.html"
                self.write(relative, offline_page(community, css).encode("utf-8"))
                self.result.offline.append(relative)

    def write_root(self) -> None:
        default = settings.LANGUAGE_CODE
        other = next((code for code in self.languages if code != default), default)
        entries = []
        for municipality in self.municipalities:
            home = self.file_for(self.final(f"/{municipality.slug}/"))
            home_en = self.file_for(self.final(f"/{other}/{municipality.slug}/"))
            entries.append({"name": municipality.name, "home": quote(home),
                            "home_en": quote(home_en)})
        html = render_to_string("reports/export_index.html",
                                {"entries": entries, "as_of": timezone.localdate()})
        self.write("index.html", html.encode("utf-8"))

    def run(self) -> ExportResult:
        started = time.perf_counter()
        self.outdir.mkdir(parents=True, exist_ok=True)
        (self.outdir / MARKER).write_text("weerbaar export-site\n", encoding="utf-8")
        # Each request activates its page's language; restore the caller's afterwards.
        with translation.override(translation.get_language()):
            self.crawl()
            self.write_pages()
            with translation.override(settings.LANGUAGE_CODE):
                self.write_booklets()
                self.write_offline()
                self.write_root()
        self.result.seconds = time.perf_counter() - started
        return self.result


# ---------------------------------------------------------------- offline single file

def inline_css() -> str:
    parts = []
    for name in ("weerbaar/tokens.css", "reports/offline.css"):
        path = static_path(name)
        if path:
            parts.append(path.read_text(encoding="utf-8"))
    return "\n".join(parts)


def offline_page(community: Community, css: str | None = None) -> str:
    """One kern as a single HTML file: CSS inlined, the map inline, no external references."""
    who = _("Gemeente %(name)s") % {"name": community.municipality.name}
    booklet = editions.stamped(editions.public_booklet(community), who)
    title = _("%(community)s: voorbereid op een verstoring") % {"community": community.name}
    return render_to_string("reports/offline_kern.html", {
        "booklet": booklet, "title": title, "inline_css": css if css is not None else inline_css(),
    })


def clear_previous_export(outdir: Path) -> bool:
    """Empty a directory this exporter wrote before (it holds the marker); True if cleared."""
    if not (outdir / MARKER).exists():
        return False
    for child in outdir.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    return True


def export_site(outdir: Path, municipalities: list[Municipality]) -> ExportResult:
    return SiteExporter(outdir, municipalities).run()
