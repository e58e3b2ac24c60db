"""Homes told by a landmark: a house placed behind, near or above something (pure).

"kept at the blue-gated house behind the Juma mosque near Kawangware market, Nairobi",
"slept at the zinc house behind Red Light market, Paynesville", "la chambre derrière la
pharmacie Saint-Joseph, Yopougon", "una casa detrás de la iglesia, Chinandega": informal
homes have no street or number, and are written as a home, a word that places it, and a
landmark. The home's own words (its colour, what it is made of) and the landmark go, with
the parts after a comma that go on naming where it is (a capitalised town or quarter,
another landmark). Only a public landmark (mosque, market, station, bus stand…) makes one:
"the house near the river was searched" and "a room above the bar" stay.
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.addresses_homes import place_parts
from producers.intake.scrubbing.addresses_labelled import sentence_end
from producers.intake.scrubbing.wordlists import FUNCTION

_HOMES = (
    r"house|home|flat|room|shack|hut|compound|shed|container|tent|apartment|quarters|"
    r"maison|chambre|cour|casa|cuarto|quarto|barraco|nyumba|chumba|ghar|kër"
)
_PLACING = (
    r"behind|near|nearby|by|next\s+to|beside|opposite|above|below|across\s+from|"
    r"in\s+front\s+of|close\s+to|derrière|près\s+de|à\s+côté\s+d[eu']|en\s+face\s+d[eu']|"
    r"detrás\s+de|cerca\s+de|junto\s+a|frente\s+a|al\s+lado\s+de|atrás\s+de|perto\s+de|"
    r"em\s+frente\s+a|ao\s+lado\s+d[aeo]|karibu\s+na|nyuma\s+ya|mbele\s+ya|pafupi\s+ndi|"
    r"dèyè|devan|kote|(?:nasa\s+)?likod\s+ng|tapat\s+ng|malapit\s+sa"
)
PLACING = _PLACING
_AT_HOME = re.compile(rf"(?i)(?<![^\W\d_])(?:{_HOMES})\s+(?P<placing>{_PLACING})\s+")
# public landmarks, named or not: "near the mosque", "behind the bus stand"
_LANDMARKS = re.compile(
    r"(?i)(?<![^\W\d_])(?:mosque|masjid|church|chapel|temple|mandir|pagoda|shrine|market|"
    r"bazaar|school|station|stand|stage|stop|junction|roundabout|pharmacy|clinic|hospital|"
    r"tank|well|tower|bridge|filling|petrol|garage|bakery|barber|salon|kiosk|mall|"
    r"mosquée|église|eglise|marché|marche|école|ecole|gare|pharmacie|maquis|carrefour|"
    r"mezquita|iglesia|mercado|escuela|parada|tienda|farmacia|gasolinera|posto|feira|"
    r"msikiti|kanisa|soko|shule|stendi|msika|jumaa|marse|legliz|mache|lekòl|kapilya|"
    r"simbahan|palengke|tindahan|store)"
)
LANDMARK_WORDS = frozenset(re.findall(r"[^\W\d_]{3,}", _LANDMARKS.pattern))
# where the landmark's own clause ends: a conjunction or a relative word
_CLAUSE = re.compile(
    r"(?i)\s(?:and|but|where|when|until|while|who|which|that|to|for|since|because|et|où|"
    r"qui|que|y|donde|que|e|onde|na)\s"
)
_MOST_WORDS = 8
_MOST_BEFORE = 2  # the home's own words: "blue-gated", "zinc"
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’-]*)\s+$")
_OWNED = re.compile(r"['’]s\s+$")


HOME_WORDS = frozenset(_HOMES.split("|"))


def landmark_homes(text: str, text_words: set[str]) -> list[tuple[int, int]]:
    """Homes told by a landmark (module docstring); looked for only when a home's word is
    among ``text_words`` (its lower-case words)."""
    if HOME_WORDS.isdisjoint(text_words):
        return []
    out: list[tuple[int, int]] = []
    for m in _AT_HOME.finditer(text):
        if out and m.start() < out[-1][1]:
            continue
        end = sentence_end(text, m.end(), commas=False)
        first = _first_part(text, m.end(), end)
        if not landmark(text[m.end() : first]):
            continue
        stop = first
        if text.startswith(",", first):
            parts = place_parts(text, first + 1, end)
            if parts:
                stop = parts[-1][0] + len(parts[-1][1].rstrip())
        start = _start(text, m.start())
        if _OWNED.search(text, max(0, start - 3), start):
            continue  # "Amir's flat above the barber": its writers keep the owner's home
        out.append((start, stop))
    return out


def landmark(words: str) -> bool:
    """A public landmark (mosque, market, bus stand…): "a house near Kumasi" says no more
    than the town, "a compound near Shwe Kokko" or "a room above Lucky Star Karaoke" name
    a business the writers keep, "home by Friday" is no place."""
    return _LANDMARKS.search(words) is not None


def _first_part(text: str, start: int, end: int) -> int:
    """Where the landmark after the placing word ends: a comma, a clause, or a few words."""
    comma = text.find(",", start, end)
    stop = comma if comma != -1 else end
    if clause := _CLAUSE.search(text, start, stop):
        stop = clause.start()
    words = text[start:stop].split()
    if len(words) > _MOST_WORDS:
        stop = start + text[start:stop].index(words[_MOST_WORDS - 1]) + len(words[_MOST_WORDS - 1])
    return stop


def _start(text: str, home: int) -> int:
    """The home's own words before it, up to an article or any function word."""
    start = home
    for _ in range(_MOST_BEFORE):
        m = _WORD_BEFORE.search(text, max(0, start - 32), start)
        if m is None or m.group(1).lower() in FUNCTION or _OWNED.search(m.group(1) + " "):
            break
        start = m.start(1)
    return start
