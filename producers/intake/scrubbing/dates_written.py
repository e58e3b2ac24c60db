"""Whole dates in forms the month-name rules do not read, taken as birth dates (pure).

"១២ ខែមេសា ឆ្នាំ២០០៥" (Khmer: day, "month" April, "year" 2005), "ọjọ́ kẹrin oṣù kẹjọ ọdún
2005" (Yoruba: day fourth, month eighth, year 2005), "1999 оны 7-р сарын 14" (Mongolian:
year's, 7th month's, 14), "1418/05/12هـ", "۱۳۸۲/۵/۱۲" (Hijri and Solar Hijri dates in
numbers: Hijri when "هـ" follows or its digits are Arabic-Indic, else Solar Hijri),
"平成17年3月5日" (a Japanese era's year: Heisei 17 is 2005). As in
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
_UNITS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
_ORDINAL = (
    rf"(?:twenty|thirty)[- ](?:{_UNITS})|{_UNITS}|tenth|eleventh|twelfth|thirteenth|"
    r"fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth"
)
# Zulu and Xhosa months by their own names, and the borrowed ones, after a locative or
# class prefix written on ("18 kuCanzibe 2006", "3 kuNhlangulana 1999", "9 kuMeyi 2004")
_NGUNI_MONTHS = (
    "masingana|nhlolanja|ndasa|mbasa|nhlaba|nhlangulana|ntulikazi|ncwaba|mandulo|mfumfu|lwezi|"
    "zibandlela|mqungu|mdumba|kwindla|tshazimpuzi|canzibe|silimela|khala|thupha|msintsi|dwarha|"
    "nkanga|mnga|januwari|janyuwari|februwari|febhuwari|mashi|matshi|ephreli|epreli|meyi|juni|"
    "julayi|agasti|septhemba|septemba|okthoba|oktobha|novemba|disemba"
)
_EN_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_DATES = re.compile(
    rf"\d{{1,2}}\s*ខែ\s*(?:{_KHMER_MONTHS})\s*ឆ្នាំ\s*(?P<khmer>\d{{4}})"
    # "ọjọ́" (day) before a day told in words, not before one in digits ("ọjọ́ 21 oṣù …"
    # reads "21 oṣù …" as the date, as writers label it)
    rf"|(?:ọ{_MARK}j{_MARK}ọ{_MARK}\s+{_LETTERS}|\d{{1,2}})\s+(?i:o{_MARK}ṣ{_MARK}[uù]{_MARK})\s+"
    rf"(?:{_YORUBA_WORD})\s+ọ{_MARK}d{_MARK}[uú]{_MARK}n{_MARK}\s+(?P<yoruba>\d{{4}})"
    rf"|(?<!\d)\d{{1,2}}\s+(?:ku|e|u|ngo|we|ka)?(?i:{_NGUNI_MONTHS})\s+(?P<nguni>\d{{4}})"
    r"|(?P<mongolian>\d{4})\s+оны\s+\d{1,2}(?:-р)?\s+(?:дугаар\s+|дүгээр\s+)?сарын\s+\d{1,2}"
    # Kyrgyz and Kazakh: the year's genitive, then the day hyphened onto its month, declined
    # ("1999-жылдын 3-майы", "2002-жылдын 14-апрелинде", "2003 жылғы 9-қазан")
    r"|(?P<kyrgyz>\d{4})[-\s](?:жылдын|жылы|жылғы|ж\.)\s+\d{1,2}-?(?i:январ|феврал|март|апрел|"
    r"май|июн|июл|август|сентябр|октябр|ноябр|декабр|қаңтар|ақпан|наурыз|сәуір|мамыр|"
    r"маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан)[а-яөүңәіқғұһ]*"
    # a Hijri or Solar Hijri date in numbers: year/month/day
    r"|(?<![\d/])(?P<hijri>1[34]\d\d)/(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])(?![\d/])"
    # an English day in words: "the twelfth of May 2003", "twenty-first of March, 1999"
    rf"|(?i:{_ORDINAL})\s+(?i:day\s+)?of\s+(?i:{_EN_MONTHS}),?\s+(?P<english>\d{{4}})"
    # a month and year of birth in Vietnamese, after "sinh" (born): "sinh tháng 9/2001",
    # "sinh tháng 3 năm 1999" (a month and year of an event stays)
    r"|(?<=sinh )(?i:tháng)\s+\d{1,2}\s*(?:/|\s(?i:năm)\s)\s*(?P<vietnamese>\d{4})"
    # a month and year of birth in numbers after "born": "born 09.1998", "b. 3/2001"
    r"|(?<=born )(?:in\s+)?(?:0?[1-9]|1[0-2])[./](?P<born_month>(?:19|20)\d\d)(?![\d./])"
    # a Japanese era, its year (元: the first), month and day
    r"|(?P<era>明治|大正|昭和|平成|令和)\s*(?P<era_year>元|\d{1,2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
)
# the year before each era's first (facts of the calendar)
_ERAS = {"明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018}
# the years of lives in each calendar (``calendar_dates``): Solar Hijri 621 years behind,
# Hijri from 1349 (1930) to 1434 (2012)
_SOLAR = range(FIRST - 621, LAST - 621 + 1)
_LUNAR = range(1349, 1435)
_GREGORIAN = range(FIRST, LAST + 1)


_OTHER_DIGITS = re.compile(r"(?![0-9])\d")
# a Zulu or Xhosa month, a Khmer month, Yoruba "oṣù", Mongolian and Kyrgyz "year's", a
# slash, a Japanese year, "of", Vietnamese "born in the month", "born "
_HINTS = re.compile(f"(?i:{_NGUNI_MONTHS})|ខែ|ṣ|оны|жыл|ж\\.|/|年|(?i: of |sinh th|born )")


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
        if era := m.group("era"):
            year_of_era = m.group("era_year")
            year_of_era = "1" if year_of_era == "元" else year_of_era
            if _ERAS[era] + int(year_of_era) in _GREGORIAN:
                out.append((m.start(), m.end(), DOB))
            continue
        names = (
            "khmer",
            "yoruba",
            "nguni",
            "mongolian",
            "kyrgyz",
            "english",
            "vietnamese",
            "born_month",
        )
        year = next((m.group(n) for n in names if m.group(n)), None)
        if year and int(year) in _GREGORIAN:
            out.append((m.start(), m.end(), DOB))
    return out
