"""A name joined by "and" to a found name, in any script (pure).

"[NAME] (জন্ম …) ও শিউলিকে", "[NAME] (დაბ. …) და თამუნა", "गीता र [NAME]", "Zozan û
[NAME]": people are paired with people. ``name_lists`` reads lists of three or more in
scripts without capitals and stops at a bracket; here one word on the far side of an
"and" of its language is a name when the other side is a name a rule found, with the
found name's bracket (a birth date, a document) between them. The word is no name when it
is a function, role or kin word, a place, a nation or a word of the common lists, holds a
digit, or (in a cased script) opens in lower case.
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.lexicon import Lexicon, fold, lexicon
from producers.intake.scrubbing.text import NAME, Span, words
from producers.intake.scrubbing.wordlists import FUNCTION, KIN_TITLES, PERSONS, ROLES, TITLES

# "and" written as a word of its own: Latin, Cyrillic, Greek, Georgian, Armenian, Indic,
# Arabic script, Ethiopic, Thai, Lao, Khmer, Burmese
_AND = (
    r"and|y|e|et|und|i|и|і|ва|va|û|ve|na|dan|và|at|og|och|en|és|și|ja|και|და|և|ու|"
    r"और|एवं|र|आणि|ও|এবং|আৰু|ଓ|ਅਤੇ|અને|மற்றும்|మరియు|ಮತ್ತು|සහ|"
    r"و|او|اور|እና|และ|ແລະ|និង|နှင့်|နဲ့"
)
# a word with the combining marks of its script (\w stops before them)
WORD_MARKS = (
    "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0900-\u0963\u0966-\u0dff"
    "\u0e31-\u0e4e\u0eb1-\u0ecd\u102b-\u103e\u1056-\u109d\u17b4-\u17d3\u200c\u200d"
)
WORD = rf"[^\W\d_](?:\w|[{WORD_MARKS}])*"
# after a found name: its bracket, then "and" and one word
_AFTER = re.compile(rf"(?:\s*[(（][^()（）\n]{{0,120}}[)）])?\s*,?\s*(?:{_AND})\s+(?P<w>{WORD})")
# before a found name: one word opening its clause, then "and"
_BEFORE = re.compile(rf"(?:^|(?<=[\n.:;!?—–\-،,।።፡]))\s*(?P<w>{WORD})\s+(?:{_AND})\s+$")
_REACH = 40
# pronouns that follow an "and" before a kin word ("ও তার বোন", "ଓ ତାଙ୍କ ପତ୍ନୀ", "और उसकी
# माँ"): a closed class of each script without capitals
_PRONOUNS = words(
    """
    তার তাঁর তাদের তাকে ওর ওঁর ତାଙ୍କ ତାର ତା'ର उसकी उसके उसका उनकी उनके उनका अपनी अपने अपना
    उसको उनको आफ्नो आफ्नी तिची त्याची त्यांची तिचा त्याचा ਉਸ ਉਸਦੀ ਉਸਦਾ ਉਹਨਾਂ તેની તેના તેનો
    اس ان اپنی اپنے اپنا او هو هي هم زوجته زوجها ابنه ابنته همسرش همسر برادرش خواهرش
    அவரது அவருடைய அவள் அவன் அவர் ఆమె అతని ఆయన ಅವಳ ಅವನ ಅವರ അവളുടെ അവന്റെ ഭാര്യ
    მისი მათი ሚስቱ ባለቤቱ እሷ እሱ his her their its
    """
)


def paired(text: str, spans: list[Span]) -> list[Span]:
    """The names an "and" pairs with a found name (module docstring)."""
    names = [(s, e) for s, e, kind in spans if kind == NAME]
    if not names:
        return []
    lex = lexicon()
    out: list[Span] = []
    for start, end in names:
        if (m := _AFTER.match(text, end)) and _name(m.group("w"), lex):
            out.append((m.start("w"), m.end("w"), NAME))
        lo = max(0, start - _REACH)
        if (b := _BEFORE.search(text[lo:start])) and _name(b.group("w"), lex):
            out.append((lo + b.start("w"), lo + b.end("w"), NAME))
    return out


def lower_cased(ch: str) -> bool:
    """A letter of a cased script written in lower case; Georgian's Mkhedruli has capitals
    in Unicode (Mtavruli) but is written without them."""
    return ch.islower() and not "\u10d0" <= ch <= "\u10ff"


def could_be_name(word: str, lex: Lexicon) -> bool:
    """A word that may be a name on its own evidence: no function, role, kin or common
    word, place or nation, and in a cased script not opening in lower case."""
    return _name(word, lex)


def _name(word: str, lex: Lexicon) -> bool:
    if len(word) < 2 or lower_cased(word[0]):
        return False
    norm = fold(word)
    if word in _PRONOUNS or norm in _PRONOUNS:
        return False
    if norm in FUNCTION or norm in ROLES or norm in PERSONS or norm in TITLES:
        return False
    if norm in KIN_TITLES or norm in lex.places or norm in lex.nations or norm in lex.jobs:
        return False
    return norm not in lex.common or norm in lex.neutral or norm in lex.given
