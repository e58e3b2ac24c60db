"""Windowed counts per dimension key and the detection lifecycle (pure, no Faust).

The same engine runs offline (`tahub detect replay`) and, per key, inside the stream
workers. Counting is idempotent: a window holds the *set* of reports (source ids) seen
for a key, so a signal processed twice — a replay, a rebalance, a duplicate — changes
nothing. The observed count of a window is its number of distinct reports; "sources" is
its number of distinct organisations or outlets.

Time is event time only. A window closes when the watermark (the latest event time
seen) passes its end plus the allowed lateness; events older than that are late and are
returned to the caller, not counted. A closed window is assessed against the closed
windows before it; a detection opens on an alarming window, is updated by the next
alarming ones, and resolves on the first window that does not alarm. ``peek`` assesses
open windows early, so a spike is reported while it happens; an early alarm always
holds at close, because counts in a window only grow.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from schemas.taxonomy import Severity, Tlp
from streams.detectors import Assessment, DetectorConfig, assess, severity
from streams.dimensions import DEFAULT_SETS, DimensionSet

SAMPLE = 5
_RANK = {t.value: t.rank for t in Tlp}
_RESTRICTED_RANK = Tlp.AMBER.rank
RESTRICTED = {t for t in Tlp if t.rank >= _RESTRICTED_RANK}  # AMBER, AMBER+STRICT, RED


@dataclass
class WindowAgg:
    reports: set[str] = field(default_factory=set)
    orgs: Counter[str] = field(default_factory=Counter)
    samples: list[str] = field(default_factory=list)
    tlp: Tlp = Tlp.CLEAR
    restricted_orgs: set[str] = field(default_factory=set)
    last_event: int = 0

    def add(self, signal: Mapping[str, Any], at: int) -> None:
        self.add_report(
            at, str(signal["source_id"]), str(signal["org_id"]), str(signal["signal_id"]),
            str(signal["tlp"]),
        )  # fmt: skip

    def add_report(self, at: int, source: str, org: str, signal_id: str, tlp: str) -> None:
        """The hot path: plain strings, no enum lookups unless the level rises."""
        if source not in self.reports:
            self.reports.add(source)
            self.orgs[org] += 1
        if len(self.samples) < SAMPLE and signal_id not in self.samples:
            self.samples.append(signal_id)
        rank = _RANK[tlp]
        if rank > _RANK[self.tlp]:
            self.tlp = Tlp(tlp)
        if rank >= _RESTRICTED_RANK:
            self.restricted_orgs.add(org)
        self.last_event = max(self.last_event, at)


@dataclass
class OpenDetection:
    detection_id: str
    version: int
    opened_window: int
    window: int  # the window of the last emitted version
    observed: float
    severity: str


@dataclass
class KeyState:
    dimset: str
    key: str
    dimensions: dict[str, str]
    windows: dict[int, WindowAgg] = field(default_factory=dict)
    counts: dict[int, int] = field(default_factory=dict)  # closed windows with reports
    orgs: dict[int, frozenset[str]] = field(default_factory=dict)  # and who reported them
    last_active: int | None = None  # newest closed window with reports
    detection: OpenDetection | None = None
    origin: int = 0  # event time the engine started watching (history starts there)
    closed: int = 0  # windows before this one are closed: later events for them are late


def detection_id(dimset: str, key: str, window_start: int) -> str:
    digest = hashlib.blake2b(f"{dimset}|{key}|{window_start}".encode(), digest_size=10)
    return f"det-{digest.hexdigest()}"


def _record_count(state: KeyState, window: int, agg: WindowAgg | None) -> None:
    """A closed window becomes a count (and who reported) in the key's history."""
    if agg is not None and agg.reports:
        state.counts[window] = len(agg.reports)
        state.orgs[window] = frozenset(agg.orgs)
        state.last_active = window


_SEVERITY_RANK = {s.value: i for i, s in enumerate(Severity)}
GROWTH = 1.25  # an open window's detection is updated when its count grows this much


def _news(det: OpenDetection, a: Assessment, sev: str) -> bool:
    """Whether an early look at the detection's own window is worth a new version: a
    higher severity, or a count grown by ``GROWTH``. A spike still rising would otherwise
    send a version with every batch of evidence."""
    return _SEVERITY_RANK[sev] > _SEVERITY_RANK[det.severity] or a.observed >= det.observed * GROWTH


def _top(orgs: Counter[str]) -> list[str]:
    return [o for o, _ in sorted(orgs.items(), key=lambda x: (-x[1], x[0]))[:SAMPLE]]


def _iso(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def _seconds(value: Any) -> int:
    if isinstance(value, datetime):
        return int(value.timestamp())
    return int(value)


class Engine:
    """Counts and detections for every key of the given dimension sets."""

    def __init__(
        self,
        sets: Iterable[DimensionSet] = DEFAULT_SETS,
        configs: Mapping[str, DetectorConfig] | None = None,
        default: DetectorConfig | None = None,
    ) -> None:
        self.sets = tuple(sets)
        self.default = default or DetectorConfig()
        self.configs = {s.name: (configs or {}).get(s.name, self.default) for s in self.sets}
        self.keys: dict[tuple[str, str], KeyState] = {}
        self.watermark = 0
        self.first_event: int | None = None
        self.late = 0

    # --- input ---

    def add(self, signal: Mapping[str, Any]) -> bool:
        """Count one signal (an Avro-shaped dict). False if it came too late to count."""
        at = _seconds(signal["event_time"])
        self.first_event = at if self.first_event is None else min(self.first_event, at)
        counted = keyed = False
        for dset in self.sets:
            key = dset.key(signal)
            if key is None:
                continue
            keyed = True
            state = self.keys.get((dset.name, key))
            if state is None:
                state = self.new_state(dset.name, key, dset.dimensions(signal))
                self.keys[(dset.name, key)] = state
            counted = self.add_to(state, signal, at) or counted
        if keyed and not counted:
            self.late += 1
            return False
        self.watermark = max(self.watermark, at)
        return True

    def new_state(self, dimset: str, key: str, dimensions: dict[str, str]) -> KeyState:
        return KeyState(dimset, key, dimensions, origin=self.first_event or 0)

    def add_to(self, state: KeyState, signal: Mapping[str, Any], at: int) -> bool:
        """Count a signal into one key's window; False if that window has closed."""
        return self.add_entry(
            state, at, str(signal["source_id"]), str(signal["org_id"]),
            str(signal["signal_id"]), str(signal["tlp"]),
        )  # fmt: skip

    def add_entry(  # noqa: PLR0917 - the hot path takes plain values
        self, state: KeyState, at: int, source: str, org: str, signal_id: str, tlp: str
    ) -> bool:
        """``add_to`` for a signal already taken apart (the stream's compact entries)."""
        cfg = self.configs[state.dimset]
        window = at // cfg.window
        if window < state.closed or (window + 1) * cfg.window + cfg.lateness <= self.watermark:
            return False
        agg = state.windows.get(window)
        if agg is None:
            agg = state.windows[window] = WindowAgg()
        agg.add_report(at, source, org, signal_id, tlp)
        return True

    # --- time ---

    def advance(self, watermark: int | None = None) -> list[dict[str, Any]]:
        """Close every window the watermark has passed; returns detection versions."""
        if watermark is not None:
            self.watermark = max(self.watermark, watermark)
        out: list[dict[str, Any]] = []
        for state in list(self.keys.values()):
            out.extend(self.close_due(state))
            if self.forgettable(state):
                del self.keys[(state.dimset, state.key)]  # comes back as new, as it should
        return out

    def close_due(self, state: KeyState) -> list[dict[str, Any]]:
        """Close this key's windows that the watermark has passed."""
        cfg = self.configs[state.dimset]
        closable = (self.watermark - cfg.lateness) // cfg.window  # windows before this
        starts = [w for w in state.windows if w < closable]
        if state.detection is not None:
            starts.append(state.detection.window + 1)
        out: list[dict[str, Any]] = []
        if starts:
            for window in range(min(starts), closable):
                # an open detection sees every closed window, even empty ones — including
                # a detection opened a moment ago in this same loop
                if window in state.windows or state.detection is not None:
                    out.extend(self._close(state, window, cfg))
        state.closed = max(state.closed, closable)
        self._trim(state, closable, cfg)
        return out

    def forgettable(self, state: KeyState) -> bool:
        cfg = self.configs[state.dimset]
        closable = (self.watermark - cfg.lateness) // cfg.window
        quiet = state.last_active is None or closable - state.last_active > cfg.dormant_windows
        return not state.windows and not state.counts and state.detection is None and quiet

    def peek(self) -> list[dict[str, Any]]:
        """Assess open windows now: opens or updates detections before windows close."""
        out: list[dict[str, Any]] = []
        for state in self.keys.values():
            out.extend(self.peek_state(state))
        return out

    def peek_state(self, state: KeyState) -> list[dict[str, Any]]:
        """Assess open windows oldest first, stopping at the first that does not alarm:
        a newer window never opens a detection ahead of an older one still filling, so
        detection ids do not depend on how far the watermark lags."""
        cfg = self.configs[state.dimset]
        out: list[dict[str, Any]] = []
        for window in sorted(state.windows):
            agg = state.windows[window]
            if not self._may_alarm(state, window, agg, cfg):
                break  # too few reports to alarm: skip the model
            a = self._assess(state, window, agg, cfg)
            if not a.alarm:
                break
            out.extend(self._alarm(state, window, agg, a, cfg, early=True))
        return out

    def flush(self) -> list[dict[str, Any]]:
        """End of input (replay): close every window."""
        far = self.watermark + max(c.window + c.lateness for c in self.configs.values()) * 2
        return self.advance(far)

    # --- internals ---

    def _may_alarm(self, state: KeyState, window: int, agg: WindowAgg, cfg: DetectorConfig) -> bool:
        """A cheap necessary condition: enough reports in the span for any detector."""
        if cfg.method.startswith("ears"):
            return len(agg.reports) >= cfg.min_count
        total = len(agg.reports) + sum(
            state.counts.get(w, 0) for w in range(window - cfg.span + 1, window)
        )
        return total >= cfg.min_count

    def _history(self, state: KeyState, window: int, cfg: DetectorConfig) -> list[float]:
        first = window - cfg.baseline - cfg.guard
        start_window = state.origin // cfg.window
        return [float(state.counts.get(w, 0)) for w in range(max(first, start_window), window)]

    def _assess(
        self, state: KeyState, window: int, agg: WindowAgg | None, cfg: DetectorConfig
    ) -> Assessment:
        """Assess ``window`` (its own count, or with ``span`` > 1 the sum of the latest
        windows) against the closed windows before it."""
        history = self._history(state, window, cfg)
        observed = len(agg.reports) if agg else 0
        orgs = set(agg.orgs) if agg else set()
        span = 1 if cfg.method.startswith("ears") else cfg.span
        for w in range(window - span + 1, window):
            observed += state.counts.get(w, 0)
            orgs |= state.orgs.get(w, frozenset())
        sources = len(orgs)
        age = window - state.origin // cfg.window
        quiet = None if state.last_active is None else window - state.last_active - 1
        return assess(history, float(observed), sources, cfg, quiet=quiet, age=age)

    def _close(self, state: KeyState, window: int, cfg: DetectorConfig) -> list[dict[str, Any]]:
        agg = state.windows.pop(window, None)
        if state.detection is None and (
            agg is None or not self._may_alarm(state, window, agg, cfg)
        ):
            # nothing open and too few reports to open anything: just record the count
            if agg is not None and agg.reports:
                state.counts[window] = len(agg.reports)
                state.orgs[window] = frozenset(agg.orgs)
                state.last_active = window
            return []
        a = self._assess(state, window, agg, cfg)
        if agg is not None and agg.reports:
            state.counts[window] = len(agg.reports)
            state.orgs[window] = frozenset(agg.orgs)
            state.last_active = window
        if a.alarm and agg is not None:
            return self._alarm(state, window, agg, a, cfg)
        det = state.detection
        if det is None:
            return []
        state.detection = None
        return [
            self._record(state, det.detection_id, det.version + 1, "resolved", window, agg, a, cfg)
        ]

    def _alarm(
        self,
        state: KeyState,
        window: int,
        agg: WindowAgg,
        a: Assessment,
        cfg: DetectorConfig,
        *,
        early: bool = False,
    ) -> list[dict[str, Any]]:
        det = state.detection
        sev = severity(a).value
        if early and det is not None and det.window == window and not _news(det, a, sev):
            return []  # a window still filling: its close reports the final count anyway
        if det is None:
            det_id = detection_id(state.dimset, state.key, window * cfg.window)
            state.detection = OpenDetection(det_id, 1, window, window, a.observed, sev)
            return [self._record(state, det_id, 1, "opened", window, agg, a, cfg)]
        if window < det.window or (det.window == window and det.observed == a.observed):
            return []  # nothing new, or an older window a later one already superseded
        det.version += 1
        det.window, det.observed, det.severity = window, a.observed, sev
        return [self._record(state, det.detection_id, det.version, "updated", window, agg, a, cfg)]

    def _record(  # noqa: PLR0917
        self,
        state: KeyState,
        det_id: str,
        version: int,
        lifecycle: str,
        window: int,
        agg: WindowAgg | None,
        a: Assessment,
        cfg: DetectorConfig,
    ) -> dict[str, Any]:
        start = window * cfg.window
        opened = state.detection.opened_window if state.detection else window
        tlp = agg.tlp if agg else Tlp.CLEAR
        restricted: list[str] = []
        if agg and tlp in RESTRICTED:
            # only an organisation whose own restricted data is all there is may see it
            restricted = sorted(agg.restricted_orgs) if len(agg.restricted_orgs) == 1 else []
        return {
            "detection_id": det_id,
            "version": version,
            "state": lifecycle,
            "dimension_set": state.dimset,
            "dimension_key": state.key,
            "dimensions": dict(state.dimensions),
            "window_start": _iso(start),
            "window_end": _iso(start + cfg.window),
            "observed": a.observed,
            "expected": round(a.expected, 4),
            "score": round(a.score, 4),
            "p_value": a.p_value,
            "method": a.method,
            "severity": severity(a).value,
            "distinct_sources": len(agg.orgs) if agg else 0,
            "top_sources": _top(agg.orgs) if agg else [],
            "sample_signal_ids": list(agg.samples) if agg else [],
            "tlp": tlp.value,
            "restricted_to": restricted,
            "opened_at": _iso(opened * cfg.window),
            "updated_at": _iso(agg.last_event if agg else start + cfg.window),
        }

    def _trim(self, state: KeyState, closable: int, cfg: DetectorConfig) -> None:
        keep_from = closable - cfg.baseline - cfg.guard - 1
        for w in [w for w in state.counts if w < keep_from]:
            del state.counts[w]
            state.orgs.pop(w, None)
