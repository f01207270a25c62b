"""Monte Carlo: percentiles, reproducibility, and identical results serially, in processes and on Dask."""

import json
import subprocess
import sys

import numpy as np
import pytest

from weerbaar.engines.cascade import load_builtin, simulate

from .cascade_helpers import small_region


def scenario():
    return load_builtin("stroomuitval-72u").with_region(small_region())


@pytest.fixture(scope="module")
def serial():
    return simulate(scenario(), runs=60, seed=7)


def test_percentiles_are_ordered_and_spread(serial):
    spread = 0
    for e in serial.effects:
        if e.onset_hours is not None:
            assert e.onset_p10 <= e.onset_hours <= e.onset_p90
            spread += e.onset_p90 > e.onset_p10
    assert spread >= 10  # uncertain autonomies give a real spread
    for p in serial.support_points:
        assert p.peak_demand_per_hour_p10 <= p.peak_demand_per_hour <= p.peak_demand_per_hour_p90
    ziekenhuis = {a.id: a for a in serial.assets}["ziekenhuis"]
    assert (
        10
        <= ziekenhuis.p10["fails_at_hours"]
        < ziekenhuis.fails_at_hours
        < ziekenhuis.p90["fails_at_hours"]
        <= 14
    )


def test_json_contract_with_runs(serial):
    data = json.loads(json.dumps(serial.to_json()))
    assert set(data) == {"scenario", "effects", "assets", "support_points"}
    assert set(data["effects"][0]) == {
        "id",
        "sector",
        "text",
        "onset_hours",
        "phase",
        "onset_hours_p10",
        "onset_hours_p90",
    }
    assert set(data["assets"][0]) == {
        "id",
        "fails_at_hours",
        "restored_at_hours",
        "fails_at_hours_p10",
        "fails_at_hours_p90",
        "restored_at_hours_p10",
        "restored_at_hours_p90",
    }
    assert set(data["support_points"][0]) == {
        "id",
        "capacity_per_hour",
        "peak_demand_per_hour",
        "overloaded_hours",
        "peak_demand_per_hour_p10",
        "peak_demand_per_hour_p90",
        "overloaded_hours_p10",
        "overloaded_hours_p90",
    }
    meldkamer = next(a for a in data["assets"] if a["id"] == "meldkamer")
    assert meldkamer["fails_at_hours"] is None  # never within 72 h: null


def test_single_run_json_has_no_percentile_fields():
    data = simulate(load_builtin("telecom-24u")).to_json()
    assert set(data["effects"][0]) == {"id", "sector", "text", "onset_hours", "phase"}


def same(a, b):
    assert a.to_json() == b.to_json()
    for k in a.households:
        np.testing.assert_array_equal(a.households[k], b.households[k])
    for pa, pb in zip(a.support_points, b.support_points, strict=True):
        np.testing.assert_array_equal(pa.demand_by_hour, pb.demand_by_hour)


def test_same_seed_same_result_and_other_seed_differs(serial):
    same(serial, simulate(scenario(), runs=60, seed=7))
    other = simulate(scenario(), runs=60, seed=8)
    assert other.to_json() != serial.to_json()


def test_process_pool_gives_identical_results(serial):
    same(serial, simulate(scenario(), runs=60, seed=7, processes=2))


@pytest.mark.parametrize("processes", [False, True])
def test_dask_local_cluster_gives_identical_results(serial, processes):
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=processes, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        same(serial, simulate(scenario(), runs=60, seed=7, client=client))


FAULTS = """
import resource, sys
import numpy as np
from weerbaar.engines.cascade.memory import keep_freed_memory
if sys.argv[1] == "keep":
    assert keep_freed_memory()
np.ones(2_000_000).sum()  # 16 MB, like a batch's temporaries
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(20):
    np.ones(2_000_000).sum()
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_worker_keeps_freed_memory_instead_of_faulting_it_in_again():
    """Pool workers keep their freed temporaries, so the next batch does not page-fault them in again."""

    def faults(mode: str) -> int:
        command = [sys.executable, "-c", FAULTS, mode]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        return int(done.stdout)

    assert faults("keep") * 4 < faults("default")


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int64])
def test_median_is_the_middle_of_the_three_quantiles(dtype):
    from weerbaar.engines.cascade.simulate import median, quantiles

    rng = np.random.default_rng(3)
    x = (rng.random((101, 7, 5)) * 50).astype(dtype)
    if dtype != np.int64:
        x[x > 40] = np.inf  # "never" must stay inf
    assert np.array_equal(median(x), quantiles(x)[1])
    assert np.array_equal(quantiles(x)[1], np.quantile(x.astype(float), 0.5, axis=0, method="inverted_cdf"))
