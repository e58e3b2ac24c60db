"""`tahub bench console` on a small scratch chDB: every page answers both viewers, the
synthetic signals carry real H3 cells (so the map's hexagons are built as in use), and
the JSON holds each page's numbers. No time is asserted: the numbers are for people."""

from __future__ import annotations

import json
from pathlib import Path

import h3
import pytest
from click.testing import CliRunner

from tahub.bench import console_bench, synth
from tahub.cli import cli

pytestmark = [pytest.mark.chdb]


def test_real_cells_replace_synths_names() -> None:
    cols = synth.signal_columns(2_000, seed=3)
    console_bench.real_cells(cols)
    assert all(h3.is_valid_cell(c) and h3.get_resolution(c) == 3 for c in cols["cell_coarse"])
    assert all(h3.get_resolution(c) == 6 for c in cols["cell_fine"])
    pairs = zip(cols["cell_fine"], cols["cell_coarse"], strict=True)
    assert all(h3.cell_to_parent(f, 3) == c for f, c in pairs)


def test_the_bench_times_every_page_for_both_viewers(tmp_path: Path) -> None:
    out = tmp_path / "console.json"
    result = CliRunner().invoke(cli, ["bench", "console", "--signals", "20000",
                                       "--detections", "30", "--repeats", "1",
                                       "--settle", "0", "--out", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    got = json.loads(out.read_text())
    assert got["benchmark"] == "console"
    names = set(console_bench.pages("det-bench-0"))
    assert set(got["pages"]) == {f"{n}/{v}" for n in names for v in ("member", "public")}
    # the map's layers come from one query (consumers.map_query), its detections another
    assert got["pages"]["map data 90d/member"]["queries_s"].keys() == {"map", "detections"}
    assert all(p["bytes"] > 0 for p in got["pages"].values())
    assert "map data 52w/public" in result.output
