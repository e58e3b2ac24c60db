"""The towns on an address's own line go with it (team decision, 2026-12-01).

A city, town, district, region or postcode written on the same line as a street address,
joined to it by a comma or a space with no sentence break, is part of that address: "г.
Гомель, [ul. …]", "[House No. F 418/7, Adabraka], Accra", "[…], Нови Сад", "[…] 57130".
A town named elsewhere in the sentence ("moved to Lagos") is no part of it and stays.
A part is taken when the gazetteer knows it whole (after a town's mark such as "г." or
"м."), or when it is a postcode, or a known place followed by its postcode.
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.lexicon import english, fold, lexicon
from producers.intake.scrubbing.text import ADDRESS, Span

# the commas of Latin, Arabic and CJK text between an address's parts
_SEP = re.compile(r"[ \t]*[,،，、][ \t]*")
_SEP_BEFORE = re.compile(r"[,،，、][ \t]*$")
# one part of an address line: up to four words, no comma, no sentence mark
_WORD = r"[^\s,،，、;:!?。！？।॥۔፡።()\[\]\"«»“”]+"
_PART = re.compile(rf"{_WORD}(?:[ \t]+{_WORD}){{0,3}}")
_WORD_RE = re.compile(_WORD)
# a town's abbreviation or word before its name: "г. Казань", "м. Житомир", "city of"
_TOWN_MARK = re.compile(
    r"^(?:г\.|гор\.|город|м\.|місто|смт\.?|гр\.|град|m\.|miasto|city\s+of|ciudad\s+de)\s*",
    re.IGNORECASE,
)
# postcodes of many countries: "104 46", "75018", "LS6 2QT", "1072 TA", "H2J 2L3", "0112"
_POSTCODE = re.compile(
    r"\d{3}[ \t]?\d{2,3}|\d{4,6}|[A-Z]{1,2}\d[A-Z\d]?[ \t]*\d[A-Z]{2}|\d{4}[ \t]?[A-Z]{2}"
    r"|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d"
)
_SHORT = 3
_MOST_PARTS = 4
_WORDS_BACK = 3
_REACH = 80  # characters looked at before an address for its town


def _place(part: str) -> bool:
    """A place the gazetteer knows, not also a common word ("bị", "semi") unless marked."""
    bare = _TOWN_MARK.sub("", part.strip(" .")).strip()
    key, lex = fold(bare), lexicon()
    if not bare or key not in lex.places:
        return False
    return bare != part.strip(" .") or not (
        len(key) < _SHORT or key in lex.common or english(key, lex)
    )


def _part_after(text: str, at: int) -> int:
    """The end of a town, region or postcode starting at ``at``, or ``at`` if none."""
    m = _PART.match(text, at)
    if m is None:
        return at
    found = list(_WORD_RE.finditer(text, at, m.end()))
    words = [w.group(0) for w in found]
    for n in range(len(words), 0, -1):  # the longest known place opening the part
        head = " ".join(words[:n])
        end = found[n - 1].end()
        tail = " ".join(words[n:])
        if (code := _POSTCODE.fullmatch(head)) is not None and code:
            return end
        if _place(head.rstrip(".")):
            # its postcode after it: "Thessaloniki 546 25", "सूरत 395004"
            if tail and (pc := _POSTCODE.match(text, end + 1)) and text[end] in " \t":
                return pc.end()
            return end - (1 if head.endswith(".") else 0)
    return at


# a neighbourhood or district the gazetteer does not know: one or two words, no digit
_UNNAMED = re.compile(r"[^\W\d_][\w'’-]*(?:[ \t][^\W\d_][\w'’-]*)?")


def _unnamed(text: str, at: int) -> int | None:
    """The end of the known place after an unknown part at ``at`` ("Osu, Accra")."""
    m = _UNNAMED.match(text, at)
    if m is None or (m.group(0)[0].lower() != m.group(0)[0].upper() and m.group(0)[0].islower()):
        return None
    sep = _SEP.match(text, m.end())
    if sep is None:
        return None
    after = _part_after(text, sep.end())
    return after if after > sep.end() else None


def _start_before(text: str, start: int) -> int:
    """The start of a known town (with its mark) written just before ``start`` and a comma."""
    lead = text[max(0, start - _REACH) : start]
    if not _SEP_BEFORE.search(lead):
        return start
    body = _SEP_BEFORE.sub("", lead)
    words = re.split(r"[ \t]+", body)
    for n in range(min(_WORDS_BACK, len(words)), 0, -1):
        cand = " ".join(words[-n:])
        if cand and re.search(r"[,،，、.;:!?。！？।॥۔፡።\n]", cand) is None and _place(cand):
            if n < len(words) and _TOWN_MARK.match(f"{words[-n - 1]} {cand}"):
                cand = f"{words[-n - 1]} {cand}"
            return start - len(lead) + len(body) - len(cand)
    return start


_BLANKS = re.compile(r"[ \t]+")
_WORD_NEXT = re.compile(r"\w")


def _end_of_line(text: str, end: int) -> int:
    """``end`` moved past the towns, districts and postcodes that close the line."""
    for _ in range(_MOST_PARTS):
        sep = _SEP.match(text, end)
        space = _BLANKS.match(text, end)
        if sep is not None and (after := _part_after(text, sep.end())) > sep.end():
            end = after
        elif sep is not None and (between := _unnamed(text, sep.end())) is not None:
            end = between  # a neighbourhood before its town: "…, Osu, Accra"
        elif space is not None and (pc := _POSTCODE.match(text, space.end())):
            if _WORD_NEXT.match(text, pc.end()):
                break
            end = pc.end()
        else:
            break
    return end


def _start_of_line(text: str, start: int) -> int:
    """``start`` moved back over the towns that open the line ("г. Гомель, ул. …")."""
    for _ in range(_MOST_PARTS):
        before = _start_before(text, start)
        if before == start:
            break
        start = before
    return start


def lined(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` with each address widened over the towns and postcodes of its own line."""
    return [
        (_start_of_line(text, s), _end_of_line(text, e), k) if k == ADDRESS else (s, e, k)
        for s, e, k in spans
    ]
