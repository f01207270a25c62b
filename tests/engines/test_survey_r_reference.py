"""The survey engine reproduces R's `survey` package on the api data, number for number.

Every figure below was printed by R 4.2.2 with survey 4.1.1 (the calls are quoted). The
first nine are the published reference table; the domain figures were recorded from
``svyby`` in the same R session so domain estimation after raking is pinned too.
"""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from weerbaar.engines.survey import (
    Design,
    by_domain,
    mean,
    proportion,
    rake,
    total,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "r-survey-api"
STYPE = {"E": 4421, "H": 755, "M": 1018}
SCH_WIDE = {"No": 1072, "Yes": 5122}


def close(actual: float, expected: float, digits: int = 5) -> bool:
    """Equal to ``digits`` significant digits (the issue asks for at least 4)."""
    return actual == pytest.approx(expected, rel=0.5 * 10 ** (1 - digits))


@pytest.fixture(scope="module")
def apistrat():
    return pd.read_csv(DATA / "apistrat.csv")


@pytest.fixture(scope="module")
def apiclus1():
    return pd.read_csv(DATA / "apiclus1.csv")


@pytest.fixture(scope="module")
def dstrat(apistrat):
    return Design(weights=apistrat.pw, strata=apistrat.stype, fpc=apistrat.fpc)


@pytest.fixture(scope="module")
def dclus1(apiclus1):
    return Design(weights=apiclus1.pw, psu=apiclus1.dnum, fpc=apiclus1.fpc)


def _margins(data):
    return {"stype": (data.stype, STYPE), "sch.wide": (data["sch.wide"], SCH_WIDE)}


@pytest.fixture(scope="module")
def raked(dclus1, apiclus1):
    return rake(dclus1, _margins(apiclus1), max_iter=100, epsilon=1e-10)


# --- the published reference table -------------------------------------------------------------


def test_stratified_mean(dstrat, apistrat):
    # svymean(~api00, dstrat): 662.2874, SE 9.4089
    est = mean(dstrat, apistrat.api00)
    assert close(est.estimate, 662.2874, 7) and close(est.se, 9.4089)
    assert est.df == 197 and est.n == 200


def test_stratified_total(dstrat, apistrat):
    # svytotal(~enroll, dstrat): 3,687,178, SE 114,642
    est = total(dstrat, apistrat.enroll)
    assert close(est.estimate, 3687178, 7) and close(est.se, 114642, 6)


def test_stratified_logit_proportion(dstrat, apistrat):
    # svyciprop(~I(sch.wide=="Yes"), dstrat, method="logit"): 0.827948 [0.774540, 0.870815]
    est = proportion(dstrat, apistrat["sch.wide"] == "Yes")
    assert close(est.estimate, 0.827948, 6)
    assert close(est.ci_low, 0.774540, 6) and close(est.ci_high, 0.870815, 6)


def test_cluster_mean(dclus1, apiclus1):
    # svymean(~api00, dclus1): 644.1694, SE 23.5422
    est = mean(dclus1, apiclus1.api00)
    assert close(est.estimate, 644.1694, 7) and close(est.se, 23.5422, 6)
    assert est.df == 14


def test_cluster_total(dclus1, apiclus1):
    # svytotal(~enroll, dclus1): 3,404,940, SE 932,235
    est = total(dclus1, apiclus1.enroll)
    assert close(est.estimate, 3404940, 7) and close(est.se, 932235, 6)


def test_cluster_logit_proportion_small_share(dclus1, apiclus1):
    # svyciprop(~I(ell==0), dclus1, method="logit"): 0.021858 [0.002305, 0.177748], t on 14 df
    est = proportion(dclus1, apiclus1.ell == 0)
    assert close(est.estimate, 0.021858) and est.df == 14
    assert close(est.ci_low, 0.002305, 4) and close(est.ci_high, 0.177748, 6)


def test_raked_mean_uses_calibration_residuals(raked, apiclus1):
    # rake(...) converged: svymean(~api00): 641.2303, SE 23.7036
    assert raked.converged
    est = mean(raked.design, apiclus1.api00)
    assert close(est.estimate, 641.2303, 7) and close(est.se, 23.7036, 6)


def test_raked_total_uses_calibration_residuals(raked, apiclus1):
    # same, svytotal(~enroll): 3,647,280.15, SE 400,603.26
    est = total(raked.design, apiclus1.enroll)
    assert close(est.estimate, 3647280.15, 9) and close(est.se, 400603.26, 8)


def test_treating_raked_weights_as_fixed_would_be_far_off(raked, apiclus1):
    """The README's warning: ignoring the calibration gives SE 1,000,327, not 400,603."""
    fixed = Design(weights=raked.design.w, psu=apiclus1.dnum, fpc=apiclus1.fpc)
    assert close(total(fixed, apiclus1.enroll).se, 1000327, 6)


def test_raking_with_r_default_control(dclus1, apiclus1):
    # rake with control maxit=10, epsilon=1 (absolute): svytotal(~enroll) 3,647,300, SE 400,603
    result = rake(dclus1, _margins(apiclus1), max_iter=10, epsilon=1)
    est = total(result.design, apiclus1.enroll)
    assert close(est.estimate, 3647300) and close(est.se, 400603, 6)
    assert result.iterations < 10  # stops on R's rule, long before full convergence


def test_raked_weights_hit_the_margins(raked, apiclus1):
    for name, totals in (("stype", STYPE), ("sch.wide", SCH_WIDE)):
        for label, population in totals.items():
            got = raked.design.w[(apiclus1[name] == label).to_numpy()].sum()
            assert got == pytest.approx(population, rel=1e-9)
    assert abs(raked.report()["largest_margin_gap"]) < 1e-6


# --- domains, recorded from svyby in the same R session ---------------------------------------


def test_domain_proportions_stratified(dstrat, apistrat):
    # svyby(~I(sch.wide=="Yes"), ~stype, dstrat, svyciprop, method="logit", vartype=c("se","ci"))
    expected = {"E": (0.91, 0.02843519621, 0.8354459442, 0.9526888940),
                "H": (0.52, 0.06896763492, 0.3833795166, 0.6536933598),
                "M": (0.70, 0.06383743035, 0.5588291506, 0.8112547870)}
    found = by_domain(proportion, dstrat, apistrat["sch.wide"] == "Yes", apistrat.stype)
    for label, (p, se, low, high) in expected.items():
        est = found[label]
        assert close(est.estimate, p, 8) and close(est.se, se, 8)
        assert close(est.ci_low, low, 8) and close(est.ci_high, high, 8)


def test_domain_estimates_after_raking(raked, apiclus1):
    # svyby(~I(sch.wide=="Yes"), ~stype, raked, svyciprop, method="logit", vartype=c("se","ci"))
    # (R's point estimate comes from a glm fit, converged to about 1e-8: 6 digits compared)
    expected = {"E": (0.8918636428, 0.03047659053, 0.8072366279, 0.9420068177),
                "H": (0.7332760428, 0.09696353397, 0.4598371639, 0.8987683748),
                "M": (0.6143884309, 0.09972985924, 0.3868170862, 0.8009599556)}
    found = by_domain(proportion, raked.design, apiclus1["sch.wide"] == "Yes", apiclus1.stype)
    for label, (p, se, low, high) in expected.items():
        est = found[label]
        assert close(est.estimate, p, 6) and close(est.se, se, 6)
        assert close(est.ci_low, low, 6) and close(est.ci_high, high, 6)
    # svyby(~api00, ~stype, raked, svymean) and svyby(~enroll, ~stype, raked, svytotal)
    means = by_domain(mean, raked.design, apiclus1.api00, apiclus1.stype)
    totals = by_domain(total, raked.design, apiclus1.enroll, apiclus1.stype)
    for label, m, m_se, t, t_se in (("E", 647.4465792, 22.80841219, 1914134.2382, 74296.02370),
                                    ("H", 621.2918611, 36.74314488, 833985.3819, 265552.26722),
                                    ("M", 629.0215383, 29.96288096, 899160.5280, 99607.38538)):
        assert close(means[label].estimate, m, 9) and close(means[label].se, m_se, 9)
        assert close(totals[label].estimate, t, 9) and close(totals[label].se, t_se, 9)


def test_batched_domains_equal_one_domain_at_a_time(raked, apiclus1):
    y = (apiclus1["sch.wide"] == "Yes").to_numpy(float)
    batched = by_domain(proportion, raked.design, y, apiclus1.stype)
    for label, est in batched.items():
        single = proportion(raked.design, y, domain=(apiclus1.stype == label).to_numpy())
        assert single.estimate == pytest.approx(est.estimate, rel=1e-12)
        assert single.se == pytest.approx(est.se, rel=1e-10)
        assert (single.ci_low, single.ci_high, single.df) == pytest.approx(
            (est.ci_low, est.ci_high, est.df), rel=1e-10)


def test_missing_values_are_a_domain_like_r_na_rm(dstrat, apistrat):
    """svymean(~acs.k3, dstrat, na.rm=TRUE) keeps the full design: same as an explicit domain."""
    y = apistrat["acs.k3"].to_numpy(float)
    assert np.isnan(y).any()
    via_nan = mean(dstrat, y)
    via_domain = mean(dstrat, np.nan_to_num(y), domain=~np.isnan(y))
    assert via_nan == via_domain
    assert via_nan.n == int((~np.isnan(y)).sum())


# --- the same numbers through the analysts' command line ---------------------------------------


def _cli(tmp_path, capsys, data: str, spec: dict) -> dict:
    from weerbaar.cli import main

    design = tmp_path / "design.json"
    design.write_text(json.dumps(spec), encoding="utf-8")
    main(["survey", "estimate", str(DATA / data), "--design", str(design), "--json"])
    return json.loads(capsys.readouterr().out)


def test_cli_stratified(tmp_path, capsys):
    out = _cli(tmp_path, capsys, "apistrat.csv", {
        "weights": "pw", "strata": "stype", "fpc": "fpc",
        "estimates": [{"name": "api00", "type": "mean", "variable": "api00"},
                      {"name": "enroll", "type": "total", "variable": "enroll"},
                      {"name": "sw", "type": "proportion", "variable": "sch.wide", "level": "Yes"}]})
    api00, enroll, sw = out["estimates"]
    assert api00["domain"] is None and api00["df"] == 197 and api00["n"] == 200
    assert close(api00["estimate"], 662.2874, 7) and close(api00["se"], 9.4089)
    assert close(enroll["estimate"], 3687178, 7) and close(enroll["se"], 114642, 6)
    assert close(sw["estimate"], 0.827948, 6)
    assert close(sw["ci_low"], 0.774540, 6) and close(sw["ci_high"], 0.870815, 6)


def test_cli_cluster_and_raked(tmp_path, capsys):
    plain = _cli(tmp_path, capsys, "apiclus1.csv", {
        "weights": "pw", "psu": "dnum", "fpc": "fpc",
        "estimates": [{"name": "api00", "type": "mean", "variable": "api00"},
                      {"name": "enroll", "type": "total", "variable": "enroll"},
                      {"name": "ell0", "type": "proportion", "variable": "ell", "level": 0}]})
    api00, enroll, ell0 = plain["estimates"]
    assert close(api00["estimate"], 644.1694, 7) and close(api00["se"], 23.5422, 6)
    assert close(enroll["estimate"], 3404940, 7) and close(enroll["se"], 932235, 6)
    assert close(ell0["estimate"], 0.021858) and ell0["df"] == 14
    assert close(ell0["ci_low"], 0.002305, 4) and close(ell0["ci_high"], 0.177748, 6)

    raked = _cli(tmp_path, capsys, "apiclus1.csv", {
        "weights": "pw", "psu": "dnum", "fpc": "fpc",
        "rake": {"margins": {"stype": STYPE, "sch.wide": SCH_WIDE}, "max_iter": 100, "epsilon": 1e-10},
        "confidence": 0.95,
        "estimates": [{"name": "api00", "type": "mean", "variable": "api00"},
                      {"name": "enroll", "type": "total", "variable": "enroll"},
                      {"name": "sw", "type": "proportion", "variable": "sch.wide", "level": "Yes",
                       "by": "stype"}]})
    api00, enroll, *by_stype = raked["estimates"]
    assert close(api00["estimate"], 641.2303, 7) and close(api00["se"], 23.7036, 6)
    assert close(enroll["estimate"], 3647280.15, 9) and close(enroll["se"], 400603.26, 8)
    assert [row["domain"] for row in by_stype] == ["E", "H", "M"]
    assert close(by_stype[1]["ci_low"], 0.4598371639, 6)
    assert raked["calibration"]["converged"] is True

    default_control = _cli(tmp_path, capsys, "apiclus1.csv", {
        "weights": "pw", "psu": "dnum", "fpc": "fpc",
        "rake": {"margins": {"stype": STYPE, "sch.wide": SCH_WIDE}, "max_iter": 10, "epsilon": 1},
        "estimates": [{"name": "enroll", "type": "total", "variable": "enroll"}]})
    enroll = default_control["estimates"][0]
    assert close(enroll["estimate"], 3647300) and close(enroll["se"], 400603, 6)
