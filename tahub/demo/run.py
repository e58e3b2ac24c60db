"""`tahub up --demo`: the main job on a demo data dir and topic prefix of its own, and a
thread that plays the demo world against it.

The demo never touches a user's real data: its data dir is ``<data dir>/demo`` (wiped at
each start, so every run is the same fresh world), its topics are ``<prefix>demo.*``, its
stream application id ``<app id>-demo``. Its detector config (written into the demo data
dir) counts in windows of **seconds**, so a spike is seen within minutes; the real
defaults count in days.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tahub import metrics_auth
from tahub.errors import TahubError
from tahub.mainjob.supervisor import MainJob
from tahub.settings import Settings, load_settings

FEEDS = Path(__file__).parent / "feeds"
CONFIG_NAME = "tahub.toml"  # the demo's settings, for TAHUB_CONFIG_FILE
WINDOW = 10  # seconds per detection window
TRICKLE_EVERY = 2.0  # seconds between live submissions
SPIKE_AFTER = 100.0  # seconds after the trickle starts: the baseline is warm by then
SPIKE_SIZE = 7
# The spike's route sends nothing this long before its spike. The stream's early look at
# a key stops at its oldest open window that cannot alarm, and sending the spike at a
# window's start put the route's last trickle report in the window before, still open
# (5 s lateness, and a watermark that lags up to ~10 s on a trickle this thin): the
# detection waited for that window to close, 16 s after the spike (~1 s before the
# alignment). Three quiet windows let it close first: 0.5 s.
QUIET = 3 * WINDOW

DETECTOR_TOML = f"""\
# tahub demo detector: windows of SECONDS so that a spike shows within minutes.
# The real defaults count in days (window = 86400, baseline = 28 windows).
backdated_after_days = 1   # the imported history (ending 3 days ago) is history
late_policy = "count"

[defaults]
window = {WINDOW}            # seconds
baseline = 12          # windows: two minutes
guard = 1
span = 1
method = "poisson"
threshold = 3.5        # alarm when p < 10^-3.5
min_count = 4
min_sources = 2
novelty = false
lateness = 5           # seconds

[sets.typology_route]
dims = ["typology", "origin", "destination"]
"""

# settings that would point the demo at a user's real state: refused when set
_SEPARATE = (
    "warehouse_url",
    "schema_registry_url",
    "intake_db",
    "alerts_db",
    "news_db",
    "vault_db",
    "alert_outbox_dir",
    "master_key",
    "id_key",
)


def demo_dir(base: Settings) -> Path:
    return base.data_dir / "demo"


def demo_settings(base: Settings) -> Settings:
    """Prepare a fresh demo data dir and return the demo's settings; the environment is
    set too, so the main job's child processes (worker, alerts, news) see the same."""
    clash = [n for n in _SEPARATE if getattr(base, n) is not None]
    if clash:
        names = ", ".join(f"TAHUB_{n.upper()}" for n in clash)
        raise TahubError(f"the demo runs on its own local state; unset {names} to run it")
    root = demo_dir(base)
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True, mode=0o700)
    env = {
        "TAHUB_DATA_DIR": str(root),
        "TAHUB_TOPIC_PREFIX": f"{base.topic_prefix}demo.",
        "TAHUB_APP_ID": f"{base.app_id}-demo",
        **write_config(root),
    }
    os.environ.update(env)
    # the same settings for any other tahub command a user points at the demo
    (root / CONFIG_NAME).write_text(
        "".join(
            f"{k.removeprefix('TAHUB_').lower()} = "
            f"{v if v.replace('.', '', 1).isdigit() else json.dumps(v)}\n"
            for k, v in env.items()
        )
    )
    return load_settings()


def write_config(root: Path) -> dict[str, str]:
    """The demo's detector config and recorded feeds, written into ``root``: the settings
    (as environment variables) that point at them, and the demo's group wait."""
    (root / "detector.toml").write_text(DETECTOR_TOML)
    feeds = "".join(
        f'[[feeds]]\nname = "{f.stem}"\nurl = "file://{f}"\nfetch_pages = false\n\n'
        for f in sorted(FEEDS.glob("*.xml"))
    )
    (root / "feeds.toml").write_text(feeds)
    return {
        "TAHUB_DETECTOR_CONFIG": str(root / "detector.toml"),
        "TAHUB_NEWS_FEEDS": str(root / "feeds.toml"),
        "TAHUB_ALERT_GROUP_WAIT": "3",
    }


def until_window_start(now: float, window: int = WINDOW, margin: float = 0.5) -> float:
    """Seconds to wait so that what is sent next falls early in one detection window (a
    burst split across two windows may count as no spike in either)."""
    into = now % window
    return 0.0 if into < margin else window - into + margin


def say(line: str) -> None:
    print(f"demo: {line}", flush=True)


def _clock() -> str:
    """Wall-clock time to the tenth of a second (UTC), for the spike and what follows."""
    now = datetime.now(UTC)
    return f"{now:%H:%M:%S}.{now.microsecond // 100_000} UTC"


class DemoJob(MainJob):
    """The main job, and once every part is green, the demo world played against it."""

    def wait_ready(self, timeout: float = 90.0) -> float:
        took = super().wait_ready(timeout)
        Player(self.s, self._stop).start()
        return took


class Player:
    """Creates the world (organisations, keys, subscriptions, history), then plays the
    live trickle with its spike and reports detections and outbox alerts as they come."""

    def __init__(self, s: Settings, stop: threading.Event) -> None:
        self.s = s
        self.stop = stop
        self.base = f"http://{s.http_host}:{s.http_port}"
        self.keys: dict[str, str] = {}
        self.seen_detections: set[str] = set()
        self.outbox_lines: dict[Path, int] = {}
        self.spiked_at: float | None = None
        self.accepted: list[tuple[str, dict[str, Any]]] = []  # (org, submission) answered 202

    def start(self) -> None:
        threading.Thread(target=self._guarded, name="demo", daemon=True).start()

    def _guarded(self) -> None:
        try:
            self.play()
        except Exception as err:  # the demo's own failure must not hide the job's state
            if not self.stop.is_set():
                say(f"stopped: {type(err).__name__}: {err}")

    # --- the world ---

    def play(self) -> None:
        from tahub.demo import world

        today = datetime.now(UTC).date()
        self.organisations(world.ORGS)
        self.subscriptions(world.SUBSCRIPTIONS)
        self.history(world.ORGS, today)
        self.signin_hint()
        watcher = threading.Thread(target=self.watch, name="demo-watch", daemon=True)
        watcher.start()
        self.live(today)

    def organisations(self, orgs: tuple[Any, ...]) -> None:
        from producers.intake.access import OrgKind
        from tahub import wiring

        store = wiring.access(self.s)
        for org in orgs:
            store.add_org(org.org_id, org.name, OrgKind(org.kind))
            _, self.keys[org.org_id] = store.issue_key(org.org_id, "demo")
        kinds = sorted({o.kind for o in orgs})
        say(f"{len(orgs)} organisations created with API keys ({', '.join(kinds)})")

    def subscriptions(self, subs: tuple[tuple[str, dict[str, Any]], ...]) -> None:
        import httpx

        for org_id, spec in subs:
            r = httpx.post(
                f"{self.base}/api/v1/subscriptions",
                json=spec,
                headers=self._auth(org_id),
                timeout=30,
            )
            if r.status_code != 201:
                raise TahubError(f"subscription of {org_id}: {r.status_code} {r.text}")
            target = spec["channels"][0]["target"]
            say(
                f"subscription '{spec['name']}' of {org_id} → outbox "
                f"{self.s.outbox_dir / org_id / (target + '.jsonl')}"
            )

    def history(self, orgs: tuple[Any, ...], today: date) -> None:
        from tahub.commands.history import import_bytes
        from tahub.demo import world

        t0, rows, rejected = time.monotonic(), 0, 0
        for org in orgs:
            if self.stop.is_set():
                return
            total = import_bytes(
                self.s,
                org.org_id,
                world.history_jsonl(org.org_id, today),
                "jsonl",
                name=f"{org.org_id}'s history",
            )
            rows += int(total["accepted"])
            rejected += int(total["rejected"])
            if total["rejected"]:
                say(
                    f"{org.org_id}: {total['rejected']} history rows rejected, e.g. "
                    f"{total['rejections'][0]}"
                )
        say(
            f"two years of history imported: {rows} rows from {len(orgs)} organisations in "
            f"{time.monotonic() - t0:.0f} s (history: trends and the map count it, live "
            "detection leaves it out)"
        )

    def signin_hint(self) -> None:
        from tahub.demo import world

        org = world.MATCHING[0]
        say(f"console: {self.base}/  sign in as {org} with key {self.keys[org]}")
        say(f"operator token: {self.s.operator_token_path}")
        config = f"TAHUB_CONFIG_FILE={self.s.data_dir / CONFIG_NAME}"
        say(f"detections: {config} tahub query detections --as-org {org}")
        say(f"any other command on the demo: {config} tahub ... (e.g. tahub subs list)")

    def live(self, today: date, after_spike: int | None = None) -> None:
        """The trickle and its spike; given ``after_spike``, it ends after that many more
        trickle submissions (a test's fixed script), else when the job stops."""
        from tahub.demo import world

        spike = world.SPIKE
        say(
            f"live trickle started: one partner submission every {TRICKLE_EVERY:.0f} s "
            f"(detection windows of {WINDOW} s; the spike comes in ~{SPIKE_AFTER:.0f} s)"
        )
        t0 = time.monotonic()
        spiked = False
        remaining = after_spike
        for n, (org_id, item) in enumerate(world.trickle(today), start=1):
            quiet = not spiked and time.monotonic() - t0 >= SPIKE_AFTER - QUIET
            if quiet and world.on_route(item, spike):
                continue  # the route is quiet before its spike (see QUIET)
            if self.stop.wait(TRICKLE_EVERY) or remaining == 0:
                return
            self._submit(org_id, item)
            if spiked and remaining is not None:
                remaining -= 1
            if not spiked and n % 15 == 0:
                left = SPIKE_AFTER - (time.monotonic() - t0)
                say(
                    f"trickle: {n} live submissions so far; the baseline warms up "
                    f"(spike in ~{max(0.0, left):.0f} s)"
                )
            if not spiked and time.monotonic() - t0 >= SPIKE_AFTER:
                spiked = True
                if self.stop.wait(until_window_start(time.time())):
                    return
                self.spiked_at = time.monotonic()
                burst = world.spike(today, SPIKE_SIZE)
                say(
                    f"spike on route {spike.origin} → {spike.destination} ({spike.typology}) "
                    f"at {_clock()}: {len(burst)} reports from "
                    f"{len({o for o, _ in burst})} organisations; watch for the detection"
                )
                for org, sub in burst:
                    self._submit(org, sub)

    def _submit(self, org_id: str, item: dict[str, Any]) -> None:
        import httpx

        try:
            r = httpx.post(
                f"{self.base}/api/v1/incidents", json=item, headers=self._auth(org_id), timeout=30
            )
        except httpx.HTTPError as err:
            say(f"submission of {org_id} failed: {err}")
            return
        if r.status_code != 202:
            say(f"submission of {org_id} refused: {r.status_code} {r.text[:200]}")
        else:
            self.accepted.append((org_id, item))

    def _auth(self, org_id: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[org_id]}"}

    # --- what comes out ---

    def watch(self) -> None:
        from confluent_kafka import Consumer

        from schemas import topics
        from tahub import wiring

        serde = wiring.serde(self.s)
        consumer = Consumer(
            {
                **self.s.kafka_client_config(),
                "group.id": f"{self.s.app_id}-watch-{uuid.uuid4().hex[:8]}",
                "auto.offset.reset": "earliest",
                "enable.auto.commit": False,
            }
        )
        consumer.subscribe([topics.DETECTIONS.physical(self.s.topic_prefix)])
        news_said, news_asked = False, 0.0
        try:
            while not self.stop.is_set():
                if not news_said and time.monotonic() - news_asked > 2:
                    news_said, news_asked = self._news(), time.monotonic()
                msg = consumer.poll(0.5)
                if msg is not None and msg.error() is None:
                    det = serde.decode(topics.DETECTIONS, msg.value())
                    if det["detection_id"] not in self.seen_detections:
                        self.seen_detections.add(det["detection_id"])
                        say(
                            f"detection opened: {det['dimension_set']} {det['dimension_key']}, "
                            f"{det['observed']:.0f} reports vs {det['expected']:.1f} expected "
                            f"from {det['distinct_sources']} organisations, severity "
                            f"{det['severity']} ({det['detection_id']}){self._since()}"
                        )
                self._outbox()
        finally:
            consumer.close()

    def _news(self) -> bool:
        """Say how many articles of the recorded feeds landed, once some have."""
        import httpx

        try:
            auth = {"Authorization": f"Bearer {metrics_auth.metrics_token(self.s)}"}
            text = httpx.get(f"{self.base}/metrics", headers=auth, timeout=5).text
        except httpx.HTTPError:
            return False
        # any other labels too: the job's /metrics adds a ``process`` label to each line
        found = re.search(
            r'tahub_sink_rows_total\{[^}]*table="news_articles"[^}]*\} ([0-9.]+)', text
        )
        if found is None or float(found.group(1)) == 0:
            return False
        feeds = len(list(FEEDS.glob("*.xml")))
        say(
            f"news: {float(found.group(1)):.0f} articles from {feeds} recorded feeds "
            "in the warehouse"
        )
        return True

    def _since(self) -> str:
        if self.spiked_at is None:
            return f", at {_clock()}"
        return f", at {_clock()}, {time.monotonic() - self.spiked_at:.1f} s after the spike"

    def _outbox(self) -> None:
        root = self.s.outbox_dir
        if not root.exists():
            return
        for path in sorted(root.glob("*/*.jsonl")):
            lines = path.read_text().splitlines()
            for line in lines[self.outbox_lines.get(path, 0) :]:
                try:
                    body = json.loads(line)
                except ValueError:
                    continue
                if path.parent.name == "_operators":  # the operators' own (issue 23)
                    say(f"operator alert {body.get('state')}: {body.get('title')} ({path})")
                    continue
                if body.get("kind") == "test":  # `tahub subs test`, the console's button
                    say(f"test notification written to {path}")
                    continue
                n = len(body.get("detections") or [])
                say(f"alert written to {path} ({n} detection(s)){self._since()}")
            self.outbox_lines[path] = len(lines)
