"""Subscriptions and silences over HTTP and the CLI: one validation, org scoping, real Kafka."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from alerts.book import read_all
from tests.intakekit import check_schema, running_api
from tests.sinkkit import Space

SPEC = {
    "name": "Bangkok office",
    "area": {"countries": ["TH"], "circle": {"lat": 13.75, "lon": 100.5, "radius_km": 50}},
    "typologies": ["forced_criminality"],
    "destinations": ["TH"],
    "min_severity": "high",
    "channels": [
        {"kind": "outbox", "target": "bangkok"},
        {"kind": "webhook", "target": "https://alerts.example.org/tahub", "secret_ref": "hook"},
    ],
    "timezone": "Asia/Bangkok",
    "quiet_hours": {"start": "22:00", "end": "07:00"},
}


def test_an_organisation_manages_its_own_subscriptions_over_http(
    kafka_bootstrap: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TAHUB_SECRET_ORG_B__HOOK", "signing-key-for-test")
    space = Space.create(kafka_bootstrap, tmp_path)
    with running_api(space, tmp_path / "data") as api:
        mine, theirs = api.client(api.key_for("org-b")), api.client(api.key_for("org-c"))
        r = mine.post("/api/v1/subscriptions", json=SPEC)
        assert r.status_code == 201, r.text
        check_schema("Subscription", r.json())
        sid = r.json()["subscription_id"]
        assert r.json()["org_id"] == "org-b"
        assert r.json()["channels"][1]["secret_ref"] == "hook"
        # the stored record is on the compacted topic, without any secret value
        stored = read_all(space.conf, space.serde())
        assert stored[sid].name == "Bangkok office"
        assert "signing-key-for-test" not in stored[sid].model_dump_json()

        assert mine.get(f"/api/v1/subscriptions/{sid}").json()["version"] == 1
        assert theirs.get(f"/api/v1/subscriptions/{sid}").status_code == 404
        assert theirs.delete(f"/api/v1/subscriptions/{sid}").status_code == 404
        listed = mine.get("/api/v1/subscriptions").json()
        check_schema("SubscriptionList", listed)
        assert [s["subscription_id"] for s in listed["subscriptions"]] == [sid]
        assert theirs.get("/api/v1/subscriptions").json() == {"subscriptions": []}

        paused = mine.post(f"/api/v1/subscriptions/{sid}/pause").json()
        assert (paused["active"], paused["version"]) == (False, 2)
        resumed = mine.post(f"/api/v1/subscriptions/{sid}/resume").json()
        assert (resumed["active"], resumed["version"]) == (True, 3)
        replaced = mine.put(f"/api/v1/subscriptions/{sid}", json={**SPEC, "min_severity": "low"})
        assert replaced.json()["min_severity"] == "low"
        assert replaced.json()["version"] == 4

        bad = {
            **SPEC,
            "area": {"geojson": json.dumps(_bowtie())},
            "channels": [{"kind": "slack", "target": "https://hooks.slack.com/services/T/B/x"}],
            "timezone": "Asia/Atlantis",
        }
        r = mine.post("/api/v1/subscriptions", json=bad)
        assert r.status_code == 422
        check_schema("Problems", r.json())
        paths = {p["path"]: p["reason"] for p in r.json()["problems"]}
        assert "Self-intersection" in paths["area"]
        assert "is a secret" in paths["channels.0.target"]
        assert "hooks.slack.com" not in r.text  # never echoed
        assert "timezone" in paths
        no_secret = {**SPEC, "channels": [{"kind": "webhook", "target": "https://x.example/h",
                                           "secret_ref": "unset_key"}]}  # fmt: skip
        r = mine.post("/api/v1/subscriptions", json=no_secret)
        assert r.status_code == 422
        assert "has no secret 'unset_key'" in r.text
        assert mine.post("/api/v1/subscriptions", content=b"{", headers={
            "Content-Type": "application/json"}).status_code == 400  # fmt: skip
        assert api.client(None).get("/api/v1/subscriptions").status_code == 401

        r = mine.post(
            "/api/v1/silences",
            json={"matchers": {"location": "TH"}, "hours": 2, "author": "ana", "reason": "known"},
        )
        assert r.status_code == 201, r.text
        check_schema("Silence", r.json())
        sil = r.json()["silence_id"]
        assert [s["silence_id"] for s in mine.get("/api/v1/silences").json()["silences"]] == [sil]
        assert theirs.get("/api/v1/silences").json() == {"silences": []}
        assert theirs.delete(f"/api/v1/silences/{sil}").status_code == 404
        assert mine.post("/api/v1/silences", json={"matchers": {}, "author": "a",
                                                   "reason": "b"}).status_code == 422  # fmt: skip
        later = mine.post(
            "/api/v1/silences",
            json={"matchers": {"typology": "forced_labour"}, "author": "ana", "reason": "audit",
                  "starts_at": "2099-01-01T00:00:00+00:00", "hours": 48},
        )  # fmt: skip
        assert later.status_code == 201, later.text
        assert later.json()["starts_at"].startswith("2099-01-01")
        listed_later = mine.get("/api/v1/silences").json()["silences"]
        assert {x["silence_id"] for x in listed_later} == {sil, later.json()["silence_id"]}
        bad_start = {"matchers": {"location": "TH"}, "author": "a", "reason": "b",
                     "starts_at": "tomorrow"}  # fmt: skip
        assert mine.post("/api/v1/silences", json=bad_start).status_code == 422
        assert mine.delete(f"/api/v1/silences/{later.json()['silence_id']}").status_code == 200
        assert mine.delete(f"/api/v1/silences/{sil}").status_code == 200
        assert mine.get("/api/v1/silences").json() == {"silences": []}

        assert mine.delete(f"/api/v1/subscriptions/{sid}").status_code == 200
        assert mine.get(f"/api/v1/subscriptions/{sid}").status_code == 404
        assert sid not in read_all(space.conf, space.serde())  # the tombstone compacts it away


def _bowtie() -> dict[str, object]:
    ring = [[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]
    return {"type": "Polygon", "coordinates": [ring]}


def _tahub(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-m", "tahub", *args]
    return subprocess.run(argv, env=env, capture_output=True, text=True, check=False, timeout=120)


def test_the_cli_manages_subscriptions_and_silences(kafka_bootstrap: str, tmp_path: Path) -> None:
    space = Space.create(kafka_bootstrap, tmp_path)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("TAHUB_")},
        "TAHUB_DATA_DIR": str(tmp_path / "data"),
        "TAHUB_KAFKA_BOOTSTRAP": space.bootstrap,
        "TAHUB_TOPIC_PREFIX": space.prefix,
        "TAHUB_SCHEMA_REGISTRY_URL": space.registry_url,
        "TAHUB_SECRET_ORG_B__OPS_SLACK": "xoxb-cli-test",
    }
    assert _tahub(env, "orgs", "add", "org-b", "--name", "B").returncode == 0
    added = _tahub(
        env, "subs", "add", "--org", "org-b", "--name", "Routes into Thailand",
        "--destinations", "TH", "--typologies", "forced_criminality,forced_labour",
        "--slack", "C0123ABCD=ops_slack", "--outbox", "bkk", "--quiet-hours", "22:00-07:00",
        "--timezone", "Asia/Bangkok", "--json",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    sub = json.loads(added.stdout)
    assert sub["destinations"] == ["TH"]
    assert sub["quiet_hours"] == {"start": "22:00", "end": "07:00"}
    assert "xoxb" not in added.stdout
    sid = sub["subscription_id"]

    bad = _tahub(env, "subs", "add", "--org", "org-b", "--name", "x", "--countries", "UK",
                 "--outbox", "o")  # fmt: skip
    assert bad.returncode == 1
    assert "did you mean 'GB'" in bad.stderr
    unknown_org = _tahub(env, "subs", "add", "--org", "nobody", "--name", "x", "--outbox", "o")
    assert unknown_org.returncode == 1

    assert _tahub(env, "subs", "pause", sid).returncode == 0
    listed = json.loads(_tahub(env, "subs", "list", "--json").stdout)
    assert [(s["subscription_id"], s["active"]) for s in listed] == [(sid, False)]
    updated = _tahub(env, "subs", "update", sid, "--min-severity", "critical", "--json")
    assert updated.returncode == 0, updated.stderr
    assert json.loads(updated.stdout)["min_severity"] == "critical"
    assert json.loads(updated.stdout)["destinations"] == ["TH"]  # the rest stays
    shown = json.loads(_tahub(env, "subs", "show", sid).stdout)
    assert shown["version"] == 3

    added_silence = _tahub(env, "silences", "add", "--match", "typology=forced_labour",
                           "--hours", "1", "--author", "ops", "--reason", "noise")  # fmt: skip
    assert added_silence.returncode == 0, added_silence.stderr
    sil = added_silence.stdout.split()[0]
    assert sil in _tahub(env, "silences", "list").stdout
    assert _tahub(env, "silences", "expire", sil).returncode == 0
    assert _tahub(env, "silences", "list").stdout.strip() == "no silences"
    assert _tahub(env, "silences", "add", "--match", "colour=red", "--author", "a",
                  "--reason", "b").returncode == 1  # fmt: skip

    assert _tahub(env, "subs", "delete", sid).returncode == 0
    assert json.loads(_tahub(env, "subs", "list", "--json").stdout) == []


def test_odd_areas_and_silences_are_one_line_422s(kafka_bootstrap: str, tmp_path: Path) -> None:
    """A GeoJSON object (not text) for an area and hours=1e308 for a silence answered 503
    "try again"; an area as an object is taken, the rest is a 422 naming the problem."""
    space = Space.create(kafka_bootstrap, tmp_path)
    square = {"type": "Polygon", "coordinates": [[[100, 13], [101, 13], [101, 14], [100, 13]]]}
    with running_api(space, tmp_path / "data") as api:
        http = api.client(api.key_for("org-b"))
        spec = {"name": "shape", "channels": [{"kind": "outbox", "target": "x"}]}
        r = http.post("/api/v1/subscriptions", json={**spec, "area": {"geojson": square}})
        assert r.status_code == 201, r.text
        for bad in ({"geojson": {"type": "Polygon", "coordinates": "nope"}},
                    {"geojson": 42}, {"geojson": "[" * 100_000}):  # fmt: skip
            r = http.post("/api/v1/subscriptions", json={**spec, "area": bad})
            assert r.status_code == 422, r.text
        for hours in (1e308, -1, 0, 24 * 91, "24"):
            r = http.post(
                "/api/v1/silences",
                json={"matchers": {"location": "TH"}, "hours": hours, "author": "a", "reason": "r"},
            )
            assert r.status_code == 422, (hours, r.text)
            assert "hours" in r.json()["error"]
        dup = '{"name": "a", "name": "b", "channels": [{"kind": "outbox", "target": "x"}]}'
        r = http.post(
            "/api/v1/subscriptions", content=dup, headers={"Content-Type": "application/json"}
        )
        assert r.status_code == 400
        assert "I-JSON" in r.json()["error"]


def test_a_subscription_may_name_only_its_own_organisations_secrets(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    """Attack (issue 16.1): org-c named org-b's signing key and got 201; an unknown name and
    another organisation's answered differently."""
    space = Space.create(kafka_bootstrap, tmp_path)
    with running_api(space, tmp_path / "data") as api:
        b, c = api.client(api.key_for("org-b")), api.client(api.key_for("org-c"))
        r = b.put("/api/v1/secrets/hook", json={"value": "b-signing-key-0123"})
        assert r.status_code == 200, r.text
        assert b.get("/api/v1/secrets").json() == {"secrets": ["hook"]}
        assert c.get("/api/v1/secrets").json() == {"secrets": []}
        assert b.put("/api/v1/secrets/Bad-Name", json={"value": "x"}).status_code == 422
        assert b.put("/api/v1/secrets/hook", json={"value": "", "x": 1}).status_code == 422

        def spec(ref: str) -> dict[str, object]:
            hook = {"kind": "webhook", "target": "https://hooks.example.org/t", "secret_ref": ref}
            return {"name": "w", "channels": [hook]}

        assert b.post("/api/v1/subscriptions", json=spec("hook")).status_code == 201
        stolen = c.post("/api/v1/subscriptions", json=spec("hook"))
        unknown = c.post("/api/v1/subscriptions", json=spec("nothing"))
        assert stolen.status_code == unknown.status_code == 422
        reason = {r["path"]: r["reason"] for r in stolen.json()["problems"]}
        other = {r["path"]: r["reason"] for r in unknown.json()["problems"]}
        assert reason.keys() == other.keys()
        assert [v.replace("hook", "N") for v in reason.values()] == [
            v.replace("nothing", "N") for v in other.values()
        ]
        assert c.delete("/api/v1/secrets/hook").status_code == 404  # not theirs to delete
        assert b.get("/api/v1/secrets").json() == {"secrets": ["hook"]}
        for resp in (stolen, unknown, r):
            assert "b-signing-key" not in resp.text
