"""Whole dates in forms the month-name rules do not read, taken as birth dates (pure).

"១២ ខែមេសា ឆ្នាំ២០០៥" (Khmer: day, "month" April, "year" 2005), "ọjọ́ kẹrin oṣù kẹjọ ọdún
2005" (Yoruba: day fourth, month eighth, year 2005), "1999 оны 7-р сарын 14" (Mongolian:
year's, 7th month's, 14), "1418/05/12هـ", "۱۳۸۲/۵/۱۲" (Hijri and Solar Hijri dates in
numbers: Hijri when "هـ" follows or its digits are Arabic-Indic, else Solar Hijri). As in
``calendar_dates``, a whole date of a year long past is a birth date: an
event in what partners report is recent, so a year outside the span of lives
(``birthyears``) leaves the date as it is.
"""

from __future__ import annotations

import re
import unicodedata

from producers.intake.scrubbing.birthyears import FIRST, LAST
from producers.intake.scrubbing.text import DOB, Span

_KHMER_MONTHS = "មករា|កុម្ភៈ|មីនា|មេសា|ឧសភា|មិថុនា|កក្កដា|សីហា|កញ្ញា|តុលា|វិច្ឆិកា|ធ្នូ"
_MARK = "[\u0300-\u036f]*"
_LETTERS = rf"(?:[^\W\d_]{_MARK})+(?:-(?:[^\W\d_]{_MARK})+)?"  # "kẹsàn-án" (ninth)
_YORUBA_WORD = rf"{_LETTERS}|\d{{1,2}}"
_DATES = re.compile(
    rf"\d{{1,2}}\s*ខែ\s*(?:{_KHMER_MONTHS})\s*ឆ្នាំ\s*(?P<khmer>\d{{4}})"
    # "ọjọ́" (day) before a day told in words, not before one in digits ("ọjọ́ 21 oṣù …"
    # reads "21 oṣù …" as the date, as writers label it)
    rf"|(?:ọ{_MARK}j{_MARK}ọ{_MARK}\s+{_LETTERS}|\d{{1,2}})\s+(?i:o{_MARK}ṣ{_MARK}ù{_MARK})\s+"
    rf"(?:{_YORUBA_WORD})\s+ọ{_MARK}d{_MARK}ú{_MARK}n{_MARK}\s+(?P<yoruba>\d{{4}})"
    r"|(?P<mongolian>\d{4})\s+оны\s+\d{1,2}-р\s+сарын\s+\d{1,2}"
    # a Hijri or Solar Hijri date in numbers: year/month/day
    r"|(?<![\d/])(?P<hijri>1[34]\d\d)/(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])(?![\d/])"
)
# the years of lives in each calendar (``calendar_dates``): Solar Hijri 621 years behind,
# Hijri from 1349 (1930) to 1434 (2012)
_SOLAR = range(FIRST - 621, LAST - 621 + 1)
_LUNAR = range(1349, 1435)
_GREGORIAN = range(FIRST, LAST + 1)


_OTHER_DIGITS = re.compile(r"(?![0-9])\d")
_HINTS = re.compile("ខែ|ṣ|оны|/")  # a Khmer month, Yoruba "oṣù", Mongolian "year's", a slash


def _ascii(text: str) -> str:
    """Every script's digits as ASCII, one character each (Khmer "២០០៥" too)."""
    if not _OTHER_DIGITS.search(text):
        return text
    return _OTHER_DIGITS.sub(lambda m: str(unicodedata.digit(m.group(0))), text)


_HIJRI_MARK = re.compile(r"\s?هـ?")


def _lunar(text: str, m: re.Match[str]) -> bool:
    """A Hijri date: "هـ" after it, or Arabic-Indic digits ("١٤١٨"); Persian and Afghan
    dates in Persian digits or ASCII are Solar Hijri ("۱۳۸۲/۵/۱۲", 1403 is this year)."""
    return bool(_HIJRI_MARK.match(text, m.end()) and text[m.end() : m.end() + 2].strip()) or (
        "\u0660" <= text[m.start()] <= "\u0669"
    )


def written_date_spans(text: str) -> list[Span]:
    """Whole dates of the forms above with a year of the span of lives, as birth dates."""
    if not _HINTS.search(text):
        return []
    plain = _ascii(text)
    out: list[Span] = []
    for m in _DATES.finditer(plain):
        if m.group("hijri"):
            if int(m.group("hijri")) in (_LUNAR if _lunar(text, m) else _SOLAR):
                out.append((m.start(), m.end(), DOB))
            continue
        year = m.group("khmer") or m.group("yoruba") or m.group("mongolian")
        if year and int(year) in _GREGORIAN:
            out.append((m.start(), m.end(), DOB))
    return out
