"""Numbers read out in words, in many languages: the phone, passport and account numbers a
caller dictates and a transcript keeps as said ("nueve seis dos, uno cero cuatro, treinta y
tres", "Восемь, девятьсот шестьдесят пять, триста двенадцать", "Sifuri saba mbili tatu").

The words come from ``num2words`` (how 0–999 and the years are written in 40-odd
languages), so the table is not ours to get wrong; the languages it lacks that partners
speak on calls (Hindi and Urdu, romanised too, Kyrgyz, Uzbek, Mongolian, Pashto, Armenian,
Albanian, Swahili, Hausa, Tagalog, Georgian, Sinhala, Malay's own words) add their digits
and tens below. A run of number words is read as groups, the way people say numbers
("ninety-eight | two | two", "treinta y tres | ochenta y uno"), each group being the
longest written number there. It is a number that identifies someone when it has seven
digits or more in three groups or more, and something no amount or list of ages has: a
zero, a leading "plus", a lone digit or a group of hundreds. Spelled letters before it are
part of it ("W, W for water, teen chaar saat…", "PA, P for Pokhara, zero nine three…").
Chinese digits ("一三九，五五一二，八零四七") are read character by character.
"""

from __future__ import annotations

import re
from functools import lru_cache

from producers.intake.scrubbing import built_store
from producers.intake.scrubbing.lexicon import fold
from producers.intake.scrubbing.once import once
from producers.intake.scrubbing.text import ID, MARKS, PHONE, Span, Text, words

# num2words' languages read here: those whose number words are spaced words. Left out:
# Japanese and Korean (written in characters or too like ordinary words: Korean "이", "일"),
# Thai (unspaced), and languages partners do not write in whose short number words are
# common words elsewhere (Tetum "rua", Welsh "un", Esperanto)
_LANGUAGES = (
    "en", "es", "pt", "fr", "it", "de", "nl", "pl", "cs", "sk", "sl", "sr", "ru", "uk",
    "be", "hu", "ro", "tr", "az", "kz", "id", "vi", "ar", "fa", "he", "bn", "am", "lt",
    "lv", "sv", "da", "no", "fi", "tg",
)  # fmt: skip
_YEARS = range(1940, 2031)

# digits and tens num2words lacks, as people say them (folded on lookup)
_MORE = {
    # Hindi, Nepali and Urdu, in their scripts and romanised
    "शून्य": 0, "एक": 1, "दो": 2, "दुई": 2, "तीन": 3, "चार": 4, "पाँच": 5, "पांच": 5,
    "छह": 6, "छः": 6, "छ": 6, "सात": 7, "आठ": 8, "नौ": 9, "दस": 10,
    "صفر": 0, "ایک": 1, "دو": 2, "تین": 3, "چار": 4, "پانچ": 5, "چھ": 6, "سات": 7,
    "آٹھ": 8, "نو": 9, "دس": 10,
    "sifar": 0, "shunya": 0, "shoonya": 0, "ek": 1, "teen": 3, "tin": 3, "char": 4,
    "chaar": 4, "paanch": 5, "panch": 5, "chhe": 6, "chhah": 6, "chha": 6, "chah": 6,
    "saat": 7, "aath": 8, "nau": 9, "das": 10, "dui": 2, "do": 2,
    # Pashto
    "یو": 1, "دوه": 2, "درې": 3, "څلور": 4, "پنځه": 5, "شپږ": 6, "اووه": 7, "اته": 8,
    "نهه": 9, "لس": 10,
    # Kyrgyz
    "нөл": 0, "бир": 1, "эки": 2, "үч": 3, "төрт": 4, "беш": 5, "алты": 6, "жети": 7,
    "сегиз": 8, "тогуз": 9, "он": 10, "жыйырма": 20, "отуз": 30, "кырк": 40, "элүү": 50,
    "алтымыш": 60, "жетимиш": 70, "сексен": 80, "токсон": 90, "жүз": 100,
    # Uzbek (Latin)
    "nol": 0, "bir": 1, "ikki": 2, "uch": 3, "to'rt": 4, "besh": 5, "olti": 6, "yetti": 7,
    "sakkiz": 8, "to'qqiz": 9, "o'n": 10, "yigirma": 20, "o'ttiz": 30, "qirq": 40,
    "ellik": 50, "oltmish": 60, "yetmish": 70, "sakson": 80, "to'qson": 90, "yuz": 100,
    # Mongolian (with the joined forms of the tens: "ерэн ес", ninety-nine)
    "тэг": 0, "нэг": 1, "хоёр": 2, "гурав": 3, "дөрөв": 4, "тав": 5, "зургаа": 6,
    "долоо": 7, "найм": 8, "ес": 9, "арав": 10, "арван": 10, "хорь": 20, "хорин": 20,
    "гуч": 30, "гучин": 30, "дөч": 40, "дөчин": 40, "тавь": 50, "тавин": 50, "жар": 60,
    "жаран": 60, "дал": 70, "далан": 70, "ная": 80, "наян": 80, "ер": 90, "ерэн": 90,
    # Armenian (and "տասն", ten as it joins: "տասնութ", eighteen)
    "զրո": 0, "մեկ": 1, "երկու": 2, "երեք": 3, "չորս": 4, "հինգ": 5, "վեց": 6, "յոթ": 7,
    "ութ": 8, "ինը": 9, "տասը": 10, "տասն": 10, "քսան": 20, "երեսուն": 30,
    "քառասուն": 40, "հիսուն": 50, "վաթսուն": 60, "յոթանասուն": 70, "ութսուն": 80,
    "իննսուն": 90, "հարյուր": 100,
    # Albanian
    "një": 1, "dy": 2, "tre": 3, "katër": 4, "pesë": 5, "gjashtë": 6, "shtatë": 7,
    "tetë": 8, "nëntë": 9, "dhjetë": 10, "njëzet": 20, "tridhjetë": 30, "dyzet": 40,
    "katërdhjetë": 40, "pesëdhjetë": 50, "gjashtëdhjetë": 60, "shtatëdhjetë": 70,
    "tetëdhjetë": 80, "nëntëdhjetë": 90,
    # Swahili, Hausa, Tagalog
    "sifuri": 0, "moja": 1, "mbili": 2, "tatu": 3, "nne": 4, "tano": 5, "sita": 6,
    "saba": 7, "nane": 8, "tisa": 9, "kumi": 10,
    "sifili": 0, "daya": 1, "biyu": 2, "uku": 3, "hudu": 4, "biyar": 5, "shida": 6,
    "bakwai": 7, "takwas": 8, "tara": 9, "goma": 10,
    "sero": 0, "isa": 1, "dalawa": 2, "tatlo": 3, "apat": 4, "anim": 6, "pito": 7,
    "walo": 8, "siyam": 9, "sampu": 10,
    # Malay's own words beside Indonesian's
    "kosong": 0, "lapan": 8,
    # Georgian, Sinhala (and "හත්", seven as it joins the next word)
    "ნული": 0, "ერთი": 1, "ორი": 2, "სამი": 3, "ოთხი": 4, "ხუთი": 5, "ექვსი": 6,
    "შვიდი": 7, "რვა": 8, "ცხრა": 9, "ათი": 10,
    "බිංදුව": 0, "එක": 1, "දෙක": 2, "තුන": 3, "හතර": 4, "පහ": 5, "හය": 6, "හත": 7,
    "හත්": 7, "අට": 8, "නවය": 9, "දහය": 10,
    # English as callers say it
    "oh": 0, "nought": 0,
}  # fmt: skip
# the number words of a run that are no group of their own: repeats ("double four") and
# the joins inside a number ("treinta y tres", "novecentos e dois", "ninety and one")
_REPEAT = {"double": 2, "triple": 3, "doppio": 2, "doble": 2}
# said before a country code
_PLUS = frozenset(fold(w) for w in words("plus plusz плюс plyus պլյուս پلس بلس más mais artı"))
# a caller correcting a digit: the run goes on ("तीन शून्य छह... नहीं, तीन शून्य आठ")
_CORRECTIONS = frozenset(
    fold(w) for w in words("no nahi नहीं nahin නෑ нет ні nie non não nein yo hapana sorry")
)
_WORD = re.compile(rf"(?:[^\W\d_]|[{MARKS}])(?:[^\W\d_]|[{MARKS}]|['’ʼ‘](?=[^\W\d_]))*")
# what may stand between the words of a run, and what between the words of one number
_BETWEEN = re.compile(r"[ \t,،，、;:…—–\-.]*")
_INSIDE = re.compile(r"[ \t\-]+")
_LONGEST = 6  # words in the longest written number looked for ("four hundred and eighteen")


@once
def _tables() -> tuple[dict[tuple[str, ...], int], dict[tuple[str, ...], int]]:
    return built_store.load_or_build("numbers", _build, _encode, _decode)


def _numbers() -> dict[tuple[str, ...], int]:
    return _tables()[0]


_Table = tuple[list[tuple[str, ...]], list[int]]


def _encode(
    tables: tuple[dict[tuple[str, ...], int], dict[tuple[str, ...], int]],
) -> tuple[_Table, _Table]:
    numbers, ordinals = tables
    return (list(numbers), list(numbers.values())), (list(ordinals), list(ordinals.values()))


def _decode(
    raw: tuple[tuple[list[list[str]], list[int]], tuple[list[list[str]], list[int]]],
) -> tuple[dict[tuple[str, ...], int], dict[tuple[str, ...], int]]:
    (nk, nv), (ok, ov) = raw
    return (
        {tuple(k): v for k, v in zip(nk, nv, strict=True)},
        {tuple(k): v for k, v in zip(ok, ov, strict=True)},
    )


@once
def _first_words() -> frozenset[str]:
    """The words written numbers open with."""
    return frozenset(key[0] for key in _numbers())


@once
def _singles() -> frozenset[str]:
    """The numbers written as one word."""
    return frozenset(key[0] for key in _numbers() if len(key) == 1)


def _build() -> tuple[dict[tuple[str, ...], int], dict[tuple[str, ...], int]]:
    """Every written number, as its folded words, to its value; and the ordinals a day of
    the month or a year is said with ("twelfth", "двадцать девятое", "двухтысячного")."""
    from num2words import num2words

    def written(n: int, lang: str, to: str) -> str | None:
        try:
            return str(num2words(n, lang=lang, to=to))
        except _UNWRITTEN:  # a few numbers some languages' converters fail on
            return None

    numbers: dict[tuple[str, ...], int] = {}
    for lang in _LANGUAGES:
        for n in (*range(1000), *_YEARS):
            for to in ("cardinal", "year") if n in _YEARS else ("cardinal",):
                key = _key(written(n, lang, to) or "")
                if key and len(key) <= _LONGEST:
                    numbers.setdefault(key, n)
    for word, n in _MORE.items():
        numbers.setdefault(_key(word), n)
    ordinals: dict[tuple[str, ...], int] = {}
    for lang in _ORDINAL_LANGUAGES:
        for n in (*range(1, 32), *_YEARS):
            for form in _inflected(written(n, lang, "ordinal") or "", lang):
                ordinals.setdefault(form, n)
    return numbers, ordinals


# languages whose days (and Slavic years) are said as ordinals
_ORDINAL_LANGUAGES = ("en", "fr", "it", "de", "nl", "ru", "uk", "pl", "cs", "tr", "id")
# the cases a Slavic ordinal takes in a date: "двадцать девятое", "двухтысячного",
# "dwudziestego trzeciego" (its last word; every word in Polish)
_SLAVIC_ENDINGS = {
    "ru": (("ый", ("ое", "ого")), ("ой", ("ое", "ого")), ("ий", ("ье", "ьего", "ее", "его"))),
    "uk": (("ий", ("е", "ого")), ("ій", ("є", "ього"))),
    "pl": (("y", ("ego",)), ("i", ("iego",))),
}


def _inflected(written: str, lang: str) -> list[tuple[str, ...]]:
    """An ordinal's words as said in a date, folded: as written, and in the cases of
    ``_SLAVIC_ENDINGS``."""
    raw = [w.lower() for w in _WORD.findall(written)]
    if not raw:
        return []
    endings = _SLAVIC_ENDINGS.get(lang, ())
    forms = [raw]
    for n in range(max((len(cases) for _, cases in endings), default=0)):

        def inflect(word: str, n: int = n) -> str:
            for ending, cases in endings:
                if word.endswith(ending) and n < len(cases):
                    return word[: -len(ending)] + cases[n]
            return word

        head = [inflect(w) for w in raw[:-1]] if lang == "pl" else raw[:-1]
        forms.append([*head, inflect(raw[-1])])
    return [tuple(_fold(w) for w in form) for form in forms]


_UNWRITTEN = (NotImplementedError, TypeError, AttributeError, KeyError, ValueError, IndexError)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'"})


@lru_cache(maxsize=1 << 16)  # words recur; folding each anew was half this rule's cost
def _fold(word: str) -> str:
    return fold(word).translate(_APOSTROPHES)


def _key(written: str) -> tuple[str, ...]:
    return tuple(_fold(w) for w in _WORD.findall(written))


def written_number_at(text: str, at: int, ordinal: bool = False) -> tuple[int, int] | None:
    """The longest number written in words from ``at``: (its value, where it ends); a
    cardinal, or with ``ordinal`` an ordinal ("twenty-third", "vingt-troisième")."""
    toks: list[re.Match[str]] = []
    for m in _WORD.finditer(text, at):
        if (toks and not _INSIDE.fullmatch(text, toks[-1].end(), m.start())) or (
            not toks and m.start() != at
        ):
            break
        toks.append(m)
        if len(toks) == _LONGEST:
            break
    numbers, ordinals = _tables()
    table = ordinals if ordinal else numbers
    best = None
    for width in range(1, len(toks) + 1):
        key = tuple(_fold(m.group(0)) for m in toks[:width])
        if key in table:
            best = (table[key], toks[width - 1].end())
    return best


def spoken_numbers(t: Text) -> list[Span]:
    """Identifying numbers told in words, as spans ([PHONE] when a plus, a zero first or a
    phone word says so, else [ID])."""
    text = t.text
    spans = _chinese(text) if _HAN_DIGIT.search(text) else []
    singles = _singles()
    # a text with fewer than two distinct number words is passed over at once (the Text's
    # words split Indic words at their vowel signs: those are read again with them)
    words = t.words if text.isascii() else {m.group(0) for m in _WORD.finditer(t.low)}
    if sum(1 for w in words if _fold(w) in singles) < 2:
        return spans
    numbers = _numbers()
    for m in _LINE.finditer(text):
        spans += _line_runs(text, m.start(), m.end(), numbers)
    return spans


_LINE = re.compile(r"[^\n]+")


def _line_runs(text: str, start: int, stop: int, numbers: dict[tuple[str, ...], int]) -> list[Span]:
    line = _Line(text, list(_WORD.finditer(text, start, stop)), numbers)
    spans: list[Span] = []
    i = 0
    while i < len(line.toks):
        run = line.run(i)
        if run is None:
            i += 1
            continue
        last, groups, plus = run
        if _identifies(groups, plus):
            s = _spelled_before(text, line.toks[i].start(), start)
            e = _spelled_after(text, line.toks[last].end(), stop)
            phone = plus or groups[0][0] == 0 or _PHONE_WORD.search(text, start, s)
            spans.append((s, e, PHONE if phone else ID))
        i = last + 1
    return spans


class _Line:
    """One line's words, read as runs of numbers."""

    def __init__(
        self, text: str, toks: list[re.Match[str]], numbers: dict[tuple[str, ...], int]
    ) -> None:
        self.text, self.toks, self.numbers = text, toks, numbers
        self.folded = [_fold(m.group(0)) for m in toks]

    def _between(self, j: int, gap: re.Pattern[str] = _BETWEEN) -> bool:
        """Only what ``gap`` allows stands between words ``j - 1`` and ``j``."""
        return gap.fullmatch(self.text, self.toks[j - 1].end(), self.toks[j].start()) is not None

    def run(self, i: int) -> tuple[int, list[tuple[int, int]], bool] | None:
        """The run of number words from word ``i``: (its last word, its groups as (value,
        digits), whether a plus leads it); None when no number starts there."""
        folded, end = self.folded, len(self.toks)
        plus = folded[i] in _PLUS
        j = i + 1 if plus else i
        if plus and j < end and not self._between(j):
            return None
        groups: list[tuple[int, int]] = []
        last, repeat = -1, 1
        while j < end:
            if (groups or repeat > 1) and not self._between(j):
                break
            word = folded[j]
            if word in _REPEAT and repeat == 1:
                repeat = _REPEAT[word]
                j += 1
                continue
            if word in _CORRECTIONS and groups:
                if j + 1 >= end or not self._between(j + 1) or self.number(j + 1, True) is None:
                    break
                j += 1
                continue
            found = self.number(j, join=bool(groups))
            if found is None:
                break
            value, width = found
            groups += [(value, 1 if value == 0 else len(str(value)))] * repeat
            repeat, last = 1, j + width - 1
            j += width
        return (last, groups, plus) if groups else None

    def number(self, j: int, join: bool) -> tuple[int, int] | None:
        """The longest written number from word ``j``: (value, words); ``join``: a word may
        be tens and a digit written together (looked for inside a run only)."""
        folded, numbers = self.folded, self.numbers
        if folded[j] not in _first_words() and not join:
            return None  # no written number opens with this word
        best = None
        for width in range(1, _LONGEST + 1):
            if j + width > len(folded) or (width > 1 and not self._between(j + width - 1, _INSIDE)):
                break
            key = tuple(folded[j : j + width])
            if key in numbers:
                best = (numbers[key], width)
            elif width == 1 and join and (joined := _joined(folded[j], numbers)) is not None:
                best = (joined, 1)
        if best is None or best[0] not in _TENS or j + best[1] + 1 >= len(folded):
            return best
        # tens, a join and a digit where the table lacks them: "katërdhjetë e katër"
        k = j + best[1]
        unit = numbers.get((folded[k + 1],))
        joins = folded[k] in _JOINS and self._between(k, _INSIDE) and self._between(k + 1, _INSIDE)
        return (
            (best[0] + unit, best[1] + 2) if joins and unit is not None and 0 < unit < 10 else best
        )


_TENS = frozenset(range(20, 100, 10))
_TENS_OR_TEN = _TENS | {10}
_JOINS = words("e y i и and și si ve et und en och og ja va")


def _joined(word: str, numbers: dict[tuple[str, ...], int]) -> int | None:
    """A word written as tens and a digit joined, where the table has both parts
    (Armenian "քսաներկու", twenty-two: "քսան" + "երկու")."""
    for cut in range(2, len(word) - 1):
        tens, unit = numbers.get((word[:cut],)), numbers.get((word[cut:],))
        if (
            tens is not None
            and unit is not None
            and (tens == 10 or tens in _TENS)
            and 0 < unit < 10
        ):
            return tens + unit
    return None


def _identifies(groups: list[tuple[int, int]], plus: bool) -> bool:
    """Seven digits or more in three groups or more, with what no amount or list of ages
    has: a plus, a zero, a lone digit or hundreds."""
    if len(groups) < 3 or sum(d for _, d in groups) < 7:
        return False
    return plus or any(d in {1, 3} for _, d in groups)


_PHONE_WORD = re.compile(
    r"(?i)phone|number|mobile|whatsapp|call|тел|номер|número|numero|numer|telefon|नंबर|"
    r"फ़ोन|फोन|nambari|simu|numba|nomor|số"
)
# spelled letters before a number: "W, W for water,", "PA, P for Pokhara,", "C, C-nya huruf,
# lalu", "N as in Nagpur,", "У, Б,"
_SPELLED = re.compile(
    r"(?:(?<![^\W\d_])[^\W\d_a-z]{1,2}(?:\s+(?:for|as\s+in|like|de|como)\s+[^\W\d_]+|-nya\s+huruf)?"
    r"[ ,]+(?:(?:lalu|then|and|y|e)\s+)?)+$"
)


def _spelled_before(text: str, at: int, line_start: int) -> int:
    m = _SPELLED.search(text, max(line_start, at - 60), at)
    if m is None:
        return at
    first = m.group(0)[:2].rstrip(" ,")
    return m.start() if first.isupper() else at


_SPELLED_AFTER = re.compile(r"(?:[ ,]+[^\W\d_a-z](?![^\W\d_]))+")


def _spelled_after(text: str, at: int, stop: int) -> int:
    m = _SPELLED_AFTER.match(text, at, stop)
    return m.end() if m and re.sub("[ ,]", "", m.group(0)).isupper() else at


# Chinese digits, one character a digit, read out in groups ("一三九，五五一二，八零四七")
_HAN_DIGIT = re.compile("[零〇一二三四五六七八九幺两][零〇一二三四五六七八九幺两]")
_HAN_RUN = re.compile("[零〇一二三四五六七八九幺两](?:[，,、 ]?[零〇一二三四五六七八九幺两Xx])+")


def _chinese(text: str) -> list[Span]:
    spans: list[Span] = []
    for m in _HAN_RUN.finditer(text):
        digits = sum(1 for c in m.group(0) if c not in "，,、 ")
        if digits >= 7:
            spans.append((m.start(), m.end(), PHONE if digits == 11 else ID))
    return spans
