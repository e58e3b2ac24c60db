"""The learned recogniser: a linear-chain CRF over ``learned_features`` that marks tokens
as part of a name, address, handle, email or URL. The rules run first; its spans only add
to theirs (unlisted names, address forms no rule reads), in summaries, not place fields.
Its spans are judged at their edges as the rules judge theirs (``_tidy``). Trained by
``producers.intake.learned_train`` on labelled records and Faker-made copies of them;
shipped as ``pii.crfsuite`` beside this module and read from the package: no download,
no network. Built (deterministically, ~3.5 min) from batches 1-23 (hscrub24, 2026-12-02;
1-8 before; chosen with 21-23 held out, a model of 1-20) with:

    python -m producers.intake.learned_train producers/intake/data/privacy_blind_{1..23}.jsonl \
        --extra tests/data/privacy_madeup_*.jsonl --out producers/intake/scrubbing/pii.crfsuite

Leave-one-batch-out scores: the same command with ``--lobo`` instead of ``--out``."""

from __future__ import annotations

import re
import threading
from importlib import resources
from typing import TYPE_CHECKING

from producers.intake.scrubbing.addresses_labelled import sentence_ends
from producers.intake.scrubbing.calendar_dates import event_date_spans
from producers.intake.scrubbing.learned_features import features, script, tokenize
from producers.intake.scrubbing.lexicon import fold, lexicon
from producers.intake.scrubbing.numbers import public_numbers
from producers.intake.scrubbing.street_words import (
    AREA_AFTER,
    BUILDING,
    LANDMARKS,
    STREET_AFTER,
    STREET_BEFORE_ANY,
    UNIT_WORDS,
)
from producers.intake.scrubbing.text import (
    ADDRESS,
    DOB,
    EMAIL,
    HANDLE,
    ID,
    NAME,
    NOT_AFTER_LETTER,
    PHONE,
    URL,
    Span,
)
from producers.intake.scrubbing.wordlists import TITLES

if TYPE_CHECKING:
    import pycrfsuite

PLACEHOLDERS = {
    "N": NAME,
    "A": ADDRESS,
    "D": DOB,
    "H": HANDLE,
    "E": EMAIL,
    "P": PHONE,
    "I": ID,
    "U": URL,
}
MODEL = "pii.crfsuite"
# a token is taken when the model gives it this probability or more of being no ordinary
# word (marginal over the chain). Kept when the model was retrained (hscrub24): a
# model of 1-17 scored on 18-20 lost about as many words at 0.9-0.97 (220-224) and found
# more names lower, but at 0.9 took the made-up hard negatives of the tests ("Safe
# Harbour", "Vilniaus"); 21-23 were held out and only scored (BLIND.md)
THRESHOLD = 0.97
# a span needs one token at ``THRESHOLD``; the tokens joined to it that the model tags with
# the same kind come along at this probability ("gloria adeyemi", the surname less sure
# than the given name): chosen on batches 18-20 with a model of 1-17
GROW = 0.97
# the kinds it may add (labels of PLACEHOLDERS); the rest it only helps to tell apart
KINDS = "NAHEU"


_LOCAL = threading.local()


def tagger() -> pycrfsuite.Tagger:
    """The model, opened once per thread: a tagger holds the sequence it is tagging, and
    bulk intake scrubs in a thread pool beside the event loop (~4 ms and ~2 MB a thread)."""
    t: pycrfsuite.Tagger | None = getattr(_LOCAL, "tagger", None)
    if t is None:
        import pycrfsuite

        t = pycrfsuite.Tagger()
        with resources.as_file(resources.files("producers.intake.scrubbing") / MODEL) as p:
            t.open(str(p))
        _LOCAL.tagger = t
    return t


def spans(
    text: str,
    place: bool = False,
    model: pycrfsuite.Tagger | None = None,
    threshold: float = THRESHOLD,
    kinds: str = KINDS,
) -> list[Span]:
    """Spans the model takes for identifiers, each with its kind's placeholder."""
    tokens = tokenize(text)
    if not tokens:
        return []
    t = model or tagger()
    t.set(features(tokens, place))
    labels = t.tag()
    out: list[Span] = []
    words: list[int] = []  # tokens in each span
    sure: list[bool] = []  # whether a token of the span reaches ``threshold``
    grow = min(threshold, GROW)
    for i, (start, end, word) in enumerate(tokens):
        if not _readable(word):
            continue
        p = 1.0 - t.marginal("O", i)
        if p < grow:
            continue
        label = labels[i]
        if label == "O":  # likely some identifier, none alone most likely: the likeliest
            label = max(PLACEHOLDERS, key=lambda y: t.marginal(y, i))
        if label not in kinds:
            continue
        placeholder = PLACEHOLDERS[label]
        if out and out[-1][2] == placeholder and _joined(text, out[-1][1], start):
            out[-1] = (out[-1][0], end, placeholder)
            words[-1] += 1
            sure[-1] = sure[-1] or p >= threshold
        else:
            out.append((start, end, placeholder))
            words.append(1)
            sure.append(p >= threshold)
    out = [s for s, ok in zip(out, sure, strict=True) if ok]
    words = [n for n, ok in zip(words, sure, strict=True) if ok]
    kept = [s for s, n in zip(out, words, strict=True) if n <= MAX_WORDS]
    return [s for s in (_tidy(text, *s) for s in _sentences(text, kept)) if s is not None]


def _sentences(text: str, found: list[Span]) -> list[Span]:
    """Each span cut where a sentence ends inside it: "2 000 EUR. Asmens kodas …" is two
    things the model ran together, each judged alone (``_tidy``)."""
    out: list[Span] = []
    for first, end, placeholder in found:
        start = first
        for stop in sentence_ends(text, first, end):
            out.append((start, stop, placeholder))
            start = stop + 1
        out.append((start, end, placeholder))
    return out


def beside(text: str, found: list[Span]) -> list[Span]:
    """``spans`` less what the rules read as another kind: a span the model runs over a
    rule's name, birth date or number ("Dilnoza Rustamova, 1999-yil 4-martda tug'ilgan",
    "Pasipaoro 18AK44729") keeps only the pieces outside them that still read as its kind
    (``_tidy``), so the words it ran on to ("tug'ilgan", "Pasipaoro") stay. A number a rule
    read as a document or phone is a house number in an address with a street word ("Laan
    van Nieuw Oost-Indië 212-B")."""
    out: list[Span] = []
    public = public_numbers(text)
    for start, end, placeholder in spans(text):
        if placeholder in (PHONE, ID) and any(s < end and start < e for s, e in public):
            continue  # a hotline's number: the rules know it is no one's
        ok = [placeholder]
        if placeholder == ADDRESS and _STREET.search(text, start, end):
            ok += [ID, PHONE]
        others = [(s, e) for s, e, p in found if p not in ok and s < end and start < e]
        if placeholder == ADDRESS:  # an event's date is no house number: "Pada 5 Juni 2023 …"
            others += [(s, e) for s, e in event_date_spans(text) if s < end and start < e]
        others.sort()
        if not others:
            out.append((start, end, placeholder))
            continue
        at = start
        for s, e in [*others, (end, end)]:
            if s > at and (piece := _tidy(text, at, min(s, end), placeholder)) is not None:
                out.append(piece)
            at = max(at, e)
    return out


_STREET = re.compile(
    rf"(?i){NOT_AFTER_LETTER}(?:{STREET_AFTER}|{STREET_BEFORE_ANY}|{UNIT_WORDS})(?![^\W\d_])"
)
_PART = re.compile(r"[^,،，、;]+")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_QUOTES = " .:-'’\"«»„“”()"


def _place(part: str, trailing: bool = False) -> bool:
    """A known town, region or country; trailing an address, also one named as where it
    is ("cerca de Lorca", "near Boston")."""
    part = part.strip(_QUOTES)
    if not part or any(c.isdigit() for c in part):
        return False
    places = lexicon().places
    words = part.split()  # none at all for a part of spaces _QUOTES does not strip ("\u3000")
    return fold(part) in places or (trailing and 1 <= len(words) <= 3 and fold(words[-1]) in places)


def _tidy(text: str, start: int, end: int, placeholder: str) -> Span | None:
    """The model's span as the rules would judge its edges: a town, region or country is
    no identifier alone nor at an address's edge (``address_edges``); an address has a
    number and a word that is no code ("GBP 41,200" is money); a name does not open with
    a title ("Datin …") and is no part of a longer capitalised run ("Valea Mare", "Victoria
    and Albert Museum"), which the rules have read whole."""
    parts = [(m.start(), m.end()) for m in _PART.finditer(text, start, end)]
    while parts and _place(text[parts[0][0] : parts[0][1]]):
        parts.pop(0)
    while parts and _place(text[parts[-1][0] : parts[-1][1]], trailing=True):
        parts.pop()
    if not parts:
        return None
    s, e = parts[0][0], parts[-1][1]
    words = list(_WORD.finditer(text, s, e))
    if placeholder == NAME:
        while words and fold(words[0].group(0).rstrip(".")) in TITLES:
            words.pop(0)
        if not words or in_run(text, words[0].start(), e) or _placed(text, words[0].start()):
            return None
        s = words[0].start()
        if prefix := _PREFIX.match(text, s, e):  # a Nguni prefix stays: "u[NAME]", "ka[NAME]"
            s = prefix.end()
    elif not words or (placeholder == ADDRESS and not _address_like(_with_next(text, s, e), words)):
        return None  # numbers alone are the rules' to read
    elif placeholder == ADDRESS and (cut := _dated(text, s, e)) is not None:
        s, e = cut
    while s < e and text[s] in _QUOTES:
        s += 1
    while e > s and text[e - 1] in " \t,;:":
        e -= 1
    return (s, e, placeholder) if s < e else None


def _dated(text: str, start: int, end: int) -> tuple[int, int] | None:
    """An address span that runs on into a month ("4 Mill Lane until March"), less the
    month and the lower-case words before it; a month after a number stays, a street
    named for a date ("Avenida 9 de Julio"). None when there is nothing to cut."""
    from producers.intake.scrubbing.birthdates import months

    words = list(_WORD.finditer(text, start, end))
    if len(words) < 2 or fold(words[-1].group(0).rstrip(".")) not in months()[1]:
        return None
    cut = words[-1].start()
    for w in reversed(words[:-1]):
        if not w.group(0).islower() or text[w.end() : cut].strip():
            break
        cut = w.start()
    kept = text[start:cut].rstrip(" \t,;:")
    if not kept or kept[-1].isdigit():
        return None
    return start, start + len(kept)


# a place's word and "of" before the model's name: "Plaza de Armas", "Rua do Ouvidor",
# "Boulevard of Rosa Parks": a square's, street's or building's name, not a person
_PLACED = re.compile(
    rf"(?i)(?<![^\W\d_])(?:{STREET_BEFORE_ANY}|{STREET_AFTER}|{BUILDING}|{LANDMARKS}|{AREA_AFTER})"
    r"[ \t]+(?:de(?:l|[ \t]+la|[ \t]+los|[ \t]+las)?|da|do|das|dos|di|du|des|of(?:[ \t]+the)?)"
    r"[ \t]+$"
)


# lower-case letters glued before a capital open a word: a prefix, not the name's
_PREFIX = re.compile(r"[a-z]{1,4}(?=[A-Z][a-z])")


def _placed(text: str, start: int) -> bool:
    return _PLACED.search(text, max(0, start - 60), start) is not None


_NEXT_WORD = re.compile(r"[ \t]+[^\W\d_]+")


def _with_next(text: str, start: int, end: int) -> str:
    """The span with the word after it when it ends on a number: what a number counts may
    lie just outside the model's span ("Присутні 40" before "осіб")."""
    if end > start and text[end - 1].isdigit() and (m := _NEXT_WORD.match(text, end)):
        return text[start : m.end()]
    return text[start:end]


def _address_like(span: str, words: list[re.Match[str]]) -> bool:
    """A house number and a word that is no code: "GBP 41,200" is money; and no count of
    things (``counted``)."""
    has_number = any(c.isdigit() for c in span)
    return (
        has_number
        and not all(w.group(0).isupper() and len(w.group(0)) <= 3 for w in words)
        and not counted(span)
    )


# a number, then a lower-case word: what is counted ("212 llamadas", "22 особи")
_COUNT = re.compile(r"(?<![\w/.-])\d+(?:[.,]\d{3})*(?:[-–]\d+)?[ \t]+([^\W\d_]{3,})")
_CAPITAL = re.compile(r"(?<![^\W\d_])([^\W\d_]+)")


_ACRONYM = re.compile(r"[A-Z]{2,5}")  # "9 referrals, 4 NRM"


def counted(span: str) -> bool:
    """A figure of a statistic, not a home: a number followed by a lower-case word, no
    street, road or unit word, and no capitalised word but those opening the span ("La
    Línea 1818 recibió 212 llamadas", "37 municípios", "Присутні 22 особи"). An address in
    a script with capitals names its street or town in capitals after its first words
    ("Storgatan 19, lgh 1102"); one in a script without them has a street word ("١٤ شارع
    الترعة"). A known place may stand in a count: "12 workers from Nepal"."""
    span = span.strip(_QUOTES)
    if _STREET.search(span) or not any(m.group(1)[0].islower() for m in _COUNT.finditer(span)):
        return False
    places = lexicon().places
    opening = True  # the capitalised words that open the span: "La Línea 1818 recibió …"
    for m in _CAPITAL.finditer(span):
        capital = m.group(1)[0].isupper()
        opening = opening and capital
        if (
            capital
            and not opening
            and not _ACRONYM.fullmatch(m.group(1))
            and fold(m.group(1)) not in places
            and not _declined_place(m.group(1))
        ):
            return False  # "12 workers from Nepal": a country may stand in a count
    return True


def _declined_place(word: str) -> bool:
    """A place with a case ending: "12 oglan Türkmenabatdan Ankarada işledi" (from, to)."""
    from producers.intake.scrubbing.name_shapes import place_like  # imports this module

    return place_like(fold(word))


_BEFORE = re.compile(r"([^\W\d_][\w'’-]*)[ \t]+$")
_AFTER = re.compile(r"[ \t]+([^\W\d_][\w'’-]*)")


def in_run(text: str, start: int, end: int) -> bool:
    """True when a capitalised word stands right before or after ``start``-``end``."""
    before = _BEFORE.search(text, max(0, start - 40), start)
    after = _AFTER.match(text, end)
    return any(m is not None and m.group(1)[0].isupper() for m in (before, after))


# a span of more words than this is a run the model could not end (a whole clause after
# "di …"), not an identifier: dropped
MAX_WORDS = 12
# scripts whose words the features read well: those with capitals, digits, Arabic. In
# scripts written without spaces (Thai, Khmer, Burmese, CJK) a token is a whole clause
# Ethiopic too (hscrub24: with the model of 1-20, 21-23 held out +1 name, no word lost; Indic
# scripts +7 identifiers for +20 words lost there, Korean +1 for +3, Armenian, Hebrew and
# Georgian nothing: left out)
_READ = frozenset(["latn", "dig", "sym", "cyr", "greek", "arab", "ethi"])


def _readable(word: str) -> bool:
    letter = next((c for c in word if c.isalpha()), word[0])
    return len(word) <= 40 and script(letter) in _READ


def _joined(text: str, end: int, start: int) -> bool:
    """Two tokens of one identifier: only spaces or a little punctuation between."""
    gap = text[end:start]
    return len(gap) <= 2 and all(c.isspace() or c in ",.-/'’" for c in gap)
