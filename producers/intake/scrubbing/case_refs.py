"""A file or court reference in a text that names no one is kept (pure).

Partners close their notes with their own file or a court's docket: "Dossier GH-TML-2026-
0331", "Fascicolo 2291/2025", "Sygn. akt 77/2025", "Case ref TH-2025-0118". In a note
about a meeting or a statistic such a reference points at no person, and the number rules
took it for a document or a phone. A reference here is a token of groups joined by "-" or
"/" that holds a year (1950-2049) and either letters or a slash ("2291/2025", "ЖТ-2025/0418",
"AB/2019-0071"; not "0917-2024-555", which may be a phone). When no name, birth date, email
or handle is found in the text, a number rule's span whose digits lie in such references
(up to a few more: "2025-0118. 12") is dropped, and so is an address rule's whose every
digit does ("Case ref TH-2025-0118" read as a house number). A text about a person keeps
every rule's span: there the reference is that person's file.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from producers.intake.scrubbing.text import ADDRESS, DOB, EMAIL, HANDLE, ID, NAME, PHONE, Span

_GROUP = r"[^\W_]+(?:\.[^\W_]+)*"
_REFERENCE = re.compile(rf"(?<![\w/-]){_GROUP}(?:[-/]{_GROUP})+(?![\w/-])")
_YEAR = re.compile(r"(?<!\d)(?:19[5-9]\d|20[0-4]\d)(?!\d)")
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
_PERSONAL = frozenset({NAME, DOB, EMAIL, HANDLE})
_NUMBERS = frozenset({ID, PHONE})
_MOST_OTHER_DIGITS = 4  # fewer than any phone or document holds: a count beside it


def _references(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _REFERENCE.finditer(text):
        ref = m.group(0)
        if _YEAR.search(ref) and ("/" in ref or _LETTER.search(ref)):
            out.append((m.start(), m.end()))
    return out


def unreferenced(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` less the number spans that are file references, in a text naming no one."""
    if any(kind in _PERSONAL for _, _, kind in spans) or not _YEAR.search(text):
        return spans
    refs = _references(text)
    if not refs:
        return spans
    out: list[Span] = []
    for start, end, kind in spans:
        if kind in _NUMBERS and _mostly_referenced(text, start, end, refs, _MOST_OTHER_DIGITS):
            continue
        if kind == ADDRESS and _mostly_referenced(text, start, end, refs, 1):
            continue  # "Case ref TH-2025-0118", "Procedimento n. 2291/2025 RGNR": no house
        out.append((start, end, kind))
    return out


def _mostly_referenced(
    text: str, start: int, end: int, refs: list[tuple[int, int]], most_other: int
) -> bool:
    """The span's digits lie in references, but for fewer than a phone's few."""
    inside = other = 0
    starts = [s for s, _ in refs]  # in order, apart: the reference before a digit holds it
    for m in _DIGIT.finditer(text, start, end):
        d = m.start()
        i = bisect_right(starts, d) - 1
        if i >= 0 and d < refs[i][1]:
            inside += 1
        else:
            other += 1
    return inside > 0 and other < most_other
