"""KeyState to and from compact JSON bytes, for the stream worker's changelog-backed table
(orjson: several times faster than the standard library, and this is on the hot path).

Format 2 keeps, per organisation, its reports and least shareable level in every window,
so a detection's label covers all the evidence it counts. A format-1 state (one level per
window, reporting organisations without counts) is read conservatively: every
organisation of a window gets the window's level, and a closed window's organisations
count as one TLP:RED report each, so an old state can only hide more, never show more.

Format 3 is how the stream's changelog holds a key: the *base* (``dumps_base``: the
history, detection and clock, without open windows) and, per open window, *chunks*
(``dumps_chunk``): the reports added since the previous chunk, with the window's
per-organisation counts, levels and newest event as they stood. A checkpoint then writes
what changed, not everything a busy window holds. A window is the union of its chunks'
reports with the aggregates of its newest chunk (chunks of one key travel in order on
one partition, so the newest present chunk has seen every report before it).

Format 4 is format 3 with what the key knows of history (``Engine.add_history``), when
it knows any: ``"hf"`` where placed history starts, ``"sn"`` the newest window history
shows the key in. The history's reports per window (``"h"`` in a whole state) travel in
an entry of their own (``dumps_history``), written only when they change (an import),
not with every base of a busy key: they can be ~160 kB for one dense key (4,185 report
ids over 30 windows, from a 500,000-row import). A state without them (formats 1-3) has
no history, which is what it meant.

Format 5 is how the stream's changelog holds a key now: a *snapshot* (``dumps_snapshot``:
the whole state but its history, open windows with their reports, and the sequence
number it was written at) and *deltas* (``dumps_delta``): at each checkpoint that changed
the key, one record of what changed since the previous one — new head fields (clock,
detection) when they moved, the counts and shares of windows closed since and of those
trimmed, and per open window its new reports with its aggregates as they stand. A key
is its snapshot with its deltas of higher sequence applied in order
(``apply_delta``). Formats 3 and 4 (a base rewritten whole whenever a window closed,
with chunks per window) are still read.

A window of any format may carry ``"wd"``: its reports re-labelled stricter than its tier
since it counted them (``Engine.restrict``), whole. A window without it withdrew none.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson

from schemas.taxonomy import Tlp
from streams.detect.engine import KeyState, OpenDetection, Share, WindowAgg

FORMAT = 2  # a whole state (``dumps``)
BASE = 4  # a base without windows, which come in chunks (3: without history)
SNAPSHOT = 5  # a whole state but its history, at a sequence number; deltas follow it
_RED = Tlp.RED.rank


def _base(state: KeyState) -> dict[str, Any]:
    det = state.detection
    base: dict[str, Any] = {
        "s": state.dimset,
        "k": state.key,
        "d": state.dimensions,
        # the history is most of a state and is encoded at every checkpoint of a busy
        # key: orjson writes its int keys and (n, rank) tuples as they are
        "c": state.counts,
        "g": state.shares,
        "la": state.last_active,
        "det": None if det is None else [
            det.detection_id, det.version, det.opened_window, det.window, det.observed,
            det.severity, det.last,
        ],
        "or": state.origin,
        "cl": state.closed,
    }  # fmt: skip
    base["au"] = state.tier  # always: a state without one is from before tiers
    # absent when empty: most keys have no history, and a busy key's base is written at
    # every checkpoint
    if state.hist_from is not None:
        base["hf"] = state.hist_from
    if state.seen is not None:
        base["sn"] = state.seen
    return base


def dumps(state: KeyState) -> bytes:
    """The whole state, open windows and their reports included."""
    windows = {w: _window_data(a, a.reports) for w, a in state.windows.items()}
    data = {"v": FORMAT, **_base(state), "w": windows}
    if state.hist:
        data["h"] = {w: list(r) for w, r in state.hist.items()}
    return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)


def _window_data(agg: WindowAgg, reports: Iterable[str]) -> dict[str, Any]:
    """``reports`` (all or the fresh ones; any order: sorting a busy window cost most)
    with the window's aggregates as they stand."""
    data = {"r": list(reports), "o": agg.orgs, "lv": agg.levels, "l": agg.last_event}
    if agg.withdrawn:  # whole, when any (rare): a window's are few
        data["wd"] = list(agg.withdrawn)
    return data


def _onto(agg: WindowAgg, data: dict[str, Any]) -> WindowAgg:
    """A window's stored data (``_window_data``) onto what came before it: its reports
    join, its aggregates replace."""
    agg.reports.update(data["r"])
    agg.orgs = {str(o): int(n) for o, n in data["o"].items()}
    agg.levels = {str(o): int(r) for o, r in data["lv"].items()}
    agg.last_event = int(data["l"])
    agg.withdrawn.update(data.get("wd", ()))
    return agg


def dumps_snapshot(state: KeyState, seq: int) -> bytes:
    """The state but its history (an entry of its own), open windows whole."""
    windows = {w: _window_data(a, a.reports) for w, a in state.windows.items()}
    data = {"v": SNAPSHOT, **_base(state), "w": windows, "q": seq}
    return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)


def head_of(state: KeyState) -> dict[str, Any]:
    """The base's fields that are not closed windows' counts and shares."""
    base = _base(state)
    return {
        "la": base["la"], "det": base["det"], "or": base["or"], "cl": base["cl"],
        "hf": state.hist_from, "sn": state.seen,
    }  # fmt: skip


def dumps_delta(
    state: KeyState,
    seq: int,
    *,
    head: dict[str, Any] | None,
    closed: Iterable[int],
    trimmed: Iterable[int],
    windows: Iterable[int],
    gone: Iterable[int],
) -> bytes:
    """What changed in a key since delta ``seq - 1`` (or the snapshot at it): ``head`` if
    it moved, the counts and shares of windows ``closed`` since, the windows ``trimmed``
    from them, the new reports of open ``windows`` (their ``fresh``, with their aggregates
    now) and the open windows ``gone`` (closed)."""
    data: dict[str, Any] = {"q": seq}
    if head is not None:
        data["b"] = head
    added = {w: [state.counts[w], state.shares.get(w, {})] for w in closed}
    if added:
        data["c"] = added
    cut = list(trimmed)
    if cut:
        data["x"] = cut
    fresh = {w: _window_data(a, a.fresh or ()) for w in windows for a in (state.windows[w],)}
    if fresh:
        data["w"] = fresh
    ended = list(gone)
    if ended:
        data["wx"] = ended
    return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)


def delta_of(raw: bytes) -> dict[str, Any]:
    data: dict[str, Any] = orjson.loads(raw)
    return data


def apply_delta(state: KeyState, data: dict[str, Any]) -> None:
    """A delta (``delta_of``) onto the state it was written after."""
    b = data.get("b")
    if b is not None:
        state.last_active = b["la"]
        state.detection = _detection(b["det"])
        state.origin = int(b["or"])
        state.closed = int(b["cl"])
        state.hist_from = None if b["hf"] is None else int(b["hf"])
        state.seen = None if b["sn"] is None else int(b["sn"])
    for w, (n, shares) in data.get("c", {}).items():
        state.counts[int(w)] = int(n)
        state.shares[int(w)] = _shares(shares, old=False)
    for w in data.get("x", ()):
        state.counts.pop(int(w), None)
        state.shares.pop(int(w), None)
    for w, a in data.get("w", {}).items():
        agg = state.windows.get(int(w))
        if agg is None:
            agg = state.windows[int(w)] = WindowAgg(fresh=[])
        _onto(agg, a)
    for w in data.get("wx", ()):
        state.windows.pop(int(w), None)


def dumps_base(state: KeyState) -> bytes:
    """The state without its open windows (they go as chunks)."""
    return orjson.dumps({"v": BASE, **_base(state)}, option=orjson.OPT_NON_STR_KEYS)


def dumps_chunk(reports: Iterable[str], agg: WindowAgg) -> bytes:
    """Reports of a window added since its last chunk, and the window's aggregates now."""
    return orjson.dumps(_window_data(agg, reports))


def dumps_history(hist: dict[int, set[str]]) -> bytes:
    """A key's history: its reports per window the baseline may borrow."""
    return orjson.dumps({w: list(r) for w, r in hist.items()}, option=orjson.OPT_NON_STR_KEYS)


def history_of(raw: bytes) -> dict[int, set[str]]:
    return {int(w): set(r) for w, r in orjson.loads(raw).items()}


def window_of(chunks: Iterable[bytes]) -> WindowAgg:
    """A window from its chunks, oldest first."""
    agg = WindowAgg(fresh=[])
    for raw in chunks:
        _onto(agg, orjson.loads(raw))
    return agg


def _window(a: dict[str, Any], old: bool) -> WindowAgg:
    if not old:
        return _onto(WindowAgg(), a)
    orgs: dict[str, int] = dict(a["o"])
    levels = dict.fromkeys(orgs, Tlp(a["t"]).rank)
    return WindowAgg(reports=set(a["r"]), orgs=orgs, levels=levels, last_event=int(a["l"]))


def _shares(raw: Any, old: bool) -> dict[str, Share]:
    if old:
        return dict.fromkeys(raw, (1, _RED))
    return {o: (int(s[0]), int(s[1])) for o, s in raw.items()}


def _detection(det: list[Any] | None) -> OpenDetection | None:
    if det is None:
        return None
    # a format-1 detection has no record of its evidence: its resolution shows to nobody
    last = det[6] if len(det) > 6 else {}
    return OpenDetection(
        detection_id=det[0], version=det[1], opened_window=det[2], window=det[3],
        observed=det[4], severity=det[5], last=last,
    )  # fmt: skip


def loads(raw: bytes) -> KeyState:
    return _state(orjson.loads(raw))


def loads_stored(raw: bytes) -> tuple[KeyState, int | None]:
    """A key's stored entry: its state and, for a snapshot (format 5), the sequence
    number its deltas follow (None: an older format, without deltas)."""
    data = orjson.loads(raw)
    seq = data.get("q") if data.get("v", 1) >= SNAPSHOT else None
    return _state(data), None if seq is None else int(seq)


def _state(data: dict[str, Any]) -> KeyState:
    old = data.get("v", 1) < FORMAT
    detection = _detection(data["det"])
    return KeyState(
        dimset=data["s"],
        key=data["k"],
        dimensions=data["d"],
        windows={int(w): _window(a, old) for w, a in data.get("w", {}).items()},
        counts={int(w): int(n) for w, n in data["c"].items()},
        shares={int(w): _shares(sh, old) for w, sh in data["g"].items()},
        last_active=data["la"],
        detection=detection,
        origin=int(data["or"]),
        closed=int(data["cl"]),
        hist={int(w): set(r) for w, r in data.get("h", {}).items()},
        hist_from=None if data.get("hf") is None else int(data["hf"]),
        seen=None if data.get("sn") is None else int(data["sn"]),
        tier=str(data.get("au", "")),
        legacy="au" not in data,
    )
