"""Tokens of a text and what the learned recogniser sees of each (pure).

A token is a run of characters between spaces with its leading and trailing punctuation
split off ("(Faith", "Mwangi," → "(", "Faith", "Mwangi", ","). Each token is described by
strings: its folded form, affixes, shape, script, the lexicons that know it (Faker's
names, ordinary words, places), and the same of the two tokens either side. Nothing here
is tuned to one batch: the weights on these strings are learned (``learned``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from producers.intake.scrubbing.lexicon import Lexicon, _faker_lists, fold, lexicon

Token = tuple[int, int, str]  # start, end, text


def _edge(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


_POSSESSIVE = ("'s", "’s")


# full-width punctuation and brackets end a token as a space does: "lin_88，手机",
# "bc_kim65)이" are two words (a particle follows a bracket without a space)
_BREAKS = frozenset("，。、：；！？（）「」『』【】《》〈〉・()[]")


def _gap(ch: str) -> bool:
    return ch.isspace() or ch in _BREAKS


def tokenize(text: str) -> list[Token]:
    out: list[Token] = []
    n = len(text)
    i = 0
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        if text[i] in _BREAKS:
            out.append((i, i + 1, text[i]))
            i += 1
            continue
        j = i
        while j < n and not _gap(text[j]):
            j += 1
        s, e = i, j
        while s < e and _edge(text[s]):
            out.append((s, s + 1, text[s]))
            s += 1
        tail: list[Token] = []
        while e > s and _edge(text[e - 1]):
            tail.append((e - 1, e, text[e - 1]))
            e -= 1
        if e - s > 2 and text[e - 2 : e] in _POSSESSIVE:  # "Ramesh's": the name, then 's
            tail.append((e - 2, e, text[e - 2 : e]))
            e -= 2
        if s < e:
            out.append((s, e, text[s:e]))
        out.extend(reversed(tail))
        i = j
    return out


_SCRIPTS = (
    (0x0370, 0x03FF, "greek"),
    (0x0400, 0x052F, "cyr"),
    (0x0530, 0x058F, "arm"),
    (0x0590, 0x05FF, "hebr"),
    (0x0600, 0x06FF, "arab"),
    (0x0900, 0x097F, "deva"),
    (0x0980, 0x09FF, "beng"),
    (0x0A00, 0x0DFF, "indic"),
    (0x0E00, 0x0E7F, "thai"),
    (0x1000, 0x109F, "mymr"),
    (0x10A0, 0x10FF, "geor"),
    (0x1200, 0x139F, "ethi"),
    (0x1780, 0x17FF, "khmr"),
    (0x3040, 0x30FF, "kana"),
    (0x3400, 0x9FFF, "han"),
    (0xAC00, 0xD7AF, "hang"),
)


def script(ch: str) -> str:
    o = ord(ch)
    if o < 0x0250:
        return "latn" if ch.isalpha() else ("dig" if ch.isdigit() else "sym")
    for lo, hi, name in _SCRIPTS:
        if lo <= o <= hi:
            return name
    return "other"


def _shape(word: str) -> str:
    """Classes of characters with runs collapsed: "Mwangi" → "Xx", "LS6" → "Xd"."""
    out: list[str] = []
    for ch in word[:12]:
        if ch.isdigit():
            c = "d"
        elif ch.isupper():
            c = "X"
        elif ch.isalpha():
            c = "x" if ch.islower() else "a"  # "a": a letter of a script without case
        else:
            c = ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


@cache
def street_words() -> frozenset[str]:
    """Words of streets, units and buildings from Faker's address providers of every
    locale ("calle", "aleea", "apto", "crescent"), folded."""
    found = _faker_lists(
        "faker.providers.address",
        ("street_suffix", "street_prefix", "secondary_address", "building_prefix"),
    )
    return frozenset(
        fold(p) for x in found for p in _NOT_WORD.split(x) if len(p) >= 2 and p.isalpha()
    )


_NOT_WORD = re.compile(r"[\s.,()#%?{}0-9-]+")


def _flags(norm: str, raw: str, lex: Lexicon) -> list[str]:
    out = []
    if norm in street_words():
        out.append("street")
    if norm in lex.given or raw in lex.scripts.words:
        out.append("given")
    if norm in lex.surnames:
        out.append("sur")
    if norm in lex.common:
        out.append("common")
    if norm in lex.english:
        out.append("eng")
    if norm in lex.places:
        out.append("place")
    if norm in lex.nations:
        out.append("nation")
    if norm in lex.jobs:
        out.append("job")
    if raw[0].isalpha() and not {"eng", "common", "place", "nation", "job"} & set(out):
        # a word no list of ordinary words knows: capitalised, it may be an unlisted name
        out.append("unk_cap" if raw[0].isupper() else "unk_low")
    return out


# bounded: every partner's words pass here, and an unbounded cache let one partner grow
# the intake's memory without limit with random words (and kept every word it ever saw)
@lru_cache(maxsize=1 << 16)
def _word(raw: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """A token's own features and those its neighbours report of it; cached since most
    words recur (the cache holds recent words, read only inside this process)."""
    lex = lexicon()
    norm = fold(raw)
    shape = _shape(raw)
    flags = _flags(norm, raw, lex)
    own = [
        "w=" + norm,
        "sh=" + shape,
        "sc=" + script(raw[0]),
        "p2=" + norm[:2],
        "p3=" + norm[:3],
        "s2=" + norm[-2:],
        "s3=" + norm[-3:],
        "len=" + str(min(len(raw), 8)),
        *("f=" + f for f in flags),
        *("fs=" + f + shape[:2] for f in flags),
    ]
    near = ["w=" + norm, "sh=" + shape, *("f=" + f for f in flags)]
    return norm, tuple(own), tuple(near)


def features(tokens: list[Token], place: bool) -> list[list[str]]:
    """The strings describing each token in its context."""
    words = [_word(t[2]) for t in tokens]
    n = len(words)
    out: list[list[str]] = []
    for i, (norm, own, _) in enumerate(words):
        f = list(own)
        if place:
            f.append("place_field")
        if i == 0:
            f.append("first")
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                f.extend(f"{d}{x}" for x in words[j][2])
            else:
                f.append(f"{d}edge")
        if i > 0:
            f.append("bi=" + words[i - 1][0] + "|" + norm)
        out.append(f)
    return out
