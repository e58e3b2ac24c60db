"""Bulk files (CSV, JSON Lines) as numbered rows of submission dicts, or why a row is not one.

CSV is flat, so one row carries at most one place per route role plus a list of transit
countries; lists are ';'-separated; victims are 'age_band:gender:count' items. Errors
name the CSV column, not the JSON path, so a partner can find the cell.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from producers.intake.submission import RowError
from schemas import strictjson

LIST_SEP = ";"
# csv's field limit is a C long; no text is longer (a cell is as long as its text)
_NO_FIELD_LIMIT = sys.maxsize

COLUMNS = (
    "submission_id",
    "occurred_on",
    "occurred_precision",
    "typologies",
    "means_of_control",
    "recruitment",
    "recruitment_country",
    "recruitment_place",
    "recruitment_lat",
    "recruitment_lon",
    "transit_countries",
    "exploitation_country",
    "exploitation_place",
    "exploitation_lat",
    "exploitation_lon",
    "sector",
    "victims",
    "victim_citizenships",
    "tlp",
    "confidence",
    "summary",
)
REQUIRED = ("occurred_on", "occurred_precision", "typologies", "tlp")
_LISTS = ("typologies", "means_of_control", "recruitment", "victim_citizenships")
_SCALARS = (
    "submission_id",
    "occurred_on",
    "occurred_precision",
    "sector",
    "tlp",
    "confidence",
    "summary",
)
_ROLES = {"recruitment": "recruitment_places", "exploitation": "exploitation_places"}


class FileError(Exception):
    """The file as a whole cannot be read (encoding, header); no row was accepted."""


@dataclass(frozen=True)
class Row:
    number: int  # 1-based data row (CSV: header excluded; JSON Lines: line)
    data: dict[str, Any] | None
    errors: tuple[RowError, ...] = ()


def decode(body: bytes) -> str:
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise FileError(
            f"the file is not UTF-8 (first bad byte at offset {err.start}); save it as UTF-8"
        ) from None


DuplicateName = strictjson.DuplicateName
loads = strictjson.loads


# A bulk file is first split into raw items, (row number, CSV cells or JSON Lines line),
# which is cheap and stays in the request's process; a decoder turns each into a Row
# where the rows are checked (worker processes), since that is the costly part.
Raw = tuple[int, Any]


@dataclass(frozen=True)
class Broken:
    """A row the CSV reader could not split."""

    reason: str


@dataclass(frozen=True)
class JsonlDecoder:
    def __call__(self, number: int, line: str) -> Row:
        try:
            data = loads(line)
        except RecursionError:
            return _bad(number, "nested too deeply to be an incident")
        except json.JSONDecodeError as err:
            return _bad(number, f"not valid JSON: {err.msg} at column {err.colno}")
        except DuplicateName as err:
            return _bad(number, f"not valid I-JSON: {err}")
        except ValueError as err:  # NaN / Infinity
            return _bad(number, f"not valid JSON: {err}")
        if not isinstance(data, dict):
            kind = "array" if isinstance(data, list) else type(data).__name__
            error = RowError("(record)", kind, "each line must be a JSON object")
            return Row(number, None, (error,))
        return Row(number, data)


def _bad(number: int, reason: str, path: str = "(record)") -> Row:
    return Row(number, None, (RowError(path, "text", reason),))


def jsonl_source(text: str) -> tuple[Iterator[Raw], JsonlDecoder]:
    # lines end at \n only (JSON Lines): str.splitlines would also split inside strings
    # at U+2028, U+0085 and other Unicode line breaks, which JSON allows unescaped
    lines = (line.removesuffix("\r") for line in text.split("\n"))
    return enumerate((line for line in lines if line.strip()), start=1), JsonlDecoder()


def jsonl_rows(text: str) -> Iterator[Row]:
    items, decode = jsonl_source(text)
    return (decode(n, line) for n, line in items)


def check_header(header: list[str]) -> list[str]:
    names = [h.strip() for h in header]
    unknown = [(i, h) for i, h in enumerate(names, start=1) if h not in COLUMNS]
    if unknown:
        # by position, never by text: a header cell may hold anything, a name included
        hints = []
        for i, h in unknown:
            close = difflib.get_close_matches(h, COLUMNS, n=1)
            hints.append(f"column {i} (did you mean {close[0]!r}?)" if close else f"column {i}")
        raise FileError(
            f"unknown column(s): {', '.join(hints)}; the columns are: {', '.join(COLUMNS)}"
        )
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise FileError(f"missing required column(s): {', '.join(missing)}")
    dupes = sorted({h for h in names if names.count(h) > 1})  # known names only by now
    if dupes:
        raise FileError(f"duplicate column(s): {', '.join(dupes)}")
    return names


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(LIST_SEP) if part.strip()]


def _victims(cell: str) -> list[dict[str, str]] | RowError:
    out = []
    for item in _split(cell):
        parts = [p.strip() for p in item.split(":")]
        if len(parts) != 3:
            return RowError(
                "victims",
                "string",
                "each item must be age_band:gender:count, e.g. age_18_20:female:2",
            )
        out.append({"age_band": parts[0], "gender": parts[1], "count": parts[2]})
    return out


def csv_record(cells: dict[str, str]) -> tuple[dict[str, Any], list[RowError]]:
    """A submission dict from one CSV row's non-empty cells."""
    data: dict[str, Any] = {}
    errors: list[RowError] = []
    for col in _SCALARS:
        if col in cells:
            data[col] = cells[col]
    for col in _LISTS:
        if col in cells:
            data[col] = _split(cells[col])
    for role, field in _ROLES.items():
        place = {
            key: cells[f"{role}_{col}"]
            for key, col in (
                ("country", "country"),
                ("name", "place"),
                ("lat", "lat"),
                ("lon", "lon"),
            )
            if f"{role}_{col}" in cells
        }
        if place:
            data[field] = [place]
    if "transit_countries" in cells:
        data["transit_places"] = [{"country": c} for c in _split(cells["transit_countries"])]
    if "victims" in cells:
        victims = _victims(cells["victims"])
        if isinstance(victims, RowError):
            errors.append(victims)
        else:
            data["victims"] = victims
    return data, errors


@dataclass(frozen=True)
class CsvDecoder:
    names: tuple[str, ...]

    def __call__(self, number: int, cells: list[str] | Broken) -> Row:
        if isinstance(cells, Broken):
            return _bad(number, cells.reason, "(row)")
        if len(cells) != len(self.names):
            return _bad(
                number, f"has {len(cells)} cells; the header has {len(self.names)}", "(row)"
            )
        filled = {n: c.strip() for n, c in zip(self.names, cells, strict=True) if c.strip()}
        data, errors = csv_record(filled)
        return Row(number, data, tuple(errors))


def csv_reader(text: str) -> Iterator[list[str]]:
    """CSV text's rows as every reader of a partner's CSV reads them: a CR, LF or CRLF
    outside quotes ends a row (``tahub import`` writes chunks that read back so). No cell
    is too long to read whole (the checks refuse it for what it holds): at csv's field
    limit the reader raised and went on from inside the quoted cell, so its lines were
    read as rows (tests/test_csv_cell_size_attacker.py). The limit is the process's, so
    it is only ever written, and always as the largest: a reader that read it and wrote
    its own text's length lowered it under a cell another request thread was reading
    (tests/test_csv_limit_race_attacker.py)."""
    csv.field_size_limit(_NO_FIELD_LIMIT)
    return csv.reader(io.StringIO(text, newline=""))


def csv_source(text: str) -> tuple[Iterator[Raw], CsvDecoder]:
    """Raw rows and their decoder; a bad header raises FileError here, before any row."""
    reader = csv_reader(text)
    try:
        header = next(reader)
    except StopIteration:
        raise FileError("the file is empty; the first line must be the header") from None
    except csv.Error as err:
        raise FileError(f"the header cannot be read as CSV: {err}") from None
    names = check_header(header)
    return _numbered(reader, 0), CsvDecoder(tuple(names))


def _numbered(reader: Iterator[list[str]], after: int) -> Iterator[Raw]:
    """Rows numbered from ``after`` + 1; rows of blank cells are skipped, not numbered."""
    number = after
    while True:
        try:
            cells: list[str] | Broken = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            cells = Broken(f"not valid CSV: {err}")
        if isinstance(cells, list) and not any(c.strip() for c in cells):
            continue
        number += 1
        yield number, cells


@dataclass(frozen=True)
class CsvBatch:
    """Rows of a CSV file as text without its header, numbered after ``after`` as
    ``csv_source`` numbers them: a worker process splits them itself, so the process that
    read the file sends bytes, not cells. ``rows`` counts the ones numbered."""

    after: int
    body: bytes
    rows: int

    def items(self) -> Iterator[Raw]:
        text = self.body.decode()
        return _numbered(csv_reader(text), self.after)


def csv_rows(text: str) -> Iterator[Row]:
    items, decode = csv_source(text)
    return (decode(n, cells) for n, cells in items)


def source(fmt: str, text: str) -> tuple[Iterator[Raw], Callable[[int, Any], Row]]:
    if fmt == "csv":
        return csv_source(text)
    return jsonl_source(text)


_CSV_PATHS = {
    "recruitment_places.0.country": "recruitment_country",
    "recruitment_places.0.name": "recruitment_place",
    "recruitment_places.0.lat": "recruitment_lat",
    "recruitment_places.0.lon": "recruitment_lon",
    "recruitment_places.0": "recruitment_lat,recruitment_lon",
    "exploitation_places.0.country": "exploitation_country",
    "exploitation_places.0.name": "exploitation_place",
    "exploitation_places.0.lat": "exploitation_lat",
    "exploitation_places.0.lon": "exploitation_lon",
    "exploitation_places.0": "exploitation_lat,exploitation_lon",
}


def csv_path(path: str) -> str:
    """The CSV column(s) a submission path came from."""
    if path in _CSV_PATHS:
        return _CSV_PATHS[path]
    head, _, index = path.partition(".")
    if head == "transit_places":
        head = "transit_countries"
    elif head not in _LISTS and head != "victims":
        return path
    item, _, sub = index.partition(".")
    if not item.isdigit():
        return head
    return f"{head} (item {int(item) + 1}{': ' + sub if sub else ''})"
