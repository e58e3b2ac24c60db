"""Names written onto a Zulu, Xhosa, Ndebele, Swazi or Shona noun-class prefix (pure).

Nguni languages write a person's name after a lower-case prefix in the same word:
"uThandeka Dlamini" (class 1a), "wathathwa nguSipho" (by Sipho), "inombolo kaLwazi" (of
Lwazi), "noNomvula" (and Nomvula), "kuSipho" (to Sipho), "ogama lakhe linguSipho" (whose
name is Sipho), with a title between ("nguMnu. Sipho", by Mr Sipho). The capitalised part is a name
unless it is a month ("kuMeyi"), a kinship word ("uBhuti", brother) or a big place; the
locative prefixes ("eKapa", "eGoli", "kwaZulu") are left alone. A surname written after
it, capitalised, goes with it.
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.lexicon import Lexicon, fold
from producers.intake.scrubbing.text import words

_PREFIXED = re.compile(
    r"(?<![\w'’-])(?:u|ngu|lingu|yingu|ingu|ka|kuka|no|na|ne|ku|ngo|yi|"
    r"ya|wa|va|za|cha|ra)"  # Shona's possessives and honorific: "nhamba yaChipo", "vaMoyo"
    r"(?:(?:Mnu|Nkk|Nksz|Mnumzana|Nkosikazi)\.?\s|Va(?=[A-Z]))?"  # a title between: "nguMnu. …"
    # (Mr), Shona's honorific written on: "naVaTendai" (with Mr Tendai)
    r"(?P<name>[A-Z][a-z]{2,}(?:\s[A-Z][a-z]{2,}){0,2})(?![\w'’-])"
)
# kin words and months that take the same prefixes: "uBhuti", "uGogo", "kuMeyi"
_NOT_NAMES = words(
    """
    bhuti sisi mama baba gogo mkhulu malume anti dadewethu mfowethu ma tata tatomkhulu
    makhulu mamkhulu sisi ndodana ntombi
    januwari februwari mashi ephreli meyi juni julayi agasti septhemba okthoba novemba
    disemba janyuwari februwari matshi epreli juni julayi agasti septemba oktobha
    masingana nhlolanja ndasa mbasa nhlaba nhlangulana ntulikazi ncwaba mandulo mfumfu lwezi
    zibandlela mqungu mdumba kwindla tshazimpuzi canzibe silimela khala thupha msintsi dwarha
    nkanga mnga
    mthetho hulumeni mnyango masipala nkantolo mphakathi sebe
    """
)


def nguni_names(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in _PREFIXED.finditer(text):
        parts = m.group("name").split()
        first = fold(parts[0])
        if first in _NOT_NAMES or first in lex.big_places:
            continue
        if len(parts) > 1 and fold(" ".join(parts[:2])) in lex.places:
            continue  # "kuSouth Africa": to a country
        end = m.start("name") + len(parts[0])
        for part in parts[1:]:  # a surname after it: "uThandeka Dlamini"
            norm = fold(part)
            if norm in lex.common or norm in lex.big_places:
                break
            end = text.index(part, end) + len(part)
        out.append((m.start("name"), end))
    return out
