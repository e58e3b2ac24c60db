"""Issue 16, attacked with a copy of the dead letters (an operator, the warehouse's
dead_letters table, a copy of the dlq topic): a row the intake rejected left the plain
SHA-256 of the raw, unscrubbed row in its dead letter, so whoever read it confirmed a
guessed text ("is the survivor's name Maria Petrova?") by hashing candidates, and
`tahub orgs forget` left the digest confirmable. Intake dead letters now carry a digest
keyed under the organisation's data key, as its idempotency fingerprints, and a size too
coarse to single out one guess: no candidate is confirmed without that key, and after
forget not even with the master key."""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from producers.intake import fingerprints
from producers.intake.checker import payload_digest
from schemas.envelope import DataKey
from schemas.models import DeadLetter
from schemas.serde import Serde
from schemas.topics import DLQ
from schemas.vault import MasterKeys, Vault
from tests.intake_fakes import MASTER_KEYS, RecordingPublisher, checked_service
from tests.test_intake_rules import valid

MASTER = MasterKeys(MASTER_KEYS, "m1")
REAL = "Maria Petrova"
# what the attacker guesses: the real name among names of other lengths and scripts
CANDIDATES = [
    "Ana Kim", "Maria Petrova", "Maria Petrovna", "Nguyen Thi Lan", "Li Wei",
    "Siti Rahmawati binti Abdullah", "Oksana Hryhorenko", "Thida Aung", "Мария Петрова",
]  # fmt: skip


def _row(name: str, sid: str) -> dict[str, Any]:
    """The row as the partner sent it: the attacker knows the form, not the name; an
    unknown sharing level gets it rejected."""
    return valid(
        submission_id=sid,
        summary=f"{name}, 34, was recruited through a harbour advert for kitchen work",
        tlp="TLP:PURPLE",
    )


@pytest.fixture
def parts(tmp_path: Path) -> Any:
    publisher = RecordingPublisher()
    service, serde, vault = checked_service(tmp_path, publisher)
    yield service, publisher, serde, vault
    service.close()
    vault.close()


def _letters(publisher: RecordingPublisher, serde: Serde) -> list[DeadLetter]:
    return [
        DeadLetter.from_avro(serde.decode(DLQ, value))
        for topic, _, value in publisher.records
        if topic == DLQ.physical("t.")
    ]


def _rejected(parts: Any) -> list[DeadLetter]:
    """ngo-a's rejected rows: one request alone, and one row of a JSON Lines file."""
    service, publisher, serde, _ = parts
    assert asyncio.run(service.submit_one("ngo-a", _row(REAL, "s-1"), None)).status == 422
    body = (json.dumps(_row(REAL, "s-2")) + "\n").encode()
    out = service.submit_file("ngo-a", body, fmt="jsonl", idempotency_key="f-1")
    assert (out.status, out.body["rejected"]) == (200, 1)
    letters = _letters(publisher, serde)
    assert [(d.stage, d.org_id) for d in letters] == [("intake", "ngo-a")] * 2
    return letters


def _digests(name: str, sid: str) -> tuple[set[str], int]:
    """Every plain digest an attacker can make of a guess (the code is public), and the
    size of the row it guesses."""
    row = _row(name, sid)
    digest, size = payload_digest(row)
    summary = str(row["summary"]).encode()
    texts = (summary, name.encode())
    return {digest, *(hashlib.sha256(t).hexdigest() for t in texts)}, size


def _values(letter: DeadLetter) -> list[str]:
    return [str(v) for v in letter.model_dump().values() if v is not None]


def _confirmed(
    letter: DeadLetter, sid: str, keys: Iterable[Callable[[str], DataKey | None]]
) -> set[str]:
    """The candidates the letter tells apart from the others: by a plain digest found in
    it, by a keyed digest that matches under a key the attacker holds, or by its size."""
    out: set[str] = set()
    for name in CANDIDATES:
        plain, _ = _digests(name, sid)
        if any(d in v for d in plain for v in _values(letter)):
            out.add(name)
        for v in _values(letter):
            if not v.startswith(fingerprints.PREFIX):
                continue
            for key_of in keys:
                if any(
                    fingerprints.matches(v, d, key_of, purpose=purpose)
                    for d in plain
                    for purpose in (fingerprints.FINGERPRINT, fingerprints.DEAD_LETTER)
                ):
                    out.add(name)
    sizes = {name: _digests(name, sid)[1] for name in CANDIDATES}
    fits = {n for n, size in sizes.items() if size == letter.payload_size}  # exact bytes
    if not fits:  # a coarse size, as documented for intake letters
        from schemas.deadletters import coarse_size

        fits = {n for n, size in sizes.items() if coarse_size(size) == letter.payload_size}
    if len(fits) < len(CANDIDATES):  # the size rules some guesses out
        out |= fits
    return out


def test_another_partner_cannot_confirm_a_guessed_name(parts: Any) -> None:
    _, _, _, vault = parts
    own = vault.current("ngo-b")  # the attacker's own data key, and a made-up one
    made_up = DataKey("ngo-a", "k-guess", b"g" * 32)
    for letter, sid in zip(_rejected(parts), ("s-1", "s-2"), strict=True):
        assert _confirmed(letter, sid, [lambda _: own, lambda _: made_up]) == set()
        assert not any(REAL in v for v in _values(letter))
        assert letter.payload_sha256 is None  # kept for stages after intake


def test_the_organisations_key_still_matches_its_own_row(parts: Any) -> None:
    """What the digest is for: whoever holds ngo-a's key (the vault, before forget) can
    tell the rejected row when the partner sends it again, and no other."""
    _, _, _, vault = parts
    for letter, sid in zip(_rejected(parts), ("s-1", "s-2"), strict=True):
        assert letter.payload_fingerprint is not None
        mine = {
            name
            for name in CANDIDATES
            if fingerprints.matches(
                letter.payload_fingerprint,
                payload_digest(_row(name, sid))[0],
                lambda kid: vault.key("ngo-a", kid),
                purpose=fingerprints.DEAD_LETTER,
            )
        }
        assert mine == {REAL}


def test_after_forget_not_even_the_master_key_confirms_it(parts: Any, tmp_path: Path) -> None:
    _, _, _, vault = parts
    letters = _rejected(parts)
    vault.forget("ngo-a")
    again = Vault(tmp_path / "vault.db", MASTER)  # the operator, master key in hand
    try:
        keys = [lambda kid: again.key("ngo-a", kid), lambda _: again.current("ngo-a")]
        for letter, sid in zip(letters, ("s-1", "s-2"), strict=True):
            assert _confirmed(letter, sid, keys) == set()
    finally:
        again.close()


def test_a_name_typed_where_a_field_name_goes_is_not_measured_in_its_letter(
    parts: Any,
) -> None:
    """A partner's slip puts the person's name where a field name goes ('Maria Petrova':
    'victim'). Errors never repeat an unknown name, but said its exact length, and the
    dead letter kept it in its reason and error paths: the length of the name itself,
    which singles a guessed name out as an exact row size did. The partner's own answer
    still says it (its own data); the letter does not."""
    service, publisher, serde, _ = parts
    slip = {**_row(REAL, "s-9"), REAL: "victim", "exploitation_places": [{"country": "TH",
            REAL: 1}]}  # fmt: skip
    answer = asyncio.run(service.submit_one("ngo-a", slip, None))
    assert answer.status == 422
    assert f"<unknown name of {len(REAL)} characters>" in json.dumps(answer.body)
    (letter,) = _letters(publisher, serde)
    kept = [letter.reason, *(e.path for e in letter.errors), *(e.reason for e in letter.errors)]
    assert not any(REAL in text for text in kept)
    measured = {n for n in CANDIDATES if any(f" {len(n)} " in text for text in kept)}
    assert measured == set(), "the letter measures the name"


def _broken_line(name: str) -> str:
    """The partner's JSON Lines row with a stray quote after the name in its summary."""
    line = json.dumps(_row(name, "s-7"), ensure_ascii=False)
    line = line.replace(name, f'{name} \\"Masha\\"')
    return line.replace('\\"Masha\\"', '"Masha"')  # the quotes left unescaped


def _column(name: str) -> int:
    try:
        json.loads(_broken_line(name))
    except json.JSONDecodeError as err:
        return err.colno
    raise AssertionError("the line parsed")


def test_where_a_line_broke_is_not_kept_in_its_letter(parts: Any) -> None:
    """A stray quote right after the name breaks the JSON Lines row; the error said at which
    column, which counts the characters before it, the name's among them: kept in the dead
    letter, it ruled out every guessed name of another length. The partner's answer still
    says it (to find the mistake by); the letter does not."""
    service, publisher, serde, _ = parts
    out = service.submit_file("ngo-a", (_broken_line(REAL) + "\n").encode(), fmt="jsonl",
                              idempotency_key="f-9")  # fmt: skip
    assert (out.status, out.body["rejected"]) == (200, 1)
    assert f"column {_column(REAL)}" in json.dumps(out.body)
    (letter,) = _letters(publisher, serde)
    kept = " ".join([letter.reason, *(e.path for e in letter.errors),
                     *(e.reason for e in letter.errors)])  # fmt: skip
    told = {n for n in CANDIDATES if f"column {_column(n)}" in kept}
    assert told == set(), "the letter says where the line broke"
