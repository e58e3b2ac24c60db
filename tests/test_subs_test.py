"""`POST /api/v1/subscriptions/{id}/test` and `tahub subs test ID`: a test notification
through the subscription's real channels (an email to a real SMTP server with STARTTLS
and AUTH, an outbox file), sent by a deliverer on the same alerts.db as the alerts process
runs it, by the console's code path (alerts.testsend): the same limits, the same audit.

As attackers: another organisation tests the subscription with its own valid key, and a
guessed id is tried; both get the same 404 and nothing is sent."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from alerts.delivery import Deliverer
from tahub import wiring
from tahub.audit import Audit
from tests.intakekit import running_api
from tests.sinkkit import Space
from tests.smtpkit import start_relay

pytestmark = [pytest.mark.kafka]


def _spec(name: str) -> dict[str, object]:
    return {
        "name": name,
        "channels": [
            {"kind": "email", "target": "duty@shelter.example", "secret_ref": "relay"},
            {"kind": "outbox", "target": "checks"},
        ],
    }


def _tahub(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-m", "tahub", "subs", "test", *args]
    return subprocess.run(argv, env=env, capture_output=True, text=True, check=False, timeout=120)


def test_a_test_goes_through_the_real_channels_by_the_api_and_the_cli(
    kafka_bootstrap: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    relay = start_relay(tmp_path)
    monkeypatch.setenv("TAHUB_SECRET_ORG_B__RELAY", relay.url())
    space = Space.create(kafka_bootstrap, tmp_path)
    stop = threading.Event()
    over = {"egress_allow": "127.0.0.1", "smtp_ca_file": relay.ca_file}
    try:
        with running_api(space, tmp_path / "data", **over) as api:
            s = api.settings
            deliverer = Deliverer(wiring.alert_store(s), wiring.secrets(s),
                                  wiring.delivery_config(s))  # fmt: skip
            threading.Thread(target=deliverer.run, args=(stop,), daemon=True).start()
            mine, theirs = api.client(api.key_for("org-b")), api.client(api.key_for("org-c"))
            r = mine.post("/api/v1/subscriptions", json=_spec("Bangkok office"))
            assert r.status_code == 201, r.text
            sid = r.json()["subscription_id"]

            other = theirs.post(f"/api/v1/subscriptions/{sid}/test")
            guessed = theirs.post("/api/v1/subscriptions/sub-0123456789ab/test")
            assert other.status_code == guessed.status_code == 404
            assert other.json() == {"error": f"no subscription {sid!r}"}
            assert guessed.json() == {"error": "no subscription 'sub-0123456789ab'"}
            assert relay.mailbox.received == []

            r = mine.post(f"/api/v1/subscriptions/{sid}/test")
            assert r.status_code == 200, r.text
            got = r.json()
            assert got["done"] is True
            assert [(c["kind"], c["target"], c["status"]) for c in got["channels"]] == [
                ("email", "shelter.example", "sent"), ("outbox", "checks", "sent")
            ]  # fmt: skip
            (mail,) = relay.mailbox.received
            assert mail.rcpt_tos == ["duty@shelter.example"]
            assert "TEST notification from tahub" in str(mail.message["Subject"])
            assert got["notification_id"] in str(mail.message["Message-ID"])
            again = mine.post(f"/api/v1/subscriptions/{sid}/test")
            assert again.status_code == 429
            assert 0 < int(again.headers["Retry-After"]) <= 60
            assert len(relay.mailbox.received) == 1

            lines = Audit(s.data_dir / "audit.log").lines()
            tested = [x for x in lines if x["action"] == "API test notification"]
            assert [(x["as_org"], x["subscription"]) for x in tested] == [("org-b", sid)] * 2
            assert tested[0]["outcome"] == "email sent, outbox sent"
            assert tested[1]["outcome"].startswith("refused: one test a subscription")

            # the operator's CLI: another subscription (the first is within its minute)
            second = mine.post("/api/v1/subscriptions", json=_spec("Second")).json()
            env = {
                **{k: v for k, v in os.environ.items() if not k.startswith("TAHUB_")},
                "TAHUB_DATA_DIR": str(s.data_dir),
                "TAHUB_KAFKA_BOOTSTRAP": space.bootstrap,
                "TAHUB_TOPIC_PREFIX": space.prefix,
                "TAHUB_SCHEMA_REGISTRY_URL": space.registry_url,
            }
            run = _tahub(env, second["subscription_id"], "--json")
            assert run.returncode == 0, run.stderr
            shown = json.loads(run.stdout)
            assert [c["status"] for c in shown["channels"]] == ["sent", "sent"]
            assert len(relay.mailbox.received) == 2
            unknown = _tahub(env, "sub-0123456789ab")
            assert unknown.returncode == 1
            assert "no subscription 'sub-0123456789ab'" in unknown.stderr
            cli = [x for x in Audit(s.data_dir / "audit.log").lines()
                   if x["action"] == "CLI test notification"]  # fmt: skip
            assert [(x["actor"], x["as_org"], x["outcome"]) for x in cli] == [
                ("operator", "org-b", "email sent, outbox sent")
            ]
    finally:
        stop.set()
        relay.stop()
