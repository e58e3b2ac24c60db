"""A detection's lifecycle as one viewer sees it (pure).

Versions are judged one by one (``schemas.sharing.releasable``), but a lifecycle joins
them: whether a viewer sees a spike it was shown go on or end must not tell it about
reports it may not see. When a version comes that a viewer may not see (one report of
another organisation joined its own, a group below k), the viewer would otherwise see
the detection go silent where, without that report, it would have seen it resolve. So
for that viewer the detection *ends* there: it is shown resolved at the hidden version's
window, repeating what it was shown last, and nothing later of that detection is shown
to it. The end's version number is computed from the window (the engine numbers versions
by what they say, not by how many came before), so it is the number a resolution at that
window carries in the world without the hidden report.

The query API (every detection list, history, feed and console page) and the alerts
router both take a viewer's lifecycle from here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

# Version numbers (``streams.detect.engine``): PER_WINDOW × (windows since opening + 1),
# plus a step inside the window: an early look's count, the close, the resolution.
PER_WINDOW = 100_000
CLOSE_STEP = PER_WINDOW - 2
RESOLVED_STEP = PER_WINDOW - 1

# what an end takes from the version that ended it; the rest repeats what was shown
_FROM_END = ("window_start", "window_end", "updated_at", "_origin")


def resolved_version(version: int) -> int:
    """The number of a resolution in the window of ``version``."""
    return version // PER_WINDOW * PER_WINDOW + RESOLVED_STEP


def end_of(shown: Mapping[str, Any], hidden: Mapping[str, Any]) -> dict[str, Any]:
    """What a viewer last shown ``shown`` sees when ``hidden``, a later version of the same
    detection it may not see, comes: ``shown`` resolved at ``hidden``'s window. A hidden
    resolution ends it the same way (its number is the one computed)."""
    end = {k: hidden[k] for k in _FROM_END if k in hidden}
    version = resolved_version(int(hidden["version"]))
    return {**shown, **end, "state": "resolved", "version": version}


def cut(visible: Sequence[bool]) -> tuple[list[int], int | None]:
    """``seen`` on positions, for versions in order and whether the viewer may see each:
    the positions shown, and the position of the hidden version that ends the lifecycle
    (None if none does)."""
    shown: list[int] = []
    for i, ok in enumerate(visible):
        if ok:
            shown.append(i)
        elif shown:
            return shown, i
    return shown, None


def seen(
    versions: Iterable[Mapping[str, Any]], visible: Callable[[Mapping[str, Any]], bool]
) -> list[dict[str, Any]]:
    """The versions of one detection a viewer sees, in order: those it may see up to the
    first it may not see after one it was shown, which ends the lifecycle (``end_of``;
    unless what it was shown last is the resolution). Hidden versions before any shown
    one are left out: the detection is first shown when it becomes visible."""
    ordered = sorted(versions, key=lambda v: int(v["version"]))
    shown, end = cut([visible(v) for v in ordered])
    out = [dict(ordered[i]) for i in shown]
    if end is not None and out[-1]["state"] != "resolved":
        out.append(end_of(out[-1], ordered[end]))
    return out
