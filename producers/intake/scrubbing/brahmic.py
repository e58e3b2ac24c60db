"""Names carried across the Brahmic scripts of India's Unicode blocks.

Faker lists given names and surnames in Devanagari, Bengali, Gujarati and Odia, but none
in Telugu, Kannada, Malayalam or Gurmukhi, where names are mostly the same Sanskrit,
Hindi and Persian names. The blocks keep ISCII's layout (a letter sits at the same
offset in each), so a name moves to another script letter for letter; no library is
needed for that (indic-transliteration does it with five dependencies more). Tamil and
Sinhala do not share the layout and are left out; scripts Faker has names in are not
written into, where one script's ordinary word would become another's name. Where
Telugu, Kannada and Malayalam write a name's closing consonant with a virama ("సునీల్"
for "सुनील") or a chillu letter ("സുനീൽ"), and a closing long vowel short ("లక్ష్మి"),
those forms are added.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

# first code point of each block
_BLOCKS = {
    "deva": 0x0900,
    "beng": 0x0980,
    "guru": 0x0A00,
    "gujr": 0x0A80,
    "orya": 0x0B00,
    "telu": 0x0C00,
    "knda": 0x0C80,
    "mlym": 0x0D00,
}
# the scripts names are carried into: those Faker has no names in (carried into the
# others, ordinary words of one script become names of another: "काम", "এক")
_TARGETS = ("guru", "telu", "knda", "mlym")
# scripts that mark a name's closing consonant (Dravidian spelling of northern names)
_MARKED = ("telu", "knda", "mlym")
_SHORTEST = 3  # code points: shorter carried words are ordinary words too often
_VIRAMA = 0x4D
_LONG_TO_SHORT = {0x40: 0x3F, 0x42: 0x41}  # ī → i, ū → u
_CHILLU = {0x23: "\u0d7a", 0x28: "\u0d7b", 0x30: "\u0d7c", 0x32: "\u0d7d", 0x33: "\u0d7e"}
# letters a script lacks, written with its nearest: Bengali va with ba's letter, Gurmukhi
# ṣa with śa's; the south drops the nukta of Persian sounds ("గులజార")
_NEAREST = {"beng": {0x35: 0x2C}, "guru": {0x37: 0x36}}
_NUKTA = 0x3C
# the south writes a northern name's closing "sh" with ṣa: "రమేష్", "രമേഷ്" for "रमेश"
_SHA, _SSA = 0x36, 0x37
# and its e and o short, which the north does not tell apart: "రెడ్డి" for "रेड्डी"
_SHORT_VOWEL = {0x47: 0x46, 0x4B: 0x4A}
_JOINERS = str.maketrans("", "", "\u200c\u200d")


def _script(word: str) -> str | None:
    """The block every letter of ``word`` is in, or None."""
    found = None
    for ch in word:
        for name, base in _BLOCKS.items():
            if base <= ord(ch) < base + 0x80:
                if found not in (None, name):
                    return None
                found = name
                break
        else:
            return None
    return found


def _consonant(offset: int) -> bool:
    return 0x15 <= offset <= 0x39 or 0x58 <= offset <= 0x5F


def _carry(offsets: list[int], target: str) -> str | None:
    base = _BLOCKS[target]
    out = []
    nearest = _NEAREST.get(target, {})
    for off in offsets:
        if off == _NUKTA and target in _MARKED:
            continue
        ch = chr(base + nearest.get(off, off))
        if not unicodedata.name(ch, ""):
            return None  # a letter this script does not have
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def _forms(offsets: list[int], target: str) -> set[str]:
    word = _carry(offsets, target)
    if word is None:
        return set()
    forms = {word}
    if target in _MARKED:
        spellings = [offsets]
        if offsets[-1] == _SHA:
            spellings.append([*offsets[:-1], _SSA])
        if any(off in _SHORT_VOWEL for off in offsets):
            spellings += [[_SHORT_VOWEL.get(off, off) for off in o] for o in spellings]
        for spelling in spellings:
            # the first spelling is the name's own, carried above
            written = word if spelling is offsets else _carry(spelling, target)
            if written is not None:
                forms |= _forms_marked(written, spelling, target)
    return forms


def _forms_marked(word: str, offsets: list[int], target: str) -> set[str]:
    """``word`` with its closing consonant marked, or its closing long vowel short."""
    forms = {word}
    last = offsets[-1]
    if _consonant(last):
        forms.add(word + chr(_BLOCKS[target] + _VIRAMA))
        if target == "mlym" and last in _CHILLU:
            forms.add(word[:-1] + _CHILLU[last])
    elif last in _LONG_TO_SHORT:
        forms.add(word[:-1] + chr(_BLOCKS[target] + _LONG_TO_SHORT[last]))
    return forms


def carried(names: Iterable[str]) -> frozenset[str]:
    """Every name of a Brahmic block written in Gurmukhi, Telugu, Kannada and Malayalam
    (the names themselves not included)."""
    out: set[str] = set()
    for name in names:
        plain = unicodedata.normalize("NFD", name.translate(_JOINERS))
        source = _script(plain) if plain else None
        if source is None:
            continue
        offsets = [ord(ch) - _BLOCKS[source] for ch in plain]
        for target in _TARGETS:
            if target != source:
                out |= {f for f in _forms(offsets, target) if len(f) >= _SHORTEST}
    return frozenset(out - set(names))
