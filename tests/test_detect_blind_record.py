"""The detectors' blind record and `tahub detect evaluate --blind` (issue 19)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from streams.detect import blind
from tahub.cli import cli


def _result(method: str, sens: float, fa: float, delay: float | None) -> dict[str, object]:
    return {"method": "tahub",
            "config": {"method": method, "baseline": 56, "threshold": 2.5},
            "shipped": {"sensitivity": sens, "false_alarms_per_1000_series_days": fa,
                        "median_delay_days": delay}}  # fmt: skip


def test_the_first_blind_score_is_the_recorded_one() -> None:
    when, then = blind.first()
    assert when == "2026-11-30"
    assert (then.sensitivity, then.false_alarms, then.median_delay) == (0.808, 5.46, 2.0)
    assert then.detector == "auto, baseline 28, threshold 2.5"
    assert not then.meets_aim()  # 5.46 false alarms: the aim was missed blind


def test_the_aim_needs_all_three() -> None:
    assert blind.point(_result("glm", 0.80, 5.0, 2.0)).meets_aim()
    assert not blind.point(_result("glm", 0.799, 4.0, 2.0)).meets_aim()
    assert not blind.point(_result("glm", 0.9, 5.01, 2.0)).meets_aim()
    assert not blind.point(_result("glm", 0.9, 4.0, 3.0)).meets_aim()
    assert not blind.point(_result("glm", 0.9, 4.0, None)).meets_aim()


def test_blind_chooses_its_own_seeds(tmp_path: Path) -> None:
    for extra in (["--seeds", "1-3"], ["--benchmark", "issue19"], ["--days", "30"]):
        r = CliRunner().invoke(cli, ["detect", "evaluate", "--blind", *extra,
                                     "--out", str(tmp_path / "x.json")])  # fmt: skip
        assert r.exit_code != 0
        assert "held-out" in r.output or "--blind sets" in r.output
    assert not (tmp_path / "x.json").exists()


def test_blind_lines_set_now_beside_first(capsys: object) -> None:
    from tahub.commands.detect import _blind_lines

    doc = {"results": [_result("glm", 0.896, 4.31, 2.0)]}
    got = _blind_lines(doc)
    assert got["first"]["sensitivity"] == 0.808
    assert got["now"]["sensitivity"] == 0.896
    assert got["aim_met"] is True
    json.dumps(got)  # the report's JSON takes it
