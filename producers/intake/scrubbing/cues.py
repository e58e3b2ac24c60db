"""What the words around a name say: a cue before it, an age, a verb or a note after it.

A cue word (named, aka, "my name", "recruited by", sponsor, boss, uncle, víctima, patrão…),
an age after a name ("Kanya Srisuk, 26"), "said", a note ("(no surname)"), an appositive
after a person ("a worker from Cambodia, Sok Pisey,"); and what makes a run a place
("in", "near", a list of places).
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.lexicon import Lexicon, fold
from producers.intake.scrubbing.text import POSSESSIVE, UPPER, words
from producers.intake.scrubbing.wordlists import (
    CUE_PHRASES,
    CUES,
    PERSONS,
    RAW_CUES,
    ROLES,
    TITLES,
)

_CUE_STRIP = " ,:;«»\"“”„‘’('\t\n—–"  # and a dash after a role: "бригадир — Равшан"
_WORD_STRIP = ".,;:()«»\"“”„‘’'"


_COPULAS = words("is was es era é est")
# prefixes that make a word of another ("Co-accused", "Ex-husband", "Step-father")
PREFIXES = words("co ex step half vice grand great self sub non anti pro pre post")


def unprefixed(norm: str) -> str:
    """A word without its prefix: "co-accused" → "accused" (a cue), "ex-husband"."""
    head, dash, rest = norm.partition("-")
    return rest if dash and head in PREFIXES and rest else norm


_NAME_WORDS = words("name surname nombre apellido nom nome sobrenome")
_PHRASE_ENDS = frozenset(p.rsplit(None, 1)[-1] for p in CUE_PHRASES)


_CASE_PARTIES = (" v.", " vs.", " vs")
# Bulgarian, Macedonian, Serbian and Croatian possessive clitics ("his", "her", "their")
_CLITICS = frozenset(("му", "ѝ", "й", "им", "mu", "joj", "im"))


def _malagasy_article(word: str) -> bool:
    """Malagasy's article of persons written onto a preposition: "an'i Hery", "tamin'i"."""
    stem = word[:-2]
    return word.endswith(("'i", "’i")) and len(stem) > 1 and stem.isalpha() and stem.islower()


def cued_before(text: str, start: int) -> bool:
    """True when the words just before ``start`` say a name follows ("the captain, ")."""
    window = text[max(0, start - 40) : start].rstrip(_CUE_STRIP)
    gap = text[max(0, start - 40) + len(window) : start]
    cut = max(window.rfind(" "), window.rfind("\n"))
    if fold(window[cut + 1 :].strip(_WORD_STRIP)) in TITLES or window.endswith(_CASE_PARTIES):
        # "worked for Mr. Tanaka": the dot ends a title, not a sentence; and a case's
        # parties: "United States v. Delgado-Ruiz"
        return True
    if ("\n" in gap and ":" not in gap) or (
        window.endswith((".", "!", "?")) and not window.endswith("a.k.a.")
    ):
        # "…a survivor. Recruited via…": a cue does not cross a sentence, and a line's
        # last word cues nothing on the next ("anonymous neighbour\nReported: …")
        return False
    cut = max(window.rfind(" "), window.rfind("\n"))
    raw = window[cut + 1 :].strip(_WORD_STRIP)
    if raw in _CLITICS and cut > 0:
        # "брат му Петър", "sestra joj Ana": the possessive clitic after a kin word
        window = window[:cut].rstrip()
        cut = max(window.rfind(" "), window.rfind("\n"))
        raw = window[cut + 1 :].strip(_WORD_STRIP)
    last = unprefixed(fold(raw))
    if last in CUES or raw.lower() in RAW_CUES or _malagasy_article(raw):
        return True
    if last in _COPULAS:  # "surname on the mailbox is", "her name was", "the owner is"
        before = [fold(w.strip(_WORD_STRIP)) for w in window.rsplit(None, 6)]
        return any(w in _NAME_WORDS for w in before) or (len(before) > 1 and before[-2] in ROLES)
    if last not in _PHRASE_ENDS:
        return False
    words = [fold(w.strip(_WORD_STRIP)) for w in window.rsplit(None, 5)[-5:]]
    return any(" ".join(words[-n:]) in CUE_PHRASES for n in range(1, len(words) + 1))


AGE_AFTER = re.compile(
    r"\s*[,(]\s*(?:aged?\s+|[a-zà-ÿ][^\W\d]*\s+de\s+|[^\W\d]+\s*,\s*)?\d{1,2}\s*"
    r"(?:\)|,|\.|;|years?\b|yrs?\b|yo\b|y/o|-year|a[ñn]os\b|anos\b|ans\b|"
    r"лет\b|года?\b|рок(?:и|ів)?\b|yaşında|tahun\b|jahre?\b|anni\b|lat\b)",
    re.IGNORECASE,
)
# an age told in two lower-case words of a language the pattern above does not know, set
# off by commas: "Tèmítọ́pẹ́ Ọládèjọ, ọmọ ọdún 17, …" (Yoruba), "Amina, umri miaka 15, …"
AGE_WORDS_AFTER = re.compile(
    r"\s*,\s*(?:[a-zß-ÿ\u0101-\u017f\u1e01-\u1eff][a-zß-ÿ\u0101-\u017f\u1e01-\u1eff\u0300-\u036f]*\s+){2}"
    r"\d{1,2}\s*[,)]"
)
SAYS_AFTER = re.compile(
    r"\s+(?:said|says|told|reported|explained|stated|claimed|recalled|dijo|cont[óo]|"
    r"declar[óo]|relat[óo]|disse|contou|relatou|afirmou|a\s+dit|a\s+déclaré|raconte)\b",
    re.IGNORECASE,
)
# a note about the name: "(no surname)", "(real name unknown)", "(apellidos desconocidos)"
NOTE_AFTER = re.compile(
    r"\s*\((?:not\s+(?:her|his|their)\s+real\s+name|name\s+changed|pseudonym|initials|"
    r"nombre\s+ficticio|nome\s+fict[íi]cio|pr[ée]nom\s+modifi[ée]|no\s+surname|surname|last\s+name|family\s+name|real\s+name|true\s+name|"
    r"full\s+name|sin\s+apellido|apellidos?\b|nombre\s+real|sem\s+sobrenome|sobrenome|"
    r"nome\s+verdadeiro|nom\s+inconnu|vrai\s+nom|nom\s+de\s+famille)|\s+and\s+(?:his|her)\s",
    re.IGNORECASE,
)
# what people do right after their name is written: "Ebo Quansah paid", "Pisey reports"
ACTS_AFTER = re.compile(
    r"(?:'s|’s)?\s+(?:(?:also|then|now|later|allegedly|reportedly|still|had|has|was|never|"
    r"did\s+not|didn't|could\s+not|couldn't|cannot|can't|would|will|must|finally|"
    r"eventually|often|always|first)\s+)?"
    r"(?:said|says|told|tells|reported|reports|explained|stated|claimed|recalled|is|was|"
    r"has|had|paid|pays|recruited|recruits|took|takes|kept|keeps|collected|collects|sold|"
    r"sells|moved|runs|ran|owns|owned|lives|lived|works|worked|arrived|escaped|fled|left|"
    r"went|came|called|sent|sends|brought|beat|beats|threatened|promised|forced|drove|"
    r"drives|met|contacted|offered|asked|agreed|confirmed|denied|admitted|managed|"
    r"controlled|controls|holds|held|owes|owed|wanted|tried|refused|stays|stayed|"
    r"disappeared|dijo|declara|declaró|relató|contó|afirma|vive|trabaja|trabajaba|pagó|"
    r"llevó|disse|contou|relatou|afirmou|trabalha|pagou|levou|déclare|raconte|vit|"
    r"travaille|a\s+dit|a\s+payé|received|receives|got|gets|earned|earns|lost|gave|gives|"
    r"needs|wants|fears|feared|returned|remains|remained|became|spent|started|stopped|knew|"
    r"knows|saw|heard|felt|believes|believed|thinks|thought|decided|agreed|answered|"
    r"arrives|escapes|leaves|wrote|writes|speaks|spoke|"
    r"recibió|recibe|llegó|salió|escapó|huyó|recebeu|chegou|saiu|fugiu|a\s+reçu|est\s+arrivée?)\b"
)

# a verb in the Spanish or Portuguese preterite after a word no list knows: "Yeimi perdió",
# "Valdecir levou", "Josué bebeu"
PRETERITE_AFTER = re.compile(
    r"\s+(?:se\s+|lo\s+|la\s+|o\s+|a\s+)?[a-zà-ÿ]{2,14}(?:ió|ó|ou|eu|iu)\b"
)

# what is done to people or with them, just before a name: "took Zeynab to Beirut", "lived
# with Hodan", "spoke to Parisa"
_DONE_TO = words(
    """
    took brought sold bought married beat raped hit hired recruited forced trafficked
    smuggled told asked paid called contacted helped rescued found interviewed met sent
    gave handed employed threatened promised kept locked abused exploited introduced
    visited collected accompanied followed drove joined housed hid fed owed texted
    messaged phoned warned blamed sponsored adopted
    """
)
# "with" after these: "lived with Hodan" (not "worked with Caritas")
_WITH_PERSON = words(
    """
    lived stayed left came went arrived moved shared slept fled escaped travelled traveled
    married together live stay living staying
    """
)
# a lower-case word after the candidate that makes it an organisation: "met Interpol
# officers", "run by Agricola Pontina srl"
_ORG_AFTER = re.compile(
    r"\s+(?:officers?|officials?|staff|agents|teams?|volunteers|inspectors|members|"
    r"representatives|investigators|caseworkers|police|ltd|inc|llc|srl|sarl|gmbh|pvt|bhd|"
    r"sdn|plc|sa|s\.a\.|spa|company|agency|office|group|network|foundation|shelter)\b"
)
# "to" after these: "spoke to Parisa", "sold to Gulnara's uncle"
_TO_PERSON = words(
    """
    spoke talked said wrote sent gave handed sold married introduced lied paid owed
    belonged turned texted messaged explained complained reported lent engaged
    """
)


# the agent of a passive: "levada por Edinaldo", "emmenée par Moussa", "taken by Sione"
_AGENT = words("by por par oleh ni von")
_PARTICIPLE = ("ed", "ada", "ado", "adas", "ados", "ida", "ido", "idas", "idos", "ée", "é",
               "ées", "és", "ie", "is", "it", "ite")  # fmt: skip
# English participles of another form: "run by Naveed Masih", "held by", "kept by"
_IRREGULAR = words("run held kept sold brought taken driven led bought caught beaten hidden met")


def person_before(text: str, start: int) -> bool:
    """True when the word just before ``start`` is done to a person ("took", "with") or
    says a person is spoken to ("spoke to")."""
    before = text[max(0, start - 24) : start]
    if not before.endswith(" "):
        return False
    words_before = before.split()
    if not words_before:
        return False
    last, prev = words_before[-1], (words_before[-2] if len(words_before) > 1 else "")
    return (
        last in _DONE_TO
        or (last in _AGENT and prev.endswith(_PARTICIPLE) and len(prev) > 4)
        or (last == "by" and prev in _IRREGULAR)
        or (last == "to" and prev in _TO_PERSON)
        or (last == "with" and prev in _WITH_PERSON)
    )


def org_after(text: str, end: int) -> bool:
    """True when the word after ``end`` makes the words before it an organisation's."""
    return _ORG_AFTER.match(text, end) is not None


# what only a person has, after a name: "Tendai's employer", "Mai's passport"
_OWNED = words(
    """
    passport phone number mobile email address wages salary debt visa id documents papers
    husband wife boyfriend girlfriend mother father sister brother son daughter children
    family aunt uncle cousin friend baby
    """
)
_OWNS = re.compile(r"['’]s\s+(?:(?:own|new|former|old|ex|elder|younger|real)\s+)?([a-z]+)")


def owned_after(text: str, end: int) -> bool:
    """True when a possessive after ``end`` names a person's role, kin or papers."""
    m = _OWNS.match(text, end)
    return m is not None and (m.group(1) in _OWNED or m.group(1) in ROLES)


# a person described after a comma: ", a 19-year-old from Herat", ", now 22", ", who is
# 16", ", the eldest daughter", ", a cleaner"
_DESCRIBED = re.compile(
    r"\s*,\s*(?:(?P<who>who|whose|now\s+\d{1,2}|herself|himself)\b|(?:an?|the|his|her|their|our|my)\s+"
    r"(?:\d{1,2}[- ]years?[- ]old|(?:[^\W\d_]+[- ]){0,3}?(?P<role>[^\W\d_]+))\b)"
)
_DESCRIBING = words(
    """
    daughter son eldest youngest oldest mother father wife husband sister brother niece
    nephew cousin girl boy woman man teenager minor child orphan widow mum dad
    grandmother grandfather aunt uncle
    """
)


def described_after(text: str, end: int) -> bool:
    """True when a comma after ``end`` opens a description of a person."""
    m = _DESCRIBED.match(text, end)
    if m is None:
        return False
    role = m.group("role")
    return role is None or role in _DESCRIBING or role in PERSONS or role in ROLES


_NEXT_PART = re.compile(r"\s*,\s*([^\W\d_][\w'’ -]{0,40}?)\s*(?:[,.;)(]|$)")


def place_follows(text: str, end: int, lex: Lexicon) -> bool:
    """True when the next comma-separated part is a place: "…, Médina, Dakar"."""
    m = _NEXT_PART.match(text, end)
    return m is not None and fold(m.group(1)) in lex.places


# a family named by its surname: "the Gutiérrez family", "the Kamara brothers"
FAMILY_AFTER = re.compile(r"\s+(?:family|household|clan|brothers|sisters|siblings)\b")
# where someone comes from, after a name set off by a comma: "Lurdes Macuácua, natural de
# Maputo", "…, originaire de Kayes", "…, a native of Cebu"
ORIGIN_AFTER = re.compile(
    r"\s*,\s*(?:natural\s+de|natural\s+of|oriund[oa]\s+de|originaire\s+d|originario\s+de|"
    r"originaria\s+de|native\s+of|a\s+native\s+of|originally\s+from|"
    r"n[ée]e?\s|nacid[oa]|nascid[oa]|born)\b",
    re.IGNORECASE,
)

_CLAUSE_END = re.compile(r"[.;:()!?\n]")


# "One of them, Yusmary Rondón, said": one of the people just spoken of
_ONE_OF = re.compile(
    r"(?i:\b(?:one|two|another|each|some|the\s+(?:youngest|eldest|oldest|other))\s+of\s+"
    r"(?:them|us|those|the\s+\w+))\s*$"
)


# the same in other languages: "one" and "of" (or a partitive ending), then the people,
# at a clause's start: "En av kvinnorna,", "Yksi poimijoista,", "Адна з пацярпелых,",
# "Seorang pekerja,", "Η μία από τις γυναίκες, η …" (facts of each language)
_ONE_OF_ANY = re.compile(
    r"(?i:(?:^|[\s,])(?:"
    r"en\s+av|ett\s+av|ei\s+av|en\s+af|et\s+af|én\s+af|een\s+van|één\s+van|"
    r"eine[rs]?\s+der|eine[rs]?\s+von|uno\s+de|una\s+de|uno\s+dei|una\s+delle|"
    r"uno\s+degli|um\s+dos|uma\s+das|l['’]une?\s+des|une?\s+des|una\s+dintre|"
    r"unul\s+dintre|una\s+din|unul\s+din|jedna\s+z[eo]?|jeden\s+z[eo]?|jedna\s+od|"
    r"jedan\s+od|ena\s+od|eden\s+od|viena\s+iš|vienas\s+iš|viena\s+no|viens\s+no|"
    r"isa\s+sa|mmoja\s+wa|salah\s+seorang|salah\s+satu|seorang|yksi|üks|"
    r"одна\s+из|один\s+из|одна\s+з|один\s+з|одна\s+із|один\s+із|адна\s+з|адзін\s+з|"
    r"една\s+от|един\s+от|една\s+од|еден\s+од|једна\s+од|један\s+од|"
    r"(?:η\s+|ο\s+)?(?:μία|μια|ένας|ένα)\s+από"
    r")(?:\s+\S+){1,3}\s*$)"
)


def appositive(text: str, start: int) -> bool:
    """True when ``start`` follows a comma that ends a clause naming a person."""
    clause = _clause_before(text, start)
    return clause is not None and (
        any(w in PERSONS for w in clause.lower().split()[-6:]) or _names_one_of(clause)
    )


def one_of(text: str, start: int) -> bool:
    """True when ``start`` follows "one of them," or "one of the workers," in any of the
    languages above: a name set off there is one of the people just spoken of."""
    clause = _clause_before(text, start)
    return clause is not None and _names_one_of(clause)


# Greek's article before a name set off: "…, η Ιρίνα Ρούσου,"
_GREEK_ARTICLE = re.compile(r"\s+(?:η|ο)$")


def _clause_before(text: str, start: int) -> str | None:
    """The clause a comma just before ``start`` closes, or None when no comma does."""
    window = _GREEK_ARTICLE.sub("", text[max(0, start - 60) : start].rstrip())
    if not window.endswith(","):
        return None
    return _CLAUSE_END.split(window[:-1])[-1].strip()


def _names_one_of(clause: str) -> bool:
    return bool(_ONE_OF.search(clause) or _ONE_OF_ANY.search(clause))


_PLACED = words("in near en em dans à au aux")


def placed(text: str, start: int, end: int) -> bool:
    """After "in" or "near" a run is a place ("near Kete Krachi"), unless it owns
    something ("in Ana Silva's flat")."""
    before = text[max(0, start - 8) : start].split()
    return bool(before) and before[-1].lower() in _PLACED and not text.startswith(POSSESSIVE, end)


PLACE_LIST = re.compile(
    r"\b(?:in|at|from|near|to|into|en|em|à|dans|desde|across|throughout|within|via|"
    r"through|around|outside|towards|toward)\s+"
    rf"(?:[{UPPER}][\w'’-]*(?:\s+[{UPPER}][\w'’-]*)*\s*(?:,|\band\b|&|\by\b|\be\b|\bet\b)\s*)*$"
)
_SENTENCE_MARKS = frozenset(".!?:;\n\"“'‘")
_MOST_SPACES = 8


def opens_sentence(text: str, at: int) -> bool:
    """The word at ``at`` is the text's or a sentence's first: only a few spaces stand
    between it and the start, an end mark, a colon or semicolon, a line break or an
    opening quote (not a bracket: "(Ama)" is a name set apart). The one rule for every
    scrubbing step that asks."""
    j = at - 1
    while j >= 0 and at - j <= _MOST_SPACES and text[j] in " \t\xa0":
        j -= 1
    return j < 0 or text[j] in _SENTENCE_MARKS


LOCATIVE = words(
    """
    in at from near to into en em à au aux dans desde hacia para across throughout within
    via through around outside towards toward
    aus nach uit naar fra från frå til till dari ke từ ở tại kutoka nga në
    из із в на iz v ve
    """
)  # and "from", "in", "to" of other languages: "Au pair fra Filippinerne, …", "хлопець із
# Чернігівщини, …" (not Slavic "z", "з", "u", "у", "w" nor "bei", "bij": "with" or "at" a
# person as often, nor "do", "od", "от": "to", "from" a person too, nor "na": Swahili "and")
# a person is rarely "in" or "across" anyone
INSIDE = words("in near en em dans across throughout within via through outside")


def cued_around(text: str, start: int, end: int) -> bool:
    """A cue word before the name, or an age, a verb of saying or a note after it."""
    return bool(
        cued_before(text, start)
        or AGE_AFTER.match(text, end)
        or AGE_WORDS_AFTER.match(text, end)
        or SAYS_AFTER.match(text, end)
        or NOTE_AFTER.match(text, end)
        or ORIGIN_AFTER.match(text, end)
    )


# a Russian or Ukrainian verb in the past, as a sentence may open with it before whom it
# tells of: "Обратилась Асель Нурланова", "Звонила Дильноза Каримова". Reflexive ones by
# their ending; others only listed: names end in "-ела", "-ила" too ("Мариела", "Джамила")
_SLAVIC_PAST = re.compile("[\u0400-\u04ff]{4,}(?:лась|лся|лось|лись)")
_SLAVIC_SAID = words(
    """
    звонила звонил позвонила позвонил сообщила сообщил рассказала рассказал написала
    написал пришла пришел пришёл приехала приехал уехала уехал пропала пропал сказала
    сказал заявила заявил просила просил попросила попросил подала подал дзвонила
    дзвонив зателефонувала зателефонував повідомила повідомив розповіла розповів
    написав прийшла прийшов приїхала приїхав поїхала поїхав зникла зник сказав заявила
    заявив
    """
)


def opening_verb(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """The word at ``start``..``end`` opens its sentence and is a Slavic verb in the past,
    no listed name (one no list knows that ends so, "Камила", the lists should hold)."""
    norm = fold(text[start:end])
    return (
        (norm in _SLAVIC_SAID or _SLAVIC_PAST.fullmatch(norm) is not None)
        and norm not in lex.given
        and norm not in lex.surnames
        and opens_sentence(text, start)
    )
