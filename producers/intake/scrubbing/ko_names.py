"""Korean personal names found by a morphological analyser with a bundled model
(kiwipiepy, Apache-2.0; its model in the kiwipiepy-model package): Kiwi splits the
particles off a word ("박동철에게", "최동수라는") and tags proper nouns (NNP). Kiwi has
no tag for persons, so a proper noun is a name when it is spelt as a Korean one (a
surname of Faker's ko_KR list and one or two syllables: "리은정", "강치호"; a surname
Kiwi cut off alone joins the syllables after it), or when it follows a word for a person
("여성 솜폰 차이야", "선원 시바쿠마르") or stands before "씨" or "님" ("만수 씨"), and is no
place the gazetteer or its ending (-시, -군, -도, -로…) tells.

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
    return out + _after_person(tokens, text, surnames)


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
