"""The console in a real browser (Debian's Chromium, headless, through Selenium) against
the real main job (`tahub up`) on real Kafka and a ClickHouse server.

Signals go onto the job's signals topic; its stream worker detects, its sink lands
signals and detections in the warehouse, its alerts process writes outbox messages with
evidence links, and its web server serves the console. The story: a quiet GREEN baseline
on routes NG>IT and MM>TH, then a spike on both reported GREEN by four organisations; on
MM>TH org-r filed six TLP:RED reports the same day. Detection judges each sharing tier
apart, and the job runs with ``min_sources = 1`` so that org-r's RED reports, a tier of
one organisation, open a detection of their own that only org-r may see. org-x signs in,
follows the link of its outbox message to the NG>IT detection, sees the map, and never
receives the restricted one.

Screenshots go to tests/artifacts/ (gitignored).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from consumers.warehouse import Warehouse, open_warehouse
from producers.intake.access import AccessStore
from schemas import topics
from schemas.registry import open_registry
from schemas.serde import Serde
from tests import consolekit as ck
from tests.sharingkit import with_report_classes
from tests.sinkkit import wait_for
from tests.test_mainjob import _env, _wait_for_line

pytestmark = [pytest.mark.kafka, pytest.mark.clickhouse]

DAY0 = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(days=45)
SPIKE = DAY0 + timedelta(days=40)
PARTITIONS = 2
ORGS = ("org-a", "org-b", "org-c", "org-d", "org-r", "org-x")


def _signal(
    n: int, at: datetime, org: str, origin: str, dest: str, tlp: str = "GREEN"
) -> dict[str, Any]:
    import h3

    lat, lon = ck.CITY[dest]
    return {
        "signal_id": f"sig-{n}", "event_time": at, "occurred_on": at.date(),
        "occurred_precision": "day", "source_kind": "partner", "source_id": f"rep-{n}",
        "org_id": org, "typology": "forced_labour", "origin_country": origin,
        "transit_countries": [], "destination_country": dest, "location_country": dest,
        "role": "destination", "lat": lat, "lon": lon,
        "cell_coarse": h3.latlng_to_cell(lat, lon, 3), "cell_fine": h3.latlng_to_cell(lat, lon, 6),
        "weight": 1.0, "tlp": tlp,
    }  # fmt: skip


def story() -> list[dict[str, Any]]:
    out = []
    for route, (o, d) in enumerate((("NG", "IT"), ("MM", "TH"))):
        base = 1000 * route
        for day in range(40):  # a quiet baseline: one GREEN report every fourth day
            if day % 4 == 0:
                at = DAY0 + timedelta(days=day, hours=3)
                out.append(_signal(base + day, at, f"org-{'abc'[day % 3]}", o, d))
        for i in range(8):  # the spike: eight GREEN reports of four organisations
            at = SPIKE + timedelta(hours=i)
            out.append(_signal(base + 200 + i, at, f"org-{'abcd'[i % 4]}", o, d))
    for day in (0, 9, 21):  # org-r's RED tier is watched from its first report on
        out.append(_signal(600 + day, DAY0 + timedelta(days=day, hours=5), "org-r", "MM", "TH",
                           "RED"))  # fmt: skip
    for i in range(6):  # org-r's RED reports on MM>TH in the spike's window (its own tier)
        out.append(_signal(500 + i, SPIKE + timedelta(hours=1 + i), "org-r", "MM", "TH", "RED"))
    out.sort(key=lambda s: s["event_time"])
    # moves every partition's time past the spike's window, not so far that it resolves:
    # a spike that opened and ended before anyone was told is not notified at all
    end = SPIKE + timedelta(days=2, hours=2)
    for p in range(PARTITIONS):
        out.append({**_signal(900 + p, end, "org-z", "AQ", "IT"), "signal_id": f"end-{p}"})
    return with_report_classes(out)  # as normalize writes them


@dataclass
class Job:
    base: str
    data: Path
    keys: dict[str, str]
    wh: Warehouse


def _produce(bootstrap: str, prefix: str, registry: str, signals: list[dict[str, Any]]) -> None:
    from confluent_kafka import Producer

    serde = Serde(open_registry(registry), prefix)
    producer = Producer({"bootstrap.servers": bootstrap, "linger.ms": 5})
    topic = topics.SIGNALS.physical(prefix)
    for sig in signals:
        value = serde.encode(topics.SIGNALS, sig)
        if sig["signal_id"].startswith("end-"):
            producer.produce(topic, value=value, key=b"end", partition=int(sig["signal_id"][4:]))
        else:
            producer.produce(topic, value=value, key=sig["source_id"].encode())
        producer.poll(0)
    assert producer.flush(30) == 0


@pytest.fixture(scope="module")
def job(
    kafka_bootstrap: str, clickhouse_server: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Job]:
    tmp = tmp_path_factory.mktemp("console-job")
    data = tmp / "data"
    db = "console_" + uuid.uuid4().hex[:10]
    admin = open_warehouse(clickhouse_server)
    admin.execute(f"CREATE DATABASE {db}")
    url = f"{clickhouse_server.rsplit('/', 1)[0]}/{db}"
    prefix = f"c{uuid.uuid4().hex[:8]}."
    env = _env(data, TAHUB_KAFKA_BOOTSTRAP=kafka_bootstrap, TAHUB_TOPIC_PREFIX=prefix,
               TAHUB_APP_ID=f"app-{uuid.uuid4().hex[:8]}", TAHUB_WAREHOUSE_URL=url,
               TAHUB_PARTITIONS=str(PARTITIONS), TAHUB_ALERT_GROUP_WAIT="0.2")  # fmt: skip
    # no news: a fresh article's signal would move the stream's time past the story
    quiet = tmp / "quiet"
    quiet.mkdir()
    (quiet / "feed.xml").write_text("<?xml version='1.0'?><rss version='2.0'><channel>"
                                    "<title>quiet</title></channel></rss>")  # fmt: skip
    (quiet / "feeds.toml").write_text(
        f'[[feeds]]\nname = "quiet"\nurl = "file://{quiet / "feed.xml"}"\nfetch_pages = false\n'
    )
    env["TAHUB_NEWS_FEEDS"] = str(quiet / "feeds.toml")
    # one organisation may alarm alone: org-r's RED tier opens a detection of its own
    (quiet / "detect.toml").write_text("[defaults]\nmin_sources = 1\n")
    env["TAHUB_DETECTOR_CONFIG"] = str(quiet / "detect.toml")
    port = env["TAHUB_HTTP_PORT"]
    base = f"http://127.0.0.1:{port}"
    env["TAHUB_PUBLIC_URL"] = base
    store = AccessStore(data / "intake.db")
    for org in ORGS:
        store.add_org(org, org.upper())
    keys = {org: store.issue_key(org, "console test")[1] for org in ("org-x", "org-r")}
    store.close()
    log = (tmp / "up.log").open("w")
    up = subprocess.Popen([sys.executable, "-m", "tahub", "up"], env=env, stdout=subprocess.PIPE,
                          stderr=log, text=True)  # fmt: skip
    wh = open_warehouse(url)
    try:
        _wait_for_line(up, "tahub is up", 180)
        for org in ("org-x", "org-r"):
            r = httpx.post(f"{base}/api/v1/subscriptions", timeout=30,
                           headers={"Authorization": f"Bearer {keys[org]}"},
                           json={"name": f"{org} routes", "min_severity": "low",
                                 "channels": [{"kind": "outbox", "target": "alerts"}]})  # fmt: skip
            assert r.status_code in {200, 201}, r.text
        time.sleep(2)  # every process has read the subscriptions
        _produce(kafka_bootstrap, prefix, f"file://{data / 'registry'}", story())
        yield Job(base, data, keys, wh)
    finally:
        up.terminate()
        try:
            up.wait(60)
        except subprocess.TimeoutExpired:
            up.kill()
        log.close()
        wh.close()
        admin.execute(f"DROP DATABASE IF EXISTS {db}")
        admin.close()


def _outbox(job: Job, org: str) -> list[dict[str, Any]]:
    path = job.data / "outbox" / org / "alerts.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _links(job: Job, org: str) -> dict[str, str]:
    """detection_id -> evidence_url of every detection in the organisation's outbox."""
    told = [d for message in _outbox(job, org) for d in message["detections"]]
    return {d["detection_id"]: d["evidence_url"] for d in told}


def _route_detection(links: dict[str, str], job: Job, key: str) -> str | None:
    rows = job.wh.query(
        f"SELECT DISTINCT detection_id FROM detections WHERE dimension_set = 'route' "
        f"AND dimension_key = '{key}'"
    )
    ids = {r[0] for r in rows}
    return next((i for i in links if i in ids), None)


def _restricted(job: Job) -> set[str]:
    """Detections every version of which counts org-r's RED reports (org-r's own tier):
    org-x sees none."""
    rows = job.wh.query(
        "SELECT detection_id FROM detections FINAL GROUP BY detection_id "
        "HAVING countIf(tlp != 'RED') = 0"
    )
    return {r[0] for r in rows}


def _mixed(job: Job) -> dict[str, set[int]]:
    """Detections with RED versions and later ones that no longer count the RED reports
    (their windows moved on): detection id -> the RED versions, which org-x never sees."""
    rows = job.wh.query(
        "SELECT detection_id, groupArray(version) FROM detections FINAL WHERE tlp = 'RED' "
        "AND detection_id IN (SELECT detection_id FROM detections FINAL WHERE tlp != 'RED') "
        "GROUP BY detection_id"
    )
    return {r[0]: {int(v) for v in r[1]} for r in rows}


def test_sign_in_map_evidence_link_and_no_restricted_detection(job: Job, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    # the pipeline: the worker detects, the sink lands, the alerts process writes links
    wait_for(lambda: _route_detection(_links(job, "org-x"), job, "NG>IT") is not None,
             timeout=240, what="org-x's outbox message about NG>IT")  # fmt: skip
    wait_for(lambda: bool(_restricted(job)), timeout=120, what="the RED detection in the warehouse")
    links = _links(job, "org-x")
    visible = _route_detection(links, job, "NG>IT")
    assert visible is not None
    restricted = _restricted(job)
    assert restricted.isdisjoint(links)  # org-x was never told of them...
    assert restricted & set(_links(job, "org-r"))  # ...org-r was
    link = links[visible]
    assert link == f"{job.base}/detections/{visible}"

    driver = ck.browser()
    bodies: list[tuple[str, str]] = []  # every response org-x's pages received
    try:
        # follow the link from another site, as from Slack or a mail client
        outside = tmp_path / "message.html"
        outside.write_text(f'<p><a id="evidence" href="{link}">Evidence</a></p>')
        driver.get(outside.as_uri())
        driver.find_element(By.ID, "evidence").click()
        wait_for(lambda: "/login" in driver.current_url, 30, "the sign-in page")
        assert "next=%2Fdetections%2F" in driver.current_url
        driver.find_element(By.ID, "key").send_keys(job.keys["org-x"])
        ck.screenshot(driver, "console-sign-in")
        driver.find_element(By.CSS_SELECTOR, "form.login button").click()
        wait_for(lambda: driver.current_url == link, 30, "the detection page after sign-in")
        ck.wait_ready(driver, "versions-chart")
        body = driver.find_element(By.TAG_NAME, "main").text
        assert "route Nigeria (NG) → Italy (IT)" in body
        assert "TLP:GREEN" in body
        assert "Lifecycle" in body
        ck.screenshot(driver, "console-detection")
        bodies += ck.fetched_bodies(driver)

        # signed in, the same link from outside opens the page at once (the cookie is
        # SameSite=Strict: the console asks again from its own site)
        driver.get(outside.as_uri())
        driver.find_element(By.ID, "evidence").click()
        wait_for(lambda: driver.current_url == link, 30, "the detection page, signed in")
        ck.wait_ready(driver, "versions-chart")

        # the map, with the seeded data
        wait_for(lambda: _map_has(job, "IT"), timeout=60, what="counts in the warehouse")
        driver.get(job.base + "/")
        ck.wait_ready(driver, "map", timeout=60)
        countries = driver.find_element(By.ID, "country-table").text
        assert "Italy (IT)" in countries
        assert "Thailand (TH)" in countries
        routes = driver.find_element(By.ID, "route-table").text
        assert "Nigeria → Italy" in routes
        assert driver.find_elements(By.CSS_SELECTOR, "path.route-arc")
        assert driver.find_elements(By.CSS_SELECTOR, "path.h3-cell")
        ck.screenshot(driver, "console-map")
        # click a route: its trend and its detections
        driver.find_element(By.XPATH, "//button[normalize-space()='Nigeria → Italy']").click()
        wait_for(lambda: bool(driver.find_elements(By.CSS_SELECTOR, "#panel-chart .uplot")),
                 30, "the route's trend")  # fmt: skip
        wait_for(lambda: visible in driver.find_element(By.ID, "panel").get_attribute("innerHTML"),
                 30, "the route's detection in the panel")  # fmt: skip
        ck.screenshot(driver, "console-map-route")
        bodies += ck.fetched_bodies(driver)

        driver.get(job.base + "/trends?by=route")
        ck.wait_ready(driver, "trend")
        ck.screenshot(driver, "console-trends")
        bodies += ck.fetched_bodies(driver)
        driver.get(job.base + "/detections?state=all")
        ck.screenshot(driver, "console-detections")
        assert visible in driver.page_source
        bodies += ck.fetched_bodies(driver)

        # nothing of the restricted detections, in any page or anything a page fetched
        for det_id in restricted:
            driver.get(f"{job.base}/detections/{det_id}")
            assert "visible to org-x" in driver.find_element(By.TAG_NAME, "main").text
            bodies += ck.fetched_bodies(driver)
        # a detection whose first version counted RED reports and a later one no longer
        # does: org-x sees the later version only, each judged on its own evidence
        mixed = _mixed(job)
        for det_id, red_versions in mixed.items():
            driver.get(f"{job.base}/detections/{det_id}")
            ck.wait_ready(driver, "versions-chart")
            rows = driver.find_elements(By.CSS_SELECTOR, "#history tbody tr")
            shown = {int(row.find_element(By.TAG_NAME, "td").text) for row in rows}
            assert shown
            assert shown.isdisjoint(red_versions)
            ck.screenshot(driver, "console-detection-later-version")
            bodies += ck.fetched_bodies(driver)
        assert any("/data/map" in url for url, _ in bodies)
        assert any("/data/trend" in url for url, _ in bodies)
        for det_id in restricted:
            for url, text in bodies:
                if url.endswith(f"/detections/{det_id}"):
                    continue  # the page that says it is not visible names what was asked
                assert det_id not in text, url
        for url, text in bodies:
            assert "TLP:RED" not in text, url
            assert '"tlp": "RED"' not in text, url
        errors = [e for e in driver.get_log("browser")  # 404s of the hidden ones aside
                  if e["level"] == "SEVERE" and e["source"] != "network"]  # fmt: skip
        assert errors == [], errors  # no script error, no Content-Security-Policy violation

        # logout ends the session
        driver.get(job.base + "/")
        driver.find_element(By.CSS_SELECTOR, "form.logout button").click()
        wait_for(lambda: "/login" in driver.current_url, 30, "the sign-in page after logout")
        driver.get(link)
        assert "/login" in driver.current_url
    finally:
        driver.quit()


def _map_has(job: Job, country: str) -> bool:
    r = httpx.get(f"{job.base}/api/v1/query/hotspots", params={"since": "90d"},
                  headers={"Authorization": f"Bearer {job.keys['org-x']}"}, timeout=30)  # fmt: skip
    return r.status_code == 200 and any(row["place"] == country for row in r.json()["rows"])


def _sign_in(driver: Any, job: Job, org: str, next_url: str) -> None:
    from urllib.parse import quote

    from selenium.webdriver.common.by import By

    driver.get(f"{job.base}/login?next={quote(next_url, safe='')}")
    driver.find_element(By.ID, "key").send_keys(job.keys[org])
    driver.find_element(By.CSS_SELECTOR, "form.login button").click()
    wait_for(lambda: driver.current_url == job.base + next_url, 30, f"{next_url} after sign-in")


def _deliveries(job: Job, org: str) -> str | None:
    """A subscription of ``org`` with delivery attempts in the warehouse."""
    rows = job.wh.query(
        "SELECT d.subscription_id FROM deliveries AS d ANY INNER JOIN (SELECT subscription_id, "
        f"org_id FROM subscriptions FINAL) AS s USING subscription_id WHERE s.org_id = '{org}' "
        "LIMIT 1"
    )
    return rows[0][0] if rows else None


def test_my_alerts_create_by_drawing_list_edit_pause_and_history(job: Job) -> None:
    """org-x makes a subscription in the form, drawing its area on the map, sees it
    listed, edits and pauses it, and reads the delivery history of the subscription the
    pipeline has been alerting; org-r, signed in too, never sees org-x's."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver = ck.browser()
    try:
        _sign_in(driver, job, "org-x", "/alerts/new")
        ck.wait_ready(driver, "area-map")
        driver.find_element(By.ID, "f-name").send_keys("Mekong watch")
        driver.find_element(By.CSS_SELECTOR, "input[name=typologies][value=forced_labour]").click()
        Select(driver.find_element(By.NAME, "min_severity")).select_by_value("high")
        driver.find_element(By.ID, "f-destinations").send_keys("TH")
        driver.find_element(By.ID, "f-channel_target_0").send_keys("mekong")
        area = driver.find_element(By.ID, "area-map")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", area)
        for dx, dy in ((60, -40), (110, -40), (110, 10), (60, 10)):  # around South-East Asia
            ActionChains(driver).move_to_element_with_offset(area, dx, dy).click().perform()
        driver.find_element(By.ID, "area-finish").click()
        drawn = json.loads(driver.find_element(By.ID, "f-area_geojson").get_attribute("value"))
        assert drawn["type"] == "Polygon"
        assert len(drawn["coordinates"][0]) == 5
        assert driver.find_elements(By.CSS_SELECTOR, "path.drawn-area")
        ck.screenshot(driver, "console-alerts-new")
        # the preview: what it would have been told of in the last 30 days, nothing stored
        driver.find_element(By.ID, "preview-button").click()
        wait_for(lambda: bool(driver.find_elements(By.ID, "preview")), 30, "the preview")
        assert "Preview:" in driver.find_element(By.ID, "preview").text
        assert driver.find_element(By.ID, "f-area_geojson").get_attribute("value")  # kept
        ck.screenshot(driver, "console-alerts-preview")
        driver.find_element(By.ID, "save").click()

        wait_for(lambda: "done=created" in driver.current_url, 30, "the list after saving")
        table = driver.find_element(By.ID, "subscriptions").text
        assert "Mekong watch" in table
        assert "a drawn area" in table
        assert "org-x routes" in table  # the one made over the API is the same list
        ck.screenshot(driver, "console-alerts-list")

        driver.find_element(By.LINK_TEXT, "Mekong watch").click()
        wait_for(lambda: bool(driver.find_elements(By.ID, "sub-form")), 30, "the edit form")
        ck.wait_ready(driver, "area-map")
        assert driver.find_elements(By.CSS_SELECTOR, "path.drawn-area")  # the stored area
        name = driver.find_element(By.ID, "f-name")
        name.clear()
        name.send_keys("Mekong watch (critical)")
        Select(driver.find_element(By.NAME, "min_severity")).select_by_value("critical")
        driver.find_element(By.ID, "save").click()
        wait_for(lambda: "done=saved" in driver.current_url, 30, "the list after editing")
        row = driver.find_element(By.XPATH, "//tr[.//a[text()='Mekong watch (critical)']]")
        assert "critical" in row.text
        row.find_element(By.XPATH, ".//button[text()='Pause']").click()
        wait_for(lambda: "done=paused" in driver.current_url, 30, "the list after pausing")
        row = driver.find_element(By.XPATH, "//tr[.//a[text()='Mekong watch (critical)']]")
        assert "paused" in row.text
        sid = row.get_attribute("data-subscription")
        # a silence on the same page, through the alerts API's SilenceAdmin
        driver.find_element(By.XPATH, "//summary[text()='New silence']").click()
        Select(driver.find_element(By.NAME, "match_field_0")).select_by_value("destination")
        driver.find_element(By.ID, "f-match_value_0").send_keys("IT")
        driver.find_element(By.ID, "f-author").send_keys("campaign desk")
        driver.find_element(By.ID, "f-reason").send_keys("known operation")
        driver.find_element(By.ID, "silence-button").click()
        wait_for(lambda: "done=silenced" in driver.current_url, 30, "the list after silencing")
        assert "destination=IT" in driver.find_element(By.ID, "silences").text
        ck.screenshot(driver, "console-alerts-edited")

        # the pipeline's alerts to the subscription made over the API, with their delivery
        wait_for(lambda: _deliveries(job, "org-x") is not None, 240, "org-x's deliveries")
        alerted = _deliveries(job, "org-x")
        driver.get(f"{job.base}/alerts/{alerted}")
        rows = driver.find_elements(By.CSS_SELECTOR, "#deliveries tbody tr")
        assert rows
        assert "sent" in rows[0].text
        driver.execute_script("arguments[0].scrollIntoView()", rows[0])
        ck.screenshot(driver, "console-alerts-history")
        errors = [e for e in driver.get_log("browser")  # the favicon's 404 aside
                  if e["level"] == "SEVERE" and e["source"] != "network"]  # fmt: skip
        assert errors == [], errors  # no script error, no Content-Security-Policy violation
    finally:
        driver.quit()

    other = httpx.Client(base_url=job.base, timeout=30)
    form = other.get("/login")
    other.post("/login", data={"key": job.keys["org-r"], "csrf": ck.csrf_of(form.text)})
    assert sid not in other.get("/alerts").text
    assert other.get(f"/alerts/{sid}").status_code == 404


def test_trends_compare_this_period_with_the_one_before(job: Job) -> None:
    """The trends page puts this period against the one before, per route, with whether
    each change is beyond noise; org-x's numbers never count org-r's RED reports."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    wait_for(lambda: _map_has(job, "IT"), timeout=240, what="counts in the warehouse")
    driver = ck.browser()
    try:
        _sign_in(driver, job, "org-x", "/trends?by=route&since=30d")
        ck.wait_ready(driver, "trend")
        Select(driver.find_element(By.NAME, "compare")).select_by_value("previous")
        driver.find_element(By.CSS_SELECTOR, "form.filters button").click()
        wait_for(lambda: bool(driver.find_elements(By.ID, "comparison")), 30, "the comparison")
        ck.wait_ready(driver, "trend")
        rows = {
            row.get_attribute("data-series"): row.text
            for row in driver.find_elements(By.CSS_SELECTOR, "#comparison tbody tr")
        }
        assert "NG>IT" in rows
        assert "Nigeria" in rows["NG>IT"]
        api = httpx.get(f"{job.base}/api/v1/query/counts", timeout=30, params={
            "by": "origin,destination", "bucket": "all", "since": "30d"},
            headers={"Authorization": f"Bearer {job.keys['org-x']}"}).json()  # fmt: skip
        mmth = [
            r["reports"] for r in api["rows"] if (r["origin"], r["destination"]) == ("MM", "TH")
        ]
        cells = driver.find_elements(By.CSS_SELECTOR, "#comparison tr[data-series='MM>TH'] td")
        assert mmth
        assert int(cells[0].text) == mmth[0]  # the query API's answer to org-x, RED left out
        driver.execute_script(
            "arguments[0].scrollIntoView()", driver.find_element(By.ID, "comparison")
        )
        ck.screenshot(driver, "console-trends-compare")
    finally:
        driver.quit()


def test_campaign_brief_with_its_map_prints_to_pdf(job: Job) -> None:
    """A campaign team's brief: the places and routes where reports rose, on the map,
    labelled for its audience, printed to PDF by Chromium (what "Print or save as PDF"
    gives a user)."""
    import base64

    from selenium.webdriver.common.by import By

    wait_for(lambda: _map_has(job, "IT"), timeout=240, what="counts in the warehouse")
    driver = ck.browser()
    try:
        _sign_in(driver, job, "org-x", "/campaign?since=30d&audience=mine")
        ck.wait_ready(driver, "campaign-map", timeout=60)
        assert "Not for publication" in driver.find_element(By.ID, "brief-label").text
        routes = driver.find_element(By.ID, "rising-routes").text
        assert "Nigeria → Italy" in routes
        assert driver.find_elements(By.CSS_SELECTOR, "#campaign-map path.route-arc")
        assert driver.find_elements(By.CSS_SELECTOR, "#campaign-map path.h3-cell")
        assert "near Milan (IT)" in driver.find_element(By.ID, "rising-towns").text
        ck.screenshot(driver, "console-campaign")
        pdf = driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": True})
        ck.ARTIFACTS.mkdir(exist_ok=True)
        path = ck.ARTIFACTS / "console-campaign-brief.pdf"
        path.write_bytes(base64.b64decode(pdf["data"]))
        assert path.read_bytes().startswith(b"%PDF")
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        assert not driver.find_element(By.TAG_NAME, "header").is_displayed()  # brief only
        ck.screenshot(driver, "console-campaign-print")
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

        # as the public sees it: the story's reports are GREEN and RED, none CLEAR
        driver.get(job.base + "/campaign?since=30d")
        ck.wait_ready(driver, "campaign-map", timeout=60)
        assert "TLP:CLEAR" in driver.find_element(By.ID, "brief-label").text
        assert "Nigeria" not in driver.find_element(By.ID, "brief").text
        errors = [e for e in driver.get_log("browser")  # the favicon's 404 aside
                  if e["level"] == "SEVERE" and e["source"] != "network"]  # fmt: skip
        assert errors == [], errors
    finally:
        driver.quit()


def _tab_to(driver: Any, matches: Any, most: int = 150) -> Any:
    """Press Tab until the focused element satisfies ``matches``; that element."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    for _ in range(most):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        focused = driver.switch_to.active_element
        if matches(focused):
            return focused
    pytest.fail("never reached by the keyboard")


def _fits(driver: Any) -> bool:
    """Nothing on the page is wider than the window (no sideways scrolling)."""
    return bool(driver.execute_script(
        "return document.documentElement.scrollWidth <= window.innerWidth + 1"))  # fmt: skip


def _test_deliveries(job: Job, sid: str) -> int:
    rows = job.wh.query(
        "SELECT count() FROM deliveries WHERE notification_id LIKE 'test-%' "
        f"AND subscription_id = '{sid}'"
    )
    return int(rows[0][0])


def test_keyboard_only_a_test_notification_and_a_phone(job: Job) -> None:
    """With the keyboard alone org-x signs in, goes through the navigation, opens its
    subscription and sends a test notification (delivered to its outbox, then in the
    delivery history, marked as a test); at a phone's width the map, My alerts and the
    detections fit the screen."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver = ck.browser()
    try:
        driver.get(f"{job.base}/login?next=%2Falerts")
        key = driver.switch_to.active_element
        assert key.get_attribute("id") == "key"  # the key field has the focus at once
        key.send_keys(job.keys["org-x"], Keys.ENTER)
        wait_for(lambda: driver.current_url == job.base + "/alerts", 30, "My alerts")
        skip = _tab_to(driver, lambda el: el.tag_name == "a", most=1)
        assert skip.text == "Skip to content"  # the first Tab stop
        pages = ("Map", "Trends", "Detections", "Campaign", "My alerts")
        reached = [_tab_to(driver, lambda el, n=name: el.text == n).text for name in pages]
        assert tuple(reached) == pages
        outline = driver.execute_script(
            "return getComputedStyle(document.activeElement).outlineStyle")  # fmt: skip
        assert outline == "solid"  # where the focus is shows
        link = _tab_to(driver, lambda el: el.text == "org-x routes")
        link.send_keys(Keys.ENTER)
        wait_for(lambda: bool(driver.find_elements(By.ID, "test-button")), 30, "its page")
        sid = driver.current_url.rsplit("/", 1)[1]
        before = len(_outbox(job, "org-x"))
        _tab_to(driver, lambda el: el.get_attribute("id") == "test-button").send_keys(Keys.ENTER)
        wait_for(lambda: bool(driver.find_elements(By.ID, "test-result")), 60, "the outcome")
        said = driver.find_element(By.ID, "test-result").text
        assert "outbox alerts — delivered" in said, said
        sent = _outbox(job, "org-x")[before:]
        assert [m["kind"] for m in sent] == ["test"]
        assert sent[0]["summary"].endswith(f"{job.base}/alerts/{sid}")  # opens this page
        ck.screenshot(driver, "console-alerts-test-notification")
        wait_for(lambda: _test_deliveries(job, sid) > 0, 120, "the test in the warehouse")
        driver.get(f"{job.base}/alerts/{sid}")
        history = driver.find_element(By.ID, "deliveries").text
        assert "(test)" in history

        driver.set_window_size(390, 844)  # a phone
        driver.get(job.base + "/")
        ck.wait_ready(driver, "map", timeout=60)
        assert _fits(driver)
        assert driver.find_element(By.ID, "map").size["width"] <= 390
        ck.screenshot(driver, "console-phone-map")
        for path, name in (("/alerts", "alerts"), ("/detections?state=all", "detections"),
                           (f"/alerts/{sid}", "subscription")):  # fmt: skip
            driver.get(job.base + path)
            assert _fits(driver), path
            ck.screenshot(driver, f"console-phone-{name}")
        errors = [e for e in driver.get_log("browser")  # the favicon's 404 aside
                  if e["level"] == "SEVERE" and e["source"] != "network"]  # fmt: skip
        assert errors == [], errors
    finally:
        driver.quit()
