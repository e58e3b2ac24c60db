"""Two partners' CSV uploads read at once in the intake's request threads
(``tabular.csv_reader``). The reader lifted the csv module's process-wide field limit by
reading it and then writing the length of its own text: a thread that read the limit
before another raised it, and wrote after, lowered it under the other's long cell, and
that reader then raised at the limit and went on from inside the quoted cell, reading a
RED record's summary lines as rows of their own (tests/test_csv_cell_size_attacker.py,
the same loss and leak, now one upload's timing away). The interleaving is forced here
through the limit's accessor; any reader must read a cell whole whatever the others do."""

from __future__ import annotations

import csv
import threading
from typing import Any

import pytest

from producers.intake import tabular
from tests.test_csv_cell_size_attacker import _file


def test_another_upload_read_at_once_never_lowers_the_limit_under_a_long_cell(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = csv.field_size_limit
    before = real()
    victim_raised = threading.Event()  # the victim's reader has set its limit
    attacker_done = threading.Event()

    def limit(*args: Any) -> int:
        if threading.current_thread().name == "attacker" and not args:
            seen = real()  # read before the victim raises it ...
            victim_raised.wait(2)  # ... and written after
            return seen
        got = real(*args)
        if threading.current_thread().name == "victim" and args:
            victim_raised.set()
        return got

    monkeypatch.setattr(csv, "field_size_limit", limit)
    results: dict[str, Any] = {}

    def victim() -> None:
        rows = tabular.csv_rows(_file(600_000))
        attacker_done.wait(2)
        results["victim"] = [r.data["tlp"] if r.data else r.errors for r in rows]

    def attacker() -> None:
        list(tabular.csv_rows(_file(200_000)))
        attacker_done.set()

    try:
        threads = [threading.Thread(target=attacker, name="attacker"),
                   threading.Thread(target=victim, name="victim")]  # fmt: skip
        for t in threads:
            t.start()
        for t in threads:
            t.join(10)
    finally:
        real(before)
    assert results["victim"] == ["GREEN", "RED", "GREEN"]
