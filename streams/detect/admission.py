"""Which keys records the count stage processes, and in what order: each partition's in
exact offset order from where the group resumes, none missing (``contiguity``). The
resume point is asked of the broker and missing records are read from the log directly
(``backfill``); both are blocking calls passed in, run off the event loop.

Records are never left out to be delivered again later: Faust acknowledges every record
it handed to the agent, and where the group has never committed a partition it commits
the first run of acknowledged offsets even if it starts past records never processed
(``Consumer._new_offset``), so a record left out could be lost at the next crash. Missing
records are read however many there are, a slice at a time, and a resume point the
broker does not give is asked again (nothing is ever sought back); if either fails for
good the caller must stop the worker rather than go on without them.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Mapping
from typing import TypeVar

from streams.detect.count_stage import CountStage

log = logging.getLogger(__name__)

T = TypeVar("T")

Record = tuple[int, int, bytes | None]  # keys partition, offset, value

ResumePoints = Callable[[list[int]], Mapping[int, int]]  # partitions -> resume offsets
ReadLog = Callable[[int, int, int], list[tuple[int, bytes | None]]]  # part, [start, end)


class Admission:
    def __init__(
        self,
        stage: CountStage,
        *,
        resume_points: ResumePoints,
        read: ReadLog,
        topic: str = "keys",
        pause: float = 1.0,
        most: int = 200,
        tries: int = 10,
    ) -> None:
        self.stage = stage
        self.resume_points = resume_points
        self.read = read
        self.topic = topic  # for the logs
        self.pause = pause  # seconds to wait before asking again after a failure
        self.most = most  # records in one slice (each up to 512 kB)
        self.tries = tries  # questions to the broker (each read or resume point) before giving up

    async def admitted(self, records: list[Record]) -> AsyncIterator[list[Record]]:
        """The records to process, in order and in slices of about ``most``: repeats left
        out, missing ones read in. Raises if missing records could not be read."""
        firsts = self.stage.unknown((part, offset) for part, offset, _ in records)
        if firsts:
            group = await self._resume_points(list(firsts))
            for part, first in firsts.items():
                self.stage.resume(part, group.get(part), first)
        out: list[Record] = []
        for part, offset, value in records:
            ok, missing = self.stage.admit(part, offset)
            if not ok:
                continue
            if missing is not None:
                log.warning("%s partition %s: offset %s came where %s was due; reading "
                            "%s records directly", self.topic, part, offset, missing,
                            offset - missing)  # fmt: skip
                for start in range(missing, offset, self.most):
                    found = await self._read(part, start, min(offset, start + self.most))
                    out += [(part, o, v) for o, v in found]
                    if len(out) >= self.most:
                        yield out
                        out = []
            out.append((part, offset, value))
        if out:
            yield out

    async def _resume_points(self, parts: list[int]) -> Mapping[int, int]:
        """Where the group resumes ``parts``, asked until the broker answers. Without it
        nothing can be checked, and the records held cannot be left out: a seek back
        to them was undone by Faust's fetch loop, which drops what it brings back."""
        return await self._again(
            lambda: self.resume_points(parts), f"could not ask where {self.topic} {parts} resume"
        )

    async def _read(self, part: int, start: int, end: int) -> list[tuple[int, bytes | None]]:
        return await self._again(
            lambda: self.read(part, start, end),
            f"{self.topic} partition {part}: could not read [{start}, {end})",
        )

    async def _again(self, ask: Callable[[], T], what: str) -> T:
        """``ask`` off the event loop, tried ``tries`` times with growing pauses (the
        broker may be back); the last failure is raised."""
        loop = asyncio.get_running_loop()
        for attempt in range(1, self.tries + 1):
            try:
                return await loop.run_in_executor(None, ask)
            except Exception as err:
                if attempt == self.tries:
                    raise
                log.warning("%s (%s); trying again", what, err)
                await asyncio.sleep(min(10.0, self.pause * attempt))
        raise AssertionError("unreachable")
