"""Other ways to hide a row's ``org_id`` from `tahub import`'s check (a file naming
another organisation is refused whole, before anything is stored): a byte-order mark
opening a later line, a NUL, CRLF line ends, escapes in upper case, a name spelt with an
escaped solidus. Each line is either refused with its file or reaches the checks as a
line they reject, never as another organisation's record the import would store."""

from __future__ import annotations

import pytest

from producers.intake import tabular
from producers.intake.submission import Submission, parse
from tahub.commands.history import plan
from tahub.errors import TahubError
from tests.test_import_split_attacker import ORG, _jsonl_rows

REST = '"occurred_on":"2020","occurred_precision":"year","typologies":["forced_labour"]'
GOOD = f'{{{REST},"tlp":"GREEN"}}'


@pytest.mark.parametrize(
    "line",
    [
        f'{{{REST},"tlp":"GREEN","org_id":"ngo-x"}}\r',  # a CRLF file
        f'{{{REST},"tlp":"GREEN","\\u006F\\u0052\\u0067_id":"ngo-x"}}',  # not org_id
        f'{{{REST},"tlp":"GREEN","org\\u005Fid":"ngo-x"}}',
        f'{{{REST},"tlp":"GREEN","org_id":"ngo-x","org_id":"{ORG}"}}',
        f'{{{REST},"tlp":"GREEN","org_id":"{ORG}","org_id":"ngo-x"}}',
        f'\ufeff{{{REST},"tlp":"GREEN","org_id":"ngo-x"}}',
        f'{{{REST},"tlp":"GREEN","org_id":"ngo-x\x00"}}',
        f'{{{REST},"tlp":"GREEN","org/id":"ngo-x","org\\/id":"ngo-x"}}',
        f'{{{REST},"tlp":"GREEN","org_id":"ngo-x",}}',  # not JSON: a trailing comma
        f'{{{REST},"tlp":"GREEN","org_id":"ngo-x"}} {{"org_id":"ngo-x"}}',  # two on a line
    ],
)
def test_a_line_of_another_organisation_is_never_stored_as_the_importers(line: str) -> None:
    raw = f"{GOOD}\n{line}\n{GOOD}\n".encode()
    refused = None
    try:
        rows = _jsonl_rows(raw)
    except TahubError as err:
        refused = str(err)
    if refused is not None:
        assert "line 2 belongs to another organisation" in refused
        return
    assert len(rows) == 3
    second = rows[1]
    # reached the checks as a line they reject (not JSON, I-JSON, an unknown field)
    assert second.data is None or not isinstance(parse(second.data), Submission)


CSV_REST = "2020,year,forced_labour,GREEN"


@pytest.mark.parametrize(
    "org_header",
    ["org_id", "org_id ", " org_id", '"org_id"', "ORG_ID", "\ufefforg_id", "org\u200bid"],
)
@pytest.mark.parametrize("first", [True, False])
def test_a_csv_org_column_spelt_otherwise_refuses_the_file(org_header: str, first: bool) -> None:
    """The import drops an ``org_id`` column it recognises after checking every value; a
    header it does not recognise stays, and the checks refuse the whole file for it."""
    head = "occurred_on,occurred_precision,typologies,tlp"
    header = f"{org_header},{head}" if first else f"{head},{org_header}"
    row = f"ngo-x,{CSV_REST}" if first else f"{CSV_REST},ngo-x"
    raw = ("\ufeff" if first else "") + f"{header}\n{row}\n"
    refused: str | None = None
    try:
        parts = plan(raw.encode(), "csv", ORG)
    except TahubError as err:
        refused = str(err)
    if refused is not None:
        assert "row 1 belongs to another organisation" in refused
        return
    for _, part, _ in parts:
        with pytest.raises(tabular.FileError, match="unknown column"):
            tabular.csv_source(part.body.decode())
