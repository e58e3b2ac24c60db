"""A found name's spelling in another script, bracketed beside it (pure).

Partners write a name in the person's script and in Latin letters, one in brackets after
the other: "ဇော်လင်းထက် (Zaw Lin Htet)", "Sunil Perera (සුනිල් පෙරේරා)". Once a rule
found one of the two, the other is the same name. Before a bracketed name: the word of a
script without spaces (Thai, Lao, Burmese, Khmer, Chinese, Japanese) touching the bracket,
or as many words of one other script as the name has (up to four). In a bracket after a
name: up to four words of one script that is not the name's. Latin letters are never
taken this way (the capital rules read them).
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.lexicon import fold, lexicon
from producers.intake.scrubbing.text import NAME, Span, is_letter, script_of

_UNSPACED = frozenset({"THAI", "LAO", "MYANMAR", "KHMER", "CJK", "HIRAGANA", "KATAKANA"})
_MOST_WORDS = 4
_MOST_CHARS = 80


def _words_before(text: str, end: int, script: str, most: int) -> int | None:
    """The start of up to ``most`` words of ``script`` ending at ``end``, a space apart."""
    start, found, pos = None, 0, end
    floor = max(0, end - _MOST_CHARS)
    while found < most and pos > floor and is_letter(text[pos - 1]):
        word_end = pos
        while pos > floor and is_letter(text[pos - 1]):
            pos -= 1
        if any(script_of(c) != script for c in text[pos:word_end] if c.isalpha()):
            break
        start, found = pos, found + 1
        if script in _UNSPACED or pos == 0 or text[pos - 1] != " ":
            break
        pos -= 1
    return start


def _bracket_after(text: str, end: int, script_of_name: str) -> tuple[int, int] | None:
    """The words of one other script filling a bracket right after ``end``."""
    at = end + 1 if text[end : end + 1] == " " else end
    if text[at : at + 1] != "(":
        return None
    close = text.find(")", at + 1, at + 2 + _MOST_CHARS)
    inner = text[at + 1 : close] if close > 0 else ""
    words = inner.split()
    letters = [c for c in inner if c.isalpha()]
    if not words or len(words) > _MOST_WORDS or not letters:
        return None
    scripts = {script_of(c) for c in letters}
    if len(scripts) != 1 or scripts & {"LATIN", script_of_name}:
        return None
    if not all(is_letter(c) or c == " " for c in inner.strip()):
        return None
    return at + 1, close


def twins(text: str, spans: list[Span]) -> list[Span]:
    """Spellings in another script bracketed beside a found name, as names."""
    if "(" not in text:
        return []
    out: list[Span] = []
    for start, end, kind in spans:
        if kind != NAME or end <= start:
            continue
        bracketed = start >= 2 and text[start - 1] == "("
        if not bracketed and "(" not in text[end : end + 2]:
            continue  # no bracket touches it: the cheap test first
        letters = [c for c in text[start:end] if c.isalpha()]
        if not letters:
            continue
        own = script_of(letters[0])
        # before: "ဇော်လင်းထက် (Zaw Lin Htet)"
        if start >= 2 and text[start - 1] == "(" and text[end : end + 1] == ")":
            at = start - 2 if text[start - 2] == " " else start - 1
            last = next((c for c in reversed(text[max(0, at - 24) : at]) if c.isalpha()), "")
            script = script_of(last) if last and at > 0 and is_letter(text[at - 1]) else "LATIN"
            if script not in {"LATIN", own}:
                most = 1 if script in _UNSPACED else min(_MOST_WORDS, len(text[start:end].split()))
                if (first := _words_before(text, at, script, most)) is not None:
                    out.append((first, at, NAME))
        # after: "Sunil Perera (සුනිල් පෙරේරා)"
        if (inner := _bracket_after(text, end, own)) is not None:
            out.append((*inner, NAME))
    return out


# two to four capitalised Latin words written between Chinese or Japanese letters with no
# space: a foreign person's name in the partner's script ("越南籍渔工Tran Van Long表示…"),
# unless a place ("在Hong Kong工作")
_GLUED_LATIN = re.compile(
    r"(?<=[\u3040-\u30ff\u3400-\u9fff])"
    r"[A-Z][a-z]+(?: [A-Z][a-z]+){1,3}"
    r"(?=[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef])"
)
_CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff]")


def glued_latin(text: str) -> list[Span]:
    """Latin names written onto Chinese or Japanese letters (``_GLUED_LATIN``)."""
    if not _CJK.search(text):
        return []
    lex = lexicon()
    out: list[Span] = []
    for m in _GLUED_LATIN.finditer(text):
        parts = [fold(p) for p in m.group(0).split()]
        if fold(m.group(0)) in lex.places or any(
            p in lex.big_places and p not in lex.named for p in parts
        ):  # "Van" is a town and a middle name: "Tran Van Long"
            continue
        out.append((m.start(), m.end(), NAME))
    return out
