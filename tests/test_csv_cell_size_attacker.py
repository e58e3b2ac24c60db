"""A CSV cell longer than the csv module's field limit (128 kB), against every reader of a
partner's CSV (``tabular.csv_reader``: the bulk API, `tahub submit`, the import's split
and its workers). The reader raised at the limit and the next read went on from inside
the quoted cell: lines of a RED record's summary were read as rows of their own and
stored (here as TLP:CLEAR records anyone may see), and `tahub import` stopped with
csv's own error. A cell is now read whole, whatever its length, and its row refused
for what it holds."""

from __future__ import annotations

from producers.intake import tabular
from tahub.commands.history import chunks

HEAD = (
    "occurred_on,occurred_precision,typologies,recruitment_country,exploitation_country,tlp,summary"
)
ROW = "2024-01,month,forced_labour,MM,TH,GREEN,{}"


def _file(size: int) -> str:
    inside = "\n".join(["2024-02,month,forced_labour,MM,TH,CLEAR,inside the cell"] * 3)
    long_cell = '2024-01,month,forced_labour,MM,TH,RED,"' + "x" * size + "\n" + inside + '"'
    return "\n".join([HEAD, ROW.format("a"), long_cell, ROW.format("b")]) + "\n"


def test_a_cell_past_the_csv_modules_limit_stays_in_its_row() -> None:
    for size in (1_000, 140_000, 600_000):
        rows = list(tabular.csv_rows(_file(size)))
        assert [r.number for r in rows] == [1, 2, 3], size
        assert [r.data["tlp"] for r in rows if r.data is not None] == ["GREEN", "RED", "GREEN"]
        assert not any(e.reason.startswith("not valid CSV") for r in rows for e in r.errors)


def test_the_import_splits_such_a_file_as_the_bulk_api_reads_it() -> None:
    parts = chunks(_file(140_000), "csv", "ngo-h", size=2)
    assert [n for _, _, n in parts] == [2, 1]
    rows = [r for _, body, _ in parts for r in tabular.csv_rows(body.decode())]
    assert [r.data["tlp"] for r in rows if r.data is not None] == ["GREEN", "RED", "GREEN"]
