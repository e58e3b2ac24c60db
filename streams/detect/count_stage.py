"""Detection's count stage: per-key windowed counts for the ``detect.keys`` partitions a
worker holds, and the detection versions they produce (no Faust, no Kafka, no clock).

This is where a signal is counted and where time advances. The host
(``streams.detect.faust_host``) drives it through an explicit lifecycle and does the I/O:

- ``assign(mine, stored)`` after a rebalance, once the state table has recovered: every
  stored key of the partitions now held is loaded, so quiet keys still close windows
  and resolve detections;
- ``revoke()`` before partitions are handed over: the states changed since the last
  checkpoint come back to be written, then everything held is forgotten;
- ``admit`` / ``resume``: each keys partition is processed in exact offset order from
  where the group resumes (``contiguity.Sequencer``); the host asks the broker for the
  resume point and reads records that never came from the log (``admission``);
- ``count(messages, mine)``: entries are added to their keys' windows (idempotent: a
  window holds a *set* of reports), marks move the partition's watermark, and every key
  touched is closed up to that watermark and assessed early; returns detection versions.
  History entries (reports of long ago) go to their keys' baselines by occurrence
  (``Engine.add_history``, idempotent too) and touch nothing: no window is closed or
  assessed because of them;
- ``tick(limit)``: quiet keys' windows close as the watermark passes them (a pass over
  the held keys, in slices of ``limit`` keys with batches between them when asked);
- ``checkpoint(mine)``: the states changed since the last checkpoint, as writes for the
  state changelog. The host writes them, flushes its producer, then commits offsets
  (``consumers.kit.checkpoint`` order), so nothing is committed whose state and output
  are not in Kafka.

A key is stored as a snapshot (``<key>``: the whole state but its history, at a
sequence number) and deltas (``state_codec``, format 5): a checkpoint writes, per key
changed since the last one, one delta of what changed (new reports, windows closed,
clock, detection) in slot ``seq % COMPACT`` (``<key>\\0d\\0<slot>``), or the key whole
again once ``COMPACT`` deltas follow its snapshot; a delta left in a slot from before the
snapshot is ignored and overwritten, never deleted. A key is its snapshot with the
deltas of the sequence numbers after it, in order. So a checkpoint writes what changed,
not all a busy window or a long baseline holds, and no tombstones but a forgotten key's.
Writes are not atomic, and any prefix of a checkpoint is safe: a key changes by one
record, and what a lost write held came from input not yet committed, which is read and
counted again. A key stored in the previous format (a base and chunks per window, read
as they were) is written whole at its next change, then its chunks are deleted.
A key's history (the reports of long ago its baseline may borrow) is one more entry,
``<key>\0h``, written after the base when it changes (and deleted after a forgotten
key's base; one left without a base is deleted).
Each checkpoint ends with, per keys partition, the offset below which every record was
counted into the states it wrote (``\0c\0<partition>\00``). Faust takes the offsets it
commits before the checkpoint runs, so a restarted worker (or the partition's next
owner) reads again records those states hold: refused in windows since closed, they are
repeats, not late data.

Each key lives in one keys partition, and a mark read there vouches for every entry
before it, so a key is judged by its own partition's watermark: a partition another
worker left behind is never judged by a faster one's clock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any, Final

import orjson

from schemas import keys_topic
from schemas.sharing import wider_tiers
from streams.detect import pretier, state_codec
from streams.detect.contiguity import Sequencer
from streams.detect.engine import Engine, KeyState
from streams.detect.watermarks import MergedClock

# a detection version to send: the key it belongs to and the Avro-shaped record
Output = tuple[bytes, dict[str, Any]]

COMPACT = 32  # deltas of one key before it is written whole again (a snapshot)
LOOK_ALWAYS = 10  # open reports up to which every batch brings an early look
LOOK_GROWTH = 1.05  # then a look once they have grown 5%
_SEP = b"\0"  # never in a key: "<set>|<key>" is made of dimension values
_HIST = b"\0h"  # a key's history entry: "<key>\0h"
_COVER = b"\0c\0"  # "\0c\0<keys partition>\00": the offset its stored states cover
_CAME = b"\0s\0"  # "\0s\0<keys partition>\00": where its reports' sources were read to
_DELTA = b"d"  # a delta slot: "<key>\0d\0<slot>"


def history_key(full: bytes) -> bytes:
    return full + _HIST


def _is_part(key: bytes) -> bool:
    """A delta, or a chunk of the previous format: ``<key>\0<d or window>\0<number>``."""
    return (
        _SEP in key
        and not key.endswith(_HIST)
        and not key.startswith(_COVER)
        and not key.startswith(_CAME)
    )


def cover_key(part: int) -> bytes:
    return b"%b%d\x000" % (_COVER, part)


def came_key(part: int) -> bytes:
    return b"%b%d\x000" % (_CAME, part)


def chunk_key(full: bytes, window: int, seq: int) -> bytes:
    return b"%b\0%d\0%d" % (full, window, seq)


def delta_key(full: bytes, slot: int) -> bytes:
    return b"%b\0d\0%d" % (full, slot)


def _parse_part(key: bytes) -> tuple[bytes, int | None, int]:
    """(key, window, chunk number) of a chunk, (key, None, slot) of a delta."""
    full, window, seq = key.rsplit(_SEP, 2)
    return full, None if window == _DELTA else int(window), int(seq)


def _base_mark(state: KeyState) -> tuple[Any, ...]:
    """What changes whenever a key's base does: its closed windows' counts and shares
    change only as ``closed`` moves, a detection's content only with its version, and
    the rest of the base is written as it is. A busy key gets new reports at nearly
    every checkpoint but closes a window far more rarely: its base (the baseline's
    counts and who reported them) was encoded and written again at each one."""
    det = state.detection
    return (
        state.closed, state.last_active, state.origin, state.hist_from, state.seen,
        None if det is None else (det.detection_id, det.version),
    )  # fmt: skip


class _Written:
    """What the changelog holds of a key, for its next delta: the base's mark, which
    windows have counts and which are open, the last sequence number and the
    snapshot's. (A plain class, as ``StateWrite``.)"""

    def __init__(
        self,
        mark: tuple[Any, ...],
        counts: frozenset[int],
        windows: frozenset[int],
        seq: int,
        snap: int,
    ) -> None:
        self.mark: Final = mark
        self.counts: Final = counts
        self.windows: Final = windows
        self.seq: Final = seq
        self.snap: Final = snap


@dataclass
class _Pass:
    """A tick's pass under way: the keys it visits in order, the next one's index, and
    per partition due whether a window was read to its end since the last pass."""

    keys: list[bytes]
    ends: dict[int, bool]
    at: int = 0


class StateWrite:
    """One key's state for the changelog: ``value`` None deletes it (forgotten key).

    A plain class with its ``__init__`` written out: mypyc compiles a dataclass's
    generated one as interpreted Python, and one is made per key at every checkpoint."""

    def __init__(self, key: bytes, partition: int, value: bytes | None) -> None:
        self.key: Final = key
        self.partition: Final = partition
        self.value: Final = value

    def __repr__(self) -> str:
        return f"StateWrite({self.key!r}, {self.partition}, {self.value!r})"


class CountStage:
    def __init__(
        self,
        engine: Engine,
        signals_partitions: int,
        stored: MutableMapping[bytes, bytes | None],
        partition_of: Callable[[bytes], int],
    ) -> None:
        """``stored`` is the state table (key → encoded state), read for keys not in
        memory and kept equal to what ``checkpoint`` writes; ``partition_of(key)`` is the
        keys partition a key lives in (Kafka's default partitioner)."""
        self.engine = engine
        engine.log_fresh = True  # windows keep the reports new since their last chunk
        self.stored = stored
        self.partition_of = partition_of
        self.merged = MergedClock(sources=signals_partitions)
        self.sequence = Sequencer()
        self.cache: dict[bytes, tuple[int, KeyState]] = {}  # key -> (keys partition, state)
        self.dirty: set[bytes] = set()  # changed since the last checkpoint
        # key -> the changelog keys of its chunks in the previous format, deleted after
        # its first snapshot
        self.chunks: dict[bytes, list[bytes]] = {}
        self.stray: list[tuple[bytes, int]] = []  # parts to delete (key, partition)
        self.written: dict[bytes, _Written] = {}  # key -> what the changelog holds of it
        # stored chunks (key -> window -> number -> value) and deltas (key -> slot -> value)
        self.index: dict[bytes, dict[int, dict[int, bytes]]] | None = None
        self.slots: dict[bytes, dict[int, bytes]] = {}
        self.marks: dict[int, int] = {}  # keys partition -> watermark reached
        # keys partition -> (closing edges, windows read to) at the last tick
        self.ticked: dict[int, tuple[tuple[int, ...], tuple[int, ...]]] = {}
        # keys partition (every one heard from) -> the same, as ``moved`` last saw it
        self.seen_edges: dict[int, tuple[tuple[int, ...], tuple[int, ...]]] = {}
        # per audience tier, where its new keys' history starts: the earliest report
        # this stage has watched of that tier (another tier's must not date it)
        self.first_event: dict[str, int] = {}
        self.late = 0  # entries whose windows had closed (not counted): late data
        self.repeats = 0  # entries refused as closed that had been counted before
        # keys partition -> signals partition -> the offset below which every report read
        # there has come to this keys partition (marks' ``read_to``): a report read again
        # below it (by a new reader of that signals partition) is a repeat
        self.came: dict[int, dict[int, int]] = {}
        # keys partition -> the offset after the last record counted, when the host says
        # (``count``'s ``offsets``), and the offset the stored states cover (read back)
        self.read_to: dict[int, int] = {}
        self.cover: dict[int, int] = {}
        # key -> (its closed-window mark, its open reports) at its last early look
        self.looked: dict[bytes, tuple[int, int]] = {}
        self.pass_: _Pass | None = None  # a tick's pass under way (``tick`` with a limit)

    # --- rebalances ---

    def revoke(self) -> list[StateWrite]:
        """Partitions are about to be handed over: what was counted stays counted, whoever
        reads on (the caller writes the returned states first), then forget everything."""
        writes = list(self.checkpoint(None))
        self.pass_ = None
        self.cache.clear()
        self.looked.clear()
        self.chunks.clear()
        self.written.clear()
        self.index = None
        self.merged.forget()  # marks are relearnt from the partitions held next
        self.marks.clear()
        self.ticked.clear()
        self.seen_edges.clear()
        self.sequence.reset()  # each assignment's delivery is checked anew
        self.read_to.clear()
        self.cover.clear()
        self.came.clear()
        return writes

    def assign(self, mine: set[int]) -> None:
        """Load every stored key of the partitions in ``mine`` (the table has recovered)."""
        self.pass_ = None
        self.ticked.clear()
        self.seen_edges.clear()
        self.cache.clear()
        self.looked.clear()
        self.chunks.clear()
        self.written.clear()
        self.index = None
        self.read_to.clear()
        self.cover = {}
        self.came = {}
        self.stray = [(key, part) for key, part in self.stray if part in mine]
        for part in mine:
            raw = self.stored.get(cover_key(part))
            if raw is not None:
                self.cover[part] = int(raw)
            raw = self.stored.get(came_key(part))
            if raw is not None:
                self.came[part] = {int(p): int(o) for p, o in orjson.loads(raw).items()}
        orphans = []
        for full, raw in list(self.stored.items()):
            if raw is None or _SEP in full:
                if raw is not None and full.endswith(_HIST):
                    orphans.append(full)
                continue
            part = self.partition_of(full)
            if part in mine:
                self.cache[full] = (part, self._load(full, raw, part))
        for key in orphans:  # the history of no stored base (its base's delete came first)
            base = key[: -len(_HIST)]
            part = self.partition_of(base)
            if part in mine and base not in self.cache:
                self.stray.append((key, part))
        self._stray_parts(mine)

    def _stray_parts(self, mine: set[int]) -> None:
        """Chunks and deltas of no stored key (its delete came first) are deleted."""
        for full, windows in self._index().items():
            part = self.partition_of(full)
            if part in mine and full not in self.cache:
                for w, seqs in windows.items():
                    self.stray += [(chunk_key(full, w, q), part) for q in seqs]
        for full, slots in self.slots.items():
            part = self.partition_of(full)
            if part in mine and full not in self.cache:
                self.stray += [(delta_key(full, j), part) for j in slots]

    def _index(self) -> dict[bytes, dict[int, dict[int, bytes]]]:
        """The stored chunks by key, window and sequence, and the stored deltas by key and
        slot (``slots``), built once per assignment."""
        if self.index is None:
            self.index, self.slots = {}, {}
            for key, raw in self.stored.items():
                if raw is not None and _is_part(key):
                    full, window, seq = _parse_part(key)
                    if window is None:
                        self.slots.setdefault(full, {})[seq] = raw
                    else:
                        self.index.setdefault(full, {}).setdefault(window, {})[seq] = raw
        return self.index

    def _load(self, full: bytes, raw: bytes, part: int) -> KeyState:
        """A stored key: its snapshot with its deltas, or a base of the previous format
        with its open windows' chunks (stray parts to delete)."""
        state, snap = state_codec.loads_stored(raw)
        if state.origin < self.first_event.get(state.tier, state.origin + 1):
            # where counting started, as the stored keys knew it: a key first seen after a
            # restart (a new audience tier of a busy route) must get the same zeros before
            # its first report as in a replay, not start where this stage's input resumed
            self.first_event[state.tier] = state.origin
        hist = self.stored.get(history_key(full))
        if hist is not None:
            state.hist = state_codec.history_of(hist)
        self.engine.recall_history(state)
        chunks = self._index().get(full, {})
        slots = self.slots.get(full, {})
        if snap is None:  # the previous format: written whole at the key's next change
            if state.windows:  # a whole state (format 2): now
                self.dirty.add(full)
            self._load_chunks(full, part, state, chunks)
            self.stray += [(delta_key(full, j), part) for j in slots]  # of no snapshot
        else:
            self.stray += [(chunk_key(full, w, q), part) for w, qs in chunks.items() for q in qs]
            seq = self._load_deltas(full, part, state, snap, slots)
            self.written[full] = _Written(
                _base_mark(state), frozenset(state.counts), frozenset(state.windows), seq, snap
            )
        for agg in state.windows.values():
            agg.fresh, agg.moved = [], False  # what is stored
        if state.legacy:  # stored before tiers: the public tier keeps what CLEAR made,
            pretier.keep_clear(state)  # and the key is written whole at the next checkpoint
            self.written.pop(full, None)
            self.dirty.add(full)
        return state

    def _load_chunks(
        self, full: bytes, part: int, state: KeyState, chunks: dict[int, dict[int, bytes]]
    ) -> None:
        own = self.chunks.setdefault(full, [])
        for w, seqs in chunks.items():
            if not seqs:
                continue
            keys = [chunk_key(full, w, q) for q in seqs]
            if w < state.closed or w in state.windows:
                # the base closed it, (or holds it whole): chunks left by a crash
                self.stray += [(k, part) for k in keys]
                continue
            state.windows[w] = state_codec.window_of(seqs[q] for q in sorted(seqs))
            own += keys

    def _load_deltas(
        self, full: bytes, part: int, state: KeyState, snap: int, slots: dict[int, bytes]
    ) -> int:
        """Apply the deltas after the snapshot in order; the last sequence number."""
        after = {}
        for j, raw in slots.items():
            delta = state_codec.delta_of(raw)
            if delta["q"] > snap:
                after[int(delta["q"])] = (j, delta)
        seq = snap
        while seq + 1 in after:
            seq += 1
            state_codec.apply_delta(state, after.pop(seq)[1])
        # after a gap (never left by a crash, which loses the end of what it wrote): none
        self.stray += [(delta_key(full, j), part) for j, _ in after.values()]
        return seq

    # --- delivery order ---

    def unknown(self, messages: Iterable[tuple[int, int]]) -> dict[int, int]:
        """Partitions (with their first offset here) whose resume point must be asked."""
        firsts: dict[int, int] = {}
        for part, offset in messages:
            if self.sequence.unknown(part):
                firsts.setdefault(part, offset)
        return firsts

    def resume(self, part: int, committed: int | None, first: int) -> None:
        self.sequence.start(part, committed, first)

    def admit(self, part: int, offset: int) -> tuple[bool, int | None]:
        """Whether to process this record, and the first offset of the records missing
        before it (skipped or handed over late around a rebalance), to process first."""
        return self.sequence.admit(part, offset)

    # --- counting ---

    def watermark(self, part: int) -> int:
        """The watermark of keys partition ``part``: it never goes back."""
        mark = self.merged.watermark(part)
        if mark is not None and mark > self.marks.get(part, 0):
            self.marks[part] = mark
        return self.marks.get(part, 0)

    def count(
        self,
        messages: Iterable[tuple[int, bytes | None]],
        mine: set[int],
        offsets: Mapping[int, int] | None = None,
    ) -> list[Output]:
        """Process ``(keys partition, value)`` messages in order; messages of partitions
        not in ``mine`` (buffered before a rebalance took them) are left to their new
        owner. Returns the detection versions the touched keys produced. ``offsets``
        gives the offset of each partition's first message here (the host delivers each
        partition's records in exact offset order): a record below the offset the stored
        states cover is a repeat, read again after a restart or a hand-over of the keys
        partition, and entries of it refused as closed were counted already, not late."""
        touched: dict[bytes, int] = {}
        marks: dict[int, int] = {}  # watermarks, until the partition's next mark
        at = dict(offsets or {})  # partition -> offset of its next message here
        for part, value in messages:
            repeat = self._repeat(at, part)
            if part not in mine:
                continue
            msg = keys_topic.decode(value)
            if isinstance(msg, keys_topic.Mark):
                self._heard(part, msg)
                marks.pop(part, None)
                continue
            if msg.history:
                self._history(part, msg.history)
            watermark = marks.get(part)
            if watermark is None:
                watermark = marks[part] = self.watermark(part)
            for name, body in msg.keys.items():
                full = name.encode()
                if self._count_body(part, full, body, watermark, repeat):
                    touched[full] = part
        self.read_to.update((p, o) for p, o in at.items() if p in mine)
        out: list[Output] = []
        for part in {p for p in touched.values() if p not in marks}:
            marks[part] = self.watermark(part)
        for full, part in touched.items():
            state = self.cache[full][1]
            found = self.engine.close_due(state, watermark=marks[part])
            if self._worth_a_look(full, state):
                found += self.engine.peek(state, watermark=marks[part])
            out.extend((full, det) for det in found)
            self.dirty.add(full)
        return out

    def _count_body(
        self, part: int, full: bytes, body: keys_topic.KeyEntries, watermark: int, repeat: bool
    ) -> bool:
        """One key's reports in one message, counted into its state; whether it has one
        (a set no longer configured, or a tier not judged, has none)."""
        if body.dimset not in self.engine.configs:
            return False
        if not self.engine.judges(body.dimset, body.tier):
            self._restrict(full, body)  # only what it says of the wider tiers
            return False
        self._watched(body.tier, min(body.times))
        state = self._state(full, body)
        refused = self.engine.count_entries(
            state, body.times, body.sources, body.orgs, body.levels, watermark=watermark
        )
        if refused:
            again = refused if repeat else self._sent_again(part, state, body, watermark)
            self.repeats += again
            self.late += refused - again  # the rest is late data
        self.cache[full] = (part, state)
        self._restrict(full, body)
        return True

    def _watched(self, tier: str, earliest: int) -> None:
        """As in a replay: a tier's keys count zeros from its first report on."""
        if earliest < self.first_event.get(tier, earliest + 1):
            self.first_event[tier] = earliest

    def _restrict(self, full: bytes, body: keys_topic.KeyEntries) -> None:
        """Reports of a restricted tier may be re-labelled ones, counted before in wider
        tiers of the same key (in this partition: ``keys_topic.routing``): they are
        withdrawn there (``Engine.restrict``)."""
        if not body.relabelled or not body.tier:
            return  # nothing re-labelled, or TLP:CLEAR: no tier is wider
        base = keys_topic.routing(full)
        for wider in wider_tiers(body.orgs[0], body.levels[0]):
            name = base + keys_topic.tier_suffix(wider).encode()
            hit = self.cache.get(name)
            if hit is not None and self.engine.restrict(hit[1], body.sources, body.orgs):
                self.dirty.add(name)

    def _repeat(self, at: dict[int, int], part: int) -> bool:
        """Step past ``part``'s next message in ``at``; whether the stored states counted
        it already (unknown: no)."""
        offset = at.get(part)
        if offset is None:
            return False
        at[part] = offset + 1
        return offset < self.cover.get(part, 0)

    def _heard(self, part: int, mark: keys_topic.Mark) -> None:
        self.merged.heard(part, mark.report, mark.at)
        if mark.read_to:
            came = self.came.setdefault(part, {})
            for source, offset in mark.read_to.items():
                if offset > came.get(source, 0):
                    came[source] = offset

    def _sent_again(
        self, part: int, state: KeyState, body: keys_topic.KeyEntries, watermark: int
    ) -> int:
        """How many of the reports ``count_entries`` refused had come to ``part`` before
        (read again by a new reader of their signals partition): repeats, not late."""
        came = self.came.get(part)
        if not came or not body.offsets:
            return 0
        return sum(
            1
            for i in self.engine.refused(state, body.times, watermark=watermark)
            if body.offsets[i] < came.get(body.parts[i], 0)
        )

    def _worth_a_look(self, full: bytes, state: KeyState) -> bool:
        """Whether a key's new reports call for an early look at its open windows: always
        while it has few reports, an open detection or a window closed since the last look,
        else once its open reports have grown by ``LOOK_GROWTH``. A busy key (thousands of
        reports a window) was judged again after every batch: a third of the stage's time
        at a steady 10,000 signals/s. Now a spike there is seen within ``LOOK_GROWTH`` more
        reports. What closed windows report is unchanged (their close judges them whole)."""
        now = (state.closed, sum(len(agg.reports) for agg in state.windows.values()))
        last = self.looked.get(full)
        if (
            state.detection is None
            and last is not None
            and last[0] == now[0]
            and LOOK_ALWAYS < now[1] < last[1] * LOOK_GROWTH
        ):
            return False
        self.looked[full] = now
        return True

    def _history(self, part: int, history: dict[str, keys_topic.HistoryEntries]) -> None:
        """Reports of long ago into their keys' baselines; no key is closed or assessed."""
        for name, body in history.items():
            if body.dimset not in self.engine.configs:
                continue
            full = name.encode()
            if not self.engine.judges(body.dimset, body.tier):
                continue
            self._watched(body.tier, min(body.times))  # reported now: watched from then on
            state = self._state(full, body)
            self.engine.add_history(state, body.starts, body.ends, body.sources)
            self.cache[full] = (part, state)
            self.dirty.add(full)

    def _state(
        self, full: bytes, body: keys_topic.KeyEntries | keys_topic.HistoryEntries
    ) -> KeyState:
        hit = self.cache.get(full)
        if hit is not None:
            return hit[1]
        raw = self.stored.get(full)
        if raw is not None:
            return self._load(full, raw, self.partition_of(full))
        return self.engine.new_state(
            body.dimset, body.key, body.dimensions, self.first_event.get(body.tier, 0), body.tier
        )

    def _edge(self, part: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
        mark = self.watermark(part)
        return (self.engine.edges(mark), self.engine.passed(mark))

    def moved(self) -> bool:
        """Whether a watermark crossed a window edge since the last tick (a look per keys
        partition heard from, not per key). The host then ticks at once rather than at its
        timer: a spike whose window waited only for time to pass was told up to a timer
        period late (at a steady 10,000 signals/s its latencies spread evenly over 0-2 s)."""
        return any(self._edge(p) != self.seen_edges.get(p) for p in self.merged.reports)

    def tick(self, limit: int | None = None) -> list[Output]:
        """Close the windows of every held key that its partition's watermark has passed,
        and look again at the open ones after a window read to its end. Only partitions
        whose watermark crossed a window edge since the last tick can have any (a pass
        costs ~µs per key), so the rest are skipped.

        With ``limit``, a pass visits at most that many keys per call and the next calls
        go on with it (``ticking``): on a busy worker a pass over every key (18,000 at a
        steady 10,000 signals/s) was one pause of 0.3-0.4 s in counting, most of the
        steady state's p99. Batches counted between slices are no harm: each key is
        closed at its partition's watermark when its slice comes (a watermark never goes
        back), as a whole pass at that moment would; a key counted meanwhile was closed
        and looked at by its own batch. ``revoke`` and ``assign`` drop what is left."""
        if self.pass_ is None:
            self.pass_ = self._start_pass()
            if self.pass_ is None:
                return []
        left = self.pass_
        stop = len(left.keys) if limit is None else min(len(left.keys), left.at + limit)
        # the watermark and what moved, once per partition and slice: this loop visits
        # every held key (tens of thousands on a backlog), and their per-key lookups were
        # most of it
        marks = {part: self.watermark(part) for part in left.ends}
        out: list[Output] = []
        for full in left.keys[left.at : stop]:
            hit = self.cache.get(full)
            if hit is None:  # forgotten by a checkpoint since the pass began
                continue
            part, state = hit
            mark = marks[part]  # the pass holds only the keys of due partitions
            closed = state.closed
            found = self.engine.close_due(state, watermark=mark)
            if state.windows and (state.closed > closed or left.ends[part]):
                # a closed window is now in the span and history of the open ones after
                # it, or one read to its end may now be passed over: look at them again
                # now, as a new report would make us, rather than at their own close a
                # window later (and as the replay's look does)
                found += self.engine.peek(state, watermark=mark)
            if found:
                out.extend((full, det) for det in found)
                self.dirty.add(full)
        left.at = stop
        if stop == len(left.keys):
            self.pass_ = None
        return out

    @property
    def ticking(self) -> bool:
        """Whether a tick's pass has keys left to visit (``tick`` with a limit)."""
        return self.pass_ is not None

    def _start_pass(self) -> _Pass | None:
        """The keys a tick visits: those of partitions whose watermark crossed an edge."""
        due: dict[int, tuple[tuple[int, ...], tuple[int, ...]]] = {}
        ends: dict[int, bool] = {}  # partition -> a window was read to its end
        held = {p for p, _ in self.cache.values()}
        edges = {p: self._edge(p) for p in held | self.merged.reports.keys()}
        for part in held:
            edge, before = edges[part], self.ticked.get(part)
            if before != edge:
                due[part] = edge
                ends[part] = before is None or before[1] != edge[1]
        self.seen_edges.update((p, edges[p]) for p in self.merged.reports)
        if not due:
            return None
        self.ticked.update(due)  # a watermark moving on during the pass makes another
        # first the keys whose look waited for a window the watermark has now passed (a
        # spike on a quiet route behind a window still filling: its detection waited for
        # the pass to reach it, up to a whole pass; ``KeyState.waits`` is where its last
        # look stopped), then the rest
        marks = {part: self.watermark(part) for part in due}
        first: list[bytes] = []
        rest: list[bytes] = []
        for full, (part, state) in self.cache.items():
            mark = marks.get(part)
            if mark is not None:
                (first if 0 < state.waits <= mark else rest).append(full)
        return _Pass(first + rest, ends)

    # --- checkpoints ---

    def checkpoint(self, mine: set[int] | None) -> Iterator[StateWrite]:
        """The writes for the states changed since the last checkpoint, each made once per
        checkpoint rather than per batch. ``stored`` is updated as they are yielded. A
        state of a partition no longer in ``mine`` (taken by another worker meanwhile) is
        dropped, not written: a late write of ours could land after its new owner's and
        hide what the owner counted since. ``mine`` None means every held partition
        (revocation). A state changed while the caller is between yields is written next
        time. Last, per partition, the offset up to which every record was counted when
        the checkpoint began, which these states (and earlier ones) now hold: Faust takes
        the offsets it commits before this runs, so a restart reads again records the
        states have counted, and must know them for repeats (``count``)."""
        covered = dict(self.read_to)
        came = {part: orjson.dumps({str(p): o for p, o in sorted(c.items())})
                for part, c in self.came.items()}  # fmt: skip
        stray, self.stray = self.stray, []
        for key, part in stray:
            if mine is None or part in mine:
                yield self._put(key, part, None)
            else:  # kept to delete later: a key's next life must not meet these deltas
                self.stray.append((key, part))
        keys = list(self.dirty)
        self.dirty.clear()
        for full in keys:
            hit = self.cache.get(full)
            if hit is None:
                continue
            part, state = hit
            if mine is not None and part not in mine:
                self.cache.pop(full, None)
                self.looked.pop(full, None)
                self.chunks.pop(full, None)
                self.written.pop(full, None)
                continue
            # made whole before the first is handed out: the caller yields to the agent
            # between writes, and counting must not change a state half written
            yield from self._writes(full, part, state)
        for part, offset in covered.items():  # after the states: a lost write only lowers it
            value = b"%d" % offset
            if (mine is None or part in mine) and self.stored.get(cover_key(part)) != value:
                yield self._put(cover_key(part), part, value)
        for part, value in came.items():  # after the states too, for the same reason
            if (mine is None or part in mine) and self.stored.get(came_key(part)) != value:
                yield self._put(came_key(part), part, value)

    def _writes(self, full: bytes, part: int, state: KeyState) -> list[StateWrite]:
        out: list[StateWrite] = []
        if self.engine.forgettable(state, watermark=self.watermark(part)):
            if full not in self.dirty:  # not changed again meanwhile
                self.cache.pop(full, None)
                self.looked.pop(full, None)
            out.append(self._put(full, part, None))  # the snapshot first: parts left
            if history_key(full) in self.stored:  # by a crash after it are stray
                out.append(self._put(history_key(full), part, None))
            self._index()  # the stored deltas
            slots = list(self.slots.get(full, ()))
            out += [self._put(delta_key(full, j), part, None) for j in slots]
            out += [self._put(k, part, None) for k in self.chunks.pop(full, [])]
            self.written.pop(full, None)
            return out
        was = self.written.get(full)
        mark = _base_mark(state)
        counts, windows = frozenset(state.counts), frozenset(state.windows)
        if was is None or was.seq + 1 - was.snap >= COMPACT:  # whole
            seq = 0 if was is None else was.seq + 1
            out.append(self._put(full, part, state_codec.dumps_snapshot(state, seq)))
            for agg in state.windows.values():
                agg.fresh, agg.moved = [], False
            self.written[full] = _Written(mark, counts, windows, seq, seq)
            # chunks of the previous format go once the snapshot holds their reports
            out += [self._put(k, part, None) for k in self.chunks.pop(full, [])]
        else:
            fresh = [
                w for w, a in state.windows.items() if a.fresh or a.moved or w not in was.windows
            ]
            changed = was.mark != mark or counts != was.counts or windows != was.windows
            if fresh or changed:
                seq = was.seq + 1
                delta = state_codec.dumps_delta(
                    state, seq,
                    head=None if was.mark == mark else state_codec.head_of(state),
                    closed=counts - was.counts, trimmed=was.counts - counts,
                    windows=fresh, gone=was.windows - windows,
                )  # fmt: skip
                for w in fresh:
                    state.windows[w].fresh, state.windows[w].moved = [], False
                out.append(self._put(delta_key(full, seq % COMPACT), part, delta))
                self.written[full] = _Written(mark, counts, windows, seq, was.snap)
        if state.hist_changed:  # history (rarely: an import), in an entry of its own, after
            # the state: a crash between leaves history older than the state, which the
            # input read again makes whole, or windows the state's clock no longer borrows
            state.hist_changed = False
            value = state_codec.dumps_history(state.hist) if state.hist else None
            if value is not None or history_key(full) in self.stored:
                out.append(self._put(history_key(full), part, value))
        return out

    def _put(self, key: bytes, part: int, value: bytes | None) -> StateWrite:
        if value is None:
            self.stored.pop(key, None)
        else:
            self.stored[key] = value
        if self.index is not None and _is_part(key):  # kept equal to ``stored``
            full, window, seq = _parse_part(key)
            if window is None:
                seqs = self.slots.setdefault(full, {})
            else:
                seqs = self.index.setdefault(full, {}).setdefault(window, {})
            if value is None:
                seqs.pop(seq, None)
            else:
                seqs[seq] = value
        return StateWrite(key, part, value)
