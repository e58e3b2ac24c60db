"""Scrubbing each distinct text once within one batch of rows.

History files repeat themselves: a handful of place names, templated summaries. Scrubbing
is a pure function of the text, so a batch may keep what it scrubbed and give the same
answer again. A cache lives for one ``check_rows`` call (one organisation's rows of one
request), never across organisations or requests, and holds at most ``limit`` texts per
field; past that it scrubs without keeping.
"""

from __future__ import annotations

from collections.abc import Callable

from producers.intake.submission import EACH_TIME

LIMIT = 20_000  # distinct texts per field kept by one batch (~10 MB of summaries at most)


class ScrubCache:
    """The same answers as ``submission.EACH_TIME``, each distinct text scrubbed once."""

    def __init__(self, limit: int = LIMIT) -> None:
        self._limit = limit
        self._summaries: dict[str, str] = {}
        self._places: dict[str, str] = {}
        self.hits = 0  # answers given from the cache (for benchmarks and tests)

    def summary(self, text: str) -> str:
        return self._kept(self._summaries, text, EACH_TIME.summary)

    def place(self, name: str) -> str:
        return self._kept(self._places, name, EACH_TIME.place)

    def _kept(self, cache: dict[str, str], text: str, fresh: Callable[[str], str]) -> str:
        done = cache.get(text)
        if done is not None:
            self.hits += 1
            return done
        out = fresh(text)
        if len(cache) < self._limit:
            cache[text] = out
        return out
