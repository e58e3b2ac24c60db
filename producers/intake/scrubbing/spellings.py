"""Other spellings of the names listed in scripts whose letters have variants (pure).

Faker lists Arabic-script names as Arabic spells them ("أحمد", "أشرف", "فاطمة");
partners often write the alef without its hamza ("احمد") and a closing heh for the ta
marbuta ("فاطمه"). Sinhala writes a conjunct with a zero-width joiner or without it
("ප්‍රියන්ත", "ප්රියන්ත"); Assamese writes the Bengali script's ra with a letter of its
own ("ৰুমি" for "রুমি"). Each listed name gets its form with the plain letters; the
lists are read exactly as the text spells a word, so the forms must be in them. Sorani
Kurdish goes the other way: its spelling of a word is made plain before a lookup
(``sorani_plain``), as it writes vowels the lists' Arabic leaves out.
Persian, Urdu and Pashto yeh and kaf ("کریم" for "كريم") were tried too and left out:
they made ordinary words of those languages names ("مالک", owner; "کرم") as often as
they found one (all batches: +4 identifiers, +6 words lost).
"""

from __future__ import annotations

from collections.abc import Iterable

_PLAIN = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_JOINERS = str.maketrans("", "", "\u200c\u200d")
_ASSAMESE = str.maketrans({"র": "ৰ"})  # Assamese writes ra with its own letter: "ৰুমি"
_SHORTEST = 3  # shorter forms are ordinary words too often


def _arabic_script(word: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in word)


def spelled(names: Iterable[str]) -> frozenset[str]:
    """The other spellings of ``names`` (the names themselves not included)."""
    given = set(names)
    out = {
        name.translate(_PLAIN) if _arabic_script(name) else name.translate(_JOINERS)
        for name in given
    }
    out |= {name.translate(_ASSAMESE) for name in given if "র" in name}
    return frozenset(w for w in out - given if len(w) >= _SHORTEST)


# Sorani Kurdish writes the short vowels Arabic leaves out ("ە"), a hamza seat before an
# opening vowel and letters of its own: "ئەحمەد" is "احمد", "عەلی" "علي", "ڕەشید" "رشيد"
_SORANI = str.maketrans({"ە": None, "ڕ": "ر", "ڵ": "ل", "ێ": "ي", "ۆ": "و", "ی": "ي", "ک": "ك"})
_SORANI_LETTERS = frozenset("ەڕڵێۆ")


def sorani_plain(word: str) -> str | None:
    """``word`` in the plain Arabic letters the lists hold, if it is written in Sorani's
    own letters; None otherwise or when too short to tell."""
    if _SORANI_LETTERS.isdisjoint(word):
        return None
    plain = word.translate(_SORANI)
    if plain.startswith("ئ"):
        plain = "ا" + plain[1:]
    return plain if len(plain) >= _SHORTEST else None
