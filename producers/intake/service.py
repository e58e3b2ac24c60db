"""The intake use cases: one submission, or a bulk file, from an authenticated organisation.

Validation, scrubbing and the report are pure (submission, tabular); this module adds the
idempotency store and the publisher around them. The HTTP API and `tahub submit` both
call it, so they accept and reject exactly the same records.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from producers.intake import fingerprints, metrics, tabular
from producers.intake.checker import (
    Checked,
    Decode,
    Pending,
    RowChecker,
    encoded_incident,
    payload_digest,
)
from producers.intake.idempotency import Held, IdempotencyStore, Seen
from producers.intake.inflight import WAIT, Busy, InFlight
from producers.intake.publisher import Publisher, Record, Unavailable
from producers.intake.submission import (
    RowError,
    Submission,
    fingerprint,
    org_ids,
    parse,
)
from producers.intake.tabular import CsvBatch, Raw
from schemas.deadletters import coarse_size, unmeasured
from schemas.envelope import DataKey
from schemas.models import DeadLetter, FieldError
from schemas.topics import DLQ, INCIDENTS, TopicSpec

Encode = Callable[[TopicSpec, dict[str, Any]], bytes]
RETRY_AFTER_S = 5


@dataclass
class Outcome:
    """An HTTP-shaped answer: status, JSON body, extra headers."""

    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        return json.dumps(self.body, separators=(",", ":")).encode()


def busy(what: str) -> Outcome:
    """A submission that waited too long for another of its id (``inflight``)."""
    return Outcome(
        503,
        {"error": f"{what} still being accepted after {WAIT:.0f} s; nothing was stored, "
                  "retry (it will then be answered as a duplicate or a conflict)"},
        {"Retry-After": str(RETRY_AFTER_S)},
    )  # fmt: skip


def unavailable(reason: str, *, maybe_stored: bool = False) -> Outcome:
    metrics.UNAVAILABLE.inc()
    stored = (
        "it may have been stored: retry with the same submission_id, never stored twice"
        if maybe_stored
        else "nothing was stored, retry later"
    )
    return Outcome(
        503,
        {"error": f"the event broker is unavailable ({reason}); {stored}"},
        {"Retry-After": str(RETRY_AFTER_S)},
    )


def _errors_body(errors: Iterable[RowError]) -> list[dict[str, str]]:
    return [e.as_dict() for e in errors]


@dataclass
class _Accepted:
    row: int
    submission_id: str | None
    incident_id: str
    fingerprint: str
    duplicate: bool = False


class IntakeService:
    def __init__(
        self,
        publisher: Publisher,
        encode: Encode,
        topic_prefix: str,
        store: IdempotencyStore,
        checker: RowChecker,
        *,
        keys: Callable[[str], DataKey],
        first: Callable[[str], DataKey],
        key_of: Callable[[str, str], DataKey | None] | None = None,
    ) -> None:
        self._checker = checker
        self._keys = keys  # an organisation's current data key (the vault)
        # its first data key (the vault's oldest), behind its incident ids: required, as
        # the current key would give other ids after a rotation
        self._first = first
        # an organisation's data key by id, None if erased (the vault); by default only
        # the current one, enough while no key was rotated
        self._key_of = key_of or _current_only(keys)
        self._pub = publisher
        self._encode = encode
        self._store = store
        self._inflight = InFlight(store)
        self._incidents = INCIDENTS.physical(topic_prefix)
        self._dlq = DLQ.physical(topic_prefix)

    def close(self) -> None:
        self._checker.close()
        self._pub.close()
        self._store.close()

    # --- fingerprints as stored: keyed per organisation (producers.intake.fingerprints) ---

    def _stored(self, org_id: str, digest: str) -> str:
        return fingerprints.keyed(self._keys(org_id), digest)

    def _same(self, org_id: str, stored: str, digest: str) -> bool:
        return fingerprints.matches(stored, digest, lambda kid: self._key_of(org_id, kid))

    # --- dead letters: why, where, a keyed digest of the content; never the content ---

    def _letter_keyer(self, org_id: str) -> Callable[[str], str]:
        return fingerprints.keyer(self._keys(org_id), fingerprints.DEAD_LETTER)

    def _dead_letter(
        self,
        org_id: str,
        ref: str,
        kind: str,
        errors: list[RowError],
        *,
        digest: str,
        size: int,
        keyed: Callable[[str], str],
    ) -> Record:
        """The row's plain digest (``digest``, of its unscrubbed content) and exact size
        would let any reader of dead letters confirm a guessed text: the letter keeps the
        digest keyed under the organisation's data key (``keyed``, from ``_letter_keyer``;
        gone with `tahub orgs forget`) and the size rounded (deadletters.coarse_size); its
        errors keep no length or position measured in the partner's text (``unmeasured``)."""
        errors = [RowError(unmeasured(e.path), e.kind, unmeasured(e.reason)) for e in errors]
        dl = DeadLetter(
            dead_letter_id=str(uuid.uuid4()),
            stage="intake",
            record_ref=ref,
            org_id=org_id,
            error_kind=kind,
            reason=f"{len(errors)} problem(s): "
            + "; ".join(f"{e.path}: {e.reason}" for e in errors)[:900],
            errors=[FieldError(path=e.path, reason=e.reason) for e in errors],
            payload_fingerprint=keyed(digest),
            payload_size=coarse_size(size),
            failed_at=datetime.now(UTC),
        )
        return self._dlq, b"intake", self._encode(DLQ, dl.to_avro())

    # --- one submission ---

    async def submit_one(self, org_id: str, data: Any, idempotency_key: str | None) -> Outcome:
        parsed = parse(data)
        if (
            isinstance(parsed, Submission)
            and idempotency_key
            and parsed.submission_id
            not in (
                None,
                idempotency_key,
            )
        ):
            parsed = [
                RowError("submission_id", "string", "differs from the Idempotency-Key header")
            ]
        if not isinstance(parsed, Submission):
            metrics.ROWS.labels("rejected").inc()
            ref = f"request/{uuid.uuid4()}"
            digest, size = payload_digest(data)
            dead = self._dead_letter(org_id, ref, "validation", parsed, digest=digest, size=size,
                                     keyed=self._letter_keyer(org_id))  # fmt: skip
            self._pub.send_quietly(*dead)
            return Outcome(
                422,
                {
                    "error": f"the incident is not valid ({len(parsed)} problem(s)); "
                    "nothing was stored",
                    "errors": _errors_body(parsed),
                },
            )
        sid = parsed.submission_id or idempotency_key
        if sid is None:
            return await self._accept_one(org_id, parsed, None)
        try:  # from the look at earlier submissions to remembering this one (``inflight``)
            held = await self._inflight.hold(org_id, sid)
        except Busy:
            return busy("another submission with this id is")
        try:
            return await self._accept_one(org_id, parsed, sid)
        finally:
            self._inflight.release(org_id, sid, held)

    async def _accept_one(self, org_id: str, parsed: Submission, sid: str | None) -> Outcome:
        fp = fingerprint(parsed)
        if sid is not None:
            seen = self._store.seen(org_id, [sid]).get(sid)
            if seen is not None:
                if not self._same(org_id, seen.fingerprint, fp):
                    return _conflict(sid)
                metrics.ROWS.labels("duplicate").inc()
                return Outcome(
                    202,
                    {"incident_id": seen.incident_id, "submission_id": sid, "duplicate": True},
                )
        held = self._store.held(org_id, sid) if sid is not None else None
        if held is not None and not self._same(org_id, held.fingerprint, fp):
            return _conflict(sid or "")  # the first content may be stored already
        if held is not None:  # a retry of a record that may be written: the same bytes
            iid, value = held.incident_id, held.value
        else:
            # scrubbing is CPU work (a dense Chinese summary of 4,000 characters ~2 s, the
            # first text of a process the scrubber's load): in a thread, so that the event
            # loop answers every other request meanwhile
            iid, value = await asyncio.to_thread(
                encoded_incident,
                parsed,
                org_id,
                sid,
                datetime.now(UTC),
                lambda r: self._encode(INCIDENTS, r),
                org_ids(self._checker.ids, self._first(org_id)),
                self._keys(org_id),
            )
        try:
            await self._pub.send_async(self._incidents, iid.encode(), value)
        except Unavailable as err:
            if sid is not None and err.maybe_stored:
                self._store.hold(org_id, sid, Held(self._stored(org_id, fp), iid, value))
            return unavailable(str(err), maybe_stored=err.maybe_stored)
        if sid is not None:
            self._store.remember(org_id, [(sid, self._stored(org_id, fp), iid)])
        metrics.ROWS.labels("accepted").inc()
        return Outcome(202, {"incident_id": iid, "submission_id": sid, "duplicate": False})

    # --- a bulk file ---

    def submit_file(
        self,
        org_id: str,
        body: bytes,
        *,
        fmt: str,
        idempotency_key: str | None,
        progress: Callable[[int], object] | None = None,
    ) -> Outcome:
        """A whole CSV or JSON Lines file; an unreadable file is a 422 and stores nothing.
        ``progress`` is told of each row as its checks finish."""
        try:
            items, decode = tabular.source(fmt, tabular.decode(body))
            return self.submit_bulk(
                org_id,
                items,
                decode,
                fmt=fmt,
                idempotency_key=idempotency_key,
                body_sha256=hashlib.sha256(body).hexdigest(),
                path_of=tabular.csv_path if fmt == "csv" else _same,
                progress=progress,
            )
        except tabular.FileError as err:
            return Outcome(422, {"error": str(err)})

    def submit_bulk(
        self,
        org_id: str,
        items: Iterable[Raw],
        decode: Decode,
        *,
        fmt: str,
        idempotency_key: str | None,
        body_sha256: str,
        path_of: Callable[[str], str] = lambda p: p,
        progress: Callable[[int], object] | None = None,
    ) -> Outcome:
        started = self._start(org_id, items, decode, idempotency_key, body_sha256)
        if isinstance(started, Outcome):
            return started
        return self._finish(org_id, started, fmt=fmt, key=idempotency_key,
                            body_sha256=body_sha256, path_of=path_of,
                            progress=progress)  # fmt: skip

    def submit_files(
        self, org_id: str, files: Iterable[FilePart], *, fmt: str, ahead: int = 2
    ) -> Iterator[Outcome]:
        """Several files (a history's chunks) in order, each as ``submit_file`` with its own
        idempotency key and transaction, but the rows of the next ``ahead`` files are
        checked in the worker processes while this one's transaction commits: the
        workers never wait for the broker, nor the broker for them."""
        queue: deque[tuple[FilePart, str | None, Outcome | Pending]] = deque()
        parts = iter(files)
        path_of = tabular.csv_path if fmt == "csv" else _same
        try:
            while True:
                while len(queue) <= ahead and (part := next(parts, None)) is not None:
                    queue.append((part, *self._start_file(org_id, part, fmt)))
                if not queue:
                    return
                part, key, started = queue.popleft()
                if isinstance(started, Outcome):
                    yield started
                    continue
                try:
                    yield self._finish(org_id, started, fmt=fmt, key=key,
                                       body_sha256=part.sha256, path_of=path_of)  # fmt: skip
                except tabular.FileError as err:  # found while reading its rows: none sent
                    yield Outcome(422, {"error": str(err)})
        finally:  # stopped early: checks under way for later parts are not wanted
            for _, _, started in queue:
                if isinstance(started, Pending):
                    started.cancel()

    def _start_file(
        self, org_id: str, part: FilePart, fmt: str
    ) -> tuple[str | None, Outcome | Pending]:
        """The key the part's report is kept under, and the part replayed or being checked.
        A key holding the report of other bytes is the same file split another way before:
        its rows are checked and found by their own ids (``checker.row_id``), not refused,
        and this report is not kept."""
        key: str | None = part.idempotency_key
        stored = self._store.response(org_id, part.idempotency_key)
        if stored is not None and not self._same(org_id, stored.fingerprint, part.sha256):
            key = None
        rows = _RowNames(part.rows_key or part.idempotency_key, part.after)
        try:
            if part.spans is not None:  # CSV rows split by the caller, checked as text
                head = part.spans[0].start if part.spans else len(part.body)
                _, names = tabular.csv_source(tabular.decode(part.body[:head]))  # the header
                batches = [CsvBatch(b.after, part.body[b.start : b.end], b.rows)
                           for b in part.spans]  # fmt: skip
                return key, self._start(org_id, (), names, key, part.sha256, rows=rows,
                                        batches=batches)  # fmt: skip
            items, decode = tabular.source(fmt, tabular.decode(part.body))
            return key, self._start(org_id, items, decode, key, part.sha256, rows=rows)
        except tabular.FileError as err:
            return key, Outcome(422, {"error": str(err)})

    def _start(
        self,
        org_id: str,
        items: Iterable[Raw],
        decode: Decode,
        idempotency_key: str | None,
        body_sha256: str,
        *,
        rows: _RowNames | None = None,
        batches: list[CsvBatch] | None = None,
    ) -> Outcome | Pending:
        """The stored answer of a replayed request, or the request's rows (``items``, or
        ``batches`` of CSV text) being checked; rows without a submission id are named
        under ``rows`` (by default the request's key, counted from its first row)."""
        if idempotency_key is not None:
            stored = self._store.response(org_id, idempotency_key)
            if stored is not None:
                if not self._same(org_id, stored.fingerprint, body_sha256):
                    return _conflict(idempotency_key, what="Idempotency-Key")
                body = json.loads(stored.body)
                body["replayed"] = True
                return Outcome(stored.status, body)
        now = datetime.now(UTC)
        key = self._keys(org_id)
        named = rows or _RowNames(idempotency_key, 0)
        first = self._first(org_id)
        if batches is not None:
            return self._checker.submit_batches(batches, decode, org_id, named.key, now, key,
                                                after=named.after, first=first)  # fmt: skip
        return self._checker.submit(
            items, decode, org_id, named.key, now, key, after=named.after, first=first
        )

    def _finish(
        self,
        org_id: str,
        pending: Pending,
        *,
        fmt: str,
        key: str | None,
        body_sha256: str,
        path_of: Callable[[str], str],
        progress: Callable[[int], object] | None = None,
    ) -> Outcome:
        """Checked rows against earlier uploads, into one transaction, then remembered."""
        run = _BulkRun(self, org_id, path_of)
        checked = run.in_file(_told(pending.results(), progress))
        ids = [c.submission_id for c in checked if c.submission_id]
        try:
            with self._inflight.holding(org_id, ids):  # as ``submit_one`` holds its id
                return self._send_file(org_id, run, checked, ids, key, body_sha256, fmt)
        except Busy:
            return busy("other submissions with ids of this file are")

    def _send_file(  # noqa: PLR0917
        self, org_id: str, run: _BulkRun, checked: list[Checked], ids: list[str],
        key: str | None, body_sha256: str, fmt: str,
    ) -> Outcome:  # fmt: skip
        seen = self._store.seen(org_id, ids)
        records = run.resolve(checked, seen)
        try:
            self._pub.send_all(records + run.dead)
        except Unavailable as err:
            return unavailable(str(err))
        keyed = fingerprints.keyer(self._keys(org_id))
        self._store.remember(
            org_id,
            [
                (a.submission_id, keyed(a.fingerprint), a.incident_id)
                for a in run.accepted
                if a.submission_id is not None and not a.duplicate
            ],
        )
        outcome = Outcome(200, run.report(fmt))
        if key is not None:
            self._store.keep_response(org_id, key, keyed(body_sha256), 200, outcome.to_bytes())
        return outcome


@dataclass(frozen=True)
class Span:
    """Rows of a CSV part, bytes ``start`` to ``end`` of its body, numbered after
    ``after``; ``rows`` of them are numbered (blank rows are not)."""

    after: int
    start: int
    end: int
    rows: int


@dataclass(frozen=True)
class FilePart:
    """One file of several (``submit_files``): its bytes, the key its report is kept under
    and its digest; its rows are named under ``rows_key`` (by default its key) as rows
    ``after`` + 1, … of the whole file (``checker.row_id``). A CSV part may come with its
    rows already split (``spans``, after its header line): the workers split each span's
    bytes themselves, so the file is split once."""

    body: bytes
    idempotency_key: str
    sha256: str
    spans: tuple[Span, ...] | None = None
    rows_key: str | None = None
    after: int = 0


@dataclass(frozen=True)
class _RowNames:
    """What rows without a submission id are named under, and how many rows come first."""

    key: str | None
    after: int


def _told(rows: Iterator[Checked], progress: Callable[[int], object] | None) -> Iterator[Checked]:
    for row in rows:
        yield row
        if progress is not None:
            progress(1)


def _same(path: str) -> str:
    return path


def _current_only(keys: Callable[[str], DataKey]) -> Callable[[str, str], DataKey | None]:
    def key_of(org_id: str, key_id: str) -> DataKey | None:
        key = keys(org_id)
        return key if key.key_id == key_id else None

    return key_of


class _BulkRun:
    """The bookkeeping of one bulk request: what is accepted, duplicated and rejected."""

    def __init__(self, service: IntakeService, org_id: str, path_of: Callable[[str], str]) -> None:
        self.service, self.org_id, self.path_of = service, org_id, path_of
        self.request_id = str(uuid.uuid4())
        self.submitted = 0
        self.accepted: list[_Accepted] = []
        self.rejections: list[dict[str, Any]] = []
        self.dead: list[Record] = []
        self._keyed: Callable[[str], str] | None = None  # made at the first rejected row

    def reject(self, c: Checked, kind: str, errors: Iterable[RowError]) -> None:
        shown = [RowError(self.path_of(e.path), e.kind, e.reason) for e in errors]
        self.rejections.append({"row": c.row, "errors": _errors_body(shown)})
        ref = f"{self.request_id}/row/{c.row}"
        if self._keyed is None:
            self._keyed = self.service._letter_keyer(self.org_id)
        self.dead.append(self.service._dead_letter(self.org_id, ref, kind, shown, digest=c.digest,
                                                   size=c.size, keyed=self._keyed))  # fmt: skip

    def in_file(self, checked: Iterable[Checked]) -> list[Checked]:
        """Rows that passed their checks and do not contradict an earlier row of the file."""
        out: list[Checked] = []
        first_of: dict[str, str] = {}
        for c in checked:
            self.submitted += 1
            if c.errors:
                self.reject(c, c.kind, c.errors)
            elif c.submission_id and first_of.setdefault(c.submission_id, c.fingerprint) != (
                c.fingerprint
            ):
                reason = "repeats an earlier row of this file with different content"
                self.reject(c, "conflict", [RowError("submission_id", "string", reason)])
            else:
                out.append(c)
        return out

    def resolve(self, checked: list[Checked], seen: dict[str, Seen]) -> list[Record]:
        """Incident records for rows not stored before; earlier ones become duplicates."""
        records: list[Record] = []
        emitted: set[str] = set()
        topic = self.service._incidents
        for c in checked:
            sid = c.submission_id
            prior = seen.get(sid) if sid is not None else None
            if prior is not None and not self.service._same(
                self.org_id, prior.fingerprint, c.fingerprint
            ):
                reason = "was already used for a different incident; use a new submission_id"
                self.reject(c, "conflict", [RowError("submission_id", "string", reason)])
                continue
            duplicate = prior is not None or sid in emitted
            iid = prior.incident_id if prior else c.incident_id
            self.accepted.append(_Accepted(c.row, sid, iid, c.fingerprint, duplicate))
            if duplicate:
                continue
            if sid is not None:
                emitted.add(sid)
            records.append((topic, iid.encode(), c.value))
        return records

    def report(self, fmt: str) -> dict[str, Any]:
        dupes = sum(a.duplicate for a in self.accepted)
        metrics.ROWS.labels("accepted").inc(len(self.accepted) - dupes)
        metrics.ROWS.labels("duplicate").inc(dupes)
        metrics.ROWS.labels("rejected").inc(len(self.rejections))
        return {
            "request_id": self.request_id,
            "format": fmt,
            "submitted": self.submitted,
            "accepted": len(self.accepted),
            "duplicates": dupes,
            "rejected": len(self.rejections),
            "rejections": sorted(self.rejections, key=lambda r: int(r["row"])),
            "incidents": [
                {
                    "row": a.row,
                    "submission_id": a.submission_id,
                    "incident_id": a.incident_id,
                    "duplicate": a.duplicate,
                }
                for a in self.accepted
            ],
        }


def _conflict(key: str, what: str = "submission_id") -> Outcome:
    del key  # partner ids may be meaningful; the partner knows which one they sent
    return Outcome(
        409,
        {
            "error": f"this {what} was already used for different content; "
            "send new content under a new id"
        },
    )
