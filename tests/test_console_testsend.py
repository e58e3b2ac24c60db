"""My alerts' "send a test notification": the console queues a labelled test, the alerts
process's real deliverer sends it through each channel with the organisation's own
secret (an outbox file, a webhook receiver that checks the signature, a fake Slack that
refuses the token), and the page shows each outcome without a secret in it.

As attackers: another organisation posts to the subscription's test with its own valid
session and token (the answer an unknown id gets, nothing sent), a guessed id, a token
from another session, no token, another origin; the operator viewing as the owner is
refused and written to the audit log; a second test within the minute is refused.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
import jsonschema
import pytest

from alerts.admin import AlertAdmins
from alerts.channels.base import Outcome, without_secret
from alerts.compose import PAYLOAD_SCHEMA_FILE
from alerts.delivery import Deliverer, DeliveryConfig
from alerts.testsend import RateLimited, limit
from consumers import migrations
from consumers.warehouse import open_warehouse
from schemas.topics import ALL
from tahub import wiring
from tahub.audit import Audit
from tests import consolekit as ck
from tests.alertkit import HOOK_KEY, SLACK_CHANNEL, SLACK_TOKEN
from tests.consolekit import KEY_R, KEY_X, OPERATOR_TOKEN
from tests.fakeslack import FakeSlack
from tests.intakekit import settings_for
from tests.sinkkit import Space
from tests.webhook_receiver import Receiver

pytestmark = [pytest.mark.kafka, pytest.mark.chdb]

WRONG_TOKEN = "xoxb-x-revoked-do-not-leak"  # org-x's Slack secret: the fake knows it not
R_HOOK_KEY = "whsec_b3JnLXItc2lnbmluZy1rZXktMDEyMzQ1Njc4OWFi"  # org-r's, same name


@dataclass
class Setup:
    base: str
    admins: AlertAdmins
    hooks: Receiver
    slack: FakeSlack
    outbox: Path
    audit: Audit
    links: str  # where messages' links point (the settings' base URL)


@pytest.fixture
def setup(kafka_bootstrap: str, tmp_path: Path) -> Iterator[Setup]:
    space = Space.create(kafka_bootstrap, tmp_path)
    slack = FakeSlack({SLACK_TOKEN}, {SLACK_CHANNEL}).start()
    hooks = Receiver(HOOK_KEY).start()
    s = settings_for(space, tmp_path / "data", egress_allow="127.0.0.1", slack_api_url=slack.url)
    wiring.serde(s).register_all(ALL)
    vault = wiring.vault(s)
    vault.put_secret("org-x", "x_signing", HOOK_KEY)
    vault.put_secret("org-x", "ops_slack", WRONG_TOKEN)
    vault.put_secret("org-r", "x_signing", R_HOOK_KEY)
    vault.close()
    stop = threading.Event()
    book = wiring.subscription_book(s)
    threading.Thread(target=book.run, args=(stop,), daemon=True).start()
    assert book.ready.wait(30)
    admins = wiring.alert_admins(s, book)
    # the alerts process's deliverer, on the same alerts.db, as `tahub up` runs it
    deliverer = Deliverer(
        wiring.alert_store(s), wiring.secrets(s),
        DeliveryConfig(outbox_dir=s.outbox_dir, slack_api_url=slack.url, timeout=5,
                       egress=s.egress),
    )  # fmt: skip
    threading.Thread(target=deliverer.run, args=(stop,), daemon=True).start()
    wh = open_warehouse(f"chdb://{tmp_path / 'chdb'}")
    migrations.migrate(wh)
    try:
        with ck.serve(wh, tmp_path, alerts=lambda: admins) as served:
            yield Setup(served.base, admins, hooks, slack, s.outbox_dir, served.audit, s.base_url)
    finally:
        stop.set()
        wh.close()
        slack.stop()
        hooks.stop()


def _subscription(setup: Setup, client: httpx.Client) -> str:
    page = client.get("/alerts/new")
    form = {
        "name": "Channels to check", "csrf": ck.csrf_of(page.text),
        "channel_kind_0": "outbox", "channel_target_0": "bangkok",
        "channel_kind_1": "webhook", "channel_target_1": setup.hooks.url("hook"),
        "channel_secret_1": "x_signing",
        "channel_kind_2": "slack", "channel_target_2": SLACK_CHANNEL,
        "channel_secret_2": "ops_slack",
    }  # fmt: skip
    r = client.post("/alerts/new", data=form)
    assert r.status_code == 303, r.text[:500]
    (sub,) = setup.admins.subs.list("org-x")
    return sub.subscription_id


def _outbox(setup: Setup) -> list[dict[str, object]]:
    path = setup.outbox / "org-x" / "bangkok.jsonl"
    return [json.loads(x) for x in path.read_text().splitlines()] if path.exists() else []


def test_a_test_notification_goes_through_each_real_channel(setup: Setup) -> None:
    x = ck.sign_in(setup.base, KEY_X)
    sid = _subscription(setup, x)
    edit = x.get(f"/alerts/{sid}")
    assert 'id="test-button"' in edit.text
    token = ck.csrf_of(edit.text)

    r = x.post(f"/alerts/{sid}/test", data={"csrf": token})
    assert r.status_code == 200, r.text[:500]
    page = r.text
    assert "outbox bangkok</strong> — delivered" in page
    assert "webhook 127.0.0.1</strong> — delivered" in page
    assert "slack C0ALERTS1</strong> — failed:" in page
    assert "slack: invalid_auth" in page
    for secret in (WRONG_TOKEN, HOOK_KEY, R_HOOK_KEY):
        assert secret not in page
    result = page[page.index('id="test-result"') :]
    assert setup.hooks.url("hook") not in result[: result.index("</div>")]  # its host only

    # what arrived: one labelled test, no detection, valid by the published schema
    schema = json.loads(PAYLOAD_SCHEMA_FILE.read_text())
    (line,) = _outbox(setup)
    jsonschema.validate(line, schema)
    assert (line["kind"], line["detections"], line["tlp"]) == ("test", [], "TLP:CLEAR")
    assert str(line["title"]).startswith("TEST notification")
    assert f"{setup.links}/alerts/{sid}" in str(line["summary"])  # its page
    (got,) = setup.hooks.received  # the receiver checked org-x's signature, not org-r's
    assert got.body == line
    assert setup.hooks.rejected == []
    assert setup.slack.posted == []  # refused the token
    (tested,) = [a for a in setup.audit.lines() if a["action"] == "console test notification"]
    assert (tested["as_org"], tested["subscription"]) == ("org-x", sid)
    assert "slack failed" in tested["outcome"]
    assert tested["notification"] == line["notification_id"]

    # again within the minute: refused, nothing sent
    again = x.post(f"/alerts/{sid}/test", data={"csrf": token})
    assert again.status_code == 429
    assert "at most one test a subscription every 60 s" in again.text
    assert len(_outbox(setup)) == 1


def test_only_the_owner_may_test_and_the_operator_is_written_down(setup: Setup) -> None:
    x, r = ck.sign_in(setup.base, KEY_X), ck.sign_in(setup.base, KEY_R)
    sid = _subscription(setup, x)
    token_x = ck.csrf_of(x.get("/alerts").text)
    token_r = ck.csrf_of(r.get("/alerts").text)

    theirs = r.post(f"/alerts/{sid}/test", data={"csrf": token_r})
    nobody = r.post("/alerts/sub-000000000000/test", data={"csrf": token_r})
    assert theirs.status_code == nobody.status_code == 404
    assert theirs.text == nobody.text  # the same page: an id cannot be probed
    assert r.post(f"/alerts/{sid}/test", data={"csrf": token_x}).status_code == 403
    assert r.post(f"/alerts/{sid}/test", data={}).status_code == 403
    cross = x.post(f"/alerts/{sid}/test", data={"csrf": token_x},
                   headers={"Origin": "https://evil.example"})  # fmt: skip
    assert cross.status_code == 403
    anon = httpx.post(f"{setup.base}/alerts/{sid}/test", data={"csrf": token_x}, timeout=30)
    assert anon.status_code == 401

    op = ck.sign_in(setup.base, OPERATOR_TOKEN)
    token_op = ck.csrf_of(op.get("/").text)
    assert op.post("/view-as", data={"csrf": token_op, "org": "org-x"}).status_code == 303
    assert op.post(f"/alerts/{sid}/test", data={"csrf": token_op}).status_code == 403
    (refused,) = [a for a in setup.audit.lines()
                  if a["action"] == "console test notification refused"]  # fmt: skip
    assert (refused["actor"], refused["as_org"], refused["subscription"]) == (
        "operator", "org-x", sid)  # fmt: skip

    # none of it sent anything; the owner's own test still goes
    assert _outbox(setup) == []
    assert setup.hooks.received == []
    assert x.post(f"/alerts/{sid}/test", data={"csrf": token_x}).status_code == 200
    assert len(_outbox(setup)) == 1


def test_the_limits_per_subscription_and_per_organisation() -> None:
    now = 10_000.0
    limit("s1", now, [("s1", "t1", now - 61)])  # a minute on: fine
    with pytest.raises(RateLimited) as err:
        limit("s1", now, [("s1", "t1", now - 30)])
    assert 29 < err.value.retry_after <= 30
    hour = [(f"s{i}", f"t{i}", now - 3000 + i) for i in range(10)]
    with pytest.raises(RateLimited) as err:
        limit("s99", now, hour)  # an eleventh subscription in the hour
    assert 599 < err.value.retry_after <= 600
    limit("s99", now, hour[1:])
    limit("s99", now, [(s, n, at - 700) for s, n, at in hour])  # over an hour ago


def test_a_secret_echoed_by_an_endpoint_is_cut_from_the_reason() -> None:
    url = "https://hooks.slack.com/services/T0/B0/abcdefSECRET"
    echoed = Outcome(False, False, "slack webhook: HTTP 404 /services/T0/B0/abcdefSECRET")
    assert without_secret(echoed, url).error == "slack webhook: HTTP 404 [secret]"
    rotated = Outcome(False, False, "HTTP 401 bad key new-key-123456 old-key-654321")
    cut = without_secret(rotated, "new-key-123456 old-key-654321").error
    assert cut == "HTTP 401 bad key [secret] [secret]"
    assert without_secret(Outcome(True), url) == Outcome(True)


def test_the_test_message_passes_slacks_contract() -> None:
    from alerts.channels.slack import blocks, fallback_text
    from alerts.compose import test_payload
    from alerts.subscriptions import Rules, build
    from tests.fakeslack import check_blocks

    sub = build({"name": "n", "channels": [{"kind": "outbox", "target": "o"}]},
                org_id="org-x", now=datetime.now(UTC), rules=Rules(frozenset()))  # fmt: skip
    payload = test_payload(sub, "test-0011223344556677", "https://tahub.example", sub.updated_at)
    check_blocks(blocks(payload))
    assert "test message" in json.dumps(blocks(payload))
    assert fallback_text(payload).startswith("TLP:CLEAR TEST notification")
