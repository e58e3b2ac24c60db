"""Another partner (org-x) against the console's period comparison and campaign brief, on
two worlds that differ only by a group the sharing rule must keep hidden.

A comparison shows each series' count in this period and the other, the change and a
p-value with a "beyond noise" flag. A group held back in the baseline period counts as
none there, as every query answers it; the attack is to read its size from the p-value
or the flag instead (0 against 6 is noise, 2 against 6 is not, or the other way round).
The brief computed as the public must rest on TLP:CLEAR reports only, released by the
rule for anyone (k beyond the largest contributor), whoever signed in asks for it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from consumers.queries import Viewer
from tahub.console import data
from tests.sharingkit import signals_of
from tests.test_sharing_attacker import _load, worlds

__all__ = ["worlds"]  # the two-warehouse fixture (chDB databases, or a ClickHouse server)

K = 3
NOW = datetime(2026, 10, 14, 12, tzinfo=UTC)  # a Wednesday
THIS_WEEK = datetime(2026, 10, 12, 9, tzinfo=UTC)
LAST_WEEK = datetime(2026, 10, 5, 9, tzinfo=UTC)
VIEWS = (Viewer("org-x"), Viewer())


def _reports(prefix: str, orgs: str, tlp: str, route: tuple[str, str], at: datetime, n: int = 1,
             typology: str = "forced_labour") -> list[tuple[Any, ...]]:  # fmt: skip
    return [
        (f"{prefix}-{o}-{i}", f"org-{o}", tlp, typology, *route, at + timedelta(hours=i),
         (at.date(), "day"))
        for o in orgs for i in range(n)
    ]  # fmt: skip


# This week: NG>IT rose (GREEN and CLEAR, three organisations or more each).
WORLD = [
    *_reports("now-g", "abcd", "GREEN", ("NG", "IT"), THIS_WEEK, 2),
    *_reports("now-c", "abc", "CLEAR", ("NG", "IT"), THIS_WEEK, 2),
    *_reports("old-c", "abc", "CLEAR", ("NG", "IT"), LAST_WEEK),
    *_reports("pad", "x", "GREEN", ("NG", "IT"), LAST_WEEK, 3),  # the attacker's padding
]
# Last week, the hidden groups: two of org-e's reports, alone in their classes (GREEN
# beside the attacker's padding; CLEAR of another typology on the same route)
HIDDEN = [
    *_reports("hid-g", "e", "GREEN", ("NG", "IT"), LAST_WEEK, 2),
    *_reports("hid-c", "e", "CLEAR", ("NG", "IT"), LAST_WEEK, 2, "sexual_exploitation"),
]


def _pages(wh: Any) -> list[Any]:
    reader = data.Reader(lambda: wh, K, "week", now=lambda: NOW)
    out: list[Any] = []
    for viewer in VIEWS:
        for by in ("route", "location", "cell_fine", "typology"):
            for against in ("previous", "year"):
                params = {"since": "2026-10-12", "until": "2026-10-19", "by": by,
                          "compare": against}  # fmt: skip
                out.append(data.comparison(reader, viewer, params)["rows"])
        for audience in data.AUDIENCES:
            shown = data.campaign_viewer(audience, viewer)
            out.append(data.campaign(reader, shown, {"since": "2026-10-12", "until": "2026-10-19"}))
    return out


@pytest.fixture
def pair(worlds: tuple[Any, Any, str]) -> tuple[Any, Any]:
    return worlds[0], worlds[1]


def test_a_held_back_baseline_shows_in_no_count_p_value_or_flag(pair: tuple[Any, Any]) -> None:
    wa, wb = pair
    _load(wa, signals_of(WORLD + HIDDEN))
    _load(wb, signals_of(WORLD))
    assert _pages(wa) == _pages(wb)
    # the canary: the same group with a third organisation is released, and every
    # answer that counts it moves (its flag or p-value among them)
    _load(wa, signals_of(WORLD + HIDDEN + _reports("hid-g", "f", "GREEN", ("NG", "IT"),
                                                   LAST_WEEK)))  # fmt: skip
    assert _pages(wa) != _pages(wb)


def test_the_public_brief_rests_on_clear_reports_released_by_the_rule_for_anyone(
    pair: tuple[Any, Any],
) -> None:
    wa, _ = pair
    world = [
        *WORLD,
        # VN>GB: five organisations' GREEN reports (members only)
        *_reports("green", "abcde", "GREEN", ("VN", "GB"), THIS_WEEK, 2),
        # MM>TH: CLEAR, three reports of others for org-x, but only one beyond org-b's two
        # for the public (which org-b could subtract)
        *_reports("small", "a", "CLEAR", ("MM", "TH"), THIS_WEEK),
        *_reports("small", "b", "CLEAR", ("MM", "TH"), THIS_WEEK, 2),
    ]
    _load(wa, signals_of(world))
    reader = data.Reader(lambda: wa, K, "week", now=lambda: NOW)
    period = {"since": "2026-10-12", "until": "2026-10-19"}
    public = data.campaign(reader, data.campaign_viewer("public", Viewer("org-x")), period)
    mine = data.campaign(reader, data.campaign_viewer("mine", Viewer("org-x")), period)
    assert public["viewer"] == "public"
    assert {r["name"]: r["current"] for r in public["routes"]} == {"NG>IT": 6}
    assert {r["name"]: r["current"] for r in mine["routes"]} == {
        "NG>IT": 14, "VN>GB": 10, "MM>TH": 3,
    }  # fmt: skip
    # the public brief is the same whoever asks, and the same as with no session at all
    for org in ("org-x", "org-a", "org-b"):
        assert data.campaign(reader, data.campaign_viewer("public", Viewer(org)), period) == public
    assert data.campaign(reader, Viewer(), period) == public
    assert date(2026, 10, 12).isoformat() in public["current"]
