"""Find places in text: countries, nationalities and cities, with ambiguity resolved (pure).

Rules for the names news gets wrong most: Georgia is the country unless the text is about
the United States (a state, Atlanta, a county sheriff…); "New Jersey" is a US state and a
bare "Jersey" the Channel Island; "Nice" and "Lagos (Portugal)" need their context; the
Niger Delta and Niger State are in Nigeria; "Latin America" is not the United States. A
city with several namesakes resolves to one in a country the text names, else the most
populous.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from producers.news.gazetteer import City, cities, country_names, demonyms, pattern, us_states

# Names that contain a country word but are regions, seas or institutions, not places
# the story happens in.
NOT_PLACES = (
    "Latin America", "South America", "Central America", "North America", "Indian Ocean",
    "South China Sea", "Southeast Asia", "South East Asia", "West Africa", "East Africa",
    "Middle East", "Sub-Saharan Africa", "Gulf of Guinea", "English Channel", "Horn of Africa",
    "American Airlines", "Indian Express", "Ivory trade", "Turkey Creek",
    "Jordan River", "Chad Basin",
)  # fmt: skip
US_CONTEXT = re.compile(
    r"\b(?:U\.S\.|USA|United States|Atlanta|Savannah|Augusta|county|County|sheriff|"
    r"Sheriff|FBI|state of Georgia|Georgia Bureau|GBI|Homeland Security|Texas|Florida|"
    r"Alabama|Carolina|Tennessee)\b"
)
FRANCE_CONTEXT = re.compile(r"\b(?:France|French|Riviera|Marseille|Côte d'Azur)\b")
PORTUGAL_CONTEXT = re.compile(r"\b(?:Portugal|Portuguese|Algarve)\b")
NICE = re.compile(r"(?:(?<=\bin )|(?<=\bto )|(?<=\bfrom )|(?<=\bnear ))Nice\b|\bNice(?=, France)")
LAGOS = re.compile(r"(?<![\w-])Lagos(?![\w-])")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    surface: str
    country: str
    kind: str  # country | nationality | city | state
    city: City | None = None


@cache
def _not_places() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(n) for n in NOT_PLACES))


@cache
def _states() -> dict[str, str]:
    return {s: "US" for s in us_states() if s != "Georgia"}


@cache
def _state_pattern() -> re.Pattern[str]:
    names = sorted(_states(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


def _masked(text: str) -> str:
    """Regions and institutions blanked out (same length, so offsets hold)."""
    return _not_places().sub(lambda m: " " * len(m.group()), text)


def _resolve_city(name: str, named: set[str]) -> City | None:
    found = cities().get(name)
    if not found:
        return None
    for c in found:
        if c.country in named:
            return c
    return found[0]


def find(text: str) -> list[Mention]:  # noqa: PLR0912 - one rule per ambiguous name
    """Every place mention in order of appearance."""
    masked = _masked(text)
    raw: list[tuple[int, int, str]] = [
        (m.start(), m.end(), m.group()) for m in pattern().finditer(masked)
    ]
    names, dem = country_names(), demonyms()
    us = bool(US_CONTEXT.search(text))
    out: list[Mention] = []
    named = {names[s] for _, _, s in raw if s in names}
    for m in _state_pattern().finditer(masked):
        if not any(s <= m.start() < e for s, e, _ in raw):
            out.append(Mention(m.start(), m.end(), m.group(), "US", "state"))
            named.add("US")
    for start, end, surface in raw:
        if any(o.start <= start < o.end for o in out):
            continue  # inside a US state name ("New Jersey", "New Mexico")
        if surface == "Georgia":
            code = "US" if us else "GE"
            out.append(Mention(start, end, surface, code, "state" if us else "country"))
        elif surface == "Niger" and re.match(r" (?:Delta|State)\b", text[end:]):
            out.append(Mention(start, end, surface, "NG", "country"))
        elif surface in names:
            out.append(Mention(start, end, surface, names[surface], "country"))
        elif surface in dem:
            out.append(Mention(start, end, surface, dem[surface], "nationality"))
        else:
            city = _resolve_city(surface, named)
            if city is not None:
                out.append(Mention(start, end, surface, city.country, "city", city))
    if FRANCE_CONTEXT.search(text) or "Nice, France" in text:
        for m in NICE.finditer(text):
            city = City("Nice", "FR", 43.703, 7.266, 342_669)
            out.append(Mention(m.start(), m.end(), "Nice", "FR", "city", city))
    for m in LAGOS.finditer(text):
        portugal = PORTUGAL_CONTEXT.search(text) is not None and "Nigeria" not in text
        city = (
            City("Lagos", "PT", 37.102, -8.674, 33_494)
            if portugal
            else City("Lagos", "NG", 6.455, 3.394, 15_388_000)
        )
        out.append(Mention(m.start(), m.end(), "Lagos", city.country, "city", city))
    out.sort(key=lambda m: m.start)
    return out


def countries(mentions: list[Mention]) -> list[str]:
    return list(dict.fromkeys(m.country for m in mentions))
