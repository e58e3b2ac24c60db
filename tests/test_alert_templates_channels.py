"""Subscriptions' own templates for Slack (mrkdwn) and webhooks (a signed ``text`` field):
the same sandbox as email's (alerts.templating), checked when a subscription is made,
rendered over the message's payload only, the default message when they fail. Sent to the
repo's fake Slack Web API and to a real local webhook receiver that verifies signatures
with the stock standardwebhooks library."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from alerts import compose
from alerts.channels import slack
from alerts.compose import PAYLOAD_SCHEMA_FILE
from alerts.delivery import DeliveryConfig, channel_spec
from alerts.templating import MAX_OUTPUT, TemplateProblem, render
from tests.alertkit import HOOK_KEY, SLACK_CHANNEL, SLACK_TOKEN, T0, detection, subscription
from tests.fakeslack import FakeSlack, check_blocks
from tests.intakekit import check_schema, running_api
from tests.sinkkit import Space
from tests.test_alert_email import LOOPBACK, World, spike_turns_red
from tests.test_alert_templates import _problems
from tests.webhook_receiver import Receiver

SCHEMA = json.loads(PAYLOAD_SCHEMA_FILE.read_text())


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    s = FakeSlack({SLACK_TOKEN}, {SLACK_CHANNEL}).start()
    try:
        yield s
    finally:
        s.stop()


@pytest.fixture
def hooks() -> Iterator[Receiver]:
    r = Receiver(HOOK_KEY).start()
    try:
        yield r
    finally:
        r.stop()


def _world(tmp: Path, fake: FakeSlack, *orgs: str) -> World:
    secrets = {}
    for org in orgs or ("org-b",):
        secrets[(org, "ops_slack")] = SLACK_TOKEN
        secrets[(org, "hook_key")] = HOOK_KEY
    cfg = DeliveryConfig(outbox_dir=tmp / "out", slack_api_url=fake.url, egress=LOOPBACK,
                         retry_base=0.05, timeout=5.0)  # fmt: skip
    return World(tmp, secrets, cfg)


def _slack(channel: str = SLACK_CHANNEL) -> dict[str, Any]:
    return {"kind": "slack", "target": channel, "secret_ref": "ops_slack"}


def _hook(hooks: Receiver, path: str = "hook") -> dict[str, Any]:
    return {"kind": "webhook", "target": hooks.url(path), "secret_ref": "hook_key"}


def _section_texts(blocks: list[dict[str, Any]]) -> list[str]:
    return [b["text"]["text"] for b in blocks if b["type"] == "section"]


def test_slack_and_webhook_template_problems_are_named_by_part_and_line() -> None:
    got = _problems({"slack": "*{{ title }}*\n{% if %}", "webhook": "{{ title }"})
    assert set(got) == {"templates.slack", "templates.webhook"}
    assert got["templates.slack"].startswith("line 2: ")
    assert got["templates.webhook"].startswith("line 1: ")
    # HTML escaping has no place in mrkdwn (values are escaped for Slack already)
    assert _problems({"slack": "{{ title|e }}"}) == {
        "templates.slack": "line 1: No filter named 'e'."
    }
    nested = "{% for a in detections %}{% for b in detections %}{% for c in detections %}"
    assert _problems({"webhook": nested + "{% endfor %}" * 3})["templates.webhook"] == (
        "line 1: loops nest at most 2 deep"
    )
    sub = subscription("org-b", templates={"slack": "{{ title }}", "webhook": " "})
    assert sub.templates == {"slack": "{{ title }}"}


def test_a_slack_template_makes_the_message_under_the_same_header_and_label(
    tmp_path: Path, fake_slack: FakeSlack
) -> None:
    w = _world(tmp_path, fake_slack)
    template = (
        "*{{ subscription.name }}*: {{ detections|length }} spike(s)\n"
        "{% for d in detections %}• {{ d.where }}: {{ d.observed }} reports "
        "<{{ d.evidence_url }}|evidence>\n{% endfor %}"
    )
    w.subscribe("org-b", name="<!channel> & *Bangkok*", templates={"slack": template},
                channels=[_slack()])  # fmt: skip
    w.detect(detection(det_id="det-9"), T0.timestamp())
    w.router.step([], T0.timestamp() + 5)
    (rec,) = w.deliver()
    assert (rec["channel"], rec["status"], rec["error"]) == ("slack", "sent", None)
    (posted,) = fake_slack.messages(SLACK_CHANNEL)
    mine = (
        "*&lt;!channel&gt; &amp; *Bangkok**: 1 spike(s)\n"
        "• in Thailand (TH): 14.0 reports <http://hub.example/detections/det-9|evidence>"
    )
    assert _section_texts(posted.blocks) == [mine]
    assert posted.text == mine  # the notification text too
    header, context = posted.blocks[0], posted.blocks[1]
    assert header["type"] == "header"
    assert header["text"]["text"].startswith("Spike: ")
    assert context["elements"][0]["text"].startswith("*TLP:GREEN* · new · highest severity")


def test_a_slack_template_failing_when_sending_gives_the_default_blocks_and_says_so(
    tmp_path: Path, fake_slack: FakeSlack
) -> None:
    w = _world(tmp_path, fake_slack)
    w.subscribe("org-b", templates={"slack": "{{ ''.__class__.__mro__ }}"}, channels=[_slack()])
    w.detect(detection(det_id="det-9"), T0.timestamp())
    w.router.step([], T0.timestamp() + 5)
    (rec,) = w.deliver()
    assert rec["status"] == "sent"
    assert rec["error"].startswith("slack: template failed, default sent (slack: SecurityError")
    (posted,) = fake_slack.messages(SLACK_CHANNEL)
    assert posted.text.startswith("TLP:GREEN Spike: ")  # the default fallback text
    assert posted.blocks[-1]["accessory"]["url"] == "http://hub.example/detections/det-9"
    assert "__class__" not in json.dumps(posted.blocks)


def test_a_webhook_template_adds_a_signed_text_and_the_payload_stays_valid(
    tmp_path: Path, fake_slack: FakeSlack, hooks: Receiver
) -> None:
    w = _world(tmp_path, fake_slack)
    template = (
        "{{ severity|upper }} {{ title }}\n{% for d in detections %}{{ d.where }}{% endfor %}"
    )
    w.subscribe("org-b", name="with text", templates={"webhook": template},
                channels=[_hook(hooks, "with")])  # fmt: skip
    w.subscribe("org-b", name="without", channels=[_hook(hooks, "without")])
    w.detect(detection(det_id="det-9"), T0.timestamp())
    w.router.step([], T0.timestamp() + 5)
    records = w.deliver()
    assert sorted((r["status"], r["error"]) for r in records) == [("sent", None)] * 2
    assert hooks.rejected == []  # both verified by the stock library: text is signed
    by_path = {r.path: r.body for r in hooks.received}
    templated, plain = by_path["with"], by_path["without"]
    for body in (templated, plain):
        jsonschema.validate(body, SCHEMA)
    assert "text" not in plain  # no template: the payload as before
    assert templated["text"] == f"HIGH {templated['title']}\nin Thailand (TH)"
    assert {
        k: v for k, v in templated.items() if k not in {"text", "notification_id", "subscription"}
    } == {k: v for k, v in plain.items() if k not in {"notification_id", "subscription"}}


def test_a_webhook_template_failing_when_sending_gives_the_default_text_and_says_so(
    tmp_path: Path, fake_slack: FakeSlack, hooks: Receiver
) -> None:
    w = _world(tmp_path, fake_slack)
    w.subscribe("org-b", templates={"webhook": "{{ nosuch.field }}"}, channels=[_hook(hooks)])
    w.detect(detection(det_id="det-9"), T0.timestamp())
    w.router.step([], T0.timestamp() + 5)
    (rec,) = w.deliver()
    assert rec["status"] == "sent"
    assert rec["error"] == (
        "webhook: template failed, default sent (webhook: UndefinedError: 'nosuch' is undefined)"
    )
    (got,) = hooks.received
    jsonschema.validate(got.body, SCHEMA)
    assert got.body["text"].startswith(got.body["title"] + "\n")  # tahub's plain text
    assert "in Thailand (TH)" in got.body["text"]


@pytest.mark.parametrize("part", ["slack", "webhook"])
@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ detections.__class__.__base__.__subclasses__() }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ self._TemplateReference__context }}",
        "{{ title.ljust(100000000) }}",
        "{{ 'x' * 100000000 }}",
        "{{ config }}{{ settings }}{{ request }}{{ environ }}",
        "{% for a in detections %}{% for b in detections %}{{ summary }}{% endfor %}{% endfor %}",
    ],
)
def test_escapes_and_runaways_fail_in_slack_and_webhook_templates(part: str, source: str) -> None:
    """Attack: a subscriber's Slack or webhook template tries to leave the sandbox, reach
    the process's settings, or exhaust memory."""
    many = [{**detection(det_id=f"d{i}"), "what": "w" * 50} for i in range(300)]
    body = {"title": "t", "summary": "s" * 2000, "detections": many, "subscription": {}}
    assert render(part, "{{ title }}: {{ detections|length }}", body) == "t: 300"  # the part works
    with pytest.raises(TemplateProblem):
        render(part, source, body)


def test_a_long_slack_rendering_stays_within_slacks_limits() -> None:
    """Up to 200,000 characters may come out of a template; Slack takes 3,000 a section
    and 50 blocks: the message is cut at 20 sections, lines longer than a section split."""
    payload = {"kind": "digest", "tlp": "TLP:GREEN", "title": "t", "severity": "high",
               "subscription": {"id": "s", "name": "n"}, "summary": "x" * 9000,
               "detections": []}  # fmt: skip
    text, blocks, why = slack.message(payload, {"slack": "{{ summary }}\n" * 20})
    assert why is None
    check_blocks(blocks)  # the fake's copy of Slack's rules
    sections = _section_texts(blocks)
    assert len(sections) == slack.MAX_TEMPLATE_SECTIONS
    assert all(0 < len(s) <= slack.SECTION_MAX for s in sections)
    assert sections[-1].endswith("…")
    assert len(text) <= slack.SECTION_MAX
    _, blocks, why = slack.message(payload, {"slack": "{% if true %}  \n {% endif %}"})
    assert why == "template failed, default sent (slack: the template rendered nothing)"
    check_blocks(blocks)


def test_slack_and_webhook_templates_reach_nothing_beyond_what_their_subscriber_may_see(
    tmp_path: Path, fake_slack: FakeSlack, hooks: Receiver
) -> None:
    """Attack: org-x's Slack and webhook templates print everything they can name while
    org-r's TLP:RED reports join the spike: org-x's messages hold only what it was told."""
    w = _world(tmp_path, fake_slack, "org-x", "org-r")
    fake_slack.channels |= {"C0ORGX001", "C0ORGR001"}
    dump = "{{ detections }} {{ subscription }} {{ summary }} {{ org_id }}"
    w.subscribe("org-x", templates={"slack": dump, "webhook": dump},
                channels=[_slack("C0ORGX001"), _hook(hooks, "x")])  # fmt: skip
    w.subscribe("org-r", channels=[_slack("C0ORGR001"), _hook(hooks, "r")])
    spike_turns_red(w)
    records = w.deliver()
    assert {(r["channel"], r["status"], r["error"]) for r in records} == {
        ("slack", "sent", None),
        ("webhook", "sent", None),
    }
    (slack_x,) = fake_slack.messages("C0ORGX001")
    (hook_x,) = [r.body for r in hooks.received if r.path == "x"]
    for shown in (slack_x.text, "\n".join(_section_texts(slack_x.blocks)), hook_x["text"]):
        assert "'observed': 4.0" in shown
        assert "org-x" in shown
        for secret in ("RED", "7.0", "org-r", "org-a", "'evidence': [", "reports': "):
            assert secret not in shown
    assert any("TLP:RED" in json.dumps(m.blocks) for m in fake_slack.messages("C0ORGR001"))


def test_slack_and_webhook_templates_past_the_output_cap_send_the_default(
    tmp_path: Path, fake_slack: FakeSlack, hooks: Receiver
) -> None:
    """Attack: a nested loop over a digest's 60 detections would write millions of
    characters; rendering stops at the cap and the default goes, with the reason."""
    w = _world(tmp_path, fake_slack)
    loop = "{% for a in detections %}{% for b in detections %}{{ summary }}{% endfor %}{% endfor %}"
    w.subscribe("org-b", name="digest", mode="digest_daily",
                templates={"slack": loop, "webhook": loop},
                channels=[_slack(), _hook(hooks)])  # fmt: skip
    now = T0.timestamp()
    for i in range(60):
        w.detect(detection(det_id=f"g{i}"), now + i)
    assert w.router.step([], now + 23 * 3600 + 60)
    records = w.deliver()
    capped = f"SecurityError: the message is longer than {MAX_OUTPUT} characters"
    assert sorted((r["channel"], r["status"], capped in r["error"]) for r in records) == [
        ("slack", "sent", True),
        ("webhook", "sent", True),
    ]
    (posted,) = fake_slack.messages(SLACK_CHANNEL)
    assert posted.text.startswith("TLP:GREEN Digest for digest: 60 detection(s)")
    (got,) = hooks.received
    jsonschema.validate(got.body, SCHEMA)
    assert got.body["text"].startswith("Digest for digest: 60 detection(s)")
    assert len(got.body["text"]) < MAX_OUTPUT


def _tahub(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-m", "tahub", *args]
    return subprocess.run(argv, env=env, capture_output=True, text=True, check=False, timeout=120)


def test_the_api_and_the_cli_take_slack_and_webhook_templates_and_refuse_syntax_errors(
    kafka_bootstrap: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TAHUB_SECRET_ORG_B__OPS_SLACK", SLACK_TOKEN)
    space = Space.create(kafka_bootstrap, tmp_path)
    spec = {"name": "templated", "channels": [{"kind": "slack", "target": SLACK_CHANNEL,
                                              "secret_ref": "ops_slack"}]}  # fmt: skip
    with running_api(space, tmp_path / "data") as api:
        http = api.client(api.key_for("org-b"))
        good = {"slack": "*{{ title }}*", "webhook": "{{ summary }}"}
        r = http.post("/api/v1/subscriptions", json={**spec, "templates": good})
        assert r.status_code == 201, r.text
        check_schema("Subscription", r.json())
        assert r.json()["templates"] == good
        r = http.post("/api/v1/subscriptions",
                      json={**spec, "templates": {"slack": "ok\n{% for %}"}})  # fmt: skip
        assert r.status_code == 422
        (problem,) = r.json()["problems"]
        assert problem["path"] == "templates.slack"
        assert problem["reason"].startswith("line 2: ")

    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("TAHUB_")},
        "TAHUB_DATA_DIR": str(tmp_path / "cli"),
        "TAHUB_KAFKA_BOOTSTRAP": space.bootstrap,
        "TAHUB_TOPIC_PREFIX": space.prefix,
        "TAHUB_SCHEMA_REGISTRY_URL": space.registry_url,
        "TAHUB_SECRET_ORG_B__OPS_SLACK": SLACK_TOKEN,
    }
    assert _tahub(env, "orgs", "add", "org-b", "--name", "B").returncode == 0
    (tmp_path / "bad.j2").write_text("{{ title }\n")
    (tmp_path / "ok.j2").write_text("{{ title }} {{ severity }}\n")
    base = ("subs", "add", "--org", "org-b", "--name", "t", "--slack", f"{SLACK_CHANNEL}=ops_slack")
    bad = _tahub(env, *base, "--template", f"webhook={tmp_path / 'bad.j2'}")
    assert bad.returncode == 1
    assert "templates.webhook: line 1: " in bad.stderr
    ok = _tahub(env, *base, "--template", f"slack={tmp_path / 'ok.j2'}", "--json")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["templates"] == {"slack": "{{ title }} {{ severity }}\n"}


def test_a_test_notification_carries_the_channels_own_templates(fake_slack: FakeSlack) -> None:
    """`tahub subs test` queues rows by channel_spec: each channel gets its own parts only,
    and a Slack template renders over a test payload (no detection) within Slack's rules."""
    templates = {"subject": "{{ title }}", "slack": "_{{ kind }}_ {{ summary }}",
                 "webhook": "{{ title }}"}  # fmt: skip
    sub = subscription("org-b", templates=templates,
                       channels=[_slack(), {"kind": "outbox", "target": "o"}])  # fmt: skip
    specs = [channel_spec(sub, ch) for ch in sub.channels]
    assert [s.get("templates") for s in specs] == [{"slack": "_{{ kind }}_ {{ summary }}"}, None]
    body = compose.test_payload(sub, "ntf-test", "http://hub.example", T0)
    text, blocks, why = slack.message(body, specs[0]["templates"])
    assert why is None
    check_blocks(blocks)
    assert text.startswith("_test_ A test of this channel")
    assert blocks[1]["elements"][0]["text"].startswith("*TLP:CLEAR* · test message")
