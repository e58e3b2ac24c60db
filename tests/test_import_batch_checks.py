"""The bulk checks' shortcuts give what checking each row whole gives (issue 17, item 2):
CSV rows validated by their cells' kept answers (``csvcheck``), each distinct text scrubbed
once per batch (``scrubcache``), and rows checked in worker processes. Compared with the
reference path on the benchmark's own history file and on rows that must be rejected:
the same submissions, incident ids, keys, records and the same errors, row by row."""

from __future__ import annotations

import io
import os
from datetime import UTC, date, datetime, timedelta
from typing import Any

import fastavro
import pytest

from producers.intake import checker, tabular
from producers.intake.checker import CHUNK, Checked, RowChecker, check_rows
from producers.intake.csvcheck import CsvChecker
from producers.intake.scrub import scrub, scrub_place
from producers.intake.scrubcache import ScrubCache
from producers.intake.sealing import PLACE_LISTS, open_incident
from producers.intake.submission import Submission, parse
from schemas.catalog import record_schema
from schemas.envelope import DataKey, is_sealed
from schemas.ids import IdKey
from schemas.serde import WireEncoder
from tahub.bench.history_file import HEADER, history_csv

KEY = DataKey("ngo-h", "k1", os.urandom(32))
IDS = IdKey(os.urandom(32))
NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)
PLACE = HEADER.split(",").index("exploitation_place")
TOMORROW_PLUS = (date.today() + timedelta(days=30)).isoformat()

# rows the model rejects, each for one reason; they sit among good rows in the files below
BAD_ROWS = (
    "2020-05-05,day,forced_labour,threats,MM,UK,Mae Sot,GREEN,age_18_20:female:1,",  # country
    "2020-05,day,forced_labour,threats,MM,TH,Mae Sot,GREEN,age_18_20:female:1,",  # precision
    "2020-05-07,month,forced_labour,threats,MM,TH,Mae Sot,GREEN,,",  # finer than month
    "2020-05-07,unknown,forced_labour,,MM,TH,,GREEN,,",  # a date with unknown precision
    f"{TOMORROW_PLUS},day,forced_labour,,MM,TH,,GREEN,,",  # in the future
    "1899-12-31,day,forced_labour,,MM,TH,,GREEN,,",  # before 1900
    ",day,forced_labour,,MM,TH,,GREEN,,",  # no date
    "2020-05-05,day,,,MM,TH,,GREEN,,",  # no typology
    "2020-05-05,day,smuggling,,MM,TH,,GREEN,,",  # unknown typology
    "2020-05-05,day,forced_labour,,MM,TH,,PURPLE,,",  # unknown sharing level
    "2020-05-05,day,forced_labour,,MM,TH,,GREEN,age_18_20:female,",  # victims item
    "2020-05-05,day,forced_labour,,MM,TH,,GREEN,age_18_20:female:-2,",  # victims count
    '2020-05-05,day,forced_labour,,MM,TH,,GREEN,,"' + "x" * 4001 + '"',  # summary too long
    "2020-05-05,day,forced_labour,,MM,TH,,GREEN,",  # one cell short
    "2020-05-05,year,forced_labour,,MM,TH,,GREEN,,",  # finer than year
)
ODD_GOOD_ROWS = (
    "  2020  ,  year ,forced_labour ; forced_labour,,MM,TH,, tlp:amber ,,  ",  # spaces, repeats
    ",unknown,sexual_exploitation,debt_bondage;threats,,TH,,RED,,",  # no date, no route
    '2021-02,month,forced_labour,,MM,TH,Mae Sot,CLEAR,age_30_38:male:0,"Case 7: ok"',
)


def _file(rows: int, text: float) -> str:
    """The benchmark's history with the bad and odd rows spread through it."""
    lines = history_csv(rows, years=10, text=text).decode().splitlines()
    extra = [*BAD_ROWS, *ODD_GOOD_ROWS]
    step = max(1, rows // len(extra))
    for i, row in enumerate(extra):
        lines.insert(1 + i * step + i, row)
    return "\n".join(lines) + "\n"


def _items(text: str) -> tuple[list[Any], tabular.CsvDecoder]:
    items, decode = tabular.csv_source(text)
    return list(items), decode


def test_cell_checks_give_the_submission_parse_gives_or_leave_the_row_to_it() -> None:
    items, decode = _items(_file(3000, text=0.5))
    cells = CsvChecker(decode.names)
    good = bad = 0
    for number, raw in items:
        row = decode(number, raw)
        whole = parse(row.data) if row.data is not None and not row.errors else None
        fast = cells.submission(raw)
        if isinstance(whole, Submission):
            good += 1
            assert fast == whole, number
            assert fast is not None
            assert fast.model_fields_set == whole.model_fields_set, number
            assert fast.model_dump_json() == whole.model_dump_json(), number
        else:  # rejected: left to the whole-row check, which names the field and why
            bad += 1
            assert fast is None, number
    assert bad == len(BAD_ROWS)
    assert good == 3000 + len(ODD_GOOD_ROWS)


def test_cell_checks_leave_rows_without_a_required_field_to_the_whole_row_check() -> None:
    # csv_source refuses such a header before any row; the checker must not assume it
    names = HEADER.replace("tlp,", "").split(",")
    row = ["2020-05-05", "day", "forced_labour", "threats", "MM", "TH", "", "", ""]
    assert len(row) == len(names)
    assert CsvChecker(names).submission(row) is None


def test_scrubbing_each_distinct_text_once_gives_what_scrubbing_each_time_gives() -> None:
    texts = [
        "Recruited by Maria Petrova, call +66 81 234 5678 or maria77@example.org.",
        "No details.",
        "Victim met the agent Ahmed Haddad at 14 Rue de la Paix, Paris.",
        "No details.",
        "Recruited by Maria Petrova, call +66 81 234 5678 or maria77@example.org.",
    ]
    places = ["Mae Sot", "house of Chukwuma Obi, Benin City", "Mae Sot", "Amir's flat above"]
    cache = ScrubCache()
    for _ in range(2):
        assert [cache.summary(t) for t in texts] == [scrub(t).text for t in texts]
        assert [cache.place(p) for p in places] == [scrub_place(p).text for p in places]
    assert cache.hits == (2 + 1) + (5 + 4)  # repeats in the first round, all in the second
    full = ScrubCache(limit=1)  # past its limit it scrubs without keeping
    assert [full.summary(t) for t in texts] == [scrub(t).text for t in texts]
    assert full.hits == 1  # only the first text was kept


def _opened(c: Checked) -> dict[str, Any]:
    """A checked row with its record decoded and its sealed text opened (seals differ
    by their random nonces; what they hold must not)."""
    if not c.value:
        return c._asdict()
    body = io.BytesIO(c.value[5:])
    record = fastavro.schemaless_reader(body, record_schema("Incident").parsed, None)
    assert isinstance(record, dict)
    texts = [record["submission_id"], record["summary"]]
    texts += [p["name"] for name in PLACE_LISTS for p in record[name]]
    assert all(is_sealed(t) for t in texts if t)
    record = open_incident(record, lambda _org, field, token: KEY.open(field, token))
    return {**c._asdict(), "value": c.value[:5], "record": record}


def _reference(decode: tabular.CsvDecoder) -> Any:
    """The same decoder, but not one the cell checks recognise: every row checked whole."""

    def whole(number: int, raw: Any) -> tabular.Row:
        return decode(number, raw)

    return whole


def test_check_rows_gives_the_same_records_keys_and_errors_as_whole_row_checks() -> None:
    items, decode = _items(_file(2500, text=0.3))
    args = ("ngo-h", "import:abc:1", NOW, WireEncoder("Incident", 1), IDS, KEY)
    fast = check_rows(items, decode, *args)
    whole = check_rows(items, _reference(decode), *args)
    assert [_opened(c) for c in fast] == [_opened(c) for c in whole]
    rejected = [c for c in fast if c.errors]
    assert len(rejected) == len(BAD_ROWS)
    first = next(c for c in rejected if c.errors[0].path == "exploitation_places.0.country")
    assert first.errors[0].reason.startswith("not an ISO 3166-1 alpha-2 country code")
    assert "UK" not in repr(first)  # no submitted value in an error, digest only
    assert len(first.digest) == 64


@pytest.mark.timeout(600)
def test_rows_checked_in_worker_processes_match_this_process_row_by_row() -> None:
    """Two worker processes (spawned, each loading the scrubber's lexicon) against this
    process: the same incident ids, submission ids and fingerprints in row order, the
    same records, and a bad row in a worker's chunk keeps its own row number and error."""
    items, decode = _items(_file(2 * CHUNK + 500, text=0.2))
    encode = WireEncoder("Incident", 1)
    pooled = RowChecker(encode, 2, IDS)
    alone = RowChecker(encode, 0, IDS)
    try:
        args = (decode, "ngo-h", "import:abc:1", NOW, KEY)
        in_pool = list(pooled.check(items, *args, first=KEY))
        here = list(alone.check(items, *args, first=KEY))
    finally:
        pooled.close()
        alone.close()
    assert [c.row for c in in_pool] == [n for n, _ in items]
    assert [_opened(c) for c in in_pool] == [_opened(c) for c in here]
    late = [c for c in in_pool if c.errors and c.row > CHUNK]  # checked by a worker
    assert late, "the file puts bad rows in the workers' later chunks"
    assert all(c.kind in {"validation", "parse"} and c.digest for c in late)


def test_an_import_scrubs_each_text_once_across_its_chunks_and_keeps_none_after() -> None:
    """A history's repeated summaries and places: scrubbed once for all the import's
    chunks in a process (RowChecker(share_texts=True)), the same records as whole-row
    checks, and nothing kept once the import's checker closes."""
    text = history_csv(600, years=10, text=1.0, distinct=20)
    items, decode = _items(text.decode())
    summaries = {raw[-1] for _, raw in items}
    places = {raw[PLACE] for _, raw in items}
    args = ("ngo-h", "import:abc:1", NOW, WireEncoder("Incident", 1), IDS, KEY)
    scope = "import-1:ngo-h"
    shared = check_rows(items[:300], decode, *args, scope) + check_rows(
        items[300:], decode, *args, scope
    )
    whole = check_rows(items, _reference(decode), *args)
    assert [_opened(c) for c in shared] == [_opened(c) for c in whole]
    kept = checker._SHARED
    assert kept is not None
    assert kept[0] == scope
    assert kept[1].hits == 2 * len(items) - len(summaries) - len(places)
    check_rows(items[:10], decode, *args, "import-2:ngo-h")  # another import starts afresh
    first = items[:10]
    fresh = len({raw[-1] for _, raw in first}) + len({raw[PLACE] for _, raw in first})
    assert checker._SHARED is not None
    assert checker._SHARED[1].hits == 2 * 10 - fresh
    rows = RowChecker(WireEncoder("Incident", 1), 0, IDS, share_texts=True)
    list(rows.check(items[:5], decode, "ngo-h", "import:abc:1", NOW, KEY, first=KEY))
    assert checker._SHARED is not None
    rows.close()
    assert checker._SHARED is None  # checked in this process: dropped with the checker


def test_a_row_whose_text_cannot_be_scrubbed_is_refused_alone_and_named_by_its_fault(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A fault in tahub's scrubbing of one row (a crash, as a hostile text once caused)
    refuses that row with a reason that says whose fault it is; the file's other rows
    are stored, and the log names the fault's type but never the text."""
    items, decode = _items(_file(40, text=1.0))
    marker = items[7][1][-1]
    assert marker, "the eighth row has a summary"
    real = checker.encoded_incident

    def failing(sub: Submission, *args: Any, **kwargs: Any) -> tuple[str, bytes]:
        if sub.summary == marker:
            raise IndexError(f"string index out of range in {marker!r}")
        return real(sub, *args, **kwargs)

    monkeypatch.setattr(checker, "encoded_incident", failing)
    args = ("ngo-h", "import:abc:1", NOW, WireEncoder("Incident", 1), IDS, KEY)
    out = check_rows(items, decode, *args)
    same = {n for n, raw in items if raw[-1] == marker}
    assert len(out) == len(items)
    refused = [c for c in out if c.errors and c.errors[0].kind == "unprocessable"]
    assert {c.row for c in refused} == same
    assert all(c.digest and not c.value and "not stored" in c.errors[0].reason for c in refused)
    stored = [c for c in out if c.value]
    assert len(stored) == len(items) - len(same) - sum(
        1 for c in out if c.errors and c.errors[0].kind != "unprocessable"
    )
    assert "IndexError" in caplog.text
    assert marker not in caplog.text
