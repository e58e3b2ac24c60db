"""Intake's pure rules: submission checks, scrubbing, CSV/JSON Lines rows, keys, limits."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from producers.intake import tabular
from producers.intake.access import AccessError, AccessStore
from producers.intake.idempotency import IdempotencyStore
from producers.intake.ratelimit import RateLimiter
from producers.intake.scrub import scrub
from producers.intake.submission import (
    RowError,
    Submission,
    fingerprint,
    incident_id,
    parse,
    to_incident,
)
from schemas.ids import IdKey
from schemas.models import Incident
from tests.intake_fakes import OneKey


def valid(**over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "submission_id": "case-1",
        "occurred_on": "2026-10-12",
        "occurred_precision": "day",
        "typologies": ["forced_criminality"],
        "recruitment_places": [{"country": "MM"}],
        "exploitation_places": [
            {"country": "KH", "lat": 10.6, "lon": 103.5, "name": "Sihanoukville"}
        ],
        "victims": [{"age_band": "age_18_20", "gender": "male", "count": 4}],
        "tlp": "TLP:AMBER",
    }
    base.update(over)
    return base


def errors_of(data: Any) -> dict[str, RowError]:
    result = parse(data)
    assert isinstance(result, list), "expected the submission to be rejected"
    return {e.path: e for e in result}


def test_a_valid_submission_becomes_an_incident_the_contract_accepts() -> None:
    sub = parse(valid(summary="Recruited online."))
    assert isinstance(sub, Submission)
    record = to_incident(sub, org_id="ngo-a", submitted_at=datetime.now(UTC), incident="i-1")
    incident = Incident.from_avro(record)
    assert incident.tlp.value == "AMBER"
    assert incident.exploitation_places[0].name == "Sihanoukville"


def test_every_problem_is_reported_at_once_without_values() -> None:
    secret = "Jane-Doe-7781"
    errs = errors_of(
        {
            "occurred_on": "2099-01-01",
            "occurred_precision": "day",
            "typologies": ["drug_trafficking"],
            "exploitation_places": [{"country": "UK"}, {"country": "TH", "lat": 51.5, "lon": -0.1}],
            "victims": [{"count": -2}],
            "sector": secret,
            "tlp": secret,
            "nickname": secret,
        }
    )
    assert set(errs) == {
        "occurred_on",
        "typologies.0",
        "exploitation_places.0.country",
        "exploitation_places.1",
        "victims.0.count",
        "sector",
        "tlp",
        "<unknown name of 8 characters>",  # an unknown name is never repeated
    }
    assert errs["occurred_on"].reason == "is in the future"
    assert "did you mean 'GB'" in errs["exploitation_places.0.country"].reason
    assert "outside TH" in errs["exploitation_places.1"].reason
    assert errs["<unknown name of 8 characters>"].kind == "string"
    assert all(secret not in e.reason for e in errs.values())


def test_required_fields_are_named_as_missing() -> None:
    errs = errors_of({})
    assert {p: e.kind for p, e in errs.items()} == {
        "occurred_precision": "missing",
        "occurred_on": "missing",
        "typologies": "missing",
        "tlp": "missing",
    }
    assert errors_of([1, 2])["(record)"].kind == "array"


def test_swapped_coordinates_are_spotted_and_border_points_pass() -> None:
    errs = errors_of(valid(exploitation_places=[{"country": "TH", "lat": 100.5, "lon": 13.7}]))
    assert "exploitation_places.0.lat" in errs  # out of range
    errs = errors_of(valid(exploitation_places=[{"country": "NG", "lat": 3.4, "lon": 6.45}]))
    assert "swapped" in errs["exploitation_places.0"].reason
    # Lagos (NG), Tijuana on the US border (MX), a point on the Russia side of the date line
    for country, lat, lon in (("NG", 6.45, 3.4), ("MX", 32.53, -117.04), ("RU", 66.0, -171.0)):
        assert isinstance(
            parse(valid(exploitation_places=[{"country": country, "lat": lat, "lon": lon}])),
            Submission,
        ), country
    # Kosovo (no ISO code in Natural Earth's data) has its outline: Pristina passes
    assert isinstance(
        parse(valid(exploitation_places=[{"country": "XK", "lat": 42.6, "lon": 21.2}])), Submission
    )
    errs = errors_of(valid(exploitation_places=[{"country": "TH", "lat": 13.7}]))
    assert "together" in errs["exploitation_places.0"].reason


def test_dates_follow_their_stated_precision() -> None:
    month = parse(valid(occurred_on="2026-03", occurred_precision="month"))
    assert isinstance(month, Submission)
    assert month.occurred_on == date(2026, 3, 1)
    first = parse(valid(occurred_on="2026-03-01", occurred_precision="month"))  # as stored
    assert isinstance(first, Submission)
    assert first.occurred_on == date(2026, 3, 1)
    year = parse(valid(occurred_on="2025", occurred_precision="year"))
    assert isinstance(year, Submission)
    assert year.occurred_on == date(2025, 1, 1)
    unknown = parse({**valid(occurred_precision="unknown"), "occurred_on": ""})
    assert isinstance(unknown, Submission)
    assert unknown.occurred_on is None
    record = to_incident(unknown, org_id="o", submitted_at=datetime.now(UTC), incident="i")
    assert Incident.from_avro(record).occurred_on is None
    assert (
        "gives only the month"
        in errors_of(valid(occurred_on="2026-03", occurred_precision="day"))["occurred_on"].reason
    )
    assert "calendar" in errors_of(valid(occurred_on="2026-02-30"))["occurred_on"].reason
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).date().isoformat()
    assert isinstance(parse(valid(occurred_on=tomorrow)), Submission)  # UTC+14 is ahead
    assert isinstance(parse(valid(occurred_on="1900-01-01")), Submission)


@pytest.mark.parametrize(
    ("over", "reason"),
    [
        ({"occurred_on": "2099-01-01"}, "is in the future"),
        ({"occurred_on": "2099-01", "occurred_precision": "month"}, "is in the future"),
        ({"occurred_on": "1899-12-31"}, "is before 1900; check the year"),
        ({"occurred_on": "1899", "occurred_precision": "year"}, "is before 1900; check the year"),
        # finer than the stated precision: a day under month precision, a month under year
        ({"occurred_on": "2026-03-17", "occurred_precision": "month"}, "is finer than"),
        ({"occurred_on": "2025-03", "occurred_precision": "year"}, "is finer than"),
        ({"occurred_on": "2025-03-01", "occurred_precision": "year"}, "is finer than"),
        ({"occurred_on": "2025", "occurred_precision": "unknown"}, "leave occurred_on empty"),
        ({"occurred_on": "", "occurred_precision": "day"}, "required unless"),
    ],
)
def test_bad_occurrence_dates_are_one_line_errors_naming_the_field(
    over: dict[str, str], reason: str
) -> None:
    errs = errors_of(valid(**over))
    assert set(errs) == {"occurred_on"}
    assert reason in errs["occurred_on"].reason
    assert "\n" not in errs["occurred_on"].reason


def test_sharing_level_is_required_and_spelt_any_usual_way() -> None:
    for spelling in ("RED", "tlp:amber+strict", "Amber_Strict", "TLP:CLEAR"):
        assert isinstance(parse(valid(tlp=spelling)), Submission), spelling
    assert "one of TLP:CLEAR" in errors_of(valid(tlp="purple"))["tlp"].reason
    data = valid()
    del data["tlp"]
    assert errors_of(data)["tlp"].kind == "missing"


def test_sector_is_an_isic_code_and_counts_are_bounded() -> None:
    assert isinstance(parse(valid(sector="a03")), Submission)
    assert "ISIC" in errors_of(valid(sector="fishing boats"))["sector"].reason
    assert "victims.0.count" in errors_of(valid(victims=[{"count": 1.5}]))
    assert "typologies" in errors_of(valid(typologies=[]))


def test_incident_ids_are_stable_per_org_and_submission() -> None:
    ids = IdKey(bytes(range(32)))
    assert incident_id(ids, "a", "x") == incident_id(ids, "a", "x")
    assert incident_id(ids, "a", "x") != incident_id(ids, "b", "x")
    assert incident_id(ids, "a", None) != incident_id(ids, "a", None)


def test_an_incident_id_cannot_be_computed_without_the_key() -> None:
    """Attack: another partner guesses (organisation, submission id) and computes the id
    with the formula tahub used to publish (uuid5 under a namespace in the source)."""
    import uuid

    ids = IdKey(bytes(range(32)))
    real = incident_id(ids, "org-b", "case-2026-0042")
    namespace = uuid.UUID("5b0f3f2e-7d4a-4e0c-9a51-4f1c2b7d9e10")
    assert real != str(uuid.uuid5(namespace, "org-b\x00case-2026-0042"))
    assert real != incident_id(IdKey.offline(), "org-b", "case-2026-0042")
    assert real != incident_id(IdKey(bytes(32)), "org-b", "case-2026-0042")
    assert uuid.UUID(real).version == 8
    one, two = parse(valid()), parse(valid(summary=None))
    assert isinstance(one, Submission)
    assert isinstance(two, Submission)
    assert fingerprint(one) == fingerprint(two)
    other = parse(valid(confidence=0.5))
    assert isinstance(other, Submission)
    assert fingerprint(other) != fingerprint(one)


PLANTED = {
    "jane.doe@example.org": "[EMAIL]",
    "lan dot nguyen at gmail dot com": "[EMAIL]",
    "+234 803 123 4567": "[PHONE]",
    "0912 345 678": "[PHONE]",
    "A12345678": "[ID]",
    "1103700123456": "[ID]",
    "https://jobs.example.com/apply?ref=9": "[URL]",
    "t.me/jobsabroad": "[URL]",
    "Oluwaseun Adebayo": "[NAME]",
    "Maria Gonzalez": "[NAME]",
    "Nguyen Thi Lan": "[NAME]",
}


def test_planted_identifiers_become_typed_placeholders() -> None:
    text = (
        "Mr Oluwaseun Adebayo advertised at https://jobs.example.com/apply?ref=9 and "
        "t.me/jobsabroad; write to jane.doe@example.org or lan dot nguyen at gmail dot com, "
        "call +234 803 123 4567 or 0912 345 678. A woman named Maria Gonzalez and "
        "Nguyen Thi Lan, 22, had passport A12345678 and ID 1103700123456 taken."
    )
    out = scrub(text)
    for planted, placeholder in PLANTED.items():
        assert planted not in out.text, planted
        assert placeholder in out.text
    assert sum(out.found.values()) >= len(PLANTED)


def test_scrubbing_keeps_what_is_not_an_identifier() -> None:
    text = (
        "In 2019-2021, 12 women aged 18-25 were moved 300km from San Jose via Port Harcourt "
        "to Santa Maria farm in Victoria; an 18-year-old reported it in the 1990s style; "
        "1,500 USD; COVID-19; on 2026-03-04."
    )
    assert scrub(text).text == text


def test_place_names_lose_identifiers_but_not_names_of_places() -> None:
    sub = parse(
        valid(exploitation_places=[{"country": "KH", "name": "Villa Maria, +855 12 345 678"}])
    )
    assert isinstance(sub, Submission)
    record = to_incident(sub, org_id="o", submitted_at=datetime.now(UTC), incident="i")
    assert record["exploitation_places"][0]["name"] == "Villa Maria, [PHONE]"


CSV_HEADER = (
    "submission_id,occurred_on,occurred_precision,typologies,exploitation_country,"
    "exploitation_lat,exploitation_lon,transit_countries,tlp,victims,summary"
)


def test_csv_rows_map_to_submissions_and_errors_to_columns() -> None:
    text = "\n".join(
        [
            CSV_HEADER,
            "r1,2026-09-03,day,forced_labour;debt_bondage,TH,13.7,100.5,LA;VN,AMBER,"
            'age_18_20:male:3,"ok, fine"',
            "r2,2026-09,month,forced_labour,UK,,,,AMBER,,",
            "r3,2026-09,month,forced_labour,TH,,,,AMBER,adults:3,",
            "r4,2026-09,month,forced_labour,TH,,,XX,AMBER,,,",
            "",
        ]
    )
    rows = list(tabular.csv_rows(text))
    assert [r.number for r in rows] == [1, 2, 3, 4]
    first = parse(rows[0].data)
    assert isinstance(first, Submission)
    assert [p.country for p in first.transit_places] == ["LA", "VN"]
    assert first.victims[0].count == 3
    second = parse(rows[1].data)
    assert isinstance(second, list)
    assert [tabular.csv_path(e.path) for e in second] == ["exploitation_country"]
    assert rows[2].errors[0].path == "victims"
    assert "cells" in rows[3].errors[0].reason


def test_csv_header_problems_stop_the_whole_file() -> None:
    with pytest.raises(tabular.FileError, match="column 3 \\(did you mean 'typologies'\\?\\)"):
        list(tabular.csv_rows("occurred_on,occurred_precision,typology,tlp\n"))
    with pytest.raises(tabular.FileError, match=r"missing required column.*tlp"):
        list(tabular.csv_rows("occurred_on,occurred_precision,typologies\n"))
    with pytest.raises(tabular.FileError, match="empty"):
        list(tabular.csv_rows(""))
    with pytest.raises(tabular.FileError, match="not UTF-8"):
        tabular.decode("typologies\n\xe9t\xe9".encode("latin-1"))


def test_duplicate_member_names_are_refused_not_resolved() -> None:
    """Attack (issue 16.5): {"tlp":"TLP:RED","tlp":"TLP:CLEAR"} was stored as CLEAR."""
    body = '{"tlp": "TLP:RED", "typologies": ["forced_labour"], "tlp": "TLP:CLEAR"}'
    with pytest.raises(tabular.DuplicateName):
        tabular.loads(body)
    nested = '{"recruitment_places": [{"country": "MM", "country": "TH"}]}'
    with pytest.raises(tabular.DuplicateName):
        tabular.loads(nested)
    (row,) = tabular.jsonl_rows(body)
    assert row.data is None
    assert "I-JSON" in row.errors[0].reason
    assert "tlp" not in row.errors[0].reason


def test_unknown_names_are_never_repeated_in_errors() -> None:
    """A partner may type a person's name or phone where a field name or header goes."""
    planted = "Amara Okafor +234 803 123 4567"
    errors = parse({**valid(), planted: "x", "recruitment_places": [{"country": "NG", planted: 1}]})
    assert isinstance(errors, list)
    shown = json.dumps([e.as_dict() for e in errors])
    assert "Okafor" not in shown
    assert "803" not in shown
    assert "<unknown name of 30 characters>" in shown
    assert "recruitment_places.0.<unknown name" in shown
    with pytest.raises(tabular.FileError) as err:
        list(tabular.csv_rows(f"occurred_on,occurred_precision,typologies,tlp,{planted}\n"))
    assert "Okafor" not in str(err.value)
    assert "column 5" in str(err.value)


def test_json_lines_split_at_newlines_only() -> None:
    """U+2028, U+0085 and other Unicode line breaks may sit unescaped inside JSON strings;
    splitting there made one row two rejected halves."""
    text = (
        "\n".join(
            json.dumps(valid(summary=f"line one{sep}line two"), ensure_ascii=False)
            for sep in ("\u2028", "\u0085", "\u2029", "\x1c", "\x0b")
        )
        + "\r\n"
    )
    rows = list(tabular.jsonl_rows(text))
    assert [r.number for r in rows] == [1, 2, 3, 4, 5]
    assert all(r.data is not None and not r.errors for r in rows)


def test_json_lines_number_rows_and_report_bad_lines() -> None:
    text = json.dumps(valid()) + "\n\n{broken\n[1]\n"
    rows = list(tabular.jsonl_rows(text))
    assert [r.number for r in rows] == [1, 2, 3]
    assert rows[0].data is not None
    assert "not valid JSON" in rows[1].errors[0].reason
    assert rows[2].errors[0].kind == "array"


def test_keys_are_shown_once_stored_hashed_and_revocable(tmp_path: Path) -> None:
    store = AccessStore(tmp_path / "intake.db", cache_seconds=0)
    store.add_org("ngo-a", "NGO A")
    with pytest.raises(AccessError, match="already exists"):
        store.add_org("ngo-a", "again")
    with pytest.raises(AccessError, match="no organisation"):
        store.issue_key("nobody")
    with pytest.raises(AccessError, match="lower-case"):
        store.add_org("Bad Org!", "x")
    info, token = store.issue_key("ngo-a", "case system")
    assert store.authenticate(token) == "ngo-a"
    assert store.authenticate(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert store.authenticate("not-a-key") is None
    raw = (tmp_path / "intake.db").read_bytes()
    secret = token.split("_", 2)[2]
    assert secret.encode() not in raw
    assert token.encode() not in raw
    store.revoke(info.key_id)
    assert store.authenticate(token) is None
    with pytest.raises(AccessError, match="already revoked"):
        store.revoke(info.key_id)


def test_revocation_reaches_other_processes_within_the_cache_time(tmp_path: Path) -> None:
    api_side = AccessStore(tmp_path / "intake.db", cache_seconds=0.2)
    operator = AccessStore(tmp_path / "intake.db")
    operator.add_org("ngo-b", "NGO B")
    info, token = operator.issue_key("ngo-b")
    assert api_side.authenticate(token) == "ngo-b"
    operator.revoke(info.key_id)
    import time

    time.sleep(0.3)
    assert api_side.authenticate(token) is None


def test_idempotency_records_survive_a_restart(tmp_path: Path) -> None:
    store = IdempotencyStore(tmp_path / "intake.db", keys=OneKey())
    store.remember("a", [(f"s{i}", "fp", f"i{i}") for i in range(1200)])
    store.keep_response("a", "k", "sha", 200, b"{}")
    store.close()
    again = IdempotencyStore(tmp_path / "intake.db", keys=OneKey())
    seen = again.seen("a", [f"s{i}" for i in range(0, 1300, 100)])
    assert sorted(seen) == sorted(f"s{i}" for i in range(0, 1200, 100))
    assert again.seen("b", ["s1"]) == {}
    stored = again.response("a", "k")
    assert stored is not None
    assert stored.body == b"{}"


def test_old_bulk_responses_are_pruned_by_the_store_itself(tmp_path: Path) -> None:
    import sqlite3
    import time

    store = IdempotencyStore(
        tmp_path / "intake.db",
        keys=OneKey(),
        request_ttl_days=1.0,
        flush_seconds=0.01,
        prune_seconds=0.05,
    )
    store.keep_response("a", "fresh", "sha", 200, b"{}")
    store.keep_response("a", "old", "sha", 200, b"{}")
    with sqlite3.connect(tmp_path / "intake.db") as db:  # answered two days ago
        db.execute(
            "UPDATE requests SET created_at = created_at - 172800 WHERE idempotency_key = ?",
            (_kept("old"),),
        )
    deadline = time.monotonic() + 10
    while store.response("a", "old") is not None or _rows(tmp_path, "old"):
        assert time.monotonic() < deadline, "the flush thread never pruned the old response"
        time.sleep(0.02)
    assert store.response("a", "fresh") is not None
    assert store.prune(now=time.time() + 2 * 86400) == 1  # the fresh one, once it is old
    store.close()


def _rows(tmp_path: Path, key: str) -> int:
    import sqlite3

    sql = "SELECT count(*) FROM requests WHERE idempotency_key = ?"
    with sqlite3.connect(tmp_path / "intake.db") as db:
        return int(db.execute(sql, (_kept(key),)).fetchone()[0])


def _kept(key: str) -> str:
    """An Idempotency-Key of organisation "a" as intake.db keeps it (keyed)."""
    from producers.intake.idempotency import indexer

    return indexer(OneKey().oldest("a"))(key)


def test_rate_limits_allow_a_burst_then_the_steady_rate() -> None:
    now = [0.0]
    limiter = RateLimiter(rate=2.0, burst=3, clock=lambda: now[0])
    assert [limiter.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.take("a") == pytest.approx(0.5)
    assert limiter.take("b") == 0.0  # organisations do not share a bucket
    now[0] += 0.5
    assert limiter.take("a") == 0.0
