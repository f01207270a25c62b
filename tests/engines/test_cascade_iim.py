"""IIM anchors (Haimes & Jiang 2001; Lian & Haimes 2006) and the capping rule."""

import numpy as np
import pytest

from weerbaar.engines.cascade import iim_dynamic, iim_static, load_scenario, simulate


def test_static_anchor():
    q = iim_static([[0, 0.8], [0.2, 0]], [0, 0.6])
    assert q == pytest.approx([0.5714, 0.7143], abs=5e-5)


def test_static_without_cap_equals_linear_solution():
    A = np.array([[0.1, 0.3], [0.2, 0.05]])
    c = np.array([0.1, 0.2])
    assert iim_static(A, c) == pytest.approx(np.linalg.solve(np.eye(2) - A, c), abs=1e-10)


def test_dynamic_anchor():
    q = iim_dynamic([[0.15, 0.5], [0.10, 0.05]], [0, 0.1], [0.2, 0.2])
    assert q == pytest.approx([0.066007, 0.112211], abs=5e-7)


def test_dynamic_accepts_matrix_k_and_returns_trajectory():
    q, path = iim_dynamic(
        [[0.15, 0.5], [0.10, 0.05]], [0, 0.1], np.diag([0.2, 0.2]), steps=5, tol=None, trajectory=True
    )
    assert path.shape == (6, 2)
    assert path[0] == pytest.approx([0, 0])
    assert path[1] == pytest.approx([0, 0.02])  # q(1) = K c*
    assert q == pytest.approx(path[-1])


def test_cap_binds_inside_the_iteration_not_after_solving():
    A = [[0, 0], [0.5, 0]]
    c = [1.4, 0.1]
    q = iim_static(A, c)
    assert q == pytest.approx([1.0, 0.6])  # sector 2 receives at most a fully inoperable sector 1
    clipped_after = np.clip(np.linalg.solve(np.eye(2) - np.array(A), c), 0, 1)
    assert clipped_after == pytest.approx([1.0, 0.8])  # the rule this engine does not use


def test_dynamic_cap_binds():
    q = iim_dynamic([[0.0, 0.0], [0.5, 0.0]], [1.5, 0.1], [1.0, 1.0])
    assert q == pytest.approx([1.0, 0.6])
    assert np.all((q >= 0) & (q <= 1))


def test_iim_section_in_a_scenario_file():
    text = """\
name: sectoren
title: Sectoren
iim:
  sectors: [energie, telecom]
  A: [[0.15, 0.5], [0.10, 0.05]]
  c: [0, 0.1]
  K: [0.2, 0.2]
  days: 400
"""
    result = simulate(load_scenario(text, "s.yaml"))
    assert result.iim["sectors"] == ["energie", "telecom"]
    assert result.iim["dynamic_by_day"][-1] == pytest.approx([0.066007, 0.112211], abs=1e-6)
    assert len(result.iim["dynamic_by_day"]) == 401
