"""`tahub import` splits a CSV file once: each chunk's bytes are exactly those imports
have always produced (a chunk's digest is its idempotency fingerprint, so a file
imported before must be found again), and the rows the workers read from each chunk's
spans are the rows, numbers and cells the whole chunk reads as (issue 17, item 2)."""

from __future__ import annotations

import csv
import hashlib
import io
import random
from collections.abc import Iterator

import pytest

from producers.intake import tabular
from producers.intake.checker import CHUNK as BATCH
from producers.intake.tabular import CsvBatch
from tahub.bench.history_file import history_csv
from tahub.commands.history import plan
from tahub.errors import TahubError

ORG = "ngo-h"


def _reference(text: str, org_id: str, size: int) -> Iterator[tuple[int, bytes, int]]:
    """The chunks as tahub import wrote them before the split-once change (the csv
    module reads, then writes each chunk's rows): the bytes earlier imports stored."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        return
    org_col = header.index("org_id") if "org_id" in header else None
    keep = [i for i in range(len(header)) if i != org_col]
    rows: list[list[str]] = []
    first = 1

    def body() -> bytes:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([header[i] for i in keep])
        writer.writerows(rows)
        return out.getvalue().encode()

    for number, row in enumerate(reader, start=1):
        if org_col is not None and org_col < len(row) and row[org_col] != org_id:
            raise TahubError(f"row {number} belongs to another organisation")
        # every cell but org_id: cells past the header were once dropped (see below)
        rows.append([c for i, c in enumerate(row) if i != org_col])
        if len(rows) >= size:
            yield first, body(), len(rows)
            first, rows = number + 1, []
    if rows:
        yield first, body(), len(rows)


CELLS = ("a", "", " ", "TH", "2020-01", "x y", "ž€😀", "\t", "\x0b", "\u2028")
QUOTED = ('"a,b"', '"say ""hi"""', '"two\nlines"', '"cr\r\nlf"', '""')


def _file(rng: random.Random, *, quotes: bool, org: bool, rows: int, whole: bool = False) -> str:
    width = 5 if whole else rng.choice((1, 2, 4))  # whole: the columns a chunk needs
    head = ["occurred_on", "tlp", "typologies", "occurred_precision", "summary"][:width]
    if org:
        head.insert(rng.randrange(width + 1), "org_id")
    lines = [",".join(head)]
    for _ in range(rows):
        kind = rng.random()
        if kind < 0.05:
            lines.append("")  # a blank line
        elif kind < 0.1:
            lines.append("," * rng.randrange(4))  # cells all blank
        else:
            cells = [rng.choice(CELLS) for _ in range(len(head) + rng.choice((-1, 0, 0, 0, 2)))]
            if org:
                cells = [ORG if h == "org_id" else c for h, c in zip(head, cells, strict=False)]
                cells += [rng.choice(CELLS)] * max(0, rng.choice((0, 0, 1)))
            if quotes and cells:
                cells[rng.randrange(len(cells))] = rng.choice(QUOTED)
            lines.append(",".join(cells))
    end = rng.choice(("\n", "", "\n\n"))
    return "\n".join(lines) + end


def _planned(text: str, size: int) -> list[tuple[int, bytes, int]] | str:
    try:
        return [(f, part.body, n) for f, part, n in plan(text.encode(), "csv", ORG, size)]
    except TahubError as err:  # another organisation's row: which one
        return str(err).split(" belongs")[0]


def _expected(text: str, size: int) -> list[tuple[int, bytes, int]] | str:
    try:
        return list(_reference(text, ORG, size))
    except TahubError as err:
        return str(err).split(" belongs")[0]


@pytest.mark.parametrize("seed", range(40))
def test_chunks_are_the_bytes_imports_have_always_written(seed: int) -> None:
    rng = random.Random(seed)
    text = _file(rng, quotes=seed % 2 == 1, org=seed % 4 >= 2, rows=rng.choice((1, 7, 60)))
    for size in (1, 3, 5000):
        assert _planned(text, size) == _expected(text, size), (seed, size)


def test_the_benchmark_history_splits_as_before() -> None:
    for text in (history_csv(3000, text=0.0), history_csv(300)):  # plain, and quoted
        decoded = text.decode()
        assert _planned(decoded, 1000) == list(_reference(decoded, ORG, 1000))


def test_a_chunk_is_found_again_by_its_digest() -> None:
    raw = history_csv(2500, text=0.0)
    first, again = plan(raw, "csv", ORG, 1000), plan(raw, "csv", ORG, 1000)
    keys = [(p.idempotency_key, p.sha256) for _, p, _ in first]
    assert keys == [(p.idempotency_key, p.sha256) for _, p, _ in again]
    assert [p.sha256 for _, p, _ in first] == [
        hashlib.sha256(b).hexdigest() for _, b, _ in _reference(raw.decode(), ORG, 1000)
    ]


@pytest.mark.parametrize("seed", range(40))
def test_the_spans_read_as_the_whole_chunk_reads(seed: int) -> None:
    rng = random.Random(seed)
    text = _file(rng, quotes=seed % 2 == 0, org=seed % 3 == 0, rows=rng.choice((5, 80)), whole=True)
    try:
        parts = plan(text.encode(), "csv", ORG, rng.choice((2, 50, 5000)))
    except TahubError:
        return  # another organisation's row (compared above)
    for _, part, _ in parts:
        assert part.spans is not None
        whole, _ = tabular.csv_source(part.body.decode())
        split = [
            item
            for s in part.spans
            for item in CsvBatch(s.after, part.body[s.start : s.end], s.rows).items()
        ]
        assert split == list(whole)
        assert sum(s.rows for s in part.spans) == len(split)
        assert part.body[: part.spans[0].start].count(b"\n") == 1  # the header line


def test_spans_are_batches_of_the_checkers_size() -> None:
    raw = history_csv(BATCH * 2 + 10, text=0.0)
    (_, part, n), = plan(raw, "csv", ORG, 5000)  # fmt: skip
    assert part.spans is not None
    assert n == BATCH * 2 + 10
    assert [s.rows for s in part.spans] == [BATCH, BATCH, 10]
    assert [s.after for s in part.spans] == [0, BATCH, BATCH * 2]


def test_another_organisations_row_is_refused_on_either_path() -> None:
    for row in ("ngo-x,2020,year", 'ngo-x,2020,"year"'):
        text = f"org_id,occurred_on,occurred_precision\n{ORG},2020,year\n{row}\n"
        with pytest.raises(TahubError, match="row 2 belongs to another organisation"):
            plan(text.encode(), "csv", ORG)


@pytest.mark.parametrize("org", [False, True])
@pytest.mark.parametrize("quotes", [False, True])
def test_a_row_with_more_cells_than_the_header_is_refused_not_cut(org: bool, quotes: bool) -> None:
    """A summary with an unquoted comma spills into a cell past the header: the import
    refuses the row for its count, as the bulk API does, instead of storing its first part
    as if it were whole (the spilled part may be what made it RED)."""
    head = "occurred_on,occurred_precision,tlp,typologies,summary"
    head = f"org_id,{head}" if org else head
    cells = [ORG] if org else []
    fixed = ["2026-01", "month", "TLP:RED", "forced_labour"]
    row = ",".join([*cells, *fixed, "recruited in Lagos", " then Tripoli"])
    good = ",".join([*cells, *fixed, '"a, b"' if quotes else "ab"])
    [(_, part, _)] = plan(f"{head}\n{row}\n{good}\n".encode(), "csv", ORG, 100)
    rows, decode = tabular.csv_source(part.body.decode())
    decoded = [decode(number, cells_) for number, cells_ in rows]
    assert [r.number for r in decoded] == [1, 2]
    assert [e.reason for e in decoded[0].errors] == ["has 6 cells; the header has 5"]
    assert decoded[1].errors == ()
