"""Read queries over the warehouse, shared by `tahub query` and the HTTP API.

Every query applies the sharing rules for the viewer (TLP: CLEAR to anyone, GREEN to
members, AMBER to the submitter and the organisations it shares with, AMBER+STRICT and
RED to the submitter only) and suppresses any group with fewer than k distinct reports,
unless every record in it is the viewer's own.

Records that landed twice count once: signal measures are distinct counts (reports,
organisations), which a duplicate row cannot change, so signal queries skip FINAL (it
doubles their cost at 10M rows); versioned tables (detections, subscriptions, deliveries)
are read with FINAL. ``uniq`` is exact for small groups (where k matters) and within ~1%
for large ones. SQL is portable to ClickHouse 18.16.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from consumers.warehouse import Warehouse
from schemas.dimensions import SIGNAL_DIMENSIONS
from schemas.taxonomy import Severity, Typology


class QueryError(ValueError):
    """A request that cannot be answered as asked (bad parameter, unknown subscription)."""


@dataclass(frozen=True)
class Viewer:
    """Who is asking. ``org_id`` None is the public: CLEAR data only."""

    org_id: str | None = None
    amber_from: frozenset[str] = frozenset()  # orgs that share their AMBER data with us

    @property
    def label(self) -> str:
        return self.org_id or "public"


@dataclass(frozen=True)
class Result:
    title: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    notes: list[str] = field(default_factory=list)

    def as_dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


# --- SQL building blocks ---


def lit(value: str) -> str:
    """A ClickHouse string literal."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _ts(moment: datetime) -> str:
    return f"toDateTime({int(moment.timestamp())})"


def _iso(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, UTC).isoformat().replace("+00:00", "Z")


def visible(viewer: Viewer) -> str:
    """SQL condition on (org_id, tlp): may this viewer see the record?"""
    if viewer.org_id is None:
        return "tlp = 'CLEAR'"
    own = lit(viewer.org_id)
    terms = ["tlp IN ('CLEAR', 'GREEN')", f"org_id = {own}"]
    if viewer.amber_from:
        partners = ", ".join(lit(o) for o in sorted(viewer.amber_from))
        terms.append(f"(tlp = 'AMBER' AND org_id IN ({partners}))")
    return "(" + " OR ".join(terms) + ")"


def _foreign(viewer: Viewer, extra: str = "1") -> str:
    """Count of rows in a group that are not the viewer's own."""
    if viewer.org_id is None:
        return f"countIf({extra})"
    return f"countIf(org_id != {lit(viewer.org_id)} AND {extra})"


def _period(start: datetime, end: datetime) -> str:
    if end <= start:
        raise QueryError(
            f"the period is empty: {start.isoformat()} is not before {end.isoformat()}"
        )
    return f"event_time >= {_ts(start)} AND event_time < {_ts(end)}"


# Dimensions a count can be grouped or filtered by, and their columns.
DIMENSIONS: dict[str, str] = {**SIGNAL_DIMENSIONS, "source_kind": "source_kind"}

BUCKETS: dict[str, str] = {
    "hour": "toStartOfHour(event_time)",
    "day": "toStartOfDay(event_time)",
    "week": "toDateTime(toMonday(event_time))",
    "month": "toDateTime(toStartOfMonth(event_time))",
}


def _bucket(bucket: str) -> str | None:
    if bucket == "all":
        return None
    if bucket in BUCKETS:
        return BUCKETS[bucket]
    if bucket.isdigit() and int(bucket) >= 60:
        n = int(bucket)
        return f"toDateTime(intDiv(toUInt32(event_time), {n}) * {n})"
    raise QueryError(f"bucket {bucket!r}: use hour, day, week, month, all or seconds (≥ 60)")


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


def _k_rule(viewer: Viewer, k: int, reports: str = "reports") -> str:
    return f"({reports} >= {k} OR {_foreign(viewer)} = 0)"


# --- the queries ---


def counts(
    wh: Warehouse,
    viewer: Viewer,
    *,
    start: datetime,
    end: datetime,
    by: Sequence[str] = ("typology",),
    bucket: str = "day",
    filters: dict[str, str] | None = None,
    k: int = 3,
) -> Result:
    """Distinct reports and organisations per time bucket and dimension values."""
    for dim in by:
        if dim not in DIMENSIONS:
            raise QueryError(f"cannot group by {dim!r}; dimensions: {', '.join(DIMENSIONS)}")
    bucket_sql = _bucket(bucket)
    keys = ([f"{bucket_sql} AS bucket"] if bucket_sql else []) + [
        f"{DIMENSIONS[d]} AS {d}" for d in by
    ]
    names = (["bucket"] if bucket_sql else []) + list(by)
    where = [_period(start, end), visible(viewer), *_filters(filters or {})]
    group = f"GROUP BY {', '.join(names)}" if names else ""
    measures = ["uniq(source_id) AS reports", "uniq(org_id) AS orgs"]
    sql = (
        f"SELECT {', '.join([*keys, *measures])} "
        f"FROM signals WHERE {' AND '.join(where)} {group} "
        f"HAVING {_k_rule(viewer, k)} "
        f"ORDER BY {', '.join([*names, 'reports DESC']) if names else 'reports'}"
    )
    rows = wh.query(sql)
    if bucket_sql:
        rows = [(_iso(int(r[0])), *r[1:]) for r in rows]
    return Result(
        f"counts by {', '.join(names) or 'nothing'} ({viewer.label})",
        (*names, "reports", "orgs"),
        rows,
        [f"groups with fewer than {k} distinct reports are not shown"],
    )


PLACE_LEVELS = {"country": "location_country", "cell": "cell_coarse", "cell_fine": "cell_fine"}


def hotspots(
    wh: Warehouse,
    viewer: Viewer,
    *,
    start: datetime,
    end: datetime,
    level: str = "country",
    typology: str | None = None,
    limit: int = 20,
    k: int = 3,
) -> Result:
    """Places with the most distinct reports in the period, against the period before."""
    if level not in PLACE_LEVELS:
        raise QueryError(f"level {level!r}: use {', '.join(PLACE_LEVELS)}")
    place = PLACE_LEVELS[level]
    prev_start = start - (end - start)
    now = f"event_time >= {_ts(start)}"
    where = [
        _period(prev_start, end),
        f"{place} != ''",
        visible(viewer),
        *_filters({"typology": typology} if typology else {}),
    ]
    sql = (
        f"SELECT {place} AS place, uniqIf(source_id, {now}) AS reports, "
        f"uniqIf(source_id, NOT ({now})) AS previous, "
        f"{_foreign(viewer, now)} AS foreign_now, "
        f"{_foreign(viewer, f'NOT ({now})')} AS foreign_before "
        f"FROM signals WHERE {' AND '.join(where)} GROUP BY place "
        f"HAVING reports > 0 AND (reports >= {k} OR foreign_now = 0) "
        f"ORDER BY reports DESC, place LIMIT {int(limit)}"
    )
    rows = []
    for place_value, cur, prev, _, foreign_before in wh.query(sql):
        shown_prev = prev if prev >= k or foreign_before == 0 else None  # small counts hidden
        change = None if shown_prev is None else cur - shown_prev
        ratio = None if not shown_prev else round(cur / shown_prev, 2)
        rows.append((place_value, cur, shown_prev, change, ratio))
    return Result(
        f"hotspots by {level}, {start:%Y-%m-%d %H:%M} to {end:%Y-%m-%d %H:%M} ({viewer.label})",
        ("place", "reports", "previous", "change", "ratio"),
        rows,
        [
            "previous = the same length of time just before",
            f"places with fewer than {k} distinct reports are not shown; a previous count "
            f"below {k} shows as empty",
        ],
    )


def routes(
    wh: Warehouse,
    viewer: Viewer,
    *,
    start: datetime,
    end: datetime,
    typology: str | None = None,
    limit: int = 20,
    k: int = 3,
) -> Result:
    """Origin → destination flows by distinct reports."""
    where = [
        _period(start, end),
        "origin_country != ''",
        "destination_country != ''",
        visible(viewer),
        *_filters({"typology": typology} if typology else {}),
    ]
    sql = (
        "SELECT origin_country, destination_country, uniq(source_id) AS reports, "
        "uniq(org_id) AS orgs, groupUniqArray(typology) AS typologies "
        f"FROM signals WHERE {' AND '.join(where)} "
        f"GROUP BY origin_country, destination_country HAVING {_k_rule(viewer, k)} "
        f"ORDER BY reports DESC, origin_country, destination_country LIMIT {int(limit)}"
    )
    rows = [(o, d, r, n, sorted(t)) for o, d, r, n, t in wh.query(sql)]
    return Result(
        f"routes, {start:%Y-%m-%d} to {end:%Y-%m-%d} ({viewer.label})",
        ("origin", "destination", "reports", "orgs", "typologies"),
        rows,
        [f"routes with fewer than {k} distinct reports are not shown"],
    )


_DETECTION_COLUMNS = (
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
    "top_sources",
    "sample_signal_ids",
    "tlp",
    "opened_at",
    "updated_at",
)
_TIMES = {"window_start", "window_end", "opened_at", "updated_at"}


def _detection_visible(viewer: Viewer, k: int) -> str:
    if viewer.org_id is None:
        return f"tlp = 'CLEAR' AND distinct_sources >= {k}"
    own = lit(viewer.org_id)
    return (
        f"(tlp IN ('CLEAR', 'GREEN') OR has(restricted_to, {own})) "
        f"AND (distinct_sources >= {k} OR restricted_to = [{own}])"
    )


def _detection_rows(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return [
        tuple(
            _iso(int(v)) if name in _TIMES else v
            for name, v in zip(_DETECTION_COLUMNS, row, strict=True)
        )
        for row in rows
    ]


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
    """The current state of each detection updated since ``since``, newest first."""
    where = [f"updated_at >= {_ts(since)}"]
    if state == "open":
        where.append("state != 'resolved'")
    elif state is not None:
        if state not in {"opened", "updated", "resolved"}:
            raise QueryError(f"state {state!r}: use open, opened, updated or resolved")
        where.append(f"state = {lit(state)}")
    if dimension_set:
        where.append(f"dimension_set = {lit(dimension_set)}")
    if min_severity:
        order = [s.value for s in Severity]
        if min_severity not in order:
            raise QueryError(f"severity {min_severity!r} is not one of {', '.join(order)}")
        allowed = ", ".join(lit(s) for s in order[order.index(min_severity) :])
        where.append(f"severity IN ({allowed})")
    cols = ", ".join(_DETECTION_COLUMNS)
    sql = (
        f"SELECT {cols} FROM ("
        f"SELECT {cols}, restricted_to FROM detections FINAL "
        f"ORDER BY detection_id, version DESC LIMIT 1 BY detection_id) "
        f"WHERE {' AND '.join(where)} AND {_detection_visible(viewer, k)} "
        f"ORDER BY updated_at DESC, detection_id LIMIT {int(limit)}"
    )
    return Result(
        f"detections since {since:%Y-%m-%d %H:%M} ({viewer.label})",
        _DETECTION_COLUMNS,
        _detection_rows(wh.query(sql)),
        [f"detections with fewer than {k} distinct sources are not shown"],
    )


def detection_history(wh: Warehouse, viewer: Viewer, detection_id: str, *, k: int = 3) -> Result:
    """Every lifecycle version of one detection, with its evidence; visibility follows the
    latest version."""
    cols = ", ".join(_DETECTION_COLUMNS)
    latest = wh.query(
        f"SELECT count() FROM (SELECT tlp, restricted_to, distinct_sources FROM detections FINAL "
        f"WHERE detection_id = {lit(detection_id)} ORDER BY version DESC LIMIT 1) "
        f"WHERE {_detection_visible(viewer, k)}"
    )
    if not latest or latest[0][0] == 0:
        raise QueryError(f"no detection {detection_id!r} visible to {viewer.label}")
    rows = wh.query(
        f"SELECT {cols} FROM detections FINAL WHERE detection_id = {lit(detection_id)} "
        "ORDER BY version"
    )
    return Result(
        f"detection {detection_id} ({viewer.label})", _DETECTION_COLUMNS, _detection_rows(rows)
    )


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
