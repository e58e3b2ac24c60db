"""Names told by the contacts of the same text (pure): people write their names into their
email addresses, handles and profile links ("nadiia.bondar89@ukr.net", "kyle.m.ldn",
"instagram.com/olek.recruits"), so a word of a contact that is no ordinary word is a name
wherever else the text writes it ("Nadiia Bondar", "her bf kyle", "calling himself Olek"),
in any language and with no cue. A capitalised mention takes the capitalised word beside
it that is a listed name or no ordinary word, role or place ("Ana" before "Petrović").

The contacts themselves are found first, by ``contacts``; this reads only their words.
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.lexicon import english, fold, lexicon
from producers.intake.scrubbing.wordlists import TITLES

MIN_LETTERS = 3  # "m", "jo" in "kyle.m.ldn", "jo_83" say nothing
_PARTS = re.compile(r"[^\W\d_]+")
_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?(?:www\.)?[^/\s]+/?", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _seeds(contact: str, kind: str) -> set[str]:
    """The words of a contact that may be its owner's name: the part before "@" of an
    email, the path of a link, a handle whole; never a domain nor an ordinary word."""
    if kind == "email":
        contact = contact.split("@", 1)[0]
    elif kind == "url":
        contact = _HOST.sub("", contact, count=1)
    lex = lexicon()
    out = set()
    for part in _PARTS.findall(contact):
        norm = fold(part)
        if len(norm) < MIN_LETTERS or norm in lex.jobs or norm in lex.splits or norm in TITLES:
            continue  # "pastor.john@", "pak.budi": a title, no name
        if _listed(norm) or not (norm in lex.common or norm in lex.places or _english(norm)):
            out.add(norm)
    return out


def _english(norm: str) -> bool:
    """An English word, also a plural web2 lacks ("jobs")."""
    lex = lexicon()
    return english(norm, lex) or (norm.endswith("s") and english(norm[:-1], lex))


def _listed(norm: str) -> bool:
    """A listed given name or surname that is no ordinary word ("kyle", "hristova")."""
    lex = lexicon()
    return norm in lex.given or norm in lex.surnames


def contact_name_spans(text: str, contacts: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Mentions, outside ``contacts`` (start, end, kind), of the name words in them."""
    seeds: set[str] = set()
    for start, end, kind in contacts:
        seeds |= _seeds(text[start:end], kind)
    if not seeds:
        return []
    words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)]
    out: list[tuple[int, int]] = []
    for i, (at, to, word) in enumerate(words):
        norm = fold(word)
        if norm not in seeds or any(s <= at < e for s, e, _ in contacts):
            continue
        if not word[0].isupper() and _english(norm):
            continue  # "kazi" (work) in "kazi.jobs" and in the text: a word, not a name
        start, end = at, to
        if word[0].isupper():
            if i > 0 and _rest_of_name(text, words[i - 1], at):
                start = words[i - 1][0]
            if i + 1 < len(words) and _rest_of_name(text, words[i + 1], to):
                end = words[i + 1][1]
        out.append((start, end))
    return out


def _rest_of_name(text: str, other: tuple[int, int, str], at: int) -> bool:
    """``other`` is one space from the mention at ``at`` and a capitalised word that is a
    listed name or no ordinary word, role or place: the rest of the name."""
    gap = text[other[1] : at] if other[1] <= at else text[at : other[0]]
    word = other[2]
    norm = fold(word)
    lex = lexicon()
    return (
        gap == " "
        and word[0].isupper()
        and norm not in lex.jobs
        and norm not in lex.splits
        and norm not in TITLES
        and (norm in lex.named or not (norm in lex.common or norm in lex.places))
        and not _english(norm)
    )
