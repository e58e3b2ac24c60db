"""Helpers for the console's tests: a seeded warehouse story, the real web server with the
console on a free port, and Debian's Chromium driven headless through Selenium.

The story (times relative to now, so the console's default periods hold it): on route
NG>IT four organisations report GREEN in one week (visible to every member); on route
MM>TH org-r files RED reports (only org-r may see them) and on LA>TH AMBER ones, each
under a detection that counts them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import h3
import httpx
import pytest

from consumers import tables
from consumers.warehouse import Warehouse
from schemas.sharing import bin_start
from tahub.audit import Audit
from tahub.console import data
from tahub.console.app import Access, Console, sets_of
from tahub.runtime.ports import free_port
from tahub.web import WebServer
from tests import samples
from tests.sharingkit import with_report_classes

NOW = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
# the story's spikes last eight hours from a Tuesday 02:00 UTC 7-14 days back: inside one
# release week whatever the hour the tests run (from 10 days back, a Sunday evening put
# the last reports of a spike in the next week, a group below k there: 7 reports, not 8)
SPIKE = bin_start(NOW - timedelta(days=8), "week") + timedelta(days=1, hours=2)
K = 3
KEYS = {"thk_aaaaaaaaaaaa_" + "x" * 30: "org-x", "thk_bbbbbbbbbbbb_" + "r" * 30: "org-r"}
KEY_X, KEY_R = list(KEYS)
OPERATOR_TOKEN = "operator-" + "o" * 30
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

CITY = {"IT": (45.46, 9.19), "TH": (13.75, 100.5), "NG": (6.45, 3.39), "MM": (16.8, 96.15),
        "LA": (17.97, 102.6)}  # fmt: skip


def _signal(
    n: int, at: datetime, org: str, origin: str, dest: str, tlp: str, typ: str
) -> list[dict[str, Any]]:
    out = []
    for role, country in (("origin", origin), ("destination", dest)):
        lat, lon = CITY[country]
        out.append({
            "signal_id": f"c{n}-{role}", "event_time": at, "occurred_on": at.date(),
            "occurred_precision": "day", "source_kind": "partner", "source_id": f"rep-c{n}",
            "org_id": org, "typology": typ, "origin_country": origin, "transit_countries": [],
            "destination_country": dest, "location_country": country, "role": role,
            "lat": lat, "lon": lon, "cell_coarse": h3.latlng_to_cell(lat, lon, 3),
            "cell_fine": h3.latlng_to_cell(lat, lon, 6), "weight": 1.0, "tlp": tlp,
        })  # fmt: skip
    return out


def story_signals() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for i in range(8):  # GREEN spike on NG>IT by four organisations
        org = f"org-{'abcd'[i % 4]}"
        out += _signal(
            i, SPIKE + timedelta(hours=i), org, "NG", "IT", "GREEN", "sexual_exploitation"
        )
    for i in range(8):  # GREEN spike on MM>TH by four organisations too
        org = f"org-{'abcd'[i % 4]}"
        out += _signal(
            20 + i, SPIKE + timedelta(hours=i), org, "MM", "TH", "GREEN", "forced_criminality"
        )
    for i in range(3):  # org-r's RED and AMBER reports
        out += _signal(
            40 + i, SPIKE - timedelta(hours=5 + i), "org-r", "MM", "TH", "RED", "forced_criminality"
        )
        out += _signal(
            50 + i, SPIKE - timedelta(hours=5 + i), "org-r", "LA", "TH", "AMBER", "forced_labour"
        )
    return with_report_classes(out)  # as normalize writes them


def _ev(*items: tuple[str, str, int]) -> list[dict[str, Any]]:
    return [{"org_id": o, "tlp": t, "reports": n} for o, t, n in items]


GREEN4 = _ev(
    ("org-a", "GREEN", 2), ("org-b", "GREEN", 2), ("org-c", "GREEN", 2), ("org-d", "GREEN", 2)
)
VISIBLE_ID = "det-visible-ngit"
RED_ID = "det-restricted-red"
AMBER_ID = "det-restricted-amber"


def _detection(
    det_id: str, version: int, key: str, dims: dict[str, str], **kw: Any
) -> dict[str, Any]:
    base = samples.all_samples()["Detection"].to_avro()
    return base | {
        "detection_id": det_id, "version": version, "dimension_set": "route",
        "dimension_key": key, "dimensions": dims, "window_start": SPIKE - timedelta(days=2),
        "window_end": SPIKE + timedelta(days=1), "opened_at": SPIKE,
        "updated_at": SPIKE + timedelta(hours=version),
    } | kw  # fmt: skip


def story_detections() -> list[dict[str, Any]]:
    ngit = {"origin": "NG", "destination": "IT"}
    mmth = {"origin": "MM", "destination": "TH"}
    lath = {"origin": "LA", "destination": "TH"}
    return [
        _detection(VISIBLE_ID, 1, "NG>IT", ngit, state="opened", severity="high", tlp="GREEN",
                   evidence=GREEN4, observed=8.0, expected=1.5, distinct_sources=4),
        _detection(VISIBLE_ID, 2, "NG>IT", ngit, state="updated", severity="critical",
                   tlp="GREEN", evidence=GREEN4, observed=11.0, expected=1.5, distinct_sources=4),
        _detection(RED_ID, 1, "MM>TH", mmth, state="opened", severity="critical", tlp="RED",
                   evidence=[*GREEN4, *_ev(("org-r", "RED", 3))], observed=11.0,
                   expected=1.0, distinct_sources=5),
        _detection(AMBER_ID, 1, "LA>TH", lath, state="opened", severity="high", tlp="AMBER",
                   evidence=[*GREEN4, *_ev(("org-r", "AMBER", 3))], observed=11.0,
                   expected=1.0, distinct_sources=5),
    ]  # fmt: skip


def load(wh: Warehouse, table: tables.Table, records: list[dict[str, Any]]) -> None:
    landed = [tables.Landed(r, 0, i) for i, r in enumerate(records)]
    wh.insert(table.name, tables.to_columns(table, landed), table.types)


def seed(wh: Warehouse) -> None:
    load(wh, tables.SIGNALS, story_signals())
    load(wh, tables.DETECTIONS, story_detections())


@dataclass
class Served:
    base: str
    console: Console
    server: WebServer
    audit: Audit


@contextmanager
def serve(wh: Warehouse, tmp: Path, **console_kw: Any) -> Iterator[Served]:
    """The real web server (tahub.web) with the console's routes, over ``wh``."""
    from streams.detect.dimensions import DEFAULT_SETS

    revoked: set[str] = set()
    access = Access(
        partner=KEYS.get,
        key_active=lambda key_id: key_id not in revoked,
        orgs=lambda: ["org-r", "org-x"],
        operator_token=OPERATOR_TOKEN,
    )
    audit = Audit(tmp / "audit.log")
    console = Console(
        data.Reader(lambda: wh, K, "week"), access, sets=sets_of(DEFAULT_SETS), audit=audit,
        **console_kw,
    )  # fmt: skip
    console.revoked = revoked  # type: ignore[attr-defined]  # tests revoke keys here
    port = free_port()
    server = WebServer(
        "127.0.0.1", port, checks=lambda: [], warehouse=lambda: wh, k=K,
        operator_token=OPERATOR_TOKEN, release_bin="week", partner=KEYS.get, audit=audit,
        routes=console.routes,
    )  # fmt: skip
    server.start()
    try:
        yield Served(f"http://127.0.0.1:{port}", console, server, audit)
    finally:
        server.stop()


# --- a signed-in client ---


def csrf_of(html: str) -> str:
    """The CSRF token of the first form on a page."""
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, html[:500]
    return match.group(1)


def sign_in(base: str, key: str, next_url: str = "/") -> httpx.Client:
    client = httpx.Client(base_url=base, follow_redirects=False, timeout=30)
    form = client.get("/login", params={"next": next_url})
    assert form.status_code == 200
    r = client.post("/login", data={"key": key, "csrf": csrf_of(form.text), "next": next_url})
    assert r.status_code == 303, r.text[:300]
    assert r.headers["location"] == next_url
    return client


# --- the browser ---

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


def browser() -> Any:
    """Debian's Chromium, headless, through its chromedriver (no downloaded browser).
    Missing: a skip locally, a failure under CI=true (tests.services.missing)."""
    from tests.services import missing

    for binary in (CHROMIUM, CHROMEDRIVER):
        if not os.path.exists(binary):
            missing(f"{binary} not installed (Debian: apt-get install chromium chromium-driver)")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing("selenium not installed (pip install -e '.[dev]')")
        raise
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1400,1000",
        "--disable-extensions",
        "--no-first-run",
    ):
        options.add_argument(arg)  # fmt: skip
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    try:
        return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    except Exception as err:  # a broken install is as good as none
        missing(f"Chromium would not start: {type(err).__name__}: {str(err)[:200]}")
        raise


def fetched_bodies(driver: Any) -> list[tuple[str, str]]:
    """(url, body) of every response the page received so far that Chromium still holds
    (from the DevTools performance log)."""
    import json

    out = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") != "Network.responseReceived":
            continue
        params = message["params"]
        try:
            body = driver.execute_cdp_cmd(
                "Network.getResponseBody", {"requestId": params["requestId"]}
            )
        except Exception:  # redirects and the like keep no body
            continue
        out.append((params["response"]["url"], body.get("body", "")))
    return out


def screenshot(driver: Any, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


def wait_ready(driver: Any, element_id: str, timeout: float = 30) -> str:
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    # a navigation or a redraw may replace the element between finding and reading it
    WebDriverWait(
        driver, timeout, ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)
    ).until(
        lambda d: d.find_element("id", element_id).get_attribute("data-ready") in {"true", "error"}
    )
    state = driver.execute_script(
        "const e = document.getElementById(arguments[0]); return e && e.dataset.ready", element_id
    )
    if state != "true":
        said = [e.text for e in driver.find_elements("css selector", "[role=status]")]
        pytest.fail(f"#{element_id} failed: {said}")
    return str(state)
