"""The two fictitious demo waves: loaded with the demo, idempotent, showing the flags."""

from weerbaar.demo.loader import load_demo
from weerbaar.monitor.estimates import estimate_municipality
from weerbaar.monitor.models import Codebook, CodebookAnswer, SurveyResponse, SurveyWave
from weerbaar.places.models import Municipality


def test_demo_waves_load_once_and_show_raking_and_small_domains(db):
    first = load_demo(accounts=False)
    assert first.created["monitor.SurveyWave"] == 2
    waves = list(SurveyWave.objects.order_by("fieldwork_end"))
    assert [w.name for w in waves] == ["Nulmeting begin 2026 (fictief)",
                                       "Tussenmeting najaar 2026 (fictief)"]
    assert all(w.is_fictitious and w.confidence == "EST" for w in waves)
    assert Codebook.objects.get().is_fictitious
    counts = [w.responses.count() for w in waves]
    assert all(800 <= c <= 1200 for c in counts)
    state = (SurveyResponse.objects.count(), CodebookAnswer.objects.count(),
             [w.history.count() for w in waves], [w.file_checksum for w in waves])

    again = load_demo(accounts=False)
    assert again.written == 0
    assert again.unchanged["monitor.SurveyResponse"] == sum(counts)
    assert state == (SurveyResponse.objects.count(), CodebookAnswer.objects.count(),
                     [w.history.count() for w in SurveyWave.objects.order_by("fieldwork_end")],
                     [w.file_checksum for w in SurveyWave.objects.order_by("fieldwork_end")])

    results = estimate_municipality(Municipality.objects.get(cbs_code="GM1721"))
    assert all(r.raked_on == ["kern"] for r in results)
    kern = {c.label: c for c in results[0].indicators["I-1"].domains["kern"]}
    assert kern["Loosbroek"].unreliable
    assert kern["Vinkel (deel)"].n == 0 and kern["Vinkel (deel)"].value is None
    # Raking matters: Heesch is under-sampled and answers "yes" less often.
    columns_share = (SurveyResponse.objects.filter(wave=results[0].wave, knows_where_help=True)
                     .count() / SurveyResponse.objects.filter(wave=results[0].wave)
                     .exclude(knows_where_help=None).count())
    assert results[0].indicators["I-1"].overall.value < columns_share - 0.01
