"""A name with a quoted nickname inside it: "Marek „Gruby” Zieliński" (pure).

"Johannes 'Oom Jan' van der Merwe", "Ikenna 'Money' Okeke", "გიორგი „გოგა“ კაპანაძე":
partners write the nickname a person goes by between the given name and the family name.
A capitalised word (or a word of a script without capitals), a quoted phrase of one to
three words, and a second such word (after particles: "van der") make one name, whole,
when neither outer word is an ordinary word, a place, a title, a role or an institution's
("Hotel 'Sunrise' Resort", "Operation 'Kestrel' Team" stay); in a script without capitals
only after a given name a list knows.
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.lexicon import Lexicon, english, fold
from producers.intake.scrubbing.scripts import script_cue
from producers.intake.scrubbing.text import UPPER
from producers.intake.scrubbing.wordlists import (
    CUES,
    FUNCTION,
    INSTITUTIONS,
    PARTICLES,
    ROLES,
    TITLES,
)

_OPEN = "'‘\"“„«‚"
_CLOSE = "'’\"”“»‘"
# a word opening a name: capitalised, or of a script without capitals (Georgian, Arabic,
# Hebrew, Indic, Ethiopic)
_WORD = (
    rf"(?:[{UPPER}][^\W\d_]*(?:-[^\W\d_]+)?"
    r"|[\u0590-\u06ff\u0900-\u0dff\u10d0-\u10ff\u1200-\u137f][^\s\d,.;:!?()\"'«»“”„‘’]*)"
)
_QUOTED_MIDDLE = re.compile(
    rf"(?<![^\W\d_])(?P<first>{_WORD})\s+[{_OPEN}](?P<nick>[^\n{_OPEN}{_CLOSE}]{{1,30}})[{_CLOSE}]"
    rf"\s+(?P<particles>(?:(?:{'|'.join(sorted(PARTICLES))})\s+){{0,2}})(?P<last>{_WORD})"
)
_MOST_NICK_WORDS = 3


def quoted_middles(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Names with a quoted nickname between their parts (module docstring)."""
    if not any(q in text for q in _OPEN):
        return []
    out: list[tuple[int, int]] = []
    for m in _QUOTED_MIDDLE.finditer(text):
        if len(m.group("nick").split()) > _MOST_NICK_WORDS:
            continue
        first = m.group("first")
        if _no_name(first, lex) or _no_name(m.group("last"), lex):
            continue
        if first[0].lower() == first[0].upper() and (
            first not in lex.scripts.words or script_cue(first)
        ):
            continue  # no capitals: a given name a list knows ("გიორგი"), no role ("मालिक")
        out.append((m.start("first"), m.end("last")))
    return out


def _no_name(word: str, lex: Lexicon) -> bool:
    norm = fold(word)
    return (
        norm in FUNCTION
        or norm in TITLES
        or norm in ROLES
        or norm in CUES
        or norm in INSTITUTIONS
        or norm in lex.places
        or norm in lex.big_places
        or (norm in lex.common and norm not in lex.neutral)
        or (english(norm, lex) and norm not in lex.given and norm not in lex.surnames)
    )
