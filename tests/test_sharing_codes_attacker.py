"""A partner with its own API key against signals whose sharing level is read as a number
(migration 0006, consumers.release.CODE_COLUMNS), on both warehouses.

The warehouse starts as it was before 0006 and holds a world of every level, with
another organisation's TLP:RED, AMBER+STRICT and AMBER reports in classes of k and more
on a route of their own (enough to be released, were they visible). Then 0006 upgrades
it in place and the sink keeps writing. The attacker (org-x) asks the query API over
HTTP with its key, as the console's pages do; it must get exactly what the rule written
from schemas.sharing alone (tests/sharingkit.py) releases to it, and never the hidden
route. A partner of the world (org-b) gets its answers the same way, so the path
releases something. A canary reads the stored codes through a shifted table and the
hidden route shows: the comparison can fail.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import httpx
import pytest

from consumers import migrations, release
from consumers.warehouse import Warehouse
from schemas.sharing import Viewer
from tahub.runtime.ports import free_port
from tahub.web import WebServer
from tests.sharingkit import released, signals_of
from tests.test_release_classes import END, T0, K, land, wh, world

__all__ = ["wh"]  # the fixture: chDB and the ClickHouse server

pytestmark = [pytest.mark.chdb, pytest.mark.clickhouse]

ATTACKER, PARTNER = "org-x", "org-b"
KEYS = {"thk_attackerattack_" + "x" * 30: ATTACKER, "thk_partnerpartne_" + "b" * 30: PARTNER}
HIDDEN_ROUTE = ("KH", "MY")  # no other report has either country
BY_ROUTE = {"since": "all", "by": "origin,destination", "bucket": "all"}


def _hidden(tag: str) -> list[dict[str, Any]]:
    """org-a's restricted reports, k + 1 of each level in one week, and org-c's AMBER:
    each group a whole class of others' reports for everyone but its owner."""
    at = T0 + timedelta(weeks=3, days=1)
    reports = [
        (f"{tag}-{org}-{tlp}-{i}", org, tlp, "forced_labour", *HIDDEN_ROUTE, at)
        for org, tlp in (("org-a", "RED"), ("org-a", "AMBER_STRICT"), ("org-c", "AMBER"))
        for i in range(K + 1)
    ]
    return signals_of(reports)


def _expected(signals: list[dict[str, Any]], org: str) -> list[tuple[str, str, int, int]]:
    """counts by route over all time, from the rule alone."""
    groups: dict[tuple[str, str], tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    for s in released(signals, Viewer(org), K, "week"):
        reports, orgs = groups[(s["origin_country"], s["destination_country"])]
        reports.add(s["source_id"])
        orgs.add(s["org_id"])
    return sorted((o, d, len(r), len(n)) for (o, d), (r, n) in groups.items())


@contextmanager
def _served(wh: Warehouse) -> Iterator[str]:
    port = free_port()
    server = WebServer(
        "127.0.0.1", port, checks=lambda: [], warehouse=lambda: wh, k=K, operator_token=None,
        release_bin="week", partner=KEYS.get,
    )  # fmt: skip
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


def _ask(base: str, org: str, name: str, params: dict[str, str]) -> list[dict[str, Any]]:
    key = next(k for k, o in KEYS.items() if o == org)
    r = httpx.get(
        f"{base}/api/v1/query/{name}", params=params, timeout=60,
        headers={"Authorization": f"Bearer {key}"},
    )  # fmt: skip
    assert r.status_code == 200, r.text
    rows: list[dict[str, Any]] = r.json()["rows"]
    return rows


def _routes_seen(base: str, org: str) -> list[tuple[str, str, int, int]]:
    rows = _ask(base, org, "counts", BY_ROUTE)
    return sorted((r["origin"], r["destination"], r["reports"], r["orgs"]) for r in rows)


def _leaks(base: str) -> bool:
    """Does the hidden route show to the attacker in any query it can ask?"""
    hidden = f"{HIDDEN_ROUTE[0]}>{HIDDEN_ROUTE[1]}"
    routes = _ask(base, ATTACKER, "routes", {"since": "all", "limit": "100"})
    places = _ask(base, ATTACKER, "hotspots", {
        "since": (END - timedelta(weeks=8)).date().isoformat(), "until": END.date().isoformat(),
        "level": "country", "limit": "100",
    })  # fmt: skip
    return (
        any(f"{r['origin']}>{r['destination']}" == hidden for r in routes)
        or any(r["place"] in HIDDEN_ROUTE for r in places)
        or any((o, d) == HIDDEN_ROUTE for o, d, *_ in _routes_seen(base, ATTACKER))
    )


def test_rows_from_before_the_codes_keep_their_restrictions(wh: Warehouse) -> None:
    migrations.migrate(wh)
    migrations.rollback(wh, 5)  # a warehouse from before the codes
    assert release.TLP_CODE not in migrations.columns_of(wh, "signals")
    before = world(3, "a") + _hidden("h1")
    land(wh, before)

    assert 6 in [m.version for m in migrations.migrate(wh)]  # in place, rows and all
    later = world(4, "b") + _hidden("h2")
    land(wh, later + before[:40])  # the sink goes on, and retries a batch it had written
    everything = before + later

    with _served(wh) as base:
        for org in (ATTACKER, PARTNER):
            assert _routes_seen(base, org) == _expected(everything, org), org
        assert not _leaks(base)
        # the partner sees what the others release to it: the path releases something
        assert len(_routes_seen(base, PARTNER)) > 1

        # canary: queries reading the stored codes one level off (GREEN as CLEAR, AMBER
        # as GREEN, ...) show org-c's AMBER reports on the hidden route
        shifted = {t: (c + 1) % 5 for t, c in release.TLP_CODES.items()}
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(release, "TLP_CODES", shifted)
            assert _leaks(base)
