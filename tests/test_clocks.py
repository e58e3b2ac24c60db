"""The two clocks: the rule (schemas.sharing), the SQL that renders it on both warehouses
(calendar arithmetic ClickHouse's Date cannot do before 1970), what normalize and news put
on signals, and migration 0004 filling landed signals from their incidents."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from consumers import migrations, release, tables
from consumers.warehouse import Warehouse, open_warehouse
from producers.news.classify import Understanding
from producers.news.signals import story_signals
from schemas.models import Incident, Signal
from schemas.sharing import (
    BINS,
    FITS,
    PRECISIONS,
    SIZES,
    When,
    occurred,
    placed,
    reported,
    size_start,
    time_key,
    within,
)
from streams.normalize import incident_signals
from tests.samples import all_samples
from tests.services import fresh_warehouse_url
from tests.sharingkit import signals_of
from tests.test_sharing_attacker import InDatabase

JUNE = date(2025, 6, 1)


# --- the rule ---


def test_a_time_is_placed_only_where_it_is_known_to_lie() -> None:
    day, month, year = When(date(2025, 6, 4), "day"), When(JUNE, "month"), When(
        date(2025, 1, 1), "year"
    )  # fmt: skip
    unknown = When(None, "unknown")
    assert [placed(day, s) for s in ("day", "week", "month", "year")] == [
        date(2025, 6, 4), date(2025, 6, 2), JUNE, date(2025, 1, 1),
    ]  # fmt: skip
    # never an invented day or week: a month is in its month and year only
    assert [placed(month, s) for s in ("day", "week", "month", "year")] == [
        None, None, JUNE, date(2025, 1, 1),
    ]  # fmt: skip
    assert [placed(year, s) for s in ("day", "week", "month", "year")] == [
        None, None, None, date(2025, 1, 1),
    ]  # fmt: skip
    assert all(placed(unknown, s) is None for s in SIZES)
    assert {p: FITS[p] for p in PRECISIONS}["unknown"] == ("all",)
    # periods hold whole spans only; unknown only the unbounded one
    assert within(month, JUNE, date(2025, 7, 1))
    assert not within(month, JUNE, date(2025, 6, 30))
    assert not within(month, date(2025, 6, 2), date(2025, 8, 1))
    assert within(year, None, date(2026, 1, 1))
    assert not within(unknown, None, date(2030, 1, 1))
    assert within(unknown, None, None)
    assert within(day, date(2025, 6, 4), date(2025, 6, 5))
    assert reported(datetime(2026, 3, 3, 23, 59, tzinfo=UTC)) == When(date(2026, 3, 3), "day")


def test_a_release_class_holds_a_day_at_its_bin_and_coarser_times_as_themselves() -> None:
    day = When(date(2025, 6, 4), "day")
    assert time_key(day, "day") == ("day", date(2025, 6, 4))
    assert time_key(day, "week") == ("week", date(2025, 6, 2))
    assert time_key(day, "month") == ("month", JUNE)
    assert time_key(When(JUNE, "month"), "week") == ("month", JUNE)  # a month is no week
    assert time_key(When(JUNE, "month"), "month") == time_key(day, "month")
    assert time_key(occurred(None, "unknown"), "day") == ("unknown", None)


def test_a_time_finer_than_its_precision_is_refused() -> None:
    bad: list[tuple[date | None, str, str]] = [
        (date(2025, 6, 4), "month", "first day"),
        (JUNE, "year", "first day"),
        (JUNE, "unknown", "exactly when"),
        (None, "day", "exactly when"),
        (JUNE, "week", "precision 'week'"),
    ]
    for on, precision, why in bad:
        with pytest.raises(ValueError, match=why):
            When(on, precision)
    signal = all_samples()["Signal"].to_avro()
    with pytest.raises(ValueError, match="first day"):
        Signal.from_avro(signal | {"occurred_on": date(2025, 6, 4), "occurred_precision": "year"})


# --- what lands on signals ---


def test_normalize_carries_the_occurrence_and_news_leaves_it_unknown() -> None:
    incident = all_samples()["Incident"]
    assert isinstance(incident, Incident)
    for s in incident_signals(incident):
        assert (s.occurred_on, s.occurred_precision) == (date(2026, 10, 1), "month")
        assert s.event_time == incident.submitted_at
    unknown = incident.model_copy(update={"occurred_on": None, "occurred_precision": "unknown"})
    assert {(s.occurred_on, s.occurred_precision) for s in incident_signals(unknown)} == {
        (None, "unknown")
    }
    u = Understanding(
        relevant=True, confidence=0.9, typologies=["forced_labour"], countries=["QA"],
        origin=["NP"], destination=["QA"],
    )  # fmt: skip
    published = datetime(2026, 3, 3, 9, tzinfo=UTC)
    news = story_signals(u, story_id="st-1", outlet="example.org", outlets=1, published=published)
    assert news
    assert {(s.occurred_on, s.occurred_precision, s.event_time) for s in news} == {
        (None, "unknown", published)
    }


# --- the SQL on both warehouses ---


@pytest.fixture(scope="module", params=["chdb", "server"])
def wh(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Warehouse]:
    warehouse = open_warehouse(
        fresh_warehouse_url(request, request.param, tmp_path_factory.mktemp("clk"))
    )
    yield warehouse
    warehouse.close()


def test_calendar_sql_agrees_with_python_from_1900_to_2105(wh: Warehouse) -> None:
    """Weeks, months and years of YYYYMMDD days, 1900-1969 included, where Date cannot go."""
    first, last = date(1900, 1, 1), date(2105, 12, 31)
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    code = next(
        f"{n} {t} DEFAULT {e}" for n, t, e in release.CODE_COLUMNS if n == release.PREC_CODE
    )  # the precision as the queries read it
    wh.execute("CREATE TABLE IF NOT EXISTS cal (occurred_on UInt32, occurred_precision String, "
               f"{code}) ENGINE = MergeTree() ORDER BY occurred_on")  # fmt: skip
    wh.insert("cal", {"occurred_on": [release.ymd(d) for d in days],
                      "occurred_precision": ["day"] * len(days)},
              {"occurred_on": "UInt32", "occurred_precision": "String"})  # fmt: skip
    sizes = ("day", "week", "month", "year")
    keys = ", ".join(release.bucket("occurred", s) for s in sizes)
    rows = wh.query(f"SELECT occurred_on, {keys} FROM cal ORDER BY occurred_on")
    assert len(rows) == len(days)
    for day, row in zip(days, rows, strict=True):
        assert row[0] == release.ymd(day)
        got = [release.bucket_label("occurred", s)(v) for s, v in zip(sizes, row[1:], strict=True)]
        assert got == [size_start(day, s).isoformat() for s in sizes], day


def test_occurrence_periods_and_buckets_in_sql_are_the_rule(wh: Warehouse) -> None:
    """Every precision against periods of whole days, weeks, months and years around it."""
    times = [
        When(date(1969, 12, 29), "day"),
        When(date(2025, 6, 30), "day"),
        When(date(2024, 2, 29), "day"),
        When(date(1969, 12, 1), "month"),
        When(JUNE, "month"),
        When(date(1969, 1, 1), "year"),
        When(date(2025, 1, 1), "year"),
        When(None, "unknown"),
    ]
    reports = [
        (f"r{i}", "org-a", "GREEN", "forced_labour", "NP", "QA", datetime(2026, 1, 5, tzinfo=UTC),
         (w.on, w.precision))
        for i, w in enumerate(times)
    ]  # fmt: skip
    signals = signals_of(reports)
    wh.execute(tables.SIGNALS.ddl().replace("EXISTS signals", "EXISTS sig_rule", 1))
    landed = [tables.Landed(s, 0, i) for i, s in enumerate(signals)]
    wh.insert("sig_rule", tables.to_columns(tables.SIGNALS, landed), tables.SIGNALS.types)
    bounds: list[date | None] = [None]
    for anchor in (date(1969, 12, 1), date(2024, 2, 26), JUNE, date(2025, 6, 30)):
        for size in ("day", "week", "month", "year"):
            start = size_start(anchor, size)
            bounds += [start, start + timedelta(days=1), start + timedelta(days=7)]
    for lo in bounds:
        for hi in bounds:
            if lo is not None and hi is not None and hi <= lo:
                continue
            start = None if lo is None else datetime(lo.year, lo.month, lo.day, tzinfo=UTC)
            end = None if hi is None else datetime(hi.year, hi.month, hi.day, tzinfo=UTC)
            cond = release.period("occurred", start, end, "day").split(" AND event_time")[0]
            got = {r[0] for r in wh.query(f"SELECT source_id FROM sig_rule WHERE {cond}")}
            want = {r[0] for r, w in zip(reports, times, strict=True) if within(w, lo, hi)}
            assert got == want, (lo, hi)
    for size in ("day", "week", "month", "year"):
        rows = wh.query(f"SELECT source_id, any({release.bucket('occurred', size)}) "
                        "FROM sig_rule GROUP BY source_id")  # fmt: skip
        label = release.bucket_label("occurred", size)
        got_b = {r[0]: label(r[1]) for r in rows}
        want_b = {r[0]: placed(w, size) for r, w in zip(reports, times, strict=True)}
        assert got_b == {k: v.isoformat() if v else None for k, v in want_b.items()}, size
    for bin_ in BINS:  # one class key per distinct time key, none shared between two
        rows = wh.query(f"SELECT source_id, any(cityHash64({release.occurred_key(bin_)})) "
                        "FROM sig_rule GROUP BY source_id")  # fmt: skip
        by_key = {r[0]: r[1] for r in rows}
        for (a, wa), (b, wb) in ((x, y) for x in zip(reports, times, strict=True)
                                 for y in zip(reports, times, strict=True)):  # fmt: skip
            same = time_key(wa, bin_) == time_key(wb, bin_)
            assert (by_key[a[0]] == by_key[b[0]]) == same, (bin_, wa, wb)


# --- migration 0004 ---


def test_migration_0004_fills_landed_signals_from_their_incidents(wh: Warehouse) -> None:
    wh = InDatabase(wh, "m" + uuid.uuid4().hex[:10])
    migrations.migrate(wh)
    migrations.rollback(wh, 3)  # the warehouse as it was before 0004
    assert "occurred_on" not in migrations.columns_of(wh, "signals")
    sample = all_samples()["Incident"].to_avro()
    incidents = [
        sample | {"incident_id": i, "version": v, "occurred_on": on, "occurred_precision": p}
        for i, v, on, p in (
            ("i-day", 1, date(2025, 6, 4), "day"),
            ("i-month", 1, JUNE, "month"),
            ("i-month", 2, date(2025, 7, 1), "month"),  # a correction: the latest wins
            ("i-1965", 1, date(1965, 3, 1), "month"),  # a Date column made it 1970-01-01
        )
    ]
    cols = {c.name: [c.get(r) for r in incidents] for c in tables.INCIDENTS.columns}
    lineage = {"kafka_partition": [0] * 4, "kafka_offset": list(range(4)), "ingested_at": [0] * 4}
    wh.insert("incidents", cols | lineage, tables.INCIDENTS.types)
    reports = [
        (src, "org-a", "GREEN", "forced_labour", "NP", "QA", datetime(2026, 3, 3, tzinfo=UTC))
        for src in ("i-day", "i-month", "i-1965", "i-missing")
    ] + [("st-1", "news:x", "CLEAR", "forced_labour", "NP", "QA", datetime(2026, 3, 3, tzinfo=UTC))]
    signals = signals_of(reports)
    landed = [tables.Landed(s, 0, i) for i, s in enumerate(signals)]
    before = {k: v for k, v in tables.to_columns(tables.SIGNALS, landed).items()
              if k not in ("occurred_on", "occurred_precision", "report_class")}  # fmt: skip
    wh.insert("signals", before, {k: tables.SIGNALS.types[k] for k in before})
    # 0004 fills them; the later migrations (0005: stored release classes) run after it
    assert [m.version for m in migrations.migrate(wh)][:1] == [4]
    rows = wh.query(
        "SELECT source_id, occurred_on, occurred_precision, count() FROM signals "
        "GROUP BY source_id, occurred_on, occurred_precision ORDER BY source_id"
    )
    assert rows == [
        ("i-1965", 0, "unknown", 2),
        ("i-day", 20250604, "day", 2),
        ("i-missing", 0, "unknown", 2),
        ("i-month", 20250701, "month", 2),
        ("st-1", 0, "unknown", 2),
    ]
    assert migrations.migrate(wh) == []
