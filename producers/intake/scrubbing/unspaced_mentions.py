"""Other mentions of a found name in scripts written without spaces (pure).

``name_mentions`` reads a found name's words again where spaces part them; in Korean,
Chinese and Japanese a name comes back whole or by its given name alone, written onto
what follows: "박준호 … 준호의 카톡", "李春花 … 春花说", "グエン・ティ・ラン … ランさん". Once a
rule found a Korean or Chinese name of three syllables (a one-syllable surname and a
two-syllable given name), its given name is that person again where it does not continue
a word of its own script before it (and, for Han, the dictionary gives it as no common
word); a katakana name's parts of two letters or more are that person where no katakana
touches them. The whole found name is that person again anywhere, in Thai, Lao, Burmese
and Khmer too, where a title or a word is written onto it ("เบอร์โทรของนายสมชาย").
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.han_names import word_count
from producers.intake.scrubbing.text import NAME, Span

_CJK = re.compile("[\u30a1-\u30fa\u3400-\u9fff\uac00-\ud7a3]")
_HANGUL = re.compile("[\uac00-\ud7a3]+")
_HAN = re.compile("[\u3400-\u9fff]+")
_KATAKANA_NAME = re.compile("[\u30a1-\u30fa\u30fc]+(?:・[\u30a1-\u30fa\u30fc]+)+")
_KATAKANA = re.compile("[\u30a1-\u30fa\u30fc]")
# Thai, Lao, Burmese and Khmer letters; a name there may hold a space ("សុខ ស្រីពៅ")
_SEA_LETTER = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
_SEA = re.compile(f"[{_SEA_LETTER}]")
_SEA_NAME = re.compile(f"[{_SEA_LETTER}]{{3,}}(?: [{_SEA_LETTER}]+)*")
# what a Korean given name may have written onto it: particles, "씨" and "님"; anything
# else of Hangul after it makes another word ("민우회": an association)
_KO_AFTER = re.compile(
    "(?:씨|님|이|가|은|는|을|를|의|에게|에게서|와|과|도|한테|라는|이라는|랑|이랑|하고|야|아|이가|이는"
    "|이를|이의|이와|이도|이에게|이한테)?(?![\uac00-\ud7a3])"
)
_GIVEN = 2  # syllables of a Korean or Chinese given name after a one-syllable surname
_MOST_HAN_COUNT = 500  # a Han given name the dictionary counts more often is a word too
_MIN_PART = 2
# katakana parts that are also words or Vietnamese middle names shared by many people
_NOT_PARTS = frozenset({"ヴァン", "ティ", "ティー", "バン"})


def unspaced_mentions(text: str, spans: list[Span]) -> list[Span]:
    """Every other mention of a found Korean, Chinese or Japanese name (docstring)."""
    if not _CJK.search(text) and not _SEA.search(text):
        return []
    out: list[Span] = []
    for name in sorted({text[s:e] for s, e, kind in spans if kind == NAME}):  # each once
        if _SEA_NAME.fullmatch(name):
            out += _others(text, name, _SEA, whole=True)
        elif _HANGUL.fullmatch(name):
            out += _others(text, name, _HANGUL, whole=True)
            if len(name) == _GIVEN + 1:
                out += [
                    sp
                    for sp in _others(text, name[1:], _HANGUL, whole=False)
                    if _KO_AFTER.match(text, sp[1])
                ]
        elif _HAN.fullmatch(name):
            out += _others(text, name, _HAN, whole=True)
            if len(name) == _GIVEN + 1 and word_count(name[1:]) <= _MOST_HAN_COUNT:
                out += _others(text, name[1:], _HAN, whole=False)
        elif _KATAKANA_NAME.fullmatch(name):
            for part in name.split("・"):
                if len(part) >= _MIN_PART and part not in _NOT_PARTS:
                    out += _alone(text, part)
    return out


def _others(text: str, word: str, script: re.Pattern[str], *, whole: bool) -> list[Span]:
    """``word`` again; a given name only where no letter of its script stands before it."""
    out: list[Span] = []
    at = text.find(word)
    while at != -1:
        if whole or at == 0 or not script.match(text, at - 1):
            out.append((at, at + len(word), NAME))
        at = text.find(word, at + len(word))
    return out


def _alone(text: str, part: str) -> list[Span]:
    out: list[Span] = []
    at = text.find(part)
    while at != -1:
        end = at + len(part)
        if not (at and _KATAKANA.match(text, at - 1)) and not _KATAKANA.match(text, end):
            out.append((at, end, NAME))
        at = text.find(part, end)
    return out
