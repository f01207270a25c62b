"""Public pages: the 72-hour emergency kit, its calendar reminder and the household plan.

Routes relative to /<municipality>/. Nothing a visitor enters is stored or logged: the kit
calculator is a GET form computed on the fly, the household plan a POST that is only echoed
back as a printable page (csrf_exempt: the portal sets no cookies, so there is no CSRF
cookie to check, and the view changes nothing on the server).
"""

import calendar
import datetime as dt
import uuid

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from weerbaar.network.services import public_channels
from weerbaar.portal import kit
from weerbaar.portal.forms import (
    PHONE_ROWS,
    HouseholdPlanForm,
    KitCalculatorForm,
)
from weerbaar.portal.views.common import municipality_or_404, page_context
from weerbaar.supportpoints.models import SupportPoint


def _checklist():
    """The Denk Vooruit checklist with its labels in the active language."""
    return [
        {"key": section.key, "title": gettext(section.title),
         "items": [{"key": item.key, "label": gettext(item.label),
                    "note": gettext(item.note) if item.note else ""} for item in section.items]}
        for section in kit.CHECKLIST
    ]


@require_safe
def kit_page(request, municipality):
    municipality = municipality_or_404(municipality)
    if KitCalculatorForm.is_submitted(request.GET):
        form = KitCalculatorForm(request.GET)
    else:
        form = KitCalculatorForm()
    result = None
    if form.is_bound and form.is_valid():
        result = kit.calculate(form.household())
        # Show the values that were used (an empty field counted as 0, or 3 days).
        form = KitCalculatorForm(initial=form.cleaned_data)
    return render(request, "portal/kit/page.html", page_context(
        municipality, form=form, result=result, checklist=_checklist(), rules=kit))


# --- the calendar reminder (RFC 5545) -----------------------------------------------------

def _add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month,
                       day=min(day.day, calendar.monthrange(year, month)[1]))


def _ics_escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 §3.3.11)."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _ics_fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character (RFC 5545 §3.1)."""
    parts, current, size, limit = [], "", 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    parts.append(current)
    return "\r\n".join(parts)


def reminder_calendar(*, kit_url: str, today: dt.date, now: dt.datetime) -> str:
    """An iCalendar file: every six months, check the kit. Floating local time 10:00."""
    start = _add_months(today, kit.CHECK_EVERY_MONTHS)
    summary = gettext("Noodpakket controleren")
    description = "\n".join([
        gettext("Controleer uw noodpakket (Denk Vooruit):"),
        gettext("- Zijn het water en het eten nog goed?"),
        gettext("- Werken de radio en de zaklamp? Zijn er reservebatterijen?"),
        gettext("- Is de powerbank opgeladen?"),
        gettext("- Zijn de medicijnen nog goed en is de lijst nog juist?"),
        gettext("- Is er genoeg contant geld? Klopt de lijst met telefoonnummers?"),
        gettext("- Klopt uw noodplan nog?"),
        gettext("Checklist: {url}").format(url=kit_url),
    ])
    uid = uuid.uuid5(uuid.NAMESPACE_URL, f"{kit_url}#{start.isoformat()}")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Weerbaar//Noodpakket herinnering//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid}@weerbaar",
        f"DTSTAMP:{now.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}",
        f"DTSTART:{start:%Y%m%d}T100000",
        "DURATION:PT30M",
        f"RRULE:FREQ=MONTHLY;INTERVAL={kit.CHECK_EVERY_MONTHS}",
        f"SUMMARY:{_ics_escape(summary)}",
        f"DESCRIPTION:{_ics_escape(description)}",
        f"URL:{kit_url}",
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{_ics_escape(summary)}",
        "TRIGGER:PT0S",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(_ics_fold(line) + "\r\n" for line in lines)


@require_safe
def kit_ics(request, municipality):
    municipality = municipality_or_404(municipality)
    kit_url = request.build_absolute_uri(
        reverse("portal:kit", kwargs={"municipality": municipality.slug}))
    body = reminder_calendar(kit_url=kit_url, today=timezone.localdate(), now=timezone.now())
    response = HttpResponse(body.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    filename = "noodpakket-herinnering.ics" if get_language() == "nl" else "emergency-kit-reminder.ics"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- the household plan ---------------------------------------------------------------------

def _all_points_by_community(municipality):
    """For the blank paper plan: every kern with its noodsteunpunten and public channels."""
    rows = []
    points = (SupportPoint.objects.filter(community__municipality=municipality)
              .select_related("community").order_by("community__name", "name"))
    by_community: dict = {}
    for point in points:
        by_community.setdefault(point.community, []).append(point)
    for community in municipality.communities.order_by("name"):
        rows.append({"community": community, "points": by_community.get(community, []),
                     "channels": public_channels(community)})
    return rows


def _phones(form) -> list[tuple[str, str]]:
    """The phone list rows as typed (blank rows stay blank, to fill in by pen)."""
    data = form.cleaned_data if form is not None else {}
    return [(data.get(f"naam_{row}", ""), data.get(f"nummer_{row}", ""))
            for row in range(1, PHONE_ROWS + 1)]


def _no_store(response):
    response["Cache-Control"] = "no-store"
    return response


@csrf_exempt  # no cookies on the portal, hence no CSRF cookie; the view stores nothing
@require_http_methods(["GET", "HEAD", "POST"])
def plan(request, municipality):
    municipality = municipality_or_404(municipality)
    if request.method == "POST":
        form = HouseholdPlanForm(request.POST, municipality=municipality)
        if not form.is_valid():
            return _no_store(render(request, "portal/plan/form.html",
                                    page_context(municipality, form=form)))
        point = form.chosen_support_point()
        community = form.chosen_community(point)
        return _no_store(render(request, "portal/plan/result.html", page_context(
            municipality, form=form, data=form.cleaned_data, blank=False, point=point,
            community=community, channels=public_channels(community), phones=_phones(form),
            point_status_final=_is_final(point))))
    if request.GET.get("leeg"):
        return render(request, "portal/plan/result.html", page_context(
            municipality, form=HouseholdPlanForm(municipality=municipality), data={},
            blank=True, point=None, community=None, channels=[], phones=_phones(None),
            overview=_all_points_by_community(municipality)))
    return render(request, "portal/plan/form.html", page_context(
        municipality, form=HouseholdPlanForm(municipality=municipality)))


def _is_final(point) -> bool:
    return point is not None and point.status in (
        SupportPoint.Status.DESIGNATED, SupportPoint.Status.EQUIPPED, SupportPoint.Status.EXERCISED)

urlpatterns = [
    path("noodpakket/", kit_page, name="kit"),
    path("noodpakket/herinnering.ics", kit_ics, name="kit_ics"),
    path("noodplan/", plan, name="plan"),
]
