"""The data behind the console's /ops page, gathered in the main job: its own checks,
looks at every stage's offsets (tahub/health's collection, taken when the page asks and
at most every few seconds, kept a minute so a rate spans the status interval), feeds
and channels, restarts, and the warehouse's recent dead letters and detections; judged
by tahub/health's rules and shaped by ``tahub.health.ops``."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from consumers.errors import WarehouseError
from consumers.warehouse import Warehouse
from tahub import checks as checks_
from tahub.checks import Check
from tahub.health import collect, ops, rules
from tahub.health.rules import Offsets
from tahub.settings import Settings

log = logging.getLogger("tahub.main")

EVERY = 2.0  # seconds: offsets are looked at no more often, however many pages poll
KEEP = 60.0  # seconds of looks kept
DEAD_LETTERS = 20
DETECTIONS = 10
REASON_CHARS = 300


def _iso(value: Any) -> str:
    """A warehouse DateTime as UTC text (chDB answers seconds since the epoch, the
    ClickHouse driver a datetime)."""
    if isinstance(value, int | float):
        value = datetime.fromtimestamp(value, UTC)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return str(value)


class OpsData:
    def __init__(
        self,
        settings: Settings,
        *,
        checks: Callable[[], list[Check]],
        warehouse: Callable[[], Warehouse | None],
        restarts: Callable[[], dict[str, int]],
        offsets: Callable[[Settings], Offsets | None] = collect.offsets,
    ) -> None:
        self.s = settings
        self._checks = checks
        self._warehouse = warehouse
        self._restarts = restarts
        self._offsets = offsets
        self._looks: list[Offsets] = []
        self._asked = 0.0
        self._lock = threading.Lock()

    def _look(self, now: float) -> tuple[Offsets | None, Offsets | None]:
        """The newest look and the newest one at least the status interval older."""
        with self._lock:
            if now - self._asked >= EVERY:
                self._asked = now
                fresh = self._offsets(self.s)
                if fresh is None:
                    self._looks.clear()  # Kafka is down: no stage can be judged
                else:
                    self._looks = [x for x in self._looks if fresh.at - x.at <= KEEP] + [fresh]
            if not self._looks:
                return None, None
            after = self._looks[-1]
            older = [x for x in self._looks if after.at - x.at >= self.s.status_interval]
            return (older[-1] if older else None), after

    def judged(
        self, now: float
    ) -> tuple[Offsets | None, Offsets | None, rules.Snapshot, rules.Report]:
        """The looks, the snapshot and the rules' report on them: what `tahub status`
        would say, from inside the job (the page and the operator alerts both ask)."""
        before, after = self._look(now)
        snapshot = collect.gathered(self.s, [*self._checks(), checks_.data_dir(self.s)])
        limits = collect.thresholds(self.s)
        return before, after, snapshot, rules.evaluate(before, after, snapshot, limits,
                                                       self.s.app_id)  # fmt: skip

    def stages(self, now: float) -> list[rules.Finding]:
        """The stages' findings alone (the stall watch's question): the looks, no
        snapshot of feeds, channels and checks."""
        before, after = self._look(now)
        if after is None:
            return []
        return rules.stages(before, after, collect.thresholds(self.s), self.s.app_id)

    def __call__(self) -> dict[str, Any]:
        now = time.time()
        before, after, snapshot, report = self.judged(now)
        limits = collect.thresholds(self.s)
        dead, dets, note = self._warehouse_rows()
        out = ops.view(
            before=before, after=after, report=report, snapshot=snapshot, app_id=self.s.app_id,
            restarts=self._restarts(), dead_letters=dead, detections=dets,
            feed_failures=limits.feed_failures, now=now,
        )  # fmt: skip
        out["warehouse_note"] = note
        return out

    def _warehouse_rows(
        self,
    ) -> tuple[list[ops.DeadLetterRow], list[ops.DetectionRow], str | None]:
        wh = self._warehouse()
        if wh is None:
            return [], [], "the warehouse is not open yet"
        try:
            letters = wh.query(
                "SELECT failed_at, stage, error_kind, reason, source_topic, source_partition, "
                "source_offset FROM dead_letters FINAL "
                "WHERE failed_at >= now() - INTERVAL 7 DAY "
                f"ORDER BY failed_at DESC, kafka_offset DESC LIMIT {DEAD_LETTERS}"
            )
            found = wh.query(
                "SELECT ingested_at, detection_id, state, dimension_set, dimension_key, "
                "severity, observed FROM detections FINAL "
                "WHERE ingested_at >= now() - INTERVAL 30 DAY "
                f"ORDER BY ingested_at DESC, version DESC LIMIT {DETECTIONS}"
            )
        except WarehouseError as err:
            log.debug("ops: warehouse rows not read: %s", err)
            return [], [], "the warehouse did not answer"
        dead = [
            ops.DeadLetterRow(_iso(r[0]), str(r[1]), str(r[2]), str(r[3])[:REASON_CHARS],
                              str(r[4]), None if r[5] is None else int(r[5]),
                              None if r[6] is None else int(r[6]))
            for r in letters
        ]  # fmt: skip
        dets = [
            ops.DetectionRow(_iso(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), str(r[5]),
                             float(r[6]))
            for r in found
        ]  # fmt: skip
        return dead, dets, None
