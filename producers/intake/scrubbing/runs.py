"""Runs of capitalised words, split at titles and ordinary words, each piece judged.

The finder reads runs of capitalised words ("Maria das Graças Silva", "J. K. Boateng",
"MBARGA Nicole Estelle", "Khaled al-Zoubi"), drops nationality words before them, splits
them at titles, roles and ordinary words ("Crew leader Rogelio Vargas"), and has each
piece judged (``judge``). Places, institutions and vessels veto a run.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from producers.intake.scrubbing.cues import opens_sentence, unprefixed
from producers.intake.scrubbing.judge import CUED, TITLED, judge, named, one_is_name, person_named
from producers.intake.scrubbing.lexicon import SYLLABLES, Lexicon, demonym, english, fold, lexicon
from producers.intake.scrubbing.street_words import AREA_AFTER
from producers.intake.scrubbing.text import words
from producers.intake.scrubbing.tokens import Tok
from producers.intake.scrubbing.wordlists import (
    CAPITAL_PARTICLES,
    CUES,
    FUNCTION,
    HEADS,
    HONORIFICS,
    KIN_TITLES,
    LEAD_TITLES,
    NOT_NAMES,
    ORGANISATIONS,
    PARTICLES,
    PERSONS,
    ROLES,
    SUFFIX_ONLY,
    TITLES,
    VESSELS,
)

# titles written shortened with a dot
# (and "Md." / "Mohd.", Muhammad shortened, which open a name: "Md. Shahin Alam")
_DOTTED_TITLES = words(
    "mr mrs ms mx dr dra prof mme mlle sr sra srta lic licda ing engr rev sgt md mohd"
)
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
            if gap == " " or (_joins(gap, prev) and not _at_place(gap, t)):
                runs[-1].append(t)
                continue
            if gap == ". " and prev.norm in _DOTTED_TITLES:
                # "Mr. Gao", "casa do Sr. Antônio": the dot ends the title, not a
                # sentence, and the title opens a run of its own
                if len(runs[-1]) > 1:
                    runs[-1].pop()
                    runs.append([prev])
                runs[-1].append(t)
                continue
        runs.append([t])
    return runs


def _at_place(gap: str, t: Tok) -> bool:
    """Malay and Indonesian "di" (in, at) before a town is no Italian particle: "Pak Haji
    Darmo di Batam" is a name and where he is, not "Darmo di Batam"."""
    return gap == " di " and (t.norm in lexicon().places or t.norm in lexicon().big_places)


# words that end the name of a public institution, not of a person
_PUBLIC_HEADS = words(
    "museum gallery library university college institute academy stadium hospital "
    "school church cathedral mosque ministry foundation "
    # public bodies: "Lagos Zonal Command", "Wage and Hour Division"; Azerbaijani
    # "İdarəsi" (department), Hungarian "Szeretetszolgálat" (charity service)
    "command division directorate bureau commission department agency squad council "
    "idarəsi idaresi idarəsinin szeretetszolgálat szeretetszolgalat"
)
_VIET = re.compile("[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]")


def _segments(
    run: list[Tok], text: str, lex: Lexicon, *, heads: bool = True
) -> list[tuple[list[Tok], int]]:
    """A run split at titles and common words, each piece with whether a cue precedes it:
    "Crew leader Rogelio Vargas" → (Rogelio Vargas); "Father Mohan Lal" → (Mohan Lal, cued).
    Words that are names as well as common words ("Joy", "Min", "Lei") do not split, nor
    do short words in a Vietnamese name ("Lò Thị Xuân"); "Mama", "Papa" before a name
    belong to it ("Mama Zawadi"). The cue is TITLED after a title, CUED after a cue word."""
    out: list[tuple[list[Tok], int]] = []
    if _vetoed(run, text, lex, heads=heads) or (len(run) > 1 and run[-1].norm in _PUBLIC_HEADS):
        return out  # "Albert Museum", "Aga Khan University"
    viet = any(_VIET.search(t.text) for t in run) or any(
        t.norm in ("thi", "van") for t in run[1:-1]
    )  # "LE THI HOA", "Lò Thị Xuân"
    cur: list[Tok] = []
    cued = 0
    for i, t in enumerate(run):
        if t.norm in KIN_TITLES and i + 1 < len(run) and _kin_title(t, text):
            nxt = run[i + 1].norm
            if (nxt not in lex.splits or (len(run) == 2 and _foreign(nxt, lex))) and (
                nxt not in TITLES
            ):
                if cur:
                    out.append((cur, cued))
                cur, cued = [t], CUED
                continue
        # a title opens a name ("Mr Bello", "Der Arbeitgeber Herr Schneider"); inside one
        # it is a name ("Luciano Pastor Mesa")
        title = (
            (t.norm in TITLES or t.norm in LEAD_TITLES or _burmese_u(run, i))
            and i + 1 < len(run)
            and not any(named(c.norm, lex) for c in cur)
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
            and (i or not named(run[i + 1].norm, lex))
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
        or _declined_nation(t.norm, lex)
        or _declined_place(t, lex)
        or (i == 0 and len(run) >= 3 and t.norm in lex.jobs)  # "Pracownik Piotr Zieliński"
        or (i == 0 and t.norm not in lex.named and _VERB_END.search(t.norm) is not None)
    ):
        return False
    last = i == len(run) - 1
    return not (
        (cur and not last and t.norm in CAPITAL_PARTICLES)  # "Alexandre Le Maillard"
        or (viet and len(t.norm) <= 3 and t.norm not in ROLES)  # "Lò Thị Xuân"
        or _initial(t, i, text)  # "Wilmer A. Reyes", "T. O. Adeyemi"
        or (len(cur) == 1 and last and _syllable_after(cur[0], t, lex))  # "Li Na"
        or (t.norm in lex.named and _name_ends(run, i, cur, lex))  # "Wei Ling Tan"
        # a surname that is a function word elsewhere, after a person's title: "Mr Tan",
        # "Mrs Das" (Spanish "tan", German "das")
        or (i == 1 and last and t.norm in lex.named and _mister(run))
        or (i == 1 and last and _titled_foreign(run, lex))  # "Madam Ese" (Spanish "ese")
        # a word between a person's title and another name word opens the name: "Mrs
        # Mere Tuilau" (English "mere"), "Mr Rich Banda"; not a role ("Mr Driver Ali")
        or (i == 1 and not last and _titled(run) and t.norm not in ROLES)
    )


def _kin_title(t: Tok, text: str) -> bool:
    """ "Pa Foday" (a Sierra Leonean elder), not Vietnamese "Pá Khôm" (a village); "Boy
    Villanueva" (a Filipino nickname), not a sentence about a boy ("Boy Ahmad, aged 10")."""
    if t.norm == "pa":
        return t.text == "Pa"
    return t.norm != "boy" or not opens_sentence(text, t.start)


def _burmese_u(run: list[Tok], i: int) -> bool:
    """Burmese "U" opening a name of two words or more is a title: "U Thein Naing"."""
    return i == 0 and len(run) >= 3 and run[0].text == "U"


def _declined_nation(norm: str, lex: Lexicon) -> bool:
    """A country's name with a case ending: "Гражданин Таджикистана", "z Ukrainy"."""
    if len(norm) < 6 or norm in lex.named or norm[-1] not in _CASE_LAST:
        return False
    return norm[:-1] in lex.nations or norm[:-2] in lex.nations


def _declined_place(t: Tok, lex: Lexicon) -> bool:
    """A town read back from its case form (``tokens.base_form``): "Жыхарка Гомеля Ганна"
    (of Gomel) names no one."""
    return t.norm in lex.places and t.norm not in lex.named and fold(t.text) != t.norm


# Spanish and Portuguese verbs opening a sentence: "Participaron el DIF y …"
_VERB_END = re.compile(r"(?:aron|ieron|aram|eram|iram|ando|iendo)$")
_CASE_LAST = frozenset("аиоуыеяюіїaeiouy")


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


def _vetoed(run: list[Tok], text: str, lex: Lexicon, *, heads: bool = True) -> bool:
    """Places, institutions and vessels: "San Jose", "Benin City", "Policía Nacional",
    "Santiago de Chile", "Red Cross", "Los Ángeles", "the vessel Nuestra Señora"."""
    if any(
        (
            t.norm in NOT_NAMES
            and not (i == 0 and t.norm in SUFFIX_ONLY)
            and not (i == 1 and _head_first_surname(run, lex))
        )
        or t.norm in lex.nations
        for i, t in enumerate(run)
    ) and not _mister(run):
        return True
    whole = fold(text[run[0].start : run[-1].end])
    if whole in ORGANISATIONS or whole in lex.places or _hyphened_place(run, lex):
        return True
    if heads and _named_thing(text, run[0].start):
        return True
    if _names_a_body(text, run[0].start, run[-1].end):
        return True
    if names_an_area(text, run[-1].end):
        return True
    # a place and a state or country code: "Columbus OH", "Victoria BC"
    end = len(run)
    while end > 1 and run[end - 1].text.isupper() and len(run[end - 1].text) <= 3:
        end -= 1
    return end < len(run) and fold(text[run[0].start : run[end - 1].end]) in lex.places


# a public body's head and "of", "on" or "for" before a run: the run names its field
_BODY_OF = re.compile(
    r"\b(?:Department|Ministry|Office|Bureau|Commission|Commissioner|Council|Task\s+Force|"
    r"Division|Directorate|Agency|Secretariat|Unit|Committee|Court)\s+(?:of|on|for)\s+"
    r"(?:the\s+)?(?:[A-Z][\w'’-]+\s+(?:and\s+)?)*$"
)


_BODY_AND = re.compile(
    r"\s+and\s+[A-Z][\w'’-]+\s+(?:Division|Unit|Office|Bureau|Department|Commission|"
    r"Section|Service|Directorate)\b"
)


def _names_a_body(text: str, start: int, end: int) -> bool:
    """Capitalised words naming a public body's field: "Department of Justice", "Task
    Force on Human Trafficking", "Wage and Hour Division"."""
    return bool(_BODY_OF.search(text, max(0, start - 60), start) or _BODY_AND.match(text, end))


# an area's word after a run, in lower case ("… Dien Chau district, Nghe An")
# not a role there held: "Maria Santos village chief"
_AREA_AFTER_RUN = re.compile(
    rf" (?:{AREA_AFTER}|region|village)\b(?! (?:chief|head|headman|elder|leader|officer|"
    r"official|commissioner|secretary|coordinator|council|councillor|administrator)s?\b)"
)


# Spanish place words that open a place's name ("Mercado Central", "Villa Nueva") and are
# surnames after a given name: "Jocelyn Mercado", "Pancho Villa", "Rosa Valle"
_HEAD_FIRST = words("mercado villa valle sierra monte")


def _head_first_surname(run: list[Tok], lex: Lexicon) -> bool:
    first = run[0].norm
    return (
        len(run) == 2  # a given name and the surname
        and run[1].norm in _HEAD_FIRST
        and first in lex.given
        and first not in lex.places
        and first not in lex.common
    )


def names_an_area(text: str, end: int) -> bool:
    """Whether the capitalised words ending at ``end`` are an area's name: "Dien Chau
    district", "Ba Vi commune" (not "Rosa Mendoza village chief")."""
    return _AREA_AFTER_RUN.match(text, end) is not None


def _hyphened_place(run: list[Tok], lex: Lexicon) -> bool:
    """A region told by its compass points ("AHTU North-West", "Nord-Est"), or a place
    with a postposition inside the run ("Asunción-gui Buenos Aires-pe": from … to …)."""
    return any(_COMPASS.fullmatch(t.norm) for t in run) or any(
        _place_postposed(t.text, lex) for t in run[:-1]
    )


_COMPASS = re.compile(r"(?:north|south|nord|sud|sur|norte)-(?:east|west|est|ouest|este|oeste)")
# a postposition in lower case joined to a place by a hyphen: Guaraní "Asunción-gui"
# (from), "Argentina-pe" (to), Basque "Bilbo-ra" (not a name's part: "Anna-Lena")
_POSTPOSED = re.compile(r"(.+)-[a-zñ]{1,4}$")


def _place_postposed(raw: str, lex: Lexicon) -> bool:
    m = _POSTPOSED.match(raw)
    if m is None:
        return False
    head = fold(m.group(1))
    return head in lex.places or head in lex.nations


_MISTER = words("mr mrs ms miss mx")


def _titled(run: list[Tok]) -> bool:
    return run[0].norm.rstrip(".") in _MISTER


def _mister(run: list[Tok]) -> bool:
    """ "Mr Park", "Mrs White": after a person's title one word is a surname, whatever
    else it names."""
    return len(run) == 2 and _titled(run)


# titles that open a person's name or alias, after which a word of another language's
# ordinary vocabulary is the name: "Madam Ese", "Mama Bella", "Mr Grande"
_ALIAS_TITLES = _MISTER | words("madam madame mme mama auntie aunty alhaji alhaja hajia oga")


def _titled_foreign(run: list[Tok], lex: Lexicon) -> bool:
    """A two-word run of a person's title and a word that is ordinary in some language but
    no English word, place, nation or role: the title's name."""
    return len(run) == 2 and run[0].norm.rstrip(".") in _ALIAS_TITLES and _foreign(run[1].norm, lex)


def _foreign(w: str, lex: Lexicon) -> bool:
    """A word no English word, place, nation, role or title, whatever else it means."""
    return (
        len(w) >= 3
        and not english(w, lex)
        and w not in lex.places
        and w not in lex.nations
        and w not in PERSONS
        and w not in TITLES
        and w not in KIN_TITLES
    )


_HEAD_WORD = re.compile(r"[^\W\d_]{4,}")
_HEAD_WORDS = VESSELS | HEADS


def _heads_in(text: str, words: set[str] | None) -> bool:
    """Whether ``text`` holds a vessel or place word at all (most texts hold none); from
    its lower-case words when the pipeline has read them already."""
    if words is None:
        words = set(_HEAD_WORD.findall(text.lower()))
    return not _HEAD_WORDS.isdisjoint(words)


def _named_thing(text: str, start: int) -> bool:
    """After a vessel or a place word a run names the thing: "the vessel Nuestra Señora",
    "masjid al-Nour", "fazenda Boa Sorte"."""
    before = text[max(0, start - 16) : start].split()
    if before and before[-1].endswith("-") and len(before) > 1:
        before.pop()  # "masjid al-Nour"
    return bool(before) and (before[-1].lower() in VESSELS or fold(before[-1]) in HEADS)


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


def first_pass(text: str, toks: list[Tok], lex: Lexicon, words: set[str] | None = None) -> Pass:
    """Each run of capitalised words judged by the lexicons and the cues around it."""
    out = Pass([], [], set())
    heads = _heads_in(text, words)
    for whole in _shouted_clauses(_runs(text, toks)):
        run = whole
        while len(run) > 1 and (run[0].norm in lex.nations or demonym(run[0].norm, lex)):
            # "Taiwanese Huang Mei-ling", "Moçambicana Lurdes Macuácua"
            out.vetoed.add(run[0].start)
            run = run[1:]
        if len(run) > 1 and _place_postposed(run[-1].text, lex):
            out.vetoed.add(run[-1].start)  # "Doña Nilda Argentina-pe": to Argentina
            run = run[:-1]
        if len(run) == 3 and run[-1].norm in lex.nations and run[0].norm in lex.given:
            # a given name, a surname, then where: "pie Jāņa Ozola Īrijā" (at Jānis Ozols's
            # in Ireland); not "Hope Haven Ghana", "Badan … Migran Indonesia"
            out.vetoed.add(run[-1].start)
            run = run[:-1]
        if len(run) == 1:  # most runs: one capitalised word
            t = run[0]
            if person_named(t, text):  # "a man named Timur": a word elsewhere ("Jawa Timur")
                out.found.append(run)
            elif (
                t.norm in NOT_NAMES
                or t.norm in lex.nations
                or demonym(t.norm, lex)  # "гражданка Узбекистана", "Guatemalteca"
                or (heads and _named_thing(text, t.start))
                or _names_a_body(text, t.start, t.end)
            ):
                out.vetoed.add(t.start)
            elif t.norm not in lex.splits and (t.norm not in TITLES or _VIET.search(t.text)):
                # "Tuấn" is no Malay "Tuan"
                (out.found if one_is_name(t, 0, text, lex) else out.rest).append(run)
            continue
        segments = _segments(run, text, lex, heads=heads)
        if not segments:
            out.vetoed.update(t.start for t in run)
        for seg, cued in segments:
            name = judge(seg, cued, text, lex)
            glued = not cued and seg[0] is not run[0] and len(seg) == 1
            if name and glued and english(seg[0].norm, lex):
                name = []  # "Christmas Eve": a word that is a name, after an ordinary word
            (out.found if name else out.rest).append(name or seg)
    return out
