"""Spanish, French and Portuguese read by the English rules, through a glossary (pure).

The relevance, typology and route rules are written over English cue phrases. Rather than
a second copy of them per language, each language brings data: a glossary of its cue
phrases (inflected forms as patterns: "rescatad[ao]s?", "obligées? de", "trabalho análogo
à escravidão") onto the English phrase the rules already weigh ("rescued", "forced to",
"slave labour"), and its nationality words onto English ones ("nigerianas" → "Nigerians").
Words the glossary does not know are left as they are, so place names keep their case for
the geoparser, which knows each language's country names (gazetteer.country_names).

Two word-order rules follow: a nationality after the people it describes moves before
them ("women Nigerians" → "Nigerians women", as the route rules expect), and "women
de/du/da <Place>" reads "women from <Place>". A sentence keeps its capital letter, which
the route rules use to split sentences.
"""

from __future__ import annotations

import importlib
import re
from functools import cache

from producers.news import gazetteer, geoparse

GLOSSED = ("es", "fr", "pt")  # each has its data in producers/news/gloss_<lang>.py
SUPPORTED = ("en", *GLOSSED)

# English people words the route rules read after a nationality
PEOPLE = (
    r"(?:young |teenage |underage )?(?:women|woman|girls?|boys?|men|man|children|child|minors?|"
    r"people|persons?|workers?|migrants?|victims?|teenagers?|nationals|citizens|labourers|"
    r"fishermen|youths|families|babies|maids|domestic workers|brides|students|refugees|"
    r"farm workers|seasonal workers|pickers)"
)


@cache
def _english_demonyms() -> dict[str, tuple[str, str]]:
    """ISO code → (singular, plural) English nationality word the gazetteer knows."""
    out: dict[str, tuple[str, str]] = {}
    for word, code in gazetteer.DEMONYMS.items():
        if code not in out:
            forms = gazetteer.nationality_forms(word)
            out[code] = (forms[0], forms[-1])
    return out


@cache
def _table(lang: str) -> tuple[re.Pattern[str], list[str]]:
    """One alternation for the language: glossary phrases (any case) first, in the order
    the data lists them, then nationality words (lower case, as these languages write
    them; capitalised too in French, which capitalises nationality nouns)."""
    module = importlib.import_module(f"producers.news.gloss_{lang}")
    parts: list[str] = []
    subs: list[str] = []
    for pattern, target in module.PHRASES:
        assert not re.search(r"\((?!\?:|\?i:|\?<?[=!])", pattern), pattern  # no groups
        parts.append(f"(?i:{pattern})")
        subs.append(target)
    in_english = _english_demonyms()
    countries = gazetteer.country_names(lang)
    forms: dict[str, str] = {}
    for base, code in module.DEMONYMS.items():
        if code not in in_english:
            continue
        singular, plural = in_english[code]
        for form, is_plural in module.inflect(base):
            forms[form] = plural if is_plural else singular
            title = form[:1].upper() + form[1:]
            if module.CAPITALISED_NOUNS and title not in countries:
                # "une Marocaine": a person of that nationality
                forms[title] = f"{singular} national{'s' if is_plural else ''}"
    for form in sorted(forms, key=len, reverse=True):
        parts.append(re.escape(form))
        subs.append(forms[form])
    alternation = "|".join(f"(?P<g{i}>{p})" for i, p in enumerate(parts))
    # a phrase ends at a word's end, or on an elided article's apostrophe ("l'Italie")
    return re.compile(r"(?<![\w-])(?:" + alternation + r")(?:(?<=['’])|(?![\w-]))"), subs


# …and the bodies that act, whose nationality says where they act ("police Peruvian")
INSTITUTIONS = (
    r"(?:police|authorities|officials|officers|court|prosecutors|army|navy|coastguard|"
    r"customs|government|ministry|labour ministry|inspectors|immigration officers|judges)"
)
# the places and workplaces a story is set in ("brothels de Madrid": brothels in Madrid)
SETTINGS = (
    r"(?:brothels|nightclubs|bars|farms|plantations|factory|workshops|garment workshops|"
    r"greenhouses|mines|restaurants|construction sites|households|homes|streets|port|"
    r"couples|families|clients|employers|buyers|hotels|clubs|camp|camps|southern|"
    r"northern|eastern|western|central)"
)
# "province de Nampula": the province of Nampula
ADMIN = r"(?:province|region|state|city|district|department|municipality|town|village)"
OF = r"(?:de|du|des|da|do|das|dos|del|of the|of|d['’]) ?(?=[A-ZÀ-ÖØ-Þ])"
PEOPLE_OF = re.compile(rf"\b({PEOPLE}) {OF}")
INSTITUTION_OF = re.compile(rf"\b({INSTITUTIONS}) {OF}")
SETTING_OF = re.compile(rf"\b({SETTINGS}) {OF}")
ADMIN_OF = re.compile(rf"\b({ADMIN}) {OF}")
# "from Mali, of Mauritania and of the Senegal": a list goes on without its preposition
LIST_OF = re.compile(rf"(,| and| or) {OF}")


@cache
def _singular() -> dict[str, str]:
    return {plural: singular for singular, plural in _english_demonyms().values()}


@cache
def _reorder() -> re.Pattern[str]:
    english = sorted({f for pair in _english_demonyms().values() for f in pair}, key=len)[::-1]
    nat = "(?:" + "|".join(re.escape(w) for w in english) + ")"
    return re.compile(rf"\b({PEOPLE}|{INSTITUTIONS}) ({nat}(?:(?:,| and| or) {nat})*)\b")


def english(text: str, lang: str) -> str:
    """The text with the language's cue phrases and nationality words in English."""
    if lang not in GLOSSED or not text:
        return text
    rx, subs = _table(lang)
    places = geoparse.spans(text, lang)

    def sub(m: re.Match[str]) -> str:
        if any(s < m.end() and m.start() < e for s, e in places):
            return m.group()  # inside a place name: "República Democrática del Congo"
        out = subs[int(str(m.lastgroup)[1:])]
        if out and m.group()[:1].isupper() and out[:1].islower():
            out = out[:1].upper() + out[1:]
        if m.group()[-1:] in "'’" and not out.endswith(" "):
            out += " "  # "originaires de l'Italie": "from Italie"
        return out

    def reorder(m: re.Match[str]) -> str:
        if re.fullmatch(INSTITUTIONS, m.group(1)):
            # "police belges" → "Belgian police": where they act, not who was exploited
            singular = _singular()
            return re.sub(r"[\w-]+", lambda w: singular.get(w.group(), w.group()), m.group(2)) + (
                " " + m.group(1)
            )
        return f"{m.group(2)} {m.group(1)}"

    text = rx.sub(sub, text)
    text = _reorder().sub(reorder, text)
    text = PEOPLE_OF.sub(r"\1 from ", text)
    text = INSTITUTION_OF.sub(r"\1 of ", text)
    text = SETTING_OF.sub(r"\1 in ", text)
    text = ADMIN_OF.sub(r"\1 of ", text)
    return LIST_OF.sub(r"\1 ", text)
