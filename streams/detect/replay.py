"""Offline replay: the engine over a file of signals, without Kafka (`tahub detect replay`).

``Offline`` holds every key's state and one watermark for the whole input (the newest
event time counted): the offline counterpart of the stream's count stage, and the
reference the stream's results are tested against.

Signals are read from JSON Lines (one Avro-shaped Signal per line; ``event_time`` as an
ISO time or epoch milliseconds) or an Avro container file, sorted by event time, and fed
in batches exactly as the stream worker does: count the batch, close windows the
watermark passed, then assess the open windows.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from schemas.ids import IdKey
from schemas.sharing import tier_name, wider_tiers
from streams.detect.detectors import DetectorConfig
from streams.detect.dimensions import DEFAULT_SETS, DimensionSet
from streams.detect.engine import Engine, KeyState
from streams.detect.live import BACKDATED_AFTER, is_history, occurrence
from streams.detect.relabel import Levels

BATCH = 500


def _seconds(value: Any) -> int:
    if isinstance(value, datetime):
        return int(value.timestamp())
    return int(value)


class Offline:
    """Counts and detections for every key, over input given in event-time order."""

    def __init__(
        self,
        sets: Iterable[DimensionSet] = DEFAULT_SETS,
        configs: Mapping[str, DetectorConfig] | None = None,
        default: DetectorConfig | None = None,
        ids: IdKey | None = None,
        backdated_after: int = BACKDATED_AFTER,
    ) -> None:
        self.engine = Engine(sets, configs, default, ids, backdated_after)
        self.backdated_after = backdated_after
        self.history = 0  # back-dated reports: baselines only, as the stream takes them
        self.keys: dict[tuple[str, str, str], KeyState] = {}  # by set, key and tier
        self.levels = Levels()  # as the repartition stage notes them
        self.watermark = 0
        # per audience tier, the earliest report time counted (where its keys' zeros
        # start): one tier's reports never date another's
        self.first_event: dict[str, int] = {}
        self.late = 0

    def add(self, signal: Mapping[str, Any]) -> bool:
        """Count one signal (an Avro-shaped dict). False if it came too late to count or
        is a report of long ago (``live.is_history``: it goes to baselines only)."""
        at = _seconds(signal["event_time"])
        source, org, tlp = str(signal["source_id"]), str(signal["org_id"]), str(signal["tlp"])
        tier = tier_name(org, tlp)
        if at < self.first_event.get(tier, at + 1):
            self.first_event[tier] = at
        if is_history(signal, self.backdated_after):
            self.history += 1
            self._history(signal)
            return False
        counted = keyed = False
        # re-labelled stricter (a signal's id is the same in every version of its
        # incident): its report is withdrawn from the wider tiers that counted it
        raised = self.levels.raised(str(signal["signal_id"]), tlp)
        for dset in self.engine.sets:
            key = dset.key(signal)
            if key is None:
                continue
            keyed = True
            if not self.engine.judges(dset.name, tier):
                counted = True  # not counted here, and not late
            else:
                state = self._state(dset, key, tier, signal)
                counted = (
                    self.engine.count(state, at, source, org, tlp, watermark=self.watermark)
                    or counted
                )
            for wider in wider_tiers(org, tlp) if raised else ():
                held = self.keys.get((dset.name, key, wider))
                if held is not None:
                    self.engine.restrict(held, [source], [org])
        if keyed and not counted:
            self.late += 1
            return False
        self.watermark = max(self.watermark, at)
        return True

    def _state(
        self, dset: DimensionSet, key: str, tier: str, signal: Mapping[str, Any]
    ) -> KeyState:
        """A key's state in one audience tier (``schemas.sharing.tier_name``): each tier is
        counted and judged apart, as the stream's repartition stage sends them."""
        state = self.keys.get((dset.name, key, tier))
        if state is None:
            state = self.engine.new_state(
                dset.name, key, dset.dimensions(signal), self.first_event.get(tier, 0), tier
            )
            self.keys[(dset.name, key, tier)] = state
        return state

    def _history(self, signal: Mapping[str, Any]) -> None:
        """A report of long ago into its keys' baselines, as the count stage takes it."""
        known = occurrence(signal)
        if known is None:
            return
        starts, ends, sources = [known[0]], [known[1]], [str(signal["source_id"])]
        tier = tier_name(str(signal["org_id"]), str(signal["tlp"]))
        for dset in self.engine.sets:
            key = dset.key(signal)
            if key is not None and self.engine.judges(dset.name, tier):
                state = self._state(dset, key, tier, signal)
                self.engine.add_history(state, starts, ends, sources)

    def advance(self, watermark: int | None = None) -> list[dict[str, Any]]:
        """Close every window the watermark has passed; returns detection versions."""
        if watermark is not None:
            self.watermark = max(self.watermark, watermark)
        out: list[dict[str, Any]] = []
        for state in list(self.keys.values()):
            out.extend(self.engine.close_due(state, watermark=self.watermark))
            if self.engine.forgettable(state, watermark=self.watermark):
                del self.keys[(state.dimset, state.key, state.tier)]
        return out

    def peek(self) -> list[dict[str, Any]]:
        """Assess every key's open windows now."""
        out: list[dict[str, Any]] = []
        for state in self.keys.values():
            out.extend(self.engine.peek(state, watermark=self.watermark))
        return out

    def flush(self) -> list[dict[str, Any]]:
        """End of input: close every window."""
        return self.advance(self.engine.end_of_input(self.watermark))


class ReplayInputError(ValueError):
    pass


def _event_time(value: Any, where: str) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value / 1000, UTC)
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise ReplayInputError(f"{where}: event_time {value!r} is not an ISO time") from None
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    raise ReplayInputError(f"{where}: event_time missing or not a time")


REQUIRED = ("signal_id", "event_time", "source_id", "org_id", "typology", "tlp")


def read_signals(path: Path) -> list[dict[str, Any]]:
    """Signals from JSON Lines or Avro, each checked for the fields the engine needs."""
    with path.open("rb") as fh:
        head = fh.read(4)
    if head == b"Obj\x01":
        import fastavro

        with path.open("rb") as fh:
            rows: Iterable[Any] = list(fastavro.reader(fh))
        items = [(f"{path}: record {i + 1}", r) for i, r in enumerate(rows)]
    else:
        items = []
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    items.append((f"{path}:{n}", json.loads(line)))
                except json.JSONDecodeError as err:
                    raise ReplayInputError(f"{path}:{n}: not JSON ({err.msg})") from None
    out = []
    for where, rec in items:
        if not isinstance(rec, dict):
            raise ReplayInputError(f"{where}: a signal must be a JSON object")
        missing = [f for f in REQUIRED if rec.get(f) in (None, "")]
        if missing:
            raise ReplayInputError(f"{where}: missing {', '.join(missing)}")
        out.append({**rec, "event_time": _event_time(rec["event_time"], where)})
    return out


def replay(
    engine: Offline,
    signals: list[dict[str, Any]],
    batch: int = BATCH,
    progress: Callable[[int], object] | None = None,
) -> Iterator[dict[str, Any]]:
    """Detection versions, in the order a live worker would emit them; ``progress`` is
    told how many signals each batch added."""
    ordered = sorted(signals, key=lambda s: (s["event_time"], str(s["signal_id"])))
    for i in range(0, len(ordered), batch):
        chunk = ordered[i : i + batch]
        for signal in chunk:
            engine.add(signal)
        yield from engine.advance()
        yield from engine.peek()
        if progress is not None:
            progress(len(chunk))
    yield from engine.flush()


def to_json(detection: dict[str, Any]) -> str:
    def plain(value: Any) -> Any:
        if isinstance(value, datetime):
            return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
        return value

    return json.dumps({k: plain(v) for k, v in detection.items()}, sort_keys=True)


def final_states(detections: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The last version of each detection."""
    out: dict[str, dict[str, Any]] = {}
    for det in detections:
        seen = out.get(det["detection_id"])
        if seen is None or det["version"] > seen["version"]:
            out[det["detection_id"]] = det
    return out


def comparable(detections: Iterable[dict[str, Any]]) -> dict[str, tuple[Any, ...]]:
    """What a live run and the replay of the same signals must agree on: each detection's
    last version's window, numbers, method and state (version numbers and samples depend
    on batch boundaries, so they may differ)."""
    return {
        det_id: (
            d["dimension_set"],
            d["dimension_key"],
            d["window_start"],
            d["observed"],
            round(d["expected"], 3),
            d["method"],
            d["severity"],
            d["distinct_sources"],
            d["state"] == "resolved",
        )
        for det_id, d in final_states(detections).items()
    }
