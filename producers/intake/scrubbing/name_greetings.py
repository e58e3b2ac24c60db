"""The person a message greets: "Hi Tom, following up", "Dear Grace,", "hola ana!" (pure).

A caseworker's e-mail or a survivor's chat opens with the name of whom it is written to;
a greeting at the start of a line, then one or two listed names and a comma, a "!", a
colon or the line's end. A greeting of a role ("Hi team,", "Dear Sir,") names no one.
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.lexicon import fold, lexicon
from producers.intake.scrubbing.text import NAME, Span

GREETINGS = (
    "hi", "hello", "hey", "dear", "hola", "bonjour", "hallo", "olá", "ola", "ciao", "salut",
    "querida", "querido", "estimada", "estimado", "liebe", "lieber", "chère", "cher",
)  # fmt: skip
_GREETED = re.compile(
    rf"(?:^|(?<=\n))[ \t]*(?i:{'|'.join(GREETINGS)})[ \t]+"
    r"(?P<name>[^\W\d_][\w'’-]*(?:[ \t][^\W\d_][\w'’-]*)?)[ \t]*(?=[,!:\n]|$)"
)


def greeted(text: str) -> list[Span]:
    if "," not in text and "!" not in text and ":" not in text and "\n" not in text:
        return []
    lex = lexicon()
    out: list[Span] = []
    for m in _GREETED.finditer(text):
        first, *rest = m.group("name").split()
        if fold(first) in lex.given and all(fold(w) in lex.given | lex.surnames for w in rest):
            out.append((m.start("name"), m.end("name"), NAME))
    return out
