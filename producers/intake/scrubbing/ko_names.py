"""Korean personal names found by a morphological analyser with a bundled model
(kiwipiepy, Apache-2.0; its model in the kiwipiepy-model package): Kiwi splits the
particles off a word ("박동철에게", "최동수라는") and tags proper nouns (NNP). Kiwi has
no tag for persons, so a proper noun is a name when it is spelt as a Korean one (a
surname of Faker's ko_KR list and one or two syllables: "리은정", "강치호"; a surname
Kiwi cut off alone joins the syllables after it), or when it follows a word for a person
("여성 솜폰 차이야", "선원 시바쿠마르") or stands before "씨" or "님" ("만수 씨"), and is no
place the gazetteer or its ending (-시, -군, -도, -로…) tells. Foreign names Kiwi cuts
into syllables are read from the words before "씨" ("니말 페레라 씨가"), and Vietnamese
names by a surname only they have ("응우옌 티 린").

The model is loaded once per process, on the first text with Hangul (~2 s); the
analyser costs ~1 ms a sentence, and only Hangul text pays it.
"""

from __future__ import annotations

import re
import threading
from functools import cache
from typing import Any

from producers.intake.scrubbing.lexicon import fold, lexicon
from producers.intake.scrubbing.text import words

_HANGUL = re.compile("[\uac00-\ud7a3]")
_ALL_HANGUL = re.compile("[\uac00-\ud7a3]+")
# endings of places and institutions: city, county, district, province, town, village,
# neighbourhood, road, street, castle, country, centre, company
_PLACE_END = tuple("시군구도면읍리동로길성국관청원소터회단")
# words for a person before a foreign name written in Hangul
_PERSON = words(
    """여성 남성 여자 남자 선원 노동자 근로자 피해자 소녀 소년 아내 남편 브로커 업주 사장
    고용주 선주 농장주 씨 어머니 아버지 딸 아들 친구 가사도우미 간병인 이주민 신부"""
)
_LOCK = threading.Lock()


@cache
def load() -> Any:
    """The analyser; ImportError or OSError (its model package missing) when it cannot
    load (``bundled`` makes that refuse a start)."""
    from kiwipiepy import Kiwi  # type: ignore[import-untyped]

    return Kiwi()


@cache
def _kiwi() -> Any:
    """The analyser, or None when it cannot load: pure callers (the evaluation, tests)
    still scrub; a start refuses first (``bundled``)."""
    try:
        return load()
    except (ImportError, OSError):
        return None


def ko_name_spans(text: str) -> list[tuple[int, int]]:
    """Spans of Korean personal names in ``text`` (module docstring)."""
    if not _HANGUL.search(text) or _kiwi() is None:
        return []
    with _LOCK:
        tokens = [(t.form, t.tag, t.start, t.start + t.len) for t in _kiwi().tokenize(text)]
    surnames = lexicon().scripts.ko_surnames
    out: list[tuple[int, int]] = []
    for i, (form, tag, start, end) in enumerate(tokens):
        if tag != "NNP" or not _ALL_HANGUL.fullmatch(form) or text[start:end] != form:
            continue
        if form in surnames and len(form) == 1:
            # a surname cut off alone: the syllables written onto it ("최" "동수라는"),
            # also when Kiwi read them as a number and a unit ("강" "만" "호")
            if (given_end := _given(tokens, i + 1, text)) is not None:
                out.append((start, given_end))
            continue
        if _place(form):
            continue
        if _titled(tokens, i, text) and 2 <= len(form) <= 3:  # "만수 씨", "지은님"
            out.append((start, end))
            continue
        korean = 2 <= len(form) - 1 <= 2 and (form[0] in surnames or form[:2] in surnames)
        if korean or (i > 0 and _foreign(tokens, i, text, out)):
            out.append((start, end))
    return out + _after_person(tokens, text, surnames) + _before_title(text) + _vietnamese(text)


# one or two words written before "씨" (Mr/Ms) with its particles: a foreign name spelt in
# Hangul that Kiwi cuts into syllables ("니말 페레라 씨가", "아궁 프라세티요 씨가")
_BEFORE_TITLE = re.compile(
    r"(?<![\uac00-\ud7a3])(?P<first>[\uac00-\ud7a3]{1,6} )?(?P<last>[\uac00-\ud7a3]{1,6}) 씨"
    r"(?=[\uac00-\ud7a3]{0,3}(?![\uac00-\ud7a3]))"
)
# a Vietnamese name spelt in Hangul: a surname only Vietnamese names have (Nguyễn, Trần,
# Phạm, Hoàng, Huỳnh, Bùi, Ngô, Dương) and one or two short words ("응우옌 티 린")
_VIETNAMESE = re.compile(
    r"(?<![\uac00-\ud7a3])(?:응우옌|응우엔|쩐|팜|호앙|후인|부이|응오|즈엉)"
    r"(?: [\uac00-\ud7a3]{1,2}){1,2}(?![\uac00-\ud7a3])"
)


def _before_title(text: str) -> list[tuple[int, int]]:
    """The name before "씨": its last word, and the word before when the last is not
    spelt as a Korean name and the word before is no word for a person, no place and
    neither common nouns alone ("선원", "이주노동자") nor a verb's form ("맡은", "있는")."""
    if " 씨" not in text:
        return []
    surnames = lexicon().scripts.ko_surnames
    out: list[tuple[int, int]] = []
    for m in _BEFORE_TITLE.finditer(text):
        last = m.group("last")
        if last in _PERSON or _place(last):
            continue
        first = (m.group("first") or "").strip()
        korean = 2 <= len(last) <= 3 and last[0] in surnames  # "이성훈 씨", "김모 씨"
        keep = (
            first
            and not korean
            and first not in _PERSON
            and not _place(first)
            and not _common(first)
        )
        if keep:
            out.append((m.start("first"), m.end("last")))
        elif len(last) >= 2:  # one syllable alone is no name to seek again elsewhere
            out.append((m.start("last"), m.end("last")))
    return out


# what a word of Korean is made of when it is one: a verb's or adjective's stem and its
# endings ("맡은", "감금됐던"), or a particle on a noun
_NOT_NAME_TAGS = ("VV", "VA", "VX", "XSV", "XSA", "ETM", "JK", "JX")


def _common(word: str) -> bool:
    """Kiwi reads ``word`` alone as common nouns of two or more syllables each, or as a
    verb's or adjective's form."""
    with _LOCK:
        toks = [(t.form, t.tag) for t in _kiwi().tokenize(word)]
    nouns = all(tag in ("NNG", "NNB") and len(form) >= 2 for form, tag in toks)
    return nouns or any(tag.startswith(_NOT_NAME_TAGS) for _, tag in toks)


def _vietnamese(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _VIETNAMESE.finditer(text)]


def _given(tokens: list[tuple[str, str, int, int]], j: int, text: str) -> int | None:
    """Where one or two syllables of nouns or numerals written onto a surname end."""
    first = end = tokens[j - 1][3]
    while j < len(tokens) and tokens[j][2] == end and tokens[j][1].startswith(("NN", "NR")):
        end = tokens[j][3]
        j += 1
    given = text[first:end]
    return end if 1 <= len(given) <= 2 and _ALL_HANGUL.fullmatch(given) else None


def _titled(tokens: list[tuple[str, str, int, int]], i: int, text: str) -> bool:
    """A proper noun before "씨" or "님" (Mr/Ms), written on or after a space."""
    if i + 1 >= len(tokens):
        return False
    nxt = tokens[i + 1]
    return nxt[0] in ("씨", "님") and not text[tokens[i][3] : nxt[2]].strip()


def _after_person(
    tokens: list[tuple[str, str, int, int]], text: str, surnames: frozenset[str]
) -> list[tuple[int, int]]:
    """A name Kiwi cut into common nouns ("박동" "철에게") after a word for a person: the
    nouns written together spell a surname and two syllables, and a particle or a space
    follows."""
    out: list[tuple[int, int]] = []
    for i in range(1, len(tokens)):
        if tokens[i - 1][0] not in _PERSON or tokens[i][1] == "NNP":
            continue
        start = end = tokens[i][2]
        j = i
        while j < len(tokens) and tokens[j][1].startswith("NN") and tokens[j][2] == end:
            end = tokens[j][3]
            j += 1
        word = text[start:end]
        follows = tokens[j][1] if j < len(tokens) else "J"
        if (
            j - i >= 2
            and len(word) == 3
            and _ALL_HANGUL.fullmatch(word)
            and word[0] in surnames
            and follows.startswith(("J", "S"))
            and not _place(word)
        ):
            out.append((start, end))
    return out


def _foreign(
    tokens: list[tuple[str, str, int, int]], i: int, text: str, found: list[tuple[int, int]]
) -> bool:
    """A proper noun after a word for a person, or the next word of a name found."""
    prev = tokens[i - 1]
    after_name = bool(found) and found[-1][1] == prev[3] and prev[1] == "NNP"
    return (prev[0] in _PERSON or after_name) and not text[prev[3] : tokens[i][2]].strip()


def _place(form: str) -> bool:
    return form.endswith(_PLACE_END) or fold(form) in lexicon().places
