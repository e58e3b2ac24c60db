"""Intake dead letters landed before get what the intake keeps now: no exact lengths.

An exact length singles a guessed name out of candidates of other lengths. Migration 0008
blanked the plain digests of the intake letters landed before and left the rest: the
rejected row's exact size, rounded here as the intake rounds a new letter's, by that one
function (each size there mapped to its rounded value), and what the reason, error paths
and error reasons measured of the partner's text (an unknown field name's length,
'<unknown name of 13 characters>', where a slip puts the person's name; the column where
a JSON Lines line broke), cut by the intake's own patterns
(``schemas.deadletters.MEASURES``). Mutations the steps wait for; not undone.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from consumers.errors import WarehouseError
from consumers.migrations import Step, rewrite
from consumers.release import lit
from consumers.warehouse import Warehouse
from schemas.deadletters import MEASURES, coarse_size

_INTAKE = "stage = 'intake' AND payload_size IS NOT NULL"
_CHUNK = 1000  # sizes per mutation: a statement of a few tens of kB
_ANY = lit("|".join(f"(?:{pattern.pattern})" for pattern, _ in MEASURES))
_MEASURED = (
    f"stage = 'intake' AND (match(reason, {_ANY}) "
    f"OR arrayExists(text -> match(text, {_ANY}), arrayConcat(error_paths, error_reasons)))"
)


def _cut(column: str) -> str:
    """``schemas.deadletters.unmeasured`` in SQL: each pattern replaced in turn."""
    for pattern, instead in MEASURES:
        column = f"replaceRegexpAll({column}, {lit(pattern.pattern)}, {lit(instead)})"
    return column


def _exact(wh: Warehouse) -> list[int]:
    """The distinct sizes of intake letters that are not rounded yet."""
    rows = wh.query(
        f"SELECT DISTINCT assumeNotNull(payload_size) FROM dead_letters WHERE {_INTAKE}"
    )
    return sorted(int(r[0]) for r in rows if coarse_size(int(r[0])) != int(r[0]))


def _until(done: Callable[[], bool], what: str, wait: float) -> None:
    deadline = time.monotonic() + wait
    while not done():
        if time.monotonic() > deadline:
            raise WarehouseError(f"intake dead letters still hold {what} after {wait:.0f} s")
        time.sleep(0.1)


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
    if exact:
        _until(lambda: not _exact(wh), "exact sizes", wait)


_CUT_MEASURES = rewrite(
    "dead_letters",
    f"reason = {_cut('reason')}, "
    f"error_paths = arrayMap(text -> {_cut('text')}, error_paths), "
    f"error_reasons = arrayMap(text -> {_cut('text')}, error_reasons)",
    _MEASURED,
    "lengths measured in partner text",
    wait=60.0,
)

UP: list[Step] = [_round_intake_sizes, _CUT_MEASURES]

DOWN: list[Step] = []  # the exact lengths are gone on purpose
