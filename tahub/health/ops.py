"""What the console's /ops page shows, from tahub/health's samples and rules (pure).

The page draws the pipeline: each stage with its colour (the rule's finding for its
consumer group), its rate between two looks at its offsets and its lag; the findings
that are not green; feeds and channels that fail; restarts; recent dead letters with
their reasons (never payloads: a dead letter carries none) and the last detections.
Everything is computed from samples and the time passed in, so it is tested offline.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tahub.health.rules import Finding, Level, Offsets, Report, Snapshot, stage_name
from tahub.lag import STAGE_LABELS, Lag

# the diagram's stages in the order records flow; `group` is the consumer group's suffix
# to the app id (None: a producer, judged by its component's check)
PIPELINE: tuple[tuple[str, str, str | None], ...] = (
    ("intake_api", "partner intake", None),
    ("news", "news scraper", None),
    ("intake", "intake stage", "-intake"),
    ("fanout", "repartition", "-fanout"),
    ("count", "count stage", ""),
    ("alerts", "alerts router", "-alerts"),
    ("sink", "warehouse sink", "-sink"),
)
# the findings besides its group's that colour a stage (the worst one wins)
COMPONENTS: dict[str, tuple[str, ...]] = {
    "intake_api": ("kafka",),
    "news": ("news process", "news feeds"),
    "intake": ("worker process",),
    "fanout": ("worker process",),
    "count": ("worker process",),
    "alerts": ("alerts process", "alert channels", "alert delivery"),
    "sink": ("sink", "warehouse"),
}
LEVELS = {Level.GREEN: "green", Level.YELLOW: "yellow", Level.RED: "red"}


@dataclass(frozen=True)
class DeadLetterRow:
    failed_at: str  # ISO 8601
    stage: str
    kind: str
    reason: str
    topic: str
    partition: int | None
    offset: int | None


@dataclass(frozen=True)
class DetectionRow:
    seen_at: str  # when the warehouse got it (ISO 8601)
    detection_id: str
    state: str
    dimension_set: str
    dimension_key: str
    severity: str
    observed: float


def _group_lags(lags: Sequence[Lag], group: str) -> list[Lag]:
    return [x for x in lags if x.group == group]


def stage_rows(
    before: Offsets | None, after: Offsets | None, report: Report, app_id: str
) -> list[dict[str, Any]]:
    """One row per pipeline stage: level, what the rule said, records/s, lag."""
    by_name = {f.component: f for f in report.findings}
    rows = []
    for key, label, suffix in PIPELINE:
        finding: Finding | None = None
        rate: float | None = None
        lag: int | None = None
        oldest: float | None = None
        if suffix is not None and after is not None:
            group = app_id + suffix
            finding = by_name.get(stage_name(group, app_id))
            now = _group_lags(after.lags, group)
            lag = sum(x.records for x in now)
            oldest = max((x.seconds(after.at) for x in now), default=0.0)
            if before is not None and after.at > before.at:
                then = {(x.topic, x.partition): x.position for x in _group_lags(before.lags, group)}
                read = sum(
                    max(0, x.position - then.get((x.topic, x.partition), x.position)) for x in now
                )
                rate = read / (after.at - before.at)
        found = [f for f in (finding, *(by_name.get(c) for c in COMPONENTS[key])) if f]
        level = max((f.level for f in found), default=Level.GREEN)
        detail = "; ".join(f.detail for f in found if f.level == level) or "no sample yet"
        rows.append(
            {
                "id": key,
                "label": label,
                "level": LEVELS[level],
                "detail": detail,
                "rate": rate,
                "lag": lag,
                "oldest_seconds": oldest,
                "stage": STAGE_LABELS.get(suffix) if suffix is not None else None,
            }
        )
    return rows


def view(
    *,
    before: Offsets | None,
    after: Offsets | None,
    report: Report,
    snapshot: Snapshot,
    app_id: str,
    restarts: Mapping[str, int],
    dead_letters: Sequence[DeadLetterRow],
    detections: Sequence[DetectionRow],
    feed_failures: int,
    now: float,
) -> dict[str, Any]:
    """The /ops page's data (JSON-able): the worst level first, then its parts."""
    problems = sorted((f for f in report.findings if f.level > Level.GREEN), key=lambda f: -f.level)
    feeds = [
        {"name": f.name, "failures": f.failures, "error": f.error}
        for f in snapshot.feeds or ()
        if f.failures >= feed_failures
    ]
    channels = [
        {"kind": c.kind, "target": c.target, "failures": c.failures}
        for c in snapshot.channels
        if c.failing
    ]
    return {
        "at": now,
        "level": LEVELS[report.level],
        "sampled_seconds": (after.at - before.at) if before and after else None,
        "kafka": after is not None,
        "stages": stage_rows(before, after, report, app_id),
        "problems": [
            {"component": f.component, "level": LEVELS[f.level], "detail": f.detail}
            for f in problems
        ],
        "feeds": {"total": len(snapshot.feeds or ()), "failing": feeds},
        "channels": {"total": len(snapshot.channels), "failing": channels},
        "restarts": dict(sorted(restarts.items())),
        "dead_letters": [vars(d) for d in dead_letters],
        "detections": [vars(d) for d in detections],
    }
