"""The record of blind news batches and `tahub news evaluate --blind` (issue 19)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from producers.news import blind_record as br
from tahub.cli import cli

SCORES = dict.fromkeys(br.MEASURES, 0.5)


def test_every_shipped_blind_batch_has_its_first_score_recorded() -> None:
    record = br.load()
    shipped = sorted(p.name for p in br.data_dir().glob("blind_*.jsonl"))
    assert br.unrecorded(record, shipped) == []
    assert {b.file for b in record.batches} == set(shipped)


def test_the_record_says_what_blind_md_says() -> None:
    """Each first score is the first 'blind' row under its batch's heading in BLIND.md, so
    the machine-read record and the story cannot drift apart."""
    story = (br.data_dir() / "BLIND.md").read_text(encoding="utf-8")
    for b in br.load().batches:
        section = story.split(f"## {b.file} (", 1)[1].split("\n## ", 1)[0]
        rows = [r for r in section.splitlines()
                if r.startswith("| 20") and f"rules as of {b.rules}" in r]  # fmt: skip
        assert rows, b.file
        cells = [float(m) for m in re.findall(r"\| (\d\.\d{3})", rows[0])]
        assert cells[:6] == [b.first[m] for m in br.MEASURES], b.file


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda r: r["batches"]["b.jsonl"].pop("tuned_on"), "tuned_on"),
        (lambda r: r["batches"]["b.jsonl"]["first"].pop("transit"), "b.jsonl.first"),
        (lambda r: r["batches"]["b.jsonl"]["first"].update(origin=1.5), "b.jsonl.first.origin"),
        (lambda r: r["batches"]["b.jsonl"]["first"].update(origin=True), "first.origin"),
        (lambda r: r.pop("aims"), "aims"),
    ],
)
def test_a_broken_record_is_refused_by_name(change: object, says: str) -> None:
    rec = {"batches": {"b.jsonl": {"lang": "en", "tuned_on": False, "first": dict(SCORES)}},
           "aims": dict(SCORES)}  # fmt: skip
    assert br.parse(rec).unseen()[0].file == "b.jsonl"
    change(rec)  # type: ignore[operator]
    with pytest.raises(ValueError, match=re.escape(says)):
        br.parse(rec)


def test_only_batches_never_tuned_on_are_pooled() -> None:
    rec = br.parse({"batches": {
        "a.jsonl": {"tuned_on": True, "first": SCORES},
        "b.jsonl": {"tuned_on": False, "first": SCORES}}, "aims": SCORES})  # fmt: skip
    assert [b.file for b in rec.unseen()] == ["b.jsonl"]


def test_blind_refuses_a_file_and_reading_mistakes(tmp_path: Path) -> None:
    f = tmp_path / "x.jsonl"
    f.write_text("")
    for extra in (["--file", str(f)], ["--show-mistakes"]):
        r = CliRunner().invoke(cli, ["news", "evaluate", "--blind", *extra])
        assert r.exit_code != 0
        assert "blindness" in r.output


def test_blind_sets_first_beside_now_and_pools_the_unseen(tmp_path: Path) -> None:
    out = tmp_path / "b.json"
    r = CliRunner().invoke(cli, ["news", "evaluate", "--blind", "--out", str(out)])
    assert r.exit_code == 0, r.output
    got = json.loads(out.read_text())
    record = br.load()
    assert [row["file"] for row in got["batches"]] == [b.file for b in record.batches]
    for row, b in zip(got["batches"], record.batches, strict=True):
        assert row["first"] == b.first
        assert set(row["now"]) == set(br.MEASURES)
    unseen = {b.file for b in record.unseen()}
    pooled = {f for g in got["unseen"].values() for f in g["batches"]}
    assert pooled == unseen
    assert "never tuned on, pooled" in r.output
