"""The trace-workers benchmark reads wrk's figures from the line its Lua script prints."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPOSITORY = Path(__file__).parents[2]

# What wrk 4.1 printed for 1 s against a file server, every second path missing (404).
OUTPUT = """Running 1s test @ http://127.0.0.1:18765
  1 threads and 2 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     4.20ms    5.48ms  40.29ms   88.95%
    Req/Sec   664.80    234.82     0.95k    50.00%
  666 requests in 1.01s, 235.30KB read
  Non-2xx or 3xx responses: 334
Requests/sec:    659.26
Transfer/sec:    232.91KB
wrk-result {"requests": 666, "duration_us": 1010225, "non_2xx_3xx": 334, "connect_errors": 1, \
"read_errors": 2, "write_errors": 0, "timeouts": 3, "p50_us": 1789, "p90_us": 10359, \
"p99_us": 25147, "max_us": 40293}
"""


@pytest.fixture
def parse_wrk(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], Any]:
    """The benchmarks are scripts of the repository, not part of the installed package."""
    monkeypatch.syspath_prepend(str(REPOSITORY))
    return importlib.import_module("benchmarks.bench_trace_workers").parse_wrk  # type: ignore[no-any-return]


def test_figures_come_from_the_result_line(parse_wrk: Callable[[str], Any]) -> None:
    r = parse_wrk(OUTPUT)
    assert r.requests == 666
    assert r.rps == pytest.approx(666 / 1.010225)
    assert r.non_2xx_3xx == 334
    assert r.socket_errors == 6
    assert (r.p50_ms, r.p90_ms, r.p99_ms) == pytest.approx((1.789, 10.359, 25.147))


def test_output_without_the_result_line_is_refused(parse_wrk: Callable[[str], Any]) -> None:
    without = "\n".join(line for line in OUTPUT.splitlines() if "wrk-result" not in line)
    with pytest.raises(ValueError, match="wrk-result"):
        parse_wrk(without)


def test_a_run_of_no_time_is_refused(parse_wrk: Callable[[str], Any]) -> None:
    with pytest.raises(ValueError, match="no time"):
        parse_wrk(OUTPUT.replace('"duration_us": 1010225', '"duration_us": 0'))
