"""Which keys records the count stage processes, and in what order: each partition's in
exact offset order from where the group resumes, none missing (``contiguity``). The
resume point is asked of the broker and missing records are read from the log directly
(``backfill``); both are blocking calls passed in, run off the event loop.

Records are never left out to be delivered again later: Faust acknowledges every record
it handed to the agent, and where the group has never committed a partition it commits
the first run of acknowledged offsets even if it starts past records never processed
(``Consumer._new_offset``), so a record left out could be lost at the next crash. Missing
records are read however many there are, a slice at a time; if they cannot be read at
all the caller must stop the worker rather than go on without them.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping

from streams.detect.count_stage import CountStage

log = logging.getLogger(__name__)

Record = tuple[int, int, bytes | None]  # keys partition, offset, value

ResumePoints = Callable[[list[int]], Mapping[int, int]]  # partitions -> resume offsets
ReadLog = Callable[[int, int, int], list[tuple[int, bytes | None]]]  # part, [start, end)
Seek = Callable[[int, int], Awaitable[None]]  # make the consumer deliver from there again


class Admission:
    def __init__(
        self,
        stage: CountStage,
        *,
        resume_points: ResumePoints,
        read: ReadLog,
        seek: Seek,
        topic: str = "keys",
        pause: float = 1.0,
        most: int = 200,
        tries: int = 10,
    ) -> None:
        self.stage = stage
        self.resume_points = resume_points
        self.read = read
        self.seek = seek
        self.topic = topic  # for the logs
        self.pause = pause  # seconds to wait before asking again after a failure
        self.most = most  # records in one slice (each up to 512 kB)
        self.tries = tries  # reads of missing records before giving up

    async def admitted(self, records: list[Record]) -> AsyncIterator[list[Record]]:
        """The records to process, in order and in slices of about ``most``: repeats left
        out, missing ones read in. Raises if missing records could not be read."""
        loop = asyncio.get_running_loop()
        firsts = self.stage.unknown((part, offset) for part, offset, _ in records)
        if firsts:
            try:
                group = await loop.run_in_executor(None, self.resume_points, list(firsts))
            except Exception as err:
                # without the resume point nothing can be checked: those partitions'
                # records come again, and the question is asked again then (a seek that
                # Faust undoes is harmless: whatever comes next is checked the same way)
                log.warning("could not ask where %s resumes (%s); reading again",
                            self.topic, err)  # fmt: skip
                for part, first in firsts.items():
                    await self.seek(part, first)
                await asyncio.sleep(self.pause)
                records = [r for r in records if r[0] not in firsts]
            else:
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

    async def _read(self, part: int, start: int, end: int) -> list[tuple[int, bytes | None]]:
        loop = asyncio.get_running_loop()
        for attempt in range(1, self.tries + 1):
            try:
                return await loop.run_in_executor(None, self.read, part, start, end)
            except Exception as err:
                if attempt == self.tries:
                    raise
                log.warning("%s partition %s: could not read [%s, %s) (%s); trying again",
                            self.topic, part, start, end, err)  # fmt: skip
                await asyncio.sleep(min(10.0, self.pause * attempt))  # the broker may be back
        raise AssertionError("unreachable")
