"""The public's release check counts reports only in classes of k rows or more
(consumers.release._sizable): rows are never the rule, for any viewer, on both warehouses.

Another organisation's reports come in classes with k rows or more but fewer than k
reports (a report with signals in one place, a batch landed twice before a merge), beside
classes of exactly k reports, k - 1 and k + 1, and the attacker pads classes with its own
reports. Every kind of viewer asking counts by route must get exactly what the rule from
schemas.sharing alone (tests/sharingkit.py) releases: a class of k rows and k - 1 reports
stays held back, a class of k reports shows.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from typing import Any

import pytest

from consumers import migrations, queries
from consumers.warehouse import Warehouse
from schemas.sharing import Viewer
from tests.sharingkit import released, signals_of
from tests.test_release_classes import END, T0, K, land, wh

__all__ = ["wh"]  # the fixture: chDB and the ClickHouse server

pytestmark = [pytest.mark.chdb, pytest.mark.clickhouse]

ATTACKER = "org-x"
VIEWERS = (Viewer(ATTACKER), Viewer("org-b", frozenset({"org-c"})), Viewer())


def _world() -> list[dict[str, Any]]:
    at = T0 + timedelta(weeks=2, days=1)
    reports = []
    # route by route: reports of others in one class, and the attacker's padding
    plan = {  # (tlp, others' reports by organisation, the attacker's own)
        ("NG", "IT"): ("GREEN", ["org-a"] * (K - 1), 0),  # k - 1 reports, 2(k - 1) >= k rows
        ("VN", "GB"): ("GREEN", ["org-a", "org-b"] * K, 0),  # 2k reports: shown
        ("MM", "TH"): ("GREEN", ["org-b"] * (K - 1), 2),  # k - 1 others' + the attacker's own
        ("KH", "MY"): ("GREEN", ["org-c"] * K, 1),  # exactly k
        ("RO", "DE"): ("GREEN", ["news:wire"] * (K - 1), 0),
        # for the public, k reports but k - 1 beside the largest contributor's; and k
        ("AL", "ES"): ("CLEAR", ["org-a", "org-b", *["org-c"] * (K - 2)], 0),
        ("PH", "AE"): ("CLEAR", ["org-a", "org-b", "org-c", "org-d"][: K + 1], 0),
    }
    n = 0
    for (origin, dest), (tlp, orgs, own) in plan.items():
        for org in [*orgs, *[ATTACKER] * own]:
            n += 1
            reports.append((f"r{n}", org, tlp, "forced_labour", origin, dest, at))
    out = signals_of(reports)
    # one report's signals in a single place, so its class holds more rows than reports
    out += [{**s, "signal_id": s["signal_id"] + "-again", "role": "destination"}
            for s in out if s["role"] == "destination"]  # fmt: skip
    return out


def _expected(signals: list[dict[str, Any]], viewer: Viewer) -> list[tuple[str, str, int]]:
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    for s in released(signals, viewer, K, "week"):
        groups[(s["origin_country"], s["destination_country"])].add(s["source_id"])
    return sorted((o, d, len(r)) for (o, d), r in groups.items())


def test_rows_are_never_counted_as_reports(wh: Warehouse) -> None:
    migrations.migrate(wh)
    signals = _world()
    land(wh, signals)
    land(wh, signals[:8])  # a batch landed twice, not yet merged away
    answers = {}
    for viewer in VIEWERS:
        got = queries.counts(
            wh, viewer, start=T0, end=END, by=["origin", "destination"], bucket="all", k=K,
            bin_="week",
        )  # fmt: skip
        answer = sorted((o, d, n) for o, d, n, _ in got.rows)
        assert answer == _expected(signals, viewer), viewer.label
        assert ("NG", "IT") not in {(o, d) for o, d, _ in answer}
        answers[viewer.label] = {(o, d) for o, d, _ in answer}
    # each path releases something, so the comparison can fail
    assert ("KH", "MY") in answers[ATTACKER]
    assert ("PH", "AE") in answers["public"]
    assert ("AL", "ES") not in answers["public"]
