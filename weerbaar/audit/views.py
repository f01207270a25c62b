"""The privacy officer's audit trail page and its CSV export (the export is audited too)."""

import csv

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from weerbaar.accounts.decorators import permission_route
from weerbaar.audit.forms import ExportForm, FilterForm
from weerbaar.audit.models import Action
from weerbaar.audit.search import Filters, filtered
from weerbaar.audit.services import record

CSV_COLUMNS = ("sequence", "timestamp", "actor_username", "actor_id", "role", "action",
               "object_type", "object_id", "object_repr", "reason", "path", "prev_hash", "hash")
PER_PAGE = 50


def _filters(form) -> Filters:
    data = form.cleaned_data if form.is_valid() else {}
    return Filters(**{name: data.get(name) or ("" if name not in ("since", "until") else None)
                      for name in Filters.__dataclass_fields__})


def _page(request, form, export_form):
    events = filtered(_filters(form))
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    query.pop("reason", None)
    return render(request, "audit/events.html", {
        "form": form, "export_form": export_form, "page": page, "query": query.urlencode(),
        "total": page.paginator.count,
    })


@never_cache
@permission_route("audit:events")
def events(request):
    form = FilterForm(request.GET or None)
    return _page(request, form, ExportForm(initial=request.GET.dict()))


@never_cache
@permission_route("audit:export")
def export(request):
    """CSV of the filtered events; a reason is required and the export is recorded."""
    form = ExportForm(request.GET or None)
    if not form.is_valid():
        return _page(request, FilterForm(request.GET or None), form)
    events = filtered(_filters(form))
    count = events.count()
    record(Action.EXPORT, request=request, reason=form.cleaned_data["reason"],
           object_type="audit.auditevent", object_repr=f"audittrail als CSV ({count} gebeurtenissen)")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audittrail.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for event in events.iterator():
        writer.writerow([_cell(getattr(event, name)) for name in CSV_COLUMNS])
    return response


def _cell(value) -> str:
    text = "" if value is None else (value.isoformat() if hasattr(value, "isoformat") else str(value))
    # Spreadsheet formula injection: a cell starting with = + - @ is read as text.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
