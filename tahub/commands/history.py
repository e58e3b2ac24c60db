"""`tahub import`: an organisation's history (CSV or JSON Lines), in chunks, with progress.

The same checks as a submission (validation, scrubbing, sealing, one Kafka transaction
per chunk), so history lands in the warehouse exactly as live reports do and counts by
occurrence in analytics. Live detection tells it from news by itself: its occurrence is
long before its report (``streams.detect.live``), so no flag marks it; it fills the
baselines of the keys it names by occurrence (the first live window after an import is
judged against it) and never raises an alert for a window long closed. A row is named
by the file's digest and its own row number, never by its chunk, so importing the same
file again, split the same way or not, stores nothing new. A row may name its organisation (an
``org_id`` column or field); a file naming any other than the importer's is refused
whole, before anything is stored.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tahub import progress
from tahub.commands.context import settings_of
from tahub.commands.submit import file_format, print_report
from tahub.errors import TahubError
from tahub.exitcodes import Exit

if TYPE_CHECKING:
    from producers.intake.service import FilePart, Span
    from tahub.settings import Settings

CHUNK = 5_000  # rows per transaction


# a chunk as planned: (first row number, CSV or JSON Lines bytes, rows, spans of CSV rows,
# rows of the file before it as the checks number them: blank rows are not numbered)
_Chunk = tuple[int, bytes, int, "tuple[Span, ...] | None", int]


def _csv_chunks(text: str, org_id: str, size: int) -> Iterator[_Chunk]:
    """Chunks with the header on each, ``org_id`` column checked and dropped, and each
    chunk's rows in spans of the checker's batch size. The bytes are the csv module's
    writing of the rows it read, as they have always been: a chunk's digest is its
    idempotency fingerprint, so an import made before must find the same bytes again. A
    file without quotes, carriage returns or NULs is split by lines, which gives the same
    bytes (tests/test_import_split.py) at a fraction of the cost."""
    plain = '"' not in text and "\r" not in text and "\x00" not in text
    lines = text.split("\n") if plain else []
    if plain and lines[0]:
        if lines[-1] == "":  # the file's last newline ends its last row
            lines.pop()
        rows: Iterator[tuple[str, bool]] = _plain_rows(lines, org_id)
        header = next(rows)[0]
    else:
        from producers.intake.tabular import csv_reader

        reader = csv_reader(text)  # as the workers read the chunks' bytes
        first_row = next(reader, None)
        if first_row is None:
            return
        header, rows = _read_rows(first_row, reader, org_id)
    yield from _chunked(header, rows, size)


def _plain_rows(lines: list[str], org_id: str) -> Iterator[tuple[str, bool]]:
    """Each line as the csv module would write the cells it reads from it, and whether
    they are all blank (such a row is not numbered); the header first."""
    header = lines[0].split(",")
    org_col = header.index("org_id") if "org_id" in header else None
    yield _written(_kept(header, org_col)), False
    commas = len(header) - 1
    for number, line in enumerate(lines[1:], start=1):
        if org_col is None and line.count(",") <= commas:  # the line as it is
            lead = line[:1]
            blank = (not lead or lead == "," or lead.isspace()) and not (
                line.replace(",", "").strip()
            )
            yield line, blank
            continue
        cells = line.split(",") if line else []
        if org_col is not None and org_col < len(cells) and cells[org_col] != org_id:
            raise _other_org(number, org_id)
        kept = _kept(cells, org_col)
        yield _written(kept), not any(c.strip() for c in kept)


def _kept(cells: list[str], org_col: int | None) -> list[str]:
    """A row's cells but its org_id: every one, those past the header too, so that the
    checks refuse the row for its count as the bulk API does (dropping them once stored a
    row whose summary had spilled into further cells as if it were whole)."""
    return cells if org_col is None else [c for i, c in enumerate(cells) if i != org_col]


def _written(cells: list[str]) -> str:
    """A row of cells without quotes, CR or NUL as csv.writer writes it."""
    return '""' if cells == [""] else ",".join(cells)


def _read_rows(
    header: list[str], reader: Iterator[list[str]], org_id: str
) -> tuple[str, Iterator[tuple[str, bool]]]:
    org_col = header.index("org_id") if "org_id" in header else None
    line = _LastLine()
    # one write() a row; the terminator matters: fields holding its characters are
    # quoted, and a CR must be (the workers end a row there), though rows end in "\n"
    writer = csv.writer(line, lineterminator="\r\n")

    def rows() -> Iterator[tuple[str, bool]]:
        for number, row in enumerate(reader, start=1):
            if org_col is not None and org_col < len(row) and row[org_col] != org_id:
                raise _other_org(number, org_id)
            kept = _kept(row, org_col)
            writer.writerow(kept)
            yield line.text, not any(c.strip() for c in kept)

    writer.writerow(_kept(header, org_col))
    return line.text, rows()


class _LastLine:
    """The last row a csv.writer wrote."""

    text = ""

    def write(self, text: str) -> None:
        self.text = text[:-2]  # without its "\r\n"


def _other_org(number: int, org_id: str) -> TahubError:
    return TahubError(f"row {number} belongs to another organisation; import only {org_id}'s rows")


def _chunked(header: str, rows: Iterator[tuple[str, bool]], size: int) -> Iterator[_Chunk]:
    """Rows (as written, blank or not) in chunks of ``size``, each chunk's numbered rows
    in spans of the checker's batch: (first row, bytes, rows, spans)."""
    from producers.intake.checker import CHUNK as BATCH
    from producers.intake.service import Span

    head = (header + "\n").encode()
    first, count, before = 1, 0, 0
    pieces: list[bytes] = [head]
    spans: list[Span] = []
    span: list[str] = []
    numbered = after = 0
    offset = len(head)

    def close_span() -> None:
        nonlocal offset, after
        raw = "".join(span).encode()
        spans.append(Span(after, offset, offset + len(raw), numbered - after))
        pieces.append(raw)
        offset += len(raw)
        after = numbered
        span.clear()

    for line, blank in rows:
        if numbered - after >= BATCH and not blank:
            close_span()
        span.append(line + "\n")
        numbered += not blank
        count += 1
        if count >= size:
            close_span()
            yield first, b"".join(pieces), count, tuple(spans), before
            first += count
            before += numbered
            count = numbered = after = 0
            pieces, spans, offset = [head], [], len(head)
    if count:
        close_span()
        yield first, b"".join(pieces), count, tuple(spans), before


def _jsonl_chunks(text: str, org_id: str, size: int) -> Iterator[_Chunk]:
    lines: list[str] = []
    first, before = 1, 0
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        lines.append(_own_line(line, org_id, number))
        if len(lines) >= size:
            yield first, "\n".join(lines).encode(), len(lines), None, before
            first, before, lines = number + 1, before + len(lines), []
    if lines:
        yield first, "\n".join(lines).encode(), len(lines), None, before


def _own_line(line: str, org_id: str, number: int) -> str:
    """The line without its ``org_id`` (refused if any ``org_id`` member names another
    organisation); a line that is not strict JSON (schemas.strictjson, as the checks read
    it) or not an object goes on as it is, for the checks to reject with the reason.
    Python's json keeps the last of two members of one name: the line written again
    would hide the first ("tlp":"RED","tlp":"CLEAR" stored as CLEAR)."""
    if '"org_id"' not in line and "\\u" not in line:  # a name may be spelt with escapes
        return line
    from schemas import strictjson

    try:
        data: Any = strictjson.loads(line)
    except (ValueError, RecursionError):
        # refused by the checks with the reason, but never a line of another organisation,
        # even one naming it beside its own (a name twice: read with every member kept)
        try:
            members = json.loads(line, object_pairs_hook=_Members)
        except (ValueError, RecursionError):
            return line
        if isinstance(members, _Members):
            _own([v for k, v in members if k == "org_id"], org_id, number)
        return line
    if not isinstance(data, dict) or "org_id" not in data:
        return line
    _own([data.pop("org_id")], org_id, number)
    out = json.dumps(data, ensure_ascii=False)
    try:
        out.encode()
    except UnicodeEncodeError:  # a lone surrogate ("\\ud800"): escaped again, so the
        return json.dumps(data)  # checks refuse the row naming its field, not the file
    return out


def _own(named: list[Any], org_id: str, number: int) -> None:
    if any(v != org_id for v in named):
        raise TahubError(
            f"line {number} belongs to another organisation; import only {org_id}'s rows"
        )


class _Members(list[tuple[str, Any]]):
    """A JSON object's members in order, a name given twice included."""


def chunks(text: str, fmt: str, org_id: str, size: int = CHUNK) -> list[tuple[int, bytes, int]]:
    """The whole file in chunks, checked for other organisations' rows before any is sent."""
    return [(first, body, n) for first, body, n, _, _ in _split(text, fmt, org_id, size)]


def _split(text: str, fmt: str, org_id: str, size: int) -> list[_Chunk]:
    split = _csv_chunks if fmt == "csv" else _jsonl_chunks
    return list(split(text, org_id, size))


def _shift(body: dict[str, Any], after: int) -> None:
    """Row numbers of a chunk's report as the file's (``after`` rows before the chunk):
    the numbers its rows' ids are made of, whatever the chunk size."""
    for item in body["rejections"]:
        item["row"] = int(item["row"]) + after


def import_bytes(
    s: Settings,
    org_id: str,
    raw: bytes,
    fmt: str,
    chunk: int = CHUNK,
    *,
    progress: Callable[[int], object] | None = None,
    name: str = "the file",
) -> dict[str, Any]:
    """Import ``raw`` (CSV or JSON Lines) as ``org_id``'s history: checked for other
    organisations' rows first, then chunk by chunk, each one Kafka transaction (see
    ``plan`` for the ids). The summed report."""
    return import_parts(s, org_id, plan(raw, fmt, org_id, chunk, name=name), fmt,
                        progress=progress, name=name)  # fmt: skip


def plan(
    raw: bytes, fmt: str, org_id: str, chunk: int = CHUNK, *, name: str = "the file"
) -> list[tuple[int, FilePart, int]]:
    """The file's chunks as (first row, part, rows), checked for other organisations'
    rows before any is sent. A row without a submission_id is named by the file's digest
    and its own number in the file (``checker.row_id``), so an import split another way
    finds every row stored before; a chunk's report is kept under the digest and the
    chunk's first row, so an import split the same way replays it unchecked."""
    from producers.intake.service import FilePart

    digest = hashlib.sha256(raw).hexdigest()[:24]
    try:
        parts = _split(raw.decode("utf-8-sig"), fmt, org_id, max(1, chunk))
    except UnicodeDecodeError:
        raise TahubError(f"{name} is not UTF-8 text") from None
    key = f"import:{digest}"
    out = []
    for first, body, n, spans, after in parts:
        sha = hashlib.sha256(body).hexdigest()
        out.append((first, FilePart(body, f"{key}:{first}", sha, spans, key, after), n))
    return out


def import_parts(
    s: Settings,
    org_id: str,
    parts: list[tuple[int, FilePart, int]],
    fmt: str,
    *,
    progress: Callable[[int], object] | None = None,
    name: str = "the file",
) -> dict[str, Any]:
    """Send a planned file's chunks in order; the next chunks are checked in the worker
    processes while one commits (``IntakeService.submit_files``)."""
    from tahub import wiring

    total: dict[str, Any] = {"submitted": 0, "accepted": 0, "duplicates": 0, "rejected": 0,
                             "rejections": [], "replayed_chunks": 0}  # fmt: skip
    service = wiring.intake_service(s, role="import")
    try:
        outcomes = service.submit_files(org_id, (part for _, part, _ in parts), fmt=fmt)
        for (_, part, n), outcome in zip(parts, outcomes, strict=True):
            if outcome.status != 200:
                raise TahubError(f"{name}, rows from {part.after + 1}: {outcome.body['error']}")
            _shift(outcome.body, part.after)
            replayed = bool(outcome.body.get("replayed"))
            for field in ("submitted", "accepted", "rejected"):
                total[field] += outcome.body[field]
            # a chunk stored by an earlier import: all its rows are already there
            total["duplicates"] += outcome.body["accepted"] if replayed else (
                outcome.body["duplicates"]
            )  # fmt: skip
            total["replayed_chunks"] += replayed
            total["rejections"] += outcome.body["rejections"]
            if progress is not None:
                progress(n)
    finally:
        service.close()
    return total


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--org", "org_id", required=True, help="The organisation whose history this is.")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), help="Default: by suffix.")
@click.option("--chunk", default=CHUNK, show_default=True, help="Rows per Kafka transaction.")
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
@click.pass_context
def import_history(  # noqa: PLR0917
    ctx: click.Context, file: Path, org_id: str, fmt: str | None, chunk: int, as_json: bool
) -> None:
    """Import ORG's history from a CSV or JSON Lines file (idempotent: a second import of
    the same file stores nothing new).

    Exit status: 0 all rows accepted, 3 some rows rejected, 1 nothing stored.
    """

    from streams.gc_tuning import tune_gc

    s = settings_of(ctx)
    tune_gc()  # a process of its own: its per-row bookkeeping, as the stream processes'
    fmt = file_format(s, file, org_id, fmt)
    parts = plan(file.read_bytes(), fmt, org_id, chunk, name=file.name)
    size = sum(n for _, _, n in parts)
    with progress.bar("importing", total=size, unit="row") as update:
        total = import_parts(s, org_id, parts, fmt, progress=update, name=file.name)
    if as_json:
        click.echo(json.dumps(total, indent=2))
    else:
        print_report(total)
    sys.exit(Exit.PARTIAL if total["rejected"] else Exit.OK)
