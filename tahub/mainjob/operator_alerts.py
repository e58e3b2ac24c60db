"""Operator alerts on a thread of the main job: every few seconds the health rules judge
the deployment (as `tahub status` and the /ops page do), ``tahub.health.incidents``
decides what to tell, and the alerts package's deliverer sends it to the operators'
channel (outbox, Slack, webhook) with its retries, lanes and endpoint health.

The incidents and the notices they queue are written in one SQLite transaction in
``<data dir>/ops-alerts.db`` (the alerts store's schema plus an incidents table), so a
restart neither repeats a firing (the incident is still open) nor loses a resolution (its
row is queued, or the incident is still open and resolves when next seen green). The
operators are an organisation no partner can be: ``_operators`` (organisation ids never
start with ``_``), so their outbox and secret are apart from every partner's.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alerts.delivery import Deliverer, DeliveryConfig, lane_of
from alerts.secrets import Secrets, env_name
from alerts.store import AlertStore, QueuedDelivery
from tahub import wiring
from tahub.checks import Check
from tahub.health import incidents
from tahub.health.incidents import Incident, Notice, Policy
from tahub.health.rules import Finding, Level
from tahub.settings import Settings

log = logging.getLogger("tahub.main")

OPS_ORG = "_operators"
SECRET_NAME = "channel"  # noqa: S105 - the name a secret is kept under
SUBSCRIPTION = "operators"
KINDS = ("outbox", "slack", "webhook")
CHANNEL = re.compile(r"^(outbox|slack|webhook):(.+)$")
KEEP_S = 30 * 86400.0  # finished notices are kept this long


class ChannelError(ValueError):
    pass


def channel_spec(value: str, secret: str | None) -> dict[str, Any] | None:
    """``kind:target`` as a channel spec of the alerts package; None when set to off."""
    if value.strip().lower() in {"", "off", "none"}:
        return None
    found = CHANNEL.match(value.strip())
    if found is None:
        raise ChannelError(
            "TAHUB_OPS_ALERT_CHANNEL is kind:target with kind outbox, slack or webhook "
            "(outbox:operators, slack:#ops, slack:incoming-webhook, webhook:https://…), or off"
        )
    kind, target = found.group(1), found.group(2)
    if kind != "outbox" and not secret:
        raise ChannelError(
            f"a {kind} operator channel needs TAHUB_OPS_ALERT_SECRET (the Slack bot token, "
            "the incoming-webhook URL or the webhook signing key)"
        )
    return {"kind": kind, "target": target, "secret_ref": None if kind == "outbox" else SECRET_NAME}


INCIDENTS_SCHEMA = "CREATE TABLE IF NOT EXISTS incidents (part TEXT PRIMARY KEY, state TEXT)"


class OperatorStore(AlertStore):
    """The alerts store's queue, lanes and endpoint health, plus the open incidents."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self._db().execute(INCIDENTS_SCHEMA)

    def incidents(self) -> dict[str, Incident]:
        rows = self._db().execute("SELECT part, state FROM incidents").fetchall()
        return {str(p): Incident.from_json(json.loads(s)) for p, s in rows}

    def commit_step(self, state: Mapping[str, Incident], queued: list[QueuedDelivery]) -> None:
        """The incidents after an evaluation and the notices it made, atomically; a notice
        queued twice is one row (its id is the incident's and the state's)."""
        now = time.time()
        with self._tx() as db:
            db.execute("DELETE FROM incidents")
            db.executemany("INSERT INTO incidents VALUES (?, ?)",
                           [(g, json.dumps(i.to_json())) for g, i in state.items()])  # fmt: skip
            db.executemany(
                "INSERT OR IGNORE INTO queue (notification_id, channel, subscription_id, org_id, "
                "lane, spec, payload, next_at, status, origin_at, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)",
                [(d.notification_id, d.channel, d.subscription_id, d.org_id, d.lane,
                  json.dumps(d.spec), json.dumps(d.payload), now, d.origin_at, now)
                 for d in queued],
            )  # fmt: skip

    def drop_records(self) -> None:
        """The deliverer writes a Delivery record per attempt for the alerts process to
        publish; the operators' are no partner's business and are not published."""
        with self._tx() as db:
            db.execute("DELETE FROM outgoing")


@dataclass(frozen=True)
class OperatorConfig:
    spec: dict[str, Any] | None  # None: operator alerts are off
    secret: str | None
    policy: Policy
    every: float
    source: str  # which deployment speaks: the app id and the job's URL
    ops_url: str
    db: Path
    delivery: DeliveryConfig


def config(s: Settings) -> OperatorConfig:
    secret = s.ops_alert_secret.get_secret_value() if s.ops_alert_secret else None
    return OperatorConfig(
        spec=channel_spec(s.ops_alert_channel, secret),
        secret=secret,
        policy=Policy(
            Level.RED if s.ops_alert_level == "red" else Level.YELLOW,
            s.ops_alert_for,
            s.ops_alert_clear,
        ),
        every=s.ops_alert_every,
        source=f"tahub {s.app_id} at {s.base_url}",
        ops_url=f"{s.base_url}/ops",
        db=s.data_dir / "ops-alerts.db",
        delivery=wiring.delivery_config(s),
    )


class OperatorAlerts:
    def __init__(
        self, cfg: OperatorConfig, findings: Callable[[float], list[Finding]],
        stop: threading.Event,
    ) -> None:  # fmt: skip
        self.cfg = cfg
        self._findings = findings
        self._stop = stop
        self.store = OperatorStore(cfg.db)
        self.state = incidents.resumed(self.store.incidents())
        env = {env_name(OPS_ORG, SECRET_NAME): cfg.secret} if cfg.secret else {}
        self.deliverer = Deliverer(self.store, Secrets(env=env), cfg.delivery)
        self.error: str | None = None
        self._threads = [
            threading.Thread(target=self._run, name="operator-alerts", daemon=True),
            threading.Thread(
                target=self.deliverer.run, args=(stop,), name="operator-delivery", daemon=True
            ),
        ]

    def start(self) -> None:
        if self.cfg.spec is None:
            log.info("operator alerts: off (TAHUB_OPS_ALERT_CHANNEL)")
            return
        if self.state:
            log.info("operator alerts: %d incident(s) still open from before the restart: %s",
                     len(self.state), ", ".join(sorted(self.state)))  # fmt: skip
        for thread in self._threads:
            thread.start()

    def stop(self, timeout: float = 15.0) -> None:
        for thread in self._threads:
            if thread.is_alive():
                thread.join(timeout)

    def tick(self, now: float) -> list[Notice]:
        """One evaluation: judge, decide, store and queue (one transaction), wake the
        deliverer."""
        found = self._findings(now)
        notices, state = incidents.step(self.state, found, now, self.cfg.policy)
        for n in [n for n in notices if n.state == incidents.RESOLVED and self._unsent(n)]:
            # its firing is still being tried (a rate limit, an outage): resolve later, so
            # the operators never read the end of an incident before its start
            notices.remove(n)
            state[n.incident.group] = self.state[n.incident.group]
        if notices or state != self.state:
            self.store.commit_step(state, [self._queued(n) for n in notices])
            with contextlib.suppress(RuntimeError):  # its loop has ended (a stop): the rows
                self.deliverer.wake()  # wait in the queue for the next start
        self.state = state
        for n in notices:
            head = n.headline
            log.warning("operator alert %s: %s %s (%s: %s)", n.notification_id, n.state,
                        n.incident.group, head.component, head.detail)  # fmt: skip
        return notices

    def _unsent(self, resolved: Notice) -> bool:
        firing = f"{resolved.incident.incident_id}-{incidents.FIRING}"
        return any(q.status in {"pending", "sending"} for q in self.store.queued(firing, OPS_ORG))

    def _queued(self, notice: Notice) -> QueuedDelivery:
        assert self.cfg.spec is not None
        body = incidents.payload(notice, source=self.cfg.source, ops_url=self.cfg.ops_url)
        return QueuedDelivery(notice.notification_id, 0, SUBSCRIPTION, OPS_ORG,
                              lane_of(self.cfg.spec, OPS_ORG), self.cfg.spec, body, 0,
                              notice.at)  # fmt: skip

    def _run(self) -> None:
        pruned = 0.0
        while not self._stop.wait(self.cfg.every):
            try:
                self.tick(time.time())
                if time.monotonic() - pruned > 3600:
                    pruned = time.monotonic()
                    self.store.prune(time.time() - KEEP_S)
                self.store.drop_records()
                self.error = None
            except Exception as err:  # the job's health must not die with its alerts
                self.error = f"{type(err).__name__}: {err}"
                log.exception("operator alerts: evaluation failed")

    def check(self) -> Check:
        """For /health, which answers anyone: counts, never the channel's target."""
        if self.cfg.spec is None:
            return Check("operator alerts", True, "off")
        if self.error is not None:
            return Check("operator alerts", False, f"evaluation failing: {self.error[:200]}")
        try:
            failing = any(e.failing for e in self.store.endpoints())
            counts = self.store.queue_counts()
        except Exception as err:
            return Check("operator alerts", False, f"ops-alerts.db: {type(err).__name__}")
        fired = sum(1 for i in self.state.values() if i.fired_at is not None)
        sent, failed = counts.get("sent", 0), counts.get("failed", 0)
        detail = (f"{self.cfg.spec['kind']} channel; {fired} incident(s) open; "
                  f"{sent} notice(s) sent, {failed} failed")  # fmt: skip
        if failing:
            return Check("operator alerts", False, detail + "; the operators' channel is failing")
        return Check("operator alerts", True, detail)
