"""Submission ids landed before the intake sealed them (fd7b445, 2026-12-01) are blanked.

A partner's submission id may name its case file or the person, and ties the coded fields
back to it; since fd7b445 it is sealed under the organisation's data key like the summary,
and the sink lands no other (``consumers.tables._sealed``). Those landed before were plain
and out of reach of `tahub orgs forget`. The warehouse cannot seal them (it holds no
keys), so they are blanked: the owner keeps the incident id it was answered with. A
mutation the step waits for; not undone.
"""

from __future__ import annotations

import time

from consumers.errors import WarehouseError
from consumers.migrations import Step
from consumers.release import lit
from consumers.warehouse import Warehouse
from schemas.envelope import PREFIX

# not ``is_sealed`` in SQL: substring, as 18.16 and chDB both have it
_PLAIN = f"submission_id != '' AND substring(submission_id, 1, {len(PREFIX)}) != {lit(PREFIX)}"


def _plain(wh: Warehouse) -> int:
    return int(wh.query(f"SELECT count() FROM incidents WHERE {_PLAIN}")[0][0])


def _blank(wh: Warehouse, wait: float = 900.0) -> None:
    # 18.16 rewrites whole parts for a mutation: minutes on a big table, and only once
    if not _plain(wh):
        return  # nothing to rewrite: no mutation
    wh.execute(f"ALTER TABLE incidents UPDATE submission_id = '' WHERE {_PLAIN}")
    deadline = time.monotonic() + wait
    while _plain(wh):
        if time.monotonic() > deadline:
            raise WarehouseError(f"incidents still hold plain submission ids after {wait:.0f} s")
        time.sleep(0.1)


UP: list[Step] = [_blank]

DOWN: list[Step] = []  # the plain ids are gone on purpose
