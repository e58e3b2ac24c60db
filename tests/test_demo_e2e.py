"""The demo's scenario end to end on real services (issue 21, item 2), twice and side by
side: on the local defaults (chDB in the data dir) and in servers mode (a database on the
ClickHouse server); beside them, `tahub up --demo` as a user runs it (tests/test_demo.py).

The real main job (`tahub up`) runs with the demo's detector config and recorded feeds
(`tahub.demo.run.write_config`); the demo's own Player (`tahub.demo.run.Player`) creates
the world through the same calls as `tahub up --demo`: twelve organisations, their two
years of history, the four subscriptions (here each with Slack and a signed webhook beside
its outbox), then a fixed script of the live trickle with its spike. The test adds invalid
rows through the intake API, one alone and one in a bulk file. Then, from the warehouse:
exact rows per table, the dead letters (reasons, never the payloads), and exactly one
notification on every channel of the matching subscription and none for the others.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from consumers.warehouse import open_warehouse
from tahub.demo import run, world
from tahub.settings import Settings
from tests.alertkit import HOOK_KEY, SLACK_TOKEN
from tests.fakeslack import FakeSlack
from tests.jobkit import Job, job_env, signals_of
from tests.services import fresh_warehouse_url
from tests.sinkkit import count, wait_for
from tests.test_demo import up_demo
from tests.webhook_receiver import Receiver

pytestmark = pytest.mark.kafka

# trickle submissions after the spike, then the script ends: time moves on with the data
# alone (no wall clock), so the spike's window closes only when later reports come in
AFTER_SPIKE = 15
# the recorded feeds (tahub/demo/feeds/) are fixed files read by offline rules
NEWS_ARTICLES = 7
NEWS_SIGNALS = 14
KEY = f"{world.SPIKE.typology}|{world.SPIKE.origin}>{world.SPIKE.destination}"
PLANTED = ("Petrova", "0912 345 678", "mauve")  # never in a dead letter


def _channel(org_id: str) -> str:
    return "C" + org_id.upper().replace("-", "")[:10]


def _subscriptions(hooks: Receiver) -> tuple[tuple[str, dict[str, Any]], ...]:
    """The demo's four subscriptions, each with its own Slack channel and webhook path."""
    out = []
    for org_id, spec in world.SUBSCRIPTIONS:
        extra = [
            {"kind": "slack", "target": _channel(org_id), "secret_ref": "demo_slack"},
            {"kind": "webhook", "target": hooks.url(org_id), "secret_ref": "demo_hook"},
        ]
        out.append((org_id, {**spec, "channels": [*spec["channels"], *extra]}))
    return tuple(out)


def _invalid(job: Job, today: Any) -> list[dict[str, Any]]:
    """One invalid submission alone and a bulk file with one invalid row of three: the
    bulk file's two good rows (with their organisation in '_org')."""
    import random

    rng = random.Random(7)
    org = "shelter-bkk"
    route = world.ROUTES[2]
    bad = {
        **world.submission(route, "bad-1", today, rng),
        "exploitation_places": [{"country": "UK"}],
        "tlp": "mauve",
        "summary": "Call Anna Petrova on 0912 345 678",
    }
    r = job.submit(org, bad)
    assert r.status_code == 422, r.text
    assert {e["path"] for e in r.json()["errors"]} == {"exploitation_places.0.country", "tlp"}
    good = [world.submission(route, f"bulk-{i}", today, rng) for i in range(2)]
    rows = [good[0], {**good[1], "submission_id": "bulk-bad", "occurred_on": "2099-01-01"},
            {**good[1]}]  # fmt: skip
    body = "\n".join(json.dumps(x) for x in rows).encode()
    r = httpx.post(f"{job.base}/api/v1/incidents/bulk", content=body, timeout=60,
                   headers={**job.auth(org), "Content-Type": "application/x-ndjson"})  # fmt: skip
    report = r.json()
    assert (report["accepted"], report["rejected"]) == (2, 1), report
    return [{**x, "_org": org} for x in good]


@dataclass
class Played:
    """One backend's run of the script: what the test checks afterwards."""

    backend: str
    today: date
    slack: FakeSlack
    hooks: Receiver
    job: Job
    player: run.Player | None = None
    bulk: list[dict[str, Any]] = field(default_factory=list)
    settings: Settings | None = None


def _play(kafka_bootstrap: str, root: Path, warehouse: str | None, today: date) -> Played:
    """The job on ``warehouse`` (None: chDB in its data dir) and the demo's script against
    it, until the matching subscriber was told and the job stopped cleanly."""
    slack = FakeSlack({SLACK_TOKEN}, {_channel(o) for o, _ in world.SUBSCRIPTIONS}).start()
    hooks = Receiver(HOOK_KEY).start()
    data = root / "data"
    data.mkdir(parents=True, mode=0o700)
    env = job_env(data, kafka_bootstrap, warehouse, **run.write_config(data),
                  TAHUB_SLACK_API_URL=slack.url, TAHUB_EGRESS_ALLOW="127.0.0.1")  # fmt: skip
    job = Job(env, root / "up.log")
    out = Played("chdb" if warehouse is None else "server", today, slack, hooks, job)
    stop = threading.Event()
    try:
        print(f"{out.backend}: job up in {job.start():.1f} s")
        player = out.player = run.Player(job.settings(), stop)
        player.organisations(world.ORGS)
        job.keys.update(player.keys)
        subs = _subscriptions(hooks)
        for org_id, _ in subs:
            job.grant(org_id, demo_slack=SLACK_TOKEN, demo_hook=HOOK_KEY)
        player.subscriptions(subs)
        player.history(world.ORGS, today)
        out.bulk = _invalid(job, today)
        threading.Thread(target=player.watch, daemon=True).start()  # the demo's own lines
        t0 = time.monotonic()
        player.live(today, after_spike=AFTER_SPIKE)
        assert player.spiked_at is not None
        matching = _channel(world.MATCHING[0])
        wait_for(lambda: len(slack.messages(matching)) == 1, 90, "the Slack message")
        spiked = time.time() - (time.monotonic() - player.spiked_at)  # on Slack's clock
        print(
            f"{out.backend}: live script: the spike {player.spiked_at - t0:.0f} s in; Slack "
            f"told {slack.messages(matching)[0].at - spiked:.0f} s after it"
        )
        wait_for(lambda: len(hooks.ids(world.MATCHING[0])) == 1, 30, "the webhook")
        wait_for(lambda: len(job.outbox(*world.MATCHING)) == 1, 30, "the outbox line")
        time.sleep(8)  # a second notification (escalation, a late group) would be here now
        out.settings = job.settings()
        assert job.stop() == 0, job.tail()
    except BaseException:
        print(f"{out.backend}: {job.tail()}")
        raise
    finally:
        stop.set()
        job.stop()
        slack.stop()
        hooks.stop()
    return out


@pytest.mark.timeout(600)
def test_the_demo_scenario_lands_exactly_and_tells_only_its_subscriber(
    kafka_bootstrap: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Three runs at once, each with its own job, topics, warehouse and receivers: the
    script on chDB, on the server, and `tahub up --demo`. Each waits on the wall clock
    (the spike ~100 s in), not on the CPU, so side by side they take about the time of
    one."""
    today = datetime.now(UTC).date()
    server = fresh_warehouse_url(request, "server", tmp_path / "server")
    played: dict[str, Played] = {}
    runs: dict[str, Callable[[], object]] = {
        "chdb": lambda: played.setdefault("chdb", _play(kafka_bootstrap, tmp_path / "chdb",
                                                        None, today)),
        "server": lambda: played.setdefault("server", _play(kafka_bootstrap,
                                                            tmp_path / "server", server, today)),
        "up --demo": lambda: up_demo(kafka_bootstrap, tmp_path / "up-demo"),
    }  # fmt: skip
    failed: dict[str, BaseException] = {}

    def guarded(name: str) -> None:
        try:
            runs[name]()
        except BaseException as err:  # told below, by the test's own thread
            failed[name] = err

    threads = [threading.Thread(target=guarded, args=(n,), daemon=True) for n in runs]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 540
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    assert not any(t.is_alive() for t in threads), "a run did not end within 540 s"
    for name, err in failed.items():
        raise AssertionError(f"{name}: {err!r} (runs failed: {sorted(failed)})") from err
    for one in played.values():
        try:
            _check(one)
        except BaseException as err:
            raise AssertionError(f"on {one.backend}: {err}") from err


def _check(one: Played) -> None:
    """Exactly what the script sent, on every table, and one notification per channel of
    the matching subscription only."""
    slack, hooks, job, player, bulk = one.slack, one.hooks, one.job, one.player, one.bulk
    assert player is not None
    assert one.settings is not None
    today, settings = one.today, one.settings
    # --- what was told, and to whom ---
    assert len(slack.posted) == 1, [p.channel for p in slack.posted]
    assert [r.path for r in hooks.received] == [world.MATCHING[0]]
    assert hooks.rejected == []
    for org_id, spec in world.SUBSCRIPTIONS:
        lines = job.outbox(org_id, spec["channels"][0]["target"])
        assert len(lines) == (1 if (org_id, spec["channels"][0]["target"]) == world.MATCHING
                              else 0), org_id  # fmt: skip
    told = job.outbox(*world.MATCHING)[0]
    assert {d["dimension_key"] for d in told["detections"]} == {KEY}
    assert hooks.received[0].notification_id == told["notification_id"]

    # --- the warehouse, table by table ---
    history = [(o.org_id, x) for o in world.ORGS for x in world.history(o.org_id, today)]
    partner = history + player.accepted + [(x.pop("_org"), x) for x in bulk]
    assert len(player.accepted) >= 50 + run.SPIKE_SIZE
    wh = open_warehouse(settings.warehouse)
    try:
        assert count(wh, "incidents") == len(partner)
        assert wh.query("SELECT uniqExact(incident_id) FROM incidents FINAL") == [(len(partner),)]
        assert count(wh, "signals", "source_kind = 'partner'") == sum(
            signals_of(item, org) for org, item in partner
        )
        assert count(wh, "news_articles") == NEWS_ARTICLES
        assert count(wh, "signals", "source_kind = 'news'") == NEWS_SIGNALS
        assert count(wh, "subscriptions") == len(world.SUBSCRIPTIONS)
        # one detection: the spike's; its versions (opened, then updated or resolved as
        # later windows come) depend on where batches fall, so only they are not fixed
        detected = wh.query(
            "SELECT dimension_set, dimension_key, uniqExact(detection_id), max(observed), "
            "max(distinct_sources), groupUniqArray(state) FROM detections FINAL "
            "GROUP BY dimension_set, dimension_key"
        )
        print(f"detections: {detected}")
        assert [(*r[:3], r[4]) for r in detected] == [("typology_route", KEY, 1, 4)]
        # the spike's reports, and the trickle's one on the route if it fell in that window
        assert run.SPIKE_SIZE <= detected[0][3] <= run.SPIKE_SIZE + 1
        assert "opened" in detected[0][5]
        sid = told["subscription"]["id"]
        assert wh.query("SELECT subscription_id, count() FROM alerts FINAL "
                        "GROUP BY subscription_id") == [(sid, 1)]  # fmt: skip
        deliveries = wh.query(
            "SELECT subscription_id, channel, status, attempt FROM deliveries FINAL "
            "ORDER BY channel"
        )
        assert deliveries == [(sid, c, "sent", 1) for c in ("outbox", "slack", "webhook")]
        letters = wh.query(
            "SELECT stage, error_kind, org_id, error_paths, error_reasons, reason, record_ref "
            "FROM dead_letters FINAL"
        )
        assert sorted((r[0], r[1], r[2], sorted(r[3])) for r in letters) == [
            ("intake", "validation", "shelter-bkk", ["exploitation_places.0.country", "tlp"]),
            ("intake", "validation", "shelter-bkk", ["occurred_on"]),
        ], letters
        assert all(r[4] and all(r[4]) for r in letters)  # every error has its reason
        text = json.dumps([list(map(str, r)) for r in wh.query("SELECT * FROM dead_letters")])
        for planted in PLANTED:
            assert planted not in text
    finally:
        wh.close()
