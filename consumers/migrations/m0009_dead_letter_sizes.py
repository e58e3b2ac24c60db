"""Intake dead letters landed before their sizes were coarse get coarse sizes.

A rejected row's exact size singled a guessed name out of candidates of other lengths
(``schemas.deadletters.coarse_size``): migration 0008 blanked the plain digests of the
intake letters landed before, and left their exact sizes. Each is rounded here as the
intake rounds a new letter's, by that one function (the sizes there are, each mapped to
its rounded value); a mutation the step waits for, not undone.
"""

from __future__ import annotations

import time

from consumers.errors import WarehouseError
from consumers.migrations import Step
from consumers.warehouse import Warehouse
from schemas.deadletters import coarse_size

_INTAKE = "stage = 'intake' AND payload_size IS NOT NULL"
_CHUNK = 1000  # sizes per mutation: a statement of a few tens of kB


def _exact(wh: Warehouse) -> list[int]:
    sizes = wh.query(
        f"SELECT DISTINCT assumeNotNull(payload_size) FROM dead_letters WHERE {_INTAKE}"
    )
    return sorted(int(r[0]) for r in sizes if coarse_size(int(r[0])) != int(r[0]))


def _round_intake_sizes(wh: Warehouse, wait: float = 60.0) -> None:
    exact = _exact(wh)
    for i in range(0, len(exact), _CHUNK):
        chunk = exact[i : i + _CHUNK]
        olds = ", ".join(str(s) for s in chunk)
        news = ", ".join(str(coarse_size(s)) for s in chunk)
        wh.execute(
            "ALTER TABLE dead_letters UPDATE payload_size = CAST(transform("
            f"assumeNotNull(payload_size), [{olds}], [{news}], assumeNotNull(payload_size)) "
            f"AS Nullable(Int32)) WHERE {_INTAKE} AND payload_size IN ({olds})"
        )
    deadline = time.monotonic() + wait
    while exact and _exact(wh):
        if time.monotonic() > deadline:
            raise WarehouseError(f"intake dead letters still hold exact sizes after {wait:.0f} s")
        time.sleep(0.1)


UP: list[Step] = [_round_intake_sizes]

DOWN: list[Step] = []  # exact sizes are gone on purpose
