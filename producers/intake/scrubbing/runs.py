"""Runs of capitalised words judged as names or not, by the lexicons and the cues.

The finder reads runs of capitalised words ("Maria das Graças Silva", "J. K. Boateng",
"MBARGA Nicole Estelle") and calls a run a name when a given name or surname of 3+ letters
is in it, a syllabic given name ("Yu-ting"), a surname in capitals before unknown given
names ("KAMARA Fatmata"), or a cue says so. A lone word needs a given name not at a
sentence start, or a cue. A name that is also an English word ("Golden", "Rose") proves a
run only beside another name or unknown words ("Golden Years Homecare" is no name, "Rose
Atieno" is). Places, institutions and vessels veto a run.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from producers.intake.scrubbing.cues import (
    AGE_AFTER,
    FAMILY_AFTER,
    INSIDE,
    LOCATIVE,
    NOTE_AFTER,
    PLACE_LIST,
    SAYS_AFTER,
    SENTENCE_START,
    cued_around,
    cued_before,
    owned_after,
    placed,
    unprefixed,
)
from producers.intake.scrubbing.lexicon import (
    MIN_EVIDENCE,
    SYLLABLES,
    Lexicon,
    demonym,
    english,
    fold,
    lexicon,
    syllabic,
)
from producers.intake.scrubbing.text import POSSESSIVE, UPPER
from producers.intake.scrubbing.wordlists import (
    AMBIGUOUS,
    CAPITAL_PARTICLES,
    CUES,
    FUNCTION,
    HEADS,
    HONORIFICS,
    INSTITUTIONS,
    KIN_TITLES,
    LEAD_TITLES,
    NOT_NAMES,
    ORGANISATIONS,
    PARTICLES,
    ROLES,
    SUFFIX_ONLY,
    TITLES,
    VESSELS,
)


class Tok(NamedTuple):
    start: int
    end: int
    text: str
    norm: str
    cap: bool


_CAP_WORD = re.compile(rf"[{UPPER}][^\W\d_]*(?:[-'’][^\W\d_]+)*")


def capital_words(text: str) -> list[Tok]:
    """Capitalised words that begin a word (lower-case words only separate runs)."""
    out = []
    for m in _CAP_WORD.finditer(text):
        at = m.start()
        if at and (
            text[at - 1].isalpha() or (text[at - 1] in "'’" and at > 1 and text[at - 2].isalpha())
        ):
            continue  # "McDonald" is one word, "iPhone" none, "d'Ivoire" not a name start
        w = m.group(0)
        if m.end() < len(text) and text[m.end()].isdigit():
            continue  # the letters of a code: "BQXPY4821K", "GB71MONZ…"
        if w.endswith(POSSESSIVE):
            w = w[:-2]  # "Grace's number": the name is "Grace"
        out.append(Tok(at, at + len(w), w, w.casefold() if w.isascii() else fold(w), True))
    return out


_ARABIC_PARTICLE = re.compile(r" (?:al|el|ad|ar|as|ash|at|az|an|ed|er|es|et|ez|ul|ud|un)-")


def _joins(gap: str, before: Tok) -> bool:
    """Whether two capitalised words separated by ``gap`` belong to one run: a single
    space, particles between single spaces ("Maria das Graças", "van der Berg"), or the
    dot of an initial ("J. K. Boateng", "Wilmer A. Reyes")."""
    if gap == " ":
        return True
    if len(before.text) == 1 and gap in (". ", "."):
        return True
    if _ARABIC_PARTICLE.fullmatch(gap):
        return True  # "Khaled al-Zoubi", "Abdel ar-Rahman"
    if not (gap.startswith(" ") and gap.endswith(" ")) or "  " in gap:
        return False
    parts = gap.split(" ")[1:-1]
    return 0 < len(parts) <= 2 and all(p in PARTICLES for p in parts)


def _runs(text: str, toks: list[Tok]) -> list[list[Tok]]:
    """Maximal runs of capitalised words joined by single spaces (particles allowed inside)."""
    runs: list[list[Tok]] = []
    for t in toks:
        if runs:
            prev = runs[-1][-1]
            gap = text[prev.end : t.start]
            if gap == " " or _joins(gap, prev):
                runs[-1].append(t)
                continue
        runs.append([t])
    return runs


TITLED, CUED = 2, 1
# letters only Vietnamese uses: its short syllables ("Lò", "Lê") are not Spanish words
_VIET = re.compile("[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]")


def _segments(run: list[Tok], text: str, lex: Lexicon) -> list[tuple[list[Tok], int]]:
    """A run split at titles and common words, each piece with whether a cue precedes it:
    "Crew leader Rogelio Vargas" → (Rogelio Vargas); "Father Mohan Lal" → (Mohan Lal, cued).
    Words that are names as well as common words ("Joy", "Min", "Lei") do not split, nor
    do short words in a Vietnamese name ("Lò Thị Xuân"); "Mama", "Papa" before a name
    belong to it ("Mama Zawadi"). The cue is TITLED after a title, CUED after a cue word."""
    out: list[tuple[list[Tok], int]] = []
    if _vetoed(run, text, lex):
        return out
    viet = any(_VIET.search(t.text) for t in run) or any(
        t.norm in ("thi", "van") for t in run[1:-1]
    )  # "LE THI HOA", "Lò Thị Xuân"
    cur: list[Tok] = []
    cued = 0
    for i, t in enumerate(run):
        if t.norm in KIN_TITLES and i + 1 < len(run):
            nxt = run[i + 1].norm
            if nxt not in lex.splits and nxt not in TITLES:
                if cur:
                    out.append((cur, cued))
                cur, cued = [t], CUED
                continue
        # a title opens a name ("Mr Bello", "Der Arbeitgeber Herr Schneider"); inside one
        # it is a name ("Luciano Pastor Mesa")
        title = (
            (t.norm in TITLES or t.norm in LEAD_TITLES)
            and i + 1 < len(run)
            and not any(_named(c.norm, lex) for c in cur)
        )
        if title and i and run[i - 1].norm == t.norm:
            title = False  # "Ko Ko Naing": a title repeated is the name
        if title and not cur and t.norm in lex.given and not _honorific(t, run[i + 1], lex):
            cur, cued = [t], TITLED  # "Tuan Anh": a title that is a given name too
            continue
        if (
            not cur
            and t.norm in PARTICLES
            and i + 1 < len(run)
            and (i or not _named(run[i + 1].norm, lex))
        ):
            continue  # "Taller El …", "Der Arbeitgeber": a particle that starts no name
        if title or _splits(run, i, cur, text, lex, viet=viet):
            if cur:
                out.append((cur, cued))
                cur = []
            cued = TITLED if title else CUED if unprefixed(t.norm) in CUES else 0
            continue
        cur.append(t)
    if cur:
        out.append((cur, cued))
    return out


def _splits(run: list[Tok], i: int, cur: list[Tok], text: str, lex: Lexicon, *, viet: bool) -> bool:
    """Whether the ``i``-th word of a run is an ordinary word that ends a name: a common
    word or role, with a prefix too ("Co-accused"); not a particle inside a name ("Le"),
    a short Vietnamese word, an initial, a syllable after a surname ("Li Na") or a
    surname that is a word as well at the end ("Wei Ling Tan")."""
    t = run[i]
    bare = unprefixed(t.norm)  # "Co-accused", "Ex-husband": a role with a prefix
    if t.norm in PARTICLES or not (
        t.norm in lex.splits
        or (bare != t.norm and (bare in lex.splits or bare in CUES or english(bare, lex)))
    ):
        return False
    last = i == len(run) - 1
    return not (
        (cur and not last and t.norm in CAPITAL_PARTICLES)  # "Alexandre Le Maillard"
        or (viet and len(t.norm) <= 3 and t.norm not in ROLES)  # "Lò Thị Xuân"
        or _initial(t, i, text)  # "Wilmer A. Reyes", "T. O. Adeyemi"
        or (len(cur) == 1 and last and _syllable_after(cur[0], t, lex))  # "Li Na"
        or (t.norm in lex.named and _name_ends(run, i, cur, lex))  # "Wei Ling Tan"
    )


def _name_ends(run: list[Tok], i: int, cur: list[Tok], lex: Lexicon) -> bool:
    """A surname that is an ordinary word too ends a name it follows: "Wei Ling Tan"."""
    return (
        i == len(run) - 1
        and run[i].norm not in ROLES
        and any(t.norm in lex.given or t.norm in lex.surnames for t in cur)
    )


def _honorific(t: Tok, nxt: Tok, lex: Lexicon) -> bool:
    """A title before a given name or a word no list knows ("Don Aurelio", "Dona Cida",
    "Pak Bambang"); before a surname it is a given name ("Don Smith")."""
    return t.norm in HONORIFICS and (nxt.norm in lex.given or nxt.norm not in lex.surnames)


def _syllable_after(name: Tok, t: Tok, lex: Lexicon) -> bool:
    """A short romanised syllable after a known surname ends a name: "Li Na", "Wu Di"."""
    return (
        len(t.norm) <= 3
        and t.norm in SYLLABLES
        and (name.norm in lex.surnames or name.norm in lex.given)
        and t.norm not in FUNCTION
    )


def _initial(t: Tok, i: int, text: str) -> bool:
    """A single capital that stands for a name: inside a run, or with a dot ("T. O.")."""
    return len(t.text) == 1 and (i > 0 or text.startswith(".", t.end))


def _vetoed(run: list[Tok], text: str, lex: Lexicon) -> bool:
    """Places, institutions and vessels: "San Jose", "Benin City", "Policía Nacional",
    "Santiago de Chile", "Red Cross", "Los Ángeles", "the vessel Nuestra Señora"."""
    if any(
        (t.norm in NOT_NAMES and not (i == 0 and t.norm in SUFFIX_ONLY)) or t.norm in lex.nations
        for i, t in enumerate(run)
    ):
        return True
    whole = fold(text[run[0].start : run[-1].end])
    if whole in ORGANISATIONS or whole in lex.places:
        return True
    if _heads_in(text) and _named_thing(text, run[0].start):
        return True
    # a place and a state or country code: "Columbus OH", "Victoria BC"
    end = len(run)
    while end > 1 and run[end - 1].text.isupper() and len(run[end - 1].text) <= 3:
        end -= 1
    return end < len(run) and fold(text[run[0].start : run[end - 1].end]) in lex.places


_HEAD_WORD = re.compile(r"[^\W\d_]{4,}")
_HEAD_WORDS = VESSELS | HEADS


@lru_cache(maxsize=4)
def _heads_in(text: str) -> bool:
    """Whether ``text`` holds a vessel or place word at all (most texts hold none)."""
    return not _HEAD_WORDS.isdisjoint(_HEAD_WORD.findall(text.lower()))


def _named_thing(text: str, start: int) -> bool:
    """After a vessel or a place word a run names the thing: "the vessel Nuestra Señora",
    "masjid al-Nour", "fazenda Boa Sorte"."""
    before = text[max(0, start - 16) : start].split()
    if before and before[-1].endswith("-") and len(before) > 1:
        before.pop()  # "masjid al-Nour"
    return bool(before) and (before[-1].lower() in VESSELS or fold(before[-1]) in HEADS)


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


def _judge(seg: list[Tok], cued: int, text: str, lex: Lexicon) -> list[Tok]:
    """The segment if it is a person's name, or []. A name that is also an English word
    ("Golden", "Rose") proves a run only beside another name or unknown words: "Golden
    Years" is no name, "Rose Atieno" is."""
    seg = _shouted_words_off(seg, lex)
    caps = [t for t in seg if t.norm not in PARTICLES]
    if not caps:
        return []
    start, end = seg[0].start, seg[-1].end
    if len(caps) == 1:
        # "captada en El Alto": after "en", a particle and a word make a place
        lone = not (seg[0] is not caps[0] and cued != TITLED and placed(text, start, end))
        return seg if lone and _one_is_name(caps[0], cued, text, lex) else []
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
    while end > 1 and _word(seg[end - 1].norm, lex) and not _named(seg[end - 1].norm, lex):
        end -= 1
    return seg[:end]


def _word(norm: str, lex: Lexicon) -> bool:
    """An ordinary word, short verbs too ("owns", "runs")."""
    return (
        english(norm, lex) or norm in lex.common or (norm[-1:] == "s" and norm[:-1] in lex.english)
    )


def _named(norm: str, lex: Lexicon) -> bool:
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
        elif t.norm in lex.neutral:  # "Guadalupe", "Santos": names that are words too
            weak += 1
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
_CAMEL_NAMES = ("Mc", "Mac", "De", "Di", "Da", "La", "Le", "Van", "Von", "Fitz")


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


def _one_is_name(t: Tok, cued: int, text: str, lex: Lexicon) -> bool:
    """A lone capitalised word: a title makes it a name ("Mr Bello", though Bello is a
    city too); a place or an ordinary word never is; a given name is, except at a
    sentence start, where capitals are ordinary words too often ("Foster carer reports",
    "Ransom calls came"), or when it is also a word ("Grace", "Elle"): then, like any
    other word, it needs a cue ("Grace said", "Ama, 19", "the boss, Vasile")."""
    if cued == TITLED:
        return True
    norm = t.norm
    if _never_alone(t, cued, text, lex):
        return False
    before = text[max(0, t.start - 8) : t.start].split()
    prev = before[-1].lower() if before else ""
    plain = norm in lex.given and norm not in AMBIGUOUS and not t.text.isupper()
    if bool(cued) or (
        plain
        and prev not in INSIDE  # "a car wash in Essex"
        and not SENTENCE_START.search(text, max(0, t.start - 4), t.start)
    ):
        return True
    if prev in LOCATIVE and not cued_before(text, t.start):  # "according to Hodan"
        return False  # not "in Essex said"
    return _cue_around(t, text, lex)


def _never_alone(t: Tok, cued: int, text: str, lex: Lexicon) -> bool:
    """Short words, big places, ordinary words, roles after a cue ("the Survivor
    Advocate"), and places after "in" or "from" ("in Kent and Essex") are no name alone."""
    norm = t.norm
    return (
        len(norm) < MIN_EVIDENCE
        or _defined_acronym(t, text)
        or (t.text.isupper() and len(norm) <= 6 and not _named(norm, lex))  # "USD", "UNODC"
        or norm in lex.big_places
        or (norm in lex.common and norm not in lex.neutral)
        or (bool(cued) and _all_words([t], lex))
        or (norm in lex.places and bool(PLACE_LIST.search(text, max(0, t.start - 80), t.start)))
    )


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
    if cued_before(text, t.start) or AGE_AFTER.match(text, t.end) or NOTE_AFTER.match(text, t.end):
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


def _shouted_clauses(runs: list[list[Tok]]) -> list[list[Tok]]:
    """Text written in capitals is one run a sentence: its function words split it, so an
    institution word vetoes its own clause only ("HIS BROTHER PIOTR OWNS THE SHOP")."""
    out: list[list[Tok]] = []
    for run in runs:
        if len(run) < 3 or not all(t.text.isupper() for t in run):
            out.append(run)
            continue
        cur: list[Tok] = []
        for t in run:
            if t.norm in FUNCTION:
                if cur:
                    out.append(cur)
                cur = []
            else:
                cur.append(t)
        if cur:
            out.append(cur)
    return out


class Pass(NamedTuple):
    found: list[list[Tok]]
    rest: list[list[Tok]]  # capitalised words not judged names, for a second look
    vetoed: set[int]  # starts of words in places and institutions


def first_pass(text: str, toks: list[Tok], lex: Lexicon) -> Pass:
    """Each run of capitalised words judged by the lexicons and the cues around it."""
    out = Pass([], [], set())
    heads = _heads_in(text)
    for whole in _shouted_clauses(_runs(text, toks)):
        run = whole
        while len(run) > 1 and (run[0].norm in lex.nations or demonym(run[0].norm, lex)):
            # "Taiwanese Huang Mei-ling", "Moçambicana Lurdes Macuácua"
            out.vetoed.add(run[0].start)
            run = run[1:]
        if len(run) == 1:  # most runs: one capitalised word
            t = run[0]
            if (
                t.norm in NOT_NAMES
                or t.norm in lex.nations
                or (heads and _named_thing(text, t.start))
            ):
                out.vetoed.add(t.start)
            elif t.norm not in lex.splits and t.norm not in TITLES:
                (out.found if _one_is_name(t, 0, text, lex) else out.rest).append(run)
            continue
        segments = _segments(run, text, lex)
        if not segments:
            out.vetoed.update(t.start for t in run)
        for seg, cued in segments:
            name = _judge(seg, cued, text, lex)
            glued = not cued and seg[0] is not run[0] and len(seg) == 1
            if name and glued and english(seg[0].norm, lex):
                name = []  # "Christmas Eve": a word that is a name, after an ordinary word
            (out.found if name else out.rest).append(name or seg)
    return out
