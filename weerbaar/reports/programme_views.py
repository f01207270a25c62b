"""Progress and final report (seed §3.7) as HTML and PDF for staff; routes in roles.py.

Each route name has a form without arguments (the list of reports, and the progress report
as PDF) so every declared route can be opened as-is. ``?gemeente=GMxxxx`` picks the
municipality, ``?datum=JJJJ-MM-DD`` the report date. The budget part follows the
``programme.budgetline`` row of ACCESS: whoever may not see budget lines in the registers
does not see them in the report either.
"""

from __future__ import annotations

import datetime as dt
import time

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from weerbaar.accounts.decorators import roles_required
from weerbaar.accounts.models import role_of
from weerbaar.accounts.roles import Access, access_for
from weerbaar.places.models import Municipality
from weerbaar.programme.models import BudgetLine, ReportKind
from weerbaar.reports import editions, pdf
from weerbaar.reports.programme_report import (
    KIND_SLUGS,
    SLUG_OF,
    ProgrammeReport,
    build_report,
    default_report_date,
)
from weerbaar.reports.views import generated_by


class BadDate(ValueError):
    pass


def may_see_budget(user) -> bool:
    if user.is_superuser:
        return True
    return access_for(role_of(user), BudgetLine._meta.label_lower) >= Access.VIEW


def _municipality(request) -> Municipality | None:
    """?gemeente=GMxxxx (404 when unknown), else the first municipality."""
    code = request.GET.get("gemeente", "").strip().upper()
    municipalities = Municipality.objects.order_by("name")
    if code:
        found = municipalities.filter(cbs_code=code).first()
        if found is None:
            raise Http404
        return found
    return municipalities.first()


def _report_date(request, municipality, kind: str, today: dt.date) -> dt.date:
    text = request.GET.get("datum", "").strip()
    if not text:
        return default_report_date(municipality, kind, today)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BadDate(text) from None


def _bad_date(request, text: str):
    return render(request, "reports/programme_reports.html", {
        "kinds": _kinds(), "municipality": None,
        "error": _("‘%(text)s’ is geen datum. Gebruik JJJJ-MM-DD, bijvoorbeeld 2026-12-31.")
        % {"text": text}}, status=400)


def _kinds():
    return [{"slug": slug, "label": kind.label} for slug, kind in KIND_SLUGS.items()]


def report_for(request, slug: str) -> ProgrammeReport:
    kind = KIND_SLUGS.get(slug)
    if kind is None:
        raise Http404
    today = timezone.localdate()
    municipality = _municipality(request)
    report_date = _report_date(request, municipality, kind, today)
    return build_report(municipality, kind, report_date, today=today,
                        include_budget=may_see_budget(request.user))


def _context(report: ProgrammeReport, for_print: bool, **extra) -> dict:
    return {"report": report, "title": f"{report.title} — {report.municipality}".rstrip(" —"),
            "for_print": for_print,
            "base_template": "reports/_programme_print_base.html" if for_print else "base.html",
            **extra}


@never_cache
@roles_required("reports:programme_report")
def programme_report(request, kind: str | None = None):
    """The report as an accessible HTML page; without a kind, the list of reports."""
    if kind is None:
        municipality = _municipality(request)
        return render(request, "reports/programme_reports.html", {
            "kinds": _kinds(), "municipality": municipality})
    try:
        report = report_for(request, kind)
    except BadDate as exc:
        return _bad_date(request, str(exc))
    query = request.GET.urlencode()
    return render(request, "reports/programme_report.html",
                  _context(report, for_print=False, query=f"?{query}" if query else ""))


def report_pdf(report: ProgrammeReport, who: str) -> tuple[bytes, float]:
    """Render the report as PDF with the shared print CSS and stamp; returns (pdf, seconds)."""
    started = time.perf_counter()
    now = timezone.localtime()
    stamp = editions.Stamp(as_of=report.report_date, generated_at=now, generated_by=who,
                           version=f"{now:%Y%m%d-%H%M}")
    context = _context(report, for_print=True, stamp=stamp)
    context["page_css"] = pdf.page_css(stamp, context["title"], confidential=False)
    html = render_to_string("reports/programme_report.html", context)
    # Full fonts: subsetting two fonts took about 1 s of a 3 s render, the file barely grows.
    return pdf.render_pdf(html, full_fonts=True), time.perf_counter() - started


def pdf_filename(report: ProgrammeReport) -> str:
    place = report.municipality_code.lower() or "gemeente"
    return f"{report.slug}-{place}-{report.report_date:%Y-%m-%d}.pdf"


@never_cache
@roles_required("reports:programme_report_pdf")
def programme_report_pdf(request, kind: str = SLUG_OF[ReportKind.PROGRESS]):
    try:
        report = report_for(request, kind)
    except BadDate as exc:
        return _bad_date(request, str(exc))
    content, _seconds = report_pdf(report, generated_by(request.user))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{pdf_filename(report)}"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
