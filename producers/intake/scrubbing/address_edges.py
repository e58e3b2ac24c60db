"""An address's label written onto it, and two addresses only a street word parts.

An address found by any rule may open with its label in Japanese, Chinese or Korean ("寮の
住所は岐阜県…"): the label stays. The towns at its edges now go with it when they are on
its own line (``address_lines``, a team decision of 2026-12-01; they stayed before).
"""

from __future__ import annotations

import itertools
import re

from producers.intake.scrubbing.street_words import STREET_AFTER, STREET_BEFORE_ANY
from producers.intake.scrubbing.text import ADDRESS, Span

_DIGIT = re.compile(r"\d")
# an address's label written onto it in Japanese, Chinese or Korean: "寮の住所は岐阜県…"
_CJK_LABEL = re.compile(r"[^\s、。，,]{0,10}?(?:住所|地址|주소)(?:は|：|:)?\s*")


# "no." and a long number alone is a document's or a phone's number, not a house's: "ID no.
# 5.118.204", "Callback no. 07700 …" (the number rules take the number, the "no." stays)
_BARE_NO = re.compile(r"(?i:no|n[º°o]|nr|number)\.?\s*")
_RUN = re.compile(r"\d(?:[\s./-]?\d)*")
_LONG = 5


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``-``end`` without its CJK label and the blanks at its edges; nothing (an
    empty span) when it is "no." and a long number alone."""
    if (
        (no := _BARE_NO.match(text, start, end))
        and (run := _RUN.match(text, no.end()))
        and run.end() >= end
        and sum(c.isdigit() for c in run.group(0)) >= _LONG
    ):
        return start, start
    if (label := _CJK_LABEL.match(text, start, end)) and _DIGIT.search(text, label.end(), end):
        start = label.end()
    while start < end and text[start] in " \t":
        start += 1
    while end > start and text[end - 1] in " \t,،":
        end -= 1
    return start, end


# what may stand between two pieces of one address the rules read apart: an ordinal's dot
# and a street word ("Karşıyaka Mah. 47" ". Sokak " "No: 9 Daire 4")
_STREET_GAP = re.compile(
    rf"\.?\s+(?i:{STREET_AFTER}|{STREET_BEFORE_ANY}|cadde|caddesi|sokak|sokağı)\.?\s+"
)


def joined(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` with two addresses that only a street word parts made one."""
    addresses = sorted((s, e) for s, e, p in spans if p == ADDRESS)
    merged = [
        (a[0], b[1], ADDRESS)
        for a, b in itertools.pairwise(addresses)
        if a[1] < b[0] and _STREET_GAP.fullmatch(text, a[1], b[0])
    ]
    return merged + spans if merged else spans
