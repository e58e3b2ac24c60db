"""A capitalised name set off before its birth date, age or identity document (pure).

"Wanjiku Mwangi (passport AK0458213, DOB …)", "Rupa Mondal, 16 (DOB …)", "Edivaldo Souza
(nascido em …)": whose birth date or passport it is is a person, and names like these
are in no list (Kikuyu, Bengali surnames, many others). Two or three capitalised words
just before such a bracket or comma are a name when none is an ordinary word, a place, a
nationality or an institution's word, and no capitalised word runs on before them (then
the run is a heading or an organisation's name, judged by the runs' rules). The same
for scripts without capitals is ``born_names``.
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.lexicon import Lexicon, english, fold, lexicon
from producers.intake.scrubbing.text import NAME, UPPER, Span
from producers.intake.scrubbing.wordlists import CUES, NOT_NAMES, TITLES

_CAP_WORD = rf"[{UPPER}][^\W\d_]+(?:['’-][^\W\d_]+)?"
# birth, age and document words as they open a bracket or follow a comma after a name
_SET_OFF = re.compile(
    rf"(?<![\w'’-])(?P<name>{_CAP_WORD}(?: {_CAP_WORD}){{1,2}})"
    r"(?:\s*\(\s*(?i:passport|pasaporte|passeport|passaporte|paspor|dob|d\.o\.b|born|b\.|"
    r"n[ée]e?|nacid[oa]|nascid[oa]|geboren|nat[oa]|urodzon[ya]|id\b|nin\b|nic\b|cnic|"
    r"aadhaar|ppsn|aged?\b)"
    r"|\s*\(\s*\d{1,2}\s*(?:\)|,|y|yrs|years|ans|años|anos|jahre)"
    r"|,\s*\d{1,2}\s*(?:,|\(|years?\b|yrs\b|y/o\b|ans\b|años\b|anos\b)"
    r"|,\s*(?i:born|dob|d\.o\.b|aged|nacid[oa]|nascid[oa]|née?|geboren)\b)"
)


def _ordinary(word: str, lex: Lexicon) -> bool:
    norm = fold(word)
    if norm in lex.given or norm in lex.surnames:
        return False
    return (
        norm in lex.common
        or norm in lex.places
        or norm in lex.nations
        or norm in NOT_NAMES
        or norm in TITLES
        or norm in CUES
        # web2's English words hold names too ("rupa"): only its inflected forms count
        or (norm not in lex.english and english(norm, lex))
    )


def documented_names(text: str, spans: list[Span]) -> list[Span]:
    """Names set off before a birth date, an age or a document (module docstring)."""
    if "(" not in text and "," not in text:
        return []
    lex = lexicon()
    out: list[Span] = []
    for m in _SET_OFF.finditer(text):
        start, end = m.span("name")
        if any(s < end and start < e for s, e, _ in spans):
            continue  # a rule took it (or part of it) already
        before = text[max(0, start - 30) : start].rstrip()
        if before and before[-1].isalpha() and before.split()[-1][:1].isupper():
            continue  # a longer capitalised run: "Hope Haven Ghana (ID …"
        if any(_ordinary(w, lex) for w in m.group("name").split()):
            continue
        out.append((start, end, NAME))
    return out
