"""`tahub import`: an organisation's history (CSV or JSON Lines), in chunks, with progress.

The same checks as a submission (validation, scrubbing, sealing, one Kafka transaction
per chunk), so history lands in the warehouse exactly as live reports do and counts by
occurrence in analytics. Live detection tells it from news by itself: its occurrence is
long before its report (``streams.detect.live``), so no flag marks it; it fills the
baselines of the keys it names by occurrence (the first live window after an import is
judged against it) and never raises an alert for a window long closed. Each chunk
carries an idempotency key made of the file's digest and the chunk's first row, so
importing the same file again stores nothing new. A row may name its organisation (an
``org_id`` column or field); a file naming any other than the importer's is refused
whole, before anything is stored.
"""

from __future__ import annotations

import csv
import hashlib
import io
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
    from producers.intake.service import FilePart
    from tahub.settings import Settings

CHUNK = 5_000  # rows per transaction


def _csv_chunks(text: str, org_id: str, size: int) -> Iterator[tuple[int, bytes, int]]:
    """(first row number, chunk as CSV bytes, rows) with the header on each chunk; an
    ``org_id`` column is checked and dropped."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        return
    org_col = header.index("org_id") if "org_id" in header else None
    keep = [i for i in range(len(header)) if i != org_col]
    rows: list[list[str]] = []
    first = 1
    for number, row in enumerate(reader, start=1):
        if org_col is not None and org_col < len(row) and row[org_col] != org_id:
            raise TahubError(
                f"row {number} belongs to another organisation; import only {org_id}'s rows"
            )
        rows.append([row[i] for i in keep if i < len(row)])
        if len(rows) >= size:
            yield first, _csv_bytes([header[i] for i in keep], rows), len(rows)
            first, rows = number + 1, []
    if rows:
        yield first, _csv_bytes([header[i] for i in keep], rows), len(rows)


def _csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def _jsonl_chunks(text: str, org_id: str, size: int) -> Iterator[tuple[int, bytes, int]]:
    lines: list[str] = []
    first = 1
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        lines.append(_own_line(line, org_id, number))
        if len(lines) >= size:
            yield first, "\n".join(lines).encode(), len(lines)
            first, lines = number + 1, []
    if lines:
        yield first, "\n".join(lines).encode(), len(lines)


def _own_line(line: str, org_id: str, number: int) -> str:
    """The line without its ``org_id`` (refused if it names another organisation); a line
    that is not a JSON object goes on as it is, for the checks to reject with the reason."""
    if '"org_id"' not in line:
        return line
    try:
        data: Any = json.loads(line)
    except ValueError:
        return line
    if not isinstance(data, dict) or "org_id" not in data:
        return line
    if data.pop("org_id") != org_id:
        raise TahubError(
            f"line {number} belongs to another organisation; import only {org_id}'s rows"
        )
    return json.dumps(data, ensure_ascii=False)


def chunks(text: str, fmt: str, org_id: str, size: int = CHUNK) -> list[tuple[int, bytes, int]]:
    """The whole file in chunks, checked for other organisations' rows before any is sent."""
    split = _csv_chunks if fmt == "csv" else _jsonl_chunks
    return list(split(text, org_id, size))


def _shift(body: dict[str, Any], first: int) -> None:
    """Row numbers of a chunk's report as the file's."""
    for item in body["rejections"]:
        item["row"] = int(item["row"]) + first - 1


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
    organisations' rows first, then chunk by chunk, each one Kafka transaction under an
    idempotency key of the file's digest and the chunk's first row. The summed report."""
    return import_parts(s, org_id, plan(raw, fmt, org_id, chunk, name=name), fmt,
                        progress=progress, name=name)  # fmt: skip


def plan(
    raw: bytes, fmt: str, org_id: str, chunk: int = CHUNK, *, name: str = "the file"
) -> list[tuple[int, FilePart, int]]:
    """The file's chunks as (first row, part with its idempotency key, rows), checked for
    other organisations' rows before any is sent."""
    from producers.intake.service import FilePart

    digest = hashlib.sha256(raw).hexdigest()[:24]
    try:
        parts = chunks(raw.decode("utf-8-sig"), fmt, org_id, max(1, chunk))
    except UnicodeDecodeError:
        raise TahubError(f"{name} is not UTF-8 text") from None
    return [
        (first, FilePart(body, f"import:{digest}:{first}", hashlib.sha256(body).hexdigest()), n)
        for first, body, n in parts
    ]


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
        for (first, _, n), outcome in zip(parts, outcomes, strict=True):
            if outcome.status != 200:
                raise TahubError(f"{name}, rows from {first}: {outcome.body['error']}")
            _shift(outcome.body, first)
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

    s = settings_of(ctx)
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
