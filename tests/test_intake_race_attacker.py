"""Two submissions of one submission id at once (hattack25): each read "not seen" before
either was remembered, and both were sent. A record sent as TLP:CLEAR and, a moment later,
as TLP:RED under the same id reached Kafka as two versions of one incident, the first
still CLEAR, and detection counted it in the public tier. Now an id is held from the look
at earlier submissions to its remembering (``producers.intake.inflight``): the second
waits, then is judged against the first (a conflict here, a duplicate if the same).

A partner racing itself is not an attacker, but its correction must not lose the race to
its mistake, and nothing it does may put two versions of one incident on Kafka."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from producers.intake import service as svc
from producers.intake.checker import RowChecker
from producers.intake.idempotency import IdempotencyStore
from schemas.ids import IdKey
from schemas.registry import open_registry
from schemas.serde import Serde
from schemas.topics import INCIDENTS
from schemas.vault import MasterKeys, Vault
from tests.intake_fakes import RecordingPublisher
from tests.test_intake_rules import valid

MASTER = MasterKeys({"m1": b"m" * 32}, "m1")


class SlowPublisher(RecordingPublisher):
    """A broker that takes its time to acknowledge: the window the race needs."""

    async def send_async(self, topic: str, key: bytes, value: bytes) -> None:
        await asyncio.sleep(0.2)
        await super().send_async(topic, key, value)


@pytest.fixture
def service(tmp_path: Path) -> Any:
    vault = Vault(tmp_path / "vault.db", MASTER)
    store = IdempotencyStore(tmp_path / "intake.db", keys=vault)
    serde = Serde(open_registry(f"mock://{tmp_path.name}"), "t.")
    publisher = SlowPublisher()
    checker = RowChecker(serde.encoder(INCIDENTS), 0, IdKey.offline())
    service = svc.IntakeService(
        publisher, serde.encode, "t.", store, checker,  # type: ignore[arg-type]
        keys=vault.current, key_of=vault.key, first=vault.oldest,
    )  # fmt: skip
    yield service, publisher
    service.close()
    vault.close()


def _both(service: svc.IntakeService, *rows: dict[str, Any]) -> list[svc.Outcome]:
    async def race() -> list[svc.Outcome]:
        return list(await asyncio.gather(*(service.submit_one("ngo-r", r, None) for r in rows)))

    return asyncio.run(race())


def test_a_relabel_racing_its_first_version_is_one_incident(service: Any) -> None:
    service, publisher = service
    first, second = _both(service, valid(tlp="TLP:CLEAR"), valid(tlp="TLP:RED"))
    assert sorted([first.status, second.status]) == [202, 409]
    assert len(publisher.sent) == 1  # one version of the incident on Kafka, not two


def test_the_same_submission_racing_itself_is_a_duplicate(service: Any) -> None:
    service, publisher = service
    outcomes = _both(service, valid(), valid(), valid())
    assert [o.status for o in outcomes] == [202, 202, 202]
    assert sorted(o.body["duplicate"] for o in outcomes) == [False, True, True]
    assert len(publisher.sent) == 1
    assert len({o.body["incident_id"] for o in outcomes}) == 1


def test_a_file_waits_for_a_single_submission_of_one_of_its_ids(service: Any) -> None:
    """A bulk file (a thread of its own) holding an id a single submission holds waits,
    and then finds it seen: its row is the conflict, not a second version."""
    service, publisher = service

    async def race() -> tuple[svc.Outcome, svc.Outcome]:
        one = asyncio.create_task(service.submit_one("ngo-r", valid(tlp="TLP:CLEAR"), None))
        await asyncio.sleep(0.05)  # the single submission holds the id, awaiting its ack
        body = (svc.json.dumps(valid(tlp="TLP:RED")) + "\n").encode()
        bulk = await asyncio.to_thread(
            service.submit_file, "ngo-r", body, fmt="jsonl", idempotency_key="f-1"
        )
        return await one, bulk

    one, bulk = asyncio.run(race())
    assert one.status == 202
    assert len(publisher.sent) == 1  # the file sent no second version
    assert not [r for r in publisher.records if r[0] == INCIDENTS.physical("t.")]
    assert bulk.body["accepted"] == 0
