"""Homes told by where someone lives, in words rather than a street and number.

"Su tía vive en Barrio El Benque, 5a calle, casa 23, San Pedro Sula", "Familia yake inaishi
Kijiji cha Mbokomu, karibu na shule ya msingi, Moshi Vijijini", "jeton në fshatin …, lagjja
…, pranë xhamisë": a verb of living (or of being located), then a place told in parts
separated by commas, one of which places a house by a landmark ("near", "behind",
"karibu na", "pranë", "derrière") or names a house, a quarter or a number. What follows
the verb to the end of its sentence is the address. One part alone ("vive en San Pedro
Sula") or parts that are only towns ("lives in Lagos, Nigeria") name no home and stay.
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.addresses_labelled import sentence_end
from producers.intake.scrubbing.lexicon import english, fold, lexicon
from producers.intake.scrubbing.text import NOT_AFTER_LETTER

# a verb of living or of being located, then the preposition it takes, in the languages
# partners write in; lower case, matched on a length-keeping lower-case copy of the text
_LIVES = re.compile(
    rf"{NOT_AFTER_LETTER}(?:"
    r"lives?|living|resides?|residing|stays?|staying|located|situated|"
    r"vive|viven|vivía|reside|residen|mora|moram|morava|vit|vivent|habite|habitent|"
    r"situé|située|abita|abitano|vivono|wohnt|wohnen|lebt|woont|mieszka|mieszkają|"
    r"jeton|jetojnë|banon|inaishi|anaishi|wanaishi|yanaishi|anakaa|wanakaa|yana|"
    r"degan|deggan|ku nool|bi(?=\s+na\s)|wà|ngụ|tinggal|nakatira|sống|живёт|живет|живут|"
    r"проживает|проживают|живе|живуть"
    r")(?![^\W\d_])"
    r"(?:\s+(?:yihiin|yahay|zaune|ní|na|in|at|on|en|em|no|na|à|au|aux|a|al|in|im|nel|"
    r"nella|in der|im|op|te|w|we|në|di|sa|ở|tại|в|во|на|у))?\s+"
)
# a part that places a house by a landmark, names a house or a quarter, or has a number
_HOME_PART = re.compile(
    rf"(?i)\d|{NOT_AFTER_LETTER}(?:near|behind|opposite|next to|beside|close to|cerca|detrás|"
    r"frente|junto|al lado|perto|atrás|em frente|près|derrière|en face|à côté|vicino|"
    r"dietro|di fronte|accanto|neben|hinter|gegenüber|pranë|prapa|"
    r"përballë|karibu na|nyuma ya|mbele ya|jirani na|kusa da|bayan|agagaarka|ag|nso|dekat|"
    r"di belakang|malapit sa|likod ng|gần|sau|house|home|compound|casa|maison|villetta|"
    r"villa|haus|nyumba|gida|gidan|guriga|rumah|bahay|nhà|barrio|quartier|lagjja|lagje|"
    r"fshat|fshatin|kijiji|mtaa|unguwar|layin|degmada|xaafadda|colonia|vereda|km)"
    r"(?![^\W\d_])"
)
HOME_PART = _HOME_PART  # for the parts after a numbered home (addresses_numbered)
_PARTS = re.compile(r"[^,]+")


def homes(text: str, low: str) -> list[tuple[int, int]]:
    """Where someone lives, told in parts with a landmark or a house (module docstring);
    ``low`` is ``text`` in lower case, of the same length."""
    out: list[tuple[int, int]] = []
    for m in _LIVES.finditer(low):
        start = m.end()
        if out and start < out[-1][1]:
            continue
        parts = place_parts(text, start, sentence_end(text, start, commas=False))
        if len(parts) < 2 or not any(_HOME_PART.search(p) for _, p in parts[1:]):
            continue
        if not any(c.isupper() for _, p in parts for c in p):
            continue  # "lives in a shed, near the market": no place named
        out.append((start, parts[-1][0] + len(parts[-1][1].rstrip())))
    return out


def place_parts(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """The parts from ``start`` that read as a place: each opens with a capital, a number
    or a house or landmark word; the first that does not ("and works in Abuja", "known as
    …", "with her aunt") ends them."""
    out: list[tuple[int, str]] = []
    for p in _PARTS.finditer(text, start, end):
        words = p.group(0).strip()
        if not words:
            break
        first = words[0]
        if not (first.isupper() or first.isdigit() or _HOME_PART.match(words)):
            break
        out.append((p.start() + p.group(0).index(words), words))
    if out:  # the sentence goes on after the last part: "…, Benin City and can be reached"
        at, last = out[-1]
        # a town or a postcode, not a landmark ("pranë xhamisë së vjetër") told in words
        if (last[0].isupper() or last[0].isdigit()) and (cut := _clause_at(last)) > 0:
            out[-1] = (at, last[:cut])
    return out


# a lower-case word after a part's first word, not a particle inside a town's name ("Dar
# es Salaam", "Rio de Janeiro": a capital follows those)
_LOWER_WORD = re.compile(r"\s([^\W\d_A-ZÀ-Þ][^\W\d_]*)(?![^\W\d_])(?!\s+[A-ZÀ-Þ])")


def _clause_at(part: str) -> int:
    """Where a clause begins inside a part: an ordinary lower-case word ("…, Benin City
    and can be reached on"); -1 when none does."""
    lex = lexicon()
    for m in _LOWER_WORD.finditer(part):
        word = fold(m.group(1))
        if word in lex.common or english(word, lex):
            return m.start()
    return -1
