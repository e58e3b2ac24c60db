"""The intake API against its OpenAPI description, random payloads, and the CLI's equal footing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openapi_spec_validator import validate

from alerts.silences import FIELDS as SILENCE_FIELDS
from alerts.subscriptions import SPEC_FIELDS
from producers.intake.http import OPENAPI
from producers.intake.tabular import COLUMNS
from schemas.taxonomy import AgeBand, MeansOfControl, Typology
from schemas.topics import INCIDENTS
from tests.intakekit import check_schema, read_all, running_api
from tests.sinkkit import Space
from tests.test_intake_rules import valid

DOC = json.loads(OPENAPI.read_text())


def test_the_description_is_valid_openapi_and_matches_the_taxonomy() -> None:
    validate(DOC)
    sub = DOC["components"]["schemas"]["Submission"]["properties"]
    assert sub["typologies"]["items"]["enum"] == [t.value for t in Typology]
    assert sub["means_of_control"]["items"]["enum"] == [m.value for m in MeansOfControl]
    victim = sub["victims"]["items"]["properties"]
    assert victim["age_band"]["enum"] == [a.value for a in AgeBand]
    bulk = DOC["paths"]["/api/v1/incidents/bulk"]["post"]["description"]
    assert ", ".join(COLUMNS) in bulk
    spec = DOC["components"]["schemas"]["SubscriptionSpec"]["properties"]
    assert spec["typologies"]["items"]["enum"] == [t.value for t in Typology]
    assert set(spec) == set(SPEC_FIELDS)
    matchers = DOC["components"]["schemas"]["SilenceSpec"]["properties"]["matchers"]
    assert matchers["propertyNames"]["enum"] == list(SILENCE_FIELDS)


# the described paths against every route the main job serves: tests/test_openapi_routes.py


# --- random and malformed payloads: always a 2xx/4xx with a JSON body -----------------------

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**63), 2**63),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
)
_json = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
_field_values = {
    "submission_id": st.one_of(st.text(max_size=140), st.integers()),
    "occurred_on": st.one_of(st.dates().map(str), st.text(max_size=12), st.integers()),
    "occurred_precision": st.sampled_from(["day", "month", "year", "week", "", None]),
    "typologies": st.lists(
        st.sampled_from([*[t.value for t in Typology], "drugs", ""]), max_size=4
    ),
    "exploitation_places": st.lists(
        st.fixed_dictionaries(
            {"country": st.sampled_from(["TH", "UK", "GB", "XK", "", "usa"])},
            optional={
                "lat": st.floats(-200, 200),
                "lon": st.floats(-400, 400),
                "name": st.text(max_size=20),
            },
        ),
        max_size=3,
    ),
    "victims": st.lists(st.fixed_dictionaries({"count": st.integers(-5, 10**6)}), max_size=2),
    "tlp": st.sampled_from(["RED", "amber+strict", "TLP:GREEN", "blue", None]),
    "confidence": st.one_of(st.floats(-1, 2), st.just("NaN")),
    "summary": st.text(max_size=200),
}
_incidents = st.fixed_dictionaries({}, optional=_field_values)
_payloads = st.one_of(_incidents, _incidents.map(lambda d: {**valid(), **d}), _json)


@pytest.fixture(scope="module")
def fuzz_api(kafka_bootstrap: str, tmp_path_factory: pytest.TempPathFactory) -> Any:
    tmp = tmp_path_factory.mktemp("fuzz")
    space = Space.create(kafka_bootstrap, tmp)
    with running_api(space, tmp / "data", intake_rate=10_000.0, intake_burst=10_000) as api:
        yield api, api.key_for("ngo-fuzz"), space


def _answer_ok(r: Any) -> dict[str, Any]:
    assert 200 <= r.status_code < 500, r.text
    body = r.json()
    assert body, "every answer has a body"
    if r.status_code >= 400:
        check_schema("Error", body)
    return body


@pytest.mark.kafka
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(payload=_payloads)
def test_random_single_payloads_never_get_a_5xx(fuzz_api: Any, payload: Any) -> None:
    api, key, _ = fuzz_api
    with api.client(key) as http:
        body = _answer_ok(http.post("/api/v1/incidents", json=payload))
    assert "incident_id" in body or "error" in body


@pytest.mark.kafka
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    raw=st.binary(max_size=300),
    ctype=st.sampled_from(
        ["application/json", "application/json; charset=utf-8", "text/csv", "", "application/xml"]
    ),
)
def test_random_bytes_never_get_a_5xx(fuzz_api: Any, raw: bytes, ctype: str) -> None:
    api, key, _ = fuzz_api
    with api.client(key) as http:
        for path in ("/api/v1/incidents", "/api/v1/incidents/bulk"):
            _answer_ok(http.post(path, content=raw, headers={"Content-Type": ctype}))


@pytest.mark.kafka
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.one_of(
            _payloads.map(json.dumps),
            st.text(max_size=40).filter(lambda t: "\n" not in t and "\r" not in t),
        ),
        min_size=1,
        max_size=25,
    )
)
def test_every_bulk_row_is_accepted_or_rejected(fuzz_api: Any, rows: list[str]) -> None:
    api, key, _ = fuzz_api
    text = "\n".join(rows)
    expected = sum(1 for line in text.split("\n") if line.strip())  # JSON Lines: \n only
    with api.client(key) as http:
        r = http.post(
            "/api/v1/incidents/bulk",
            content=text.encode(),
            headers={"Content-Type": "application/x-ndjson"},
        )
    body = _answer_ok(r)
    check_schema("Report", body)
    assert body["submitted"] == expected
    assert body["accepted"] + body["rejected"] == body["submitted"]
    assert len(body["incidents"]) == body["accepted"]
    assert sorted(x["row"] for x in body["rejections"]) == sorted(
        set(range(1, expected + 1)) - {x["row"] for x in body["incidents"]}
    )


@pytest.mark.kafka
def test_deeply_nested_json_is_a_client_error(fuzz_api: Any) -> None:
    api, key, _ = fuzz_api
    deep = b"[" * 50_000 + b"]" * 50_000
    with api.client(key) as http:
        one = http.post(
            "/api/v1/incidents",
            content=b"[" * 30_000 + b"]" * 30_000,
            headers={"Content-Type": "application/json"},
        )
        bulk = http.post(
            "/api/v1/incidents/bulk", content=deep, headers={"Content-Type": "application/x-ndjson"}
        )
    nan = http_post_raw(api, key, b'{"confidence": NaN}')
    assert one.status_code == 400
    assert nan.status_code == 400
    assert bulk.status_code == 200
    assert bulk.json()["rejected"] == 1


def http_post_raw(api: Any, key: str, body: bytes) -> Any:
    with api.client(key) as http:
        return http.post(
            "/api/v1/incidents", content=body, headers={"Content-Type": "application/json"}
        )


# --- the CLI takes the same path ------------------------------------------------------------


@pytest.mark.kafka
def test_cli_submit_reports_exactly_what_the_api_reports(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    from tests.test_intake_api import _csv

    space = Space.create(kafka_bootstrap, tmp_path)
    body = _csv(300, bad_every=50, prefix="cli-")
    (tmp_path / "in.csv").write_bytes(body)
    with running_api(space, tmp_path / "data") as api:
        with api.client(api.key_for("ngo-a")) as http:
            via_api = http.post(
                "/api/v1/incidents/bulk", content=body, headers={"Content-Type": "text/csv"}
            ).json()
        env = {
            **os.environ,
            "TAHUB_DATA_DIR": str(tmp_path / "data"),
            "TAHUB_KAFKA_BOOTSTRAP": space.bootstrap,
            "TAHUB_TOPIC_PREFIX": space.prefix,
            "TAHUB_SCHEMA_REGISTRY_URL": space.registry_url,
        }
        api.key_for("ngo-b")

        def submit(*args: str) -> subprocess.CompletedProcess[str]:
            argv = [sys.executable, "-m", "tahub", "submit", str(tmp_path / "in.csv"), *args]
            return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)

        cli = submit("--org", "ngo-b", "--json")
        again = submit("--org", "ngo-b")
        unknown = submit("--org", "nobody")
    assert cli.returncode == 3, cli.stderr  # some rows rejected
    via_cli = json.loads(cli.stdout)
    for k in ("submitted", "accepted", "rejected", "rejections"):
        assert via_cli[k] == via_api[k], k
    assert "300 submitted: 294 accepted (294 already stored before), 6 rejected" in again.stdout
    assert "row 50: exploitation_country (string)" in again.stdout
    assert unknown.returncode == 1
    assert "no organisation nobody" in unknown.stderr
    assert len(read_all(space, INCIDENTS)) == 2 * 294
