"""Dead letters keep the intake's keyed digest of a rejected row (``payload_fingerprint``,
DeadLetter contract) and no longer its plain SHA-256.

The plain digest of an unscrubbed row let anyone who reads this table confirm a guessed
text, even after `tahub orgs forget`: the intake letters landed before are blanked here
(a mutation; the step waits until it is done, so the migration is recorded only then).
That is not undone: the old digests are gone on purpose. Letters of the other stages keep
theirs (schemas.deadletters says why).
"""

from __future__ import annotations

import time

from consumers.errors import WarehouseError
from consumers.migrations import Step, add_column, drop_column
from consumers.warehouse import Warehouse

_PLAIN_INTAKE = "stage = 'intake' AND payload_sha256 != ''"


def _blank_intake_digests(wh: Warehouse, wait: float = 60.0) -> None:
    if not wh.query(f"SELECT count() FROM dead_letters WHERE {_PLAIN_INTAKE}")[0][0]:
        return  # nothing to rewrite: no mutation
    wh.execute(f"ALTER TABLE dead_letters UPDATE payload_sha256 = '' WHERE {_PLAIN_INTAKE}")
    deadline = time.monotonic() + wait
    while wh.query(f"SELECT count() FROM dead_letters WHERE {_PLAIN_INTAKE}")[0][0]:
        if time.monotonic() > deadline:
            raise WarehouseError(f"intake dead letters still hold plain digests after {wait:.0f} s")
        time.sleep(0.1)


UP: list[Step] = [
    add_column("dead_letters", "payload_fingerprint", "String", "payload_sha256"),
    _blank_intake_digests,
]

DOWN: list[Step] = [drop_column("dead_letters", "payload_fingerprint")]
