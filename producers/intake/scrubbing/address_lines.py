"""The postcodes on an address's own line go with it; its towns stay (team decision,
2026-12-05, replacing that of 2026-12-01 which took the towns too).

A town, district or region is where tahub counts and detects: thousands live there, so it
names no one, and a place field keeps the gazetteer's places too. A postcode can narrow a
street to a few households ("LS6 2QT"), so it goes: right after the street it widens the
address ("…, 75018", "… LS6 2QT"), and after a town of the same line it is taken alone
("[…], Leeds [ADDRESS]"). The line's parts are read as before: a part is a town when the
gazetteer knows it whole (after a mark such as "г."), a postcode by its shape, and one or
two unknown words before a known town are a district ("…, Osu, Accra").
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.lexicon import english, fold, lexicon
from producers.intake.scrubbing.street_words import STREET_AFTER, STREET_BEFORE_ANY, UNIT_WORDS
from producers.intake.scrubbing.text import ADDRESS, DIGIT, Span
from schemas.countries import is_country

# the commas of Latin, Arabic and CJK text between an address's parts
_SEP = re.compile(r"[ \t]*[,،，、][ \t]*")
# one part of an address line: up to four words, no comma, no sentence mark
_WORD = r"[^\s,،，、;:!?。！？।॥۔፡።()\[\]\"«»“”]+"
_PART = re.compile(rf"{_WORD}(?:[ \t]+{_WORD}){{0,3}}")
_WORD_RE = re.compile(_WORD)
# a town's abbreviation or word before its name: "г. Казань", "м. Житомир", "city of"
_TOWN_MARK = re.compile(
    r"^(?:г\.|гор\.|город|м\.|місто|смт\.?|гр\.|град|m\.|miasto|city\s+of|ciudad\s+de)\s*",
    re.IGNORECASE,
)
# postcodes of many countries: "104 46", "75018", "LS6 2QT", "1072 TA", "H2J 2L3", "0112"
_POSTCODE = re.compile(
    r"\d{4}-\d{3}|\d{2}-\d{3}|\d{3}[ \t]?\d{2,3}|\d{4,6}"  # Portugal's and Poland's first
    r"|[A-Z]{1,2}\d[A-Z\d]?[ \t]*\d[A-Z]{2}|\d{4}[ \t]?[A-Z]{2}"
    r"|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d"
    r"|(?:LV|LT|EE|CY|SE|FI|HR|SI|MD)-\d{4,5}"  # a country's letters first: "LV-1012"
)
_SHORT = 3
_LONG = 7  # a capitalised place this long that is also a common word is the place
# a state's or province's abbreviation after its town ("Toowoomba QLD", "Houston TX")
_STATE = re.compile(
    r"[ \t]+(?:QLD|NSW|VIC|SA|WA|TAS|NT|ACT|CBD|AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN"
    r"|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX"
    r"|UT|VT|VA|WV|WI|WY|ON|QC|BC|AB|MB|SK|NS|NB|NL|PE)$"
)
_MOST_PARTS = 4
# a known town with its compass quarter ("Jakarta Utara", "Cairo West") or a district
# joined by a hyphen, as German writes them ("Berlin-Schöneberg"): still the town's
_QUARTER = re.compile(
    r"(\w[\w'’ ]*?)(?:[ \t]+(?i:utara|selatan|barat|timur|pusat|north|south|east|west"
    r"|central|nord|sud|norte|sur)|-[A-ZÀ-ÞĀ-ſ][^\W\d_]+)"
)
# a parish or town written with "St" for the gazetteer's "Saint" (Jamaica's, Barbados')
_SAINT = re.compile(r"St\.?[ \t]+(?=[A-Z])")
# a country's ISO code closing an address after its town: "…, Kampala, UG"
_COUNTRY_LAST = re.compile(r"[ \t]*[,،，、][ \t]*(UK|[A-Z]{2})[ \t]*$")


# cities whose districts are numbered and written after the name, a town as a whole
# ("Praha 7", "Wien 10", "Budapest XIII", "Dublin 13", "Paris 15e"; facts of each city)
_NUMBERED_TOWN = re.compile(
    r"(Praha|Prague|Wien|Vienna|Budapest|Paris|Lyon|Marseille|Dublin|Zürich|Zurich)"
    r"[ \t]+(?:[1-9]\d?(?:e|er|ème)?|[IVX]{1,5})\.?"
)


def _town_within(bare: str) -> str | None:
    """The town a part names in a form the gazetteer does not hold: with its compass
    quarter, a hyphened district or a numbered one ("Jakarta Utara" → "Jakarta", "Praha
    7" → "Praha"), or "St" written for
    "Saint" ("St Catherine" → "Saint Catherine"); None when it has no such form."""
    if (quarter := _QUARTER.fullmatch(bare)) is not None:
        return quarter.group(1)
    if (numbered := _NUMBERED_TOWN.fullmatch(bare)) is not None:
        return numbered.group(1)
    if (saint := _SAINT.match(bare)) is not None:
        return "Saint " + bare[saint.end() :]
    return None


def _place(part: str) -> bool:
    """A place the gazetteer knows, not also a common word ("bị", "semi") unless marked."""
    bare = _TOWN_MARK.sub("", part.strip(" .")).strip()
    key, lex = fold(bare), lexicon()
    if key not in lex.places and (town := _town_within(bare)) is not None:
        return _place(town)  # "Jakarta Utara", "Berlin-Schöneberg", "St Catherine"
    if bare and key not in lex.places and (state := _STATE.search(bare)) is not None:
        bare = bare[: state.start()]  # "Toowoomba QLD", "Houston TX"
        key = fold(bare)
        part = bare
    if not bare or key not in lex.places:
        return False
    if bare != part.strip(" ."):
        return True
    if len(key) < _SHORT:
        return False
    if key in lex.common:  # "semi", "bị"; but "Madrid", "Pardubice", written as towns
        return (key in lex.big_places or len(key) >= _LONG) and bare[0].isupper()
    # an English word is a town when written as one: "…, Slough", "…, Reading"
    return bare[0].isupper() or bare[0].lower() == bare[0].upper() or not english(key, lex)


def _part_after(text: str, at: int) -> tuple[int, int | None]:
    """The end of a town, region or postcode starting at ``at`` (``at`` if none), and where
    a postcode in it starts (None if it holds none)."""
    m = _PART.match(text, at)
    if m is None:
        return at, None
    found = list(_WORD_RE.finditer(text, at, m.end()))
    words = [w.group(0) for w in found]
    for n in range(len(words), 0, -1):  # the longest known place opening the part
        head = " ".join(words[:n])
        end = found[n - 1].end()
        tail = " ".join(words[n:])
        if (code := _POSTCODE.fullmatch(head)) is not None and code:
            return end, at
        if _place(head.rstrip(".")):
            # its postcode after it: "Thessaloniki 546 25", "सूरत 395004"
            if tail and (pc := _POSTCODE.match(text, end + 1)) and text[end] in " \t":
                return pc.end(), pc.start()
            return end - (1 if head.endswith(".") else 0), None
    return at, None


# a neighbourhood or district the gazetteer does not know: one or two words, no digit
_UNNAMED = re.compile(r"[^\W\d_][\w'’-]*(?:[ \t][^\W\d_][\w'’-]*)?")


def _unnamed(text: str, at: int) -> tuple[int, int | None] | None:
    """The known place after an unknown part at ``at`` ("Osu, Accra"), as ``_part_after``."""
    m = _UNNAMED.match(text, at)
    if m is None or (m.group(0)[0].lower() != m.group(0)[0].upper() and m.group(0)[0].islower()):
        return None
    sep = _SEP.match(text, m.end())
    if sep is None:
        return None
    after = _part_after(text, sep.end())
    return after if after[0] > sep.end() else None


_BLANKS = re.compile(r"[ \t]+")
_WORD_NEXT = re.compile(r"\w")


def _end_of_line(text: str, end: int) -> tuple[int, list[Span]]:
    """``end`` moved over a postcode that closes the address, and the postcodes further on
    its line (after a town: "…, Leeds LS6 2QT"); the towns and districts between stay."""
    codes: list[Span] = []
    pos = end
    for _ in range(_MOST_PARTS):
        sep = _SEP.match(text, pos)
        space = _BLANKS.match(text, pos)
        part: tuple[int, int | None] | None = None
        if sep is not None and (after := _part_after(text, sep.end()))[0] > sep.end():
            part = after
        elif sep is not None:
            part = _unnamed(text, sep.end())  # a neighbourhood before its town: "…, Osu, Accra"
        elif space is not None and (pc := _POSTCODE.match(text, space.end())):
            if _WORD_NEXT.match(text, pc.end()):
                break
            part = pc.end(), pc.start()
        if part is None:
            break
        part_end, code = part
        if code is not None:
            if pos == end and (sep is None or code == sep.end()):
                end = part_end  # the postcode right after the street: part of the address
            else:
                codes.append((code, part_end, ADDRESS))
        pos = part_end
    return end, codes


_TOWN_AFTER = re.compile(r"[ \t]+([^\W\d_]+)(?![\w'’-])")
_LAST_SEP = re.compile(r"[ \t]*[,،，、][ \t]*(?=[^,،，、]*$)")


def _country_at_end(text: str, start: int, end: int) -> int | None:
    """Where a country's ISO code closing the span after a known town starts ("…, Kampala,
    UG"), or None: two capitals alone are no country code without a town before them."""
    country = _COUNTRY_LAST.search(text, start, end)
    if country is None or not (country.group(1) == "UK" or is_country(country.group(1))):
        return None
    before = _LAST_SEP.search(text, start, country.start())
    if before is None or _part_after(text, before.end())[0] < country.start():
        return None
    return country.start()


def _town_cut(text: str, start: int, end: int) -> tuple[int, int]:
    """``end`` moved back over the towns and districts closing an address a rule found
    with them ("27 Elm Grove, Slough" → "27 Elm Grove"); a postcode among them is taken
    again by ``_end_of_line``. With it, where the towns given back end: a rule may have
    stopped inside one ("…, בת[ ים]")."""
    # a postcode and its town found alone: "0565 Oslo"
    whole = _CODE_TOWN.fullmatch(text, start, end)
    if whole is not None and _part_after(text, whole.start(2))[0] >= end:
        return whole.end(1), end
    # a district closing the span is one when a known town follows it on the line
    after = _SEP.match(text, end)
    cut = after is not None and _part_after(text, after.end())[0] > after.end()
    reach = end
    if (country := _country_at_end(text, start, end)) is not None:
        end, cut = country, True  # its town is given back below
    for _ in range(_MOST_PARTS):
        sep = _LAST_SEP.search(text, start, end)
        if sep is None or sep.start() <= start:
            break
        part = text[sep.end() : end]
        place, code = _part_after(text, sep.end())
        coded = _CODE_TOWN.fullmatch(part)
        if place >= end and code != sep.end() and not DIGIT.match(part):
            reach = max(reach, place)
            end, cut = sep.start(), True
        elif place >= end and code == sep.end():
            end = sep.start()  # a postcode closing the line after its town ("…, Rīga,
            # LV-1012"): ``_end_of_line`` takes it again, alone or with its street
        elif coded is not None and _part_after(text, sep.end() + coded.start(2))[0] >= end:
            # "…, 44137 Dortmund", "…, 47300 Petaling[ Jaya]": the postcode stays in
            return sep.end() + coded.end(1), end
        elif cut and _UNNAMED.fullmatch(part) and _district(part):
            end = sep.start()  # a district before the town: "…, Osu, Accra"
        elif (slashed := _SLASHED.fullmatch(part)) is not None and _place(slashed.group(2)):
            end = sep.start()  # "…, Bağcılar/İstanbul": a district and its province
        elif (code_end := _code_then_town(part)) is not None:
            return sep.end() + code_end, end  # "…, 5061 EH Oisterwijk": its town stays
        elif (unit := _ADMIN_PART.match(text, sep.end())) is not None and unit.end() >= end:
            # "…, Kel. Oebobo, Kota Kupang" (a rule may have stopped inside: "…, Kel");
            # a village before it stays
            end, cut = sep.start(), False
        else:
            break
    return end, reach


# a part that names a district, a city or a province by its unit's word (Indonesian,
# Mongolian, Hindi, Turkish, English, Russian): tens of thousands live there at least
_ADMIN_PART = re.compile(
    r"(?i:(?:kel|kec|kab|kota|prov|provinsi|kelurahan|kecamatan|kabupaten|district|province"
    r"|ज़िला|जिला|zila|jila)\.?\s+[^\W\d_][^\s,]*(?:\s+[^\W\d_][^\s,]*)?"
    r"|(?:\d{1,2}-р\s+)?[^\W\d_][^\s,]*(?:\s+[^\W\d_][^\s,]*)?\s+(?:district|province|region"
    r"|county|oblast|дүүрэг|хороо|аймаг|район|область|ilçesi|ili)"
    r"|\d{1,2}-р\s+хороо)"
)


# words that make a part a street, a building or a spot rather than a district
_NOT_DISTRICT = re.compile(
    rf"(?i)(?<!\w)(?:{STREET_AFTER}|{STREET_BEFORE_ANY}|{UNIT_WORDS}"
    r"|behind|near|opposite|next|fundos|estates?|[òo]p[óo]p[óo]n[àa]|magu|hingun"
    # a block of flats or a gated estate is one building, no district: "…, Shanti Towers"
    r"|towers?|mansions|heights|apartments|residency|residences|condominium|condo|enclave"
    r"|شارع|زقاق|طريق|خیابان|کوچه|سڑک|گلی)(?!\w)"
)


def _district(part: str) -> bool:
    """One or two capitalised words naming a district, not a street or a building."""
    first = part[0]
    return (
        (first.isupper() or first.lower() == first.upper())
        and not DIGIT.search(part)  # a code ("GA-184-7263", Ghana's digital address)
        and not _NOT_DISTRICT.search(part)
    )


def _town_start(text: str, start: int, end: int) -> int:
    """``start`` moved past the towns opening an address ("г. Казань, ул. …", "Баянзүрх
    дүүрэг, 13-р хороо, 45-р байр", "경기도 안산시 단원구 원곡로 45")."""
    if (ko := _KOREAN_UNITS.match(text, start, end)) is not None and ko.end() < end:
        start = ko.end()
    for _ in range(_MOST_PARTS):
        sep = _SEP.search(text, start, end)
        if sep is None:
            break
        part = text[start : sep.start()]
        if not (_place(part) or _ADMIN_PART.fullmatch(part)):
            break
        start = sep.end()
    return start


# a Korean address opens with its province, city and district, each a word ending in its
# unit ("경기도 안산시 단원구"), before the road ("원곡로 45")
_KOREAN_UNITS = re.compile(
    r"(?:[\uac00-\ud7a3]{1,6}(?:도|시|군|구)\s+)+(?=[\uac00-\ud7a3]+(?:로|길)\s*\d)"
)


_CODE_TOWN = re.compile(rf"({_POSTCODE.pattern})[ \t]+(.+)")
# a postcode of a shape no house number has, then one to three capitalised words: a town,
# known to the gazetteer or not ("5061 EH Oisterwijk", "28025 Madrid", "602 00 Brno");
# after four digits alone (a house number's shape too: "2209 Cedar Ave") only a known town
# ("1650 København V")
_CODE_WORDS = re.compile(
    r"(\d{4}[ \t]?[A-Z]{2}(?![^\W\d_])|\d{5}|\d{3}[ \t]\d{2}|\d{2}-\d{3}|\d{4}-\d{3}"
    r"|(?P<bare>\d{4}))"
    r"[ \t]+(?P<town>[A-ZÀ-ÞĀ-ſ][^\W\d_]*[a-zß-ÿā-ſ][^\W\d_]*"
    r"(?:[ \t-][A-ZÀ-ÞĀ-ſ][^\W\d_]*){0,2})"
)


def admin_part(part: str) -> bool:
    """A part naming a district, city or province by its unit's word ("Kilosa District",
    "Kec. Cikalong"), or a district and its town with a slash ("Bağcılar/İstanbul")."""
    if _ADMIN_PART.fullmatch(part):
        return True
    slashed = _SLASHED.fullmatch(part)
    return slashed is not None and _place(slashed.group(2))


def town_part(part: str) -> bool:
    """A part of a place line that names a town, district or region as an address's
    closing towns are read here: known to the gazetteer (after a mark, with a state's
    abbreviation or a compass quarter) or named by its unit's word."""
    return _place(part) or admin_part(part)


def _code_then_town(part: str) -> int | None:
    """Where the postcode ends in a part that is a postcode and its town, or None."""
    m = _CODE_WORDS.fullmatch(part)
    if m is None or _NOT_DISTRICT.search(m.group("town")):
        return None  # "10501 Harwin Dr": a house and its street
    if m.group("bare") is not None:
        first = m.group("town").split()[0]
        if not _place(first):
            return None
    return m.end(1)


# a district and its town or province written with a slash ("Bağcılar/İstanbul")
_SLASHED = re.compile(r"([^\W\d_]+)/([^\W\d_]+)")


def lined(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` with each address's towns given back and the postcodes of its own line
    taken; a name found inside a town given back is the town's ("…, Ikoyi, Lagos")."""
    out: list[Span] = []
    given: list[tuple[int, int]] = []  # the towns and districts given back
    for found, found_end, k in spans:
        if k != ADDRESS:
            out.append((found, found_end, k))
            continue
        start = _town_start(text, found, found_end)
        cut, reach = _town_cut(text, start, found_end)
        end, codes = _end_of_line(text, cut)
        given += [(found, start), (end, reach)]
        if (town := _TOWN_AFTER.match(text, end)) is not None and _place(town.group(1)):
            given.append((town.start(1), town.end(1)))  # "…, 104 46 Αθήνα": no one's name
        out.append((start, end, k))
        out.extend(codes)
    given = [(a, b) for a, b in given if a < b]
    if not given:
        return out
    return [
        sp for sp in out if sp[2] == ADDRESS or not any(a <= sp[0] and sp[1] <= b for a, b in given)
    ]
