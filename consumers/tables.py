"""Typed warehouse tables: which topic lands where, and how a record becomes a row (pure).

Every table is a ReplacingMergeTree keyed by the record's identity (plus its version
where records have versions), so a record inserted twice — replay, rebalance, a crash
between insert and offset commit, a producer retry — is one row in ``FINAL`` reads.
Each row also carries the Kafka partition and offset it came from, for lineage.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlparse

from consumers.release import CODE_COLUMNS, class_column, class_id
from consumers.warehouse import Columns
from schemas import topics
from schemas.deadletters import coarse_size, unmeasured
from schemas.envelope import is_sealed
from schemas.sharing import BINS
from schemas.topics import TopicSpec

Record = dict[str, Any]
Getter = Callable[[Record], Any]


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # ClickHouse type, portable to 18.16
    get: Getter


@dataclass(frozen=True)
class Table:
    """One warehouse table fed by one topic."""

    name: str
    topic: TopicSpec
    columns: tuple[Column, ...]
    engine: str
    partition_by: str | None
    order_by: str
    # (name, type, expression): columns the warehouse computes as a row is written. DEFAULT,
    # not MATERIALIZED: a Distributed table (consumers.sharding) on 18.16 computes them and
    # passes them on, which a MATERIALIZED column of the shard's table refuses
    derived: tuple[tuple[str, str, str], ...] = ()

    @property
    def types(self) -> dict[str, str]:
        return {c.name: c.type for c in self.columns} | LINEAGE

    def ddl(self) -> str:
        cols = ",\n    ".join(
            [f"{c.name} {c.type}" for c in self.columns]
            + [f"{name} {typ}" for name, typ in LINEAGE.items()]
            + [f"{name} {type_} DEFAULT {expr}" for name, type_, expr in self.derived]
        )
        partition = f"\nPARTITION BY {self.partition_by}" if self.partition_by else ""
        return (
            f"CREATE TABLE IF NOT EXISTS {self.name} (\n    {cols}\n)\n"
            f"ENGINE = {self.engine}{partition}\nORDER BY {self.order_by}"
        )


LINEAGE = {"kafka_partition": "UInt32", "kafka_offset": "UInt64", "ingested_at": "DateTime"}


@dataclass(frozen=True)
class Landed:
    """One decoded record and where in Kafka it was read."""

    record: Record
    partition: int
    offset: int


def to_columns(table: Table, items: Sequence[Landed], now: datetime | None = None) -> Columns:
    """Columnar data for one insert, in the table's column order."""
    records = [item.record for item in items]
    cols: Columns = {c.name: [c.get(r) for r in records] for c in table.columns}
    cols["kafka_partition"] = [item.partition for item in items]
    cols["kafka_offset"] = [item.offset for item in items]
    ingested = int((now or datetime.now(UTC)).timestamp())
    cols["ingested_at"] = [ingested] * len(items)
    return cols


# --- field getters ---


def _f(name: str) -> Getter:
    return lambda r: r[name]


def _s(name: str) -> Getter:
    """A nullable string as '' (ClickHouse ORDER BY keys and 18.16 prefer non-null)."""
    return lambda r: r.get(name) or ""


def sealed_only(value: Any) -> Any:
    """Partner text as the warehouse keeps it: the value if it is sealed
    (``schemas.envelope``), else None. Only a record from before the intake sealed it (or
    a forged producer) carries plain text, so a replay of an old topic lands none: one
    rule for every field the intake seals (the submission id, the summary and place
    names; ``m0011`` and ``m0012`` blank the plain ones landed before)."""
    return value if is_sealed(value) else None


def _sealed(name: str) -> Getter:
    """A field the intake seals, '' where it is not sealed (``sealed_only``)."""
    return lambda r: sealed_only(r.get(name)) or ""


def _ts(name: str) -> Getter:
    return lambda r: int(r[name].timestamp())


def _day(name: str) -> Getter:
    """A date; null as 1970-01-01, ClickHouse's zero Date (a precision column says why)."""

    def get(r: Record) -> date:
        value = r.get(name)
        if value is None:
            return date(1970, 1, 1)
        return value if isinstance(value, date) else date.fromisoformat(str(value))

    return get


def _ymd(name: str) -> Getter:
    """A nullable date as a YYYYMMDD number, 0 for null: ClickHouse's Date (18.16 and
    current) holds nothing before 1970 and silently turns 1900-1969 into 1970-01-01."""

    def get(r: Record) -> int:
        value = r.get(name)
        if value is None:
            return 0
        day = value if isinstance(value, date) else date.fromisoformat(str(value))
        return day.year * 10_000 + day.month * 100 + day.day

    return get


def _n(name: str) -> Getter:
    return lambda r: r.get(name)


def _list(name: str) -> Getter:
    return lambda r: [str(v) for v in r.get(name) or ()]


def _countries(name: str) -> Getter:
    return lambda r: [p["country"] for p in r.get(name) or ()]


# one encoder: json.dumps with these options builds a new one for every value
_JSON = json.JSONEncoder(sort_keys=True, separators=(",", ":"), default=str)


def _json(value: Any) -> str:
    return _JSON.encode(value)


_ROLES = (
    ("recruitment", "recruitment_places"),
    ("transit", "transit_places"),
    ("exploitation", "exploitation_places"),
)


def _incident_places(r: Record) -> str:
    """The places of every role as ``_json`` writes them; the usual records' are written
    here directly (~4x faster), any other shape by ``_json``."""
    parts = []
    for role, key in _ROLES:
        for p in r.get(key) or ():
            part = _place_json(role, p)
            if part is None:
                return _json([{"role": role, **p, **_name_of(p)} for role, key in _ROLES
                              for p in r.get(key) or ()])  # fmt: skip
            parts.append(part)
    return f"[{','.join(parts)}]"


def _name_of(place: Any) -> dict[str, Any]:
    """A place's name as landed (``sealed_only``), for the shapes ``_json`` writes."""
    if isinstance(place, dict) and "name" in place:
        return {"name": sealed_only(place["name"])}
    return {}


_PLACE_KEYS = frozenset(("country", "lat", "lon", "name"))
_VICTIM_KEYS = frozenset(("age_band", "gender", "count"))
_text = json.encoder.encode_basestring_ascii  # json.dumps's own


def _number(x: Any) -> str | None:
    """A coordinate as json.dumps writes it; None for what it leaves to ``_json``."""
    if x is None:
        return "null"
    if type(x) is float and x - x == 0.0:  # finite
        return float.__repr__(x)
    return None


def _place_json(role: str, p: Any) -> str | None:
    """``_json({"role": role, **p})`` for a place as the schema has it, else None."""
    if type(p) is not dict or p.keys() != _PLACE_KEYS:
        return None
    country, name = p["country"], p["name"]
    lat, lon = _number(p["lat"]), _number(p["lon"])
    if type(country) is not str or lat is None or lon is None:
        return None
    if name is None:
        shown = "null"
    elif type(name) is str:
        kept = sealed_only(name)
        shown = "null" if kept is None else _text(kept)
    else:
        return None
    return (f'{{"country":{_text(country)},"lat":{lat},"lon":{lon},"name":{shown},'
            f'"role":"{role}"}}')  # fmt: skip


def _victims_json(r: Record) -> str:
    """``_json`` of the victims; the usual records' written here directly."""
    victims = r.get("victims") or []
    parts = []
    for v in victims:
        if type(v) is not dict or v.keys() != _VICTIM_KEYS:
            return _json(victims)
        band, gender, count = v["age_band"], v["gender"], v["count"]
        if type(band) is not str or type(gender) is not str or type(count) is not int:
            return _json(victims)
        parts.append(f'{{"age_band":{_text(band)},"count":{count},"gender":{_text(gender)}}}')
    return f"[{','.join(parts)}]"


def redact_target(target: str) -> str:
    """A delivery target without secrets: a webhook URL keeps only scheme and host
    (Slack incoming-webhook paths are credentials); channel ids and file names stay."""
    if "://" not in target:
        return target
    parsed = urlparse(target)
    return f"{parsed.scheme}://{parsed.hostname or ''}/…"


def _cols(*spec: tuple[str, str, Getter]) -> tuple[Column, ...]:
    return tuple(Column(n, t, g) for n, t, g in spec)


_STR, _ARR, _DT = "String", "Array(String)", "DateTime"

INCIDENTS = Table(
    "incidents",
    topics.INCIDENTS,
    _cols(
        ("incident_id", _STR, _f("incident_id")),
        ("version", "UInt32", _f("version")),
        ("submission_id", _STR, _sealed("submission_id")),
        ("org_id", _STR, _f("org_id")),
        ("submitted_at", _DT, _ts("submitted_at")),
        ("occurred_on", "Date", _day("occurred_on")),
        ("occurred_precision", _STR, _f("occurred_precision")),
        ("typologies", _ARR, _list("typologies")),
        ("means_of_control", _ARR, _list("means_of_control")),
        ("recruitment", _ARR, _list("recruitment")),
        ("recruitment_countries", _ARR, _countries("recruitment_places")),
        ("transit_countries", _ARR, _countries("transit_places")),
        ("exploitation_countries", _ARR, _countries("exploitation_places")),
        ("places", _STR, _incident_places),
        ("sector", _STR, _s("sector")),
        ("victims_total", "UInt32", lambda r: sum(v["count"] for v in r.get("victims") or ())),
        ("victims", _STR, _victims_json),
        ("victim_citizenships", _ARR, _list("victim_citizenships")),
        ("tlp", _STR, _f("tlp")),
        ("confidence", "Float64", _f("confidence")),
        ("summary", _STR, _sealed("summary")),
    ),
    engine="ReplacingMergeTree()",
    partition_by="toYYYYMM(submitted_at)",
    order_by="(incident_id, version)",
)

NEWS_ARTICLES = Table(
    "news_articles",
    topics.NEWS_ARTICLES,
    _cols(
        ("article_id", _STR, _f("article_id")),
        ("url", _STR, _f("url")),
        ("source", _STR, _f("source")),
        ("title", _STR, _f("title")),
        ("published_at", _DT, _ts("published_at")),
        ("fetched_at", _DT, _ts("fetched_at")),
        ("language", _STR, _s("language")),
        ("story_id", _STR, _s("story_id")),
        ("source_count", "UInt32", _f("source_count")),
        ("relevant", "UInt8", lambda r: int(r["relevant"])),
        ("typologies", _ARR, _list("typologies")),
        ("countries", _ARR, _list("countries")),
        ("origin_countries", _ARR, _list("origin_countries")),
        ("transit_countries", _ARR, _list("transit_countries")),
        ("destination_countries", _ARR, _list("destination_countries")),
        ("places", _STR, lambda r: _json(r.get("places") or [])),
        ("confidence", "Float64", _f("confidence")),
        ("tlp", _STR, _f("tlp")),
    ),
    # a re-fetched article replaces the older copy (highest fetched_at wins)
    engine="ReplacingMergeTree(fetched_at)",
    partition_by="toYYYYMM(published_at)",
    order_by="article_id",
)

# Raw article text lives apart so it can be expired by month (`tahub warehouse retain`)
# while the metadata and signals stay.
NEWS_TEXTS = Table(
    "news_texts",
    topics.NEWS_ARTICLES,
    _cols(
        ("article_id", _STR, _f("article_id")),
        ("fetched_at", _DT, _ts("fetched_at")),
        ("text", _STR, _s("text")),
    ),
    engine="ReplacingMergeTree(fetched_at)",
    partition_by="toYYYYMM(fetched_at)",
    order_by="article_id",
)

SIGNALS = Table(
    "signals",
    topics.SIGNALS,
    _cols(
        ("signal_id", _STR, _f("signal_id")),
        ("event_time", _DT, _ts("event_time")),
        # the occurred clock (schemas.sharing): YYYYMMDD at its precision, 0 when unknown
        ("occurred_on", "UInt32", _ymd("occurred_on")),
        ("occurred_precision", _STR, lambda r: r.get("occurred_precision") or "unknown"),
        ("source_kind", _STR, _f("source_kind")),
        ("source_id", _STR, _f("source_id")),
        ("org_id", _STR, _f("org_id")),
        ("typology", _STR, _f("typology")),
        ("origin_country", _STR, _s("origin_country")),
        ("transit_countries", _ARR, _list("transit_countries")),
        ("destination_country", _STR, _s("destination_country")),
        ("location_country", _STR, _s("location_country")),
        ("role", _STR, _s("role")),
        ("lat", "Nullable(Float64)", _n("lat")),
        ("lon", "Nullable(Float64)", _n("lon")),
        ("cell_coarse", _STR, _s("cell_coarse")),
        ("cell_fine", _STR, _s("cell_fine")),
        ("weight", "Float64", _f("weight")),
        ("tlp", _STR, _f("tlp")),
        # the report's class attributes (schemas.sharing.report_class; migration 0013)
        ("report_class", _STR, lambda r: r.get("report_class") or ""),
    ),
    engine="ReplacingMergeTree()",
    partition_by="toYYYYMM(event_time)",
    # time first: every query has a period; then the commonest filters
    order_by="(toDate(event_time), typology, location_country, signal_id)",
    # each row's release class under every release bin, so queries read it, not hash it;
    # then the level and the occurrence's precision as numbers, for the scope filters
    derived=(*((class_column(b), "UInt64", class_id(b)) for b in BINS), *CODE_COLUMNS),
)

DETECTIONS = Table(
    "detections",
    topics.DETECTIONS,
    _cols(
        ("detection_id", _STR, _f("detection_id")),
        ("version", "UInt32", _f("version")),
        ("state", _STR, _f("state")),
        ("dimension_set", _STR, _f("dimension_set")),
        ("dimension_key", _STR, _f("dimension_key")),
        ("dimension_names", _ARR, lambda r: sorted(r["dimensions"])),
        ("dimension_values", _ARR, lambda r: [r["dimensions"][k] for k in sorted(r["dimensions"])]),
        ("window_start", _DT, _ts("window_start")),
        ("window_end", _DT, _ts("window_end")),
        ("observed", "Float64", _f("observed")),
        ("expected", "Float64", _f("expected")),
        ("score", "Float64", _f("score")),
        ("p_value", "Nullable(Float64)", _n("p_value")),
        ("method", _STR, _f("method")),
        ("severity", _STR, _f("severity")),
        ("distinct_sources", "UInt32", _f("distinct_sources")),
        # who may see a version is decided from these (schemas.sharing); they never leave
        ("evidence_orgs", _ARR, lambda r: [e["org_id"] for e in r.get("evidence") or ()]),
        ("evidence_tlps", _ARR, lambda r: [e["tlp"] for e in r.get("evidence") or ()]),
        (
            "evidence_reports",
            "Array(UInt32)",
            lambda r: [e["reports"] for e in r.get("evidence") or ()],
        ),
        ("tlp", _STR, _f("tlp")),
        ("opened_at", _DT, _ts("opened_at")),
        ("updated_at", _DT, _ts("updated_at")),
    ),
    # every lifecycle update is its own row; the latest version is the current state
    engine="ReplacingMergeTree()",
    partition_by="toYYYYMM(opened_at)",
    order_by="(detection_id, version)",
)

# Subscriptions land without channel targets: those are where alerts go, not analytics.
SUBSCRIPTIONS = Table(
    "subscriptions",
    topics.SUBSCRIPTIONS,
    _cols(
        ("subscription_id", _STR, _f("subscription_id")),
        ("org_id", _STR, _f("org_id")),
        ("name", _STR, _f("name")),
        ("version", "UInt32", _f("version")),
        ("active", "UInt8", lambda r: int(r["active"])),
        ("typologies", _ARR, _list("typologies")),
        ("origins", _ARR, _list("origins")),
        ("destinations", _ARR, _list("destinations")),
        ("dimension_sets", _ARR, _list("dimension_sets")),
        ("min_severity", _STR, _f("min_severity")),
        ("new_routes_only", "UInt8", lambda r: int(r["new_routes_only"])),
        ("channel_kinds", _ARR, lambda r: [c["kind"] for c in r.get("channels") or ()]),
        ("mode", _STR, _f("mode")),
        ("timezone", _STR, _f("timezone")),
        ("created_at", _DT, _ts("created_at")),
        ("updated_at", _DT, _ts("updated_at")),
    ),
    engine="ReplacingMergeTree(version)",
    partition_by=None,
    order_by="subscription_id",
)

ALERTS = Table(
    "alerts",
    topics.ALERTS,
    _cols(
        ("notification_id", _STR, _f("notification_id")),
        ("subscription_id", _STR, _f("subscription_id")),
        ("org_id", _STR, _f("org_id")),
        ("kind", _STR, _f("kind")),
        ("detection_ids", _ARR, _list("detection_ids")),
        ("severity", _STR, _f("severity")),
        ("title", _STR, _f("title")),
        ("summary", _STR, _f("summary")),
        ("tlp", _STR, _f("tlp")),
        ("channels", _ARR, _list("channels")),
        ("created_at", _DT, _ts("created_at")),
    ),
    engine="ReplacingMergeTree()",
    partition_by="toYYYYMM(created_at)",
    order_by="(subscription_id, notification_id)",
)

DELIVERIES = Table(
    "deliveries",
    topics.DELIVERIES,
    _cols(
        ("delivery_id", _STR, _f("delivery_id")),
        ("notification_id", _STR, _f("notification_id")),
        ("subscription_id", _STR, _f("subscription_id")),
        ("channel", _STR, _f("channel")),
        ("target", _STR, lambda r: redact_target(r["target"])),
        ("attempt", "UInt32", _f("attempt")),
        ("status", _STR, _f("status")),
        ("recoverable", "UInt8", lambda r: int(r["recoverable"])),
        ("error", _STR, _s("error")),
        ("latency_ms", "Nullable(Int64)", _n("latency_ms")),
        ("attempted_at", _DT, _ts("attempted_at")),
    ),
    engine="ReplacingMergeTree()",
    partition_by="toYYYYMM(attempted_at)",
    order_by="(subscription_id, delivery_id)",
)


def _plain_digest(r: Record) -> str:
    """A dead letter's plain SHA-256, except an intake letter's: one written before intake
    letters were keyed (a replay of the topic) is not landed, as it confirms guessed texts
    (migration 0008 blanked those landed before)."""
    return "" if r["stage"] == "intake" else str(r.get("payload_sha256") or "")


def _kept_size(r: Record) -> int | None:
    """A dead letter's size, an intake letter's rounded as the intake rounds it (a replay
    of letters written before: an exact size singles a guessed name out; migration 0009
    rounded those landed before)."""
    size = r.get("payload_size")
    return coarse_size(int(size)) if size is not None and r["stage"] == "intake" else size


def _kept(text: str, r: Record) -> str:
    """An error's text, an intake letter's without what it measured of the partner's text,
    as the intake keeps it (a replay of letters written before; migration 0009 for those
    landed)."""
    return unmeasured(text) if r["stage"] == "intake" else text


DEAD_LETTERS = Table(
    "dead_letters",
    topics.DLQ,
    _cols(
        ("dead_letter_id", _STR, _f("dead_letter_id")),
        ("stage", _STR, _f("stage")),
        ("source_topic", _STR, _s("source_topic")),
        ("source_partition", "Nullable(Int32)", _n("partition")),
        ("source_offset", "Nullable(Int64)", _n("offset")),
        ("record_ref", _STR, _s("record_ref")),
        ("org_id", _STR, _s("org_id")),
        ("error_kind", _STR, _f("error_kind")),
        ("reason", _STR, lambda r: _kept(str(r["reason"]), r)),
        ("error_paths", _ARR, lambda r: [_kept(e["path"], r) for e in r.get("errors") or ()]),
        ("error_reasons", _ARR, lambda r: [_kept(e["reason"], r) for e in r.get("errors") or ()]),
        ("payload_sha256", _STR, _plain_digest),
        ("payload_fingerprint", _STR, _s("payload_fingerprint")),
        ("payload_size", "Nullable(Int32)", _kept_size),
        ("failed_at", _DT, _ts("failed_at")),
    ),
    engine="ReplacingMergeTree()",
    partition_by="toYYYYMM(failed_at)",
    order_by="(stage, dead_letter_id)",
)

ALL: tuple[Table, ...] = (
    INCIDENTS,
    NEWS_ARTICLES,
    NEWS_TEXTS,
    SIGNALS,
    DETECTIONS,
    SUBSCRIPTIONS,
    ALERTS,
    DELIVERIES,
    DEAD_LETTERS,
)


def tables_for(spec: TopicSpec) -> tuple[Table, ...]:
    return tuple(t for t in ALL if t.topic == spec)


SINK_TOPICS: tuple[TopicSpec, ...] = tuple(dict.fromkeys(t.topic for t in ALL))
