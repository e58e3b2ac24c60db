"""A crafted CSV file against `tahub import`'s split (tahub.commands.history.plan and the
workers' tabular.CsvBatch): the rows the checker gets must be the file's rows, each whole,
numbered as the whole chunk numbers them, whatever the cells hold.

The import reads the file with the csv module, writes each chunk's rows back as CSV, and
the workers read each span of those bytes again. A cell the writer leaves unquoted but the
reader splits at (a lone carriage return: csv.writer quotes only its line terminator's
characters, and the workers read CR as a line end) made one row of the file two: the
first keeps the cells before the CR and ends a valid last cell there ("CLEAR\\rX" checked
as CLEAR, where the file's cell is no level at all), and the rows after it in the span
were numbered one higher than the next span began, so two rows shared a default
submission id (``key#row``) and one was lost as a duplicate of the other.
"""

from __future__ import annotations

import csv
import io
import math
from typing import Any, Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from producers.intake import tabular
from producers.intake.checker import CHUNK as BATCH
from producers.intake.tabular import CsvBatch
from tahub.commands.history import plan
from tahub.errors import TahubError

ORG = "ngo-h"
Quoting = Literal[0, 1, 2, 3]
HEAD = ["occurred_on", "summary", "occurred_precision", "typologies", "tlp"]


def _checked_rows(raw: bytes, size: int) -> list[list[Any]]:
    """Per chunk, the rows the workers read from its spans (number, cells)."""
    out = []
    for _, part, _ in plan(raw, "csv", ORG, size):
        assert part.spans is not None
        out.append([
            item
            for s in part.spans
            for item in CsvBatch(s.after, part.body[s.start : s.end], s.rows).items()
        ])  # fmt: skip
    return out


def _file_rows(text: str, size: int) -> list[list[Any]]:
    """Per chunk of ``size`` file rows, the file's rows as any CSV a partner sends is read
    (tabular.csv_reader; org_id dropped, cells past the header kept for the checks to
    refuse the row by its count), blank ones unnumbered."""
    reader = tabular.csv_reader(text)
    header = next(reader)
    drop = {i for i, h in enumerate(header) if h == "org_id"}
    chunks: list[list[Any]] = []
    for at, row in enumerate(reader):
        if at % size == 0:
            chunks.append([])
        kept = [c for i, c in enumerate(row) if i not in drop]
        if any(c.strip() for c in kept):
            chunks[-1].append((len(chunks[-1]) + 1, kept))
    return chunks


def _csv(rows: list[list[str]], header: list[str] = HEAD, quoting: Quoting = csv.QUOTE_ALL) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n", quoting=quoting).writerows([header, *rows])
    return out.getvalue()


def test_a_lone_carriage_return_in_a_cell_splits_no_row() -> None:
    rows = [["2020", f"row {i}", "year", "forced_labour", "RED"] for i in range(BATCH + 2)]
    rows[BATCH - 2][1] = "note\rmore"  # a summary from an old Mac export
    rows[BATCH + 1][4] = "CLEAR\rX"  # no level: the row must be refused, not read as CLEAR
    text = _csv(rows)
    (got,) = _checked_rows(text.encode(), 5000)
    assert got == _file_rows(text, 5000)[0]
    numbers = [n for n, _ in got]
    assert len(numbers) == len(set(numbers)) == BATCH + 2
    assert got[-1][1][4] == "CLEAR\rX"


_CELLS = ["", " ", "a", "RED", "x,y", 'say "hi"', "\r", "a\rb", "\r\n", "a\nb", "\n", "\x00",
          "\u2028", "\x0b", "\x1c", "\x85", "ž€😀", '"']  # fmt: skip
_cell = st.one_of(
    st.sampled_from(_CELLS),
    st.text(alphabet='ab ,"\r\n\x00\t', max_size=6),
)


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(st.lists(_cell, min_size=0, max_size=7), max_size=12),
    org=st.booleans(),
    size=st.integers(1, 5),
    batch=st.integers(1, 3),
    quoting=st.sampled_from([csv.QUOTE_ALL, csv.QUOTE_MINIMAL]),
)
def test_the_checked_rows_are_the_files_rows(
    rows: list[list[str]], org: bool, size: int, batch: int, quoting: Quoting
) -> None:
    """Files with any cells, quoted always or only where csv.writer quotes (which leaves a
    lone CR bare: the file's reader ends a row there, and so must the checked rows)."""
    header = ["org_id", *HEAD] if org else HEAD
    if org:
        rows = [[ORG, *r] for r in rows]
    text = _csv(rows, header, quoting)
    from producers.intake import checker

    real = checker.CHUNK
    checker.CHUNK = batch  # spans of a few rows, so the rows cross their ends
    try:
        got = _checked_rows(text.encode(), size)
    except TahubError:  # a row of cells the csv module cannot read back (another test)
        return
    finally:
        checker.CHUNK = real
    assert got == _file_rows(text, size)
    for chunk, (_, part, _) in zip(got, plan(text.encode(), "csv", ORG, size), strict=True):
        whole, _ = tabular.csv_source(part.body.decode())
        assert chunk == list(whole)


# --- JSON Lines: a line naming its organisation is re-written without it ---
#
# The import drops a line's own org_id and writes the rest again. Read with Python's json
# module, a line naming one member twice kept the last ("tlp":"RED" then "tlp":"CLEAR"
# became a CLEAR record, where the bulk API refuses the line: schemas.strictjson), and
# NaN went on as NaN. The checked line must be refused or read exactly as the file's line,
# org_id aside.

_NAMES = ("tlp", "org_id", "typologies", "occurred_on", "occurred_precision", "summary")
_VALUES = ('"RED"', '"CLEAR"', f'"{ORG}"', '"ngo-x"', '["forced_labour"]', '"2020"',
           '"year"', "NaN", "1e400", '{"a":1,"a":2}', '"\\ud800"', "null")  # fmt: skip


def _jsonl_rows(raw: bytes) -> list[Any]:
    out = []
    for _, part, _ in plan(raw, "jsonl", ORG):
        items, decode = tabular.source("jsonl", part.body.decode())
        out += [decode(n, line) for n, line in items]
    return out


def _as_checked(members: list[tuple[str, str]]) -> Any:
    """The file's line as the bulk API reads it, its own org_id dropped; a line with any
    org_id member that is not the importer's refuses the file."""
    if any(n == "org_id" and v != f'"{ORG}"' for n, v in members):
        return "another organisation"
    row = tabular.JsonlDecoder()(1, "{" + ",".join(f'"{n}":{v}' for n, v in members) + "}")
    if row.data is None:
        return None
    return {k: v for k, v in row.data.items() if k != "org_id"}


def test_a_line_naming_a_member_twice_is_refused_as_the_api_refuses_it() -> None:
    line = (f'{{"org_id":"{ORG}","occurred_on":"2020","occurred_precision":"year",'
            '"typologies":["forced_labour"],"tlp":"RED","tlp":"CLEAR"}')  # fmt: skip
    (row,) = _jsonl_rows((line + "\n").encode())
    assert row.data is None
    assert "I-JSON" in row.errors[0].reason


def test_a_lone_surrogate_beside_its_own_org_id_is_a_refused_row_not_a_crash() -> None:
    from producers.intake.submission import parse

    good = ('{"occurred_on":"2020","occurred_precision":"year","typologies":'
            '["forced_labour"],"tlp":"CLEAR"}')  # fmt: skip
    bad = (f'{{"org_id":"{ORG}","occurred_on":"2020","occurred_precision":"year",'
           '"typologies":["forced_labour"],"tlp":"CLEAR","summary":"x\\ud800y"}')  # fmt: skip
    rows = _jsonl_rows(f"{good}\n{bad}\n{good}\n".encode())
    assert len(rows) == 3  # the file goes on; its other rows are whole
    checked = parse(rows[1].data)
    assert isinstance(checked, list)
    assert [e.path for e in checked] == ["summary"]


@settings(max_examples=300, deadline=None)
@given(
    members=st.lists(
        st.tuples(st.sampled_from(_NAMES), st.sampled_from(_VALUES)), min_size=1, max_size=6
    )
)
def test_a_checked_line_is_the_files_line(members: list[tuple[str, str]]) -> None:
    line = "{" + ",".join(f'"{n}":{v}' for n, v in members) + "}"
    expected = _as_checked(members)
    if expected == "another organisation":  # the whole file is refused
        with pytest.raises(TahubError, match="another organisation"):
            _jsonl_rows((line + "\n").encode())
        return
    (row,) = _jsonl_rows((line + "\n").encode())  # a lone surrogate too (escaped again)
    if row.data is None and expected is not None:
        # refused where the API reads a number too large for a float (1e400 as inf, written
        # again as Infinity): never accepted differently, and no field takes an infinity
        assert not all(map(math.isfinite, _floats(expected))), (row, expected)
        return
    assert row.data == expected


def _floats(value: Any) -> list[float]:
    if isinstance(value, float):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [f for v in value for f in _floats(v)] if isinstance(value, list) else []


def test_an_org_id_spelt_with_escapes_is_read_as_org_id() -> None:
    """JSON may spell a name with escapes; the bulk API reads "org\\u005fid" as org_id.
    The import looked for the text '"org_id"' only, so such a line naming another
    organisation went on (rejected as a row, the rest of the file stored) instead of
    refusing the file, and one naming the importer was rejected instead of accepted."""
    rest = '"occurred_on":"2020","occurred_precision":"year","typologies":["forced_labour"]'
    for name in ("org\\u005fid", "\\u006frg_id", "\\u006F\\u0072\\u0067\\u005F\\u0069\\u0064"):
        other = f'{{{rest},"tlp":"GREEN","{name}":"ngo-x"}}'
        with pytest.raises(TahubError, match="line 2 belongs to another organisation"):
            _jsonl_rows(f'{{{rest},"tlp":"GREEN"}}\n{other}\n'.encode())
        (own,) = _jsonl_rows(f'{{{rest},"tlp":"RED","{name}":"{ORG}"}}\n'.encode())
        assert own.data is not None
        assert "org_id" not in own.data
        assert own.data["tlp"] == "RED"
