"""Capitalised words, the tokens the name finder reads (lower-case words only separate them)."""

from __future__ import annotations

import re
from typing import NamedTuple

from producers.intake.scrubbing.lexicon import fold
from producers.intake.scrubbing.text import POSSESSIVE, UPPER


class Tok(NamedTuple):
    start: int
    end: int
    text: str
    norm: str
    cap: bool


_CAP_WORD = re.compile(rf"[{UPPER}][^\W\d_]*(?:[-'’][^\W\d_]+)*")


def capital_words(text: str) -> list[Tok]:
    """Capitalised words that begin a word (lower-case words only separate runs)."""
    out = []
    for m in _CAP_WORD.finditer(text):
        at = m.start()
        if at and (
            text[at - 1].isalpha() or (text[at - 1] in "'’" and at > 1 and text[at - 2].isalpha())
        ):
            continue  # "McDonald" is one word, "iPhone" none, "d'Ivoire" not a name start
        w = m.group(0)
        if m.end() < len(text) and text[m.end()].isdigit():
            continue  # the letters of a code: "BQXPY4821K", "GB71MONZ…"
        if w.endswith(POSSESSIVE):
            w = w[:-2]  # "Grace's number": the name is "Grace"
        out.append(Tok(at, at + len(w), w, w.casefold() if w.isascii() else fold(w), True))
    return out
