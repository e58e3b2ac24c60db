"""Birth dates told by their year: a full date (day, month and year) of a year long past.

Partner notes are about recent events, so a whole date decades back is a person's birth
date whatever words stand around it ("e lindur më 23.05.2006" in Albanian, "bday nya daw
march 3 1990" in Tagalog chat, a date in a form's column): no cue list covers every
language, and an event date is a date of the last dozen years or so. A year alone ("in
1998") or a month and year stays: those are histories, not people. The dates are read by
``birthdates``' forms (numeric, CLDR month names of many languages, CJK).
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.birthdates import ascii_digits, full_date_at
from producers.intake.scrubbing.text import DOB, Span

# Years read as birth years. The last is fixed, not today's minus an age: scrubbing is
# pure (the same text scrubs the same way on any day); a child born after it keeps a
# birth date told without a cue until it is moved on. 2012: a child of 14 in 2026, an age
# many trafficked children partners write about have (chosen on batch 10, the validation
# set: 2009 and 2012 differ by one of its birth dates and no word of batches 1-10). Event
# dates in what partners report (and the history imports, 2016 on) are later.
FIRST = 1930
LAST = 2012
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# where a date ending at a year may begin: that many characters back, at a word's start
_BACK = 24
_START = re.compile(r"(?<![\w+#/.-])[\w]")
# a law, treaty or founding is dated too: "Protocol of 15 November 2000", "Act No. 3 of"
INSTITUTION = re.compile(
    r"(?i:protocol|convention|act|law|ley|loi|lei|decree|decreto|décret|gesetz|treaty|"
    r"resolution|founded|established|since|desde|depuis|seit|sejak|kể\s+từ)\W+"
    r"(?:\w+\W+){0,4}$"
)


def birth_year_spans(text: str) -> list[Span]:
    """Full dates whose year is between ``FIRST`` and ``LAST``, as birth dates."""
    text = ascii_digits(text)  # "١٩٩٥": one character a digit, so spans stay
    out: list[Span] = []
    for y in _YEAR.finditer(text):
        if not FIRST <= int(y.group(0)) <= LAST or (out and out[-1][1] >= y.end()):
            continue
        for start in _starts(text, y.start()):
            end = full_date_at(text, start)
            if end >= y.end() and not INSTITUTION.search(text, max(0, start - 60), start):
                out.append((start, end, DOB))
                break
    return out


def _starts(text: str, year_at: int) -> list[int]:
    """Word starts from ``_BACK`` characters before the year up to the year itself,
    earliest first (the longest date wins)."""
    return [m.start() for m in _START.finditer(text, max(0, year_at - _BACK), year_at + 1)]
