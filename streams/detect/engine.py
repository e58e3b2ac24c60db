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

History (reports of long ago, ``live.is_history``) is never counted as news, but it tells
what a key's windows held before the engine started watching. ``add_history`` keeps, by
occurrence, the distinct reports of each window the baseline may borrow: the windows
before ``origin`` that history can fill, up to ``backdated_after`` before it (later
occurrences reached the engine as news, counted by report time, or belong to the gap a
baseline then skips). A key whose live windows are too few for a baseline takes the rest
from those, so a deployment with imported history judges its first window; and history
says whether a key was ever seen, so novelty means new to the history, not to the worker.
Only an occurrence known to within one window is placed; a coarser one (a month, a
year) only marks the key as seen, by the last window it may lie in. History never adds
to a window's observed count and is never assessed: it can warm a baseline, not open a
detection by itself. An assessment uses the history that arrived before it, so history
arriving while a window is open can change that window's verdict (as replay does too).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from schemas.ids import IdKey
from schemas.lifecycle import CLOSE_STEP, PER_WINDOW, RESOLVED_STEP
from schemas.sharing import Evidence, one_owner
from schemas.taxonomy import Severity, Tlp
from streams.detect.detectors import Assessment, DetectorConfig, assess, severity, warm
from streams.detect.dimensions import DEFAULT_SETS, DimensionSet
from streams.detect.live import BACKDATED_AFTER

_RANK = {t.value: t.rank for t in Tlp}
_LEVELS = [t.value for t in sorted(Tlp, key=lambda t: t.rank)]

# One organisation's share of a closed window: (distinct reports, rank of its least
# shareable level). A detection's label is built from these over every window it counts.
Share = tuple[int, int]


@dataclass(init=False)
class WindowAgg:
    reports: set[str] = field(default_factory=set)
    # distinct reports per organisation (a dict: Counter() costs ~6 µs to create, and a
    # window is created per key and window)
    orgs: dict[str, int] = field(default_factory=dict)
    levels: dict[str, int] = field(default_factory=dict)  # org -> rank of its least shareable
    last_event: int = 0
    # reports added since the stream's last checkpoint wrote this window (None: not kept,
    # as in a replay): the changelog takes a window's reports as deltas
    fresh: list[str] | None = field(default=None, compare=False, repr=False)
    # a level or last event raised since then, by a report already counted (a duplicate
    # sent again as RED), or a report withdrawn: the window must be written though it has
    # no fresh report
    moved: bool = field(default=False, compare=False, repr=False)
    # reports re-labelled stricter than this tier since it counted them
    # (``Engine.restrict``): kept in ``reports`` so that a copy sent again is still a
    # duplicate, but no longer counted, judged or shown here
    withdrawn: set[str] = field(default_factory=set)

    # written out rather than generated: mypyc compiles a dataclass's generated
    # ``__init__`` as interpreted Python, and a window is made per key and window
    # (py-spy put up to a fifth of the compiled count stage's samples there; written
    # out, the stage counted ~5% more signals per CPU second)
    def __init__(
        self,
        *,
        reports: set[str] | None = None,
        orgs: dict[str, int] | None = None,
        levels: dict[str, int] | None = None,
        last_event: int = 0,
        fresh: list[str] | None = None,
        moved: bool = False,
        withdrawn: set[str] | None = None,
    ) -> None:
        self.reports = set() if reports is None else reports
        self.orgs = {} if orgs is None else orgs
        self.levels = {} if levels is None else levels
        self.last_event = last_event
        self.fresh = fresh
        self.moved = moved
        self.withdrawn = set() if withdrawn is None else withdrawn

    def size(self) -> int:
        """Distinct reports the window counts (withdrawn ones are not)."""
        return len(self.reports) - len(self.withdrawn)

    def shares(self) -> dict[str, Share]:
        return {org: (n, self.levels[org]) for org, n in self.orgs.items()}


@dataclass(init=False)
class OpenDetection:
    detection_id: str
    version: int
    opened_window: int
    window: int  # the window of the last emitted version
    observed: float
    severity: str
    # what the last emitted version said (measures and evidence): a resolution repeats it,
    # so whoever was allowed to see the spike is allowed to see that it ended
    last: dict[str, Any] = field(default_factory=dict)

    def __init__(  # by hand, for mypyc (``WindowAgg.__init__``)
        self,
        *,
        detection_id: str,
        version: int,
        opened_window: int,
        window: int,
        observed: float,
        severity: str,
        last: dict[str, Any] | None = None,
    ) -> None:
        self.detection_id = detection_id
        self.version = version
        self.opened_window = opened_window
        self.window = window
        self.observed = observed
        self.severity = severity
        self.last = {} if last is None else last


@dataclass(init=False)
class KeyState:
    dimset: str
    key: str
    dimensions: dict[str, str]
    windows: dict[int, WindowAgg] = field(default_factory=dict)
    counts: dict[int, int] = field(default_factory=dict)  # closed windows with reports
    shares: dict[int, dict[str, Share]] = field(default_factory=dict)  # and who reported them
    last_active: int | None = None  # newest closed window with reports
    detection: OpenDetection | None = None
    origin: int = 0  # event time the engine started watching (live counts start there)
    closed: int = 0  # windows before this one are closed: later events for them are late
    # history by occurrence: distinct reports per window the baseline may borrow (only
    # windows before ``origin``, see ``Engine.history_end``); where the set's history
    # placed in windows started when this key last got some (epoch seconds; a restarted
    # engine recalls it); the newest window history shows the key active in (novelty)
    hist: dict[int, set[str]] = field(default_factory=dict)
    hist_from: int | None = None
    seen: int | None = None
    hist_changed: bool = field(default=False, compare=False, repr=False)  # since written
    # per open window, what its assessments reuse (``WindowMemo``): a window is assessed
    # at every early look and at its close against the same closed windows; forgotten
    # whenever a count or history is recorded (not stored)
    memo: dict[int, WindowMemo] | None = field(default=None, compare=False, repr=False)
    # the audience tier (``schemas.sharing.tier_name``; '' is TLP:CLEAR): a key's reports
    # of each tier are a state of their own, counted and judged apart
    tier: str = ""
    # read from a state stored before tiers (no tier recorded): ``pretier.keep_clear``
    legacy: bool = field(default=False, compare=False, repr=False)
    # where the last early look stopped with a newer window behind: the end (epoch seconds)
    # of a quiet window still filling, which the look may pass once the watermark reaches
    # it (``peek``); 0 if it did not (not stored)
    waits: int = field(default=0, compare=False, repr=False)

    def __init__(  # by hand, for mypyc (``WindowAgg.__init__``)
        self,
        dimset: str,
        key: str,
        dimensions: dict[str, str],
        *,
        windows: dict[int, WindowAgg] | None = None,
        counts: dict[int, int] | None = None,
        shares: dict[int, dict[str, Share]] | None = None,
        last_active: int | None = None,
        detection: OpenDetection | None = None,
        origin: int = 0,
        closed: int = 0,
        hist: dict[int, set[str]] | None = None,
        hist_from: int | None = None,
        seen: int | None = None,
        hist_changed: bool = False,
        memo: dict[int, WindowMemo] | None = None,
        tier: str = "",
        legacy: bool = False,
        waits: int = 0,
    ) -> None:
        self.dimset = dimset
        self.key = key
        self.dimensions = dimensions
        self.windows = {} if windows is None else windows
        self.counts = {} if counts is None else counts
        self.shares = {} if shares is None else shares
        self.last_active = last_active
        self.detection = detection
        self.origin = origin
        self.closed = closed
        self.hist = {} if hist is None else hist
        self.hist_from = hist_from
        self.seen = seen
        self.hist_changed = hist_changed
        self.memo = memo
        self.tier = tier
        self.legacy = legacy
        self.waits = waits


class WindowMemo:
    """One window's history (``since``: where known history started when it was built)
    and the largest ``(observed, sources)`` found calm with a given ``(quiet, age)``.
    Whether a count model or EARS alarms only grows with observed and sources (their
    tails fall, their gates open), so a look with no more of either is calm too. Per
    window: the early look judges the window still open for late reports and the
    current one in turn, and one memo flipped between them at every look."""

    __slots__ = ("calm", "history", "since")

    def __init__(self, since: int | None, history: list[float]) -> None:
        self.since = since
        self.history = history
        self.calm: tuple[int | None, int, int, int] | None = None


def judged(cfg: DetectorConfig, tier: str) -> bool:
    """Whether keys are counted in this audience tier at all. A tier of one
    organisation's reports (AMBER, AMBER+STRICT, RED) is one source, which can alarm only
    where ``min_sources`` is 1: elsewhere counting it would keep state, history and
    changelog for no verdict (a third of the bench's synthetic reports)."""
    return not one_owner(tier) or cfg.min_sources <= 1


def detection_id(ids: IdKey, dimset: str, key: str, window_start: int, tier: str = "") -> str:
    """A detection's id; the TLP:CLEAR tier ('') keeps the ids it had before tiers."""
    parts = (dimset, key, str(window_start), *((tier,) if tier else ()))
    return "det-" + ids.digest("detection", *parts, size=10)


def _record_count(state: KeyState, window: int, agg: WindowAgg | None) -> None:
    """A closed window becomes a count (and who reported, at which level) in its history."""
    state.memo = None
    if agg is not None and agg.size():
        state.counts[window] = agg.size()
        state.shares[window] = agg.shares()
        state.last_active = window


def _merge(into: dict[str, list[int]], shares: Mapping[str, Share]) -> None:
    for org, (n, rank) in shares.items():
        got = into.setdefault(org, [0, 0])
        got[0] += n
        got[1] = max(got[1], rank)


def evidence_list(merged: Mapping[str, list[int]]) -> list[dict[str, Any]]:
    """Evidence as the Detection record carries it, ordered by organisation."""
    return [Evidence(org, _LEVELS[rank], n).to_avro() for org, (n, rank) in sorted(merged.items())]


_SEVERITY_RANK = {s.value: i for i, s in enumerate(Severity)}
GROWTH = 1.25  # an open window's detection is updated when its count grows this much

# Version numbers are a function of what a version says, not of how many were sent
# before it: after a crash, a worker recounts from its last checkpoint in other batches
# and sends fewer or more early versions than its dead predecessor did. Counted versions
# would then reuse a number for other content, and consumers that keep the highest
# version (the warehouse, alert policies) could keep an update over the resolution that
# came after it. So a version is ``100,000 × (windows since opening + 1)`` plus, within
# that window: the count an early look saw, the window's close above every early look,
# and the resolution above everything before its window (the numbers are
# ``schemas.lifecycle``'s: a viewer's lifecycle ends at a computed resolution's number).


def _version(det: OpenDetection, window: int, step: int) -> int:
    return (window - det.opened_window + 1) * PER_WINDOW + step


def _early_step(observed: float) -> int:
    return min(int(observed), CLOSE_STEP - 1)


def _level(sev: str, observed: float) -> int:
    """How much an early look says: severity first, then the count on a log scale."""
    return _SEVERITY_RANK[sev] * 1000 + int(math.log(max(observed, 1.0)) / math.log(GROWTH))


def _news(det: OpenDetection, a: Assessment, sev: str) -> bool:
    """Whether an early look at the detection's own window is worth a new version: a
    higher severity, or a count grown by ``GROWTH`` (a higher step). A spike still
    rising would otherwise send a version with every batch of evidence."""
    return _level(sev, a.observed) > _level(det.severity, det.observed)


def _iso(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def _closed(window: int, closed: int, width: int, limit: int) -> bool:
    """Whether ``window`` takes no more reports: the key closed it already, or the
    watermark less the allowed lateness (``limit``) has passed its end."""
    return window < closed or (window + 1) * width <= limit


class Engine:
    """The rules for every key of the given dimension sets: pure, with no clock and no
    keys of its own. Callers hold each key's ``KeyState`` and pass it in with the
    watermark (the event time up to which input is complete) they judge it by: the
    stream's count stage per keys partition, ``replay.Offline`` for a whole file."""

    def __init__(
        self,
        sets: Iterable[DimensionSet] = DEFAULT_SETS,
        configs: Mapping[str, DetectorConfig] | None = None,
        default: DetectorConfig | None = None,
        ids: IdKey | None = None,
        backdated_after: int = BACKDATED_AFTER,
    ) -> None:
        self.sets = tuple(sets)
        self.backdated_after = backdated_after  # older occurrences reach us as history
        self.ids = ids or IdKey.offline()
        self.default = default or DetectorConfig()
        self.configs = {s.name: (configs or {}).get(s.name, self.default) for s in self.sets}
        self.log_fresh = False  # keep WindowAgg.fresh (the stream's count stage does)
        # per set and audience tier, the earliest occurrence of history placed in a window
        # that reached this engine: windows from there to ``history_end`` are known for
        # every key of the set and tier (of one tier only: hidden history of another tier
        # must not move what a key's baseline counts as quiet)
        self.history_from: dict[tuple[str, str], int] = {}
        # (key, window, assessment) of every window that alarmed at its close, when a
        # list is given: the evaluation's curves read what a higher threshold would keep
        self.trace: list[tuple[str, int, Assessment]] | None = None

    # --- input ---

    def judges(self, dimset: str, tier: str) -> bool:
        """Whether a set's keys are counted in this audience tier at all (``judged``)."""
        return judged(self.configs[dimset], tier)

    def new_state(
        self, dimset: str, key: str, dimensions: dict[str, str], origin: int, tier: str = ""
    ) -> KeyState:
        """A key (of one audience ``tier``) seen for the first time; its history starts at
        ``origin`` (the earliest event the caller has watched), so quiet windows before the
        key's first report count as zeros, as they should. Windows before that are known
        where history reached this engine (``add_history``): zeros there too if it never
        names the key."""
        return KeyState(dimset, key, dimensions, origin=origin, tier=tier)

    def recall_history(self, state: KeyState) -> None:
        """A stored key is back (a restart): where its history started, as the engine knew
        then, holds for every key of its set."""
        since = state.hist_from
        ours = self.history_from.get((state.dimset, state.tier))
        if since is not None and (ours is None or since < ours):
            self.history_from[(state.dimset, state.tier)] = since

    def history_end(self, state: KeyState, cfg: DetectorConfig) -> int:
        """The newest window history fills for this key: the last to end ``backdated_after``
        before ``origin``. Reports of what happened after it, up to ``origin``, were news
        when the engine started (counted by report time); those windows are unknown."""
        return (state.origin - self.backdated_after) // cfg.window - 1

    def _history_floor(self, state: KeyState, cfg: DetectorConfig) -> int:
        """History windows below this are never borrowed again: each window from the key's
        first open one on needs ``baseline + guard`` windows, the live ones first."""
        live = state.origin // cfg.window - (state.closed - cfg.baseline - cfg.guard)
        need = min(live, cfg.baseline + cfg.guard)
        return self.history_end(state, cfg) - need + 1

    def add_history(
        self,
        state: KeyState,
        starts: Sequence[int],
        ends: Sequence[int],
        sources: Sequence[str],
    ) -> None:
        """Reports of long ago for this key, as columns of the spans their occurrence is
        known to lie in (``[start, end)``, epoch seconds) and their source ids. Idempotent
        (a window holds the *set* of its reports), never assessed. The earliest occurrence
        known to within one window, of any key of the set, is where the set's history
        starts (a coarser one says nothing about which windows were quiet)."""
        cfg = self.configs[state.dimset]
        width = cfg.window
        end, floor = self.history_end(state, cfg), self._history_floor(state, cfg)
        hist, seen = state.hist, state.seen
        since = self.history_from.get((state.dimset, state.tier))
        for start, stop, source in zip(starts, ends, sources, strict=True):
            window, last = start // width, (stop - 1) // width
            if seen is None or last > seen:
                seen = last
            if window != last:
                continue  # not known within one window: seen, never counted
            if since is None or start < since:
                since = start
            if floor <= window <= end:
                reports = hist.get(window)
                if reports is None:
                    reports = hist[window] = set()
                if source not in reports:
                    reports.add(source)
                    state.memo = None
                    state.hist_changed = True
        state.seen = seen
        if since is not None:
            self.history_from[(state.dimset, state.tier)] = since
            state.hist_from = since  # kept with the key: a restarted engine recalls it

    def count(
        self, state: KeyState, at: int, source: str, org: str, tlp: str, *, watermark: int
    ) -> bool:
        """Count one report into its window of this key; False if that window has closed
        (the entry is late and the caller accounts for it)."""
        return self.count_entries(state, [at], [source], [org], [tlp], watermark=watermark) == 0

    def refused(self, state: KeyState, times: Sequence[int], *, watermark: int) -> list[int]:
        """Which of ``times`` ``count_entries`` refuses: their windows have closed."""
        cfg = self.configs[state.dimset]
        limit = watermark - cfg.lateness
        return [
            i
            for i, at in enumerate(times)
            if _closed(at // cfg.window, state.closed, cfg.window, limit)
        ]

    def count_entries(
        self,
        state: KeyState,
        times: Sequence[int],
        sources: Sequence[str],
        orgs: Sequence[str],
        levels: Sequence[str],
        *,
        watermark: int,
    ) -> int:
        """``count`` for a batch of one key's reports, given as columns of event times,
        source ids, organisations and TLP levels (the stream's hot path: one call per key
        and batch, the window lookups and the report bookkeeping inline). Returns how
        many were late."""
        cfg = self.configs[state.dimset]
        width, closed = cfg.window, state.closed
        limit = watermark - cfg.lateness  # window w is closed once (w + 1) * width <= limit
        windows = state.windows
        late = 0
        # a key's reports in one batch mostly share a window: look it up when it changes
        current = -1
        agg: WindowAgg | None = None
        for i, at in enumerate(times):
            window = at // width
            if window != current:
                current = window
                if _closed(window, closed, width, limit):
                    agg = None
                else:
                    agg = windows.get(window)
                    if agg is None:
                        agg = windows[window] = WindowAgg(fresh=[] if self.log_fresh else None)
            if agg is None:
                late += 1
                continue
            source, org = sources[i], orgs[i]
            if source not in agg.reports:
                agg.reports.add(source)
                agg.orgs[org] = agg.orgs.get(org, 0) + 1
                if agg.fresh is not None:
                    agg.fresh.append(source)
            rank = _RANK[levels[i]]
            if rank > agg.levels.get(org, -1):
                agg.levels[org] = rank
                agg.moved = True
            if at > agg.last_event:
                agg.last_event = at
                agg.moved = True
        return late

    def restrict(
        self,
        state: KeyState,
        sources: Sequence[str],
        orgs: Sequence[str],
    ) -> bool:
        """Reports re-labelled stricter, in a wider tier's state that may have counted
        them (``schemas.sharing.wider_tiers``, so any of them held here is one this tier
        may no longer show): where an open window holds one, it is withdrawn. The window
        counts, judges and shows from then on what it would had the report been
        stricter from the start, and so does the baseline it closes into; versions
        already sent stay as they were. A closed window keeps what it closed with (its
        reports are not kept). Whether anything was withdrawn (the state must be
        written)."""
        moved = False
        for agg in state.windows.values():
            held = agg.reports
            if held.isdisjoint(sources):
                continue  # the common case, at C speed: nothing re-labelled here
            for source, org in zip(sources, orgs, strict=True):
                if source in held and source not in agg.withdrawn:
                    agg.withdrawn.add(source)
                    agg.moved = moved = True
                    left = agg.orgs.get(org, 0) - 1
                    if left > 0:
                        # its level stays the strictest of what it counted: which of
                        # the organisation's reports set it is not kept
                        agg.orgs[org] = left
                    else:
                        agg.orgs.pop(org, None)
                        agg.levels.pop(org, None)
        return moved

    # --- time ---

    def closable(self, dimset: str, watermark: int) -> int:
        """Windows before this index are closed at ``watermark``."""
        cfg = self.configs[dimset]
        return (watermark - cfg.lateness) // cfg.window

    def edges(self, watermark: int) -> tuple[int, ...]:
        """Where ``watermark`` stands in every set's windows: when this does not change,
        no window of any key can have become due."""
        return tuple((watermark - c.lateness) // c.window for c in self.configs.values())

    def passed(self, watermark: int) -> tuple[int, ...]:
        """The window ``watermark`` is in, per set: when this moves, a window has been read
        to its end and an early look may now pass over it (``peek``)."""
        return tuple(watermark // c.window for c in self.configs.values())

    def close_due(self, state: KeyState, *, watermark: int) -> list[dict[str, Any]]:
        """Close this key's windows that ``watermark`` has passed; detection versions."""
        cfg = self.configs[state.dimset]
        closable = (watermark - cfg.lateness) // cfg.window
        if closable <= state.closed:
            # closed up to here already, and no window below ``closed`` can be created
            # again (later reports for it are late) nor a detection lag behind it: the
            # common case, a key touched again before the watermark crossed an edge
            return []
        windows = state.windows
        due = sorted(w for w in windows if w < closable)
        out: list[dict[str, Any]] = []
        window = due[0] if due else closable
        if state.detection is not None:
            window = min(window, state.detection.window + 1)
        i = 0  # the next of ``due`` not yet reached
        while window < closable:
            if state.detection is None:
                # nothing open: only windows with reports need closing; on to the next
                # one (a backlog brings a key weeks of windows at once, most of them empty)
                while i < len(due) and due[i] < window:
                    i += 1
                if i == len(due):
                    break
                window = due[i]
                agg = windows[window]
                if agg.size() < cfg.min_count and not self._may_alarm(
                    state, window, agg, cfg
                ):  # too few reports to open anything: just record the count (``_close``)
                    del windows[window]
                    _record_count(state, window, agg)
                    window += 1
                    continue
            # an open detection sees every closed window, even empty ones — including
            # a detection opened a moment ago in this same loop
            if window in windows or state.detection is not None:
                out.extend(self._close(state, window, cfg))
            window += 1
        state.closed = max(state.closed, closable)
        self._trim(state, closable, cfg)
        return out

    def forgettable(self, state: KeyState, *, watermark: int) -> bool:
        """Nothing open, nothing counted and quiet long enough: the key may be dropped
        (it comes back as new, as it should)."""
        cfg = self.configs[state.dimset]
        closable = self.closable(state.dimset, watermark)
        last = _newest(state.last_active, state.seen)
        quiet = last is None or closable - last > cfg.dormant_windows
        return (
            not state.windows
            and not state.counts
            and not state.hist
            and state.detection is None
            and quiet
        )

    def peek(self, state: KeyState, *, watermark: int) -> list[dict[str, Any]]:
        """Assess open windows oldest first; opens or updates detections before their
        windows close.

        A window that does not alarm stops the look while a report may still arrive for
        it in order (the watermark, up to which every source has been read, is not past
        its end): a newer window never opens a detection ahead of an older one still
        filling, so detection ids do not depend on how far the watermark lags. A quiet
        window the watermark has passed is only open for late reports (``lateness``):
        the look goes on past it, or a spike on a key active the day before would wait a
        whole window of lateness to be seen. An open detection is never moved past an
        open window after its own (that window's close could end it); windows before the
        one that opened it neither end nor move it (``_close``)."""
        cfg = self.configs[state.dimset]
        out: list[dict[str, Any]] = []
        # with a detection open, every window after its own is judged in turn, empty ones
        # too (an empty window ends it): none may be passed over while it is still open
        det = state.detection
        due = None if det is None else max(state.closed, det.window + 1)
        # only with the baseline's windows all closed: one still open (a partition whose
        # reports are behind holds the watermark) would count as a quiet window
        guard = 0 if cfg.method == "ears_c1" else cfg.guard
        state.waits = 0
        order = sorted(state.windows)
        for window in order:
            if window - guard > state.closed:
                break
            if due is not None and window > due:
                break  # an open window before this one has no report yet
            det = state.detection
            if det is not None and window < det.opened_window:
                continue  # passed over as quiet when the detection opened: see _close
            agg = state.windows[window]
            a = None  # too few reports to alarm: skip the model
            if self._may_alarm(state, window, agg, cfg):
                a = self._assess(state, window, agg, cfg)
            if a is None or not a.alarm:
                if det is None and (window + 1) * cfg.window <= watermark:
                    continue  # quiet, and only a late report can still change that
                if det is None and window != order[-1]:
                    state.waits = (window + 1) * cfg.window  # a newer window waits for it
                break
            evidence = self._evidence(state, window, agg, cfg)
            out.extend(self._alarm(state, window, evidence, a, cfg, early=True))
            if state.detection is not None:
                due = max(due or 0, window + 1, state.detection.window + 1)
        return out

    def end_of_input(self, watermark: int) -> int:
        """A watermark far enough past ``watermark`` to close every window (replay's end)."""
        return watermark + max(c.window + c.lateness for c in self.configs.values()) * 2

    # --- internals ---

    def _may_alarm(self, state: KeyState, window: int, agg: WindowAgg, cfg: DetectorConfig) -> bool:
        """A cheap necessary condition: enough reports in the span for any detector."""
        total = agg.size()
        if total >= cfg.min_count or cfg.method.startswith("ears"):
            return total >= cfg.min_count  # the span's other windows only add
        windows, counts = state.windows, state.counts
        for w in range(window - cfg.span + 1, window):
            held = windows.get(w)  # its count once closed, what it holds while open
            total += counts.get(w, 0) if held is None else held.size()
        return total >= cfg.min_count

    def _memo(self, state: KeyState, window: int, cfg: DetectorConfig) -> WindowMemo:
        since = self._since(state, cfg)
        memos = state.memo
        if memos is None:
            memos = state.memo = {}
        memo = memos.get(window)
        if memo is not None and memo.since == since:
            return memo
        first = window - cfg.baseline - cfg.guard
        start_window = state.origin // cfg.window
        lo = max(first, start_window)
        history = [0.0] * (window - lo) if window > lo else []
        # the closed windows with reports are few (``_trim`` keeps no more than a baseline
        # and its guard): fill them in, rather than look up every window of the span
        for w, n in state.counts.items():
            if lo <= w < window:
                history[w - lo] = float(n)
        if first < start_window and since is not None:
            # too few live windows: the newest windows history fills come first
            end = self.history_end(state, cfg)
            lo = max(end - (start_window - first) + 1, since // cfg.window)
            hist = state.hist
            history[:0] = [float(len(hist.get(w, ()))) for w in range(lo, end + 1)]
        memo = memos[window] = WindowMemo(since, history)
        return memo

    def _since(self, state: KeyState, cfg: DetectorConfig) -> int | None:
        """Where the key's known history starts: the caller's placeable history, as far
        back as any of it has reached this engine (or this key's state remembers)."""
        ours = self.history_from.get((state.dimset, state.tier))
        if state.hist_from is None:
            return ours
        return state.hist_from if ours is None or state.hist_from < ours else ours

    def _age(self, state: KeyState, window: int, cfg: DetectorConfig, since: int | None) -> int:
        """Windows the key's counts are known for: watched live, and filled by history
        (from ``since``, ``_since``'s answer)."""
        age = window - state.origin // cfg.window
        if since is not None:
            age += max(0, self.history_end(state, cfg) - since // cfg.window + 1)
        return age

    def _span(self, cfg: DetectorConfig) -> int:
        return 1 if cfg.method.startswith("ears") else cfg.span

    def _evidence(
        self, state: KeyState, window: int, agg: WindowAgg | None, cfg: DetectorConfig
    ) -> dict[str, list[int]]:
        """Who reported, how many reports and at which level, over every window the
        assessment of ``window`` counts (the open one and the closed ones of its span)."""
        merged: dict[str, list[int]] = {}
        if agg is not None:
            _merge(merged, agg.shares())
        for w in range(window - self._span(cfg) + 1, window):
            _merge(merged, _span_shares(state, w))
        return merged

    def _assess(
        self, state: KeyState, window: int, agg: WindowAgg | None, cfg: DetectorConfig
    ) -> Assessment:
        """Assess ``window`` (its own count, or with ``span`` > 1 the sum of the latest
        windows) against the closed windows before it."""
        observed = agg.size() if agg else 0
        orgs_span = set(agg.orgs) if agg else set()
        # open windows of the span count what they hold now: an early alarm holds at close
        # (a closed window by its count and shares, an open one by what it holds; inline:
        # this runs at every close and look)
        open_, counts, shares = state.windows, state.counts, state.shares
        for w in range(window - self._span(cfg) + 1, window):
            held = open_.get(w)
            if held is None:
                observed += counts.get(w, 0)
                orgs_span.update(shares.get(w, ()))
            else:
                observed += held.size()
                orgs_span.update(held.orgs)
        sources = len(orgs_span)
        if observed < cfg.min_count or sources < cfg.min_sources:
            # below the gates (``detectors.assess``): not even the history is needed
            return Assessment(False, cfg.method, float(observed), 0.0, 0.0, None)
        memo = self._memo(state, window, cfg)
        history = memo.history
        if not warm(len(history), cfg):
            # no detector may alarm below its gates or without a warm baseline
            # (``detectors.assess``), and a verdict that does not alarm is never reported:
            # skip the model
            return Assessment(False, cfg.method, float(observed), 0.0, 0.0, None)
        age = self._age(state, window, cfg, memo.since)
        # the newest active window before this one, open ones too: how long the key was
        # quiet must not depend on whether the window before closed yet
        last = _newest(state.last_active, state.seen)
        for w, held in open_.items():
            if w < window and (last is None or w > last) and held.size():
                last = w
        quiet = None if last is None else window - last - 1
        if cfg.method != "glm":
            calm = memo.calm
            if (
                calm is not None
                and calm[0] == quiet
                and calm[1] == age
                and observed <= calm[2]
                and sources <= calm[3]
            ):
                return Assessment(False, cfg.method, float(observed), 0.0, 0.0, None)
            # a calm verdict is never reported: its measures need not be finished
            a = assess(
                history, float(observed), sources, cfg, quiet=quiet, age=age, verdict_only=True
            )
            if not a.alarm:
                memo.calm = (quiet, age, observed, sources)
            return a
        # the glm's seasons and newcomers: each history window's index, and who reported
        # in it (known for live windows, not for those borrowed from imported history)
        live_from = max(window - cfg.baseline - cfg.guard, state.origin // cfg.window)
        borrowed = len(history) - (window - live_from)
        end = self.history_end(state, cfg)
        windows = [*range(end - borrowed + 1, end + 1), *range(live_from, window)]
        shares = state.shares
        orgs: list[AbstractSet[str] | None] = [None] * borrowed
        orgs += [shares.get(w, {}).keys() for w in range(live_from, window)]
        return assess(
            history, float(observed), sources, cfg, quiet=quiet, age=age,
            window=window, windows=windows, orgs=orgs, span_orgs=orgs_span,
        )  # fmt: skip

    def _close(self, state: KeyState, window: int, cfg: DetectorConfig) -> list[dict[str, Any]]:
        agg = state.windows.pop(window, None)
        if state.detection is None and (
            agg is None or not self._may_alarm(state, window, agg, cfg)
        ):
            # nothing open and too few reports to open anything: just record the count
            _record_count(state, window, agg)
            return []
        a = self._assess(state, window, agg, cfg)
        _record_count(state, window, agg)  # the span before ``window`` is all _evidence reads
        if a.alarm and agg is not None:
            if self.trace is not None:
                self.trace.append((state.key, window, a))
            return self._alarm(state, window, self._evidence(state, window, agg, cfg), a, cfg)
        det = state.detection
        if det is None or window < det.opened_window:
            # a window an early look passed over as quiet, closing after a later one opened
            # the detection: it neither ends it nor (alarming on late reports) moves it
            return []
        state.detection = None
        return [self._resolved(state, det, window, cfg)]

    def _alarm(
        self,
        state: KeyState,
        window: int,
        evidence: dict[str, list[int]],
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
            det_id = detection_id(
                self.ids, state.dimset, state.key, window * cfg.window, state.tier
            )
            state.detection = det = OpenDetection(
                detection_id=det_id, version=0, opened_window=window, window=window,
                observed=a.observed, severity=sev,
            )  # fmt: skip
            lifecycle = "opened"
        elif window < det.window or (
            det.window == window
            and det.observed == a.observed
            and evidence_list(evidence) == det.last.get("evidence")
        ):
            # nothing new, or an older window a later one already superseded; the same
            # count with a level risen since (a report re-labelled stricter) is new: the
            # label must say so whichever look the rise came before
            return []
        else:
            lifecycle = "updated"
        step = _early_step(a.observed) if early else CLOSE_STEP
        det.version = max(det.version + 1, _version(det, window, step))
        det.window, det.observed, det.severity = window, a.observed, sev
        det.last = {
            "observed": a.observed,
            "expected": round(a.expected, 4),
            "score": round(a.score, 4),
            "p_value": a.p_value,
            "method": a.method,
            "severity": sev,
            "evidence": evidence_list(evidence),
        }
        return [self._record(state, det, lifecycle, window, cfg)]

    def _resolved(
        self, state: KeyState, det: OpenDetection, window: int, cfg: DetectorConfig
    ) -> dict[str, Any]:
        """The first window that does not alarm ends the detection. The resolution
        repeats the last version's measures and evidence: it tells whoever could see the
        spike that it is over, and discloses nothing about the window that ended it."""
        det.version = max(det.version + 1, _version(det, window, RESOLVED_STEP))
        return self._record(state, det, "resolved", window, cfg)

    def _record(
        self, state: KeyState, det: OpenDetection, lifecycle: str, window: int, cfg: DetectorConfig
    ) -> dict[str, Any]:
        start = window * cfg.window
        last = det.last
        evidence = list(last.get("evidence", []))
        level = max((_RANK[e["tlp"]] for e in evidence), default=Tlp.RED.rank)
        return {
            "detection_id": det.detection_id,
            "version": det.version,
            "state": lifecycle,
            "dimension_set": state.dimset,
            "dimension_key": state.key,
            "dimensions": dict(state.dimensions),
            "window_start": _iso(start),
            "window_end": _iso(start + cfg.window),
            "observed": last.get("observed", 0.0),
            "expected": last.get("expected", 0.0),
            "score": last.get("score", 0.0),
            "p_value": last.get("p_value"),
            "method": last.get("method", "unknown"),
            "severity": last.get("severity", det.severity),
            "distinct_sources": len(evidence),
            "evidence": evidence,
            "tlp": _LEVELS[level],
            "opened_at": _iso(det.opened_window * cfg.window),
            # the window, not the newest report's second: a version's time must not pin
            # down when one report arrived
            "updated_at": _iso(start),
        }

    def _trim(self, state: KeyState, closable: int, cfg: DetectorConfig) -> None:
        keep_from = closable - cfg.baseline - cfg.guard - 1
        for w in [w for w in state.counts if w < keep_from]:
            state.memo = None
            del state.counts[w]
            state.shares.pop(w, None)
        if state.hist:
            floor = self._history_floor(state, cfg)
            for w in [w for w in state.hist if w < floor]:
                state.memo = None
                state.hist_changed = True
                del state.hist[w]


def _span_shares(state: KeyState, window: int) -> Mapping[str, Share]:
    """Who reported in a window of a span: its shares once closed, what it holds while
    open (an early look past a quiet window), as it will at its close."""
    held = state.windows.get(window)
    return state.shares.get(window, {}) if held is None else held.shares()


def _newest(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    return a if b is None or a >= b else b
