"""Checking bulk rows: validate, scrub, build and encode each row, in worker processes.

``check_rows`` is pure apart from the encoder and does all per-row work of a bulk upload,
so it can run in a process pool: on a 2-core machine one Python process is the ceiling
otherwise. What needs state (duplicates against earlier uploads, the transaction) stays in
the calling process.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import multiprocessing
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple

from producers.intake import faults
from producers.intake.csvcheck import CsvChecker
from producers.intake.scrubbing import built_store
from producers.intake.scrubcache import ScrubCache
from producers.intake.sealing import seal_incident
from producers.intake.submission import (
    EACH_TIME,
    RowError,
    Submission,
    TextScrubber,
    fingerprint,
    incident_id,
    org_ids,
    parse,
    to_incident,
)
from producers.intake.tabular import CsvBatch, CsvDecoder, Raw, Row
from schemas.envelope import DataKey
from schemas.ids import IdKey

CHUNK = 2000
_log = logging.getLogger(__name__)
# the error of a row whose text tahub failed to scrub: its fault, not the partner's
UNPROCESSABLE = RowError(
    "",
    "unprocessable",
    "tahub could not scrub this row's text, so it was not stored; the fault is tahub's "
    "(it is logged for the operators): send the row again later",
)
Encode = Callable[[dict[str, Any]], bytes]
Decode = Callable[[int, Any], Row]


class Checked(NamedTuple):
    """One row's outcome: an encoded incident, or the errors and a digest of the row. A
    tuple: made and pickled for every row of an import, ~2 µs cheaper than a dataclass."""

    row: int
    submission_id: str | None = None
    fingerprint: str = ""
    incident_id: str = ""
    value: bytes = b""
    errors: tuple[RowError, ...] = ()
    kind: str = "ok"  # ok | parse | validation
    digest: str = ""  # sha256 of the rejected row, for its dead letter
    size: int = 0


def payload_digest(data: Any) -> tuple[str, int]:
    """SHA-256 and size of a rejected payload: what its dead letter keeps of it."""
    raw = json.dumps(data, sort_keys=True, default=str).encode()
    return hashlib.sha256(raw).hexdigest(), len(raw)


def encoded_incident(  # noqa: PLR0917
    sub: Submission,
    org_id: str,
    sid: str | None,
    submitted_at: datetime,
    encode: Encode,
    ids: IdKey,
    key: DataKey,
    texts: TextScrubber = EACH_TIME,
) -> tuple[str, bytes]:
    """(incident id, encoded Incident) for an accepted submission, free text scrubbed and
    then sealed under the organisation's data key."""
    iid = incident_id(ids, org_id, sid)
    record = to_incident(sub, org_id=org_id, submitted_at=submitted_at, incident=iid, texts=texts)
    record["submission_id"] = sid
    return iid, encode(seal_incident(record, key))


def row_id(key: str, number: int) -> str:
    """The submission id of a bulk row sent without one: the key its file came under and
    the row's number in the whole file (blank rows are not numbered), never its place in
    a chunk, so the same file under the same key names each row alike however it is split
    (the bulk API's ``Idempotency-Key``; ``tahub import``'s file digest). Submission ids
    never hold ``#``, so no row's own id is one of these; both live in the organisation's
    own namespace (idempotency store, keyed incident ids), so another partner naming the
    same key names only its own rows."""
    return f"{key}#{number}"


def _rejected(row: int, kind: str, errors: Iterable[RowError], data: Any) -> Checked:
    digest, size = payload_digest(data)
    return Checked(row, errors=tuple(errors), kind=kind, digest=digest, size=size)


def check_rows(  # noqa: PLR0917 -- called positionally through the process pool
    items: list[Raw] | CsvBatch,
    decode: Decode,
    org_id: str,
    key: str | None,
    submitted_at: datetime,
    encode: Encode,
    ids: IdKey,
    data_key: DataKey,
    texts_scope: str | None = None,
    after: int = 0,
) -> list[Checked]:
    """Each raw row decoded and checked; a submission id defaults to ``row_id(key, n)``,
    ``n`` the row's number in the whole file (``after`` rows come before these). Each
    distinct text is scrubbed once in the call, or in every call of ``texts_scope``. A
    ``CsvBatch`` is split into its rows here."""
    if isinstance(items, CsvBatch):
        items = list(items.items())
    out: list[Checked] = []
    texts = _texts(texts_scope)
    cells = CsvChecker(decode.names) if isinstance(decode, CsvDecoder) else None
    for number, raw in items:
        # CSV rows by their cells' kept answers; anything else, or a row they do not
        # pass, is decoded and validated whole, for its exact errors
        parsed = cells.submission(raw) if cells is not None else None
        if parsed is None:
            row = decode(number, raw)
            if row.data is None or row.errors:
                kind = "parse" if row.data is None else "validation"
                out.append(_rejected(row.number, kind, row.errors, row.data))
                continue
            whole = parse(row.data)
            if not isinstance(whole, Submission):
                out.append(_rejected(row.number, "validation", whole, row.data))
                continue
            parsed = whole
        sid = parsed.submission_id or (row_id(key, after + number) if key else None)
        try:
            iid, value = encoded_incident(
                parsed, org_id, sid, submitted_at, encode, ids, data_key, texts
            )
        except Exception as e:  # one row's fault must not fail its file
            # a fault in tahub (the scrubber, above all) on one row: that row is refused
            # with a reason and the others go on (the log never quotes the text)
            _log.error("row %d could not be scrubbed and sealed: %s", number, faults.described(e))
            out.append(_rejected(number, "validation", (UNPROCESSABLE,), raw))
            continue
        out.append(Checked(number, sid, fingerprint(parsed), iid, value))
    return out


# this process's scrubbed texts of one scope (see RowChecker's share_texts)
_SHARED: tuple[str, ScrubCache] | None = None


def _texts(scope: str | None) -> ScrubCache:
    """A call's own cache, or its scope's, which replaces the one of any other scope."""
    global _SHARED  # noqa: PLW0603 -- one per worker process, by design
    if scope is None:
        return ScrubCache()
    if _SHARED is None or _SHARED[0] != scope:
        _SHARED = (scope, ScrubCache())
    return _SHARED[1]


def _chunks(items: Iterable[Raw]) -> Iterator[list[Raw]]:
    it = iter(items)
    while chunk := list(islice(it, CHUNK)):
        yield chunk


def _warm(store: Path | None) -> None:
    """A worker's first task: load the scrubber (its lexicon and models, ~5 s, once per
    process) before rows arrive, so the workers load theirs side by side while the caller
    reads the file. Then the stream processes' collector settings: each row allocates
    dozens of short-lived containers, and the default collector walked the start-up heap
    (the scrubber's ~300,000 objects) every few hundred rows, ~8 µs a structured row and
    ~180-250 a new summary (measured with gc.callbacks); frozen, it is never walked again."""
    from producers.intake.scrub import warm
    from streams.gc_tuning import tune_gc

    built_store.use(store)  # where the parent keeps the scrubber's tables
    warm()
    tune_gc()


class Pending:
    """Rows whose checks are under way (or, in this process, not yet started): their
    outcomes in row order."""

    def __init__(self, futures: list[Future[list[Checked]]], inline: Iterator[Checked]) -> None:
        self._futures, self._inline = futures, inline

    def results(self) -> Iterator[Checked]:
        yield from self._inline
        for fut in self._futures:
            yield from fut.result()

    def cancel(self) -> None:
        for fut in self._futures:
            fut.cancel()


class RowChecker:
    """Runs ``check_rows`` over chunks, in ``workers`` processes (0 = in this process).

    With ``share_texts`` (a history import: one checker, one import, then closed) each
    distinct text is scrubbed once per worker process for all of an organisation's rows
    this checker sees, not once per chunk; without it (the long-lived intake), once per
    chunk, and nothing scrubbed is kept between requests."""

    def __init__(
        self, encode: Encode, workers: int, ids: IdKey, *, share_texts: bool = False
    ) -> None:
        self._encode = encode
        self.ids = ids
        self._workers = workers
        self._pool: Executor | None = None
        self._scope = uuid.uuid4().hex if share_texts else None

    def _executor(self) -> Executor:
        if self._pool is None:
            # spawn: the caller runs librdkafka and aiohttp threads a fork would copy mid-state
            ctx = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(
                self._workers, mp_context=ctx, initializer=_warm,
                initargs=(built_store.directory(),),
            )  # fmt: skip
        return self._pool

    def check(  # noqa: PLR0917
        self,
        items: Iterable[Raw],
        decode: Decode,
        org_id: str,
        key: str | None,
        submitted_at: datetime,
        data_key: DataKey,
        *,
        first: DataKey,
    ) -> Iterator[Checked]:
        yield from self.submit(
            items, decode, org_id, key, submitted_at, data_key, first=first
        ).results()

    def _args(  # noqa: PLR0917
        self, decode: Decode, org_id: str, key: str | None, submitted_at: datetime,
        data_key: DataKey, after: int, first: DataKey,
    ) -> tuple[Any, ...]:  # fmt: skip
        """``check_rows``'s arguments after the rows, the same for every chunk of a file;
        incident ids under the organisation's id key (``org_ids`` of its ``first`` data
        key, the vault's oldest: ids stay the same across key rotations)."""
        scope = f"{self._scope}:{org_id}" if self._scope else None
        ids = org_ids(self.ids, first)
        return (decode, org_id, key, submitted_at, self._encode, ids, data_key, scope,
                after)  # fmt: skip

    def submit(  # noqa: PLR0917
        self,
        items: Iterable[Raw],
        decode: Decode,
        org_id: str,
        key: str | None,
        submitted_at: datetime,
        data_key: DataKey,
        *,
        after: int = 0,
        first: DataKey,
    ) -> Pending:
        """Start checking every row now (in the pool, the whole file split at once, so the
        workers check while the caller goes on); small files are checked in this process
        when their results are read. ``after``: rows of the file before these."""
        args = self._args(decode, org_id, key, submitted_at, data_key, after, first)
        chunks = _chunks(items)
        head = next(chunks, None)
        if head is None:
            return Pending([], iter(()))
        if self._workers == 0 or len(head) < CHUNK:  # small files: a pool costs more
            every = itertools.chain([head], chunks)
            return Pending([], (c for chunk in every for c in check_rows(chunk, *args)))
        pool = self._executor()
        futures = [pool.submit(check_rows, head, *args)]
        futures.extend(pool.submit(check_rows, chunk, *args) for chunk in chunks)
        return Pending(futures, iter(()))

    def submit_batches(  # noqa: PLR0917
        self,
        batches: Sequence[CsvBatch],
        decode: Decode,
        org_id: str,
        key: str | None,
        submitted_at: datetime,
        data_key: DataKey,
        *,
        after: int = 0,
        first: DataKey,
    ) -> Pending:
        """As ``submit``, for rows still as CSV text in batches (of up to CHUNK rows):
        each batch is split where it is checked."""
        args = self._args(decode, org_id, key, submitted_at, data_key, after, first)
        if self._workers == 0 or sum(b.rows for b in batches) < CHUNK:  # as ``submit``
            return Pending([], (c for b in batches for c in check_rows(b, *args)))
        pool = self._executor()
        return Pending([pool.submit(check_rows, b, *args) for b in batches], iter(()))

    def close(self) -> None:
        global _SHARED  # noqa: PLW0603
        if self._pool is not None:  # its processes end, and their texts with them
            self._pool.shutdown(wait=False, cancel_futures=True)
        if _SHARED is not None and self._scope and _SHARED[0].startswith(self._scope):
            _SHARED = None  # small files were checked in this process
