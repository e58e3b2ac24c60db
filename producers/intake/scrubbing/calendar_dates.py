"""Birth dates in any language's word order and month names, and in other calendars (pure).

``birthyears`` reads whole dates in the forms ``birthdates`` knows (day-month-year and a
few more) with the month names of 44 locales. Partners write in many more: "1997 წლის 11
აპრილს" (Georgian), "1993 թ. հունվարի 17-ին" (Armenian), "2003 жылғы 9 қазанда" (Kazakh),
"1989 m. spalio 6 d." (Lithuanian), "1995-yil 18-noyabr" (Uzbek), year first and the
month declined. This reads a date as a cluster of tokens instead of a pattern: a year, a
day and a month word, in any order, a few characters apart, with at most two short words
between them ("m.", "d.", "წლის", "ቀን"), endings hyphened onto a number not counted
("1992-nji ýylyň 7-nji martynda"), and the word "year" after the year taken with it
("12 лютага 2003 года"). The month is one of every CLDR locale's names
(babel, ~330 languages), matched by its stem so case endings pass; or a month of the
Persian (Solar Hijri), Islamic (Hijri), Ethiopian, Nepali (Bikram Sambat) or Bengali
calendar, each with its own years.

As in ``birthyears``, a whole date of a year long past is a birth date: an event in what
partners report is recent. Years alone, a month and a year, and dates after the last
birth year stay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from producers.intake.scrubbing.birthdates import ascii_digits, months
from producers.intake.scrubbing.birthyears import FIRST, INSTITUTION, LAST
from producers.intake.scrubbing.lexicon import fold
from producers.intake.scrubbing.text import DOB, Span


@dataclass(frozen=True)
class Calendar:
    first: int  # years read as birth years: the same span of lives as FIRST..LAST
    last: int
    months: frozenset[str]  # folded month names
    cldr: bool = False  # names of every CLDR locale: a short one is a word elsewhere
    short: frozenset[str] = frozenset()  # wide names shorter than five letters


# month names of calendars CLDR's Gregorian data does not give (facts of each calendar)
_SOLAR_HIJRI = "فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند"
_HIJRI = (
    "محرم صفر ربيع جمادى جمادي رجب شعبان رمضان شوال ذو "
    # as written in Latin letters ("born 15 Rajab 1420 AH", "12 Ramadhan 1421"); the
    # cluster needs a day and a year of the Hijri span of lives beside them
    "muharram muharam moharram rajab shaban shaaban syaban ramadan ramadhan ramazan "
    "shawwal shawal syawal jumada jumadil jamadil rabiul rabiulawal rabiulakhir "
    "dhulqadah dhulhijjah zulkaedah zulhijjah"
)
_ETHIOPIAN = (
    "መስከረም ጥቅምት ኅዳር ህዳር ታኅሣሥ ታህሳስ ጥር የካቲት መጋቢት ሚያዝያ ግንቦት ሰኔ ሐምሌ ነሐሴ ጳጉሜ ጳጉሜን "
    # as Tigrinya spells them
    "ጥቅምቲ ሕዳር ታሕሳስ ጥሪ ለካቲት ሰነ ሓምለ ነሓሰ "
    # as written in Latin letters ("12 Meskerem 1990 E.C.")
    "meskerem meskeram tikimt tikemt tekemt hidar hedar tahsas tahesas tir ter yekatit yakatit "
    "megabit maggabit miyazia miyazya miazia ginbot genbot sene hamle hamlie nehase nehasse "
    "pagume pagumen"
)

# Nepal's Bikram Sambat (56 or 57 years ahead), as written in Devanagari and in Latin
# letters ("१२ बैशाख २०४०", "12 Baisakh 2040 BS"), and Bangladesh's Bengali calendar (593
# or 594 years behind: "১২ বৈশাখ ১৪১০")
_BIKRAM_SAMBAT = (
    "बैशाख वैशाख जेठ जेष्ठ असार आषाढ साउन श्रावण भदौ भाद्र असोज आश्विन कात्तिक कार्तिक "
    "मंसिर मङ्सिर पुस पौष माघ फागुन फाल्गुन चैत चैत्र "
    "baisakh baishakh baisakha jestha jeth asar ashar ashadh asadh shrawan shravan saun "
    "sawan bhadra bhadau ashwin asoj kartik kattik mangsir poush paush magh falgun "
    "fagun chaitra chait"
)
_BENGALI = "বৈশাখ জ্যৈষ্ঠ আষাঢ় শ্রাবণ ভাদ্র আশ্বিন কার্তিক অগ্রহায়ণ পৌষ মাঘ ফাল্গুন চৈত্র"


@cache
def calendars() -> tuple[Calendar, ...]:
    """Gregorian (every CLDR locale's month names), Solar Hijri, Hijri, Ethiopian,
    Bikram Sambat, Bengali."""
    from babel import Locale, localedata

    names: set[str] = set()
    short: set[str] = set()  # wide names shorter than five letters: "medi", "xuño"
    for code in localedata.locale_identifiers():
        if "_" in code:  # a region's variant repeats its language's names
            continue
        months = Locale.parse(code).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for name in months[context][width].values():
                    word = fold(name).strip(".")
                    if _LETTERS.fullmatch(word):
                        names.add(word)
                        if len(word) >= 5:
                            names.add(word[:-1])  # the stem a case ending replaces
                        elif width == "wide":
                            short.add(word)
                    elif width == "wide":  # "deireadh fómhair" (Irish): each long word
                        names |= {w for w in word.split() if len(w) >= 5 and _LETTERS.fullmatch(w)}
    return (
        Calendar(FIRST, LAST, frozenset(names), cldr=True, short=frozenset(short)),
        Calendar(FIRST - 621, LAST - 621, frozenset(fold(w) for w in _SOLAR_HIJRI.split())),
        Calendar(1349, 1434, frozenset(fold(w) for w in _HIJRI.split())),
        Calendar(FIRST - 8, LAST - 8, frozenset(fold(w) for w in _ETHIOPIAN.split())),
        Calendar(FIRST + 56, LAST + 57, frozenset(fold(w) for w in _BIKRAM_SAMBAT.split())),
        Calendar(FIRST - 594, LAST - 593, frozenset(fold(w) for w in _BENGALI.split())),
    )


# letters and the vowel signs and viramas written on them: "ഫെബ്രുവരി", "फ़रवरी"
_LETTERS = re.compile(r"(?:[^\W\d_]|[\u0900-\u0dff\u1000-\u109f]){3,20}")
# tokens: a number, or a word (letters and the marks written on them: Latin accents,
# Indic and Burmese vowel signs)
_TOKEN = re.compile(r"\d+|[^\W\d_](?:[^\W\d_]|[\u0300-\u036f\u0900-\u0dff\u1000-\u109f])*")
# what may stand between two tokens of one date: a space, a dot, a comma, a hyphen, a slash
_GAP = re.compile(r"[\s.,/\-–՝']{0,3}")
MAX_FILLERS = 2  # short words inside a date: "m.", "d.", "թ.", "წლის", "жылғы", "de"
MAX_FILLER = 7  # letters of such a word: "թվականի" (Armenian: of the year)


def _month(word: str, cal: Calendar) -> bool:
    """A month name, or one declined: a name of 5+ letters, or its stem (less its last
    letter), and up to 4 letters more ("აპრილს" for "აპრილი", "қазанда" for "қазан",
    "martynda" for "mart"). A shorter CLDR name only as ``birthdates`` knows it:
    abbreviations of 330 languages are words of others ("was", "her", "mot"); a wide name
    some locale spells in four letters ("Medi", Welsh); a 3-letter wide name of those
    locales with two letters of ending ("mayda", Uzbek: in May)."""
    names = cal.months
    if cal.cldr and len(word) > 3 and word[0] == "ב":
        # Hebrew writes "in" onto the month: "1 בינואר 1990" (CLDR's own "d בMMMM y")
        return _month(word[1:], cal)
    if cal.cldr and len(word) < 5:
        return word in months()[0] or (len(word) == 4 and word in cal.short)
    if word in names:
        return True
    if cal.cldr and len(word) <= 5 and word[:3] in months()[1]:
        return True
    return any(word[:k] in names for k in range(max(4, len(word) - 4), len(word)))


def calendar_date_spans(text: str) -> list[Span]:
    """Whole dates with a year of some calendar's birth years, a day and a month word, as
    birth dates."""
    text = ascii_digits(text)  # "۱۳۸۹": one character a digit, so spans stay
    toks = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]
    out: list[Span] = []
    for i, (start, _, tok) in enumerate(toks):
        if not tok.isdigit() or len(tok) != 4 or (out and out[-1][1] > start):
            continue
        year = int(tok)
        for cal in calendars():
            span = _cluster(text, toks, i, cal) if cal.first <= year <= cal.last else None
            if span and not INSTITUTION.search(text, max(0, span[0] - 60), span[0]):
                out.append((*span, DOB))  # not "the law of 14 February 2005"
                break
    return out


def _cluster(
    text: str, toks: list[tuple[int, int, str]], at: int, cal: Calendar
) -> tuple[int, int] | None:
    """The date around the year at ``toks[at]``: a day (1-31) and a month of ``cal`` on
    either side within the tokens the gaps join, at most ``MAX_FILLERS`` short words."""
    parts = {at}
    day = month = None
    for step in (-1, 1):
        i = at
        fillers = 0  # each side its own: "የትውልድ ቀን 1988 ዓ.ም. ጥቅምት 5" (birth day, E.C.)
        while 0 <= i + step < len(toks):
            a, b = (i, i + step) if step > 0 else (i + step, i)
            if not _GAP.fullmatch(text[toks[a][1] : toks[b][0]]):
                break
            i += step
            tok = toks[i][2]
            if not tok.isdigit() and "," in text[toks[a][1] : toks[b][0]]:
                break  # "born 11/08/2006, was taken": a clause after the date
            if _suffix(text, toks, a, b) and not _month(fold(toks[b][2]), cal):
                continue  # "1992-nji", "2000-yil": an ordinal's or a year's ending, inside
            if tok.isdigit():
                if day is None and len(tok) <= 2 and 1 <= int(tok) <= 31:
                    day = i
                    parts.add(i)
                    continue
                break
            if (month is None or abs(i - month) == 1) and _month(fold(tok), cal):
                month = i if month is None else month  # "Deireadh Fómhair": one month
                parts.add(i)
                continue
            if fillers < MAX_FILLERS and len(tok) <= MAX_FILLER and (day is None or month is None):
                fillers += 1
                continue
            break
    if day is None or month is None:
        return None
    last = max(parts)
    if last == at and (after := _YEAR_WORD.match(text, toks[at][1])):
        return toks[min(parts)][0], after.end()
    return toks[min(parts)][0], toks[last][1]


def _suffix(text: str, toks: list[tuple[int, int, str]], a: int, b: int) -> bool:
    """``toks[b]`` a short ending hyphened onto the number ``toks[a]``: "7-nji"."""
    return (
        toks[a][2].isdigit()
        and not toks[b][2].isdigit()
        and len(toks[b][2]) <= _SUFFIX
        and text[toks[a][1] : toks[b][0]] == "-"
    )


_SUFFIX = 4  # letters of a number's ending: "-nji", "-yil", "-inci"
# the word "year" written after a whole date's year, in the languages that write it
# ("12 лютага 2003 года", "5 березня 2003 року", "4 јуни 2009 година", "godine", "roku");
# their abbreviations ("г.", "r.") stay, as ``birthdates`` leaves them
_YEAR_WORD = re.compile(r"\s+(?:года|року|година|godine|godina|roku)\b")


# "ngày 30 tháng 7 năm 2023", "tanggal 20 Mei", "No. 21 Tahun 2007": a day and a month
# written with numbers and their words, or a number and its year (Indonesian laws)
_NUMBERED_DATE = re.compile(
    r"(?i)\b\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?\b"
    r"|\b\d{1,4}\s+tahun\s+\d{4}\b"
)


def event_date_spans(text: str) -> list[tuple[int, int]]:
    """Dates of any year, or without one: a day (1-31) beside a month word of the locales
    ``birthdates`` knows ("7 Juni", "5 Juni 2023", "12 March 2024"), or a date written in
    numbers and words ("30 tháng 7 năm 2023"). No identifier alone: what tells an event's
    date from a house number where a recogniser ran over both (``learned.beside``)."""
    text = ascii_digits(text)
    toks = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]
    out = [(m.start(), m.end()) for m in _NUMBERED_DATE.finditer(text)]
    for i, (_, _, tok) in enumerate(toks):
        # the 44 locales' names ``birthdates`` knows: CLDR's ~330 hold words of others
        # ("lamba", Hausa for number)
        if tok.isdigit() or fold(tok) not in months()[0]:
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(toks) and toks[j][2].isdigit() and 1 <= int(toks[j][2]) <= 31:
                a, b = min(i, j), max(i, j)
                if _GAP.fullmatch(text[toks[a][1] : toks[b][0]]):
                    last = b + 1 if b + 1 < len(toks) and len(toks[b + 1][2]) == 4 else b
                    if last != b and not (
                        toks[last][2].isdigit() and _GAP.fullmatch(text[toks[b][1] : toks[last][0]])
                    ):
                        last = b
                    out.append((toks[a][0], toks[last][1]))
                    break
    return sorted(out)
