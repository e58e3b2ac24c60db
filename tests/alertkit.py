"""Helpers for alert tests: detections and subscriptions as the alerts process sees them."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alerts.admin import SubscriptionAdmin
from alerts.book import read_all as read_all_subs
from alerts.service import AlertService
from alerts.subscriptions import Rules, build
from schemas.egress import EgressPolicy
from schemas.models import Detection, Subscription
from schemas.topics import ALL, DETECTIONS, TopicSpec
from streams.detect.dimensions import DEFAULT_SETS
from tahub import wiring
from tahub.settings import Settings
from tests.fakeslack import FakeSlack
from tests.intakekit import decoded, settings_for
from tests.sinkkit import Space
from tests.webhook_receiver import Receiver

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)  # a Monday
RULES = Rules(frozenset(d.name for d in DEFAULT_SETS), egress=EgressPolicy.parse(["127.0.0.1"]))

_DIMS = {
    "typology": ("typology",),
    "route": ("origin", "destination"),
    "location": ("location",),
    "cell": ("cell",),
    "typology_route": ("typology", "origin", "destination"),
    "typology_location": ("typology", "location"),
}


def detection(
    dimension_set: str = "typology_location",
    *,
    det_id: str = "det-1",
    version: int = 1,
    state: str = "opened",
    severity: str = "high",
    tlp: str = "GREEN",
    sources: int = 5,
    evidence: list[dict[str, Any]] | None = None,
    method: str = "poisson",
    observed: float = 14.0,
    **dims: str,
) -> dict[str, Any]:
    defaults = {
        "typology": "forced_criminality",
        "origin": "MM",
        "destination": "TH",
        "location": "TH",
        "cell": "8364a4fffffffff",  # the resolution-3 cell holding Bangkok
    }
    defaults.update(dims)
    dimensions = {d: defaults[d] for d in _DIMS[dimension_set]}
    key = "|".join(dimensions.values())
    if evidence is None:  # ``sources`` organisations, one report each, all at ``tlp``
        evidence = [{"org_id": f"org-src{i}", "tlp": tlp, "reports": 1} for i in range(sources)]
    return {
        "detection_id": det_id,
        "version": version,
        "state": state,
        "dimension_set": dimension_set,
        "dimension_key": key,
        "dimensions": dimensions,
        "window_start": "2026-11-01T00:00:00+00:00",
        "window_end": "2026-11-02T00:00:00+00:00",
        "observed": observed,
        "expected": 2.5,
        "score": 6.2,
        "p_value": 0.0001,
        "method": method,
        "severity": severity,
        "distinct_sources": len(evidence),
        "evidence": evidence,
        "tlp": tlp,
        "opened_at": "2026-11-01T00:00:00+00:00",
        "updated_at": "2026-11-02T00:00:00+00:00",
    }


def ended(*args: Any, version: int = 2, **kw: Any) -> dict[str, Any]:
    """The resolution of ``detection(*args, **kw)`` one window after the window it opened
    in: the spike held past its opening window (``alerts.policy._held``)."""
    return {**detection(*args, version=version, state="resolved", **kw),
            "window_start": "2026-11-02T00:00:00+00:00",
            "window_end": "2026-11-03T00:00:00+00:00"}  # fmt: skip


def subscription(org_id: str = "org-b", **spec: Any) -> Subscription:
    data: dict[str, Any] = {"name": "watch", "channels": [{"kind": "outbox", "target": "alerts"}]}
    data.update(spec)
    return build(data, org_id=org_id, now=T0, rules=RULES)


# --- a running alerts process on real Kafka, with a fake Slack and a webhook receiver ---

SLACK_TOKEN = "xoxb-test-0000-token"
HOOK_KEY = "whsec_dGVzdC1zaWduaW5nLWtleS0wMTIzNDU2Nzg5YWJjZGVm"  # Standard Webhooks form
SLACK_CHANNEL = "C0ALERTS1"


@dataclass
class Harness:
    space: Space
    settings: Settings
    slack: FakeSlack
    hooks: Receiver
    stop: threading.Event | None = None
    service: AlertService | None = None

    def admin(self) -> SubscriptionAdmin:
        s = self.settings
        return SubscriptionAdmin(
            wiring.contract_producer(s),
            s.topic_prefix,
            wiring.subscription_rules(s),
            lambda: read_all_subs(s.kafka_client_config(), wiring.serde(s)),
        )

    def grant(self, org_id: str, **values: str) -> None:
        """Channel secrets of one organisation, into the vault (the harness's default
        Slack token and signing key unless named)."""
        vault = wiring.vault(self.settings)
        try:
            for name, value in (values or {"ops_slack": SLACK_TOKEN, "hook_key": HOOK_KEY}).items():
                vault.put_secret(org_id, name, value)
        finally:
            vault.close()

    def subscribe(self, org_id: str = "org-b", **spec: Any) -> Subscription:
        data: dict[str, Any] = {"name": f"{org_id} watch", "channels": self.channels()}
        data.update(spec)
        self.grant(org_id)
        return self.admin().add(org_id, data, datetime.now(UTC))

    def channels(self, *kinds: str, path: str = "hook") -> list[dict[str, Any]]:
        kinds = kinds or ("slack", "webhook", "outbox")
        out = []
        for k in kinds:
            if k == "slack":
                out.append({"kind": "slack", "target": SLACK_CHANNEL, "secret_ref": "ops_slack"})
            elif k == "webhook":
                out.append(
                    {"kind": "webhook", "target": self.hooks.url(path), "secret_ref": "hook_key"}
                )
            else:
                out.append({"kind": "outbox", "target": "alerts"})
        return out

    def detect(self, *dets: dict[str, Any]) -> None:
        records = [Detection.model_validate(d).to_avro() for d in dets]
        self.space.produce(DETECTIONS, records, key="dimension_key")

    def start(self) -> None:
        self.stop = threading.Event()
        self.service = wiring.alert_service(self.settings)
        self.service.start(self.stop)
        assert self.service.book.ready.wait(30), "the subscription book did not load"

    def halt(self) -> None:
        if self.stop is not None and self.service is not None:
            self.stop.set()
            self.service.join()
            assert not self.service.failed, "the alerts service stopped with an error"
            self.stop = self.service = None

    def outbox(self, org_id: str = "org-b") -> list[dict[str, Any]]:
        path = self.settings.outbox_dir / org_id / "alerts.jsonl"
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text().splitlines()]

    def records(self, spec: TopicSpec) -> list[dict[str, Any]]:
        return decoded(self.space, spec)


@contextmanager
def harness(
    kafka_bootstrap: str, tmp: Path, space: Space | None = None, **over: Any
) -> Iterator[Harness]:
    space = space or Space.create(kafka_bootstrap, tmp)
    slack = FakeSlack({SLACK_TOKEN}, {SLACK_CHANNEL}).start()
    hooks = Receiver(HOOK_KEY).start()
    options: dict[str, Any] = {
        "app_id": space.prefix.rstrip("."),
        "slack_api_url": slack.url,
        "alert_group_wait": 0.3,
        "alert_retry_base": 0.2,
        "egress_allow": "127.0.0.1",  # the fake Slack and the webhook receiver
        "alerts_metrics_port": 0,
        "k_anonymity": 3,
    }
    options.update(over)
    s = settings_for(space, tmp / "data", **options)
    wiring.serde(s).register_all(ALL)
    h = Harness(space, s, slack, hooks)
    try:
        yield h
    finally:
        h.halt()
        slack.stop()
        hooks.stop()


def process_env(s: Settings) -> dict[str, str]:
    """Environment for a `tahub alerts run` subprocess with the harness's settings."""
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("TAHUB_")}
    names = (
        "kafka_bootstrap", "topic_prefix", "schema_registry_url", "data_dir", "app_id",
        "slack_api_url", "alert_group_wait", "alert_retry_base",
        "egress_allow", "alerts_metrics_port", "k_anonymity",
    )  # fmt: skip
    for name in names:
        env["TAHUB_" + name.upper()] = str(getattr(s, name))
    return env
