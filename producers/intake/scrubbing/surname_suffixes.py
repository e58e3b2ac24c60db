"""Georgian, Armenian and South Slavic names by their surnames' suffixes (pure).

Georgian surnames end in -ძე or -შვილი ("კაპანაძე", "გელაშვილი"), Armenian ones in -յան or
-ունց ("Սարգսյան"), and partners write them in a case form ("გიორგი კაპანაძემ" did it,
"Արմեն Սարգսյանի" of Armen Sargsyan) that no list of names holds. The suffix is the
evidence; the given name before it goes with it when it is a listed Georgian name
(Georgian has no capitals) or any capitalised Armenian word. Kinship words built on the
same suffixes ("ქალიშვილი" daughter, "ძმისძე" nephew) are no one's surname.

South Slavic surnames end in -ić ("Ante Jurić", "Jurićev broj", "s Petrovićem"), with the
diacritic no English word has; the word before goes with it when it is a listed name and
no preposition ("Za Božić": for Christmas). Turkmen surnames in Latin letters end in
-ýew or -ýewa ("Batyr Annaýew"), a letter only Turkmen writes; Lithuanian and Latvian
ones by endings English has no letters for (-aitė, -ienė, -iņš).
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.lexicon import Lexicon, english, fold
from producers.intake.scrubbing.text import words

_GEORGIAN = re.compile(
    "(?<![\u10d0-\u10ff])(?P<surname>[\u10d0-\u10fa]{2,}"
    "(?:ძე|ძემ|ძეს|ძის|ძით|ძეზე|ძესთან|შვილი|შვილმა|შვილს|შვილის|შვილით|შვილთან))"
    "(?![\u10d0-\u10ff])"
)
_GEORGIAN_KIN = ("ქალიშვილ", "ვაჟიშვილ", "ძმისშვილ", "დისშვილ", "შვილიშვილ", "ძმისძ", "დისძ")
_GEORGIAN_BEFORE = re.compile("([\u10d0-\u10fa]{2,}) $")
# street, avenue, lane, square, "named after": a place named for the person before them
_STREET_AFTER = re.compile(r"\s*(?:ქუჩ|გამზ|ჩიხ|შესახვევ|მოედ|ხეივ|სახელობ)")
_ENDINGS = ("მა", "მ", "ს", "ის")

_ARMENIAN = re.compile(
    "(?<![\u0531-\u0587])(?:(?P<given>[\u0531-\u0556][\u0561-\u0587]+) )?"
    "(?P<surname>[\u0531-\u0556][\u0561-\u0587]*(?:յան|յանց|ունց)(?:ի|ը|ն|ին|ից|ով|ց)?)"
    "(?![\u0531-\u0587])"
)


# "-ić" and its case forms and possessives ("Jurića", "Jurićem", "Jurićev", "Jurićeva")
_SOUTH_SLAVIC = re.compile(
    r"(?<![\w-])(?:(?P<given>[A-ZČĆŠŽĐ][a-zčćšžđ]{1,15}) )?"
    r"(?P<surname>[A-ZČĆŠŽĐ][a-zčćšžđ]{1,20}ić"
    r"(?:a|u|em|om|i|ima|eva|evo|evog|evoj|evu|evi|ev|ka|ke|ki|ku)?)(?![\w-])"
)
_HOLIDAY = "bozic"  # Božić, folded: Christmas, a surname too: a holiday unless a name is with it
# prepositions, conjunctions and pronouns that open a clause before a surname
_FUNCTION = words(
    """
    za od sa na do kod pod nad bez kroz prema protiv iz u i a ali ili ni to taj ta ovaj
    njegov njegova po pri o s uz
    """
)


def _slavic(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    if "ić" in text:
        for m in _SOUTH_SLAVIC.finditer(text):
            given, surname = m.group("given"), fold(m.group("surname"))
            if surname in lex.places:
                continue
            folded = fold(given) if given is not None else None
            named = folded is not None and folded in lex.named and folded not in _FUNCTION
            if not named and surname.startswith(_HOLIDAY):
                continue
            out.append((m.start() if named else m.start("surname"), m.end()))
    return out


# Turkmen surnames in -ýew/-ýewa and their case forms; the capitalised word before goes
# with it unless it is an ordinary word
_TURKMEN = re.compile(
    r"(?<![\w-])(?:(?P<given>[A-ZÇÄŇÖŞÜÝŽ][a-zçäňöşüýž]{1,15}) )?"
    r"(?P<surname>[A-ZÇÄŇÖŞÜÝŽ][a-zçäňöşüýž]{1,20}(?:ýew|ýewa|ýewiň|ýewe))(?![\w-])"
)


def _turkmen(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in _TURKMEN.finditer(text):
        given = m.group("given")
        plain = (
            given is not None and fold(given) not in lex.common and not english(fold(given), lex)
        )
        out.append((m.start() if plain else m.start("surname"), m.end()))
    return out


# Lithuanian and Latvian surnames by their endings and case forms: a married or unmarried
# woman's -ienė/-aitė/-ytė/-utė ("Gabija Petrauskaitė", "Petrauskaitės"), a man's -auskas,
# -avičius, -aitis, -ūnas ("Jono Kazlausko": of Jonas Kazlauskas), Latvian -iņš/-iņa
# ("Anna Bērziņa"), letters no English word has
_BALTIC_LOWER = "a-ząčęėįšųūžāēģīķļņ"
_BALTIC = re.compile(
    rf"(?<![\w-])(?:(?P<given>[A-ZĄČĘĖĮŠŲŪŽĀĒĢĪĶĻŅ][{_BALTIC_LOWER}]{{1,15}}) )?"
    rf"(?P<surname>[A-ZĄČĘĖĮŠŲŪŽĀĒĢĪĶĻŅ][{_BALTIC_LOWER}]{{1,20}}"
    r"(?:(?:ait|yt|ut|ūt|ien)(?:ė|ės|ei|ę|e)"
    r"|(?:ausk|insk|evič|avič|ait|ūn|ėn)(?:as|is|ius|o|ui|ą|iaus|iui|ių|io|į|ys|us|u)"
    r"|iņ(?:š|a|am|u|ai|as)))(?![\w-])"
)
_BALTIC_HINTS = ("ė", "ūn", "ausk", "insk", "vič", "ait", "iņ")


def _baltic(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in _BALTIC.finditer(text):
        surname = fold(m.group("surname"))
        if surname in lex.places or surname in lex.common or english(surname, lex):
            continue
        given = m.group("given")
        plain = (
            given is not None
            and (g := fold(given)) not in lex.common
            and not (g in lex.places or g in lex.nations or english(g, lex))
        )
        out.append((m.start() if plain else m.start("surname"), m.end()))
    return out


# Surnames of the former Soviet Union, Poland and the Caucasus written in Latin letters,
# by their endings ("Dilshod Rahimov", "Günel Məmmədova", "Andrij Sawczuk", "Nino
# Beridze"): a capitalised given name before one, no ordinary word or place, is a name
_LATIN_SUFFIXED = re.compile(
    r"(?<![\w-])(?P<given>[A-ZÀ-ÖØ-ÞƏĞİŞ][a-zß-öø-ÿəğıışçñ'’]{2,15}) "
    r"(?P<surname>[A-ZÀ-ÖØ-ÞƏĞİŞ][a-zß-öø-ÿəğıışçñ'’]{2,20}"
    r"(?:ova|ov|eva|ev|yeva|yev|ovna|ovich|evich|zoda|zade|zadeh|enko|chuk|czuk|shvili|dze|"
    r"yan|ski|ska|sky|skaya|skiy|cki|cka|wicz|vich|owa|ewa))(?![\w-])"
)
_PLACE_WORD_AFTER = re.compile(
    r"\s+(?i:street|st|avenue|ave|prospekt|prospect|ulitsa|ko['’]chasi|küçəsi|road|square|"
    r"district|region|oblast|raion|city|airport|station|university|institute|theatre|"
    r"theater|museum|park|bridge|hotel)\b"
)


def _latin_suffixed(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in _LATIN_SUFFIXED.finditer(text):
        given, surname = fold(m.group("given")), fold(m.group("surname"))
        if (
            given in lex.common
            or given in lex.places
            or given in lex.nations
            or english(given, lex)
            or surname in lex.places
            or surname in lex.common
            or english(surname, lex)
            or _PLACE_WORD_AFTER.match(text, m.end())
        ):
            continue
        out.append((m.start(), m.end()))
    return out


# Malagasy surnames by their opening "Ra-" or "Andria-" (an honorific and "noble",
# fused), long, in Malagasy letters (no c, q, u, w, x) and ending in a vowel
# ("Rasoanaivo", "Randrianarisoa", "Andriamihaja"), beside the given name on either side
# ("Miora Rasoanaivo", "Rasoanirina Volatiana")
_MG = "abdefghijklmnoprstvyz"
_MALAGASY = re.compile(
    rf"(?<![\w-])(?:(?P<before>[A-Z][{_MG}]{{2,15}}) )?"
    rf"(?P<surname>(?:Ra|Andria)[{_MG}]{{4,18}}[aoiy])"
    rf"(?: (?P<after>[A-Z][{_MG}]{{2,15}}))?(?![\w-])"
)


def _malagasy(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in _MALAGASY.finditer(text):
        surname = fold(m.group("surname"))
        if surname in lex.common or surname in lex.places or english(surname, lex):
            continue
        ends = [
            (m.start(part), m.end(part))
            for part in ("before", "after")
            if m.group(part)
            and (w := fold(m.group(part))) not in lex.common
            and w not in lex.places
            and w not in lex.nations
            and not english(w, lex)
        ]
        if ends:  # a surname's shape alone is no name: "Ravenala" (a tree)
            out.append((min(ends[0][0], m.start("surname")), max(ends[-1][1], m.end("surname"))))
    return out


def suffixed_surnames(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Spans of names found by their surnames' suffixes (module docstring)."""
    out = _slavic(text, lex) + _latin_suffixed(text, lex)
    if "Ra" in text or "Andria" in text:
        out += _malagasy(text, lex)
    if "ýew" in text:
        out += _turkmen(text, lex)
    if any(h in text for h in _BALTIC_HINTS):
        out += _baltic(text, lex)
    if "ძ" in text or "შვილ" in text:
        for m in _GEORGIAN.finditer(text):
            surname = m.group("surname")
            if any(surname.startswith(k) for k in _GEORGIAN_KIN) or _STREET_AFTER.match(
                text, m.end()
            ):
                continue  # a kin word; a street named for someone: "ილია ჭავჭავაძის გამზ."
            start = m.start()
            before = _GEORGIAN_BEFORE.search(text, max(0, start - 20), start)
            if before is not None and _listed_georgian(before.group(1), lex):
                start = before.start(1)
            out.append((start, m.end()))
    if "յան" in text or "ունց" in text:
        out.extend(
            (
                m.start()
                if m.group("given") and not _common(m.group("given"))
                else m.start("surname"),
                m.end(),
            )
            for m in _ARMENIAN.finditer(text)
            if not _common(m.group("surname"))
        )
    return out


# Armenian nouns in -ություն decline to -ության ("ոստիկանության", of the police), and
# "ծննդյան" is "of birth": words, not surnames
_ARMENIAN_WORDS = re.compile("(?:ությ|ծննդ|ամսվ|օրվ)", re.IGNORECASE)


def _common(word: str) -> bool:
    return _ARMENIAN_WORDS.search(word.lower()) is not None


def _listed_georgian(word: str, lex: Lexicon) -> bool:
    """A Georgian given name Faker lists, as written or less a case ending."""
    words = lex.scripts.words
    return word in words or any(
        word.endswith(e) and (word[: -len(e)] in words or word[: -len(e)] + "ი" in words)
        for e in _ENDINGS
    )
