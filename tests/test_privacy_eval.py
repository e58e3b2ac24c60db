"""The privacy evaluator on hand-made records, the scrubber's behaviours, and the blind batches."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from producers.intake import privacy_eval as pe
from producers.intake.scrub import scrub_place
from producers.intake.submission import Submission, parse, to_incident
from tests.test_intake_rules import valid


def _rec(text: str, *idents: tuple[str, str], field: str = "summary") -> pe.Record:
    return pe.Record("r", field, "en", text, tuple(pe.Identifier(k, t) for k, t in idents))


def test_removed_means_no_exact_text_and_no_token_of_three_or_more() -> None:
    r = _rec("Call Jo Lopez on +1 555 0100 in Calle Mayor 12.", ("name", "Jo Lopez"))
    ctx = pe.context_tokens(r)
    ident = r.identifiers[0]
    assert not pe.removed(ident, r.text, ctx)  # untouched
    assert not pe.removed(ident, "Call [NAME] Lopez on", ctx)  # a surname survives
    assert pe.removed(ident, "Call Jo [NAME] on", ctx)  # "Jo" is shorter than 3
    assert not pe.removed(ident, "call jo lopez", ctx)  # case does not hide it
    assert pe.removed(ident, "Call [NAME] on", ctx)


def test_a_token_that_also_occurs_in_ordinary_text_is_not_a_leak() -> None:
    r = _rec("Calle Mayor 12 is on the calle by the market.", ("address", "Calle Mayor 12"))
    ctx = pe.context_tokens(r)
    assert pe.removed(r.identifiers[0], "[ADDRESS] is on the calle by the market.", ctx)
    assert not pe.removed(r.identifiers[0], "Calle [ADDRESS] is on the calle by", ctx)


def test_score_counts_per_kind_and_words_lost() -> None:
    records = [
        _rec(
            "Ana Lopez, born 3 May 1999, works in Lima.",
            ("name", "Ana Lopez"),
            ("dob", "3 May 1999"),
        ),
        _rec("Write to ana@example.org today.", ("email", "ana@example.org")),
    ]
    outputs = ["[NAME], born 3 May 1999, works in [NAME].", "Write to [EMAIL] today."]
    s = pe.score(records, outputs).summary()
    assert (s["identifiers"], s["removed"]) == (3, 2)
    assert s["per_kind"]["name"] == {"planted": 1, "removed": 1, "removed_share": 1.0}
    assert s["per_kind"]["dob"]["removed"] == 0
    # ordinary words: born works in Lima / Write to today = 7; "Lima" was lost
    assert (s["words"], s["words_lost"]) == (7, 1)
    assert s["words_lost_share"] == round(1 / 7, 4)


def test_records_are_checked_without_repeating_their_text(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    line = {
        "id": "x",
        "field": "summary",
        "text": "secret words",
        "identifiers": [{"kind": "name", "text": "Someone Else"}],
    }
    bad.write_text(json.dumps(line) + "\n")
    with pytest.raises(ValueError, match="not a substring") as err:
        list(pe.read_records(bad))
    assert "Someone" not in str(err.value)
    assert "secret" not in str(err.value)


def test_place_records_are_scrubbed_as_intake_scrubs_a_place() -> None:
    name = "near +234 803 123 4567"
    sub = parse(valid(exploitation_places=[{"country": "NG", "name": name}]))
    assert isinstance(sub, Submission)
    record = to_incident(sub, org_id="o", submitted_at=datetime.now(UTC), incident="i")
    stored = record["exploitation_places"][0]["name"]
    assert stored == scrub_place(name).text == pe.scrub_field(_rec(name, field="place"))


def test_shipped_batches_are_found() -> None:
    assert [p.name for p in pe.batches()] == ["privacy_blind_1.jsonl", "privacy_blind_2.jsonl"]
