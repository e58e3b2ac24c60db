"""A nickname told by the words that announce one, without quotes (pure).

"known as Gruby", "alias el Rubio", "se hace llamar el Chato", "по кличке Шайтан",
"известен като Калъча", "zvani Gile", "kallas Bosse", "un certain Friday": partners
write a nickname or a half-known person after such words in every language, and the
nickname is often an ordinary word ("Bull", "Engel", "Friday"), so no list tells it. The
capitalised word after the cue (an article, a title or kin word may stand between) is a
name, and a second capitalised word joined to it, unless it is a place, a title alone or
a word that opens no name ("known as Lagos", "alias Madam").
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.lexicon import Lexicon, fold
from producers.intake.scrubbing.text import UPPER, words
from producers.intake.scrubbing.wordlists import FUNCTION, KIN_TITLES, PERSONS, ROLES, TITLES

# cues after which only a person is named: a place's name there is the person's too
_PERSON_CUES = (
    r"(?:knows?|knew)\s+(?:(?:him|her)\s+)?(?:only\s+)?as|"
    r"gave\s+(?:his|her)\s+name\s+as|po\s+imenu|по\s+имену|po\s+nadimku|по\s+надимку"
)
_PERSON_CUE = re.compile(_PERSON_CUES, re.IGNORECASE)
# cues that say a nickname or a person's half-known name follows, folded
_CUES = (
    r"known\s+as|nicknamed|alias|aka|a\.k\.a\.?|goes\s+by|go\s+by|call\s+(?:him|her)|"
    r"calls\s+(?:him|her)|called\s+(?:him|her)|a\s+certain|"
    r"apodad[oa]|le\s+dicen|le\s+llaman|que\s+(?:le\s+|la\s+|lo\s+)?llaman|"
    r"se\s+hace\s+llamar|conocid[oa]\s+como|"
    r"(?:el|la|un|una)\s+tal|vulgo|conhecid[oa]\s+como|apelidad[oa]|"
    # Catalan "known as", Belarusian "whom they call"
    r"conegut\s+com\s+a|coneguda\s+com\s+a|завуць|"
    r"(?:o|a|um|uma)\s+tal\s+de|chamad[oa]\s+de|"
    r"surnomm[ée]e?|un\s+certain|une\s+certaine|se\s+fait\s+appeler|"
    r"detto|detta|soprannominat[oa]|un\s+certo|una\s+certa|si\s+fa\s+chiamare|"
    r"genannt|namens|nennt\s+sich|ein\s+gewisser|eine\s+gewisse|"
    # who introduced themselves by a name: "a man calling himself Kuba", Ukrainian and
    # Russian "представилася Вікторією", Lithuanian "prisistatė Tomu"
    r"calling\s+(?:himself|herself)|called\s+(?:himself|herself)|"
    # whom someone knows only by a name, or who gave one: "a man he knows only as Kuba",
    # "gave his name as Tuan", Bosnian, Croatian and Serbian "by the name", "by the nickname"
    rf"{_PERSON_CUES}|"
    r"представил(?:ася|ся|ась|ся)|представився|prisistatė|"
    r"niejak[ia]|zwan[ya]|pseudonim|ksywa|"
    r"по\s+кличке|по\s+прозвищу|на\s+прізвисько|кличка|прозвище|некий|некая|"
    r"известен\s+като|известна\s+като|звани|звана|званог|zvani|zvana|zvanog|poznat\s+kao|"
    r"kallad|kallas|kaldet|kalt|kendt\s+som|känd\s+som|genaamd|bijgenaamd|bekend\s+als|"
    r"dikenal\s+sebagai|dikenali\s+sebagai|dipanggil|alyas|tinatawag\s+na|maarufu\s+kama|anayejulikana\s+kama|"
    # Greek, Armenian, Bulgarian, Romanian, Albanian, Czech and Slovak
    r"γνωστ[όή]ς\s+ως|γνωστή\s+ως|επονομαζ[όο]μεν[οη]ς?|με\s+το\s+παρατσούκλι|"
    r"մականունով|հայտնի\s+որպես|наричан[а]?|(?:с|по)\s+прякор|"
    r"zis[ăa]?|poreclit[ăa]?|cunoscut[ăa]?\s+ca|(?:un|o)\s+anume|i\s+njohur\s+si|e\s+njohur\s+si|"
    r"i\s+quajtur|e\s+quajtur|přezdívan[ýá]|řečen[ýá]|zvan[ýá]|prezývan[ýá]|"
    # Serbian, Croatian and Bosnian "they call him/her": "а зову га 'Шваба'"
    r"зову\s+(?:га|је)|zovu\s+(?:ga|je)|"
    # Haitian Creole "(who is) called": "moun ki te pran li a rele Frantz", not "li rele
    # Lapolis" (she called the police)
    r"(?:ki|a)\s+(?:te\s+)?rele|yo\s+rele\s+li|"
    # Galician and Portuguese "nicknamed", Hungarian "by nickname", Slovenian, Croatian,
    # Czech and Slovak "with the nickname", Polish "of the nickname", Turkish "nicknamed"
    r"alcumad[oa]|alcuñad[oa]|alcunhad[oa]|becenevén|becenevű|z\s+vzdevkom|"
    r"s\s+nadimkom|pod\s+nadimkom|s\s+přezdívkou|s\s+prezývkou|o\s+ksywie|"
    r"o\s+pseudonimie|lakaplı|lakabıyla|"
    # Tok Pisin "his/her name": "wanpela man nem bilong em Jacob Waim"
    r"nem\s+bilong\s+(?:em|en)|"
    # whom a group calls by a name: "a bloke the workers call Jacko"
    r"(?:they|workers|people|everyone|everybody|girls|boys|men|women|kids|locals)\s+"
    r"call(?:ed)?"
)
_ARTICLES = words("el la lo il o a le der die the")
# what a nickname cue follows when it names a place, a scheme or a group, not a person:
# "an area known as Kariakoo", "a system known as Kafala", "the gang called Black Axe"
NOT_PERSONS = words(
    """
    area place town village city district quarter neighbourhood neighborhood market street
    road camp zone region site settlement slum estate farm factory bar club hotel shop
    company agency firm group gang network system scheme practice programme program app
    page account operation route barrio zona lugar pueblo sistema grupo empresa bairro
    quartier endroit lieu village système réseau groupe société
    ort dorf stadt firma gruppe netzwerk lokal
    """
)
# capitals a nickname opens with: UPPER's scripts and Armenian
_CAPITAL = UPPER + "".join(chr(c) for c in range(0x531, 0x557))
_NICKNAME = re.compile(
    rf"(?<![\w.])(?i:{_CUES})[\s:,]+[«„“\"'‘‹»]?"
    rf"(?P<pre>(?:[^\W\d_]+\.?\s+){{0,2}}?)[«„“\"'‘‹»]?"
    rf"(?P<name>[{_CAPITAL}][^\W\d_]+(?:[-'’][^\W\d_]+)?(?:\s[{_CAPITAL}][^\W\d_]+)?)"
)
# an alias after "@" between names, as Indian police records write it: "Shabana @ Shabbo"
_AT_ALIAS = re.compile(
    rf"[{UPPER}][^\W\d_]+\s@\s(?P<name>[{UPPER}][^\W\d_]+(?:\s[{UPPER}][^\W\d_]+)?)"
)
# cues in scripts without capitals (Hebrew, Arabic, Persian): the name is the one or two
# words up to the punctuation that ends it ("קראו לו אבו עלי,", "الملقب أبو سمير،")
_UNCASED_CUES = (
    r"קראו\s+לו|קראו\s+לה|קוראים\s+לו|קוראים\s+לה|המכונה|המכונָה|שכינויו|שכינויה|"
    r"الملقب|الملقبة|الملقّب|المعروف\s+باسم|المعروفة\s+باسم|يلقب|يلقبونه|يُلقب|"
    r"معروف\s+به|معروفه\s+به|ملقب\s+به|با\s+لقب"
)
_UNCASED = re.compile(
    rf"(?:{_UNCASED_CUES})\s+[«\"'“]?(?P<name>[^\W\d_]+(?:\s[^\W\d_]+)?)[»\"'”]?(?=\s*[,.،;:!?)])"
)
# a nickname quoted after "known as" or after whom someone knew by it, in any case: "only
# knew the boss as 'tiger'", "known as 'baby girl'" (a quoted word is a name there, even
# lower case or an ordinary word)
_QUOTED = re.compile(
    r"(?i:\bknown|\bknew\s+(?:him|her|them|the\s+\w+|his\s+\w+|their\s+\w+))\s+as\s+"
    r"['\"‘“](?P<name>[^\W\d_][\w'’-]{1,20}(?:\s[^\W\d_][\w'’-]{1,20})?)['\"’”]"
)
_HINTS = (
    "as ", "alias", "aka", "a.k.a", "by ", "him ", "her ", "certain", "apodad", "dicen",
    "llama", "conocid", "tal ", "vulgo", "conhecid", "apelidad", "chamad", "surnomm",
    "appeler", "dett", "soprannominat", "cert", "chiamare", "genannt", "nennt", "gewiss",
    "niejak", "zwan", "pseudonim", "ksywa", "клич", "прозв", "прізвиськ", "неки", "некая",
    "като", "зван", "zvan", "kao", "kall", "kaldet", "kalt", "som ", "genaamd", "als ",
    "sebagai", "dipanggil", "alyas", "tinatawag", "kama", "ως", "παρατσούκλι",
    "επονομαζ", "մականուն", "որպես", "нарича", "прякор", "zis", "poreclit", "cunoscut",
    "njohur", "quajtur", "přezdívan", "řečen", "zvan", "prezývan", "call", " @ ", "anume",
    "קראו", "קוראים", "המכונ", "שכינוי", "الملق", "المعروف", "يلق", "يُلق", "معروف",
    "ملقب", "لقب", "néven", "зову", "zovu", "hív", "szólít", "becéz", "rele", "bilong",
    "представи", "prisistat", "alcu", "becenev", "vzdev", "nadim", "přezdív", "prezýv",
    "ksyw", "lakab", "lakap", "imenu", "имену", "надим", "conegu", "завуць", "namens",
)  # fmt: skip


# Hungarian: a name quoted before "néven" (by the name): "csak „Ricsi” néven ismerik";
# or before "hívnak" (whom they call), its dative ending after the quote: "akit 'Dodi'-nak
# hívnak"
_NEVEN = re.compile(
    rf"[„\"“'‘](?P<name>[{UPPER}][^\W\d_]{{1,20}})[”\"'’](?:\s+néven|-?n[ae]k\s+"
    r"(?:hívnak|hívják|hívta|szólítják|becézik))"
    # unquoted after "akit" (whom), its dative ending glued: "akit mindenki Gabinak hív"
    rf"|\bakit\s+(?:[^\W\d_]+\s+){{0,2}}?(?P<bare>[{UPPER}][^\W\d_]{{1,20}}?)n[ae]k\s+"
    r"(?:hív|hívnak|hívják|szólít|szólítanak|becéz)"
)


# a nickname quoted in brackets after a full name: "Abdoulaye Sow ('Papis')"; an
# acronym in quotes (all capitals) is a company's or a scheme's, not a person's
_BRACKETED = re.compile(
    rf"[{UPPER}][^\W\d_]+\s[{UPPER}][^\W\d_]+\s\(\s?['\"‘“«]"
    rf"(?P<name>[{UPPER}][^\W\d_]*[^\W\d_A-Z][^\W\d_]*(?:\s[{UPPER}][^\W\d_]+)?)"
    r"['\"’”»]\s?\)"
)
_BRACKET_HINTS = ("('", '("', "(‘", "(“", "(«", "( '")
# or set off by commas after a full name: "el encargado, Said Benali, «el Rubio», le
# cobraba" (guillemets or curly quotes only: straight ones quote speech as often)
_COMMA_QUOTED = re.compile(
    rf"[{UPPER}][^\W\d_]+\s[{UPPER}][^\W\d_]+,\s?[«“„]"
    rf"(?P<name>(?:(?:el|la|o|a|il|le)\s)?[{UPPER}][^\W\d_]+(?:\s[{UPPER}][^\W\d_]+)?)"
    r"[»”“]\s?[,;.)]"
)


def _between(pre: str) -> bool:
    """Only an article, a title or a kin word between the cue and the name."""
    return all(
        (w := fold(p.rstrip("."))) in _ARTICLES or w in TITLES or w in KIN_TITLES
        for p in pre.split()
    )


def _of_a_thing(text: str, cue: int) -> bool:
    """The cue follows a place, a scheme or a group ("an area known as …")."""
    before = text[max(0, cue - 30) : cue].split()[-3:]
    return any(fold(w.strip(",;:()")) in NOT_PERSONS for w in before)


def nicknamed(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    low = text.lower()
    bracketed = [
        (m.start("name"), m.end("name"))
        for m in (_BRACKETED.finditer(text) if any(h in text for h in _BRACKET_HINTS) else ())
        if fold(m.group("name").split()[0]) not in lex.big_places
    ]
    if "«" in text or "“" in text or "„" in text:
        bracketed += [
            m.span("name")
            for m in _COMMA_QUOTED.finditer(text)
            if fold(m.group("name").split()[-1]) not in lex.big_places
        ]
    if not any(h in low for h in _HINTS):
        return bracketed
    out: list[tuple[int, int]] = bracketed + [
        (m.start("name"), m.end("name"))
        for m in _QUOTED.finditer(text)
        if not _of_a_thing(text, m.start())
    ]
    out += [(m.start("name"), m.end("name")) for m in _UNCASED.finditer(text)]
    if "néven" in text or "hív" in text or "szólít" in text or "becéz" in text:
        out += [
            m.span("name") if m.group("name") else m.span("bare") for m in _NEVEN.finditer(text)
        ]
    out += [(m.start("name"), m.end("name")) for m in _AT_ALIAS.finditer(text)]
    for m in _NICKNAME.finditer(text):
        if not _between(m.group("pre")) or _of_a_thing(text, m.start()):
            continue
        parts = m.group("name").split()
        first = fold(parts[0])
        cue = m.group(0)[: m.start("pre") - m.start()].lower()
        if len(parts) == 2 and (first in TITLES or first in ROLES):
            # a title or a role before the name: "calling himself Agent Dan"
            out.append((m.start("name") + len(parts[0]) + 1, m.end("name")))
            continue
        person = _PERSON_CUE.search(cue) is not None
        if person and first in lex.given:
            out.append(m.span("name"))  # "gave his name as Tuan" (a Malay title too)
            continue
        # a capitalised article opens a nickname: "a man they call El Tuerto", "le llaman
        # La Güera"
        if len(parts) == 2 and parts[0] in ("El", "La"):
            out.append((m.start("name"), m.end("name")))
            continue
        if (
            (first in lex.big_places and not person)
            or first in TITLES
            or first in KIN_TITLES
            or first in FUNCTION
            or first in ROLES
            or first in PERSONS
        ):
            continue  # "known as Lagos", "alias Madam", "a certain The…", "a certain Police"
        if "call" in cue and first in lex.common and first not in lex.given:
            continue  # "everyone called Police": whom a group calls by an ordinary word
        second = fold(parts[-1])
        if len(parts) == 2 and (second in lex.splits or second in lex.big_places):
            out.append((m.start("name"), m.start("name") + len(parts[0])))
        else:
            out.append((m.start("name"), m.end("name")))
    return out
