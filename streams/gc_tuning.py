"""Garbage-collector settings for the stream processes.

Counting allocates millions of short-lived objects (decoded entries), and CPython's
default collector then runs a collection every 700 allocations, each walking a heap
that holds every key's state. Measured on the detect loop: 185k entries took 0.89 s
with the defaults and 0.54 s with these. Our data forms no reference cycles worth
chasing often; memory is still reclaimed by reference counting at once.
"""

from __future__ import annotations

import gc
import time


def tune_gc() -> None:
    gc.freeze()  # what start-up allocated (modules, config) is never scanned again
    gc.set_threshold(100_000, 50, 100)


class Pauses:
    """Times every collection of this process (a ``gc.callbacks`` entry while installed):
    each is a pause of everything the process does. In the stream worker CPython's young
    collections were pauses of 0.15-0.43 s at a steady 10,000 signals/s (its young
    generation starts a collection when allocations outnumber deallocations, and a stream
    frees old windows about as fast as it opens new ones, so five seconds of survivors
    built up), so the worker reports them (``tahub_detect_gc_pause_seconds``)."""

    def __init__(self) -> None:
        self._started = 0.0
        self._pauses: list[tuple[int, float]] = []  # (generation, seconds), not yet drained

    def install(self) -> None:
        if self._observe not in gc.callbacks:
            gc.callbacks.append(self._observe)

    def uninstall(self) -> None:
        while self._observe in gc.callbacks:
            gc.callbacks.remove(self._observe)

    def _observe(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self._pauses.append((info["generation"], time.perf_counter() - self._started))

    def drain(self) -> list[tuple[int, float]]:
        """The collections timed since the last drain: (generation, pause in seconds)."""
        out, self._pauses = self._pauses, []
        return out
