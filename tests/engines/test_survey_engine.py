"""Survey engine behaviour beyond the R reference: bad input, trimming, waves, targets, files."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from weerbaar.engines.survey import (
    Design,
    SurveyInputError,
    by_domain,
    difference,
    mean,
    proportion,
    rake,
    test_target,
    total,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "r-survey-api"


def test_simple_random_sample_matches_the_textbook():
    """Equal weights, no strata: mean = sample mean, SE = s / sqrt(n) (with-replacement)."""
    rng = np.random.default_rng(1)
    y = rng.normal(10, 2, size=400)
    est = mean(Design(weights=np.ones(400)), y)
    assert est.estimate == pytest.approx(y.mean())
    assert est.se == pytest.approx(y.std(ddof=1) / np.sqrt(400), rel=1e-12)
    assert est.df == 399


def test_fpc_shrinks_the_variance_and_a_census_has_none():
    y = np.arange(10, dtype=float)
    srs = mean(Design(weights=np.full(10, 10.0)), y)
    sampled_half = mean(Design(fpc=np.full(10, 20.0)), y)
    census = mean(Design(fpc=np.full(10, 10.0)), y)
    assert sampled_half.se == pytest.approx(srs.se * np.sqrt(0.5))
    assert census.se == 0


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"weights": [1, 2], "strata": [1, 2, 3]}, "verschillen in lengte"),
    ({"weights": [1, -2, 3]}, "niet positief bij respondent 2"),
    ({"weights": [1, "x", 3]}, "geen getal bij respondent 2"),
    ({"weights": [1, 1], "strata": ["a", None]}, "lege waarde"),
    ({"weights": [1, 1], "fpc": [1, 0]}, "fpc"),
    ({"weights": [1, 1, 1], "fpc": [1, 2, 3]}, "verschilt binnen een stratum"),
    ({"weights": [1, 1, 1], "strata": ["a", "a", "a"], "fpc": [2, 2, 2]}, "meer steekproef-PSU"),
    ({}, "geef minstens"),
])
def test_bad_designs_are_named(kwargs, message):
    with pytest.raises(SurveyInputError, match=message):
        Design(**kwargs)


def test_lonely_psu_fails_by_default_and_can_be_adjusted():
    y = np.array([1.0, 2.0, 3.0, 10.0])
    strata = ["a", "a", "a", "b"]
    with pytest.raises(SurveyInputError, match="stratum b heeft maar één PSU"):
        mean(Design(weights=np.ones(4), strata=strata), y)
    removed = mean(Design(weights=np.ones(4), strata=strata, lonely_psu="remove"), y)
    adjusted = mean(Design(weights=np.ones(4), strata=strata, lonely_psu="adjust"), y)
    assert adjusted.se > removed.se > 0


def test_estimate_input_errors():
    design = Design(weights=np.ones(4))
    with pytest.raises(SurveyInputError, match="0/1"):
        proportion(design, [0, 1, 2, 1])
    with pytest.raises(SurveyInputError, match="geen respondenten"):
        mean(design, [np.nan] * 4)
    with pytest.raises(SurveyInputError, match="confidence"):
        mean(design, [1, 2, 3, 4], confidence=95)
    with pytest.raises(SurveyInputError, match="3 waarden, verwacht 4"):
        total(design, [1, 2, 3])


def test_rake_refuses_margins_that_do_not_fit():
    design = Design(weights=np.ones(4))
    kern = ["a", "a", "b", "c"]
    with pytest.raises(SurveyInputError, match="geen populatieaantal voor c"):
        rake(design, {"kern": (kern, {"a": 10, "b": 10})})
    with pytest.raises(SurveyInputError, match="d komt in de populatie voor"):
        rake(design, {"kern": (kern, {"a": 10, "b": 10, "c": 5, "d": 4})})
    with pytest.raises(SurveyInputError, match="niet op tot hetzelfde populatietotaal"):
        rake(design, {"kern": (kern, {"a": 10, "b": 10, "c": 5}),
                      "sex": (["m", "v", "m", "v"], {"m": 1, "v": 1})})
    with pytest.raises(SurveyInputError, match="geen getal"):
        rake(design, {"kern": (kern, {"a": "veel", "b": 10, "c": 5})})


def test_non_convergence_is_reported_not_hidden():
    design = Design(weights=np.ones(6))
    margins = {"a": (list("xxxyyy"), {"x": 50, "y": 50}), "b": (list("pqpqpq"), {"p": 90, "q": 10})}
    result = rake(design, margins, max_iter=1, epsilon=1e-12)
    assert not result.converged and result.iterations == 1
    assert "Niet geconvergeerd" in result.notes[0]


def test_trimming_keeps_weights_within_bounds_and_hits_margins():
    """A rare cell (old people in the small village) gets huge raked weights; trimming caps
    them while the other cells absorb the difference, so the margins still hold."""
    rng = np.random.default_rng(7)
    n = 2000
    kern = rng.choice(["groot", "klein"], size=n, p=[0.7, 0.3])
    old = rng.random(n) < np.where(kern == "klein", 0.02, 0.5)
    age = np.where(old, "oud", "jong")
    design = Design(weights=np.ones(n))
    margins = {"kern": (kern, {"groot": 6000, "klein": 4000}),
               "age": (age, {"jong": 5000, "oud": 5000})}
    free = rake(design, margins)
    trimmed = rake(design, margins, trim=(None, 20.0))
    assert free.design.w.max() > 20
    assert trimmed.design.w.max() <= 20 * (1 + 1e-6)
    assert trimmed.trimmed > 0 and not trimmed.notes
    for labels, totals in margins.values():
        for label, population in totals.items():
            assert trimmed.design.w[labels == label].sum() == pytest.approx(population, rel=1e-6)
    report = trimmed.report()
    assert report["weight_max"] == pytest.approx(trimmed.design.w.max())
    assert 1 <= report["design_effect_of_weights"] < free.report()["design_effect_of_weights"]


def test_infeasible_trimming_is_reported():
    kern = np.array(["groot"] * 97 + ["klein"] * 3)
    result = rake(Design(weights=np.ones(100)), {"kern": (kern, {"groot": 60, "klein": 40})},
                  trim=(None, 5.0))
    assert "niet tegelijk haalbaar" in result.notes[0]


def test_difference_between_waves_and_target_test():
    rng = np.random.default_rng(3)
    first = proportion(Design(weights=np.ones(800)), rng.random(800) < 0.40)
    second = proportion(Design(weights=np.ones(800)), rng.random(800) < 0.55)
    change = difference(second, first)
    assert change.estimate == pytest.approx(second.estimate - first.estimate)
    assert change.se == pytest.approx(np.hypot(first.se, second.se))
    assert change.significant and change.ci_low > 0
    above = test_target(second, 0.40)
    below = test_target(second, 0.75)
    assert above.p_value < 0.001 and above.reached()
    assert below.p_value > 0.99 and not below.reached()
    assert test_target(second, 0.75, alternative="less").p_value < 0.001
    with pytest.raises(SurveyInputError):
        difference(second, mean(Design(weights=np.ones(3)), [1, 2, 3]))


def test_no_one_in_a_domain_still_gets_an_upper_bound():
    y = np.array([0.0] * 30 + [1.0] * 30)
    groups = ["a"] * 30 + ["b"] * 30
    found = by_domain(proportion, Design(weights=np.ones(60)), y, groups)
    assert found["a"].estimate == 0 and found["a"].ci_low == 0
    assert found["a"].ci_high == pytest.approx(1 - 0.025 ** (1 / 30))
    assert found["b"].ci_low == pytest.approx(1 - found["a"].ci_high)


# --- the analysts' command line on other file types and on bad input -------------------------

SPEC = {"weights": "pw", "strata": "stype", "fpc": "fpc",
        "estimates": [{"name": "api00", "type": "mean", "variable": "api00"},
                      {"name": "sw", "type": "proportion", "variable": "sch.wide", "level": "Yes",
                       "by": "stype"}]}


def _run(tmp_path, capsys, data_path: Path, spec) -> dict:
    from weerbaar.cli import main

    design = tmp_path / "design.json"
    design.write_text(spec if isinstance(spec, str) else json.dumps(spec), encoding="utf-8")
    main(["survey", "estimate", str(data_path), "--design", str(design), "--json"])
    return json.loads(capsys.readouterr().out)


def test_cli_reads_xlsx_and_sav_with_value_labels(tmp_path, capsys):
    import pyreadstat

    frame = pd.read_csv(DATA / "apistrat.csv")[["stype", "sch.wide", "api00", "pw", "fpc"]]
    expected = _run(tmp_path, capsys, DATA / "apistrat.csv", SPEC)
    frame.to_excel(tmp_path / "api.xlsx", index=False)
    assert _run(tmp_path, capsys, tmp_path / "api.xlsx", SPEC) == expected
    coded = frame.assign(**{"sch.wide": (frame["sch.wide"] == "Yes").astype(int) + 1}).rename(
        columns={"sch.wide": "schwide"})
    pyreadstat.write_sav(coded, str(tmp_path / "api.sav"),
                         variable_value_labels={"schwide": {1.0: "No", 2.0: "Yes"}})
    sav_spec = json.loads(json.dumps(SPEC))
    sav_spec["estimates"][1]["variable"] = "schwide"
    from_sav = _run(tmp_path, capsys, tmp_path / "api.sav", sav_spec)  # level given as the label
    assert from_sav["estimates"] == [dict(row, name=row["name"]) for row in expected["estimates"]]
    sav_spec["estimates"][1]["level"] = 2  # or as the code
    assert _run(tmp_path, capsys, tmp_path / "api.sav", sav_spec) == from_sav


@pytest.mark.parametrize(("content", "spec", "message"), [
    (b"", SPEC, "leeg"),
    (b"\x00\x01\x02garbage\xff", SPEC, "geen tekstbestand"),
    (b"stype,pw\n", SPEC, "geen respondenten"),
    (b"stype,pw,fpc\nE,1,10\n", SPEC, "kolom 'api00' staat niet in de data"),
    (None, "{not json", "geen geldige JSON"),
    (None, {"estimates": []}, "niet-lege lijst"),
    (None, {"estimates": [{"type": "median", "variable": "api00"}]}, "mean, total of proportion"),
    (None, {"wieghts": "pw", "estimates": [{"type": "mean", "variable": "api00"}]}, "onbekende sleutel"),
    (None, {"estimates": [{"type": "proportion", "variable": "sch.wide", "level": "Maybe"}]},
     "'Maybe' komt niet voor"),
    (None, {"rake": {"margins": {"stype": {"E": 1}}}, "estimates": [{"type": "mean", "variable": "api00"}]},
     "geen populatieaantal voor H, M"),
])
def test_cli_bad_input_exits_with_a_message(tmp_path, capsys, content, spec, message):
    from weerbaar.cli import main

    data = tmp_path / "data.csv"
    if content is None:
        data.write_bytes((DATA / "apistrat.csv").read_bytes())
    else:
        data.write_bytes(content)
    design = tmp_path / "design.json"
    design.write_text(spec if isinstance(spec, str) else json.dumps(spec), encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["survey", "estimate", str(data), "--design", str(design), "--json"])
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_cli_garbage_sav_is_refused(tmp_path, capsys):
    from weerbaar.cli import main

    data = tmp_path / "data.sav"
    data.write_bytes(b"$FL2 this is not really spss" * 10)
    design = tmp_path / "design.json"
    design.write_text(json.dumps(SPEC), encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["survey", "estimate", str(data), "--design", str(design)])
    assert "niet te lezen als sav-bestand" in capsys.readouterr().err


@pytest.mark.parametrize("values", [["a", "", "b"], ["a", float("nan"), "b"], np.array([1.0, np.nan, 2.0])])
def test_labels_with_a_gap_are_refused_with_the_respondent(values):
    from weerbaar.engines.survey.design import codes_of

    with pytest.raises(SurveyInputError, match="de eerste bij respondent 2"):
        codes_of(values, "kern")


def test_spreadsheet_labels_mixing_numbers_and_text_are_one_category():
    """XLSX cells give 1 and "1" for the same answer code; they must not split a domain."""
    from weerbaar.engines.survey.design import codes_of

    codes, labels = codes_of([1, "1", "a", 1], "kern")
    assert list(labels) == ["1", "a"]
    assert list(codes) == [0, 0, 1, 0]
