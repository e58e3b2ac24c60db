"""Attack: another partner shares a lane with an organisation's Slack channel or webhook.

A lane holds one attempt in flight and, for Slack, a second between messages, so "a dead
endpoint delays only itself". Lanes were keyed by kind, target and secret *name* only:
a partner naming its own token as the victim names its (``slack``) and posting to the
same channel name (``#alerts``) in its own workspace, or to the victim's webhook URL,
queued into the victim's lane: with enough subscriptions of its own it held the victim's
alerts back for as long as it liked, and its failures marked the victim's endpoint failing.
"""

from __future__ import annotations

import pytest

from alerts.delivery import lane_of


@pytest.mark.parametrize(
    "spec",
    [
        {"kind": "slack", "target": "#alerts", "secret_ref": "slack"},
        {"kind": "webhook", "target": "https://hooks.shelter.example/tahub", "secret_ref": "hook"},
        {"kind": "email", "target": "duty@shelter.example", "secret_ref": "relay"},
        {"kind": "outbox", "target": "alerts", "secret_ref": None},
    ],
)
def test_two_organisations_never_share_a_lane(spec: dict[str, str]) -> None:
    assert lane_of(spec, "shelter-x") != lane_of(spec, "rival-y")
    assert lane_of(spec, "shelter-x") == lane_of(dict(spec), "shelter-x")  # stable
