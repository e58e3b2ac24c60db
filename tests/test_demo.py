"""`tahub up --demo` end to end on real services: the demo world comes up, the spike on
its route becomes a detection that `tahub query detections` shows, and exactly one alert
lands in the matching subscriber's outbox and none in the others'.

``up_demo`` is that run; tests/test_demo_e2e.py plays it side by side with its own two
runs of the demo's script (each ~2 minutes of wall clock, little CPU), not one after the
other."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tahub.demo import world
from tahub.runtime.ports import free_port


def _env(data_dir: Path, bootstrap: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("TAHUB_") or k.startswith("TAHUB_TEST")
    }
    tag = uuid.uuid4().hex[:8]
    env.update(
        {
            "TAHUB_DATA_DIR": str(data_dir),
            "TAHUB_KAFKA_BOOTSTRAP": bootstrap,
            "TAHUB_TOPIC_PREFIX": f"t{tag}.",  # the demo adds "demo."
            "TAHUB_APP_ID": f"t{tag}",
            "TAHUB_HTTP_PORT": str(free_port()),
            "TAHUB_PARTITIONS": "2",
            "TAHUB_NEWS_METRICS_PORT": "0",
            "TAHUB_ALERTS_METRICS_PORT": "0",
            "TAHUB_WORKER_METRICS_PORT": "0",
        }
    )
    return env


def _lines(path: Path) -> list[dict[str, object]]:
    if not path.exists():
        return []
    return [json.loads(x) for x in path.read_text().splitlines() if x.strip()]


def up_demo(kafka_bootstrap: str, tmp_path: Path) -> None:
    """The demo's spike becomes one alert for its subscriber (raises if not)."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    data = tmp_path / "data"
    env = _env(data, kafka_bootstrap)
    demo = data / "demo"
    out, err = tmp_path / "out.log", tmp_path / "err.log"
    spike = world.SPIKE
    key = f"{spike.typology}|{spike.origin}>{spike.destination}"
    outboxes = {
        (org, spec["channels"][0]["target"]): demo / "outbox" / org / (
            spec["channels"][0]["target"] + ".jsonl"
        )
        for org, spec in world.SUBSCRIPTIONS
    }  # fmt: skip
    matching = outboxes[world.MATCHING]
    t0 = time.monotonic()
    with out.open("w") as stdout, err.open("w") as stderr:
        up = subprocess.Popen(
            [sys.executable, "-m", "tahub", "up", "--demo"], env=env, stdout=stdout, stderr=stderr
        )
    try:
        spiked = detected = alerted = None
        deadline = t0 + 300  # three demos start side by side (test_demo_e2e)
        while time.monotonic() < deadline and alerted is None:
            assert up.poll() is None, err.read_text()[-3000:]
            text = out.read_text()
            now = time.monotonic() - t0
            if spiked is None and "demo: spike on route" in text:
                spiked = now
            if detected is None and f"detection opened: typology_route {key}" in text:
                detected = now
            if detected is not None and _lines(matching):
                alerted = now
            time.sleep(0.5)
        assert alerted is not None, out.read_text()
        text = out.read_text()
        for line in ("12 organisations created", "two years of history imported", "news: ",
                     "live trickle started", "alert written to"):  # fmt: skip
            assert line in text, text
        assert "refused" not in text, text
        assert "rejected" not in text, text
        # the detection as `tahub query detections` shows it, pointed at the demo
        q_env = {**env, "TAHUB_DATA_DIR": str(demo)}
        q = subprocess.run(
            [sys.executable, "-m", "tahub", "query", "detections", "--json",
             "--as-org", world.MATCHING[0]],
            env=q_env, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert q.returncode == 0, q.stderr
        keys = {r["dimension_key"] for r in json.loads(q.stdout)["rows"]}
        assert key in keys, q.stdout
        # any other command, given the settings file the demo names: its subscriptions
        hint = next(x for x in text.splitlines() if "any other command on the demo" in x)
        config = hint.split("TAHUB_CONFIG_FILE=", 1)[1].split()[0]
        c_env = {k: v for k, v in env.items()
                 if k not in {"TAHUB_DATA_DIR", "TAHUB_TOPIC_PREFIX", "TAHUB_APP_ID"}}  # fmt: skip
        subs = subprocess.run(
            [sys.executable, "-m", "tahub", "subs", "list", "--json", "--org", world.MATCHING[0]],
            env={**c_env, "TAHUB_CONFIG_FILE": config}, capture_output=True, text=True,
            timeout=90,
        )  # fmt: skip
        assert subs.returncode == 0, subs.stderr[-2000:]
        assert "Scam compounds: Myanmar into Cambodia" in subs.stdout, subs.stdout
        time.sleep(8)  # a second notification (escalation, a late group) would be here now
        sent = _lines(matching)
        assert len(sent) == 1, sent
        assert {d["dimension_key"] for d in sent[0]["detections"]} == {key}  # type: ignore[attr-defined]
        for name, path in outboxes.items():
            if name != world.MATCHING:
                assert not _lines(path), (name, _lines(path))
        print(f"up --demo: spike at {spiked:.0f} s, detection {detected:.0f} s, alert "
              f"{alerted:.0f} s, checked by {time.monotonic() - t0:.0f} s")  # fmt: skip
    except BaseException:
        print(out.read_text()[-4000:], err.read_text()[-4000:])
        raise
    finally:
        up.send_signal(signal.SIGINT)
        try:
            code = up.wait(60)
        except subprocess.TimeoutExpired:
            up.kill()
            raise
    assert code == 0


def test_the_demo_tells_an_operator_alert_from_a_partners_alert(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The operators' outbox (issue 23) is not a subscription's: its lines say what
    happened to the pipeline, not how many detections an alert carried; a test
    notification is told as one, not as an alert of no detection."""
    from types import SimpleNamespace

    from tahub.demo.run import Player

    (tmp_path / "_operators").mkdir()
    (tmp_path / "hotline-kh").mkdir()
    ops = {"state": "firing", "title": "CRITICAL tahub: stage count stage is stalled"}
    (tmp_path / "_operators" / "operators.jsonl").write_text(json.dumps(ops) + "\n")
    alert = {"detections": [{"detection_id": "det-1"}]}
    test = {"kind": "test", "detections": []}  # `tahub subs test`
    (tmp_path / "hotline-kh" / "scams.jsonl").write_text(
        json.dumps(test) + "\n" + json.dumps(alert) + "\n"
    )
    player = Player.__new__(Player)
    player.s = SimpleNamespace(outbox_dir=tmp_path)  # type: ignore[assignment]
    player.outbox_lines, player.spiked_at = {}, None
    player._outbox()
    out = capsys.readouterr().out
    assert "operator alert firing: CRITICAL tahub: stage count stage is stalled" in out
    assert "hotline-kh/scams.jsonl (1 detection(s))" in out
    assert "operators.jsonl (0 detection(s))" not in out
    assert "test notification written to" in out
    assert "(0 detection(s))" not in out
    player._outbox()  # each line is told once
    assert capsys.readouterr().out == ""
