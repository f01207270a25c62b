"""The survey subgoals on "Zijn we op koers?": estimate, interval, chart, tables."""

import re
from datetime import date

import pytest
from django.urls import reverse

from weerbaar.accounts.roles import Role
from weerbaar.monitor.charts import ChartPoint, wave_chart
from weerbaar.monitor.models import SurveyResponse, SurveyWave
from weerbaar.programme.indicators import subgoal_overview
from weerbaar.programme.models import ProgrammeLine, Subgoal

URL = reverse("workspace:dashboard")


def add_wave(municipality, codebook, communities, name, end, yes, no):
    wave = SurveyWave.objects.create(municipality=municipality, codebook=codebook, name=name,
                                     fieldwork_start=end.replace(day=1), fieldwork_end=end,
                                     source="test")
    rows = [SurveyResponse(wave=wave, respondent_id=f"R{i}",
                           community=communities[i % 2 if i < yes + no - 5 else 1],
                           age_group="40-64" if i % 3 else "80+", knows_where_help=i < yes)
            for i in range(yes + no)]
    SurveyResponse.objects.bulk_create(rows)
    return wave


@pytest.fixture
def surveyed(municipality, codebook, communities):
    line = ProgrammeLine.objects.create(municipality=municipality, number="I", name="Zelf",
                                        source="test")
    Subgoal.objects.create(line=line, code="I-1", text="75 % weet waar terecht", target_share=0.75,
                           deadline=date(2027, 12, 31), measured_by="survey", indicator="aandeel",
                           source="test")
    add_wave(municipality, codebook, communities, "Nulmeting", date(2026, 2, 28), 80, 120)
    add_wave(municipality, codebook, communities, "Tussenmeting", date(2026, 10, 31), 110, 90)
    return municipality


def test_dashboard_shows_survey_subgoal_with_interval_chart_and_tables(client, role_users, surveyed):
    client.force_login(role_users[Role.PROGRAMME])
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    overview = {r.code: r for r in response.context["overview"]}
    i1 = overview["I-1"]
    assert i1.measured and i1.value == pytest.approx(110 / 200)
    assert i1.ci_low < i1.value < i1.ci_high
    assert [w.wave for w in i1.waves] == ["Nulmeting", "Tussenmeting"]
    assert 'id="enquete"' not in html  # the "Nog niet gemeten" list is gone
    assert "55 % <span class=\"interval\">(95%-interval" in html
    assert 'id="subdoel-I-1"' in html
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"' in html
    assert 'aria-labelledby="grafiek-I-1-title grafiek-I-1-desc"' in html
    assert "<caption>I-1 per meting</caption>" in html
    assert '<th scope="row">Tussenmeting</th>' in html
    assert "<caption>I-1 per kern (Tussenmeting)</caption>" in html
    assert "Verschil tussen Nulmeting en Tussenmeting: +15 procentpunt" in html
    assert "Toets tegen de streefwaarde 75 %" in html
    assert '<th scope="row">Zuiddorp</th>' in html


@pytest.mark.parametrize("role", [Role.CRISIS, Role.PARTNER, Role.KEY_FIGURE])
def test_every_role_sees_the_aggregates_only(client, role_users, surveyed, role):
    client.force_login(role_users[role])
    html = client.get(URL).content.decode()
    assert "I-1 per meting" in html
    # Respondent numbers never reach the page; the random CSRF token may contain "R1" by chance.
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    assert "R1" not in html


def test_overview_without_explicit_results_asks_the_survey(surveyed):
    overview = subgoal_overview(surveyed, date(2026, 11, 28), computed=[])
    assert overview[0].code == "I-1" and overview[0].ci_high is not None


def test_chart_is_accessible_svg():
    svg = wave_chart([ChartPoint(date(2026, 2, 28), "Nul <meting>", 0.4, 0.35, 0.45),
                      ChartPoint(date(2026, 10, 31), "Tussen", 0.5, 0.44, 0.56, unreliable=True)],
                     ident="grafiek-I-1", title="I-1 Inwoners", start=date(2026, 1, 1),
                     end=date(2027, 12, 31), target=0.75,
                     path=((date(2026, 2, 28), 0.4), (date(2027, 12, 31), 0.75)),
                     description="Nulmeting 40 %")
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert '<title id="grafiek-I-1-title">I-1 Inwoners</title>' in svg
    assert "Nul &lt;meting&gt;" in svg and "<meting>" not in svg
    assert svg.count('class="whisker"') == 2 and 'class="target"' in svg
    assert 'class="path"' in svg and "streefwaarde 75 %" in svg
