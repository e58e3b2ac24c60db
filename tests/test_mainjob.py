"""The README's first command: `tahub up` brings everything up, `tahub status` is green,
and the worker dead-letters bad input with the reason and origin."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest

from schemas import topics
from schemas.models import DeadLetter
from schemas.registry import open_registry
from schemas.serde import Serde
from tahub.runtime.ports import answers, free_port
from tests.metricskit import scrape, token_of
from tests.samples import all_samples

# what these requests check is the job's answer, not how soon it comes: httpx's default
# 5 s timed out in CI on a partner's first submission while the loaded machine caught up
_HTTP_TIMEOUT = 60.0

NEWS_ITEM = (
    "Police rescued 30 Cambodian workers who had been trafficked to Thailand and forced to "
    "work on fishing boats without pay; their passports were taken. Five men were arrested."
)


def _offline_feeds(home: Path) -> Path:
    """A local RSS file as the only feed, so the main job's scraper needs no internet."""
    home.mkdir(parents=True, exist_ok=True)
    rss = home / "feed.xml"
    rss.write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>local</title><item>"
        "<title>Thai police rescue trafficked fishermen</title>"
        "<link>https://news.example.org/thai-fishermen</link>"
        f"<description>{NEWS_ITEM}</description>"
        f"<pubDate>{format_datetime(datetime.now(UTC) - timedelta(days=1))}</pubDate>"
        "</item></channel></rss>"
    )
    feeds = home / "feeds.toml"
    feeds.write_text(f'[[feeds]]\nname = "local"\nurl = "file://{rss}"\nfetch_pages = false\n')
    return feeds


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("TAHUB_") or k.startswith("TAHUB_TEST")
    }
    env.update(
        {
            "TAHUB_DATA_DIR": str(data_dir),
            "TAHUB_HTTP_PORT": str(free_port()),
            "TAHUB_PARTITIONS": "2",
            "TAHUB_NEWS_FEEDS": str(_offline_feeds(data_dir.parent / "news")),
            "TAHUB_NEWS_METRICS_PORT": "0",
            "TAHUB_ALERTS_METRICS_PORT": "0",
            "TAHUB_WORKER_METRICS_PORT": "0",
        }
    )
    env.update(extra)
    return env


@pytest.mark.kafka
def test_up_in_local_mode_manages_its_own_broker(tmp_path: Path) -> None:
    import shutil

    if shutil.which("java") is None or shutil.which("mvn") is None:
        from tests.services import missing

        missing("java/mvn not installed")
    port, cport = free_port(), free_port()
    data = tmp_path / "data"
    env = _env(
        data,
        TAHUB_LOCAL_KAFKA_PORT=str(port),
        TAHUB_LOCAL_KAFKA_CONTROLLER_PORT=str(cport),
    )
    # an old install left things world-readable: the main job makes them private
    (data / "old").mkdir(parents=True, mode=0o755)
    (data / "old" / "notes.txt").write_text("x")
    (data / "old" / "notes.txt").chmod(0o644)
    data.chmod(0o755)
    t0 = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "tahub", "up", "--exit-when-ready"],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "tahub is up" in proc.stdout
    print(f"tahub up (fresh data dir, cached jars): {time.monotonic() - t0:.1f} s")
    # it started the broker, so it stopped it again
    assert not answers(port)
    assert (tmp_path / "data" / "kafka" / "data" / "meta.properties").exists()
    assert (tmp_path / "data" / "registry" / "registry.json").exists()
    # the data dir and everything in it, the broker's logs included, is tahub's alone
    from tahub.datadir import loose

    assert loose(data) == []
    assert data.stat().st_mode & 0o777 == 0o700
    assert "made private" in proc.stderr
    for name in ("id.key", "intake.db", "vault.db"):
        if (data / name).exists():
            assert (data / name).stat().st_mode & 0o777 == 0o600, name


def _health(port: str, data: Path | None = None) -> tuple[int, dict[str, Any]]:
    """/health; with ``data``, as the operator (the token the job wrote there): details."""
    import urllib.error
    import urllib.request

    auth = {"Authorization": "Bearer " + (data / "operator.token").read_text()} if data else {}
    request = urllib.request.Request(f"http://127.0.0.1:{port}/health", headers=auth)
    try:
        with urllib.request.urlopen(request, timeout=5) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def _until(what: str, ok: Any, timeout: float) -> float:
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        if ok():
            return time.monotonic() - t0
        time.sleep(0.5)
    pytest.fail(f"{what}: not within {timeout:.0f} s")
    raise AssertionError


@pytest.mark.faults
@pytest.mark.kafka
def test_the_job_says_kafka_is_down_and_starts_its_broker_again(tmp_path: Path) -> None:
    """kill -9 of the local broker's Java process: /health turns 503 naming Kafka, the main
    job starts the broker again by itself, and /health is 200 again (issue 23)."""
    import shutil

    if shutil.which("java") is None or shutil.which("mvn") is None:
        from tests.services import missing

        missing("java/mvn not installed")
    data = tmp_path / "data"
    env = _env(data, TAHUB_LOCAL_KAFKA_PORT=str(free_port()),
               TAHUB_LOCAL_KAFKA_CONTROLLER_PORT=str(free_port()))  # fmt: skip
    log = (tmp_path / "up.log").open("w")
    up = subprocess.Popen([sys.executable, "-m", "tahub", "up"], env=env,
                          stdout=subprocess.PIPE, stderr=log, text=True)  # fmt: skip
    try:
        _wait_for_line(up, "tahub is up", 180)
        port = env["TAHUB_HTTP_PORT"]
        assert _health(port)[0] == 200
        pid = int((data / "kafka" / "broker.pid").read_text())
        os.kill(pid, signal.SIGKILL)

        def down() -> bool:
            code, body = _health(port)
            kafka = [c for c in body["checks"] if c["component"] == "kafka"]
            return code == 503 and bool(kafka) and not kafka[0]["ok"]

        print(f"/health said Kafka is down after {_until('503 naming kafka', down, 30):.1f} s")
        back = _until("200 again", lambda: _health(port)[0] == 200, 120)
        print(f"the job started its broker again; /health green after {back:.1f} s more")
        assert int((data / "kafka" / "broker.pid").read_text()) != pid
        checks = _health(port, data)[1]["checks"]
        broker = [c for c in checks if c["component"] == "kafka broker (local)"]
        assert broker[0]["ok"]
        assert "1 restart(s)" in broker[0]["detail"]
    finally:
        up.send_signal(signal.SIGTERM)
        try:
            up.wait(60)
        except subprocess.TimeoutExpired:
            up.kill()
        log.close()
    text = (tmp_path / "up.log").read_text()
    assert "local broker's process is gone" in text
    assert not answers(int(env["TAHUB_LOCAL_KAFKA_PORT"]))  # ours: stopped with the job


def _wait_for_line(proc: subprocess.Popen[str], needle: str, timeout: float) -> list[str]:
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    assert proc.stdout is not None
    os.set_blocking(proc.stdout.fileno(), False)
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line:
            seen.append(line)
            if needle in line:
                return seen
        elif proc.poll() is not None:
            break
        else:
            time.sleep(0.1)
    pytest.fail(f"never printed {needle!r}; exit={proc.poll()} output={''.join(seen)[-2000:]}")
    raise AssertionError


def _read_dead_letters(
    bootstrap: str, topic: str, serde: Serde, want: int, timeout: float = 60
) -> list[DeadLetter]:
    from confluent_kafka import Consumer

    consumer = Consumer(
        {
            "bootstrap.servers": bootstrap,
            "group.id": f"t-{uuid.uuid4()}",
            "auto.offset.reset": "earliest",
            "enable.auto.commit": False,
        }
    )
    consumer.subscribe([topic])
    out: list[DeadLetter] = []
    deadline = time.monotonic() + timeout
    try:
        while len(out) < want and time.monotonic() < deadline:
            msg = consumer.poll(0.5)
            if msg is None or msg.error():
                continue
            letter = DeadLetter.from_avro(serde.decode(topics.DLQ, msg.value()))
            # the sample incident was reported weeks ago: where the local news story (a
            # day old) reached its signals partition first, its signals are late data and
            # are dead-lettered for the record too, depending on which came first
            if (letter.stage, letter.error_kind) != ("detect", "late"):
                out.append(letter)
    finally:
        consumer.close()
    return out


@pytest.mark.kafka
def _children(pid: int) -> set[int]:
    tasks = Path(f"/proc/{pid}/task")
    found: set[int] = set()
    for task in tasks.iterdir():
        text = (task / "children").read_text().split()
        found.update(int(c) for c in text)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


@pytest.mark.faults
@pytest.mark.kafka
def test_the_children_end_when_the_main_job_is_killed(kafka_bootstrap: str, tmp_path: Path) -> None:
    """kill -9 of the main job alone (not its process group, as a crash or the OOM killer
    would): its worker, alerts and news processes stop too, rather than keep consuming
    beside the ones a restart starts."""
    env = _env(
        tmp_path / "data",
        TAHUB_KAFKA_BOOTSTRAP=kafka_bootstrap,
        TAHUB_TOPIC_PREFIX=f"m{uuid.uuid4().hex[:8]}.",
        TAHUB_APP_ID=f"app-{uuid.uuid4().hex[:8]}",
    )
    log = (tmp_path / "up.log").open("w")
    up = subprocess.Popen(
        [sys.executable, "-m", "tahub", "up"], env=env, stdout=subprocess.PIPE, stderr=log,
        text=True, start_new_session=True,
    )  # fmt: skip
    try:
        _wait_for_line(up, "tahub is up", 120)
        children = _children(up.pid)
        assert len(children) >= 3, children  # worker, alerts, news
        os.kill(up.pid, signal.SIGKILL)
        up.wait(30)
        gone = _until("every child gone", lambda: not any(map(_alive, children)), 60)
        print(f"{len(children)} children ended {gone:.1f} s after the main job was killed")
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(up.pid, signal.SIGKILL)  # whatever is left of the group
        log.close()


def test_up_status_green_and_worker_dead_letters_bad_input(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    prefix = f"m{uuid.uuid4().hex[:8]}."
    app_id = f"app-{uuid.uuid4().hex[:8]}"
    env = _env(
        tmp_path / "data",
        TAHUB_KAFKA_BOOTSTRAP=kafka_bootstrap,
        TAHUB_TOPIC_PREFIX=prefix,
        TAHUB_APP_ID=app_id,
    )
    log = (tmp_path / "up.log").open("w")  # the main job's and its children's log
    up = subprocess.Popen(
        [sys.executable, "-m", "tahub", "up"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    try:
        _wait_for_line(up, "tahub is up", 120)
        status = subprocess.run(
            [sys.executable, "-m", "tahub", "status"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert status.returncode == 0, status.stdout + status.stderr
        for part in (
            "kafka", "topics", "worker", "registry", "warehouse", "sink", "worker process",
            "alerts process", "news process",
        ):  # fmt: skip
            assert any(
                line.split()[1:2] == part.split()[:1] for line in status.stdout.splitlines()
            ), part

        serde = Serde(open_registry(f"file://{tmp_path / 'data' / 'registry'}"), prefix)
        from confluent_kafka import Producer

        producer = Producer({"bootstrap.servers": kafka_bootstrap})
        incidents = topics.INCIDENTS.physical(prefix)
        good = all_samples("ok")["Incident"].to_avro()
        bad_country: dict[str, Any] = {
            **good,
            "incident_id": "bad-1",
            "exploitation_places": [{"country": "UK", "lat": None, "lon": None, "name": None}],
        }
        producer.produce(
            incidents, key=b"g", value=serde.encode(topics.INCIDENTS, good), partition=0
        )
        producer.produce(incidents, key=b"x", value=b"\x01not avro at all", partition=0)
        producer.produce(
            incidents, key=b"b", value=serde.encode(topics.INCIDENTS, bad_country), partition=0
        )
        assert producer.flush(10) == 0

        letters = _read_dead_letters(kafka_bootstrap, topics.DLQ.physical(prefix), serde, want=4)
        assert len(letters) == 4
        # the worker and the sink each reject both bad records, with the same origin
        assert sorted((d.stage, d.offset) for d in letters) == [
            ("decode", 1), ("sink", 1), ("sink", 2), ("validate", 2)
        ]  # fmt: skip
        by_kind = {d.error_kind: d for d in letters if d.stage != "sink"}
        magic = by_kind["bad_magic_byte"]
        assert (magic.source_topic, magic.partition, magic.offset) == (incidents, 0, 1)
        assert magic.stage == "decode"
        assert magic.payload_size == len(b"\x01not avro at all")
        invalid = by_kind["validation"]
        assert (invalid.partition, invalid.offset) == (0, 2)
        assert invalid.errors[0].path == "exploitation_places.0.country"
        assert "did you mean 'GB'" in invalid.errors[0].reason
        assert invalid.org_id == "org-ngo-a"

        _check_sink_and_queries(env, prefix, kafka_bootstrap, serde)
        key = _check_partner_intake(env)
        _check_partner_alerts(env, key, kafka_bootstrap, prefix, serde)
    except BaseException:
        print((tmp_path / "up.log").read_text()[-6000:])  # shown by pytest on failure
        raise
    finally:
        up.send_signal(signal.SIGTERM)
        try:
            code = up.wait(60)
        except subprocess.TimeoutExpired:
            up.kill()
            raise
    assert code == 0


def _tahub(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tahub", *args], env=env, capture_output=True, text=True, timeout=60
    )


def _check_sink_and_queries(env: dict[str, str], prefix: str, bootstrap: str, serde: Serde) -> None:
    """The main job's sink lands signals; `tahub query` reaches them through the main job
    (it owns chDB), with sharing rules; /metrics shows the sink."""
    import httpx

    from producers.kafka_producer import ContractProducer
    from tahub.bench import synth

    producer = ContractProducer({"bootstrap.servers": bootstrap}, serde)
    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    records = list(synth.signals(2960, tag=prefix, days=7, start=today - timedelta(days=7)))
    # synthetic signals are spread thin over 756 routes and 256 cells a country: nearly
    # every release class holds one report. Twenty public reports of ten organisations on
    # one route today make a class the public may see.
    dense = {
        **records[0],
        "typology": "forced_labour",
        "origin_country": "NG",
        "destination_country": "IT",
        "location_country": "IT",
        "cell_coarse": None,
        "cell_fine": None,
        "tlp": "CLEAR",
        "event_time": today + timedelta(minutes=1),
    }
    records += [{**dense, "signal_id": f"{prefix}dense-{i}", "source_id": f"{prefix}dr{i // 2}",
                 "org_id": f"org-{i // 2 % 10:02d}", "location_country": "NG" if i % 2 else "IT"}
                for i in range(40)]  # fmt: skip
    for rec in records:
        producer.send_raw(topics.SIGNALS.physical(prefix), b"k", serde.encode(topics.SIGNALS, rec))
    producer.flush()
    # what the public may see, by the rule's own definition (the main job's scraper adds
    # one news story from its local feed: a class of its own, so below k and hidden)
    from schemas.sharing import Viewer
    from tests.sharingkit import released

    public = len({r["source_id"] for r in released(records, Viewer(), 3)})
    assert public >= 20
    base = f"http://127.0.0.1:{env['TAHUB_HTTP_PORT']}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        # these signals have no occurrence: they count by the time they were reported
        params = {"by": "", "bucket": "all", "clock": "reported"}
        body = httpx.get(
            timeout=_HTTP_TIMEOUT, url=f"{base}/api/v1/query/counts", params=params
        ).json()
        if body["rows"] and body["rows"][0]["reports"] == public:
            break
        time.sleep(0.5)
    else:
        pytest.fail(f"public count never reached {public}: {body}")
    assert body["viewer"] == "public"

    routes = _tahub(env, "query", "routes", "--since", "8d")
    assert routes.returncode == 0, routes.stderr
    assert "origin" in routes.stdout
    assert "(public)" in routes.stdout
    org = records[0]["org_id"]
    own = _tahub(env, "query", "counts", "--by", "", "--bucket", "all", "--clock", "reported",
                 "--as-org", org, "--json")  # fmt: skip
    assert own.returncode == 0, own.stderr
    mine = json.loads(own.stdout)
    assert mine["viewer"] == org
    assert mine["rows"][0]["reports"] > public  # members see GREEN and their own data too
    bad = _tahub(env, "query", "counts", "--by", "colour")
    assert bad.returncode == 1
    assert "cannot group by 'colour'" in bad.stderr

    refused = httpx.get(
        timeout=_HTTP_TIMEOUT, url=f"{base}/api/v1/query/counts", params={"as_org": org}
    )
    assert refused.status_code == 401
    assert httpx.get(timeout=_HTTP_TIMEOUT, url=f"{base}/api/v1/query/nope").status_code == 404
    metrics = scrape(f"{base}/metrics", token_of(env))
    # 3000 produced here + 6 from the valid incident + the local news story's 2 (origin
    # and destination of one typology); the article itself lands in news_articles
    # the job's own series carry process="main" (its children's are merged in)
    assert 'tahub_sink_rows_total{process="main",table="signals"} 3008.0' in metrics
    assert 'tahub_sink_rows_total{process="main",table="news_articles"} 1.0' in metrics


def _check_partner_intake(env: dict[str, str]) -> str:
    """A partner added with the CLI submits over the main job's HTTP API; the worker turns
    its incidents into signals, the sink lands them, and its key shows it its own data."""
    import httpx

    from tests.test_intake_rules import valid

    assert (
        _tahub(env, "orgs", "add", "shelter-x", "--name", "Shelter X", "--kind", "ngo").returncode
        == 0
    )
    issued = _tahub(env, "keys", "issue", "shelter-x")
    assert issued.returncode == 0, issued.stderr
    key = issued.stdout.strip()
    assert key.startswith("thk_")
    assert key not in issued.stderr
    base = f"http://127.0.0.1:{env['TAHUB_HTTP_PORT']}"
    auth = {"Authorization": f"Bearer {key}"}
    # just submitted: by the time they were reported (their occurrence may be older)
    params = {"by": "typology", "bucket": "all", "typology": "forced_begging", "clock": "reported"}

    def reports(headers: dict[str, str]) -> int:
        body = httpx.get(
            timeout=_HTTP_TIMEOUT, url=f"{base}/api/v1/query/counts", params=params, headers=headers
        ).json()
        return int(body["rows"][0]["reports"]) if body["rows"] else 0

    before, public_before = reports(auth), reports({})
    for i in range(2):
        r = httpx.post(
            f"{base}/api/v1/incidents",
            json=valid(submission_id=f"sx-{i}", typologies=["forced_begging"], tlp="RED"),
            headers=auth,
            timeout=_HTTP_TIMEOUT,
        )
        assert r.status_code == 202, r.text
    deadline = time.monotonic() + 60
    while reports(auth) != before + 2:
        if time.monotonic() > deadline:
            pytest.fail(f"the partner's own incidents never showed ({before} before)")
        time.sleep(0.5)
    mine = httpx.get(
        timeout=_HTTP_TIMEOUT, url=f"{base}/api/v1/query/counts", params=params, headers=auth
    ).json()
    assert mine["viewer"] == "shelter-x"
    assert reports({}) == public_before  # TLP:RED: nobody else sees them
    wrong = httpx.get(
        timeout=_HTTP_TIMEOUT,
        url=f"{base}/api/v1/query/counts",
        headers={"Authorization": "Bearer thk_x"},
    )
    assert wrong.status_code == 401
    return key


def _check_partner_alerts(
    env: dict[str, str], key: str, bootstrap: str, prefix: str, serde: Serde
) -> None:
    """The partner subscribes over HTTP; a detection in its area reaches its outbox through
    the main job's alerts process, and the delivery lands in the warehouse for it to see."""
    import httpx

    from producers.kafka_producer import ContractProducer
    from schemas.models import Detection
    from tests.alertkit import detection

    base = f"http://127.0.0.1:{env['TAHUB_HTTP_PORT']}"
    auth = {"Authorization": f"Bearer {key}"}
    spec = {
        "name": "Field office",
        "area": {"countries": ["TH"]},
        "channels": [{"kind": "outbox", "target": "field"}],
    }
    r = httpx.post(
        timeout=_HTTP_TIMEOUT, url=f"{base}/api/v1/subscriptions", json=spec, headers=auth
    )
    assert r.status_code == 201, r.text
    sid = r.json()["subscription_id"]
    time.sleep(3)  # the alerts process follows the subscriptions topic
    det = Detection.model_validate(detection("location", det_id="det-main", location="TH"))
    producer = ContractProducer({"bootstrap.servers": bootstrap}, serde)
    producer.send(topics.DETECTIONS, det.dimension_key, det)
    producer.flush()
    outbox = Path(env["TAHUB_DATA_DIR"]) / "outbox" / "shelter-x" / "field.jsonl"

    def ours() -> list[dict[str, Any]]:
        if not outbox.exists():
            return []
        lines = [json.loads(x) for x in outbox.read_text().splitlines()]
        # the worker may also detect real spikes in the area from the data sent earlier
        return [x for x in lines if "det-main" in {d["detection_id"] for d in x["detections"]}]

    deadline = time.monotonic() + 60
    while not ours():
        if time.monotonic() > deadline:
            pytest.fail("the detection never reached the partner's outbox")
        time.sleep(0.5)
    line = ours()[0]
    assert line["subscription"]["id"] == sid
    params = {"subscription": sid}
    deadline = time.monotonic() + 60
    while True:
        body = httpx.get(
            timeout=_HTTP_TIMEOUT,
            url=f"{base}/api/v1/query/deliveries",
            params=params,
            headers=auth,
        ).json()
        if body.get("rows"):
            break
        if time.monotonic() > deadline:
            pytest.fail(f"the delivery never landed in the warehouse: {body}")
        time.sleep(0.5)
    assert body["rows"][0]["status"] == "sent"
    status = _tahub(env, "status")
    assert "alerts process" in status.stdout
    assert "subscriptions" in status.stdout
