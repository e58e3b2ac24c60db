"""Operator alerts at their I/O edge: the store that keeps incidents across a restart,
and the alerts package's deliverer sending to the operators' outbox and webhook."""

from __future__ import annotations

import itertools
import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from tahub.health.incidents import FIRING, RESOLVED, Policy
from tahub.health.rules import Finding, Level
from tests.test_operator_incidents import GREEN, NOW, QUICK, WAREHOUSE

# --- the I/O edge: store, restart, deliverer ---


def _alerts(tmp: Path, findings: list[list[Finding]], spec: str = "outbox:operators",
            secret: str | None = None, **over: Any) -> Any:  # fmt: skip
    from alerts.delivery import DeliveryConfig
    from tahub.mainjob.operator_alerts import OperatorAlerts, OperatorConfig, channel_spec

    # the last findings stand once the list is used up: a test that waits on a tick calls it
    # as often as the wait takes (CI ran one dry waiting for the deliverer on a busy machine)
    feed = itertools.chain(findings, itertools.repeat(findings[-1] if findings else []))
    cfg = OperatorConfig(
        spec=channel_spec(spec, secret), secret=secret, policy=QUICK, every=0.05,
        source="tahub test at http://127.0.0.1:1", ops_url="http://127.0.0.1:1/ops",
        db=tmp / "ops-alerts.db",
        delivery=DeliveryConfig(outbox_dir=tmp / "outbox", retry_base=0.05, **over),
    )  # fmt: skip
    return OperatorAlerts(cfg, lambda now: next(feed), threading.Event())


def _outbox(tmp: Path) -> list[dict[str, Any]]:
    path = tmp / "outbox" / "_operators" / "operators.jsonl"
    if not path.exists():
        return []
    return [json.loads(x) for x in path.read_text().splitlines()]


def _wait(until: Any, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not until():
        assert time.monotonic() < deadline, "not delivered"
        time.sleep(0.05)


def _deliver(job: Any, until: Any, timeout: float = 10) -> None:
    stop = threading.Event()
    thread = threading.Thread(target=job.deliverer.run, args=(stop,), daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    try:
        while not until():
            assert time.monotonic() < deadline, "not delivered"
            time.sleep(0.05)
    finally:
        stop.set()
        thread.join(10)


def test_a_restart_between_firing_and_resolution_tells_each_once(tmp_path: Path) -> None:
    first = _alerts(tmp_path, [[WAREHOUSE], [WAREHOUSE]])
    assert [n.state for n in first.tick(NOW)] == [FIRING]
    assert first.tick(NOW + 5) == []
    _deliver(first, lambda: len(_outbox(tmp_path)) == 1)
    first.store.close()
    # the job restarts: still bad (no second firing), then green past the clear time
    second = _alerts(tmp_path, [[WAREHOUSE], GREEN, GREEN])
    assert second.tick(NOW + 60) == []
    assert second.tick(NOW + 65) == []
    assert [n.state for n in second.tick(NOW + 76)] == [RESOLVED]
    _deliver(second, lambda: len(_outbox(tmp_path)) == 2)
    lines = _outbox(tmp_path)
    assert [x["state"] for x in lines] == [FIRING, RESOLVED]
    assert lines[0]["incident_id"] == lines[1]["incident_id"]
    assert lines[0]["what_to_do"][0].startswith("The warehouse does not answer")
    assert second.check().ok
    assert "1 incident(s) open" not in second.check().detail


def test_a_resolution_queued_before_a_crash_is_sent_after_it(tmp_path: Path) -> None:
    first = _alerts(tmp_path, [[WAREHOUSE], GREEN, GREEN])
    told = first.tick(NOW)
    _deliver(first, lambda: len(_outbox(tmp_path)) == 1)
    first.tick(NOW + 5)
    told += first.tick(NOW + 20)
    assert [n.state for n in told] == [FIRING, RESOLVED]
    first.store.close()  # crashed before its deliverer sent the resolution
    second = _alerts(tmp_path, [])
    assert second.state == {}
    _deliver(second, lambda: len(_outbox(tmp_path)) == 2)
    assert [x["state"] for x in _outbox(tmp_path)] == [FIRING, RESOLVED]
    # the same notices queued again (an evaluation replayed) stay one row each: the id is
    # the incident's and the state's
    second.store.commit_step({}, [second._queued(n) for n in told])
    assert second.store.queue_counts() == {"sent": 2}


def test_the_operators_webhook_is_signed_and_carries_the_reason(
    tmp_path: Path,
) -> None:
    from tests.webhook_receiver import Receiver

    key = "whsec_" + "b3BlcmF0b3JzLWtleS0xMjM0NTY3ODkw"
    hooks = Receiver(key).start()
    try:
        from schemas.egress import EgressPolicy

        job = _alerts(tmp_path / "w", [[WAREHOUSE]], spec=f"webhook:{hooks.url('ops')}",
                      secret=key, egress=EgressPolicy.parse(["127.0.0.1"]))  # fmt: skip
        job.tick(NOW)
        _deliver(job, lambda: len(hooks.ids("ops")) == 1)
        body = hooks.received[0].body
        assert body["kind"] == "operator"
        assert body["state"] == FIRING
        assert body["problems"][0]["detail"] == "clickhouse: connection refused"
        assert hooks.rejected == []
    finally:
        hooks.stop()


def test_channel_settings_are_checked() -> None:
    from tahub.mainjob.operator_alerts import ChannelError, channel_spec

    assert channel_spec("off", None) is None
    assert channel_spec("outbox:ops", None) == {"kind": "outbox", "target": "ops",
                                                 "secret_ref": None}  # fmt: skip
    with pytest.raises(ChannelError, match="kind:target"):
        channel_spec("pager:ops", None)
    with pytest.raises(ChannelError, match="TAHUB_OPS_ALERT_SECRET"):
        channel_spec("slack:#ops", None)


def test_the_default_settings_tell_the_operators_outbox(tmp_path: Path) -> None:
    from tahub.mainjob.operator_alerts import OPS_ORG, config
    from tahub.settings import load_settings

    cfg = config(load_settings(data_dir=tmp_path))
    assert cfg.spec == {"kind": "outbox", "target": "operators", "secret_ref": None}
    assert cfg.policy == Policy(Level.YELLOW, None, 60.0)
    assert cfg.db == tmp_path / "ops-alerts.db"
    assert not OPS_ORG[0].isalnum()  # no organisation id can be it


def test_a_failing_operator_channel_reddens_its_check(tmp_path: Path) -> None:
    from schemas.egress import EgressPolicy
    from tests.webhook_receiver import Receiver

    hooks = Receiver("k-operators-secret").start()
    hooks.gone.add("ops")
    try:
        job = _alerts(tmp_path, [[WAREHOUSE]], spec=f"webhook:{hooks.url('ops')}",
                      secret="k-operators-secret",
                      egress=EgressPolicy.parse(["127.0.0.1"]))  # fmt: skip
        job.tick(NOW)
        _deliver(job, lambda: job.store.queue_counts().get("failed") == 1)
        check = job.check()
        assert not check.ok
        assert "failing" in check.detail
        assert "127.0.0.1" not in check.detail  # /health never names the channel
    finally:
        hooks.stop()


def test_the_operators_slack_message_has_the_reason_and_what_to_do(tmp_path: Path) -> None:
    """Through the fake Slack Web API that enforces Block Kit's limits; a rate limit on the
    first try is waited out by the deliverer, as for subscribers."""
    from schemas.egress import EgressPolicy
    from tests.fakeslack import FakeSlack

    token = "xoxb-operators-0000"
    slack = FakeSlack({token}, {"#tahub-ops"}).start()
    slack.fail_next("ratelimited")
    try:
        job = _alerts(tmp_path, [[WAREHOUSE], GREEN, GREEN, GREEN], spec="slack:#tahub-ops",
                      secret=token,
                      slack_api_url=slack.url,
                      egress=EgressPolicy.parse(["127.0.0.1"]))  # fmt: skip
        stop = threading.Event()
        delivering = threading.Thread(target=job.deliverer.run, args=(stop,), daemon=True)
        job.tick(NOW)
        job.tick(NOW + 20)
        # green for the clear time, but the firing is not out yet (rate limited): the
        # resolution waits, or the operators could read the end first (a lane sends rows
        # by when they are due, and a rate-limited firing is due later)
        assert job.tick(NOW + 31) == []
        assert "warehouse" in job.state
        delivering.start()
        try:
            _wait(lambda: len(slack.messages("#tahub-ops")) == 1)
            # Slack has the firing a moment before the deliverer records it sent; until
            # then the resolution rightly waits (a tick tells nothing), and then comes once
            told: list[str] = []
            _wait(lambda: told.extend(n.state for n in job.tick(NOW + 40)) or told == [RESOLVED])
            _wait(lambda: len(slack.messages("#tahub-ops")) == 2)
        finally:
            stop.set()
            delivering.join(10)
        firing, resolved = slack.messages("#tahub-ops")
        text = json.dumps(firing.blocks)
        assert firing.blocks[0]["text"]["text"] == "CRITICAL tahub: warehouse is failing"
        assert "clickhouse: connection refused" in text
        assert "*What to do*" in text
        assert resolved.blocks[0]["text"]["text"].startswith("RESOLVED tahub: warehouse")
        assert slack.requests == 3  # the rate-limited try, then each message once
        assert token not in text
    finally:
        slack.stop()
