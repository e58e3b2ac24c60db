"""`tahub submit` and `tahub import` on a terminal (a real pseudo-terminal) draw their bar
on stderr with a label and counts, none of the rows' text, and still exit 3 when some rows
are rejected; real Kafka, as tests/test_intake_contract.py runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.intakekit import running_api
from tests.sinkkit import Space
from tests.test_history_import import _history_csv
from tests.test_progress import _tahub_on_terminal

pytestmark = pytest.mark.kafka


def test_submit_and_import_draw_a_bar_on_a_terminal_and_no_row_text(
    kafka_bootstrap: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    space = Space.create(kafka_bootstrap, tmp_path)
    text = _history_csv(6, 10, bad=17)  # 6 months of 10-12 rows, every 17th row refused
    rows = text.count("\n") - 1
    (tmp_path / "rows.csv").write_text(text)
    with running_api(space, tmp_path / "data") as api:
        api.key_for("ngo-h")
        monkeypatch.setenv("TAHUB_KAFKA_BOOTSTRAP", space.bootstrap)
        monkeypatch.setenv("TAHUB_TOPIC_PREFIX", space.prefix)
        monkeypatch.setenv("TAHUB_SCHEMA_REGISTRY_URL", space.registry_url)
        file = str(tmp_path / "rows.csv")
        submitted = _tahub_on_terminal(["submit", file, "--org", "ngo-h"], tmp_path)
        imported = _tahub_on_terminal(["import", file, "--org", "ngo-h", "--chunk", "20"], tmp_path)
    for (code, terminal, out), label in ((submitted, "checking rows"), (imported, "importing")):
        assert code == 3, terminal  # some rows rejected: done in part
        assert label in terminal
        assert f"{rows}/{rows}" in terminal or f"{rows} row" in terminal
        assert "rejected" in out  # the report goes to stdout, the bar to the terminal
        for words in ("Case 1", "+66", "234 0"):  # the rows' summaries never reach it
            assert words not in terminal
