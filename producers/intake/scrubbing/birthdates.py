"""Dates of birth: the first date in a short window after a birth cue, in many languages.

A cue ("born", "DOB", "née le", "nacida el", "nasceu em", "nata il", "geboren am",
"urodzona", "lahir", "ipinanganak", "doğum tarihi", "родилась", "sinh ngày", "出生",
"turned 18 on"…) opens a window of a few filler words ("born in Chisinau on", "DoB given
as", "născută la"); the first date there, full or partial, numeric or written, is the birth
date, with alternatives joined to it ("1 Feb 2000 / 3 Feb 2000"). Month names are CLDR's
(babel) in the languages partners write in, checked after a pattern finds a word where a
month sits, rather than an alternation of a thousand names. Dates without a cue (incident
dates) stay. Patterns rather than dateparser: the cue is what makes a date a birth date,
and dateparser's search costs milliseconds a text and finds event dates too.
"""

from __future__ import annotations

import re
from functools import cache

from producers.intake.scrubbing.lexicon import fold
from producers.intake.scrubbing.spoken_dates import spoken_date_at
from producers.intake.scrubbing.text import DIGIT, DOB, Span, Text, words
from producers.intake.scrubbing.transcripts import answer_after

# Locales whose month names are looked for (wide and abbreviated, format and stand-alone,
# so Polish "marca" and Russian "марта" as well as "marzec", "март")
_MONTH_LOCALES = (
    "en", "es", "fr", "pt", "it", "de", "nl", "ro", "pl", "cs", "sk", "hr", "sr_Latn", "sl",
    "hu", "sq", "tr", "id", "ms", "fil", "sw", "ha", "so", "af", "ca", "sv", "da", "nb",
    "fi", "et", "lt", "lv", "ru", "uk", "bg", "mk", "el", "ar", "fa", "he", "th", "az",
    "uz", "kk", "mg",
    # Urdu, Pashto, the Maghreb's Arabic ("7 ماي 2008"), Igbo, Kyrgyz, Turkmen, Tajik,
    # Armenian, Georgian, Kurmanji, Oromo
    "ur", "ps", "ar_MA", "ar_DZ", "ig", "ky", "tk", "tg", "hy", "ka", "ku", "om",
)  # fmt: skip
# abbreviations CLDR lacks or writes otherwise ("Sept", Indonesian "Agt", "Okt"), and
# Haitian Creole's months, which CLDR has no locale for ("15 jen 2008")
_MORE_MONTHS = (
    "sept agt agu okt nop des mei peb hun hul nob dis setyembre "
    "janvye fevriye mas avril jen jiye out septanm oktob novanm desanm "
    # Samoan's, which CLDR has no locale for either ("10 Iuni 2001")
    "ianuari fepuari mati aperila iuni iulai aukuso setema oketopa novema tesema "
    "afrilu "  # Hausa as partners spell it (CLDR: "Afirilu")
    "شباط آذار نيسان أيار حزيران تموز آب أيلول"  # the Levant's (CLDR's Arabic has Egypt's)
)


@cache
def months() -> tuple[frozenset[str], frozenset[str]]:
    """Folded month names: (every form, wide forms only). A date without a year needs a
    wide name ("born 3 May"), since short forms ("mar", "set") are words too."""
    from babel import Locale

    every: set[str] = set(_MORE_MONTHS.split())
    wide: set[str] = set()
    for code in _MONTH_LOCALES:
        names = Locale.parse(code).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for name in names[context][width].values():
                    word = fold(name).strip(".")
                    if _ONE_WORD.fullmatch(word):
                        every.add(word)
                        if width == "wide":
                            wide.add(word)
    return frozenset(every), frozenset(wide)


_ONE_WORD = re.compile(r"[^\W\d_]{3,15}")

# --- dates, tried at one position (the month word is checked apart) ---------------------
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|er|e|º|°|\.)?(?!\d)"
_YEAR = r"(?:1[89]|20|25)\d\d(?!\d)(?!s\b)"  # 25xx: Thai Buddhist years
_SHORT_YEAR = r"['’]?\d\d(?!\d)"
_MON = r"(?P<mon>[^\W\d_]{3,15})\.?"
# what may follow a year in Turkish; Russian "г.", Polish "r.", Ukrainian "р."
# stay outside the date: they are ordinary words ("1989 r." keeps its "r.")
_YEAR_END = r"(?:\s?(?:yılı|yılında))?"
_FORMS = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        # numeric: 12/09/1985, 7/4/03, 30.06.1996, 1998-07-22, 1975/08/14
        r"\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?![\d])|\d{4}[./-]\d{1,2}[./-]\d{1,2}(?!\d)"
        r"|\d{1,2}\.\s\d{1,2}\.\s(?:19|20)\d\d(?!\d)"  # "4. 6. 2003" (Serbian, Croatian)
        # the month in Roman numerals: "05.VIII.1991", "5 XII 1990" (Eastern Europe)
        r"|\d{1,2}[.\s/-]\s?(?:XII|XI|IX|X|VIII|VII|VI|IV|V|III|II|I)[.\s/-]\s?(?:19|20)\d\d(?!\d)",
        # Burmese: year, month, day ("၂၀၀၅ ခုနှစ် မတ်လ ၈ ရက်", its digits read as ASCII)
        r"\d{4}\s*ခုနှစ်\s*[\u1000-\u109f]{1,14}လ\s*\d{1,2}\s*ရက်",
        # day month year: 15 de marzo de 1997, 2nd of May 2000, 01-Jan-1995, 3. März 1990
        rf"(?:the\s+)?(?:ika-?)?{_DAY}\s*(?:of\s+|de\s+|ng\s+|ga\s+|-|/)?{_MON}"
        rf"(?:,?\s*(?:de\s+|del\s+|-|/)?(?P<year>{_YEAR}|{_SHORT_YEAR}))?{_YEAR_END}",
        # month day year: May 2nd, 2000; Marso 3, 1996
        rf"{_MON}\s*{_DAY}(?:,?\s*(?P<year>{_YEAR}|{_SHORT_YEAR}))?",
        # month year: March 1990, marzo de 1990, Aug '89
        rf"{_MON}\s*(?:de\s+|del\s+|of\s+|,\s*)?(?P<year>{_YEAR}|{_SHORT_YEAR}){_YEAR_END}",
        # Vietnamese: ngày 12 tháng 3 năm 2000, tháng 3 năm 2000, năm 2000
        r"(?:ngày\s+)?\d{1,2}\s+tháng\s+\d{1,2}(?:,?\s+năm\s+\d{4})?"
        r"|tháng\s+\d{1,2},?\s+năm\s+\d{4}|năm\s+\d{4}(?!\d)",
        # year, month, day: "2004. március 9." (Hungarian), "2004 Mar 9"
        rf"(?P<year>{_YEAR})\.?\s+{_MON}\s*{_DAY}",
        # Chinese, Japanese, Korean: 1990年3月12日, 1990년 3월 12일, 1990年
        r"\d{4}\s*[年년]\s*(?:\d{1,2}\s*[月월]\s*(?:\d{1,2}\s*[日일号號])?)?",
        # a year alone: born in 1990
        rf"(?:the\s+year\s+)?{_YEAR}{_YEAR_END}",
        # a month and a year in numbers: "DOB: 05/1989", "02/2004", in birthyears' range
        # of birth years (1930-2012: "born 09.2024" is an event partners report)
        r"(?:0?[1-9]|1[0-2])[./-](?:19[3-9]\d|200\d|201[0-2])(?!\d)(?![./-]\d)",
    )
)


# month names written with combining marks (Thai, Indic, Burmese, Khmer, Lao, Amharic):
# looked for as written, in a pattern of their own
_MARKED_LOCALES = ("th", "hi", "bn", "ne", "mr", "ta", "te", "my", "km", "lo", "si", "am")


@cache
def _marked_months() -> re.Pattern[str]:
    from babel import Locale

    names: set[str] = set()
    for code in _MARKED_LOCALES:
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                names.update(Locale.parse(code).months[context][width].values())
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(
        rf"\d{{1,2}}\s*(?:{alternation})\s*(?:พ\.ศ\.\s*)?\d{{4}}(?!\d)"
        rf"|(?:{alternation})\s*\d{{1,2}},?\s*\d{{4}}(?!\d)"
        # Khmer: day, month and year each after its word ("ថ្ងៃទី១២ ខែមិថុនា ឆ្នាំ២០០៥")
        rf"|(?:ថ្ងៃ)?(?:ទី)?\d{{1,2}}\s*(?:ខែ)?(?:{alternation})\s*(?:ឆ្នាំ)?\d{{4}}(?!\d)"
    )


def date_at(text: str, at: int) -> int:
    """Where the longest date starting at ``at`` ends, or -1."""
    every, wide = months()
    best = -1
    if at < len(text) and text[at].isalpha():  # said in words: "the twelfth of August, 2007"
        best = spoken_date_at(text, at, lambda word: fold(word) in every)
    forms = _FORMS if text.isascii() else (*_FORMS, _marked_months())
    for form in forms:
        m = form.match(text, at)
        if m is None or m.end() <= best:
            continue
        if "mon" in form.groupindex and m.group("mon") is not None:
            mon = fold(m.group("mon"))
            if mon not in every or (m.group("year") is None and mon not in wide):
                continue
        best = m.end()
    return best


# whole dates only (day, month and year), for dates told as births by their year alone
_FULL = (
    _FORMS[0],
    _FORMS[1],
    _FORMS[2],
    _FORMS[3],
    _FORMS[6],
    re.compile(r"\d{1,2}\s+tháng\s+\d{1,2},?\s+năm\s+\d{4}", re.IGNORECASE),
    re.compile(r"\d{4}\s*[年년]\s*\d{1,2}\s*[月월]\s*\d{1,2}\s*[日일号號]"),
)
_NUMERIC = re.compile(r"(\d{1,4})\D+(\d{1,2})\D+(\d{1,4})")


def full_date_at(text: str, at: int) -> int:
    """Where the longest whole date starting at ``at`` ends, or -1: "12.03.1990", "3 May
    1990", "May 3, 1990", "1990年3月12日"; a numeric one with a day and a month that can be
    ("45/67/1990" is no date)."""
    every, _ = months()
    best = -1
    forms = _FULL if text.isascii() else (*_FULL, _marked_months())
    for form in forms:
        m = form.match(text, at)
        if m is None or m.end() <= best:
            continue
        if "mon" in form.groupindex:
            if m.group("year") is None or fold(m.group("mon")) not in every:
                continue
        elif form is _FORMS[0] and not _day_month(m.group(0)):
            continue
        best = m.end()
    return best


def _day_month(date: str) -> bool:
    m = _NUMERIC.match(date)
    if m is None:
        return False
    a, b, c = (int(g) for g in m.groups())
    if a > 31:  # 1998-07-22
        return 1 <= b <= 12 and 1 <= c <= 31
    # 22.07.1998, or 07/22/1998 as the US writes it
    return (1 <= a <= 31 and 1 <= b <= 12) or (1 <= a <= 12 and 1 <= b <= 31)


# --- cues ------------------------------------------------------------------------------
# Strong cues open a window of filler words; weak ones (abbreviations: "b.", "geb.",
# "ur.") need the date right after them.
_STRONG = (
    r"born|birth\s*date|birthdate|birthday|date\s+of\s+birth|year\s+of\s+birth|birth(?=\s*:)|"
    r"d\.?\s?o\.?\s?b\.?s?|y\.?o\.?b\.?|"
    r"n[ée]e?\s+(?:le|en|à)|date\s+de\s+naissance|naissance|"
    r"nacid[oa]s?|naci[óo]|fecha\s+de\s+nacimiento|f\.\s*de\s+nac\.|"
    r"nascid[oa]s?|nasceu|data\s+de\s+nascimento|"
    r"nat[oa]\s+(?:il|a|nel|in)|data\s+di\s+nascita|"
    r"geboren|geburtsdatum|geboortedatum|"
    r"n[ăa]scut[ăa]?|data\s+na[șşs]terii|"
    r"urodzon[yaei]|data\s+urodzenia|narozen[áa]?|datum\s+narozen[íi]|naroden[ýáa]|ro[đd]en[ai]?|"
    r"datum\s+ro[đd]enja|született|"
    r"lahir|tanggal\s+lahir|tgl\.?\s+lahir|tarikh\s+lahir|"
    r"ipinanganak|kapanganakan|isinilang|(?:ali|aliye|wali|walio|ame|wame)zaliwa|"
    # Swahili, Haitian Creole (not "ap fèt": will take place)
    r"tarehe\s+ya\s+kuzaliwa|dat\s+nesans|(?<!ap )(?<!pral )(?<!va )fèt|"
    r"haifa|haife|teraka|fanau|"  # Hausa, Malagasy, Samoan
    r"(?:wa|owa|o|u|ba|aba|ya|eya)zal(?:el)?w[ae]|"  # Zulu, Xhosa: "owazalwa ngo-…"
    r"doğum\s+tarihi|doğumlu|doğdu|"
    r"sinh\s+(?:ngày|năm|tại|vào)|ngày\s+sinh|năm\s+sinh|"
    r"lindur|datëlindja|γεννήθηκε|γεννημένο[ςι]?|γεννημένη|ημερομηνία\s+γέννησης|"
    r"дата\s+рождения|родил(?:ась|ся)|дата\s+народження|народил(?:ася|ся)|народився|"
    r"تاريخ\s+(?:ال)?ميلاد|مواليد|ولدت?|(?:ال)?مولود(?:ة)?|متولد|تاریخ\s+پیدائش|پیدائش|"
    r"роден[аио]?|рођен[аио]?|народжен(?:ий|а|ого)|"
    r"(?:turned|turns|cumpli[óo]|fez|completou)\s+\d{1,2}(?:\s+(?:years?|años|anos))?"
)
_WEAK = (
    r"b\.|geb\.|ur\.|nar\.|nac\.|nasc\.|n\.|f\.\s*nac\.?|tgl\.|szül\.|нар\.|род\."
    r"|(?<=\()d\."  # Turkish "(d. 2011)"
    r"|(?:f\.?\s?n|d\.?\s?n|f\.?\s?d\.?\s?n)\.?\s*:"  # "F.N.: 12-03-1999", "DN: …"
)
_CUE = re.compile(
    rf"(?P<strong>{_STRONG})(?![^\W\d_])|(?P<weak>{_WEAK})",
    re.IGNORECASE,
)
_CUE_STARTS = BIRTH_CUES = words(
    """
    born birth birthdate birthday date year dob dobs d y yob né ne née nee naissance
    nacido nacida nacidos nacidas nació nacio fecha f nascido nascida nascidos nasceu
    data nato nata geboren geburtsdatum geboortedatum născut nascut născută nascuta
    urodzony urodzona urodzone urodzeni narozen narozena narozená narodený narodená
    datum rođen rođena nar
    roden rodena született lahir tanggal tgl tarikh ipinanganak kapanganakan isinilang
    alizaliwa aliyezaliwa walizaliwa waliozaliwa amezaliwa wamezaliwa tarehe dat
    doğum doğumlu doğdu sinh ngày năm lindur datëlindja γεννήθηκε γεννημένος γεννημένη
    γεννημένο γεννημένοι нар род
    ημερομηνία дата родилась родился народилася народився تاريخ مواليد ولد ولدت
    المولود المولودة مولود مولودة متولد تاریخ پیدائش роден родена родено рођен рођена
    рођено народжений народжена народженого
    turned turns cumplió cumplio fez completou b geb ur nac nasc n szül fn dn fdn
    haifa haife teraka fanau fèt
    wazalwa owazalwa ozalwa ozalwe uzalwa uzalwe bazalwa abazalwa yazalwa eyazalwa
    wazalelwa owazalelwa ozalelwe
    """
)
# scripts written without spaces: the cue may touch the date ("出生于1990年", "1990年生まれ")
# (and Thai and Indic words, whose marks split the words the Latin cues are looked up by)
_CJK_CUE = re.compile(
    r"出生(?:日期|于|於|年月日)?(?:为|為|是)?|生于|生日(?:为|為|是)?|生年月日|生まれ|생년월일|출생|เกิด(?:วันที่|เมื่อ)?|วันเกิด"
    r"|जन्म\s*(?:तिथि|तारीख|दिनांक|मिति)?|জন্ম\s*(?:তারিখ)?|ልደት|የትውልድ\s*ቀን"
    r"|မွေး(?:သက္ကရာဇ်|နေ့)?(?:မှာ|မှ|သည်)?|កើត|កំណើត"
)
_CJK_BEFORE = re.compile(
    r"(?P<date>\d{4}\s*[年년](?:\s*\d{1,2}\s*[月월](?:\s*\d{1,2}\s*[日일号號])?)?"
    # a Japanese era's year ("平成18年7月2日生まれ"), a year in Chinese numerals
    # ("二〇〇八年五月九日出生")
    r"|(?:明治|大正|昭和|平成|令和)\s*(?:\d{1,2}|元)\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?"
    r"|[〇零一二三四五六七八九]{4}年(?:[一二三四五六七八九十]{1,3}月(?:[一二三四五六七八九十]{1,3}[日号號])?)?)\s*"
    r"(?:生まれ|出生|생|生(?=[）)、，,。\s]))"  # "（1999年4月8日生）"
    # Russian, Ukrainian and Belarusian "year of birth": "1994 г.р.", "2003 р. н.", "1994 г. н."
    r"|(?P<ru>(?:19|20)\d\d)\s?(?:г\.\s?р\.|р\.\s?н\.|г\.\s?н\.|г(?:ода|\.)\s+рождения|"
    r"р(?:оку|\.)\s+народження|г(?:ода|\.)\s+нараджэння)"
    r"|(?P<hi>\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4})\s*(?:को\s*)?(?:पैदा|जन्म)"
    r"|(?P<tr>\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|(?:19|20)\d\d)\s+(?:doğumlu|d\.(?=[\s,;)]))"
)
_HAS_CJK = re.compile(
    "[\u0900-\u09ff\u1000-\u109f\u1200-\u137f\u1780-\u17ff\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]"
)

# --- the window between a cue and its date ----------------------------------------------
_WINDOW = 64
_FILLER = words(
    """
    in on at the of as is was were are given gave stated states said says listed recorded
    written reported shown noted she he they her his their its a an around about circa ca
    c approx approximately est estimated reportedly allegedly probably possibly maybe
    apparently officially unknown date year day sometime le la les el em no na en il am op
    noong sa ng pada di tanggal tgl tahun vào tại ngày năm dia día du de di del do da w dnia
    r rok roku у в г года на је е є je ile tarihinde tarihi ve village town city province district
    hospital region area camp county state tarehe es era fue é foi est était ist war jest był
    στις στισ στο στη στην το την ngo ngomhla mhla we
    była adalah ialah ay là في بتاريخ عام سنة
    """
)
# abbreviations whose dot ends no sentence ("approx. March 2004")
_ABBREVIATIONS = words("approx est ca c circa abt")
# a step over punctuation, a word, or a calendar's mark ("वि.सं.", the Nepali era)
_STEP = re.compile(r"\s*(?:[,:：()\-–\"'“”«»]|(?:वि|बि)\.\s?सं\.|(?P<word>[^\W\d_]+)\.?)")
_JOIN = re.compile(r"\s*(?:/|,|;|\bor\b|\band\b|\bou\b|\bo\b|\by\b|\bet\b|\be\b|\boder\b)\s*")
_SENTENCE_END = re.compile(r"[.!?]\s+[A-Z]|[;\n]")


def _window_date(text: str, at: int, strong: bool) -> tuple[int, int] | None:
    """The first date within the window after a cue ending at ``at``, as a span."""
    stop = min(len(text), at + _WINDOW)
    for dot in _SENTENCE_END.finditer(text, at, stop):
        before = text[max(at, dot.start() - 8) : dot.start()].split()
        if dot.group(0)[0] != "." or not before or before[-1].lower() not in _ABBREVIATIONS:
            stop = dot.start() + 1
            break
    pos = at
    for _ in range(8 if strong else 3):
        start = pos + len(text[pos:stop]) - len(text[pos:stop].lstrip())
        end = date_at(text, start) if start < stop else -1
        if end > 0:
            return start, end
        step = _STEP.match(text, pos, stop)
        if step is None or step.end() == pos:
            return None
        word = step.group("word")
        if word and (fold(word) not in _FILLER if not word[0].isupper() else not strong):
            return None  # "born in Kano, she was trafficked in 2019": not her birth
        pos = step.end()
    return None


def _answered(text: str, at: int) -> tuple[int, int] | None:
    """The date that answers a question asking for a birth date (the cue ends at
    ``at``): the first one at the start of the next speaker's line."""
    answer = answer_after(text, at)
    return None if answer is None else _window_date(text, answer, strong=True)


def _joined(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A birth date with its alternatives: "1 Feb 2000 / 3 Feb 2000", "1990 or 1991"."""
    start, end = span
    while (join := _JOIN.match(text, end)) and (more := date_at(text, join.end())) > 0:
        end = more
    return start, end


def dob_spans(t: Text) -> list[Span]:
    """Birth dates: after a cue, before a cue in scripts without spaces ("1990年生まれ")."""
    if not DIGIT.search(t.text) and not t.words & _CUE_STARTS:
        return []  # no number, and no cue before a date said in words
    text = t.text if t.text.isascii() else ascii_digits(t.text)
    spans: list[Span] = []
    for m in t.matches(_CUE, _CUE_STARTS):
        if m.group(0) == "B." and text[: m.start()].rstrip()[-1:] not in ("", "(", ",", ";"):
            continue  # "Plan B.", "Fig. B.": a capital B. is a birth cue only set apart
        found = _window_date(text, m.end(), strong=m.group("strong") is not None)
        if found or (found := _answered(text, m.end())):
            s, e = _joined(text, found)
            spans.append((s, e, DOB))
    if "'" in text or "’" in text:  # "born in '03": a year written short
        spans += [(m.start(1), m.end(1), DOB) for m in _BORN_SHORT_YEAR.finditer(text)]
    if "р." in text or "г." in text:
        spans += _date_before_mark(text)
    if (
        _HAS_CJK.search(text)
        or "г." in text
        or "р." in text
        or "doğumlu" in t.low
        or " d." in t.low
        or "рожд" in t.low
        or "народж" in t.low
    ):
        for m in _CJK_CUE.finditer(text):
            if found := _window_date(text, m.end(), strong=True):
                spans.append((*found, DOB))
        for m in _CJK_BEFORE.finditer(text):
            group = next(g for g in ("date", "hi", "tr", "ru") if m.group(g))
            spans.append((m.start(group), m.end(group), DOB))  # "1990 г.р." keeps its mark
    return spans


_BORN_SHORT_YEAR = re.compile(
    r"(?i:\bborn|\bdob|\bd\.o\.b\.?)\s*(?:in\s+|:\s*)?(['’]\d\d)(?![\d'’])"
)
# a whole date before "year of birth" written short: "3 березня 2006 р.н.", "12.03.2001 г.р."
_BIRTH_MARK = re.compile(r"\s?(?:г\.?\s?р\.|р\.\s?н\.)")
_WORD_AT = re.compile(r"(?<!\S)\d")


def _date_before_mark(text: str) -> list[Span]:
    spans: list[Span] = []
    for m in _BIRTH_MARK.finditer(text):
        for at in _WORD_AT.finditer(text, max(0, m.start() - 30), m.start()):
            end = date_at(text, at.start())
            if m.start() <= end <= m.end() or not text[end : m.start()].strip():
                spans.append((at.start(), min(end, m.start()), DOB))
                break
    return spans


# decimal digits of every script ("२०६२/०५/१२", "١٩٩٥"), read as ASCII digits by the date
# forms; one character each, so spans stay where they were
_DIGITS = {c: ord("0") + int(chr(c)) for c in range(0x660, 0x1100) if chr(c).isdecimal()}
_DIGITS.update({c: ord("0") + int(chr(c)) for c in range(0xFF10, 0xFF1A)})


_OTHER_DIGIT = re.compile(r"(?![0-9])\d")


def ascii_digits(text: str) -> str:
    return text.translate(_DIGITS) if _OTHER_DIGIT.search(text) else text
