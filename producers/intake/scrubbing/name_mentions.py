"""Other mentions of a found name, with a case ending or a particle written onto it (pure).

"Somchai Boonmee … Somchain puhelin", "Florica Dumitru … Floricas telefon", "ნინო … ნინოს
მისამართი", "রোজিনা আক্তার … রোজিনার মায়ের", "زينب … لزينب": once a rule found a name,
its words come back declined, possessive or with a preposition written onto them, in
any script. ``names`` repeats a found name's capitalised words as they are; here a found
name's word (three letters or more, no common word) is that name again as written in a
script without capitals, and in any script with up to four letters after it or an Arabic
or Hebrew one-letter particle before it, unless the whole word is an ordinary word itself.
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.lexicon import Lexicon, english, fold, lexicon
from producers.intake.scrubbing.name_pairs import WORD, lower_cased
from producers.intake.scrubbing.text import (
    HEBREW_PROCLITICS,
    NAME,
    Span,
    without_capitals,
    words,
)
from producers.intake.scrubbing.wordlists import KIN_TITLES, TITLES

_WORD = re.compile(WORD)
# scripts written without spaces, read by their own recognisers: Han, kana, Hangul, Thai,
# Lao, Khmer, Burmese (a "word" there is a clause)
_UNSPACED = re.compile(
    "[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]"
)
_NEXT = re.compile(r"\s([A-ZÀ-ÞА-ЯΑ-Ω][\w'’-]*)")
_MIN_STEM = 3
_MOST_ENDING = 4
# one-letter particles written onto a word: Arabic (li-, bi-, wa-, fa-, ka-), Hebrew
# (le-, be-, ve-, she-, ha-, mi-, ke-)
_PARTICLES = frozenset("لبوفك" + HEBREW_PROCLITICS)
# kin words and forms of address that rules may leave inside a name's span and that
# recur as ordinary words: Vietnamese (anh "brother" is also "England"), Turkic "daughter,
# son", Haitian "madam", Tagalog "yung" ("the")
_NOT_STEMS = words("anh chi em ong ba co chu bac qizi kizi oglu madan madanm yung")


def mentions(text: str, spans: list[Span]) -> list[Span]:
    """Every other mention of a found name's words, declined or with a particle."""
    names = [(s, e) for s, e, kind in spans if kind == NAME]
    if not names:
        return []
    lex = lexicon()
    known: set[str] = set()  # folded, for the lists
    stems: set[str] = set()  # case folded only, so that offsets hold in the text
    for s, e in names:
        for m in _WORD.finditer(text, s, e):
            if _stem(fold(m.group(0)), lex):
                known.add(fold(m.group(0)))
                stems.add(m.group(0).casefold())
    if not known:
        return []
    out: list[Span] = []
    chat = without_capitals(text)
    trunks = _trunks(stems)
    # and a found word read as a declined form: its bare stem elsewhere is the name too
    # ("… Бауыржан … Бауыржанның телефоны", "გიორგი … გიორგის ტელეფონი")
    bases = {
        stem[: -len(ending)]
        for stem in stems
        for ending in _CASE_ENDINGS
        if stem.endswith(ending) and len(stem) - len(ending) > _MIN_STEM
    }
    for m in _WORD.finditer(text):
        raw = m.group(0)
        if _UNSPACED.match(raw) or (lower_cased(raw[0]) and not chat):
            continue  # a cased word in lower case is no name, unless nothing is capitalised
        word = fold(raw)
        if word in known:
            # as written, unless it opens a run of other capitalised words: a firm or
            # another person named for it ("Rahman Knit Composite Ltd")
            if (nxt := _NEXT.match(text, m.end())) is None or fold(nxt.group(1)) in known:
                out.append((m.start(), m.end(), NAME))
        elif raw.casefold() in bases and _bare_stem(raw, word, lex):
            out.append((m.start(), m.end(), NAME))
        elif (cut := _declined(raw.casefold(), word, stems | trunks | bases, lex)) is not None:
            # the name goes, its ending or particle stays: "[NAME]র মায়ের", "ل[NAME]"
            out.append((m.start() + max(cut, 0), m.end() + min(cut, 0), NAME))
    return out


# Slavic names decline by their last vowel ("Настя … Насте", "Вика … Вике", "Сергій …
# Сергієм") or drop a fleeting e ("Marek … Marka", "Janek … Janka")
_SOFT_END = frozenset("аяеоуйьыиіїєa")  # in Latin only -a: "Kasia … Kasię", not "Mamani"
_CONSONANT_END = re.compile(r"[^\W\d_aeiouyаяеёоуыиіїєюэ]")


def _trunks(stems: set[str]) -> set[str]:
    out: set[str] = set()
    for stem in stems:
        if stem[-1] in _SOFT_END and len(stem) > _MIN_STEM:
            out.add(stem[:-1])
        elif len(stem) > _MIN_STEM + 1 and stem[-2] == "e" and _CONSONANT_END.match(stem[-1]):
            out.add(stem[:-2] + stem[-1])
    return out


def _stem(word: str, lex: Lexicon) -> bool:
    return (
        len(word) >= _MIN_STEM
        and word not in TITLES
        and word not in _NOT_STEMS
        and word not in KIN_TITLES
        and not _UNSPACED.match(word)
        and word not in lex.common
        and word not in lex.nations
        and word not in lex.big_places
        and word not in lex.places
    )


# case endings of cased scripts a found name may carry: Kazakh, Kyrgyz and Uzbek genitive
# and dative, Finnish genitive and locatives, Slavic and Lithuanian oblique cases
_CASE_ENDINGS = tuple(
    """
    ның нің дың дің тың тің нын нин дын дин тын тин нун нүн дун дүн тун түн ға ге қа ке га
    ка ning ga ni nin nın lle lta ltä sta stä ssa ssä om em ovi evi ом ем ой ей ою ею ові
    еві а я у ю е a e u o ui ą ės os io
    """.split()  # noqa: SIM905
)


def _bare_stem(raw: str, word: str, lex: Lexicon) -> bool:
    """``raw`` may be a found declined name's stem: capitalised (scripts without capitals
    give no such evidence), and no ordinary word or place."""
    return raw[0].isupper() and not (
        word in lex.common or english(word, lex) or word in lex.places or word in lex.neutral
    )


def _declined(raw: str, word: str, stems: set[str], lex: Lexicon) -> int | None:
    """Where a found name's word ends in ``raw`` before its ending (as a negative count of
    the ending's characters) or starts after its particle (1); None when it is no such.
    ``word`` is ``raw`` folded, for the lists."""
    if word in lex.common or english(word, lex) or word in lex.places:
        return None
    for n in range(1, _MOST_ENDING + 1):
        if len(raw) - n >= _MIN_STEM and raw[:-n] in stems:
            return -n
    if raw[0] in _PARTICLES and raw[1:] in stems:
        return 1
    return None
