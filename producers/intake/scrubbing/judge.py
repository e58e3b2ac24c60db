"""Whether a piece of a run is a person's name: the lexicons' evidence and the cues.

A run is a name when a given name or surname of 3+ letters is in it, a syllabic given name
("Yu-ting"), a surname in capitals before unknown given names ("KAMARA Fatmata"), or a
cue says so. A lone word needs a given name not at a sentence start, or a cue. A name
that is also an English word ("Golden", "Rose") or a big place ("Lagos") proves a run only
beside another name or unknown words ("Golden Years Homecare" is no name, "Rose Atieno"
is).
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.cues import (
    ACTS_AFTER,
    AGE_AFTER,
    AGE_WORDS_AFTER,
    FAMILY_AFTER,
    INSIDE,
    LOCATIVE,
    NOTE_AFTER,
    PLACE_LIST,
    SAYS_AFTER,
    cued_around,
    cued_before,
    opening_verb,
    opens_sentence,
    owned_after,
    place_follows,
    placed,
)
from producers.intake.scrubbing.lexicon import (
    MIN_EVIDENCE,
    Lexicon,
    english,
    fold,
    lexicon,
    syllabic,
)
from producers.intake.scrubbing.tokens import Tok
from producers.intake.scrubbing.wordlists import (
    AMBIGUOUS,
    CUES,
    INSTITUTIONS,
    NOT_NAMES,
    ORGANISATIONS,
    PARTICLES,
)

TITLED, CUED = 2, 1


def _evidence(t: Tok, lex: Lexicon) -> bool:
    """A known given name or surname of 3+ letters, not written in capitals ("IBAN"), or
    a syllabic given name ("Yu-ting", "Ji-hoon")."""
    return (
        len(t.norm) >= MIN_EVIDENCE
        and not t.text.isupper()
        and (
            t.norm in lex.given
            or t.norm in lex.surnames
            or _parts_known(t.norm, lex)
            or syllabic(t.norm)
        )
    )


def _shouted(t: Tok) -> bool:
    """A known name written in capitals ("MARIA LOPEZ"): evidence only beside another."""
    lex = lexicon()
    return (
        t.text.isupper()
        and len(t.norm) >= MIN_EVIDENCE
        and (t.norm in lex.given or t.norm in lex.surnames)
    )


def judge(seg: list[Tok], cued: int, text: str, lex: Lexicon) -> list[Tok]:
    """The segment if it is a person's name, or []. A name that is also an English word
    ("Golden", "Rose") proves a run only beside another name or unknown words: "Golden
    Years" is no name, "Rose Atieno" is."""
    seg = _verb_off(_shouted_words_off(seg, lex), text, lex)
    caps = [t for t in seg if t.norm not in PARTICLES]
    if not caps:
        return []
    start, end = seg[0].start, seg[-1].end
    if len(caps) == 1:
        # "captada en El Alto": after "en", a particle and a word make a place
        lone = not (seg[0] is not caps[0] and cued != TITLED and placed(text, start, end))
        return seg if lone and one_is_name(caps[0], cued, text, lex) else []
    whole = fold(text[start:end])
    if whole in lex.places or whole in ORGANISATIONS or _institution(text, end):
        return []
    if cued == TITLED or ((cued or cued_around(text, start, end)) and not _all_words(caps, lex)):
        return seg
    return seg if not placed(text, start, end) and _names_a_person(caps, lex) else []


def _shouted_words_off(seg: list[Tok], lex: Lexicon) -> list[Tok]:
    """In text written in capitals, the ordinary words after a name are no part of it:
    "UNCLE TOMASZ DRIVES THE VAN" → TOMASZ."""
    if len(seg) < 2 or not all(t.text.isupper() for t in seg):
        return seg
    end = len(seg)
    while end > 1 and _word(seg[end - 1].norm, lex) and not named(seg[end - 1].norm, lex):
        end -= 1
    return seg[:end]


def _verb_off(seg: list[Tok], text: str, lex: Lexicon) -> list[Tok]:
    """A sentence's opening verb before a name is no part of it (``cues.opening_verb``)."""
    if len(seg) >= 2 and opening_verb(text, seg[0].start, seg[0].end, lex):
        return seg[1:]
    return seg


def _word(norm: str, lex: Lexicon) -> bool:
    """An ordinary word, short verbs too ("owns", "runs")."""
    return (
        english(norm, lex) or norm in lex.common or (norm[-1:] == "s" and norm[:-1] in lex.english)
    )


def named(norm: str, lex: Lexicon) -> bool:
    return norm in lex.given or norm in lex.surnames or norm in lex.neutral


def _names_a_person(caps: list[Tok], lex: Lexicon) -> bool:
    """Whether the words of a run, without a cue, make a name: a name no word shares, two
    names, or a name beside words no list knows ("Rose Atieno"); in capitals only beside a
    name in capitals ("NGUYEN VAN HUNG", not "Over HTTP"); or a surname in capitals before
    given names no list knows ("KAMARA Fatmata")."""
    strong = weak = plain = loud = shouted = 0
    for t in caps:
        if _evidence(t, lex):
            if english(t.norm, lex) or t.norm in lex.big_places:  # "Rose", "Lagos"
                weak += 1
            else:
                strong += 1
        elif t.norm in lex.neutral or _GAELIC.fullmatch(t.text):
            weak += 1  # "Guadalupe", "Santos": names that are words too; "MacAoidh"
        elif _shouted(t):
            shouted += 1
        elif len(t.norm) == 1 or (
            is_unknown(t, lex, places=False) and t.norm not in lex.big_places
        ):
            if len(t.text) > 1 and t.text.isupper():
                loud += 1  # an acronym, or a name in capitals ("HTTP", "OYELARAN")
            else:
                plain += 1
    named = weak + shouted
    if strong or named >= 2 or (named and named + plain + (loud if shouted else 0) == len(caps)):
        return True
    return plain + loud == len(caps) and 0 < loud < len(caps) and caps[0].text.isupper()


_CAMEL = re.compile(r"[a-z][A-Z]")
_CAMEL_NAMES = ("Mc", "Mac", "Nic", "De", "Di", "Da", "La", "Le", "Van", "Von", "Fitz")
# a Gaelic surname's shape: "MacAoidh", "NicLeòid", "McBride" (a capital after the prefix)
_GAELIC = re.compile(r"(?:Mac|Mc|Nic)[A-ZÀ-Þ][a-zà-ÿ]{2,}")


def _institution(text: str, end: int) -> bool:
    m = _NEXT_WORD.match(text, end)
    return m is not None and m.group(1) in INSTITUTIONS


_NEXT_WORD = re.compile(r" ([a-z]+)\b")


def _all_words(caps: list[Tok], lex: Lexicon) -> bool:
    """Every word an English word that no list gives as a name ("Survivor Advocate")."""
    return all(
        english(t.norm, lex)
        and t.norm not in lex.given
        and t.norm not in lex.surnames
        and t.norm not in lex.neutral
        for t in caps
    )


def is_unknown(t: Tok, lex: Lexicon, *, places: bool = True) -> bool:
    """A word no list knows: not common, not English, not a place (with ``places``), not
    written like a brand ("HealthMap", "WhatsApp"; but "McKenzie", "DeShawn")."""
    n = t.norm
    return (
        len(n) >= 2
        and not (_CAMEL.search(t.text, 1) and not t.text.startswith(_CAMEL_NAMES))
        and n not in lex.common
        and not (places and n in lex.places)
        and n not in NOT_NAMES
        and not english(n, lex)
    )


def one_is_name(t: Tok, cued: int, text: str, lex: Lexicon) -> bool:
    """A lone capitalised word: a title makes it a name ("Mr Bello", though Bello is a
    city too); a place or an ordinary word never is; a given name is, except at a
    sentence start, where capitals are ordinary words too often ("Foster carer reports",
    "Ransom calls came"), or when it is also a word ("Grace", "Elle"): then, like any
    other word, it needs a cue ("Grace said", "Ama, 19", "the boss, Vasile")."""
    if cued == TITLED:
        return True
    norm = t.norm
    if person_named(t, text):
        return True  # "a man named Timur", "a man called Chad": a place or a word there names
    if _never_alone(t, cued, text, lex):
        return False
    before = text[max(0, t.start - 8) : t.start].split()
    prev = before[-1].lower() if before else ""
    plain = norm in lex.given and norm not in AMBIGUOUS and not t.text.isupper()
    if bool(cued) or (
        plain
        and prev not in INSIDE  # "a car wash in Essex"
        and (not opens_sentence(text, t.start) or _opens(t, text, lex))
    ):
        return True
    if prev in LOCATIVE and not cued_before(text, t.start):  # "according to Hodan"
        return False  # not "in Essex said"
    return _cue_around(t, text, lex)


_LOWER_NEXT = re.compile(r" ([a-zà-ÿ][^\W\d_]*)")


def _opens(t: Tok, text: str, lex: Lexicon) -> bool:
    """A given name opening a sentence is one when it is no word of any list and a
    lower-case word follows ("Josefa nasceu em…", "; Efua later found her"): capitals
    at a sentence start are ordinary words too often ("Foster carer reports")."""
    n = t.norm
    nxt = _LOWER_NEXT.match(text, t.end)
    if (
        nxt is None
        or len(n) <= MIN_EVIDENCE
        or n in CUES  # "Niña guatemalteca de 15 años"
        or english(n, lex)
        or n in lex.common
        or n in lex.places
    ):
        return False
    # a plural noun after it makes it a brand's or a firm's ("Zara suppliers"), unless it
    # is a verb people do ("Josefa lives")
    after = nxt.group(1)
    return (
        not (after.endswith("s") and english(after, lex))
        or ACTS_AFTER.match(text, t.end) is not None
    )


def _never_alone(t: Tok, cued: int, text: str, lex: Lexicon) -> bool:
    """Short words, big places, ordinary words, roles after a cue ("the Survivor
    Advocate"), and places after "in" or "from" ("in Kent and Essex") are no name alone."""
    norm = t.norm
    return (
        len(norm) < MIN_EVIDENCE
        or _defined_acronym(t, text)
        or (
            t.text.isupper()
            and len(norm) <= 6
            and not named(norm, lex)
            and not NOTE_AFTER.match(text, t.end)
        )  # "USD", "UNODC"; not "AO (initials only)"
        # a town has no age: "Tyler, 15, was found" names a boy
        or (norm in lex.big_places and not _AGED.match(text, t.end))
        or (norm in lex.common and norm not in lex.neutral)
        or (bool(cued) and _all_words([t], lex) and not _named_so(t, text, lex))
        or (
            norm in lex.places
            and (
                bool(PLACE_LIST.search(text, max(0, t.start - 80), t.start))
                or place_follows(text, t.end, lex)  # "…, Médina, Dakar"
            )
        )
    )


# an age set off after a word: "Tyler, 15, was found", "Tyler (16)"; not "Bangkok, 35,000
# THB" or "Gaziantep, 09.08.2024"
_AGED = re.compile(r",\s*(?:aged?\s+)?\d{1,2},(?!\d)|\s*\((?:aged?\s+)?\d{1,2}\)")


# a naming word just before: a given name after it is one even when it is a word too
# ("một người tên Tuấn": "tuan" is in web2)
_NAMING = re.compile(
    r"(?:named|called|tên|bernama|nagngangalang|llamad[oa]|chamad[oa]|nommée?|genannt|"
    r"chiamat[oa]|adlı|isimli|aitwaye)\s+$",
    re.IGNORECASE,
)


_PERSON_NAMING = re.compile(
    r"(?:\b(?:man|woman|boy|girl|person|guy|lady|agent|broker|recruiter)\s+(?:named|called)|"
    r"tên|bernama|"
    r"nagngangalang|aitwaye)\s+$",
    re.IGNORECASE,
)


def person_named(t: Tok, text: str) -> bool:
    """A word of three letters or more just after a person is said to be named so: "a man
    named Timur" (a word in Malay), "a man called Chad" (a country)."""
    return len(t.norm) >= MIN_EVIDENCE and bool(
        _PERSON_NAMING.search(text, max(0, t.start - 24), t.start)
    )


def _named_so(t: Tok, text: str, lex: Lexicon) -> bool:
    """A naming word just before: a given name after it, or any word after one that names
    a person ("a man named Duc", "người tên Tuấn")."""
    at = max(0, t.start - 24)
    if _PERSON_NAMING.search(text, at, t.start):
        return True
    return t.norm in lex.given and _NAMING.search(text, at, t.start) is not None


def _defined_acronym(t: Tok, text: str) -> bool:
    """Capitals in brackets after a word: an abbreviation it defines ("children (OSEC)")."""
    return (
        t.text.isupper()
        and len(t.text) > 1
        and text.startswith(")", t.end)
        and t.start > 1
        and text[t.start - 1] == "("
        and text[t.start - 2] == " "
    )


def _cue_around(t: Tok, text: str, lex: Lexicon) -> bool:
    """A cue word before, or an age or a note after; a verb of saying only after a word
    that is a name somewhere ("Lan said"), since "Officials said" is not one."""
    if (
        cued_before(text, t.start)
        or AGE_AFTER.match(text, t.end)
        or AGE_WORDS_AFTER.match(text, t.end)
        or NOTE_AFTER.match(text, t.end)
    ):
        return True
    known = t.norm in lex.given or t.norm in lex.surnames or t.norm in lex.neutral
    if FAMILY_AFTER.match(text, t.end):  # "the Gutiérrez family"
        return known or is_unknown(t, lex)
    if (known or is_unknown(t, lex)) and t.norm not in lex.places and owned_after(text, t.end):
        return True  # "Tendai's employer", "Zeynab's passport"
    return known and bool(SAYS_AFTER.match(text, t.end))


_PARTS = re.compile(r"[-'’]")


def _parts_known(norm: str, lex: Lexicon) -> bool:
    """Joined names ("Al-Mutairi", "Jean-Pierre", "O'Connor"): a part of 3+ letters known."""
    if "-" not in norm and "'" not in norm and "’" not in norm:
        return False
    return any(
        len(p) >= MIN_EVIDENCE and (p in lex.given or p in lex.surnames) for p in _PARTS.split(norm)
    )
