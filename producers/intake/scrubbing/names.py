"""Personal names in free text: ``find`` returns name spans (pure).

Runs of capitalised words judged by ``runs`` and ``judge``; then words no list knows where
a name sits (before what people do: "Ebo Quansah paid"; after what is done to a person:
"took Zeynab to"; set off after a person; listed with a found name: "Sergi and 'Pepito'"),
quoted nicknames ("alias 'el Rubio'", "'Tito' Ramírez"), initials ("Client (A.P.)"),
"SURNAME, Given", words after "name:" whatever their case, names written without capitals
(``lowercase``) and in scripts without capitals (``scripts``). Once a name is found, its
other mentions ("Hung's passport") and its spelling in another script ("(王芳)", "Chen
Xiulan 陈秀兰") go too.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterator

from producers.intake.scrubbing.appositives import appositives
from producers.intake.scrubbing.birthdates import BIRTH_CUES, months
from producers.intake.scrubbing.cues import (
    ACTS_AFTER,
    LOCATIVE,
    NOTE_AFTER,
    ORIGIN_AFTER,
    PRETERITE_AFTER,
    appositive,
    cued_before,
    described_after,
    one_of,
    opens_sentence,
    org_after,
    person_before,
    place_follows,
)
from producers.intake.scrubbing.joins import joined
from producers.intake.scrubbing.judge import is_unknown
from producers.intake.scrubbing.kin import kin_names
from producers.intake.scrubbing.lexicon import (
    MIN_EVIDENCE,
    PINYIN_SURNAMES,
    Lexicon,
    english,
    fold,
    lexicon,
    pinyin_given,
)
from producers.intake.scrubbing.lowercase import lower_cued, lower_runs
from producers.intake.scrubbing.name_quoted_middle import quoted_middles
from producers.intake.scrubbing.nguni import nguni_names
from producers.intake.scrubbing.nicknames import nicknamed
from producers.intake.scrubbing.runs import first_pass
from producers.intake.scrubbing.scripts import other_scripts, slavic_surnames
from producers.intake.scrubbing.street_words import STARTERS
from producers.intake.scrubbing.surname_suffixes import suffixed_surnames
from producers.intake.scrubbing.text import UPPER, words
from producers.intake.scrubbing.tokens import Tok, capital_words
from producers.intake.scrubbing.wordlists import (
    CUES,
    FUNCTION,
    HONORIFICS,
    KIN_TITLES,
    LEAD_TITLES,
    PARTICLES,
    SURNAMES,
    TITLES,
)


def find(text: str, words: set[str] | None = None) -> list[tuple[int, int]]:
    """Spans of personal names in ``text``, sorted and disjoint (``words``: its lower-case
    words, when read already)."""
    lex = lexicon()
    toks = capital_words(text)
    found, rest, vetoed = first_pass(text, toks, lex, words)
    found.extend(lower_runs(text, lex))
    found.extend(lower_cued(text, lex))
    spans = {_unabbreviated(text, run[0].start, _with_script(text, run[-1].end)) for run in found}
    spans.update(_after_label(text))
    spans.update(_quoted(text, lex))
    spans.update(_slotted(rest, spans, text, lex))
    spans.update(_initials(text))
    if "nisial" in text or "nitials" in text:
        spans.update(m.span("initials") for m in _INITIALS_SAID.finditer(text))
    if ". " in text:
        spans.update(_initial_surname(text, lex))
    if "." in text:
        spans.update(_cyrillic_initial(text, lex))
        spans.update(_surname_initialled(text, lex))
    spans.update(_pinyin_names(text, lex))
    spans.update(other_scripts(text, lex))
    spans.update(appositives(text))  # "زن افغان، فرشته احمدی، متولد …", Hebrew too
    spans.update(slavic_surnames(text, lex))
    spans.update(kin_names(text, lex))
    spans.update(nicknamed(text, lex))  # "known as Gruby", "по кличке Шайтан"
    spans.update(quoted_middles(text, lex))  # "Marek „Gruby” Zieliński"
    spans.update(nguni_names(text, lex))  # "uThandeka Dlamini", "nguSipho"
    spans.update(suffixed_surnames(text, lex))  # "გიორგი კაპანაძემ", "Արմեն Սարգսյանի"
    if "/" in text:  # a ticket's passenger: "ABUBAKAR/HALIMA MS"
        spans.update(
            (m.start("name"), m.end("name"))
            for m in _PASSENGER.finditer(text)
            if any(  # a listed name among its parts: not "HIV/AIDS MS clinic"
                (w in lex.given or w in lex.surnames) and w not in lex.common
                for w in map(fold, re.split(r"[/ ]", m.group("name")))
            )
        )
    if "Văn" in text or "Thị" in text:
        spans.update((m.start(), m.end()) for m in _VIETNAMESE_MIDDLE.finditer(text))
    if not spans:
        return []
    # other mentions of a found name's words ("Tran Van Hung" … "Hung's passport")
    merged = disjoint(sorted(spans))
    firsts = [s for s, _ in merged]
    known = set()
    for t in toks:
        i = bisect_right(firsts, t.start) - 1
        if (
            i >= 0
            and t.end <= merged[i][1]
            and len(t.norm) >= MIN_EVIDENCE
            and (t.norm not in lex.common or t.norm in lex.neutral)
            and (t.norm not in lex.big_places or _named_town(t.norm, lex))
        ):
            known.add(t.norm)
    acting = _worded_surnames(toks, merged, lex)
    more = [
        (t.start, t.end)
        for t in toks
        if (t.norm in known or (t.norm in acting and ACTS_AFTER.match(text, t.end)))
        and t.start not in vetoed
        and not (t.norm in lex.big_places and _LOCATIVE.search(text, max(0, t.start - 12), t.start))
    ]
    if more:
        merged = disjoint(sorted([*merged, *more]))
    merged = _widened(text, joined(text, merged, lex), toks, lex)
    if "&" in text:
        merged = [(s, e) for s, e in merged if not _firm(text, s, e)]
    named = _no_dates(text, _with_quotes(text, _surname_first(text, merged, lex)))
    return [
        (s, e)
        for s, e in named
        if not _inside_abbreviation(text, s, e) and not _titled_aside(text, s, e, lex)
    ]


def _worded_surnames(toks: list[Tok], spans: list[tuple[int, int]], lex: Lexicon) -> set[str]:
    """Surnames of found names that are ordinary words too ("Tomasz Wilk": wolf in
    Polish, whelk in English): that person again only where a verb follows ("Wilk says"),
    as the ordinary word seldom stands so capitalised."""
    out: set[str] = set()
    firsts = [s for s, _ in spans]
    inside: dict[int, list[Tok]] = {}
    for t in toks:
        i = bisect_right(firsts, t.start) - 1
        if i >= 0 and t.end <= spans[i][1]:
            inside.setdefault(i, []).append(t)
    for parts in inside.values():
        last = parts[-1].norm
        if (
            len(parts) >= 2  # a given name and a surname
            and parts[0].norm in lex.given
            and last in lex.common
            and len(last) >= MIN_EVIDENCE
            and last not in lex.places
        ):
            out.add(last)
    return out


# a passenger as tickets and bookings write one: SURNAME/GIVEN NAMES and a title
_PASSENGER = re.compile(
    r"(?<![\w/])(?P<name>[A-Z][A-Z'-]{1,24}/[A-Z][A-Z'-]{1,24}(?: [A-Z][A-Z'-]{1,24})?)"
    r"\s+(?:MR|MRS|MS|MISS|MSTR|DR)\b"
)


def _named_town(norm: str, lex: Lexicon) -> bool:
    """A big town's name that is a listed given name or surname ("Hassan", "Austin"): once
    the text named someone so, the word again is that person, unless placed (_LOCATIVE)."""
    return (norm in lex.given or norm in lex.surnames) and norm not in lex.splits


# a preposition of place just before a word: "in Hassan", "to Austin", "à Florence"
_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|to|from|near|into|towards|via|en|à|a|de|do|da|em|na|no|nach|aus|bei|"
    r"kwenda|huko|mjini|ke|di|dari)\s+)$",
    re.IGNORECASE,
)


# "Trafficking in Persons (Prohibition) Enforcement and Administration Act": a word set
# (or opening a list there: "Persons (Prevention, Suppression and …") in brackets between
# two words with capitals belongs to the title around it
_TITLE_BEFORE = re.compile(rf"(?P<word>[{UPPER}][^\W\d_]+) \($")
_TITLE_AFTER = re.compile(rf"\)? ?,? ?[{UPPER}]")


def _titled_aside(text: str, start: int, end: int, lex: Lexicon) -> bool:
    before = _TITLE_BEFORE.search(text, max(0, start - 40), start)
    return (  # the title's word before the bracket is a word too: "Phonesavanh (Noy) …"
        before is not None
        and english(fold(before.group("word")), lex)
        and _TITLE_AFTER.match(text, end) is not None
        and english(fold(text[start:end]), lex)
    )


def _inside_abbreviation(text: str, start: int, end: int) -> bool:
    """One letter between two dots is a letter of an abbreviation ("18 U.S.C. § 1589"),
    not an initial."""
    return end - start == 1 and text[start - 1 : start] == "." and text[end : end + 1] == "."


_AMPERSAND_AFTER = re.compile(r"\s?&\s?[A-Z]")
_AMPERSAND_BEFORE = re.compile(r"[A-Z][\w'’-]*\s?&\s?$")


def _firm(text: str, start: int, end: int) -> bool:
    """A name joined to another by "&" names a firm: "Morgan & Lee Recruitment"."""
    return bool(
        _AMPERSAND_AFTER.match(text, end)
        or _AMPERSAND_BEFORE.search(text, max(0, start - 24), start)
    )


_DIGIT_NEAR = re.compile(r"\d\s?$")


def _no_dates(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Without a month named between a day and a year ("9 Mei 2008": "Mei" is a given name
    too) and without a birth cue opening a name ("Alizaliwa Mwanza": born in Mwanza)."""
    every = months()[0]
    out = []
    for first_at, end in spans:
        start, word = first_at, text[first_at:end]
        if fold(word) in every and (
            _DIGIT_NEAR.search(text, max(0, start - 2), start) or _DIGIT_AFTER.match(text, end)
        ):
            continue
        first = word.split(" ", 1)[0]
        if " " in word and fold(first) in BIRTH_CUES:
            start += len(first) + 1
        out.append((start, end))
    return out


_DIGIT_AFTER = re.compile(r"\s?\d")


def _widened(
    text: str, spans: list[tuple[int, int]], toks: list[Tok], lex: Lexicon
) -> list[tuple[int, int]]:
    """Found names widened over the capitalised words that touch them, a space apart: a
    surname no list gives, or one that is a word elsewhere ("Murugan Selvaraj", "ELMER
    ESTUARDO CHOC", "Wilner Desir"), a surname list's name before ("Tan Kim Huat")."""
    by_start = {t.start: t for t in toks}
    by_end = {t.end: t for t in toks}
    out: list[tuple[int, int]] = []
    for first, last in spans:
        start, end = first, last
        shouted = text[start:end].isupper()
        for _ in range(2):
            t = by_start.get(end + 1)
            if t is None or text[end] != " " or not _surname_after(t, shouted, lex):
                break
            if shouted and not _CLAUSE_ENDS.match(text, t.end):
                break  # in capitals, only a word that closes the clause: "… ESTUARDO CHOC."
            end = t.end
        t = by_end.get(start - 1)
        if (
            t
            and text[start - 1] == " "
            and t.norm in SURNAMES
            and t.norm not in _NOT_BEFORE
            and not opens_sentence(text, t.start)
        ):
            start = t.start
        out.append((start, end))
    return disjoint(sorted(out))


_NOT_BEFORE = (TITLES - SURNAMES) | LEAD_TITLES | KIN_TITLES | HONORIFICS | CUES


_CLAUSE_ENDS = re.compile(r"\s*(?:[.,;:)(]|$)")


def _surname_after(t: Tok, shouted: bool, lex: Lexicon) -> bool:
    norm = t.norm
    if t.text.isupper() and len(t.text) > 1 and not shouted:
        return False  # an acronym after a name: "Kofi UNHCR"
    return not (
        norm in FUNCTION
        or norm in PARTICLES
        or norm in TITLES
        or norm in CUES
        or norm in STARTERS
        or norm in lex.places
        or norm in lex.big_places
        or (english(norm, lex) and norm not in lex.surnames)
        or _country_declined(norm, lex)
    )


_MOST_ENDING = 4  # letters of a case ending: Uzbek "-dan", Azerbaijani "-də", Turkish "-den"


def _country_declined(norm: str, lex: Lexicon) -> bool:
    """A country's name with a case ending: "Rossiyada" (in Russia), "Türkiyədə"."""
    return any(
        norm[:-cut] in lex.nations
        for cut in range(1, min(_MOST_ENDING, len(norm) - 4) + 1)
        if norm[:-cut] not in lex.named
    )


# a Vietnamese name by its middle name, "Văn" (men) or "Thị" (women): "Lò Văn Sình", "Hà
# Thị Mai Anh"
_VIETNAMESE_MIDDLE = re.compile(
    rf"(?<![\w'’-])[{UPPER}][^\W\d_]{{0,6}} (?:Văn|Thị)"
    rf"(?: [{UPPER}][^\W\d_]{{0,6}}){{1,2}}(?![\w'’-])"
)


def _acronym(word: str) -> bool:
    stem = word[:-1] if len(word) > 2 and word.endswith("s") else word
    return len(stem) > 1 and stem.isupper()


def _slotted(
    rest: list[list[Tok]], spans: set[tuple[int, int]], text: str, lex: Lexicon
) -> list[tuple[int, int]]:
    """Capitalised words no list knows, where a person's name usually sits: before what
    people do ("Ebo Quansah paid"), after what is done to people ("took Zeynab to"), set
    off after a person ("a worker from Cambodia, Sok Pisey,"), or listed with a found name
    ("named as Sergi and 'Pepito'")."""
    out: list[tuple[int, int]] = []
    ends = sorted({e for _, e in spans})  # sorted: ``_listed`` looks only near a name
    starts = {s for s, _ in spans}
    common = lex.common
    for seg in rest:
        start, end = seg[0].start, seg[-1].end
        if _one_of_them(seg, text, lex):
            out.append((start, end))
            insort(ends, end)
            starts.add(start)
            continue
        if any(t.norm in common for t in seg) and not _listed_surname(seg, text, starts, ends, lex):
            continue
        caps = [t for t in seg if t.norm not in PARTICLES]
        if not caps or any(_acronym(t.text) for t in caps):
            continue  # acronyms: "CPF", "IOM", and their plurals: "NGOs", "IDPs"
        if all(len(t.norm) == 1 for t in caps):
            continue
        unknown = [
            len(t.norm) == 1
            or is_unknown(t, lex)
            or (i > 0 and t.norm in common and not english(t.norm, lex))
            for i, t in enumerate(caps)
        ]
        # a name that is a word as well ("Hakim") counts only in a list of names
        if not all(unknown) and not (
            _named_or_unknown(caps, unknown, lex) and _listed(text, start, end, starts, ends)
        ):
            continue
        if org_after(text, end) or _NUMBER_AFTER.match(text, end):
            continue  # "met Interpol officers", "owed Rs 180,000"
        if all(t.norm in lex.places for t in caps) and place_follows(text, end, lex):
            continue  # "house of Fatou Sarr, Médina, Dakar": a place before a place
        done_to = person_before(text, start)
        before = text[max(0, start - 12) : start].split()
        if before and before[-1].lower() in LOCATIVE and not done_to:
            continue
        if (
            ACTS_AFTER.match(text, end)
            or (PRETERITE_AFTER.match(text, end) and _set_apart(text, start))
            or ORIGIN_AFTER.match(text, end)
            or described_after(text, end)
            or (appositive(text, start) and _SET_OFF.match(text, end))
            or _listed(text, start, end, starts, ends)
            or done_to
        ):
            out.append((start, end))
            insort(ends, end)
            starts.add(start)
    return out


_ARTICLES = frozenset({"la", "el", "los", "las", "o", "a", "os", "as", "le", "les", "lo"})


def _one_of_them(seg: list[Tok], text: str, lex: Lexicon) -> bool:
    """One to three capitalised words set off after "one of them," in any language ("En
    av kvinnorna, Somying Chaiyaphum, född …"): a name even when its words are also
    places or words, unless every one of them is ("one of the cities, Madrid,")."""
    start, end = seg[0].start, seg[-1].end
    if not 1 <= len(seg) <= _MOST_SET_OFF or not one_of(text, start):
        return False
    if not _SET_OFF.match(text, end) or any(t.text.isupper() and len(t.text) > 1 for t in seg):
        return False
    return not all(t.norm in lex.places or t.norm in lex.common for t in seg)


_MOST_SET_OFF = 3


def _set_apart(text: str, start: int) -> bool:
    """Not opening a sentence ("Quem recrutou") nor after an article or a particle ("de la
    Nación abrió"): a word no list knows before a preterite is a name only set apart."""
    if opens_sentence(text, start):
        return False
    before = text[max(0, start - 8) : start].split()
    return not before or (before[-1] not in PARTICLES and before[-1] not in _ARTICLES)


def _named_or_unknown(caps: list[Tok], unknown: list[bool], lex: Lexicon) -> bool:
    return all(
        u or t.norm in lex.given or t.norm in lex.surnames
        for t, u in zip(caps, unknown, strict=True)
    )


_NUMBER_AFTER = re.compile(r"\s*\d")


_SET_OFF = re.compile(r"\s*[,(;]|\s*$|\s+(?:and|y|e|et)\s")
_LIST_BEFORE = re.compile(r"(?:,|\s+(?:and|y|e|et|&|,\s*and))\s*['\"‘“]?\s*$")
_LIST_GOES_ON = re.compile(r"\s*['\"’”]?\s*(?:,|\s(?:and|y|e|et|&)\s)")
_LIST_AFTER = re.compile(r"\s*['\"’”]?\s*(?:,|\s+(?:and|y|e|et|&))\s*['\"‘“]?")


def _listed_surname(
    seg: list[Tok], text: str, starts: set[int], ends: list[int], lex: Lexicon
) -> bool:
    """A given name no list knows and a surname that is a word in some language, but no
    English one, listed with a found name: "[NAME] and Wilner Desir", "Yohanes Lado"."""
    return (
        2 <= len(seg) <= 3
        and seg[0].norm not in lex.common
        and not any(english(t.norm, lex) or t.norm in FUNCTION for t in seg)
        and _listed(text, seg[0].start, seg[-1].end, starts, ends)
    )


# what may stand between a found name and the next in a list: an age ("Kofi Mensah (aged
# 14) and", "Pedro Alves, 16, Tiago")
_AGE_BETWEEN = re.compile(r"\s*(?:\((?:aged\s+|age\s+)?\d{1,2}[^()]{0,16}\)|,\s*\d{1,2},)")
# no found name ending further back can join a list here: an age holds at most 24
# characters that are no space, and 8 more may follow it
_REACH = 40


def _near_ends(text: str, start: int, ends: list[int]) -> Iterator[int]:
    """The found names' ends before ``start`` (sorted ``ends``), nearest first, while at
    most _REACH characters that are no space lie between: a scan of every end for every
    word made a long text of listed names quadratic (tests/test_scrub_list_stall_attacker.py)."""
    solid, at = 0, start
    for i in range(bisect_left(ends, start) - 1, -1, -1):
        e = ends[i]
        solid += sum(1 for c in text[e:at] if not c.isspace())
        if solid > _REACH:
            return
        at = e
        yield e


def _listed(text: str, start: int, end: int, starts: set[int], ends: list[int]) -> bool:
    """True when a found name comes just before or after, joined by a comma or "and"."""
    for found_end in _near_ends(text, start, ends):
        e = found_end
        if e < start and (age := _AGE_BETWEEN.match(text, e, start)):
            e = age.end() - (1 if age.group(0).endswith(",") else 0)
        if e < start and start - e <= 8 and (m := _LIST_BEFORE.search(text[e:start])):
            # after a bare comma, one word ends no list: "house of Ade Bankole, Ikorodu"
            if m.group(0).strip(" '\"‘“") != "," or " " in text[start:end]:
                return True
            if _LIST_GOES_ON.match(text, end):
                return True
    opens = opens_sentence(text, start)
    m = _LIST_AFTER.match(text, end)
    if m and end < m.end() <= end + 8 and m.end() in starts:  # a found name right after
        s = m.end()
        # "Ofiara, Ołena Kowalczuk": a word that opens a sentence, then a comma
        # and a name, is no list; "Kwame and Ama Mensah", "Elif, Zehra and Ayşe" are
        return not opens or "," not in m.group(0) or _list_goes_on(text, s, ends)
    return False


def _list_goes_on(text: str, start: int, ends: list[int]) -> bool:
    """True when the name found at ``start`` is followed by "and" and another name."""
    i = bisect_right(ends, start)
    end = ends[i] if i < len(ends) else -1
    return end > 0 and _JOINED_AFTER.match(text, end) is not None


_JOINED_AFTER = re.compile(
    r"\s+(?:and|y|e|et|&|und|ve|na|dan|at)\s+['\"‘“]?[{UPPER}]".replace("{UPPER}", UPPER)
)


# a nickname in quotes after a cue: "alias 'el Rubio'", "the caporale 'Bobby'", "zis „Bebe”"
_QUOTED = re.compile(
    r"(?:(?<=\s)|^|(?<=\())['‘\"“„«]([^'‘’\"“”„«»\n]{1,40}?)['’\"”»“](?!\w)"
)  # German „…“ too


def _quoted(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    if not any(q in text for q in "'‘\"“„«"):
        return out
    for m in _QUOTED.finditer(text):
        inner = m.group(1).strip()
        words = inner.split()
        if not 1 <= len(words) <= 4:
            continue
        if not any(w[0].isupper() for w in words) and not (
            cued_before(text, m.start())  # "facebook tên 'hoàng long'"
            and any(fold(w) in lex.given or fold(w) in lex.surnames for w in words)
            and not all(english(fold(w), lex) for w in words)
        ):
            continue
        nickname = _NICKNAME_CUE.search(text, max(0, m.start() - 24), m.start()) is not None
        if not nickname and all(
            fold(w) in lex.common and fold(w) not in lex.neutral for w in words
        ):
            continue  # a nickname may be a word: "detto «Zio»", "alias 'Toro'"
        at = m.start(1) + m.group(1).index(inner)
        if nickname or cued_before(text, m.start()) or NOTE_AFTER.match(text, m.end()):
            out.append((at, at + len(inner)))
        elif (inside := _NICKNAMED.match(text, m.end())) and _CAPITAL_BEFORE.search(
            text, max(0, m.start() - 30), m.start()
        ):
            out.append((at, inside.end()))  # Oleksandr "Sasha" Bondar
    return out


_NICKNAME_CUE = re.compile(
    r"(?:alias|aka|a\.k\.a\.?|nicknamed|detto|detta|soprannominat[oa]|apodad[oa]|vulgo|"
    r"genannt|namens|himself|herself|dit|dite|surnomm[ée]e?|poreclit|zis|zisa|niejak[ia]|zwan[ya]|"
    r"кличке|прозвищу|прізвисько|звани|звана|званог|zvan[ia]|zvanog|kallad|kallas|kaldet|"
    r"genaamd|known\s+as)[\s,:]*$",
    re.IGNORECASE,
)


def _with_quotes(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A name found inside a quoted nickname takes the whole of it ("owe 'Uncle Bao'",
    "'Doctor Saab'"); a nickname in quotes just before a name goes with it ("'Tito'
    Ramírez")."""
    if not spans or not any(q in text for q in "'‘\"“„«"):
        return spans
    out = list(spans)
    for m in _QUOTED.finditer(text):
        inner = m.group(1)
        if len(inner.split()) > 4 or not inner[:1].isupper():
            continue
        qs, qe = m.start(1), m.end(1)
        for i, (s, e) in enumerate(out):
            if s < qe and e > qs:  # a name inside the quotes
                out[i] = (min(s, qs), max(e, qe))
            elif s == m.end() + 1 and text[m.end()] == " " and fold(inner) not in CUES:
                # "'Tito' Ramírez"; not a role in quotes: ihrem „Freund“ Ivo (her "boyfriend")
                out[i] = (m.start(), e)
    return disjoint(sorted(out))


_NICKNAMED = re.compile(rf" [{UPPER}][^\W\d_]+(?:-[{UPPER}][^\W\d_]+)?")
_CAPITAL_BEFORE = re.compile(rf"[{UPPER}][^\W\d_]+ $")


# glued initials after two words of a name abbreviate something else: "Ayşe Yılmaz T.C.
# kimlik no" (the Turkish Republic's identity number)
_GLUED_INITIALS_END = re.compile(r"\s+[A-Z]\.[A-Z]$")


def _unabbreviated(text: str, start: int, end: int) -> tuple[int, int]:
    m = _GLUED_INITIALS_END.search(text, start, end)
    if m is None or not text.startswith(".", end) or " " not in text[start : m.start()].strip():
        return start, end
    return start, m.start()


# initials standing for a person: "Client (A.P.)", "A.P. is now staying with a friend"
_INITIALS = re.compile(r"(?<![\w.])[A-Z]\.(?:\s?[A-Z]\.){1,2}(?![\w])")
_INITIALS_HINT = re.compile(r"[A-Z]\.\s?[A-Z]\.")
_NOT_INITIALS = words(
    """
    U.S. U.K. U.N. E.U. A.M. P.M. N.B. P.S. I.D. D.C. L.A. N.Y. S.A. B.C. A.D. E.G. I.E.
    P.O. U.A.E. K.S.A. D.R. R.D. C.V. Q.C. K.C. M.P. G.P. A.B. B.A. M.A. M.D. T.V.
    """
)


def _initials(text: str) -> list[tuple[int, int]]:
    if not _INITIALS_HINT.search(text):
        return []
    found = {
        m.group(0)
        for m in _INITIALS.finditer(text)
        if m.group(0).replace(" ", "") not in _NOT_INITIALS
        and (cued_before(text, m.start()) or ACTS_AFTER.match(text, m.end()))
    }
    return [(m.start(), m.end()) for m in _INITIALS.finditer(text) if m.group(0) in found]


# initials the text says are someone's: Indonesian police and press "berinisial RS",
# "(inisial AB)", "a man with the initials JK"
_INITIALS_SAID = re.compile(
    r"(?i:berinisial|inisial|initials)\s+(?P<initials>[A-Z]{2,3}|[A-Z]\.\s?[A-Z]\.)(?![\w.])"
)


# a Chinese surname and a given name of two syllables in pinyin: "Li Meifang"
_PINYIN_NAME = re.compile(r"(?<![\w'’-])([A-Z][a-z]{1,5}) ([A-Z][a-z]{3,11})(?![\w'’-])")


def _pinyin_names(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """A listed Chinese surname before two pinyin syllables no list of words or places
    holds: "Li Meifang", "Wang Xiuying" (not "Ma Donna", "Li Bang": one syllable)."""
    return [
        m.span()
        for m in _PINYIN_NAME.finditer(text)
        if m.group(1).lower() in PINYIN_SURNAMES
        and pinyin_given(given := m.group(2).lower())
        and given not in lex.common
        and given not in lex.places
        and not english(given, lex)
    ]


# one initial and a surname (Indian and Sri Lankan usage): "a kiln owned by K. Murugan";
# not after a house number, where the letter is a direction ("5318 S. Kedzie Ave")
_INITIAL_SURNAME = re.compile(
    r"(?<![\w.])(?<!\d )(?P<before>[^\W\d_]+\s+)?[A-HJ-UWYZ]\.\s(?P<name>[A-Z][a-zà-ÿ'’]{2,}"
    r"(?:\s[A-Z][a-zà-ÿ'’]{2,})?)(?![\w'’])"
)
# what a letter after them labels: "Plan B. Mensah", "Annex C. Kumar"
_LETTERED = words(
    """
    plan vitamin annex appendix section part article type grade class category level
    phase option schedule form exhibit table figure block unit zone sector ward group
    hepatitis team site camp gate
    """
)


def _initial_surname(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """An initial before a word no list of words or places holds (or a listed surname):
    "K. Murugan", "S. Wickramasinghe"; not "Plan B. Police", "Part C. Kenya"."""
    out = []
    for m in _INITIAL_SURNAME.finditer(text):
        before = m.group("before")
        if (before is not None and before.strip().lower() in _LETTERED) or fold(
            text[m.start("name") - 3]
        ) in TITLES:
            continue  # "M. Karim Benali": a title (a rule reads the name after it)
        parts = [fold(w) for w in m.group("name").split()]
        if all(
            (p in lex.surnames or p in lex.given or p not in lex.common)
            and p not in lex.places
            and not english(p, lex)
            for p in parts
        ):
            out.append((m.start("name") - 3, m.end("name")))
    return out


# an initial in Cyrillic written onto a name or before it: Mongolian "Д.Батбаяр",
# "Г.Бат-Эрдэнэ" (the father's initial and the given name), Russian "И. Петров" (towns
# and streets take a lower-case word: "г.Улаанбаатар", "ул. Ленина")
_CYRILLIC_INITIAL = re.compile(
    r"(?<![\w.])[А-ЯЁӨҮІЇЄҐ]\.\s?(?P<name>[А-ЯЁӨҮІЇЄҐ][а-яёөүіїєґ'’]{2,}"
    r"(?:-[А-ЯЁӨҮІЇЄҐ][а-яёөүіїєґ'’]{2,})?)(?![\w'’-])"
)


def _cyrillic_initial(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """An initial and a word no list of words or places holds: "Д.Батбаяр"."""
    return [
        m.span()
        for m in _CYRILLIC_INITIAL.finditer(text)
        if (norm := fold(m.group("name"))) not in lex.common
        and norm not in lex.places
        and norm not in lex.nations
    ]


# a given name and the surname's initial, as police and the press of Poland, Germany,
# Romania and the Balkans name a suspect or a victim: "Ołeha M.", "Andreea M.," (not
# "D.C.": another letter follows the dot; nor before a new sentence, where the letter may
# be a postal district's: "København V. Hun …")
_SURNAME_INITIAL = re.compile(
    rf"(?<![\w.])(?P<name>[{UPPER}][^\W\d_]{{2,20}}) [{UPPER}]\.(?=[,;:)]|\s+[a-z]|\s*$)"
)


def _surname_initialled(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """A capitalised word no list of words or places holds (or a listed given name) and
    a capital with its dot: "Ołeha M."; not "Plan B.", "Vitamin C."."""
    out = []
    for m in _SURNAME_INITIAL.finditer(text):
        name = fold(m.group("name"))
        if name in TITLES or name in lex.places or name in lex.nations:
            continue
        if name in lex.given or (name not in lex.common and not english(name, lex)):
            out.append(m.span())
    return out


# a surname in capitals before the given names: "MENSAH, Kwame Joseph", "ADJEI, Nana Yaw"
_SURNAME_COMMA = re.compile(rf"(?:^|(?<=[\s(:;/]))[{UPPER}]{{2,30}}(?: [{UPPER}]{{2,30}})?, $")


def _surname_first(text: str, spans: list[tuple[int, int]], lex: Lexicon) -> list[tuple[int, int]]:
    out = []
    for start, end in spans:
        m = None
        if text.startswith(", ", start - 2) and text.count(" ", start, end) < 2:
            # a name of three words or more is whole: "Korban TPPO, Siti Maesaroh binti …"
            m = _SURNAME_COMMA.search(text, max(0, start - 64), start)
        if (
            m
            and all(
                w in lex.given
                or w in lex.surnames
                or w in lex.neutral  # "SANTOS, Ana Lucia"
                or not (w in lex.common or w in lex.places or english(w, lex))
                for w in map(fold, m.group(0)[:-2].split())
            )
        ):
            out.append((m.start(), end))
        else:
            out.append((start, end))
    return out


_SCRIPT_AFTER = re.compile(
    r" ?\((?=[^)]{0,20}[^\x00-\u024f\s)])[^\x00-\u024f)]{1,20}\)"
    r"| [\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{2,6}(?![\w\u3400-\u9fff])"
)
# a name after a label: "name: blessing osagiede.", "Her name: Noy Phommachanh;"
_LABEL = re.compile(
    r"\b(?:name|names|nombre|nombres|nom|noms|nome|nomes|surname|apellido|sobrenome)"
    r"(?:\s+(?:given|dados|given\s+as))?\s*:\s*"
    r"(?P<name>[^\W\d_][\w'’-]*(?:[ ][^\W\d_][\w'’-]*){0,3})",
    re.IGNORECASE,
)
# more names after a label, listed: "Names: Aye Aye Mon, Ma Thidar and Ko Ko Naing"
_LABEL_MORE = re.compile(
    rf"(?:,\s*|\s+(?:and|y|e|et)\s+)(?P<name>[{UPPER}][\w'’-]*(?:[ ][{UPPER}][\w'’-]*){{0,3}})"
)


def _with_script(text: str, end: int) -> int:
    m = _SCRIPT_AFTER.match(text, end)
    return m.end() if m else end


def _after_label(text: str) -> list[tuple[int, int]]:
    if ":" not in text:
        return []
    out: list[tuple[int, int]] = []
    for m in _LABEL.finditer(text):
        if out and m.start() < out[-1][1]:
            continue  # inside the list read after an earlier label
        words = m.group("name").split(" ")
        while words and fold(words[-1]) in FUNCTION:
            words.pop()  # "name: Ana and…" stops before "and"
        if not words:
            continue
        end = m.start("name") + len(" ".join(words))
        out.append((m.start("name"), end))
        while more := _LABEL_MORE.match(text, end):
            out.append((more.start("name"), more.end("name")))
            end = more.end("name")
    return out


def disjoint(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
