"""Signals for sharing tests, and a reference of the release rule written from
schemas.sharing alone (no SQL), to check the warehouse's answers against."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, NamedTuple

from schemas.sharing import (
    DEFAULT_BIN,
    Viewer,
    When,
    class_times,
    legacy_class,
    may_see,
    occurred,
    others,
    report_class,
    reported,
    tier,
)

# a report's occurrence: a date at a precision; by default the day it was reported
Occurrence = tuple[date | None, str]


class Report(NamedTuple):
    report: str
    org: str
    tlp: str
    typology: str
    origin: str
    destination: str
    when: datetime


def with_report_classes(signals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each signal with its report's class attributes, from all the report's signals in
    ``signals``, as normalize writes them (schemas.sharing.report_class)."""
    reports: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for s in signals:
        reports[(s["org_id"], s["source_id"])].append(s)
    whole = {key: report_class(group) for key, group in reports.items()}
    return [{**s, "report_class": whole[(s["org_id"], s["source_id"])]} for s in signals]


def signals_of(reports: Iterable[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """Two signals per report, as normalize makes them: at the origin and the destination.
    A report is (report, org, tlp, typology, origin, destination, reported at) and,
    optionally, its occurrence (date or None, precision); without one it occurred on the
    day it was reported."""
    out = []
    for report, org, tlp, typology, origin, dest, when, *rest in reports:
        occ: Occurrence = rest[0] if rest else (when.date(), "day")
        for role, country in (("origin", origin), ("destination", dest)):
            out.append(
                {
                    "signal_id": f"{report}-{role}",
                    "event_time": when,
                    "occurred_on": occ[0],
                    "occurred_precision": occ[1],
                    "source_kind": "news" if org.startswith("news:") else "partner",
                    "source_id": report,
                    "org_id": org,
                    "typology": typology,
                    "origin_country": origin,
                    "transit_countries": [],
                    "destination_country": dest,
                    "location_country": country,
                    "role": role,
                    "lat": None,
                    "lon": None,
                    "cell_coarse": f"{country.lower()}1",
                    "cell_fine": f"{country.lower()}1a",
                    "weight": 1.0,
                    "tlp": tlp,
                }
            )
    return with_report_classes(out)


def when(sig: dict[str, Any], clock: str) -> When:
    """A signal's time on one clock."""
    if clock == "reported":
        return reported(sig["event_time"])
    # a record written before signals had an occurrence has the schema defaults: unknown
    return occurred(sig.get("occurred_on"), sig.get("occurred_precision") or "unknown")


def release_class(sig: dict[str, Any], bin_: str) -> tuple[Any, ...]:
    """The rule's class by its definition: the report's attributes, or for a signal
    landed without them its report alone (schemas.sharing.legacy_class)."""
    times = class_times(when(sig, "reported"), when(sig, "occurred"), bin_)
    if not sig.get("report_class"):
        return (*times, *legacy_class(sig))
    return (*times, sig["report_class"], *tier(sig["org_id"], sig["tlp"]))


def _sizes(orgs: dict[str, set[str]]) -> dict[str, int]:
    return {o: len(r) for o, r in orgs.items()}


def released(
    signals: list[dict[str, Any]], viewer: Viewer, k: int, bin_: str = DEFAULT_BIN
) -> list[dict[str, Any]]:
    """The signals that may enter any answer for ``viewer``, by the rule's definition."""
    seen = [s for s in signals if may_see(viewer, s["org_id"], s["tlp"])]
    per_class: dict[tuple[Any, ...], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for s in seen:
        per_class[release_class(s, bin_)][s["org_id"]].add(s["source_id"])
    ok = {c for c, orgs in per_class.items() if others(viewer, _sizes(orgs)) >= k}
    return [s for s in seen if s["org_id"] == viewer.org_id or release_class(s, bin_) in ok]


def copy_by_org_again(wh: Any) -> None:
    """After a test replaced the signals table: make migration 0007's copy by organisation
    and 0010's rows per class, and their views, again over the new one, from what it holds
    (their own down and up steps)."""
    from consumers.migrations import m0007_signals_by_org as by_org
    from consumers.migrations import m0010_class_sizes as sizes

    for step in (*by_org.DOWN, *by_org.UP, *sizes.DOWN, *sizes.UP):
        assert isinstance(step, str)
        wh.execute(step)


def unreleased(viewer: Any, k: int, scope: str, bin_: str) -> str:
    """A stand-in for consumers.release.released_rows with release control off (sharing
    levels still applied): the canaries' broken rule, whichever member plan is in use."""
    return f"FROM signals WHERE {scope}"


def land_signals(wh: Any, signals: list[dict[str, Any]], table: str = "signals") -> None:
    """Land signals as the sink does, into a table as an earlier migration left it: the
    columns it does not have yet (``report_class`` before 0013) are left out."""
    from consumers import migrations, tables

    landed = [tables.Landed(s, 0, i) for i, s in enumerate(signals)]
    has = set(migrations.columns_of(wh, table))
    cols = {k: v for k, v in tables.to_columns(tables.SIGNALS, landed).items() if k in has}
    wh.insert(table, cols, {k: t for k, t in tables.SIGNALS.types.items() if k in has})
