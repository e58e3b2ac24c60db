"""A title or kinship word at a name's start stays: the name is what follows it (pure).

"Mama Joy", "Alhaji Musa", "Serigne Fall", "Auntie Grace", "Ìyá Bọ́lá": the title tells
no one apart (many are called "Mama"), the name after it does; so does an ordinary word
no list gives as a name before a listed one ("Majitel Pavel Kříž": the owner). Whatever
rule found the name (runs of capitals, quoted nicknames, cues, the learned recogniser),
its span loses the titles that open it, once one word of the name is left. A title
repeated is a name ("Ko Ko Naing"), "Big" and "Boy" are part of a nickname ("Big Tony",
"Boy Villanueva"), and an honorific before a surname is a given name ("Don Smith",
against "Don Aurelio").
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.cues import opens_sentence
from producers.intake.scrubbing.lexicon import Lexicon, fold, lexicon
from producers.intake.scrubbing.text import NAME, Span, words
from producers.intake.scrubbing.wordlists import HONORIFICS, KIN_TITLES

# titles and kin words that open a name in the text partners write; Burmese, Thai and
# Malay titles that are given names too ("Tuan Anh", "Ko Ko") are left to the runs' rules
_OPENERS = (KIN_TITLES - {"big", "boy"}) | words(
    """
    mr mrs ms miss mx dr dra prof madam madame mme mlle sr sra srta herr frau signora
    signor pastor imam chief mister sir lady lord ustaz ustazah hajji hadji datin datuk
    dato uncle auntie aunty aunt sister brother cousin iya oga mamma mamá papá tia tio
    tía tío tante tonton herrn tantie malam mallam alhaja
    madan manang manong ramatoa ingahy mommy mummy daddy boss ustadh ustadha ratu oom
    sergeant sgt inspector insp constable detective corporal ntate mausi mausiji bro
    dc ds dci dsu pc pcso ofw headman obbo obboo aadde aaddee durbee
    hola hi hello hey dear bonjour hallo olá salut querida querido
    حاج حاجي حاجی الحاج ملا
    """
)
# Vietnamese kin words and titles before a name given surname first: "Anh Lê Văn Quyết",
# "chị Nguyễn Thị Lan", "bà Đặng Thị Hường" (before a given name they may be one: "Anh Hai")
_VIETNAMESE = words("anh chị ông bà cô chú em")
_VIETNAMESE_SURNAMES = words(
    "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly lo quang dinh "
    "trinh mai cao luong ha lam truong dao doan kieu tong ta thai"
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*\.?")
_SHORT = 3


def _opener(raw: str, word: str, nxt: str, lex: Lexicon, *, opens: bool = False) -> bool:
    if raw.lower() in _VIETNAMESE:
        return nxt in _VIETNAMESE_SURNAMES
    if word == nxt:
        return False  # "Ko Ko Naing", "Mama Mama": the name itself
    if word in HONORIFICS:  # "Don Aurelio", "Pak Bambang"; "Don Smith" is a given name
        return nxt in lex.given or nxt not in lex.surnames
    # an ordinary word that no list gives as a name opening a sentence before a listed
    # name: a role or a heading of a language whose role words no rule knows ("Pachatel
    # Miroslav Krejčí", "Majitel Pavel …": perpetrator, owner), capitalised as the first
    # word ("Big Tony", "Dil Kumar": a short word may be a nickname's or a name's part)
    # (not in capitals: there every word is capitalised, "Surname: DELA CRUZ")
    ordinary = (
        opens and len(word) > _SHORT and word in lex.common and word not in lex.named
        and not raw.isupper()
    )  # fmt: skip
    return word in _OPENERS or (ordinary and (nxt in lex.given or nxt in lex.surnames))


# an English possessive after an apostrophe is no part of the name ("Grace's"); a Turkish
# or Azerbaijani case ending is ("Kaya'nın", "Mehmet'e": the pipeline's ``_SUFFIX``)
_ENDING = re.compile(r"['’]s$")


def untitled(text: str, spans: list[Span], *, place: bool = False) -> list[Span]:
    """``spans`` with the titles opening each name span, and a case ending after an
    apostrophe closing it, left out of it. In a place field an ordinary word opening it
    stays in the name: "Wohnung von …" is a person's home, and goes whole (scrub_place)."""
    lex = lexicon()
    out: list[Span] = []
    for start, end, kind in spans:
        if (
            kind == NAME
            and _FROM_PLACE.search(text, max(0, start - 6), start)
            and _CYRILLIC_NAME.fullmatch(text, start, end)
            and not _WITH.search(text, start, end)
        ):
            continue  # "жінка з Харкова", "из Нигерии": where from, no one
        if kind == NAME:
            out.append((*_bare(text, start, end, lex, place), kind))
        else:
            out.append((start, end, kind))
    return out


# Russian, Ukrainian, Belarusian "from" before a word in the genitive: a place or a body
# follows ("из Нигерии", "з Харкова", "із Середньої Азії"); a person one comes from is
# "от"/"від" ("от Марины"), so a name there is never a person's
_FROM_PLACE = re.compile(r"(?:^|(?<=[\s(«\"]))(?:[Ии]з|[Ии]зо|[Зз]|[Іі]з|[Зз]і|[Зз]ь) $")
_CYRILLIC_NAME = re.compile("[А-ЯЁІЇЄҐЎ][а-яёіїєґў'’-]+(?: [А-ЯЁІЇЄҐЎ][а-яёіїєґў'’-]+)?")
# "з" with the instrumental is "with": "виїхала з Ігорем", "с Ольгой" — a person
_WITH = re.compile("(?:ем|ом|ою|ею|ой|ей|им|ым|ам)$")


# a postposition glued to a name in Devanagari is no part of it: "सुरेश अधिकारीले" (by),
# "थापाको" (of), "रामलाई" (to); the name before it keeps at least three letters
_GLUED = re.compile(r"(?<=[\u0900-\u097f]{3})(?:लाई|बाट|सँग|को|ले|ने|की|के)$")


# Turkish titles follow the name ("Ayşe Hanım'ın", "Murat Bey"): no part of it
_TITLE_AFTER = re.compile(
    r"(?<=[^\W\d_])\s+(?:Hanım|Hanim|Hanımefendi|Bey|Beyefendi|Efendi|Abla|Ağabey|Abi|Hoca|"
    r"Usta|Teyze|Amca|Dayı)(?:['’][a-zçğıöşü]{1,5})?$"
)


def _bare(text: str, start: int, end: int, lex: Lexicon, place: bool) -> tuple[int, int]:
    start = _after_titles(text, start, end, lex, place)
    title = _TITLE_AFTER.search(text, start, end)
    if title is not None:
        end = title.start()
    ending = _ENDING.search(text, start, end)
    if ending is None and "\u0900" <= text[end - 1] <= "\u097f":
        ending = _GLUED.search(text, max(start, end - 16), end)
    return start, ending.start() if ending and ending.start() > start else end


def _after_titles(text: str, start: int, end: int, lex: Lexicon, place: bool) -> int:
    while True:
        first = _WORD.match(text, start, end)
        if first is None:
            return start
        rest = start + len(first.group(0))
        gap = len(text[rest:end]) - len(text[rest:end].lstrip())
        nxt = _WORD.match(text, rest + gap, end)
        if not gap or nxt is None or len(nxt.group(0).rstrip(".")) < 2:
            return start
        raw = first.group(0).rstrip(".")
        folded = fold(nxt.group(0).rstrip("."))
        opens = not place and opens_sentence(text, start)
        if not _opener(raw, fold(raw), folded, lex, opens=opens):
            return start
        start = rest + gap
