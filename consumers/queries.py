"""Read queries over the warehouse, shared by `tahub query` and the HTTP API.

Every answer follows one sharing rule (schemas.sharing): a viewer sees only records its
level allows, and another organisation's record enters an answer only when its release
class holds at least k of other organisations' reports (consumers.release); periods are
whole release bins. Counts, hotspots and routes run on one of two clocks: occurrence (the
default) or report time; by occurrence a record is placed only where its date, at its
precision, is known to lie. Detections are judged version by version on their own evidence.

Records that landed twice count once: signal measures are distinct counts (reports,
organisations), which a duplicate row cannot change, so signal queries skip FINAL (it
doubles their cost at 10M rows); versioned tables (detections, subscriptions, deliveries)
are read with FINAL. SQL is portable to ClickHouse 18.16.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from consumers.release import bucket as bucket_sql
from consumers.release import (
    bucket_label,
    delay_days,
    delay_known,
    evidence_visible,
    lit,
    period,
    released_rows,
    visible,
)
from consumers.warehouse import Warehouse
from schemas import lifecycle
from schemas.dimensions import SIGNAL_DIMENSIONS
from schemas.sharing import (
    BUCKETS,
    CLOCKS,
    DEFAULT_BIN,
    DEFAULT_CLOCK,
    Viewer,
    bin_start,
    next_bin,
    releasable_columns,
    snap,
)
from schemas.taxonomy import Severity, Typology

__all__ = ["QueryError", "Result", "Viewer"]


class QueryError(ValueError):
    """A request that cannot be answered as asked (bad parameter, unknown subscription)."""


@dataclass(frozen=True)
class Result:
    title: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    notes: list[str] = field(default_factory=list)

    def as_dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def _iso(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, UTC).isoformat().replace("+00:00", "Z")


def _whole(start: datetime, end: datetime, bin_: str) -> tuple[datetime, datetime]:
    if end <= start:
        raise QueryError(
            f"the period is empty: {start.isoformat()} is not before {end.isoformat()}"
        )
    return snap(start, end, bin_)


@dataclass(frozen=True)
class Periods:
    """A period as whole bins and the period of the same length before it, with each
    one's SQL condition on the clock (``now``, ``before``) and both together (``both``)."""

    start: datetime
    end: datetime
    prev_start: datetime
    now: str
    before: str
    both: str


def compare_periods(
    clock: str, start: datetime | None, end: datetime | None, bin_: str, what: str
) -> Periods:
    """``what`` compares a period with the one before it (hotspots, the map)."""
    if start is None or end is None:
        raise QueryError(f"{what} a period with the one before it: since cannot be all")
    start, end = _whole(start, end, bin_)
    prev_start, _ = snap(start - (end - start), start, bin_)
    return Periods(
        start, end, prev_start,
        now=period(clock, start, end, bin_),
        before=period(clock, prev_start, start, bin_),
        both=period(clock, prev_start, end, bin_),
    )  # fmt: skip


def _bins(
    start: datetime | None, end: datetime | None, bin_: str
) -> tuple[datetime | None, datetime | None]:
    """A period as whole bins; a bound of None is open (no start: since the beginning)."""
    if start is not None and end is not None:
        return _whole(start, end, bin_)
    if start is not None:
        start = bin_start(start, bin_)
    if end is not None:
        last = bin_start(end, bin_)
        end = last if last == end.astimezone(UTC) else next_bin(last, bin_)
    return start, end


def _clock(clock: str) -> str:
    if clock not in CLOCKS:
        raise QueryError(f"clock {clock!r}: use {' or '.join(CLOCKS)}")
    return clock


def _span(start: datetime | None, end: datetime | None) -> str:
    if start is None and end is None:
        return "all time"
    first = f"{start:%Y-%m-%d}" if start is not None else "the beginning"
    return f"{first} to {end:%Y-%m-%d}" if end is not None else f"since {first}"


CLOCK_NOTE = {
    "occurred": "by occurrence (clock=occurred): a report counts where its occurrence date, "
    "at its precision, lies wholly inside the period; one known only to the month or year "
    "is in no narrower period, and one of unknown occurrence only in answers over all time "
    "(since=all, no until)",
    "reported": "by report time (clock=reported): when each report reached tahub",
}
UNDATED_NOTE = (
    "bucket null: reports in the answer whose occurrence is known only more coarsely than a "
    "{size} (to the month or year; over all time also not at all): they are in no {size}, "
    "never on an invented day"
)


# Dimensions a count can be grouped or filtered by, and their columns: every one is a
# release-class attribute (consumers.release.CLASS_COLUMNS), or answers could split a class.
DIMENSIONS: dict[str, str] = {**SIGNAL_DIMENSIONS, "source_kind": "source_kind"}

RELEASE_NOTE = (
    "periods are whole UTC {bin}s; another organisation's report is counted only where at "
    "least {k} reports of other organisations share its {bin} of report, its occurrence (its "
    "{bin}, or its month or year where only that is known), typology, route, place, source "
    "kind and sharing level (fewer, and none, give the same answer), whichever the clock"
)


def _bucket(bucket: str, bin_: str, clock: str) -> str | None:
    """Buckets are unions of whole release bins, for the same reason as periods."""
    allowed = BUCKETS[bin_]
    if bucket not in allowed:
        raise QueryError(f"bucket {bucket!r}: use {', '.join(allowed)} (release bin: {bin_})")
    return None if bucket == "all" else bucket_sql(clock, bucket)


def _filters(filters: dict[str, str]) -> list[str]:
    out = []
    for dim, value in sorted(filters.items()):
        if dim not in DIMENSIONS:
            raise QueryError(f"cannot filter by {dim!r}; dimensions: {', '.join(DIMENSIONS)}")
        if dim == "typology" and value not in {t.value for t in Typology}:
            raise QueryError(
                f"typology {value!r} is not one of {', '.join(t.value for t in Typology)}"
            )
        out.append(f"{DIMENSIONS[dim]} = {lit(value)}")
    return out


def _where(viewer: Viewer, k: int, conditions: list[str], bin_: str) -> str:
    """``FROM … WHERE …``: the query's scope (whole classes), then only the records that
    may be released (consumers.release.released_rows)."""
    scope = " AND ".join([*conditions, visible(viewer)])
    return released_rows(viewer, k, scope, bin_)


# --- the queries ---


def counts(
    wh: Warehouse,
    viewer: Viewer,
    *,
    start: datetime | None,
    end: datetime | None,
    by: Sequence[str] = ("typology",),
    bucket: str = "day",
    filters: dict[str, str] | None = None,
    k: int = 3,
    bin_: str = DEFAULT_BIN,
    clock: str = DEFAULT_CLOCK,
) -> Result:
    """Distinct reports and organisations per time bucket and dimension values. By
    occurrence, reports known only more coarsely than the bucket size (a month-precision
    report in day or week buckets) come in a row of their own with bucket None."""
    for dim in by:
        if dim not in DIMENSIONS:
            raise QueryError(f"cannot group by {dim!r}; dimensions: {', '.join(DIMENSIONS)}")
    clock = _clock(clock)
    start, end = _bins(start, end, bin_)
    key_sql = _bucket(bucket, bin_, clock)
    keys = ([f"{key_sql} AS bucket"] if key_sql else []) + [f"{DIMENSIONS[d]} AS {d}" for d in by]
    names = (["bucket"] if key_sql else []) + list(by)
    where = _where(viewer, k, [period(clock, start, end, bin_), *_filters(filters or {})], bin_)
    group = f"GROUP BY {', '.join(names)}" if names else ""
    measures = ["uniqExact(source_id) AS reports", "uniqExact(org_id) AS orgs"]
    sql = (
        f"SELECT {', '.join([*keys, *measures])} {where} {group} "
        f"ORDER BY {', '.join([*names, 'reports DESC']) if names else 'reports'}"
    )
    rows = [r for r in wh.query(sql) if r[-2] > 0]  # no records at all: no row, as for none
    notes = [CLOCK_NOTE[clock], RELEASE_NOTE.format(k=k, bin=bin_)]
    if key_sql:
        label = bucket_label(clock, bucket)
        rows = [(label(r[0]), *r[1:]) for r in rows]
        if clock == "occurred":
            notes.insert(1, UNDATED_NOTE.format(size=bucket))
    return Result(
        f"counts by {', '.join(names) or 'nothing'}, {_span(start, end)}, {clock} ({viewer.label})",
        (*names, "reports", "orgs"),
        rows,
        notes,
    )


PLACE_LEVELS = {"country": "location_country", "cell": "cell_coarse", "cell_fine": "cell_fine"}


def hotspots(
    wh: Warehouse,
    viewer: Viewer,
    *,
    start: datetime | None,
    end: datetime | None,
    level: str = "country",
    typology: str | None = None,
    limit: int = 20,
    k: int = 3,
    bin_: str = DEFAULT_BIN,
    clock: str = DEFAULT_CLOCK,
) -> Result:
    """Places with the most distinct reports in the period, against the period before. By
    occurrence, a report whose span straddles the two periods is in neither."""
    if level not in PLACE_LEVELS:
        raise QueryError(f"level {level!r}: use {', '.join(PLACE_LEVELS)}")
    clock = _clock(clock)
    periods = compare_periods(clock, start, end, bin_, "hotspots compare")
    place = PLACE_LEVELS[level]
    start, end, now, before = periods.start, periods.end, periods.now, periods.before
    where = _where(
        viewer,
        k,
        [
            periods.both,
            f"{place} != ''",
            *_filters({"typology": typology} if typology else {}),
        ],
        bin_,
    )
    sql = (
        f"SELECT {place} AS place, uniqExactIf(source_id, {now}) AS reports, "
        f"uniqExactIf(source_id, {before}) AS previous "
        f"{where} GROUP BY place HAVING reports > 0 "
        f"ORDER BY reports DESC, place LIMIT {int(limit)}"
    )
    rows = []
    for place_value, cur, prev in wh.query(sql):
        ratio = None if not prev else round(cur / prev, 2)
        rows.append((place_value, cur, prev, cur - prev, ratio))
    return Result(
        f"hotspots by {level}, {_span(start, end)}, {clock} ({viewer.label})",
        ("place", "reports", "previous", "change", "ratio"),
        rows,
        [
            f"previous = the same number of whole {bin_}s just before",
            CLOCK_NOTE[clock],
            RELEASE_NOTE.format(k=k, bin=bin_),
        ],
    )


def routes(
    wh: Warehouse,
    viewer: Viewer,
    *,
    start: datetime | None,
    end: datetime | None,
    typology: str | None = None,
    limit: int = 20,
    k: int = 3,
    bin_: str = DEFAULT_BIN,
    clock: str = DEFAULT_CLOCK,
) -> Result:
    """Origin → destination flows by distinct reports."""
    clock = _clock(clock)
    start, end = _bins(start, end, bin_)
    where = _where(
        viewer,
        k,
        [
            period(clock, start, end, bin_),
            "origin_country != ''",
            "destination_country != ''",
            *_filters({"typology": typology} if typology else {}),
        ],
        bin_,
    )
    sql = (
        "SELECT origin_country, destination_country, uniqExact(source_id) AS reports, "
        "uniqExact(org_id) AS orgs, groupUniqArray(typology) AS typologies "
        f"{where} GROUP BY origin_country, destination_country "
        f"ORDER BY reports DESC, origin_country, destination_country LIMIT {int(limit)}"
    )
    rows = [(o, d, r, n, sorted(t)) for o, d, r, n, t in wh.query(sql)]
    return Result(
        f"routes, {_span(start, end)}, {clock} ({viewer.label})",
        ("origin", "destination", "reports", "orgs", "typologies"),
        rows,
        [CLOCK_NOTE[clock], RELEASE_NOTE.format(k=k, bin=bin_)],
    )


# --- report delays: how long after they occurred reports came in ---

# histogram buckets of delay in days: [lower, next lower); the first also holds the
# negative delays of occurrences dated up to a day after their report (time zones)
DELAY_BUCKETS: tuple[tuple[str, int], ...] = (
    ("0d", 0),
    ("1-6d", 1),
    ("1w", 7),
    ("2-3w", 14),
    ("4-12w", 28),
    ("13-25w", 91),
    ("26-51w", 182),
    ("1y", 365),
    ("2-4y", 730),
    ("5y+", 1826),
)
DELAY_NOTE = (
    "delay = report day minus occurrence day, for reports whose occurrence is known to the "
    "day (to_the_day; the others count in reports only: none gets an invented day). Your "
    "own reports are measured exactly; other organisations' between the start of their "
    "report's {bin} and the start of their occurrence's {bin}, as their release class holds "
    "them (with month bins those known only to the month too: a class holds both as the "
    "month), pooled under 'others' ('all' for the public): no other organisation is named"
)


def delays(
    wh: Warehouse,
    viewer: Viewer,
    *,
    start: datetime | None,
    end: datetime | None,
    by: Sequence[str] = (),
    bucket: str = "all",
    filters: dict[str, str] | None = None,
    k: int = 3,
    bin_: str = DEFAULT_BIN,
    clock: str = "reported",
) -> Result:
    """Report delays (report time minus occurrence) per organisation: the viewer's own in
    full, everyone else's pooled and released by the same rule as counts; quantiles,
    the longest and a histogram, per time bucket and group if asked. By report time (the
    default) "how late were the reports that came in"; by occurrence a recent period
    holds only short delays, since the later reports of it have not come in yet."""
    for dim in by:
        if dim not in DIMENSIONS:
            raise QueryError(f"cannot group by {dim!r}; dimensions: {', '.join(DIMENSIONS)}")
    clock = _clock(clock)
    start, end = _bins(start, end, bin_)
    key_sql = _bucket(bucket, bin_, clock)
    who = "'all'" if viewer.org_id is None else (
        f"if(org_id = {lit(viewer.org_id)}, {lit(viewer.org_id)}, 'others')"
    )  # fmt: skip
    keys = [f"{who} AS organisation"] + ([f"{key_sql} AS bucket"] if key_sql else [])
    keys += [f"{DIMENSIONS[d]} AS {d}" for d in by]
    names = ["organisation"] + (["bucket"] if key_sql else []) + list(by)
    where = _where(viewer, k, [period(clock, start, end, bin_), *_filters(filters or {})], bin_)
    # one row per report and group first: a report has a signal per place and typology
    per_report = (
        f"SELECT {', '.join(keys)}, source_id, min({delay_days(viewer, bin_)}) AS days, "
        f"min({delay_known(viewer, bin_)}) AS to_day {where} "
        f"GROUP BY {', '.join([*names, 'source_id'])}"
    )
    edges = [low for _, low in DELAY_BUCKETS[1:]]
    bounds = [f"days < {edges[0]}"] + [
        f"days >= {lo} AND days < {hi}" for lo, hi in itertools.pairwise(edges)
    ] + [f"days >= {edges[-1]}"]  # fmt: skip
    histogram = [f"countIf(to_day AND {b})" for b in bounds]
    sql = (
        f"SELECT {', '.join(names)}, count() AS reports, countIf(to_day) AS dated, "
        "quantilesExactIf(0.5, 0.9)(days, to_day) AS q, maxIf(days, to_day) AS longest, "
        f"{', '.join(histogram)} FROM ({per_report}) GROUP BY {', '.join(names)}"
    )
    label = bucket_label(clock, bucket) if key_sql else None
    rows = []
    for row in wh.query(sql):
        n = len(names)
        group = list(row[:n])
        if label is not None:
            group[1] = label(group[1])
        reports, dated, q, longest = row[n : n + 4]
        measured = (int(q[0]), int(q[1]), int(longest)) if dated else (None, None, None)
        rows.append((*group, reports, dated, *measured, *(int(c) for c in row[n + 4 :])))
    own = viewer.org_id
    rows.sort(
        key=lambda r: (r[0] != own, *(("" if v is None else str(v)) for v in r[1 : len(names)]))
    )
    notes = [DELAY_NOTE.format(bin=bin_), CLOCK_NOTE[clock], RELEASE_NOTE.format(k=k, bin=bin_)]
    return Result(
        f"report delays, {_span(start, end)}, {clock} ({viewer.label})",
        (*names, "reports", "to_the_day", "p50_days", "p90_days", "max_days",
         *(name for name, _ in DELAY_BUCKETS)),
        rows,
        notes,
    )  # fmt: skip


# --- detections: each version judged on its own evidence ---

DETECTION_COLUMNS = (
    "detection_id",
    "version",
    "state",
    "severity",
    "dimension_set",
    "dimension_key",
    "window_start",
    "window_end",
    "observed",
    "expected",
    "score",
    "p_value",
    "method",
    "distinct_sources",
    "tlp",
    "opened_at",
    "updated_at",
)
_TIMES = {"window_start", "window_end", "opened_at", "updated_at"}
_EVIDENCE = ("evidence_orgs", "evidence_tlps", "evidence_reports")


def _released(
    wh: Warehouse, viewer: Viewer, where: str, k: int, *, latest: bool = False
) -> list[list[dict[str, Any]]]:
    """What ``viewer`` sees of each detection with a version matching ``where``: its
    lifecycle (``schemas.lifecycle``) over every version of it, each judged on its own
    evidence by ``releasable_columns``; with ``latest``, only the last of it. The
    warehouse picks the detections with a version matching ``where`` and one the viewer
    may see by ``evidence_visible`` (the visibility SQL every signal query uses), not
    necessarily the same version (an end matches where the hidden version that made it
    does), and marks each version with it; only the marked ones are judged here."""
    cols = ", ".join([*DETECTION_COLUMNS, *_EVIDENCE])
    n = len(DETECTION_COLUMNS)
    rows = wh.query(
        f"SELECT {cols}, {evidence_visible(viewer)} AS vis FROM detections FINAL "
        "WHERE detection_id IN (SELECT detection_id FROM detections GROUP BY detection_id "
        f"HAVING max({where}) = 1 AND max({evidence_visible(viewer)}) = 1) "
        "ORDER BY detection_id, version"
    )

    def version(row: Sequence[Any]) -> dict[str, Any]:
        return dict(zip(DETECTION_COLUMNS, row[:n], strict=True))

    out: list[list[dict[str, Any]]] = []
    for _, group in itertools.groupby(rows, key=lambda row: row[0]):
        versions = list(group)
        shown, end = lifecycle.cut(
            [
                bool(vis) and releasable_columns(viewer, orgs, tlps, reports, k)
                for orgs, tlps, reports, vis in (r[n:] for r in versions)
            ]
        )
        if not shown:
            continue
        picked = [version(versions[i]) for i in (shown[-1:] if latest else shown)]
        if end is not None and picked[-1]["state"] != "resolved":
            ended = lifecycle.end_of(picked[-1], version(versions[end]))
            picked = [ended] if latest else [*picked, ended]
        out.append(picked)
    return out


def _in_state(wanted: str | None, state: str) -> bool:
    """The state filter: none, open (not resolved), or one state."""
    if wanted is None:
        return True
    return state != "resolved" if wanted == "open" else state == wanted


def _epoch(moment: datetime | int) -> int:
    return int(moment.timestamp() if isinstance(moment, datetime) else moment)


def _shown(version: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(_iso(_epoch(version[c])) if c in _TIMES else version[c] for c in DETECTION_COLUMNS)


def detections(
    wh: Warehouse,
    viewer: Viewer,
    *,
    since: datetime,
    state: str | None = None,
    dimension_set: str | None = None,
    min_severity: str | None = None,
    limit: int = 50,
    k: int = 3,
) -> Result:
    """Each detection's latest version this viewer may see, updated since ``since`` (a
    whole UTC day), newest first."""
    if state is not None and state not in {"open", "opened", "updated", "resolved"}:
        raise QueryError(f"state {state!r}: use open, opened, updated or resolved")
    order = [s.value for s in Severity]
    if min_severity is not None and min_severity not in order:
        raise QueryError(f"severity {min_severity!r} is not one of {', '.join(order)}")
    since, _ = snap(since, since, "day")
    # DateTime starts at 1970: an earlier bound wraps around on ClickHouse 18.16
    where = [f"updated_at >= toDateTime({max(0, int(since.timestamp()))})"]
    if dimension_set:
        where.append(f"dimension_set = {lit(dimension_set)}")
    chosen = [
        v
        for v in (shown[-1] for shown in _released(wh, viewer, " AND ".join(where), k, latest=True))
        if _epoch(v["updated_at"]) >= since.timestamp()
        and _in_state(state, v["state"])
        and (min_severity is None or order.index(v["severity"]) >= order.index(min_severity))
    ]
    chosen.sort(key=lambda v: v["detection_id"])
    chosen.sort(key=lambda v: v["updated_at"], reverse=True)
    return Result(
        f"detections since {since:%Y-%m-%d} ({viewer.label})",
        DETECTION_COLUMNS,
        [_shown(v) for v in chosen[:limit]],
        [
            "each detection as of its latest version you may see: a version is shown only "
            "to those who may see every report it counts, and only when it counts none or "
            f"at least {k} of other organisations' reports; a detection whose next "
            "version you may not see is shown resolved at that version's window"
        ],
    )


def detection_history(wh: Warehouse, viewer: Viewer, detection_id: str, *, k: int = 3) -> Result:
    """Every lifecycle version of one detection this viewer may see, each judged on its
    own evidence; the same answer for an unknown id and one with nothing visible."""
    found = _released(wh, viewer, f"detection_id = {lit(detection_id)}", k)
    rows = found[0] if found else []
    if not rows:
        raise QueryError(f"no detection {detection_id!r} visible to {viewer.label}")
    return Result(
        f"detection {detection_id} ({viewer.label})", DETECTION_COLUMNS, [_shown(v) for v in rows]
    )


INCIDENT_COLUMNS = (
    "incident_id", "submission_id", "org_id", "submitted_at", "occurred_on",
    "occurred_precision", "typologies", "means_of_control", "recruitment", "places", "sector",
    "victims_total", "victim_citizenships", "tlp", "confidence", "summary",
)  # fmt: skip


def incident(wh: Warehouse, viewer: Viewer, incident_id: str) -> dict[str, Any]:
    """One of the viewer's own incidents as stored (its text still sealed); the same
    answer for an unknown id and another organisation's."""
    rows = []
    if viewer.org_id is not None:
        rows = wh.query(
            f"SELECT {', '.join(INCIDENT_COLUMNS)} FROM incidents FINAL "
            f"WHERE incident_id = {lit(incident_id)} AND org_id = {lit(viewer.org_id)} "
            "ORDER BY version DESC LIMIT 1"
        )
    if not rows:
        raise QueryError(f"no incident {incident_id!r} of {viewer.label}")
    out = dict(zip(INCIDENT_COLUMNS, rows[0], strict=True))
    out["places"] = json.loads(out["places"] or "[]")
    out["submitted_at"] = _iso(int(out["submitted_at"]))
    out["occurred_on"] = None if out["occurred_precision"] == "unknown" else str(out["occurred_on"])
    return out


def deliveries(wh: Warehouse, viewer: Viewer, subscription_id: str, *, limit: int = 100) -> Result:
    """Delivery attempts for one of the viewer's own subscriptions, newest first."""
    owner = wh.query(
        f"SELECT org_id FROM subscriptions FINAL WHERE subscription_id = {lit(subscription_id)}"
    )
    if viewer.org_id is None or not owner or owner[0][0] != viewer.org_id:
        # the same answer whether it does not exist or belongs to someone else
        raise QueryError(f"no subscription {subscription_id!r} belonging to {viewer.label}")
    rows = wh.query(
        "SELECT attempted_at, notification_id, channel, target, attempt, status, recoverable, "
        "error, latency_ms FROM deliveries FINAL "
        f"WHERE subscription_id = {lit(subscription_id)} "
        f"ORDER BY attempted_at DESC, delivery_id LIMIT {int(limit)}"
    )
    return Result(
        f"deliveries for {subscription_id}",
        (
            "attempted_at",
            "notification_id",
            "channel",
            "target",
            "attempt",
            "status",
            "recoverable",
            "error",
            "latency_ms",
        ),
        [(_iso(int(r[0])), *r[1:6], bool(r[6]), *r[7:]) for r in rows],
    )
