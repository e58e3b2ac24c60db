"""The engine's memo of calm looks (``engine.WindowMemo``) never changes a verdict (pure).

A window found calm is not judged again by the model while neither its count nor its
organisations grew past what was calm. The same signals, looked at after every one of
them (the early look at its busiest), must give the same detection versions as an
engine that judges every look afresh, for each method the memo serves.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from streams.detect import detectors as d
from streams.detect.dimensions import DimensionSet
from streams.detect.engine import Engine, KeyState, WindowMemo
from streams.detect.replay import Offline

T0 = datetime(2026, 3, 2, tzinfo=UTC)
SETS = [DimensionSet("route", ("origin", "destination")), DimensionSet("typology", ("typology",))]


class _Forgetful(Engine):
    """Every look built afresh: no calm look is ever remembered."""

    def _memo(self, state: KeyState, window: int, cfg: d.DetectorConfig) -> WindowMemo:
        state.memo = None
        return super()._memo(state, window, cfg)


def _signals(seed: int) -> list[dict[str, Any]]:
    """Sparse reports on a few routes for six weeks, with bursts from several
    organisations, some of them late within their window's lateness."""
    rng = random.Random(seed)
    routes = [("NG", "IT"), ("PH", "AE"), ("VN", "GB")]
    out: list[dict[str, Any]] = []
    for n in range(900):
        day = rng.randrange(42)
        burst = day in (20, 31, 37)
        origin, dest = routes[0] if burst and rng.random() < 0.7 else rng.choice(routes)
        out.append({
            "signal_id": f"s{n}",
            "event_time": T0 + timedelta(days=day, seconds=rng.randrange(86_400)),
            "source_id": f"r{n // 2}", "org_id": f"org-{rng.randrange(6)}",
            "typology": rng.choice(["forced_labour", "sexual_exploitation"]),
            "origin_country": origin, "destination_country": dest,
            "location_country": dest, "tlp": rng.choice(["CLEAR", "GREEN", "AMBER"]),
        })  # fmt: skip
    out.sort(key=lambda s: s["event_time"])
    # a few reports a few hours behind the rest: still in their windows' lateness
    for i in range(0, len(out) - 5, 97):
        out[i], out[i + 5] = out[i + 5], out[i]
    return out


def _run(engine: Engine, signals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    run = Offline(SETS)
    run.engine = engine
    out: list[dict[str, Any]] = []
    for s in signals:
        run.add(s)
        out += run.advance() + run.peek()
    return out + run.flush()


@pytest.mark.parametrize("method", ["auto", "poisson", "negbin", "ears_c2", "ears_c3"])
@pytest.mark.parametrize("seed", [1, 2])
def test_remembered_calm_looks_give_the_verdicts_of_fresh_ones(method: str, seed: int) -> None:
    cfg = d.DetectorConfig(method=method, baseline=14, min_count=2, threshold=2.0)
    configs = {s.name: cfg for s in SETS}
    signals = _signals(seed)
    memo = _run(Engine(SETS, configs), signals)
    fresh = _run(_Forgetful(SETS, configs), signals)
    assert any(v["state"] == "opened" for v in fresh)  # the bursts alarm: something to keep
    assert memo == fresh
