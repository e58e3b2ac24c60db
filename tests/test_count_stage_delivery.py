"""The count stage behind Faust's delivery, on an in-memory log: the host's admission
(``streams.detect.admission``) driven by a model of how Faust's consumer hands records
over, including what it does to a seek.

Faust's fetch loop (``Consumer._drain_messages``, faust-streaming 0.15) hands each
fetched record to the agents and only afterwards records it as read (``_read_offset``);
it drops any record fetched later below what it recorded. The agent runs in between, so
a seek it makes there is undone: the loop goes on through the batch it holds, records
the batch's last offset as read, and every record the seek brings back below it is
dropped. A CI run showed the result (kill -9 of one of two workers): a keys partition
taken over at offset 22 where 0 was due was sought back to 0, and nothing of it was
counted again for the 180 s the test waited.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Iterator
from typing import Any

import pytest

from streams.detect.admission import Admission, Record
from streams.detect.count_stage import CountStage
from streams.detect.engine import Engine
from tests.test_count_stage import CONF, EXPECTED, LOG, PARTS, _summary, partition_of


class FaustFeed:
    """One keys partition as Faust's consumer delivers it: aiokafka's fetch position
    (a seek moves it and drops what was fetched ahead), and Faust's fetch loop with its
    read offset, set after each hand-over (so after whatever the agent did meanwhile)."""

    def __init__(self, log: list[bytes], position: int) -> None:
        self.log = log
        self.position = position
        self.read_offset: int | None = None
        self.holding: list[int] = []  # the rest of the batch the fetch loop hands over

    def seek(self, offset: int) -> None:
        self.position = offset  # aiokafka: the next fetch starts there
        self.read_offset = offset if offset else None  # faust Consumer.seek

    def hand_over(self, fetch: int) -> Iterator[int]:
        """The records handed to the agent, one at a time; the caller may run the agent
        (and so seek) before asking for the next."""
        if not self.holding:
            end = min(self.position + fetch, len(self.log))
            self.holding = list(range(self.position, end))
            self.position = end
        while self.holding:
            offset = self.holding.pop(0)
            if self.read_offset is None or offset >= self.read_offset:
                yield offset
                self.read_offset = offset  # after the agent had its chance
            # else: "DROPPED MESSAGE ROFF" (a debug line in Faust)


def _run(
    seed: int,
    taken_at: dict[int, int],
    *,
    rounds: int = 400,
    most: int = 200,
    fail: float = 0.0,
    tries: int = 3,
    unanswered: float = 0.0,
) -> tuple[CountStage, list[dict[str, Any]]]:
    """Deliver the whole log through the feeds, the agent taking what has been handed
    over at random points; ``taken_at`` is where Faust's first fetch of a partition
    starts (ahead of the group's resume point 0: the takeover in the CI run); the broker
    fails to say where the group resumes ``unanswered`` of the times it is asked."""
    rng = random.Random(seed)
    stage = CountStage(Engine(CONF.sets, CONF.configs), 1, {}, partition_of)
    stage.assign(set(range(PARTS)))
    feeds = {p: FaustFeed(LOG[p], taken_at.get(p, 0)) for p in range(PARTS)}

    def read(part: int, start: int, end: int) -> list[tuple[int, bytes | None]]:
        if rng.random() < fail:
            raise TimeoutError("the broker did not answer")
        return [(o, LOG[part][o]) for o in range(start, end)]

    def resume_points(parts: list[int]) -> dict[int, int]:
        if rng.random() < unanswered:
            raise TimeoutError("the group's coordinator did not answer")
        return dict.fromkeys(parts, 0)  # the group never committed

    admission = Admission(
        stage,
        resume_points=resume_points,
        read=read,
        pause=0.0,
        most=most,
        tries=tries,
    )
    sent: list[dict[str, Any]] = []
    queue: list[Record] = []

    async def agent() -> None:
        batch = queue[:]
        queue.clear()
        async for records in admission.admitted(batch):
            firsts: dict[int, int] = {}
            for part, offset, _ in records:
                firsts.setdefault(part, offset)
            sent.extend(
                d
                for _, d in stage.count(
                    ((p, v) for p, _, v in records), set(range(PARTS)), offsets=firsts
                )
            )
        sent.extend(d for _, d in stage.tick())

    async def main() -> None:
        for _ in range(rounds):
            for part in rng.sample(range(PARTS), PARTS):
                for offset in feeds[part].hand_over(rng.randint(1, 6)):
                    queue.append((part, offset, LOG[part][offset]))
                    if rng.random() < 0.4:
                        await agent()  # between the hand-over and the read offset
            await agent()

    asyncio.run(main())
    return stage, sent


@pytest.mark.faults
@pytest.mark.parametrize("part", range(PARTS))
@pytest.mark.parametrize("taken_at", [1, 2, 5, 9])
@pytest.mark.parametrize("seed", range(4))
def test_a_partition_taken_over_ahead_of_its_resume_point_is_counted_whole(
    part: int, taken_at: int, seed: int
) -> None:
    stage, sent = _run(seed, {part: min(taken_at, len(LOG[part]) - 1)})
    assert stage.sequence.expected == {p: len(LOG[p]) for p in range(PARTS)}  # every record
    assert _summary(sent) == EXPECTED


@pytest.mark.faults
@pytest.mark.parametrize("seed", range(8))
def test_every_partition_taken_over_ahead_changes_nothing(seed: int) -> None:
    rng = random.Random(seed)
    stage, sent = _run(seed, {p: rng.randrange(len(LOG[p])) for p in range(PARTS)})
    assert stage.sequence.expected == {p: len(LOG[p]) for p in range(PARTS)}
    assert _summary(sent) == EXPECTED


@pytest.mark.faults
@pytest.mark.parametrize("seed", range(8))
def test_missing_records_are_read_in_slices_and_again_after_a_failure(seed: int) -> None:
    """Slices of three records, a third of the reads failing (and tried again): every
    record is still counted once, in order."""
    rng = random.Random(seed)
    taken = {p: rng.randrange(len(LOG[p])) for p in range(PARTS)}
    stage, sent = _run(seed, taken, most=3, fail=0.3, tries=20)
    assert stage.sequence.expected == {p: len(LOG[p]) for p in range(PARTS)}
    assert _summary(sent) == EXPECTED


def test_missing_records_that_cannot_be_read_stop_the_partition_there() -> None:
    """No read ever works: the caller is told (the Faust host stops the worker) rather
    than the partition going on without them."""
    with pytest.raises(TimeoutError):
        _run(0, {1: 5}, fail=1.0, tries=2)


@pytest.mark.faults
@pytest.mark.parametrize("seed", range(8))
def test_a_resume_point_the_broker_does_not_give_at_once_is_asked_again(seed: int) -> None:
    """Half the questions of where the group resumes fail: the question is asked again
    until answered, and nothing is sought back (Faust's fetch loop undoes a seek, and
    the records it brought back were lost)."""
    rng = random.Random(seed)
    taken = {p: rng.randrange(len(LOG[p])) for p in range(PARTS)}
    stage, sent = _run(seed, taken, unanswered=0.5, tries=40)
    assert stage.sequence.expected == {p: len(LOG[p]) for p in range(PARTS)}
    assert _summary(sent) == EXPECTED


def test_a_resume_point_never_given_stops_the_partition_there() -> None:
    """The broker never says: the caller is told (the Faust host stops the worker)."""
    with pytest.raises(TimeoutError):
        _run(0, {1: 5}, unanswered=1.0, tries=2)
