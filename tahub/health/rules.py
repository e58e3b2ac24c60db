"""Pure rules that turn samples of a deployment into green, yellow or red findings.

Nothing here touches Kafka, files or the clock: the samples and the time between them
are passed in, so every rule is tested offline. A stage is judged on two samples of its
group's offsets taken some seconds apart, because one sample cannot tell a stage
working through a burst from one that stopped reading.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import IntEnum

from tahub.checks import Check
from tahub.lag import STAGES, Lag


class Level(IntEnum):
    """Ordered by severity; the worst level is `tahub status`'s exit code."""

    GREEN = 0
    YELLOW = 1
    RED = 2


@dataclass(frozen=True)
class Finding:
    component: str
    level: Level
    detail: str
    condition: str | None = None  # its name in tahub/health/conditions.py when not green


@dataclass(frozen=True)
class Offsets:
    """One look at Kafka: every group's lag, and how far the topics have grown."""

    at: float  # wall-clock seconds: record timestamps are compared with it
    lags: tuple[Lag, ...]
    dlq_end: int  # end offset of the dead-letter topic, summed over partitions
    input_end: int  # the same over every other topic


@dataclass(frozen=True)
class Feed:
    name: str
    failures: int  # polls failed in a row; 0 after a good one
    error: str | None


@dataclass(frozen=True)
class Channel:
    kind: str
    target: str  # as the alerts store displays it: never a secret
    failures: int
    failing: bool


@dataclass(frozen=True)
class Disk:
    path: str
    free: int  # bytes
    total: int


@dataclass(frozen=True)
class Snapshot:
    """Everything besides offsets, read once."""

    checks: tuple[Check, ...] = ()  # each one red when not ok
    feeds: tuple[Feed, ...] | None = None  # None: the scraper has not polled yet
    channels: tuple[Channel, ...] = ()
    disk: Disk | None = None


@dataclass(frozen=True)
class Thresholds:
    lag_floor: int = 1_000  # a smaller lag that grows is not worth a look
    lag_seconds_yellow: float = 60.0  # the oldest unread record's age
    lag_seconds_red: float = 300.0
    stall_seconds: float = 30.0  # none read while the oldest waiting is this old: stalled
    dlq_ratio_yellow: float = 0.05  # dead letters per record written, between samples
    dlq_ratio_red: float = 0.5  # where the consumer kit stops a reader anyway
    dlq_min: int = 10  # fewer new dead letters than this never change the colour
    feed_failures: int = 1  # polls failed in a row before a feed counts as failing
    disk_free_yellow: float = 10.0  # percent of the data dir's file system
    disk_free_red: float = 5.0


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def level(self) -> Level:
        return max((f.level for f in self.findings), default=Level.GREEN)


def evaluate(
    before: Offsets | None,
    after: Offsets | None,
    snapshot: Snapshot,
    limits: Thresholds,
    app_id: str,
) -> Report:
    out = [component(c) for c in snapshot.checks]
    if after is not None:
        out += stages(before, after, limits, app_id)
        if before is not None:
            out.append(dead_letters(before, after, limits))
    out += [feeds(snapshot.feeds, limits), channels(snapshot.channels)]
    if snapshot.disk is not None:
        out.append(disk(snapshot.disk, limits))
    return Report(tuple(out))


def component(check: Check) -> Finding:
    if check.ok:
        return Finding(check.component, Level.GREEN, check.detail)
    return Finding(check.component, Level.RED, check.detail, "TahubCheckFailing")


def stage_name(group: str, app_id: str) -> str:
    return STAGES.get(group.removeprefix(app_id), group)


def stages(
    before: Offsets | None, after: Offsets, limits: Thresholds, app_id: str
) -> list[Finding]:
    then = _by_group(before.lags) if before is not None else {}
    out = []
    for group, now in sorted(_by_group(after.lags).items()):
        name = stage_name(group, app_id)
        earlier = then.get(group)
        out.append(stage(name, earlier or [], now, limits, t0=before, t1=after))
    return out


def stage(
    name: str,
    before: Sequence[Lag],
    after: Sequence[Lag],
    limits: Thresholds,
    *,
    t0: Offsets | None,
    t1: Offsets,
) -> Finding:
    """Red when records wait, the oldest for `stall_seconds` or more, and the group read
    none of them between the looks (input but no output), or when the oldest unread
    record is older than `lag_seconds_red`; yellow when the lag grew past the floor or
    the oldest is older than `lag_seconds_yellow`; else green."""
    lag1 = _records(after)
    age = max((x.seconds(t1.at) for x in after), default=0.0)
    behind = f"{lag1:,} record(s) behind" + (f", the oldest {age:.0f} s" if lag1 else "")
    if t0 is None or not before:  # one look: only how far behind it is
        return Finding(name, _by_age(age, limits), behind, _age_condition(age, limits))
    lag0, read = _records(before), _read(before, after)
    span = f"in {t1.at - t0.at:.0f} s"
    if lag0 > 0 and lag1 > 0 and read <= 0 and age >= limits.stall_seconds:
        return Finding(name, Level.RED, f"stalled: {behind}, none read {span}", "TahubStageStalled")
    level = _by_age(age, limits)
    if lag1 > lag0 and lag1 >= limits.lag_floor:
        condition = _age_condition(age, limits) if level > Level.YELLOW else "TahubLagGrowing"
        return Finding(name, max(level, Level.YELLOW),
                       f"falling behind: lag {lag0:,} → {lag1:,} {span}, {read:,} read, "
                       f"the oldest {age:.0f} s", condition)  # fmt: skip
    return Finding(name, level, f"{behind}; {read:,} read {span}", _age_condition(age, limits))


def _by_age(age: float, limits: Thresholds) -> Level:
    if age >= limits.lag_seconds_red:
        return Level.RED
    return Level.YELLOW if age >= limits.lag_seconds_yellow else Level.GREEN


def _age_condition(age: float, limits: Thresholds) -> str | None:
    return {Level.RED: "TahubStageFarBehind", Level.YELLOW: "TahubStageBehind"}.get(
        _by_age(age, limits)
    )


def dead_letters(before: Offsets, after: Offsets, limits: Thresholds) -> Finding:
    letters = after.dlq_end - before.dlq_end
    written = after.input_end - before.input_end
    span = f"{after.at - before.at:.0f} s"
    if letters < limits.dlq_min:
        return Finding("dead letters", Level.GREEN, f"{letters} new in {span}")
    ratio = letters / written if written > 0 else float("inf")
    detail = f"{letters:,} new for {written:,} record(s) written in {span} ({ratio:.0%})"
    if ratio >= limits.dlq_ratio_red:
        return Finding("dead letters", Level.RED, detail + "; reasons in the dead_letters table",
                       "TahubDeadLettersFlood")  # fmt: skip
    if ratio >= limits.dlq_ratio_yellow:
        return Finding("dead letters", Level.YELLOW, detail, "TahubDeadLettersRising")
    return Finding("dead letters", Level.GREEN, detail)


def feeds(found: Sequence[Feed] | None, limits: Thresholds) -> Finding:
    """Yellow while some feeds fail, red when every feed does: no news comes in at all."""
    if not found:
        return Finding("news feeds", Level.GREEN, "no feed polled yet")
    failing = [f for f in found if f.failures >= limits.feed_failures]
    if not failing:
        return Finding("news feeds", Level.GREEN, f"{len(found)} feed(s), none failing")
    shown = ", ".join(f"{f.name} ({f.failures} in a row: {f.error or 'failed'})"
                      for f in failing[:3])  # fmt: skip
    more = f" and {len(failing) - 3} more" if len(failing) > 3 else ""
    every = len(failing) == len(found)
    detail = f"{len(failing)} of {len(found)} failing: {shown}{more}; see `tahub news status`"
    if every:
        return Finding("news feeds", Level.RED, detail, "TahubNewsAllFeedsFailing")
    return Finding("news feeds", Level.YELLOW, detail, "TahubNewsFeedsFailing")


def channels(found: Sequence[Channel]) -> Finding:
    """Yellow: a subscriber's endpoint that keeps failing is theirs to fix, but someone
    should tell them."""
    failing = [c for c in found if c.failing]
    if not failing:
        return Finding("alert channels", Level.GREEN, f"{len(found)} endpoint(s), none failing")
    shown = ", ".join(f"{c.kind} {c.target} ({c.failures} in a row)" for c in failing[:3])
    more = f" and {len(failing) - 3} more" if len(failing) > 3 else ""
    return Finding("alert channels", Level.YELLOW,
                   f"{len(failing)} failing: {shown}{more}; see `tahub alerts status`",
                   "TahubAlertChannelFailing")  # fmt: skip


def disk(d: Disk, limits: Thresholds) -> Finding:
    percent = 100.0 * d.free / d.total if d.total else 0.0
    gib = 2**30
    detail = f"{d.free / gib:.1f} GiB free of {d.total / gib:.1f} GiB ({percent:.0f}%) at {d.path}"
    if percent < limits.disk_free_red:
        return Finding("disk", Level.RED, detail, "TahubDiskFull")
    if percent < limits.disk_free_yellow:
        return Finding("disk", Level.YELLOW, detail, "TahubDiskLow")
    return Finding("disk", Level.GREEN, detail)


def _by_group(lags: Iterable[Lag]) -> dict[str, list[Lag]]:
    out: dict[str, list[Lag]] = {}
    for item in lags:
        out.setdefault(item.group, []).append(item)
    return out


def _records(lags: Iterable[Lag]) -> int:
    return sum(x.records for x in lags)


def _read(before: Iterable[Lag], after: Iterable[Lag]) -> int:
    """Records the group read between the looks, partition by partition."""
    then = {(x.topic, x.partition): x.position for x in before}
    return sum(max(0, x.position - then.get((x.topic, x.partition), x.position))
               for x in after)  # fmt: skip
