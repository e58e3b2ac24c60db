"""`tahub status`'s rules, offline: samples and the time between them passed in."""

from __future__ import annotations

from tahub.checks import Check
from tahub.health.rules import (
    Channel,
    Disk,
    Feed,
    Finding,
    Level,
    Offsets,
    Snapshot,
    Thresholds,
    channels,
    dead_letters,
    disk,
    evaluate,
    feeds,
    stage,
)
from tahub.lag import Lag

LIMITS = Thresholds()


def _lags(group: str, *parts: tuple[int, int], oldest: float | None = None) -> tuple[Lag, ...]:
    """(committed, end) per partition of one topic; ``oldest``: the first unread record's
    timestamp."""
    return tuple(Lag(group, "t.incidents", i, c, 0, e, oldest if e > c else None)
                 for i, (c, e) in enumerate(parts))  # fmt: skip


def _judge(before: tuple[Lag, ...], after: tuple[Lag, ...], *, at: float = 1005.0) -> Finding:
    return stage("s", before, after, LIMITS, t0=Offsets(at - 5, before, 0, 0),
                 t1=Offsets(at, after, 0, 0))  # fmt: skip


def test_a_stage_whose_waiting_records_grow_old_unread_is_red() -> None:
    f = _judge(_lags("g", (10, 50), oldest=960), _lags("g", (10, 80), oldest=960))
    assert f.level is Level.RED
    assert f.detail == "stalled: 70 record(s) behind, the oldest 45 s, none read in 5 s"


def test_records_that_just_arrived_are_not_a_stall() -> None:
    # a checkpoint every few seconds: 5 s without a commit is not yet a stall
    f = _judge(_lags("g", (10, 50), oldest=1000), _lags("g", (10, 80), oldest=1000))
    assert f.level is Level.GREEN
    assert "0 read in 5 s" in f.detail


def test_an_idle_stage_is_green_and_a_busy_one_that_reads_is_not_stalled() -> None:
    assert _judge(_lags("g", (50, 50)), _lags("g", (50, 50))).level is Level.GREEN
    busy = _judge(_lags("g", (10, 500), oldest=990), _lags("g", (400, 800), oldest=1001))
    assert busy.level is Level.GREEN  # lag 490 → 400: working through it
    # a partition never committed stands at its start: moving off it is reading
    fresh = _judge(
        (Lag("g", "t", 0, -1, 100, 200, 900.0),), (Lag("g", "t", 0, 150, 100, 260, 950.0),)
    )
    assert fresh.level is Level.GREEN


def test_a_lag_that_grows_past_the_floor_is_yellow_below_it_green() -> None:
    grew = _judge(
        _lags("g", (0, 800), (0, 400), oldest=995), _lags("g", (500, 2000), (0, 400), oldest=999)
    )
    assert grew.level is Level.YELLOW
    assert "lag 1,200 → 1,900 in 5 s, 500 read" in grew.detail
    small = _judge(_lags("g", (0, 100), oldest=1000), _lags("g", (50, 300), oldest=1001))
    assert small.level is Level.GREEN


def test_the_age_of_the_oldest_unread_record_sets_the_colour() -> None:
    # reading, but the oldest waiting record is 2 minutes old: yellow; 10 minutes: red
    two = _judge(_lags("g", (0, 50), oldest=880), _lags("g", (10, 50), oldest=885))
    assert two.level is Level.YELLOW
    assert "40 record(s) behind, the oldest 120 s" in two.detail
    ten = _judge(_lags("g", (0, 50), oldest=400), _lags("g", (10, 50), oldest=405))
    assert ten.level is Level.RED
    one_look = stage("s", (), _lags("g", (0, 50), oldest=400), LIMITS, t0=None,
                     t1=Offsets(1005, (), 0, 0))  # fmt: skip
    assert one_look.level is Level.RED


def test_dead_letter_ratio_between_looks() -> None:
    def at(t: float, dlq: int, written: int) -> Offsets:
        return Offsets(t, (), dlq, written)

    assert dead_letters(at(0, 0, 0), at(5, 9, 9), LIMITS).level is Level.GREEN  # under dlq_min
    assert dead_letters(at(0, 0, 0), at(5, 20, 10_000), LIMITS).level is Level.GREEN  # 0.2%
    jump = dead_letters(at(0, 100, 1000), at(5, 150, 1500), LIMITS)
    assert jump.level is Level.YELLOW
    assert "50 new for 500 record(s) written in 5 s (10%)" in jump.detail
    assert dead_letters(at(0, 0, 0), at(5, 60, 100), LIMITS).level is Level.RED
    only_letters = dead_letters(at(0, 0, 50), at(5, 12, 50), LIMITS)  # nothing else written
    assert only_letters.level is Level.RED


def test_feeds_yellow_while_some_fail_red_when_all_do() -> None:
    ok, bad = Feed("a", 0, None), Feed("b", 2, "timeout")
    assert feeds(None, LIMITS).level is Level.GREEN
    assert feeds([ok], LIMITS).level is Level.GREEN
    some = feeds([ok, bad], LIMITS)
    assert some.level is Level.YELLOW
    assert "b (2 in a row: timeout)" in some.detail
    assert feeds([bad, Feed("c", 1, "http 500")], LIMITS).level is Level.RED
    patient = Thresholds(feed_failures=3)
    assert feeds([bad], patient).level is Level.GREEN  # 2 in a row: not yet failing


def test_failing_channels_are_yellow() -> None:
    assert channels([Channel("slack", "#ops", 0, False)]).level is Level.GREEN
    f = channels([Channel("webhook", "https://hooks.example.org", 8, True)])
    assert f.level is Level.YELLOW
    assert "webhook https://hooks.example.org (8 in a row)" in f.detail


def test_disk_free_space() -> None:
    gib = 2**30
    assert disk(Disk("/d", 50 * gib, 100 * gib), LIMITS).level is Level.GREEN
    assert disk(Disk("/d", 8 * gib, 100 * gib), LIMITS).level is Level.YELLOW
    assert disk(Disk("/d", 4 * gib, 100 * gib), LIMITS).level is Level.RED


def test_the_report_is_as_bad_as_its_worst_finding() -> None:
    snap = Snapshot(checks=(Check("kafka", True, "up"), Check("registry", True, "current")))
    assert evaluate(None, None, snap, LIMITS, "app").level is Level.GREEN
    down = Snapshot(checks=(Check("kafka", False, "did not answer"),), feeds=(Feed("a", 1, "x"),))
    report = evaluate(None, None, down, LIMITS, "app")
    assert report.level is Level.RED
    assert [f.level for f in report.findings][:2] == [Level.RED, Level.RED]  # all feeds fail


def test_stages_are_named_and_judged_per_group() -> None:
    before = Offsets(0, (*_lags("app-sink", (5, 9), oldest=-40), *_lags("app", (3, 3))), 0, 0)
    after = Offsets(5, (*_lags("app-sink", (5, 20), oldest=-40), *_lags("app", (3, 3))), 0, 0)
    report = evaluate(before, after, Snapshot(), LIMITS, "app")
    levels = {f.component: f.level for f in report.findings}
    assert levels["warehouse sink"] is Level.RED
    assert levels["count stage (detect.keys)"] is Level.GREEN
    assert report.level is Level.RED
