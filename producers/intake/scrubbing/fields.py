"""A form's lines are its fields: no span runs from one field into the next.

Rules read text as running prose, so in a form ("Nombre completo: Guadalupe Hernández
Cruz\\nFecha de nacimiento: …") a name, an address's towns or a phone's digits went on over
the line break and took the next field's label with them. A span ends at a line break
before a line that opens a field: a label and its colon, a list item's number or mark, a
table row. A line break before anything else is a line of one address ("Flat 3\\nLondon")
and stays inside an address; any other kind of span ends at every line break, and what
it held on the next line is kept as a span of its own.
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.text import ADDRESS, Span

# what opens a field: "Teléfono: ", "Số điện thoại: ", "1. ", "- ", "08 | "
# a list item's number or mark ("1.", "2)", "-", "•"), before its space
LIST_MARK = r"\d{1,3}[.)]|[-•*·▪]"
_FIELD = re.compile(
    rf"[ \t]*(?:[^\n:|]{{1,40}}[:：][ \t\n]|(?:{LIST_MARK})[ \t]|\d{{1,4}}[ \t]*\|)"
)
_WORD = re.compile(r"\w")


def within_fields(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` cut at the line breaks between fields (the rest of each, if any word)."""
    if "\n" not in text:
        return spans
    out: list[Span] = []
    for start, end, kind in spans:
        if text.find("\n", start, end) == -1:  # most spans: no line break inside
            out.append((start, end, kind))
            continue
        out += _pieces(text, start, end, kind)
    return out


def _pieces(text: str, start: int, end: int, kind: str) -> list[Span]:
    pieces: list[Span] = []
    piece = start
    pos = text.find("\n", start, end)
    while pos != -1:
        opens_field = _FIELD.match(text, pos + 1) is not None
        if kind != ADDRESS or opens_field:
            _keep(text, piece, pos, kind, pieces)
            if opens_field:
                return pieces  # the next field's own rules judge it
            piece = pos + 1
        pos = text.find("\n", pos + 1, end)
    _keep(text, piece, end, kind, pieces)
    return pieces


def _keep(text: str, start: int, end: int, kind: str, pieces: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if _WORD.search(text, start, end):
        pieces.append((start, end, kind))
