"""Names whose parts a particle or a dot keeps apart: "Tomás de la Fuente Ortega", "Juan
Carlos de los Santos Prieto" (two found pieces, or a given name and a found piece, with
particles between), "Mohd. Saleem", "Md. Abdul Karim" (given names written short)."""

from __future__ import annotations

import re

from producers.intake.scrubbing.lexicon import Lexicon, fold
from producers.intake.scrubbing.text import UPPER, words

# particles between the parts of a name ("Tomás de la Fuente Ortega", "Juan Carlos de los
# Santos Prieto"), and given names written short with a dot ("Mohd. Saleem", "Md. Abdul")
_PARTICLES_BEFORE = re.compile(
    rf"(?:(?<![\w'’-])(?P<word>[{UPPER}][^\W\d_]{{1,30}})\s+)?"
    r"(?:(?:de|del|la|las|los|da|das|do|dos|di|du|des|van|von|der|den|ter|ten|bin|binti|ibn)"
    r"\s+){1,3}$"
)
_PARTICLE_WORDS = words(
    "de del la las los da das do dos di du des van von der den ter ten bin binti ibn"
)
_SHORT_GIVEN = words("mohd md muhd moh muh abd wm chas jas thos geo saml")
_SHORT_BEFORE = re.compile(r"(?<![\w.])(?P<short>[A-Z][a-z]{1,3})\.\s+$")
_AFTER_SHORT = re.compile(rf"\.\s+[{UPPER}][^\W\d_]+(?:\s+[{UPPER}][^\W\d_]+){{0,2}}")


def joined(text: str, spans: list[tuple[int, int]], lex: Lexicon) -> list[tuple[int, int]]:
    """Found names joined over particles and widened over short given names."""
    out: list[tuple[int, int]] = []
    for span in spans:
        start, end = span
        # cheap tests first: the patterns run only where they could match (~20 µs a text)
        if (
            end - start <= 4
            and text.startswith(".", end)
            and fold(text[start:end]) in _SHORT_GIVEN
            and (m := _AFTER_SHORT.match(text, end))
        ):
            end = m.end()  # "Mohd. Saleem"
        if (
            text.startswith(". ", start - 2)
            and (b := _SHORT_BEFORE.search(text, max(0, start - 8), start))
            and fold(b.group("short")) in _SHORT_GIVEN
        ):
            start = b.start()  # "Md. Abdul Karim"
        before = text[max(0, start - 5) : start].split()
        p = (
            _PARTICLES_BEFORE.search(text, max(0, start - 48), start)
            if before and before[-1] in _PARTICLE_WORDS and text[start - 1 : start] == " "
            else None
        )
        if (
            p
            and out
            and not text[out[-1][1] : p.start("word") if p.group("word") else p.start()].strip()
        ):
            start = out.pop()[0]  # "Juan Carlos | de los | Santos Prieto"
        elif p and p.group("word") and fold(p.group("word")) in lex.given:
            start = p.start()  # "Tomás | de la | Fuente Ortega"
        out.append((start, end))
    merged: list[tuple[int, int]] = []
    for s, e in sorted(out):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged
