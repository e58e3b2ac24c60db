"""States stored by a release before audience tiers (pure): what the public tier keeps.

Before tiers a key's one state counted reports of every level, and after an upgrade the
count stage reads it as the TLP:CLEAR tier's (it has no tier). Kept as it was, hidden
reports would move the public's baselines and a hidden spike's open detection would go on
as the public's, for a baseline's length. ``keep_clear`` keeps only what TLP:CLEAR reports
alone could have made: a closed window's organisations whose reports there were all
CLEAR (a share records each organisation's least shareable level, so one above CLEAR
drops that organisation's whole share of the window); no open window holding any other
level (its reports are one set, not split by level: dropping undercounts, never leaks);
no open detection whose last version counted any other level; and no history (it was
placed without levels). The public tier then re-learns from CLEAR reports alone.
"""

from __future__ import annotations

from schemas.taxonomy import Tlp
from streams.detect.engine import KeyState

_CLEAR = Tlp.CLEAR.rank


def keep_clear(state: KeyState) -> None:
    """A pre-tier state as the TLP:CLEAR tier may keep it (in place)."""
    for window, shares in list(state.shares.items()):
        kept = {org: share for org, share in shares.items() if share[1] == _CLEAR}
        reports = sum(n for n, _ in kept.values())
        if reports:
            state.shares[window], state.counts[window] = kept, reports
        else:
            state.shares.pop(window)
            state.counts.pop(window, None)
    for window, agg in list(state.windows.items()):
        if any(rank != _CLEAR for rank in agg.levels.values()):
            del state.windows[window]
    state.last_active = max(state.counts, default=None)
    det = state.detection
    evidence = det.last.get("evidence", []) if det is not None else []
    if det is not None and (not evidence or any(e["tlp"] != Tlp.CLEAR.value for e in evidence)):
        state.detection = None
    if state.hist or state.hist_from is not None or state.seen is not None:
        state.hist, state.hist_from, state.seen = {}, None, None
        state.hist_changed = True
    state.memo = None
    state.legacy = False
