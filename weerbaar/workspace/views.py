"""Staff pages."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from weerbaar.accounts.decorators import roles_required
from weerbaar.monitor.estimates import RELIABLE_MIN, SHOWN_MIN
from weerbaar.monitor.services import SurveyOverview, survey_overview
from weerbaar.places.models import Municipality
from weerbaar.programme import indicators


def _own_municipality_id(user) -> int | None:
    """The municipality of a partner's organisation or a key figure's community, if any."""
    profile = getattr(user, "profile", None)  # a missing profile raises AttributeError
    if profile is None:
        return None
    if profile.organisation_id:
        return profile.organisation.municipality_id
    if profile.community_id:
        return profile.community.municipality_id
    return None


def _chosen_municipality(request, municipalities: list[Municipality]) -> Municipality | None:
    """?gemeente=GMxxxx when given (404 when unknown), else the user's own, else the first."""
    code = request.GET.get("gemeente", "").strip().upper()
    if code:
        for municipality in municipalities:
            if municipality.cbs_code == code:
                return municipality
        raise Http404
    own = _own_municipality_id(request.user)
    for municipality in municipalities:
        if municipality.id == own:
            return municipality
    return municipalities[0] if municipalities else None


@roles_required("workspace:dashboard")
def dashboard(request):
    """"Zijn we op koers?": every subgoal against its path; aggregates only, no personal data,
    so every staff role may open it."""
    today = timezone.localdate()
    municipalities = list(Municipality.objects.order_by("name"))
    municipality = _chosen_municipality(request, municipalities)
    results, overview, survey = [], [], SurveyOverview()
    if municipality is not None:
        subgoals = indicators.subgoals_of(municipality)  # read once for both
        results = indicators.compute_register_indicators(municipality, today, subgoals=subgoals)
        survey = survey_overview(municipality, today)
        overview = indicators.subgoal_overview(municipality, today, computed=results,
                                               survey_results=survey.results, subgoals=subgoals)
    context = {
        "today": today,
        "municipality": municipality,
        "municipalities": municipalities,
        "overview": overview,
        "results": results if overview else [],
        "not_measured": [r for r in overview if not r.measured],
        "survey": survey,
        "reliable_min": RELIABLE_MIN,
        "shown_min": SHOWN_MIN,
        "currency_months": settings.WEERBAAR_CURRENCY_MONTHS,
        "programme_start": indicators.PROGRAMME_START,
        "margin_points": round(indicators.AT_RISK_MARGIN * 100),
    }
    return render(request, "workspace/dashboard.html", context)
