"""Exports (MISP feed, STIX 2.1, CTDC-layout CSV) attacked by a partner with its own key,
on both warehouses.

The attacker is org-b. org-a has TLP:RED, TLP:AMBER and TLP:AMBER+STRICT detections, a
detection whose later version counts one of its RED reports, and small groups of reports
the rule must keep hidden. org-b exports through every route and format, guesses event
uuids, pads small groups with its own reports and differences CSV exports with different
filters. Every export is checked against the query API's own answer (one rule), and the
positive controls (org-a sees its own; k = 1 leaks) show the checks can fail.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from stix2validator import ValidationOptions, validate_string

from consumers import migrations, queries, tables
from consumers.queries import QueryError, Viewer
from consumers.warehouse import Warehouse, open_warehouse
from tahub.audit import Audit
from tahub.exports import ctdc, feed, misp, stix
from tahub.runtime.ports import free_port
from tahub.web import WebServer
from tests.samples import all_samples
from tests.services import fresh_warehouse_url
from tests.sharingkit import copy_by_org_again, signals_of

K = 3
T0 = datetime(2026, 10, 5, tzinfo=UTC)  # a Monday: release weeks start here
NOW = T0 + timedelta(days=6)
SINCE = "2026-10-01"
A, B, PUBLIC = Viewer("org-a"), Viewer("org-b"), Viewer()


def _ev(*items: tuple[str, str, int]) -> list[dict[str, Any]]:
    return [{"org_id": o, "tlp": t, "reports": n} for o, t, n in items]


def _det(
    det_id: str, key: str, tlp: str, evidence: list[dict[str, Any]], **kw: Any
) -> dict[str, Any]:
    typology, route = key.split("|")
    origin, destination = route.split(">")
    base = all_samples()["Detection"].to_avro()
    return base | {
        "detection_id": det_id, "version": 1, "state": "opened", "tlp": tlp,
        "evidence": evidence, "dimension_set": "typology_route", "dimension_key": key,
        "dimensions": {"typology": typology, "origin": origin, "destination": destination},
        "window_start": T0, "window_end": T0 + timedelta(days=1), "opened_at": T0,
        "updated_at": T0 + timedelta(hours=1), "severity": "medium", "observed": 5.0,
    } | kw  # fmt: skip


OTHERS = _ev(("org-c", "GREEN", 2), ("org-d", "GREEN", 2))
DETECTIONS = [
    _det("det-a-red", "forced_labour|AL>GB", "RED", _ev(("org-a", "RED", 4))),
    _det("det-a-amber", "sexual_exploitation|NG>IT", "AMBER",
         _ev(("org-a", "AMBER", 3), ("org-c", "GREEN", 3))),
    _det("det-a-strict", "forced_criminality|MM>TH", "AMBER_STRICT",
         _ev(("org-a", "AMBER_STRICT", 5))),
    _det("det-green", "forced_labour|VN>GB", "GREEN", OTHERS),
    _det("det-clear", "domestic_servitude|UA>DE", "CLEAR",
         _ev(("org-c", "CLEAR", 3), ("org-d", "CLEAR", 2), ("org-e", "CLEAR", 2))),
    # v1 on others' GREEN reports; v2 also counts a RED report of org-a (and says so)
    _det("det-mixed", "forced_begging|RO>ES", "GREEN", OTHERS, observed=4.0),
    _det("det-mixed", "forced_begging|RO>ES", "RED", [*OTHERS, *_ev(("org-a", "RED", 1))],
         version=2, state="updated", severity="critical", observed=4321.5,
         updated_at=T0 + timedelta(hours=3)),
    _det("det-b-own", "forced_labour|PH>MY", "GREEN", _ev(("org-b", "GREEN", 2))),
    _det("det-small", "other|PH>MY", "GREEN", _ev(("org-c", "GREEN", 1), ("org-d", "GREEN", 1))),
]  # fmt: skip
HIDDEN_FROM_B = ("det-a-red", "det-a-amber", "det-a-strict", "det-small")
SEEN = {
    B: {"det-green", "det-clear", "det-mixed", "det-b-own"},
    A: {"det-a-red", "det-a-amber", "det-a-strict", "det-green", "det-clear", "det-mixed"},
    PUBLIC: {"det-clear"},
}

# (report, org, tlp, typology, origin, destination, reported at): k = 3, week bins
D1, D2 = T0 + timedelta(days=1), T0 + timedelta(days=2)
BASE_REPORTS = [
    *[(f"r{i}", org, "GREEN", "sexual_exploitation", "NG", "IT", D1 + timedelta(hours=i))
      for i, org in enumerate(["org-c", "org-d", "org-e", "org-c"])],
    *[(f"q{i}", org, "CLEAR", "forced_labour", "VN", "GB", D2 + timedelta(hours=i))
      for i, org in enumerate(["org-c", "org-d", "org-e"])],
    # the attacker pads the small group's class with two reports of its own
    *[(f"b{i}", "org-b", "GREEN", "sexual_exploitation", "NG", "GB", D1 + timedelta(hours=i))
      for i in range(2)],
]  # fmt: skip
# what world B adds: groups the rule must hide from org-b (fewer than k reports of others)
SMALL = [
    ("s1", "org-a", "GREEN", "sexual_exploitation", "NG", "GB", D1 + timedelta(hours=5)),
    ("s2", "org-a", "GREEN", "sexual_exploitation", "NG", "GB", D1 + timedelta(hours=6)),
    ("s3", "org-a", "GREEN", "forced_labour", "VN", "GB", D2 + timedelta(hours=7)),
    ("s4", "org-c", "RED", "forced_labour", "VN", "GB", D2 + timedelta(hours=8)),
]

_counter = iter(range(10**9))


def _load(wh: Warehouse, table: tables.Table, records: list[dict[str, Any]]) -> None:
    """Replace a table's content (a fresh table: 18.16 has no quick TRUNCATE)."""
    name = f"{table.name}_{next(_counter)}"
    wh.execute(table.ddl().replace(f"EXISTS {table.name}", f"EXISTS {name}", 1))
    if records:
        landed = [tables.Landed(r, 0, i) for i, r in enumerate(records)]
        wh.insert(name, tables.to_columns(table, landed), table.types)
    wh.execute(f"DROP TABLE IF EXISTS {table.name}")
    wh.execute(f"RENAME TABLE {name} TO {table.name}")
    if table is tables.SIGNALS:
        copy_by_org_again(wh)


@pytest.fixture(scope="module", params=["chdb", "server"])
def wh(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
       ) -> Iterator[Warehouse]:  # fmt: skip
    warehouse = open_warehouse(
        fresh_warehouse_url(request, request.param, tmp_path_factory.mktemp("x"))
    )
    migrations.migrate(warehouse)
    _load(warehouse, tables.DETECTIONS, DETECTIONS)
    _load(warehouse, tables.SIGNALS, signals_of([*BASE_REPORTS, *SMALL]))
    yield warehouse
    warehouse.close()


def _exports(wh: Warehouse, viewer: Viewer) -> dict[str, str]:
    """Every detection export this viewer can make, as text."""
    p = {"since": SINCE}
    out = {
        "manifest": feed.misp_manifest(wh, p, viewer, K, NOW).body,
        "hashes": feed.misp_hashes(wh, p, viewer, K, NOW).body,
        "stix": feed.stix_bundle(wh, p, viewer, K, NOW).body,
    }
    for uid in json.loads(out["manifest"]):
        out[uid] = feed.misp_event(wh, uid, viewer, K).body
    return out


def test_org_b_never_sees_org_a_amber_or_red_in_any_export(wh: Warehouse) -> None:
    exports = _exports(wh, B)
    shown = {r[0] for r in queries.detections(wh, B, since=T0 - timedelta(days=4), k=K).rows}
    assert shown == SEEN[B]  # the query API's answer ...
    manifest = json.loads(exports["manifest"])
    assert set(manifest) == {misp.event_uuid(d) for d in shown}  # ... is the feed's
    text = "\n".join(exports.values())
    for det_id in HIDDEN_FROM_B:
        assert det_id not in text
        assert misp.event_uuid(det_id) not in text
    for word in ("tlp:red", "tlp:amber", "TLP:RED", "TLP:AMBER", '"critical"', "4321.5"):
        assert word not in text, word
    for level in ("RED", "AMBER", "AMBER_STRICT"):
        assert stix.TLP2_IDS[stix.Tlp(level)] not in exports["stix"]
    mixed = json.loads(exports[misp.event_uuid("det-mixed")])["Event"]
    observed = {a["comment"]: a["value"] for a in mixed["Attribute"]}["observed_reports"]
    assert (observed, mixed["Tag"][0]["name"]) == ("4.0", "tlp:green")  # version 1, not 2
    # the control: org-a's own export holds them, with their labels
    own = _exports(wh, A)
    assert set(json.loads(own["manifest"])) == {misp.event_uuid(d) for d in SEEN[A]}
    labels = (("det-a-red", "tlp:red"), ("det-a-amber", "tlp:amber"),
              ("det-a-strict", "tlp:amber+strict"), ("det-mixed", "tlp:red"))  # fmt: skip
    for det_id, tag in labels:
        event = json.loads(own[misp.event_uuid(det_id)])["Event"]
        assert event["Tag"][0]["name"] == tag
        assert event["distribution"] == "0"  # stays in the pulling organisation
    public = _exports(wh, PUBLIC)
    assert set(json.loads(public["manifest"])) == {misp.event_uuid("det-clear")}


def test_guessed_event_uuids_answer_as_unknown_ones(wh: Warehouse) -> None:
    for det_id in (*HIDDEN_FROM_B, "det-unknown"):
        with pytest.raises(feed.UnknownEvent) as err:
            feed.misp_event(wh, misp.event_uuid(det_id), B, K)
        assert str(err.value) == "no such event in the feed of org-b"
    assert json.loads(feed.misp_event(wh, misp.event_uuid("det-a-red"), A, K).body)


def test_event_uuids_of_real_ids_name_their_detection_and_still_hide_it(wh: Warehouse) -> None:
    """Detection ids as tahub makes them ('det-' and 80 bits) ride in their event's uuid,
    so an event is fetched by id; hidden, unknown and tampered uuids still answer alike."""
    red, green = "det-00c0ffee00c0ffee0a01", "det-00c0ffee00c0ffee0b02"
    old = datetime(2025, 6, 2, tzinfo=UTC)  # before every other export's period
    rows = [
        _det(red, "forced_labour|AL>IT", "RED", _ev(("org-a", "RED", 4)), opened_at=old,
             updated_at=old),
        _det(green, "forced_labour|AL>IT", "GREEN", OTHERS, opened_at=old, updated_at=old),
        _det(green, "forced_labour|AL>IT", "RED", [*OTHERS, *_ev(("org-a", "RED", 1))],
             version=2, observed=4321.5, opened_at=old, updated_at=old + timedelta(hours=1)),
    ]  # fmt: skip
    landed = [tables.Landed(r, 0, i) for i, r in enumerate(rows)]
    wh.insert("detections", tables.to_columns(tables.DETECTIONS, landed), tables.DETECTIONS.types)
    for det_id in (red, green):
        assert misp.detection_of(misp.event_uuid(det_id)) == det_id
    seen = json.loads(feed.misp_event(wh, misp.event_uuid(green), B, K).body)["Event"]
    assert {a["comment"]: a["value"] for a in seen["Attribute"]}["observed_reports"] == "5.0"
    assert "4321.5" in feed.misp_event(wh, misp.event_uuid(green), A, K).body  # its version 2
    tampered = misp.event_uuid(green)[:-1] + ("0" if misp.event_uuid(green)[-1] != "0" else "1")
    for event in (misp.event_uuid(red), misp.event_uuid("det-00c0ffee00c0ffee0c03"), tampered):
        with pytest.raises(feed.UnknownEvent, match=r"^no such event in the feed of org-b$"):
            feed.misp_event(wh, event, B, K)
    assert json.loads(feed.misp_event(wh, misp.event_uuid(red), A, K).body)


def test_the_feed_is_misp_feed_format(wh: Warehouse) -> None:
    exports = _exports(wh, A)
    manifest = json.loads(exports["manifest"])
    lines = exports["hashes"].splitlines()
    attributes = 0
    for uid, summary in manifest.items():
        event = json.loads(exports[uid])["Event"]
        assert event["uuid"] == uid
        assert str(uuid.UUID(uid)) == uid
        assert summary == {k: event[k] for k in summary}
        assert set(summary) == {"Orgc", "Tag", "info", "date", "analysis", "threat_level_id",
                                "timestamp"}  # fmt: skip
        for attr in event["Attribute"]:
            digest = hashlib.md5(attr["value"].encode(), usedforsecurity=False).hexdigest()
            assert f"{digest},{uid}" in lines
            attributes += 1
    assert len(lines) == attributes


def _validate(body: str) -> None:
    result = validate_string(body, ValidationOptions(version="2.1", strict=True,
                                                     enforce_refs=True))  # fmt: skip
    assert result.is_valid, [str(e) for e in result.errors] + [str(w) for w in result.warnings]
    assert not result.warnings, [str(w) for w in result.warnings]


@pytest.mark.parametrize("viewer", [A, B, PUBLIC], ids=lambda v: v.label)
def test_stix_bundles_pass_the_official_validator(wh: Warehouse, viewer: Viewer) -> None:
    body = feed.stix_bundle(wh, {"since": SINCE}, viewer, K, NOW).body
    _validate(body)
    bundle = json.loads(body)
    reports = {o["extensions"][stix.EXTENSION.id]["detection_id"]: o
               for o in bundle["objects"] if o["type"] == "report"}  # fmt: skip
    assert set(reports) == SEEN[viewer]
    shown = {r[0]: r[14] for r in queries.detections(wh, viewer, since=T0, k=K).rows}
    for det_id, report in reports.items():
        # marked with the TLP 2.0 definition of the version's own label
        assert report["object_marking_refs"] == [stix.TLP2_IDS[stix.Tlp(shown[det_id])]]
    names = {o["name"] for o in bundle["objects"] if o["type"] == "marking-definition"}
    assert names == {stix.Tlp(t).label for t in shown.values()}


def test_an_empty_stix_bundle_is_valid_too(wh: Warehouse) -> None:
    _validate(feed.stix_bundle(wh, {"since": SINCE, "min_severity": "critical"}, B, K, NOW).body)


def _csv(body: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body)))


CSV_ATTACKS: list[dict[str, str]] = [
    {}, {"origin": "NG"}, {"destination": "GB"}, {"typology": "sexual_exploitation"},
    {"typology": "forced_labour", "destination": "GB"}, {"bucket": "week"},
    {"clock": "reported"}, {"clock": "reported", "bucket": "week"}, {"since": "all"},
    {"since": D1.isoformat(), "until": (D1 + timedelta(hours=7)).isoformat()},
    {"since": D2.isoformat(), "clock": "reported", "location": "GB"},
]  # fmt: skip


def _csv_answers(wh: Warehouse, viewer: Viewer, k: int) -> list[str]:
    out = []
    for attack in CSV_ATTACKS:
        params = {"since": "2026-09-01", **attack}
        out.append(feed.ctdc_csv(wh, params, viewer, k, NOW).body)
    return out


def test_ctdc_csv_differencing_reveals_no_suppressed_group(wh: Warehouse) -> None:
    """Two worlds differ by org-a's two reports on NG>GB (beside org-b's own two) and by a
    GREEN and a RED report on VN>GB (beside three CLEAR ones): every export org-b or the
    public can make, with any of the filters, is the same in both."""
    try:
        _load(wh, tables.SIGNALS, signals_of(BASE_REPORTS))
        without = {v: _csv_answers(wh, v, K) for v in (B, PUBLIC)}
        canary = _csv_answers(wh, B, 1)
        _load(wh, tables.SIGNALS, signals_of([*BASE_REPORTS, *SMALL]))
        with_small = {v: _csv_answers(wh, v, K) for v in (B, PUBLIC)}
        assert with_small == without
        # the same exports without suppression tell the worlds apart: the check can fail
        assert _csv_answers(wh, B, 1) != canary
        rows = _csv(with_small[B][0])
    finally:
        _load(wh, tables.SIGNALS, signals_of([*BASE_REPORTS, *SMALL]))
    by_route = {(r["tahub_typology"], r["tahub_origin"], r["CountryOfExploitation"]): r
                for r in rows}  # fmt: skip
    assert set(by_route) == {("sexual_exploitation", "NGA", "ITA"),
                             ("forced_labour", "VNM", "GBR"),
                             ("sexual_exploitation", "NGA", "GBR")}  # fmt: skip
    ng_it = by_route[("sexual_exploitation", "NGA", "ITA")]
    assert (ng_it["tahub_reports"], ng_it["tahub_organisations"]) == ("4", "3")
    assert (ng_it["isSexualExploit"], ng_it["isForcedLabour"], ng_it["isOtherExploit"]) == (
        "1", "0", "0")  # fmt: skip
    assert ng_it["gender"] == ng_it["citizenship"] == ""  # unknown to tahub: left empty
    # org-b's own padding shows as its own, and unlocks nothing of org-a's
    assert by_route[("sexual_exploitation", "NGA", "GBR")]["tahub_reports"] == "2"
    assert list(rows[0]) == list(ctdc.COLUMNS)
    assert ctdc.COLUMNS[:5] == ("yearOfRegistration", "gender", "ageBroad", "citizenship",
                                "CountryOfExploitation")  # fmt: skip


def test_yearly_buckets_by_report_time_fill_the_year_of_registration(wh: Warehouse) -> None:
    body = feed.ctdc_csv(wh, {"since": "2026-01-01", "bucket": "year", "clock": "reported"},
                         A, K, NOW, bin_="month").body  # fmt: skip
    rows = _csv(body)
    assert rows
    assert {r["yearOfRegistration"] for r in rows} == {"2026"}
    by_occurrence = feed.ctdc_csv(wh, {"since": "2026-01-01", "bucket": "year"}, A, K, NOW,
                                  bin_="month").body  # fmt: skip
    assert {r["yearOfRegistration"] for r in _csv(by_occurrence)} == {""}


def test_exports_refuse_what_they_do_not_take(wh: Warehouse) -> None:
    with pytest.raises(QueryError, match="export ctdc does not take by"):
        feed.ctdc_csv(wh, {"by": "cell_fine"}, B, K, NOW)  # no regrouping past the layout
    with pytest.raises(QueryError, match="export stix does not take limit"):
        feed.stix_bundle(wh, {"limit": "1"}, B, K, NOW)
    with pytest.raises(QueryError, match="typology 'drugs'"):
        feed.ctdc_csv(wh, {"typology": "drugs"}, B, K, NOW)


# --- over HTTP, with the partners' own keys ---

KEYS = {"key-a": "org-a", "key-b": "org-b"}
OPERATOR = "operator-secret"


@pytest.fixture
def api(wh: Warehouse, tmp_path: Path) -> Iterator[tuple[httpx.Client, Audit]]:
    port = free_port()
    audit = Audit(tmp_path / "audit.log")
    server = WebServer(
        "127.0.0.1", port, checks=list, warehouse=lambda: wh, k=K, operator_token=OPERATOR,
        partner=KEYS.get, audit=audit,
    )  # fmt: skip
    server.start()
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}/api/v1/export", timeout=60) as c:
            yield c, audit
    finally:
        server.stop()


def _as(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_over_http_org_b_gets_its_feed_and_nothing_of_org_a(
    api: tuple[httpx.Client, Audit], wh: Warehouse
) -> None:
    http, audit = api
    manifest = http.get("/misp/manifest.json", params={"since": SINCE}, headers=_as("key-b"))
    assert manifest.status_code == 200
    assert set(manifest.json()) == {misp.event_uuid(d) for d in SEEN[B]}
    for uid in manifest.json():
        assert http.get(f"/misp/{uid}.json", headers=_as("key-b")).status_code == 200
    # guessing: org-a's hidden events, an unknown uuid and the detection id itself
    unknown = http.get(f"/misp/{uuid.uuid4()}.json", headers=_as("key-b"))
    assert unknown.status_code == 404
    for det_id in HIDDEN_FROM_B:
        guess = http.get(f"/misp/{misp.event_uuid(det_id)}.json", headers=_as("key-b"))
        assert (guess.status_code, guess.content) == (404, unknown.content)
        assert http.get(f"/misp/{det_id}.json", headers=_as("key-b")).status_code == 404
    red = http.get(f"/misp/{misp.event_uuid('det-a-red')}.json", headers=_as("key-a"))
    assert red.status_code == 200
    assert red.json()["Event"]["Tag"][0]["name"] == "tlp:red"
    # its own key cannot name another organisation, nor can a bad key read anything
    for path in ("/stix", "/ctdc.csv", "/misp/manifest.json",
                 f"/misp/{misp.event_uuid('det-a-red')}.json"):  # fmt: skip
        assert http.get(path, params={"as_org": "org-a"}, headers=_as("key-b")).status_code == 401
        assert http.get(path, headers=_as("key-x")).status_code == 401
    bundle = http.get("/stix", params={"since": SINCE}, headers=_as("key-b"))
    assert bundle.headers["content-type"].startswith("application/stix+json")
    _validate(bundle.text)
    assert not any(d in bundle.text for d in HIDDEN_FROM_B)
    table = http.get("/ctdc.csv", params={"since": "2026-09-01"}, headers=_as("key-b"))
    # the route answers what the export function does (one path; its checks are above)
    direct = feed.ctdc_csv(wh, {"since": "2026-09-01"}, B, K, datetime.now(UTC)).body
    assert table.status_code == 200
    assert table.text == direct
    assert audit.lines() == []  # partners' own exports are theirs, not an operator's


def test_over_http_an_operators_export_as_an_organisation_is_audited(
    api: tuple[httpx.Client, Audit],
) -> None:
    http, audit = api
    for path in ("/stix", "/ctdc.csv", f"/misp/{misp.event_uuid('det-a-red')}.json"):
        r = http.get(path, params={"as_org": "org-a"}, headers=_as(OPERATOR))
        assert r.status_code == 200, (path, r.text)
    assert [(x["actor"], x["as_org"], x["action"], x["export"]) for x in audit.lines()] == [
        ("operator", "org-a", "export", "stix"),
        ("operator", "org-a", "export", "ctdc"),
        ("operator", "org-a", "export", "misp event"),
    ]
    red = http.get(f"/misp/{misp.event_uuid('det-a-red')}.json", params={"as_org": "org-a"},
                   headers=_as(OPERATOR))  # fmt: skip
    assert "tlp:red" in red.text
    bad = http.get("/stix", params={"limit": "5"}, headers=_as("key-b"))
    assert (bad.status_code, bad.json()["error"].startswith("export stix does not take")) == (
        400, True)  # fmt: skip
    event = http.get(f"/misp/{uuid.uuid4()}.json", params={"since": "7d"}, headers=_as("key-b"))
    assert event.status_code == 400
