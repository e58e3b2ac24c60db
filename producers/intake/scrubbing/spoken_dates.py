"""Dates said in words, as a transcript keeps them: "the twelfth of August, 2007", "once de
febrero del dos mil cinco", "Двадцать девятое сентября двухтысячного", "Tujuh belas
Agustus dua ribu tujuh", "Hai mươi tháng mười, năm 2006".

Only the date's extent is read here; whether it is a birth date is the cue's business
(``birthdates``), which asks this module where a date that starts with a word ends.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from producers.intake.scrubbing.spoken_numbers import written_number_at

# what may stand between a date's parts: "of", "de", "del", "the", a comma
_BETWEEN = re.compile(r"(?:[ \t]*,?[ \t]*(?:of|de|del|di|du|the|am|năm)\b)*[ \t]*,?[ \t]*", re.I)
_MONTH_WORD = re.compile(r"[^\W\d_]{3,15}\.?")
_YEAR_DIGITS = re.compile(r"(?:1[89]|20)\d\d(?!\d)|['’]\d\d(?!\d)")
# Vietnamese names a month by its number: "tháng mười" (the tenth month), "tháng 3"
_THANG = re.compile(r"tháng[ \t]+", re.I)
_MONTH_DIGITS = re.compile(r"(?:1[0-2]|0?[1-9])(?!\d)")


def spoken_date_at(text: str, at: int, is_month: Callable[[str], bool]) -> int:
    """Where a date whose day is said in words, starting at ``at``, ends; -1 when none
    does. ``is_month`` tells a month's name. A day and a month are enough ("Двадцать
    девятое сентября"); a year said or written after them belongs to the date."""
    days = _days(text, at)
    if not days:
        # the month first, as the US says it: "August the twelfth, 2007"
        month_end = _month(text, at, is_month)
        if month_end < 0:
            return -1
        after = _BETWEEN.match(text, month_end)
        days = _days(text, after.end() if after else month_end)
        return _year(text, days[-1]) if days else -1
    for day in reversed(days):  # "Двадцать девятое": the ordinal, not "twenty" alone
        gap = _BETWEEN.match(text, day)
        month_end = _month(text, gap.end() if gap else day, is_month)
        if month_end >= 0:
            return _year(text, month_end)
    return -1


def _days(text: str, at: int) -> list[int]:
    """Where a day of the month said from ``at`` may end, shortest first."""
    ends = set()
    for ordinal in (False, True):
        found = written_number_at(text, at, ordinal)
        if found is not None and 1 <= found[0] <= 31:
            ends.add(found[1])
    return sorted(ends)


def _month(text: str, at: int, is_month: Callable[[str], bool]) -> int:
    if m := _THANG.match(text, at):
        if digits := _MONTH_DIGITS.match(text, m.end()):
            return digits.end()
        found = written_number_at(text, m.end())
        return found[1] if found is not None and 1 <= found[0] <= 12 else -1
    m = _MONTH_WORD.match(text, at)
    return m.end() if m is not None and is_month(m.group(0).rstrip(".")) else -1


def _year(text: str, at: int) -> int:
    """The end of the year after a day and a month at ``at`` (or ``at``: none is said)."""
    gap = _BETWEEN.match(text, at)
    pos = gap.end() if gap else at
    if digits := _YEAR_DIGITS.match(text, pos):
        return digits.end()
    for ordinal in (False, True):  # "двухтысячного", the two-thousandth
        found = written_number_at(text, pos, ordinal)
        if found is not None and (1940 <= found[0] <= 2030 or 10 <= found[0] < 100):
            return found[1]
    return at
