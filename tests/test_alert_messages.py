"""What notifications say and how they are signed (pure)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time

import jsonschema
import pytest

from alerts.channels.slack import blocks, fallback_text
from alerts.channels.webhook import SignatureError, Verifier, encode, sign
from alerts.compose import PAYLOAD_SCHEMA_FILE, payload, record, title
from alerts.policy import Item, Notification
from tests.alertkit import T0, detection, subscription
from tests.fakeslack import check_blocks

SCHEMA = json.loads(PAYLOAD_SCHEMA_FILE.read_text())


def _note(*dets: dict, kind: str = "new", changes: tuple[str, ...] = ()) -> Notification:  # type: ignore[type-arg]
    items = tuple(
        Item(changes[i] if changes else "new", d, "medium" if changes else None)
        for i, d in enumerate(dets)
    )
    return Notification("ntf-1", subscription(name="Bangkok office"), kind, items, T0.timestamp())


def test_payloads_follow_the_published_schema_and_carry_no_reporter_names() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    one = payload(_note(detection("typology_route")), "http://hub.example")
    jsonschema.validate(one, SCHEMA)
    assert one["detections"][0]["where"] == "route Myanmar (MM) → Thailand (TH)"
    assert one["tlp"] == "TLP:GREEN"
    text = json.dumps(one)
    assert "org-src" not in text  # who reported stays inside
    assert 'reports": ' not in text  # nor per-organisation evidence
    many = payload(
        _note(
            detection(
                "cell",
                det_id="a",
                tlp="AMBER_STRICT",
                evidence=[{"org_id": "org-b", "tlp": "AMBER_STRICT", "reports": 4}],
            ),
            detection("typology", det_id="b", method="novelty", severity="critical"),
            kind="escalated",
            changes=("escalated", "repeat"),
        ),
        "http://hub.example/",
    )
    jsonschema.validate(many, SCHEMA)
    assert many["tlp"] == "TLP:AMBER+STRICT"  # the least shareable part decides
    assert many["severity"] == "critical"


def test_titles_say_what_where_and_why() -> None:
    assert title(_note(detection("location"))) == "Spike: all typologies, in Thailand (TH) (high)"
    grouped = _note(detection(det_id="a"), detection(det_id="b"))
    assert title(grouped) == "2 detections for Bangkok office, highest high"
    rec = record(grouped)
    assert rec.detection_ids == ["a", "b"]
    assert rec.summary.count("\n") == 1


def test_slack_messages_stay_inside_block_kit_limits() -> None:
    dets = [detection(det_id=f"d{i}", location="TH") for i in range(60)]
    body = payload(_note(*dets), "http://hub.example")
    out = blocks(body)
    check_blocks(out)  # the fake's copy of Slack's rules
    assert len(out) <= 50
    assert out[-1]["elements"][0]["text"] == "and 50 more"
    long_name = payload(_note(detection()), "http://hub.example")
    long_name["title"] = "x" * 400
    check_blocks(blocks(long_name))
    assert fallback_text(long_name).startswith("TLP:GREEN ")


def test_signatures_follow_standard_webhooks_and_verify_with_the_stock_library() -> None:
    from standardwebhooks import Webhook

    key = "whsec_" + base64.b64encode(b"0123456789abcdef0123456789abcdef").decode()
    body = encode({"notification_id": "ntf-1", "x": "é"})
    ts = int(time.time())
    sig = sign(key, "ntf-1", ts, body)
    manual = base64.b64encode(
        hmac.new(b"0123456789abcdef0123456789abcdef", f"ntf-1.{ts}.".encode() + body,
                 hashlib.sha256).digest()
    ).decode()  # fmt: skip
    assert sig == f"v1,{manual}"  # the standard's construction, byte for byte
    headers = {"webhook-id": "ntf-1", "webhook-timestamp": str(ts), "webhook-signature": sig}
    assert Webhook(key).verify(body, headers) == {"notification_id": "ntf-1", "x": "é"}
    # a key change: two keys, two signatures, either verifies
    new = "whsec_" + base64.b64encode(b"n" * 32).decode()
    both = sign(f"{new} {key}", "ntf-1", ts, body)
    assert len(both.split()) == 2
    for one in (new, key):
        Webhook(one).verify(body, {**headers, "webhook-signature": both})


def test_the_reference_receiver_rejects_tampering_staleness_replays_and_malformed_headers() -> None:
    key = "any text works as a key too"
    body = encode({"notification_id": "ntf-2"})
    now = 1_700_000_000
    good = {"webhook-id": "ntf-2", "webhook-timestamp": str(now),
            "webhook-signature": sign(key, "ntf-2", now, body)}  # fmt: skip
    receiver = Verifier(key)
    assert receiver.verify(good, body, now=now + 100) == "ntf-2"
    with pytest.raises(SignatureError, match="replay"):
        receiver.verify(good, body, now=now + 101)
    fresh = Verifier(key)
    for headers, match in (
        ({**good, "webhook-signature": sign(key, "ntf-2", now, body + b" ")}, "no signature"),
        ({**good, "webhook-signature": sign("other", "ntf-2", now, body)}, "no signature"),
        ({**good, "webhook-id": "ntf-3"}, "no signature"),
        ({**good, "webhook-timestamp": "1.7e9"}, "unix seconds"),
        ({**good, "webhook-timestamp": "١٧٠٠٠٠٠٠٠٠"}, "unix seconds"),
        ({**good, "webhook-signature": "garbage"}, "v1,<base64>"),
        ({**good, "webhook-signature": "v2,abc"}, "v1,<base64>"),
        ({k: v for k, v in good.items() if k != "webhook-id"}, "missing"),
    ):
        with pytest.raises(SignatureError, match=match):
            fresh.verify(headers, body, now=now + 100)
    with pytest.raises(SignatureError, match="too old"):
        fresh.verify(good, body, now=now + 301)
