"""Reports re-labelled stricter (pure): which reports a wider audience tier must restrict.

Detection counts each audience tier apart (``schemas.sharing.tier_name``). A report sent
again at a stricter level than before (the same incident, re-labelled from CLEAR to RED)
must be withdrawn from the wider tiers that counted it (``engine.Engine.restrict``). A
signal's id is derived from its incident's id, typology, role and place, so every version
of an incident sends its signals under the same ids: ``Levels`` follows signals.
Intake refuses new content under a used submission id, also from processes racing, so
this is rare (an idempotency store lost or restored from an old backup); ``Levels``
tells when it happens, so that the count stage restricts only then and the tiers no one
can see alarm in need not travel at all. A report's signals share its signals partition
(keyed by incident id), so one reader sees all its versions.
"""

from __future__ import annotations

from schemas.taxonomy import Tlp

RECENT = 100_000  # signals per generation (~40 MB at most): a race is over within seconds

_RANK = {t.value: t.rank for t in Tlp}


class Levels:
    """The strictest level each recent signal was seen at: the last ``size`` to two
    ``size`` signals noted, in two generations (the older dropped whole when the newer is
    full: deleting a dict's oldest entries one by one made each look for the oldest scan
    the deleted ones, and the repartition stage fell behind once it had read ``size``)."""

    def __init__(self, size: int | None = RECENT) -> None:
        self._size = size
        self._new: dict[str, int] = {}
        self._old: dict[str, int] = {}

    def raised(self, signal_id: str, tlp: str) -> bool:
        """Note a signal at ``tlp``; whether it was seen before at a less strict level."""
        rank = _RANK[tlp]
        seen = self._new.get(signal_id)
        if seen is None:
            seen = self._old.get(signal_id)
        if seen is not None and rank <= seen:
            return False
        self._new[signal_id] = rank
        if self._size is not None and len(self._new) >= self._size:
            self._old, self._new = self._new, {}
        return seen is not None
