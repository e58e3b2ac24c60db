"""What the console shows, read through the query API's one entry point.

Every number and detection on a console page comes from ``tahub.query_api.run`` — the
function behind ``GET /api/v1/query/<name>`` and ``tahub query`` — called with the
session's viewer. This module only chooses the queries and their parameters and reshapes
the answers for the browser (H3 cells into polygons, detection keys into dimensions); it
holds no sharing rule of its own, so the console can show nothing the query API would
not answer to the same viewer.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import h3

from alerts.compose import what, where
from alerts.matching import concerns
from consumers.queries import QueryError, Result, Viewer
from consumers.warehouse import Warehouse
from schemas.countries import country_name
from schemas.models import Subscription
from schemas.taxonomy import Severity, Tlp
from tahub import query_api
from tahub.console import compare, places

# the dimension sets the detector runs and their dimensions (tahub.streams config)
Sets = Mapping[str, tuple[str, ...]]

RANGES = ("7d", "30d", "90d", "26w", "52w")
TREND_BY = {
    "typology": "typology",
    "route": "origin,destination",
    "origin": "origin",
    "destination": "destination",
    "location": "location",
    "cell_fine": "cell_fine",  # city-sized H3 cells (~36 km²)
}
PLACE_FILTERS = ("typology", "origin", "destination", "location", "cell", "cell_fine")
SEVERITIES = tuple(s.value for s in Severity)


def clock_supported() -> bool:
    """Whether the query API takes ``clock`` (occurred / reported) on its analytics."""
    return "clock" in query_api.QUERIES["counts"][1]


@dataclass(frozen=True)
class Reader:
    """Runs named queries for a viewer exactly as the query API does."""

    warehouse: Callable[[], Warehouse | None]
    k: int
    bin: str
    now: Callable[[], datetime] | None = None  # tests pin the clock

    def ask(self, name: str, params: Mapping[str, str], viewer: Viewer) -> Result:
        wh = self.warehouse()
        if wh is None:
            raise Unavailable("the warehouse is not open yet")
        now = self.now() if self.now is not None else None
        return query_api.run(wh, name, params, viewer, self.k, now, bin_=self.bin)


class Unavailable(Exception):
    """The warehouse is not there (yet)."""


# --- parameters from the browser ---


def period(params: Mapping[str, str], default: str = "90d") -> dict[str, str]:
    """since/until/clock as the query API takes them (it checks them itself)."""
    out = {"since": params.get("from") or params.get("since") or default}
    if params.get("until"):
        out["until"] = params["until"]
    if params.get("clock") and clock_supported():
        out["clock"] = params["clock"]
    return out


def typology(params: Mapping[str, str]) -> dict[str, str]:
    """The typology filter, passed on as given: the query API checks it."""
    return {"typology": params["typology"]} if params.get("typology") else {}


def _since(query: Mapping[str, str]) -> str:
    """The detections over a trend's period (``all`` is every detection there is)."""
    return "1900-01-01" if query["since"].strip() == "all" else query["since"]


# --- detections: keys into dimensions, and what a page says about them ---


def dimensions(dimension_set: str, key: str, sets: Sets) -> dict[str, str]:
    """'forced_labour|NG>IT' of typology_route → {typology, origin, destination}."""
    dims = sets.get(dimension_set)
    if not dims:
        return {}
    values = key.split("|")
    if dims[-2:] == ("origin", "destination") and values and ">" in values[-1]:
        values = [*values[:-1], *values[-1].split(">", 1)]
    if len(values) != len(dims):
        return {}
    return dict(zip(dims, values, strict=True))


def place_name(code: str) -> str:
    try:
        return country_name(code)
    except KeyError:
        return code


def described(row: Mapping[str, Any], sets: Sets) -> dict[str, Any]:
    """A detection version as the console shows it: the query's row, its dimensions, what
    and where in words, the sharing label, and a point for cells."""
    dims = dimensions(row["dimension_set"], row["dimension_key"], sets)
    out = dict(row)
    out["dimensions"] = dims
    out["what"] = what(dims)
    out["where"] = where(dims)
    out["tlp_label"] = Tlp(row["tlp"]).label
    cell = dims.get("cell")
    if cell and h3.is_valid_cell(cell):
        lat, lon = h3.cell_to_latlng(cell)
        out["point"] = [round(lat, 4), round(lon, 4)]
    return out


def detection_list(
    reader: Reader, viewer: Viewer, params: Mapping[str, str], sets: Sets
) -> tuple[list[dict[str, Any]], list[str]]:
    """The detections list: state (open / resolved / all), minimum severity, since, and
    the order (recent first, or most severe first)."""
    query = {"since": params.get("since") or "90d", "limit": params.get("limit") or "200"}
    state = params.get("state", "open")
    if state not in {"open", "resolved", "all"}:
        raise QueryError(f"state {state[:20]!r}: use open, resolved or all")
    if state != "all":
        query["state"] = state
    if params.get("min_severity"):
        query["min_severity"] = params["min_severity"]
    result = reader.ask("detections", query, viewer)
    rows = [described(r, sets) for r in result.as_dicts()]
    if params.get("order") == "severity":
        rows.sort(key=lambda r: SEVERITIES.index(r["severity"]), reverse=True)
    return rows, result.notes


def detection_page(
    reader: Reader, viewer: Viewer, detection_id: str, sets: Sets
) -> list[dict[str, Any]]:
    """Every version of one detection this viewer may see (the query layer judges each
    version on its own evidence), oldest first."""
    result = reader.ask("detection", {"id": detection_id}, viewer)
    return [described(r, sets) for r in result.as_dicts()]


# --- a subscription's history ---

HISTORY_NOTE = (
    "Read from the warehouse, where the pipeline lands what was sent a few seconds later."
)


def subscription_history(
    reader: Reader, viewer: Viewer, subscription_id: str, limit: int = 50
) -> tuple[list[dict[str, Any]], str]:
    """A subscription's recent alerts as their delivery attempts (failures too), newest
    first, through the query API's ``deliveries`` (which answers only about the viewer's
    own subscriptions, and the same for unknown and another's)."""
    query = {"subscription": subscription_id, "limit": str(limit)}
    try:
        tried = reader.ask("deliveries", query, viewer).as_dicts()
    except QueryError:  # not in the warehouse yet (a new subscription)
        return [], "Nothing recorded for this subscription yet. " + HISTORY_NOTE
    except Unavailable:
        return [], "The warehouse is not open yet, so no history can be shown."
    return tried, HISTORY_NOTE


PREVIEW_SINCE = "30d"


def preview(reader: Reader, viewer: Viewer, sub: Subscription, sets: Sets) -> list[dict[str, Any]]:
    """The detections of the last 30 days the viewer may see (the query API decides) that
    ``sub`` is about and that reach its severity: what it would have been told of, before
    the notification policy's grouping, repeats and quiet hours."""
    rows, _ = detection_list(
        reader, viewer, {"state": "all", "since": PREVIEW_SINCE, "limit": "500"}, sets
    )
    least = SEVERITIES.index(sub.min_severity.value)
    return [
        r
        for r in rows
        if r["dimensions"] and SEVERITIES.index(r["severity"]) >= least and concerns(sub, r)
    ]


# --- the map ---


def _cells(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        cell = row["place"]
        if not h3.is_valid_cell(cell):
            continue
        ring = [[round(lat, 4), round(lon, 4)] for lat, lon in h3.cell_to_boundary(cell)]
        out.append({"cell": cell, "reports": row["reports"], "change": row["change"],
                    "polygon": ring})  # fmt: skip
    return out


def map_data(
    reader: Reader, viewer: Viewer, params: Mapping[str, str], sets: Sets
) -> dict[str, Any]:
    """Counts by country, routes, city-level cells and open detections for one filter:
    the layers from the query API's one ``map`` query (one scan, one release check)."""
    when = period(params)
    kind = typology(params)
    layers = reader.ask("map", {**when, **kind}, viewer)
    rows: dict[str, list[dict[str, Any]]] = {}
    for row in layers.as_dicts():
        rows.setdefault(row["layer"], []).append(row)
    open_, _ = detection_list(
        reader, viewer, {"state": "open", "since": when["since"], "limit": "300"}, sets
    )
    if kind:
        open_ = [d for d in open_ if d["dimensions"].get("typology") in (None, kind["typology"])]
    routes = []
    for r in rows.get("route", []):
        origin, _, dest = r["place"].partition(">")
        routes.append({
            "origin": origin, "destination": dest, "reports": r["reports"], "orgs": r["orgs"],
            "typologies": r["typologies"],
            "label": f"{place_name(origin)} → {place_name(dest)}",
        })  # fmt: skip
    return {
        "viewer": viewer.label,
        "countries": [
            {
                "country": r["place"],
                "name": place_name(r["place"]),
                "reports": r["reports"],
                "previous": r["previous"],
                "change": r["change"],
            }
            for r in rows.get("country", [])
        ],
        "routes": routes,
        "cells": _cells(rows.get("cell", [])),
        "cells_fine": _cells(rows.get("cell_fine", [])),
        "detections": open_,
        "title": layers.title,
        "notes": layers.notes,
    }


# --- trends ---


def _epoch(label: str) -> int:
    """Seconds of an ISO date or UTC time ('2026-10-05', '2026-10-05T00:00:00Z')."""
    moment = datetime.fromisoformat(label.replace("Z", "+00:00"))
    return int((moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp())


def trend_query(params: Mapping[str, str]) -> dict[str, str]:
    """The counts query behind a trend: grouped by typology / route / place, with filters."""
    by = params.get("by") or "typology"
    if by not in TREND_BY:
        raise QueryError(f"by {by[:20]!r}: use {', '.join(TREND_BY)}")
    query = {**period(params), "by": TREND_BY[by]}
    if params.get("bucket"):
        query["bucket"] = params["bucket"]
    for dim in PLACE_FILTERS:
        if params.get(dim):
            query[dim] = params[dim]
    return query


def _matches(det: Mapping[str, Any], filters: Mapping[str, str]) -> bool:
    """A detection belongs on a trend when none of its dimensions contradicts a filter and
    it is about at least one filtered thing (or there is no filter)."""
    dims = det["dimensions"]
    if any(dim in dims and dims[dim] != value for dim, value in filters.items()):
        return False
    return not filters or any(dim in dims for dim in filters)


def _series_name(row: Mapping[str, Any], by: str) -> str:
    if by == "route":
        return f"{row['origin']}>{row['destination']}"
    return str(row[by])


def trend_data(
    reader: Reader, viewer: Viewer, params: Mapping[str, str], sets: Sets, *, top: int = 8
) -> dict[str, Any]:
    """Time series (one per group, the ``top`` largest) and the detections drawn on them."""
    query = trend_query(params)
    by = params.get("by") or "typology"
    result = reader.ask("counts", query, viewer)
    totals: dict[str, int] = {}
    points: dict[str, dict[str, int]] = {}
    undated = 0
    for row in result.as_dicts():
        if row.get("bucket") is None:
            undated += row["reports"]
            continue
        name = _series_name(row, by)
        totals[name] = totals.get(name, 0) + row["reports"]
        points.setdefault(name, {})[row["bucket"]] = row["reports"]
    names = sorted(totals, key=lambda n: (-totals[n], n))[:top]
    labels = sorted({b for n in names for b in points[n]})
    buckets = _filled(labels, query.get("bucket") or reader.bin)
    filters = {d: query[d] for d in PLACE_FILTERS if d in query}
    dets, _ = detection_list(
        reader, viewer, {"state": "all", "since": _since(query), "limit": "500"}, sets
    )
    return {
        "viewer": viewer.label,
        "title": result.title,
        "x": [_epoch(b) for b in buckets],
        "labels": buckets,
        "series": [
            {
                "name": n,
                "label": _label(n, by),
                "total": totals[n],
                "values": [points[n].get(b, 0) for b in buckets],
            }
            for n in names
        ],
        "undated": undated,
        "detections": [
            {
                "detection_id": d["detection_id"],
                "at": _epoch(d["window_start"]),
                "severity": d["severity"],
                "state": d["state"],
                "what": d["what"],
                "where": d["where"],
                "observed": d["observed"],
                "expected": d["expected"],
            }
            for d in dets
            if _matches(d, filters)
        ],
        "notes": result.notes,
    }


def _filled(labels: list[str], size: str) -> list[str]:
    """Every bucket from the first to the last (a bucket with no row counts none), so
    a chart's gaps are zeros, not lines drawn across them."""
    if len(labels) < 2 or size not in {"day", "week", "month"}:
        return labels
    first, last = date.fromisoformat(labels[0]), date.fromisoformat(labels[-1])
    out: list[str] = []
    at = first
    while at <= last and len(out) < 5000:
        out.append(at.isoformat())
        if size == "month":
            at = date(at.year + at.month // 12, at.month % 12 + 1, 1)
        else:
            at += timedelta(days=7 if size == "week" else 1)
    return out


def _label(name: str, by: str) -> str:
    if by == "cell_fine":
        return places.cell_label(name)
    if by == "typology":
        return name.replace("_", " ")
    if by == "route":
        origin, _, dest = name.partition(">")
        return f"{place_name(origin)} → {place_name(dest)}"
    return place_name(name)


COMPARE_NOTE = (
    "Beyond noise: the change is unlikely (p < {alpha}) if reports kept arriving at one "
    "steady rate (exact test for two Poisson counts), each row judged on its own, so among "
    "many rows one in twenty may pass by chance. A group the sharing rules hold back counts "
    "as none in that period, as every query answers it."
)


def _moment(text: str, now: datetime) -> datetime:
    if text.strip().lower() == "all":
        raise QueryError("comparing needs a period with a start: pick one, not all")
    return query_api.parse_when(text, now)


def comparison(
    reader: Reader, viewer: Viewer, params: Mapping[str, str], *, labelled: bool = True
) -> dict[str, Any]:
    """This period against the one before it or the same one 52 weeks earlier, per series
    (typology, route or place, with the trend's filters): two ``counts`` queries, one per
    period, each released by the query API's own rules. Unlabelled, a row's label is its
    name (a caller showing a few of thousands of cells labels those: a cell's town is a
    search of 34,000 towns)."""
    against = params.get("compare") or "previous"
    if against not in compare.AGAINST:
        raise QueryError(f"compare {against[:20]!r}: use {' or '.join(compare.AGAINST)}")
    query = trend_query(params)
    now = reader.now() if reader.now is not None else datetime.now(UTC)
    start = _moment(query.pop("since"), now)
    end = _moment(query.pop("until"), now) if "until" in query else now
    if end <= start:
        raise QueryError("the period is empty: its start is not before its end")
    when = compare.periods(start, end, against, reader.bin)
    query["bucket"] = "all"
    by = params.get("by") or "typology"

    def totals(since: datetime, until: datetime) -> tuple[dict[str, int], Result]:
        result = reader.ask(
            "counts", {**query, "since": since.isoformat(), "until": until.isoformat()}, viewer
        )
        out: dict[str, int] = {}
        for row in result.as_dicts():
            name = _series_name(row, by)
            out[name] = out.get(name, 0) + row["reports"]
        return out, result

    current, result = totals(when.start, when.end)
    other, _ = totals(when.other_start, when.other_end)
    return {
        "against": against,
        "current": _span_label(when.start, when.end),
        "other": _span_label(when.other_start, when.other_end),
        "rows": [
            {
                "name": c.name,
                "label": _label(c.name, by) if labelled else c.name,
                "current": c.current,
                "other": c.other,
                "change": c.change,
                "ratio": c.ratio,
                "p": c.p,
                "beyond_noise": c.beyond_noise,
            }
            for c in compare.changes(current, other, when.share)
        ],
        "notes": [COMPARE_NOTE.format(alpha=compare.ALPHA), *result.notes],
    }


# --- campaign briefs ---

AUDIENCES = ("public", "mine")
CAMPAIGN_KEYS = ("typology", "since", "from", "until", "clock", "compare")


def campaign_viewer(audience: str, viewer: Viewer) -> Viewer:
    """Whose view a brief is computed as: the public's (TLP:CLEAR records only, k counted
    without the largest contributor: the query API's rule for anyone), which may be
    published, or the session's own, which may not."""
    if audience not in AUDIENCES:
        raise QueryError(f"audience {audience[:20]!r}: use {' or '.join(AUDIENCES)}")
    return Viewer() if audience == "public" else viewer


def campaign(
    reader: Reader, viewer: Viewer, params: Mapping[str, str], top: int = 10
) -> dict[str, Any]:
    """The countries, routes and city-sized cells whose counts rose most this period
    against the other, for ``viewer`` (see ``campaign_viewer``), each through
    ``comparison``."""
    base = {k: params[k] for k in CAMPAIGN_KEYS if params.get(k)}
    base.setdefault("since", "30d")
    countries = comparison(reader, viewer, {**base, "by": "location"})
    routes = comparison(reader, viewer, {**base, "by": "route"})
    cells = comparison(reader, viewer, {**base, "by": "cell_fine"}, labelled=False)

    def rising(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        up = [r for r in rows if r["change"] > 0]
        return sorted(up, key=lambda r: (-r["change"], -r["current"], r["name"]))[:top]

    return {
        "viewer": viewer.label,
        "against": countries["against"],
        "current": countries["current"],
        "other": countries["other"],
        "places": rising(countries["rows"]),
        "routes": rising(routes["rows"]),
        "cells": [
            {
                **r,
                "label": _label(r["name"], "cell_fine"),
                "polygon": places.cell_polygon(r["name"]),
            }
            for r in rising(cells["rows"])
        ],
        "notes": countries["notes"],
    }


def _span_label(start: datetime, end: datetime) -> str:
    """'2026-10-05 to 2026-11-01' (the last day in the period, not the first after it)."""
    return f"{start.date().isoformat()} to {(end - timedelta(days=1)).date().isoformat()}"


def trend_csv(reader: Reader, viewer: Viewer, params: Mapping[str, str]) -> str:
    """The counts behind a trend as CSV, with the query API's columns."""
    result = reader.ask("counts", trend_query(params), viewer)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


def _cell(value: Any) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


def countries() -> dict[str, list[str]]:
    """ISO 3166-1 numeric (the boundary file's ids) → [alpha-2, name]."""
    import pycountry

    return {
        str(c.numeric): [c.alpha_2, c.name]
        for c in pycountry.countries
        if getattr(c, "numeric", None)
    }
