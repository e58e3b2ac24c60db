"""Which keys records the count stage processes, and in what order: each partition's in
exact offset order from where the group resumes, none missing (``contiguity``). The
resume point is asked of the broker and missing records are read from the log directly
(``backfill``); both are blocking calls passed in, run off the event loop."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping

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
    ) -> None:
        self.stage = stage
        self.resume_points = resume_points
        self.read = read
        self.seek = seek
        self.topic = topic  # for the logs
        self.pause = pause  # seconds to wait before asking again after a failure
        self.most = most  # missing records read at once (each up to 512 kB)

    async def admitted(self, records: list[Record]) -> list[Record]:
        """The records to process, in order: repeats left out, missing ones read in."""
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
                return [r for r in records if r[0] not in firsts]
            for part, first in firsts.items():
                self.stage.resume(part, group.get(part), first)
        out: list[Record] = []
        later: set[int] = set()  # partitions to go on with in a later batch
        for part, offset, value in records:
            if part in later:
                continue
            ok, missing = self.stage.admit(part, offset)
            if not ok:
                continue
            if missing is not None:
                log.warning("%s partition %s: offset %s came where %s was due; reading "
                            "%s records directly", self.topic, part, offset, missing,
                            offset - missing)  # fmt: skip
                end = min(offset, missing + self.most)
                try:
                    found = await loop.run_in_executor(None, self.read, part, missing, end)
                except Exception as err:
                    log.warning("%s partition %s: could not read [%s, %s) (%s); reading "
                                "again from %s", self.topic, part, missing, end, err,
                                missing)  # fmt: skip
                    end, found = missing, []
                out += [(part, o, v) for o, v in found]
                if end < offset:
                    # the rest another time: the consumer is sent back there, and whatever
                    # it delivers next (even if Faust undoes the seek) is read up to again
                    self.stage.resume(part, None, end)
                    later.add(part)
                    await self.seek(part, end)
                    continue
            out.append((part, offset, value))
        return out
