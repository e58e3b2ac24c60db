"""Names told by how their words are spelt (pure): a character n-gram model of name words.

The rules find a name by a list, a cue or a telling position; in unseen text most names
they miss are two capitalised words no list holds and no cue stands before: "Səbinə
Məmmədova", "Աննա Հակոբյանը", "Ерлан Жұмабеков". Spelling is evidence lists and cues are
not: "-ova", "-յան", "-беков" end surnames, and a name's letters differ from a word's in
every language. ``score`` is the log-odds, averaged over a word's character 2-, 3- and
4-grams (hashed into 2**18 buckets), that the word is a name word rather than an ordinary
one, by a naive Bayes model trained by ``producers.intake.name_shapes_train`` on Faker's
given names and surnames of 86 locales and the names of labelled batches, against Faker's
word lists of every locale, English words, occupations, places and the ordinary words of
those batches. Shipped as ``name_shapes.npz`` (the model and the ordinary words of the
batches, which are never a name here), read once from the package.

It speaks only where the rules could not: two capitalised words side by side, in a script
with capitals (Latin, Cyrillic, Armenian), neither an ordinary word, listed name
(the rules have judged those), role, place (a place or country with a case ending too:
"Türkiyədə"), nor part of a span found already or of a longer capitalised run; both must
score above ``THRESHOLD``. Scripts without capitals are left out: there any two words are
a candidate, and the model took about as many ordinary words as names. So is Greek, where
the nouns of an institution's name are capitalised ("Εισαγγελία Αθηνών").
"""

from __future__ import annotations

import re
import zlib
from functools import cache, lru_cache
from importlib import resources
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from producers.intake.scrubbing.learned import in_run
from producers.intake.scrubbing.lexicon import english, fold, lexicon
from producers.intake.scrubbing.runs import names_an_area
from producers.intake.scrubbing.text import NAME, Span, script_of
from producers.intake.scrubbing.wordlists import TITLES

MODEL = "name_shapes.npz"
BITS = 18
# a word is name-like above this mean log-odds; chosen on batches 10 and 11 with a model
# trained on batches 1-9 (0.0-0.1 found the most names there with no word lost)
THRESHOLD = 0.1
_MASK = (1 << BITS) - 1
# a word: letters and the marks written on them
WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|[\u0300-\u036f\u0900-\u0dff\u1000-\u109f])*")
_CASED = frozenset(["LATIN", "CYRILLIC", "ARMENIAN"])


def grams(word: str) -> list[int]:
    """The hashed 2-, 3- and 4-grams of ``word`` folded, with its edges marked."""
    w = f"<{fold(word)}>"
    return [
        zlib.crc32(w[i : i + n].encode()) & _MASK for n in (2, 3, 4) for i in range(len(w) - n + 1)
    ]


@cache
def _model() -> tuple[npt.NDArray[np.float32], frozenset[str]]:
    with resources.as_file(resources.files("producers.intake.scrubbing") / MODEL) as p:
        data = np.load(p, allow_pickle=False)
        return data["log_odds"].astype(np.float32), frozenset(data["ordinary"].tolist())


def score(word: str) -> float:
    """Mean log-odds over the word's n-grams that it is a name word (0 for none)."""
    g = grams(word)
    return float(_model()[0][g].mean()) if g else 0.0


def _script(word: str) -> str:
    return script_of(word[0])


@cache
def _place_stems() -> frozenset[str]:
    """Words of places and countries of 5+ letters and those less one or two letters."""
    lex = lexicon()
    out: set[str] = set()
    for place in lex.places | lex.nations | lex.big_places:
        for part in place.split():
            if len(part) >= 5:
                out.update((part, part[:-1], part[:-2]))
    return frozenset(out)


def place_like(norm: str) -> bool:
    """A place or country, or one with a case ending ("Türkiyədə", "Samarqandda")."""
    stems = _place_stems()
    return len(norm) >= 5 and any(
        norm[:k] in stems for k in range(max(5, len(norm) - 3), len(norm) + 1)
    )


@lru_cache(maxsize=1 << 16)
def _candidate(word: str) -> bool:
    """A capitalised word of a cased script that no list knows as a word, name or place."""
    lex = lexicon()
    norm = fold(word)
    if len(norm) < 3 or len(word) > 20 or not word[0].isupper() or word.isupper():
        return False
    script = _script(word)
    if script not in _CASED:
        return False
    if (
        norm in lex.common
        or norm in lex.named  # a listed name: the rules have judged it
        or norm in lex.places
        or norm in lex.jobs
        or norm in TITLES
        or norm in _model()[1]
        or (script == "LATIN" and english(norm, lex))
        or any(norm[:k] in lex.nation_stems for k in range(4, len(norm)))
    ):
        return False
    return not place_like(norm)


def shape_spans(text: str, spans: list[Span]) -> list[Span]:
    """Two capitalised words side by side that no rule took and whose spelling is a
    name's, as names."""
    words = [(m.start(), m.end(), m.group(0)) for m in WORD.finditer(text)]
    out: list[Span] = []
    for (a, b, first), (c, d, second) in pairwise(words):
        if text[b:c] != " " or not (_candidate(first) and _candidate(second)):
            continue
        if _script(first) != _script(second) or any(s < d and a < e for s, e, _ in spans):
            continue
        if in_run(text, a, d) or fold(text[a:d]) in lexicon().places or names_an_area(text, d):
            continue
        if score(first) > THRESHOLD and score(second) > THRESHOLD:
            out.append((a, d, NAME))
    return out
