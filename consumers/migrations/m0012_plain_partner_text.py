"""Summaries and place names landed in plain are blanked, as 0011 blanked plain
submission ids.

The intake seals a partner's summary and place names under the organisation's data key
since 31283e0 (2026-11-29), and the sink lands none that is not sealed
(``consumers.tables.sealed_only``). Incidents landed before kept them in plain, out of
reach of `tahub orgs forget`, as did any landed from a replay of an older topic. The
warehouse holds no keys to seal them, so a plain summary becomes '' and a plain place
name null (the place keeps its country and coordinates). A mutation the step waits for;
not undone.
"""

from __future__ import annotations

from consumers.migrations import Step, rewrite
from consumers.release import lit
from schemas.envelope import PREFIX

_SUMMARY = f"if(substring(summary, 1, {len(PREFIX)}) = {lit(PREFIX)}, summary, '')"
# places is JSON with every non-ASCII and control character escaped (consumers.tables),
# so a raw \x01 never occurs in it: sealed names are marked with one, every unmarked name
# string becomes null, and the marks are taken out again (RE2 has no lookahead)
_SEALED = lit(f'"name":"{PREFIX}')
_MARKED = _SEALED.replace(':"', ':\\x01"', 1)  # the same with \x01 (an escape ClickHouse reads)
_PLACES = (
    "replaceAll(replaceRegexpAll(replaceAll(places, "
    f"{_SEALED}, {_MARKED}), "
    + lit('"name":"(?:[^"\\\\]|\\\\.)*"')
    + ", "
    + lit('"name":null')
    + f"), {_MARKED}, {_SEALED})"
)
_PLAIN = f"summary != {_SUMMARY} OR places != {_PLACES}"


UP: list[Step] = [
    rewrite("incidents", f"summary = {_SUMMARY}, places = {_PLACES}", _PLAIN, "plain partner text")
]

DOWN: list[Step] = []  # the plain text is gone on purpose
