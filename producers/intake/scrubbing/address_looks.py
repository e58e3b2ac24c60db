"""An informal address's landmark and the home's looks, beside it (pure).

Where streets have no names, partners place a home by a landmark and tell it by its looks:
"opposite the Puma station on Great North Road, white house with a blue gate", "…, près de
la pharmacie du carrefour, maison verte au portail noir", "…, casa de esquina con portón
azul". The rules find the numbered or labelled middle of such an address; its comma-set
parts around it go with it: before it, a part that places it by a public landmark
("near the Oando filling station"); after it, a part that names a home and its colour, gate,
door or roof ("white house with a blue gate"). With no address found, the two side by
side make one: a landmark's part then a home's looks. The town after them is not taken
here; ``address_lines`` judges it (the team decision on towns).
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.addresses_landmarks import LANDMARK_WORDS, PLACING, landmark
from producers.intake.scrubbing.text import ADDRESS, Span

_HOME = re.compile(
    r"(?i)(?<![^\W\d_])(?:house|home|building|flat|compound|shack|hut|maison|immeuble|"
    r"villa|casa|vivienda|edificio|kay|bahay|nyumba|indlu|ghar|makazi|chumba)(?![^\W\d_])"
)
# what tells a home by its looks: colours, a gate, a door, a roof, a fence, a corner
_LOOKS = re.compile(
    r"(?i)(?<![^\W\d_])(?:gate|gated|door|roof|fence|wall|corner|portail|porte|toit|clôture|"
    r"port[óo]n|puerta|techo|reja|esquinera|port[ãa]o|telhado|pòt|geti|mlango|paa|"
    r"yellow|green|blue|red|white|black|pink|grey|gray|brown|orange|purple|"
    r"jaune|vert|verte|bleu|bleue|rouge|blanc|blanche|noir|noire|rose|gris|"
    r"amarill[oa]|verde|azul|roj[oa]|blanc[oa]|negr[oa]|rosad[oa]|gris|"
    r"amarel[oa]|vermelh[oa]|branc[oa]|pret[oa]|jòn|vèt|ble|wouj|blan|nwa|"
    r"dilaw|berde|asul|pula|puti|itim|njano|kijani|bluu|nyekundu|nyeupe|nyeusi)"
    r"(?![^\W\d_])"
)
# a home's or a landmark's word: without one, there is nothing to do
_GATE = frozenset(re.findall(r"[^\W\d_]{3,}", _HOME.pattern)) | LANDMARK_WORDS
_PLACE_START = re.compile(rf"(?i)\s*(?:{PLACING})\s")
_PLACE_IN = re.compile(rf"(?i)(?<![^\W\d_])(?:{PLACING})\s")
_OWNED = re.compile(r"[^\W\d_](?:'s|’s)\s")
_PART = re.compile(r"[^,.;:!?\n()]+")
_MOST_PART = 80  # characters in one comma-set part


def _part_after(text: str, end: int) -> tuple[int, int] | None:
    """The comma-set part right after ``end``."""
    if text[end : end + 1] != ",":
        return None
    m = _PART.match(text, end + 1, min(len(text), end + 1 + _MOST_PART))
    if m is None or (m.end() < len(text) and text[m.end()] not in ",.;:!?\n)"):
        return None
    start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
    return (start, m.end()) if m.group(0).strip() else None


def _looks(part: str) -> bool:
    return _HOME.search(part) is not None and _LOOKS.search(part) is not None


def _placed(part: str) -> bool:
    return _PLACE_START.match(" " + part) is not None and landmark(part)


def _placed_in(text: str, start: int, end: int) -> int | None:
    """Where a placing word opens the rest of the part ``start``-``end`` before a public
    landmark: "He lives 'near the Oando filling station" gives "near …"."""
    if _OWNED.search(text, start, end):
        return None  # "Amir's flat above the barber, …": its writers keep an owner's home
    found = None
    for m in _PLACE_IN.finditer(text, start, end):
        found = m.start()
    return found if found is not None and landmark(text[found:end]) else None


def _part_before(text: str, start: int) -> tuple[int, int] | None:
    """The comma-set part right before ``start`` (", " apart)."""
    at = start
    while at > 0 and text[at - 1] == " ":
        at -= 1
    if at == 0 or text[at - 1] != ",":
        return None
    floor = max(0, at - 1 - _MOST_PART)
    head = at - 1
    while head > floor and text[head - 1] not in ",.;:!?\n(":
        head -= 1
    part = text[head : at - 1]
    lead = len(part) - len(part.lstrip(" '\"‘“"))
    return (head + lead, at - 1) if part.strip() else None


def looks(text: str, spans: list[Span], text_words: set[str]) -> list[Span]:
    """``spans`` with each address widened over a landmark's part before it and a home's
    looks after it; and the two side by side as one address where no rule found one.
    Looked for only when a home's or a landmark's word is among ``text_words``."""
    if _GATE.isdisjoint(text_words):
        return spans
    out: list[Span] = []
    for first, last, kind in spans:
        start, end = first, last
        if kind == ADDRESS:
            if (before := _part_before(text, start)) and (
                at := _placed_in(text, *before)
            ) is not None:
                start = at
            if (after := _part_after(text, end)) and _looks(text[after[0] : after[1]]):
                end = after[1]
        out.append((start, end, kind))
    for m in _PART.finditer(text):
        s = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        if not _placed(text[s : m.end()]) or any(a < m.end() and s < b for a, b, _ in out):
            continue
        if (after := _part_after(text, m.end())) and _looks(text[after[0] : after[1]]):
            out.append((s, after[1], ADDRESS))
    return out
