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
import multiprocessing
import os
import signal
import time
from pathlib import Path
from typing import Any

import pytest

from producers.intake import scrub
from producers.intake import service as svc
from producers.intake.idlocks import MANY, IdLocks
from schemas.topics import INCIDENTS
from schemas.vault import MasterKeys, Vault
from tests.intake_fakes import MASTER_KEYS, RecordingPublisher, checked_service
from tests.test_intake_rules import valid

MASTER = MasterKeys(MASTER_KEYS, "m1")


class SlowPublisher(RecordingPublisher):
    """A broker that takes its time to acknowledge: the window the race needs."""

    async def send_async(self, topic: str, key: bytes, value: bytes) -> None:
        await asyncio.sleep(0.2)
        await super().send_async(topic, key, value)


@pytest.fixture
def service(tmp_path: Path) -> Any:
    publisher = SlowPublisher()
    service, _serde, vault = checked_service(tmp_path, publisher)
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


# --- two processes on one store: the API and `tahub submit` or `tahub import` ---


class FilePublisher(RecordingPublisher):
    """A slow broker shared by processes: every incident sent is a line of one file."""

    def __init__(self, log: Path, incidents: str) -> None:
        super().__init__()
        self._log, self._incidents = log, incidents

    def _write(self, n: int) -> None:
        with self._log.open("a") as f:
            f.write(f"{os.getpid()}\n" * n)

    async def send_async(self, topic: str, key: bytes, value: bytes) -> None:
        await asyncio.sleep(2.0)  # longer than a file's check: the file looks meanwhile
        self._write(1)

    def send_all(self, records: list[tuple[str, bytes, bytes]]) -> None:
        time.sleep(0.2)
        self._write(sum(1 for topic, _k, _v in records if topic == self._incidents))


def _process(root: Path, row: dict[str, Any], bulk: bool, barrier: Any, out: Any) -> None:
    """One intake process on the store in ``root``: a single submission (the API's) or a
    one-row file (`tahub submit`, `tahub import`), once every process is ready. A process
    that fails says why, so the test fails on the reason, not on a silent queue."""
    try:
        _submit(root, row, bulk, barrier, out)
    except BaseException as exc:
        barrier.abort()
        out.put(f"{type(exc).__name__}: {exc}")
        raise


def _submit(root: Path, row: dict[str, Any], bulk: bool, barrier: Any, out: Any) -> None:
    publisher = FilePublisher(root / "sent.log", INCIDENTS.physical("t."))
    service, _serde, vault = checked_service(root, publisher, f"{root.name}-{os.getpid()}")
    scrub.warm()  # the scrubber's first load (seconds) is not part of the race
    barrier.wait()
    if bulk:
        body = (svc.json.dumps(row) + "\n").encode()
        outcome = service.submit_file("ngo-r", body, fmt="jsonl", idempotency_key=None)
        status = 409 if outcome.body.get("accepted") == 0 else outcome.status
    else:
        status = asyncio.run(service.submit_one("ngo-r", row, None)).status
    service.close()
    vault.close()
    out.put(status)


@pytest.mark.parametrize("bulk", [False, True], ids=["api-api", "api-file"])
def test_a_relabel_racing_from_another_process_is_one_incident(tmp_path: Path, bulk: bool) -> None:
    """The API takes the CLEAR version while another process (a second API process, or
    `tahub submit` with a one-row file) takes the RED one, on the same intake.db: one
    version reaches Kafka, the other is told of the conflict."""
    vault = Vault(tmp_path / "vault.db", MASTER)
    vault.current("ngo-r")  # the organisation's keys exist before either process starts
    vault.close()
    ctx = multiprocessing.get_context("spawn")
    barrier, out = ctx.Barrier(2), ctx.Queue()
    rows = [(valid(tlp="TLP:CLEAR"), False), (valid(tlp="TLP:RED"), bulk)]
    procs = [ctx.Process(target=_process, args=(tmp_path, r, b, barrier, out)) for r, b in rows]
    for p in procs:
        p.start()
    answers = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(30)
    assert all(isinstance(a, int) for a in answers), answers
    statuses = sorted(answers)
    sent = (tmp_path / "sent.log").read_text().split()
    assert len(sent) == 1, f"{len(sent)} versions of one incident sent by {set(sent)}"
    # the loser is told of the conflict (a file's row: accepted 0); the winner accepted
    assert statuses in ([202, 409], [200, 409]) if bulk else statuses == [202, 409]


def test_a_dead_process_holds_nothing(tmp_path: Path) -> None:
    """Ids held by a process that dies (kill -9 mid-submission) are free at once: the
    kernel drops its locks."""
    path = tmp_path / "intake.db.locks"
    child = multiprocessing.get_context("spawn").Process(target=_hold_forever, args=(path,))
    child.start()
    mine = IdLocks.for_path(path)
    deadline = time.monotonic() + 60
    while (claim := mine.take("org", ["case-1"])) is not None:  # the child has not yet
        mine.release([claim])
        assert time.monotonic() < deadline, "the child never took the id"
        time.sleep(0.05)
    assert child.pid is not None
    os.kill(child.pid, signal.SIGKILL)
    child.join(10)
    claim = mine.take("org", ["case-1"])
    assert claim is not None
    mine.release([claim])
    assert mine.holding() == 0


def _hold_forever(path: Path) -> None:
    IdLocks.for_path(path).take("org", ["case-1"])
    time.sleep(600)


def test_a_large_claim_holds_its_organisation_and_a_small_one_its_ids(tmp_path: Path) -> None:
    """A file of many ids locks its organisation's byte (the kernel walks one list of a
    file's locks per request: 100,000 bytes took minutes); a single id holds that byte
    shared. Another process then waits for what overlaps and nothing else."""
    path = tmp_path / "intake.db.locks"
    ctx = multiprocessing.get_context("spawn")
    ready, done = ctx.Event(), ctx.Event()
    many = [f"case-{i}" for i in range(MANY + 1)]
    child = ctx.Process(target=_hold_until, args=(path, "org", many, ready, done))
    child.start()
    try:
        assert ready.wait(60)
        mine = IdLocks.for_path(path)
        assert mine.take("org", ["other-case"]) is None  # the organisation is held whole
        other = mine.take("other-org", ["case-1"])
        assert other is not None  # another organisation is not
        mine.release([other])
    finally:
        done.set()
        child.join(30)
    child = ctx.Process(target=_hold_until, args=(path, "org", ["case-1"], ready, done))
    ready.clear()
    done.clear()
    child.start()
    try:
        assert ready.wait(60)
        assert mine.take("org", ["case-1"]) is None  # the same id
        assert mine.take("org", many) is None  # the organisation whole
        small = mine.take("org", ["case-2"])  # another id of it: shared beside
        assert small is not None
        mine.release([small])
    finally:
        done.set()
        child.join(30)
    assert mine.holding() == 0


def _hold_until(path: Path, org: str, ids: list[str], ready: Any, done: Any) -> None:
    assert IdLocks.for_path(path).take(org, ids) is not None
    ready.set()
    done.wait(60)
