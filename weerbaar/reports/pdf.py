"""PDF through WeasyPrint: print CSS, page numbers and the edition's stamp on every page.

Static files (print.css) are read from our own static files through ``base_url``; the URL
fetcher refuses every other host, so rendering a PDF never makes a network request.

``booklet_pdf`` and ``crisis_pdf`` are the only ways the project makes an edition: both the
web views and the commands call them. Every crisis edition is logged on the
``weerbaar.privacy`` logger with who, what and when.
"""

from __future__ import annotations

import logging
import mimetypes
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from weerbaar.places.models import Community, Municipality
from weerbaar.reports import editions

privacy_log = logging.getLogger("weerbaar.privacy")

# Relative URLs in the HTML resolve against this base; only STATIC_URL paths are served.
BASE_URL = "https://weerbaar.invalid/"


def static_path(path: str) -> Path | None:
    """The file behind a static path (after STATIC_URL), from the finders or STATIC_ROOT."""
    found = finders.find(path)
    if found:
        return Path(found)
    try:
        candidate = Path(staticfiles_storage.path(path))
    except NotImplementedError:  # pragma: no cover - remote storage
        return None
    return candidate if candidate.is_file() else None


def _url_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """Serves our static files and data: URLs; refuses anything else (no network)."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            prefix = BASE_URL.rstrip("/") + settings.STATIC_URL
            if url.startswith(prefix):
                path = static_path(url[len(prefix):].split("?")[0].split("#")[0])
                if path is not None:
                    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})
            raise ValueError(f"refused (no external requests while printing): {url}")

    return StaticOnlyFetcher(allowed_protocols={"data", "https"})


def css_string(text: str) -> str:
    """A CSS string literal for the @page margin boxes."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"'


def page_css(stamp: editions.Stamp, title: str, confidential: bool) -> str:
    """@page rules: title at the top, the stamp and page numbers at the bottom of every page."""
    line = _("Stand per %(date)s · versie %(version)s · gemaakt door %(who)s") % {
        "date": stamp.as_of.strftime("%d-%m-%Y"), "version": stamp.version,
        "who": stamp.generated_by}
    page = _("Pagina")
    of = _("van")
    rules = [
        f"@top-left {{ content: {css_string(title)}; }}",
        f"@bottom-left {{ content: {css_string(line)}; }}",
        f'@bottom-right {{ content: {css_string(page + " ")} counter(page) '
        f'{css_string(" " + of + " ")} counter(pages); }}',
    ]
    if confidential:
        rules.append(f"@top-right {{ content: {css_string(confidential_label())}; "
                     f"color: #a4161a; font-weight: bold; }}")
    return "@page { " + " ".join(rules) + " }"


def confidential_label() -> str:
    return _("VERTROUWELIJK — bevat persoonsgegevens")


def render_pdf(html: str, **options) -> bytes:
    """``options`` go to WeasyPrint's write_pdf (e.g. ``full_fonts=True`` skips the slow
    font subsetting of long documents)."""
    from weasyprint import HTML

    return HTML(string=html, base_url=BASE_URL, url_fetcher=_url_fetcher()).write_pdf(**options)


def render_document(html: str):
    """The laid-out WeasyPrint document (tests read the text of its pages)."""
    from weasyprint import HTML

    return HTML(string=html, base_url=BASE_URL, url_fetcher=_url_fetcher()).render()


def document_text(document) -> str:
    """All text laid out on the pages of a rendered document."""
    parts: list[str] = []

    def walk(box):
        text = getattr(box, "text", None)
        if isinstance(text, str):
            parts.append(text)
        for child in getattr(box, "children", []) or []:
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return " ".join(parts)


# ---------------------------------------------------------------- the editions

@dataclass(frozen=True)
class Printed:
    pdf: bytes
    html: str
    edition: object
    seconds: float
    filename: str


def booklet_html(community: Community, generated_by: str | None = None):
    """The public booklet as print HTML, and its stamped data."""
    municipality = community.municipality
    who = generated_by or _("Gemeente %(name)s") % {"name": municipality.name}
    booklet = editions.stamped(editions.public_booklet(community), who)
    title = _("Boekje voor inwoners van %(community)s") % {"community": community.name}
    html = render_to_string("reports/booklet.html", {
        "booklet": booklet, "stamp": booklet.stamp, "title": title,
        "page_css": page_css(booklet.stamp, title, confidential=False),
    })
    return html, booklet


def booklet_pdf(community: Community, generated_by: str | None = None) -> Printed:
    started = time.perf_counter()
    html, booklet = booklet_html(community, generated_by)
    pdf = render_pdf(html)
    return Printed(pdf=pdf, html=html, edition=booklet, seconds=time.perf_counter() - started,
                   filename=booklet_filename(community))


def booklet_filename(community: Community) -> str:
    return f"boekje-{community.municipality.slug}-{community.slug}.pdf"


def crisis_filename(municipality: Municipality, community: Community | None = None) -> str:
    if community is None:
        return f"crisiseditie-{municipality.slug}.pdf"
    return f"crisiseditie-{municipality.slug}-{community.slug}.pdf"


def crisis_html(municipality: Municipality, community: Community | None, generated_by: str):
    edition = editions.stamped(editions.crisis_edition(municipality, community), generated_by)
    if community is None:
        title = _("Crisiseditie gemeente %(name)s") % {"name": municipality.name}
    else:
        title = _("Crisiseditie %(community)s (gemeente %(name)s)") % {
            "community": community.name, "name": municipality.name}
    html = render_to_string("reports/crisis.html", {
        "edition": edition, "stamp": edition.stamp, "title": title,
        "confidential": confidential_label(),
        "page_css": page_css(edition.stamp, title, confidential=True),
    })
    return html, edition


def crisis_pdf(municipality: Municipality, community: Community | None, generated_by: str,
               via: str, user=None, reason: str = "") -> Printed:
    """Render a restricted crisis edition and log who made which edition when (and how);
    the audit trail records it too (``user`` None: the system, e.g. print-editions)."""
    started = time.perf_counter()
    html, edition = crisis_html(municipality, community, generated_by)
    pdf = render_pdf(html)
    from weerbaar.audit.services import record

    record("print", user=user, reason=reason, object_type="reports.crisisedition",
           object_id=edition.subject, object_repr=f"crisiseditie {edition.subject} ({edition.stamp.version})",
           path=via[:300])
    privacy_log.info(
        "crisis edition generated: who=%s what=%s version=%s when=%s via=%s",
        generated_by, f"crisiseditie {edition.subject}", edition.stamp.version,
        edition.stamp.generated_at.isoformat(timespec="seconds"), via)
    return Printed(pdf=pdf, html=html, edition=edition, seconds=time.perf_counter() - started,
                   filename=crisis_filename(municipality, community))
