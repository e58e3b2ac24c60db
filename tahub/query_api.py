"""Named queries with string parameters — one entry point for `tahub query` and HTTP.

Parses and checks every parameter (unknown ones are errors, so a typo never silently
widens a query) and calls consumers.queries.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from consumers import map_query, queries
from consumers.queries import QueryError, Result, Viewer
from consumers.warehouse import Warehouse
from producers.intake.sealing import Opener, open_incident
from schemas.sharing import CLOCKS, DEFAULT_BIN, DEFAULT_CLOCK

_SPAN = re.compile(r"^(\d+)([mhdw])$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


class UnknownQuery(QueryError):
    pass


EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)


def _shown(text: str) -> str:
    """A parameter as an error message may repeat it: short and printable."""
    return ascii(text[:40] + ("…" if len(text) > 40 else ""))


def parse_when(text: str, now: datetime) -> datetime:
    """'7d' / '24h' / '90m' / '2w' ago, or an ISO date or datetime (UTC if no zone),
    between 1900 and a year from now."""
    usage = "use a span ago (30m, 24h, 7d, 2w) or an ISO date/datetime"
    raw = text.strip()
    match = _SPAN.match(raw) if raw.isascii() else None
    try:
        if match:
            moment = now - timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})
        else:
            moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
            moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    except (ValueError, OverflowError):
        raise QueryError(f"time {_shown(text)}: {usage}") from None
    if not EARLIEST <= moment <= now + timedelta(days=366):
        raise QueryError(f"time {_shown(text)}: must fall between 1900 and a year from now")
    return moment


def _int(params: dict[str, str], name: str, default: int, lo: int = 1, hi: int = 10_000) -> int:
    raw = params.pop(name, None)
    if raw is None:
        return default
    if not (raw.isascii() and raw.isdigit()) or not lo <= int(raw) <= hi:
        raise QueryError(f"{name} {_shown(raw)}: use a whole number from {lo} to {hi}")
    return int(raw)


def _period(
    params: dict[str, str], now: datetime, default: str
) -> tuple[datetime | None, datetime | None]:
    """since/until; ``since=all`` is the whole history: no time limit at all unless
    ``until`` is given (an answer over all time is the only one where reports of unknown
    occurrence count by occurrence)."""
    since = params.pop("since", default)
    start = None if since.strip().lower() == "all" else parse_when(since, now)
    if "until" in params:
        return start, parse_when(params.pop("until"), now)
    return start, (None if start is None else now)


def _clock(params: dict[str, str], default: str = DEFAULT_CLOCK) -> str:
    raw = params.pop("clock", default)
    if raw not in CLOCKS:
        raise QueryError(f"clock {_shown(raw)}: use {' or '.join(CLOCKS)}")
    return raw


@dataclass(frozen=True)
class Ctx:
    k: int
    now: datetime
    bin: str
    opener: Opener | None = None  # opens sealed partner text (the vault), for its owner


def _incident(wh: Warehouse, p: dict[str, str], v: Viewer, c: Ctx) -> Result:
    if "id" not in p:
        raise QueryError("incident needs id")
    record = queries.incident(wh, v, p.pop("id"))
    if c.opener is not None:
        record = open_incident(record, c.opener)
    return Result(f"incident {record['incident_id']} ({v.label})", tuple(record), [
        tuple(record.values())
    ])  # fmt: skip


def _counts(wh: Warehouse, p: dict[str, str], v: Viewer, c: Ctx) -> Result:
    start, end = _period(p, c.now, "30d")
    by = [d for d in p.pop("by", "typology").split(",") if d]
    bucket = p.pop("bucket", c.bin)
    filters = {d: p.pop(d) for d in list(p) if d in queries.DIMENSIONS}
    return queries.counts(
        wh, v, start=start, end=end, by=by, bucket=bucket, filters=filters, k=c.k, bin_=c.bin,
        clock=_clock(p),
    )  # fmt: skip


def _hotspots(wh: Warehouse, p: dict[str, str], v: Viewer, c: Ctx) -> Result:
    start, end = _period(p, c.now, "7d")
    return queries.hotspots(
        wh, v, start=start, end=end, level=p.pop("level", "country"),
        typology=p.pop("typology", None), limit=_int(p, "limit", 20), k=c.k, bin_=c.bin,
        clock=_clock(p),
    )  # fmt: skip


def _routes(wh: Warehouse, p: dict[str, str], v: Viewer, c: Ctx) -> Result:
    start, end = _period(p, c.now, "30d")
    return queries.routes(
        wh, v, start=start, end=end, typology=p.pop("typology", None),
        limit=_int(p, "limit", 20), k=c.k, bin_=c.bin, clock=_clock(p),
    )  # fmt: skip


def _map(wh: Warehouse, p: dict[str, str], v: Viewer, c: Ctx) -> Result:
    start, end = _period(p, c.now, "90d")
    return map_query.map_layers(
        wh, v, start=start, end=end, typology=p.pop("typology", None), k=c.k, bin_=c.bin,
        clock=_clock(p),
    )  # fmt: skip


def _delays(wh: Warehouse, p: dict[str, str], v: Viewer, c: Ctx) -> Result:
    # by report time over the last year: "how late were the reports that came in"
    start, end = _period(p, c.now, "52w")
    by = [d for d in p.pop("by", "").split(",") if d]
    bucket = p.pop("bucket", "all")
    filters = {d: p.pop(d) for d in list(p) if d in queries.DIMENSIONS}
    return queries.delays(
        wh, v, start=start, end=end, by=by, bucket=bucket, filters=filters, k=c.k, bin_=c.bin,
        clock=_clock(p, "reported"),
    )  # fmt: skip


def _detections(wh: Warehouse, p: dict[str, str], v: Viewer, c: Ctx) -> Result:
    return queries.detections(
        wh, v, since=parse_when(p.pop("since", "7d"), c.now), state=p.pop("state", None),
        dimension_set=p.pop("dimension_set", None), min_severity=p.pop("min_severity", None),
        limit=_int(p, "limit", 50), k=c.k,
    )  # fmt: skip


def _detection(wh: Warehouse, p: dict[str, str], v: Viewer, c: Ctx) -> Result:
    if "id" not in p:
        raise QueryError("detection needs id")
    return queries.detection_history(wh, v, p.pop("id"), k=c.k)


def _deliveries(wh: Warehouse, p: dict[str, str], v: Viewer, c: Ctx) -> Result:
    if "subscription" not in p:
        raise QueryError("deliveries needs subscription")
    return queries.deliveries(wh, v, p.pop("subscription"), limit=_int(p, "limit", 100))


Handler = Callable[[Warehouse, dict[str, str], Viewer, Ctx], Result]
_PERIOD = {"since", "until", "clock"}  # every analytics query runs on either clock
QUERIES: dict[str, tuple[Handler, frozenset[str]]] = {
    "counts": (_counts, frozenset({*_PERIOD, "by", "bucket", *queries.DIMENSIONS})),
    "hotspots": (_hotspots, frozenset({*_PERIOD, "level", "typology", "limit"})),
    "routes": (_routes, frozenset({*_PERIOD, "typology", "limit"})),
    "map": (_map, frozenset({*_PERIOD, "typology"})),
    "delays": (_delays, frozenset({*_PERIOD, "by", "bucket", *queries.DIMENSIONS})),
    "detections": (
        _detections,
        frozenset({"since", "state", "dimension_set", "min_severity", "limit"}),
    ),
    "detection": (_detection, frozenset({"id"})),
    "deliveries": (_deliveries, frozenset({"subscription", "limit"})),
    "incident": (_incident, frozenset({"id"})),
}


def run(  # noqa: PLR0917 - mirrors the HTTP request's parts
    wh: Warehouse,
    name: str,
    params: Mapping[str, str],
    viewer: Viewer,
    k: int,
    now: datetime | None = None,
    *,
    bin_: str = DEFAULT_BIN,
    opener: Opener | None = None,
) -> Result:
    if name not in QUERIES:
        raise UnknownQuery(f"no query {name!r}; queries: {', '.join(QUERIES)}")
    handler, allowed = QUERIES[name]
    unknown = sorted(set(params) - allowed)
    if unknown:
        raise QueryError(
            f"{name} does not take {', '.join(unknown)}; it takes {', '.join(sorted(allowed))}"
        )
    return handler(wh, dict(params), viewer, Ctx(k, now or datetime.now(UTC), bin_, opener))
