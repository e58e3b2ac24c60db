"""What notifications say and how they are signed (pure)."""

from __future__ import annotations

import hashlib
import hmac
import json

import jsonschema
import pytest

from alerts.channels.slack import blocks, fallback_text
from alerts.channels.webhook import SignatureError, encode, sign, verify
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


def test_signatures_verify_and_reject_tampering_staleness_and_other_keys() -> None:
    body = encode({"notification_id": "ntf-1", "x": "é"})
    sig = sign("k3y", 1_700_000_000, body)
    manual = hmac.new(b"k3y", b"1700000000." + body, hashlib.sha256).hexdigest()
    assert sig == "v1=" + manual  # the documented construction, byte for byte
    verify("k3y", "1700000000", sig, body, now=1_700_000_100)
    with pytest.raises(SignatureError, match="does not match"):
        verify("k3y", "1700000000", sig, body + b" ", now=1_700_000_100)
    with pytest.raises(SignatureError, match="does not match"):
        verify("other", "1700000000", sig, body, now=1_700_000_100)
    with pytest.raises(SignatureError, match="too old"):
        verify("k3y", "1700000000", sig, body, now=1_700_000_000 + 301)
    with pytest.raises(SignatureError, match="missing"):
        verify("k3y", None, sig, body)
