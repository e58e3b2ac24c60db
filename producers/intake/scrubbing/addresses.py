"""Street addresses in Latin script: a core and the parts that follow it.

A core is a house number and street (English, Romance, Slavic, Malay and Thai styles), a
flat, unit, villa, dorm, tent or stand, a PO box, a UK postcode, a locality word, a named
building, a street corner, a road one lives off or a landmark; the parts after it are
floors, numbered zones, streets, sectors or camps, localities, a city with its postcode
and a last city: so Gulf "Villa 14, Street 823, Zone 66", Indian "H.No. 3-4-512/B",
Pakistani "F-8/3", Indonesian "RT 03/RW 05", Filipino purok and barangay, Latin American
colonia and esquina. The core pattern is tried only where a core can start.
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.address_units import PART as UNIT_PART
from producers.intake.scrubbing.addresses_before import (
    continental,
    described,
    with_parts_before,
)
from producers.intake.scrubbing.addresses_scripts import other_scripts
from producers.intake.scrubbing.lexicon import english, fold, lexicon
from producers.intake.scrubbing.street_words import (
    AREA_AFTER,
    BUILDING,
    CAPS,
    CAPW,
    EAST_ASIAN_NUMBERED,
    EAST_ASIAN_SUFFIX,
    HOUSE,
    LANDMARKS,
    LOCALITY,
    NEAR,
    NUMBERED,
    PART,
    STARTERS,
    STREET_AFTER,
    STREET_BEFORE_ANY,
    STREET_BEFORE_CAP,
    SUFFIXES,
    UNIT_WORDS,
    UP,
)
from producers.intake.scrubbing.text import DIGIT, UPPER, Text, without_capitals, words
from producers.intake.scrubbing.wordlists import FUNCTION

_UNIT = (
    r"#\d{1,3}-\d{1,5}\b|"  # Singapore and Malaysia: "#04-33"
    # Antananarivo's lots, letters then the number: "Lot IVG 204 Bis", "lot II M 85"
    r"(?i:lot)\s+(?:(?-i:[A-Z]{1,4})\s){1,2}\d{1,4}[A-Z]?(?:\s(?i:bis|ter))?\b|"
    rf"(?:(?:{HOUSE})\s+(?=(?i:moo|m\.)\s*\d))?"
    rf"(?i:{UNIT_WORDS})\.?:?\s*(?:(?i:namba|numru|num[ée]ro|nimewo|n[ọo]mba|nummer|no|nr|num|na|n\.?\s?[º°o])"
    rf"\.?º?\s*)?#?\s*"
    # "house no. AT-112"; a block letter apart after "no.": "Hse No. C 214/7" (Ghana)
    rf"(?:(?:(?<=\.\s)[A-Z]\s(?=\d))?{HOUSE}|[A-Z]{{1,2}}\d{{0,3}}-\d{{1,4}}|[A-Z]\d{{0,3}})\b"
)
_FLOOR = (
    r"(?:\d{1,2}(?:st|nd|rd|th|er|e|ème|º|°|\.º|\.)?|(?i:ground|first|second|third|fourth|"
    r"fifth|top|upper|lower))\s*(?i:floor|fl|piso|andar|[ée]tage|stock|og|kat|etasje|etg|"
    r"v[åa]ning|kerros|h[æa]ð|st[āa]vs|auk[šs]tas|korrus)\b"
    r"(?:\s+(?i:links|rechts|mitte|left|right|rear|front|izq|izquierda|dcha|derecha)\b)?"
    # Catalan floor and door ("3r 2a": third floor, second door), by the ordinal endings
    r"|\d{1,2}(?:r|n|t|è)\s+\d{1,2}a\b"
    # Portuguese ground floor and its side: "r/c esq." (rés-do-chão esquerdo)
    r"|(?i:r/c)(?:\s*(?i:esq|dto|dta|dt|drt|fte|frente)\b\.?)?"
    r"|\d{1,2}\.?[º°ª]\s*(?:[A-Z]\b|(?i:esq|dto|dta|izq|izda|izqda|dcha|dcho|dra|der|ctro|"
    r"centro|andar|piso|pta|puerta)\.?)?"
    # "planta alta" (Argentina: the upper floor), Hungarian floor and door "2. em. 5"
    r"|(?i:planta)\s+(?i:alta|baja|primera|segunda|\d{1,2})\b"
    # (the floor in Roman numerals too, and the door: "III. em. 12. ajtó")
    r"|(?:\d{1,2}|[IVX]{1,4})\.\s?(?i:em\.|emelet\b)(?:\s?\d{1,3}\.?(?!\d)(?:\s?ajtó\b)?)?"
    # a ground floor: Croatian, Serbian and Bosnian "prizemlje", Spanish "bajo" closing a part
    r"|(?i:prizemlje|приземље)\b|(?i:bajo)(?:\s+(?i:izq|izda|dcha|dch)\b\.?)?(?=\s*(?:[,.;)]|$))"
)
_UK_POST = r"[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}"

_POSTCODE = (
    rf"(?:{_UK_POST}|\d{{5}}-\d{{3}}|\d{{4}}-\d{{3}}|\d{{5}}-\d{{4}}|\d{{3}}-\d{{4}}|\d{{2}}-\d{{3}}"
    rf"|\d{{4}}\s?[A-Z]{{2}}"
    rf"|[A-Z]\d[A-Z]\s?\d[A-Z]\d|\d{{4,6}})(?!\w)"  # … Canada "H2X 1Y4", India, Kenya
)
# a kilometre post: "Km 45 vía a Tunja" (an address part, weak alone)
_KM = r"(?i:km|kil[óo]metro|kilometre)\.?\s*\d{1,4}(?:[.,+]\d{1,3})?\b"
# a numbered area: "Kebele 05", "Phường 3", "Zona 1" (weak alone: an area, not a home)
_NUMBERED_AREA = rf"(?i:{LOCALITY}|ward|sector|zone)\.?\s+\d{{1,4}}\b"
# a street word in the plural: "88b Green Lanes", "4 Orchard Gardens"
_STREET_WORD = rf"(?i:{STREET_AFTER})s?\b"
# romanised Korean and Japanese parts: "Digital-ro", "Guro-gu", "2-chome", "26-gil"
_EAST_ASIAN = rf"[{UP}][\w'’]{{0,30}}-(?i:{EAST_ASIAN_SUFFIX})\b"
# (not a year with the Hungarian "in": "2023-ban 42 ügyben")
_EAST_ASIAN_NUMBER = rf"(?!(?:19|20)\d\d-ban\b)\d{{1,4}}-?(?i:{EAST_ASIAN_NUMBERED})\b"
# a numbered zone, camp or street part, in the words after an address: "Zone 66", "informal
# settlement 023", "Industrial Area Zone 57", "Way 3509" (Oman), "Km 12", "Al Barsha 2",
# "F-8/3" (Islamabad sectors)
_ZONE = (
    rf"(?:{CAPS}\s+)?(?:(?i:informal|refugee|idp|labou?r)\s+)?"
    r"(?i:zone|sector|block|phase|area|ward|camp|settlement|soi|moo|alley|gali|lorong|jalan|"
    rf"jl|tole|{STREET_AFTER})\.?\s+\d{{1,4}}[A-Za-z]?\b|{_KM}"
    rf"|[A-Z]{{1,2}}-\d{{1,2}}(?:/\d{{1,2}})?\b"
    rf"|{CAPS}\s+\d{{1,2}}(?=\s*(?:[,.;]|$))"
)
# what a house is near: "near the Shell station", "behind Total filling station"
_LANDMARK = (
    rf"(?i:{NEAR})\s+(?:(?i:the|la|le|el|da|do|a|o)\s+|(?i:l)['’])?(?:{CAPS}\s+)?(?i:filling\s+|petrol\s+|gas\s+)?"
    rf"(?i:{LANDMARKS})\b(?:\s+{CAPS})?"
)
# "3rd Cross Road", "1st Avenue"
_ORDINAL_STREET = (
    r"(?:(?:[NS][EW]?|[EW]|North|South|East|West)\.?\s+)?"  # "4417 NW 7th Street"
    rf"\d{{1,3}}(?:st|nd|rd|th)\s+(?:{CAPW}\s+){{0,2}}(?i:{STREET_AFTER}|cross|main)\b"
)
# a street's name after its street word: "de la Paz", "9 de Julio" (streets named for a
# date), "a Masaya" (the road to a town), "Dr. Vértiz" (for a person with a title), "e
# Durrësit" (Albanian "of"), "na Trá" (Irish "of the")
_STREET_TITLE = r"(?:Dr|Gral|Gen|Pres|Lic|Ing|Sto|Sta|Sr|Sra|Pe|Prof|Cap|Cnel|Tte|Mons)\.\s+"
_STREET_NAME = (
    rf"(?:(?:{PART}|a|al|para|to|e|i|të|na|y|yr)\s+){{0,2}}(?:\d{{1,2}}\s+(?i:de|of)\s+)?"
    rf"(?:{_STREET_TITLE})?(?:[ld]['’])?{CAPS}(?:/\d{{1,4}})?"  # "Jalan SS2/24", "rue de l'Alzette"
)
# cores that start with a house number, and cores that start with a word
_CORE_NUMBER = re.compile(
    # an Open Location Code ("plus code"), full or short with its town: "6FR5+G3 Tamale"
    rf"[2-9][2-9CFGHJMPQRVWX]{{3,7}}\+[2-9CFGHJMPQRVWX]{{2,3}}(?:\s+{CAPW})?(?![\w+])|"
    rf"\d{{1,2}}(?:a|o|ª|º)\.?\s+(?i:{STREET_BEFORE_ANY})\.?\s+(?:{CAPS}\s+)?{HOUSE}\b|"
    # a direction written short before the street's name: "5318 S. Kedzie Ave"
    rf"{HOUSE},?\s+(?:(?:[NS][EW]?|[EW])\.\s+)?(?:{CAPW}\s+){{1,3}}{_STREET_WORD}\.?"
    rf"|(?:{HOUSE},?\s+)?{_ORDINAL_STREET}"
    rf"|{HOUSE}\s+{CAPS},\s+(?:{CAPW}\s+){{1,3}}{_STREET_WORD}\.?"
    rf"|{HOUSE}\s+{_EAST_ASIAN}(?:\s+{_EAST_ASIAN_NUMBER})*"
    # Japanese chome, ban and go as numbers: "1-2-3 Shibuya, Shibuya-ku"
    rf"|\d{{1,2}}-\d{{1,3}}-\d{{1,3}}\s+{CAPW}(?=\s*,\s*{CAPW})"
    rf"|{HOUSE}(?:\s*(?:bis|ter))?,?\s+(?i:{STREET_BEFORE_ANY})\.?\s+{_STREET_NAME}"
    rf"(?:\s+\d{{1,4}}(?:/\d{{1,4}})?[A-Za-z]?\b)?"
    rf"|{_UNIT}"
    # a house and lot number before a street named without a street word: "3/12 Trần Hưng
    # Đạo" (Vietnam), "88/14 Sethakit"; judged by its words (not "24/7 Customer Service")
    rf"|(?P<bare>\d{{1,4}}/\d{{1,4}}[A-Za-z]?\s+{CAPW}(?:\s+{CAPW}){{0,3}})"
)
_STREET_ANY = rf"(?i:{STREET_BEFORE_ANY}|street|st|road|rd|avenue|ave|soi|moo)"
# a street numbered, not named: "Calle 45 # 12-30", "rue 245", "Carrera 7 No 12-40"
_NUMBERED_STREET = (
    rf"{_STREET_ANY}\.?\s+\d{{1,4}}[A-Za-z]?(?:/[A-Za-z\d]{{1,2}}\b)?(?:\s+{CAPW}(?=\s*(?:#|(?i:no\b|n[º°])|\d)))?"
    rf"(?:\s*(?:#|(?i:no\.?|n[º°]))?\s*\d{{1,4}}[A-Za-z]?(?:-\d{{1,3}})?)?\b"
)
# a named building: "Bldg Sabbagh", "Edificio Mirador"
_NAMED_BUILDING = (
    rf"(?i:bldg|building|immeuble|edificio|edif|torre|tower|r[ée]sidence|residencia|villa|"
    rf"compound|hostel|dormitory|dorm|maison|concession)\.?\s+{CAPS}"
)
# a Czech or Slovak street named by its adjective alone, then its house number (the
# building's and the street's with a slash): "Ostravská 1284/17", "Hlavná 27,"; no year
_ADJECTIVE_STREET = (
    r"[A-ZČŠŽŘĽŤĎŇÚ][a-záäčďéěíĺľňóôŕřšťúůýž]{1,20}(?:sk|ck|n|ov)[áí]\s+"
    r"(?!(?:19|20)\d\d\b(?!/))\d{1,4}(?:/\d{1,4}[a-z]?)?(?=\s*(?:,|\.(?:\s|$)|$))"
)
# a street named without a street word: its house number then a flat or floor ("Ilica 245,
# 2. kat"), or the Czech and Slovak pair of numbers, the building's and the street's, at
# a clause's end ("Komunardů 1102/34,": the building's of three or four digits, so no
# date "15/6"); not a law's number ("zákon 108/2013"), nor a word of under three letters
# ("II K 412/26": a court file)
_BARE_STREET = (
    rf"(?!(?i:zákon|zákona|zákonu|law|act|article|art|čl|vyhláška|nařízení|no|nr|page|"
    rf"room|flat|apt|unit|floor|team|group|section|chapter|part|phase|line|route|gate|bus)\b)"
    rf"(?=[^\W\d_]{{3}}){CAPW}\s+"
    rf"(?:\d{{1,4}}[a-z]?(?=\s*,\s*(?:{UNIT_PART}))"
    rf"|\d{{3,4}}/\d{{1,3}}[a-z]?(?=\s*(?:,|$)))"
)
_NO_STREET_WORD_AT = re.compile(f"{_ADJECTIVE_STREET}|{_BARE_STREET}")
_CORE_WORD = re.compile(
    rf"[A-Z]{{1,2}}-\d{{4,5}}\s+{CAPS}|"
    rf"{_ADJECTIVE_STREET}|{_BARE_STREET}|"
    # a Croatian street names a king, a war or defenders in lower case around its capital
    # ("Ulica kralja Zvonimira 22", "u Ulici Domovinskog rata 41"), or with no capital at
    # all, its house number then closing the phrase ("Ulica hrvatskih branitelja 17")
    rf"(?i:ulic[aeiu])\s+(?:[a-zčćđšž]{{3,12}}\s+)?{CAPW}(?:\s+[a-zčćđšž]{{3,12}})?\s+{HOUSE}\b|"
    rf"(?i:ulic[aeiu])\s+(?:[a-zčćđšž]{{3,12}}\s+)?[a-zčćđšž]{{3,14}}"
    rf"(?:\s+[a-zčćđšž]{{3,12}})?\s+{HOUSE}\b(?=\s*(?:[,.;)]|$)|\s+(?:u|na|kod)\s)|"
    r"[A-Z]{2}-\d{3,4}-\d{3,4}\b|"  # a digital address (Ghana Post GPS): "GA-183-9042"
    # a house number written "No." before a street named without a street word, then a
    # town: "No. 15 Titin Gwarzo, Kano", "No 4 Adeyemi Bero, Ikeja"
    rf"(?i:no|n[º°])\.?\s*\d{{1,5}}[A-Za-z]?,?\s+(?:{CAPW}\s+){{0,2}}{CAPW}(?=\s*,\s*{CAPW})|"
    rf"(?:(?i:{STREET_BEFORE_ANY})\.?|(?:{STREET_BEFORE_CAP})\.?)\s+{_STREET_NAME}"
    # a lane off the street: "Jl. Kenanga Gg. Melati No. 9", "Phố Huế ngõ Lò Đúc 12"
    rf"(?:\s+(?i:gg|gang|lorong|soi|ngõ|hẻm|kiệt|gali|sokak|sok)\.?\s+{CAPS})?"
    rf"\s*,?\s*(?:(?i:n\.?\s?[º°o]\.?|no\.?|nr\.?|#|numru|num[ée]ro|nummer|numer|namba|broj|br\.)\s*)?{HOUSE}\b"
    rf"|{_NUMBERED_STREET}"
    # a road and its kilometre post: "Carretera de Níjar, km 7"
    rf"|(?i:carretera|camino|rodovia|estrada|autov[íi]a|ruta|route|strada|drum)\s+"
    rf"{_STREET_NAME},?\s*{_KM}"
    # Italian "via" in lower case, when a house number ends it: "via Tiburtina 455, Roma"
    rf"|via\s+{_STREET_NAME}\s+\d{{1,4}}[A-Za-z]?(?=\s*(?:[,.;)]|$))"
    rf"|{_UNIT}"
    # a named building ("Bldg Sabbagh"), a corner ("Calle Juárez esquina Morelos"), a road
    # one lives off ("off Ring Road"), a landmark: weak alone, an address with more parts
    rf"|{_NAMED_BUILDING}"
    rf"|{_STREET_ANY}\.?\s+(?:{PART}\s+)?{CAPS}\s+(?i:esquina|esq\.?|y|con|entre|"
    rf"corner\s+of|cnr\.?|x)\s+(?:{_STREET_ANY}\.?\s+)?{CAPS}"
    rf"|(?i:off)\s+(?:the\s+)?{CAPS}\s+{_STREET_WORD}"
    rf"|{_LANDMARK}|{_KM}"
    rf"|{_NUMBERED_AREA}"
    rf"|{_UK_POST}\b"
    rf"|(?i:{LOCALITY})\.?\s+(?:{PART}\s+)?{CAPS}"  # "hameau de Kerlouan"
    rf"|[A-Z]-?\d{{1,4}}[A-Z]?(?=,)"
    # a street named without a number, before a numbered part: "Jl. Mawar Gg. 3 No. 7"
    rf"|(?i:{STREET_BEFORE_ANY})\.?\s+{_STREET_NAME}(?=[\s,]+(?:{_NUMBERED_STREET}|{_UNIT}))"
)
_WEEKDAY = r"(?i:mon|tue|wed|thu|fri|sat|sun)"
_CAP_START = re.compile(rf"(?<![\w'’-])[{UP}]")
_CHOME_HINT = re.compile(r"\d-\d{1,3}-\d")
_SUFFIX_HINT = re.compile("|".join(re.escape(x) for x in SUFFIXES) + "|" + _CHOME_HINT.pattern)
_SUFFIXED = re.compile(
    # a town's adjective before a German street: "Simmeringer Hauptstraße 96", "Frankfurter
    # Allee 5"
    rf"[{UP}][^\W\d_]{{1,30}}er\s+[{UP}][^\W\d_]{{0,30}}(?i:straße|strasse|gasse|allee|platz|weg)"
    rf"\s*,?\s*{HOUSE}\b|"
    rf"[{UP}](?:[^\W\d_]|-){{0,40}}(?i:straße|strasse|str\.|gasse|weg|allee|platz|straat|laan|plein|"
    rf"gracht|kade|dijk|pad|baan|dreef|singel|steeg|gatan|gata|gaten|gade|vej|veien|vägen|utca|vegen|"
    rf"vegur|vegi|veg|tie|katu|kuja|polku|gränd|stræde|götu|stígur|stíg)"
    rf"\s*,?\s*{HOUSE}\b(?:\s[A-H]\s?\d{{1,3}}\b)?"  # Finnish stair and flat: "44 B 17"
    # the name before a street word written apart, in the Baltic, Hungarian, South Slavic
    # way: "Graudu ielā 27-4", "Taikos pr. 88-14", "Tetemvár utca 19", "Slovenska cesta 5",
    # also in the locative ("na Gosposvetski cesti 48", "na Prešernovi ulici 12")
    rf"|(?:[{UP}][^\W\d_]{{0,3}}\.\s?)?{CAPW}\s+(?i:iela|ielā|gatvė|gatve|g\.|prospektas|prospekts|pr\.|al\.|utca|út|"
    rf"útja|tér|köz|cesta|cesti|ulici|trg|trgu|"
    # and the Turkic way: Azerbaijani "Təbriz küçəsi 34", Turkmen, Uzbek, Kazakh, Kyrgyz
    rf"küçəsi|prospekti|köçesi|şaýoly|ko[ʻ'‘’]chasi|көшесі|даңғылы|көчөсү|кўчаси)\s*,?\s*{HOUSE}\b"
    # Estonian: "Mustamäe tee 71", "Pärnu maantee 12" (not "The tee 3": an English word)
    rf"|(?!(?i:the|a|an|this|that|each|per|one|no|my|his|her)\s){CAPW}\s+"
    rf"(?i:tee|tänav|tn\.?|puiestee|pst\.?|maantee|mnt\.?)\s*,?\s*{HOUSE}\b"
    rf"|(?:{CAPS}\s+Mah(?:allesi)?\.?\s*,?\s*)?"
    rf"(?:{CAPS}|\d{{1,6}})\s+(?:Cad(?:desi)?|Sok(?:ak|ağı)?|Mah(?:allesi)?|Bulvarı)\.?\s*,?\s*"
    rf"(?:No\s*[:.]?\s*)?{HOUSE}\b"
    # Hungarian "u." (utca) before the number only where a clause ends: German "u." is
    # "und" ("Frauen u. 3 Kinder")
    rf"|{CAPW}\s+u\.\s?{HOUSE}\b(?=\s*(?:[,.;)]|$))"
    # romanised Japanese and Korean: "Kabukicho 2-chome 14-banchi 7", "Teheran-ro 152"
    rf"|(?:{CAPW}\s+)?{_EAST_ASIAN_NUMBER}(?:\s+{_EAST_ASIAN_NUMBER})*(?:\s+{HOUSE}\b)?"
    rf"(?:\s+{CAPW}(?=\s*,))?"
    rf"|{_EAST_ASIAN}\s+{HOUSE}\b(?:\s+{_EAST_ASIAN_NUMBER})*"
    rf"|(?!{_WEEKDAY}){CAPW}\s+\d{{1,2}}-\d{{1,3}}-\d{{1,3}}\b(?=\s*,\s*{CAPW})"  # "Shibuya 1-2-3"
    # street words written apart: "Mariahilfer Straße 45/3"
    rf"|{CAPW}\s+(?i:straße|strasse|str\.|gasse|weg|allee|platz|straat|laan|gracht|kade|vej|"
    rf"gatan|gata|utca|ulice|etorbidea|kalea|hiribidea)\s*,?\s*{HOUSE}\b"
    # Norwegian and Danish, lowercase after the name: "Kongens gate 14", "Thorvald Meyers
    # gate 7"; not an airport's "Departure gate 14"
    rf"|(?!(?i:departure|boarding|arrival|arrivals|airport|terminal|the|main|at|north|south|east|"
    rf"west|front|back|rear|side|garden|school|park|security|staff|exit|entrance|service)\s){CAPW}"
    rf"\s+(?-i:gate|gaten|vei|veien|vegen|gade|allé)\s+{HOUSE}\b"
    # an area named before its word: "Ben Nghe Ward", weak alone
    rf"|{CAPW}(?:\s+{CAPW}){{0,2}}\s+(?i:{AREA_AFTER})\b"
)
# directions from a landmark, as Central America writes addresses: "de la iglesia católica
# 2 cuadras al sur", "del parque 1 c. al lago, 25 varas arriba"
_WAY = r"(?i:\d{1,3}|media|una)\s+(?i:cuadras?|c\.|varas|metros|mts?\.?|km)\s+(?i:al?\s+)?"
_WAY_TO = r"(?i:sur|norte|este|oeste|lago|arriba|abajo|oriente|poniente|montaña|montana)\b"
_DIRECTIONS = (
    rf"(?i:de|del|desde)\s+(?:[^\W\d_]+\s+){{1,5}}?{_WAY}{_WAY_TO}"
    rf"(?:\s*,?\s*(?:y\s+)?{_WAY}{_WAY_TO})*"
)
_DIRECTIONS_AT = re.compile(_DIRECTIONS)
_TAIL = re.compile(
    rf"(?:\.(?=,))?\s*[,\s]\s*(?:-\s*|of\s+)?(?:"
    rf"{_UNIT}|{_FLOOR}|{_ZONE}|{_LANDMARK}"
    rf"|(?i:m|lok)\.\s*\d{{1,4}}\b"  # Polish flats: "84/92 m. 15"
    rf"|{_EAST_ASIAN}(?:\s+{_EAST_ASIAN_NUMBER})*|{_EAST_ASIAN_NUMBER}(?:\s+\d{{1,4}}\b)?"
    # a road one lives off, a corner: "off Allen road", "esquina Adolfo Prieto"
    rf"|(?i:off|by)\s+(?:the\s+)?{CAPS}\s+{_STREET_WORD}"
    rf"|(?i:esquina|esq\.?|corner\s+of|cnr\.?|entre|between|con|x)\s+"
    rf"(?:{_STREET_ANY}(?i:e?s)?\.?\s+)?(?:{CAPS}|\d{{1,4}}\b)"  # "rue 11 x 20" (Dakar)
    rf"(?:\s+(?i:y|and|e)\s+(?:{_STREET_ANY}\.?\s+)?{CAPS})?"
    rf"|{_DIRECTIONS}"
    rf"|(?:Sur|Norte|Este|Oeste|Bis)\b(?!\s+[a-z])"  # "Carrera 20 # 3-5 Sur"
    rf"|{CAPS}/{CAPS}"  # a district and its city: "Kadıköy/İstanbul"
    rf"|{_ORDINAL_STREET}|(?i:rt|rw)\.?\s*\d{{1,3}}(?:\s*/\s*(?i:rw)\.?\s*\d{{1,3}})?\b"
    rf"|{HOUSE},?\s+(?:{CAPW}\s+){{1,3}}{_STREET_WORD}\.?"
    rf"|{_NUMBERED_STREET}"
    rf"|(?:(?i:{STREET_BEFORE_ANY})|{STREET_BEFORE_CAP})\.?\s+{_STREET_NAME}"
    rf"(?:\s*,?\s*(?!\d{{4,6}}\s+[{UP}]){HOUSE}\b)?"  # not a postcode before its town
    rf"|{_NAMED_BUILDING}|{CAPS}\s+{_STREET_WORD}\.?\s+\d{{1,4}}\b"  # "Jurong West St 41"
    rf"|{CAPS}\s*,\s*[A-Z]{{2}}\s+\d{{5}}(?:-\d{{4}})?\b"
    rf"|(?:{CAPS}\s+)?(?:[A-Z]{{2}}\s+)?(?:(?i:c\.\s?p\.|cp|cep|pin|zip|plz)\s*)?{_POSTCODE}"
    rf"(?:\s+{CAPS})?"
    rf"|(?i:{LOCALITY})\.?\s+(?:{CAPS}|\d{{1,3}}\b)(?:\s*-\s*\d{{6}})?"
    rf"|{CAPS}\s+(?i:{BUILDING}|{STREET_AFTER})\b\.?"
    rf"|{CAPS}(?:\s*[-/]\s*[A-Z]{{2}})?(?=\s*,\s*(?:{CAPS}(?:\s*[-/]\s*[A-Z]{{2}})?\s*,\s*)"
    rf"{{0,3}}(?:{CAPS}\s+)?{_POSTCODE})"
    # (a lower-case word after: not a Zulu name's prefix, "…, uSipho")
    rf"|{CAPS}(?:,?\s+[A-Z]{{2}}|\s*[-/]\s*[A-Z]{{2}})?(?=\s*(?:[.;)(]|,\s+[a-z](?![A-Z])|$)"
    rf"|\s+(?:and|with|where|which|who|but|since|until|next|near|behind|opposite|beside)\b)"
    rf"|\d{{6}}\b"
    rf")"
)
_HOUSE_CODE = re.compile(r"[A-Z]{1,2}-?\d{1,5}[A-Z]?")
# patterns that begin with a character class are searched fast by the regex engine; the
# word-boundary test before them is done in Python (a look-behind cost 2–3 times more)
_NUMBER_START = re.compile(r"\d[\w/]*")
# "s/n" (sin número, sem número) says the house has no number: as strong as one
_STRONG = re.compile(rf"\d|{_UK_POST}|(?<![A-Za-z])[Ss]/[Nn](?![A-Za-z])")


def _number_starts(text: str) -> list[int]:
    """Where a word holding a digit begins: "44", "112B", and letters before the digit
    for postcodes ("LU2 7HD", "CH-8004"), found from the digit (one fast scan)."""
    out: list[int] = []
    end = 0
    for m in _NUMBER_START.finditer(text):
        at = m.start()
        if at < end:
            continue
        end = m.end()
        if at > 1 and text[at - 1] == "-" and "a" <= text[at - 2] <= "z":
            # a locative written onto the house number: Zulu "ese-45 Umgeni Road"
            out.append(at)
            continue
        if at and text[at - 1] == "-":
            at -= 1
        back = at
        while back > 0 and at - back < 2 and "A" <= text[back - 1] <= "Z":
            back -= 1
        if back < at and (back == 0 or not (text[back - 1].isalnum() or text[back - 1] in "_/")):
            out.append(back)
        elif text[at] != "-" and (at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "_/")):
            out.append(at)
    return out


def _suffixed_starts(text: str, hints: list[int]) -> list[int]:
    """Where a street named with a suffix or an East Asian address begins: tried at the
    capitalised words up to 60 characters before a hint ("straße", "-chome", " ward"),
    not from every position (that cost ~120 µs a text)."""
    out: list[int] = []
    for h in hints:
        for m in _CAP_START.finditer(text, max(0, h - 60), h + 1):
            if (not out or m.start() > out[-1]) and _SUFFIXED.match(text, m.start()):
                out.append(m.start())
    return out


def address_spans(
    text: str, t: Text | None = None, starters: frozenset[str] = STARTERS
) -> list[tuple[int, int]]:
    """Street addresses: a core (house number and street, flat, PO box, postcode, locality)
    and the parts that follow it (flat, floor, locality, city with postcode, a last city)."""
    if text.islower() and (shadow := _capitalised(text)) != text:
        # text written without capitals ("purok 3, brgy san isidro, cordova, cebu"): read
        # with the words no word list knows capitalised, as the patterns expect places
        spans = _address_spans(shadow, Text(shadow), starters) + _lower_streets(text)
        return _paragraphed(text, spans)
    spans = _address_spans(text, t or Text(text), starters)
    if DIGIT.search(text) and without_capitals(text):
        spans += _lower_streets(text)
    return _paragraphed(text, spans)


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _paragraphed(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans cut at a blank line: no address runs on into the next paragraph ("PO Box
    1234, Glasgow" and then "Dear Sir/Madam," after a blank line)."""
    if "\n" not in text:
        return spans
    out = []
    for start, end in spans:
        cut = _BLANK_LINE.search(text, start, end)
        out.append((start, cut.start() if cut else end))
    return out


# a house number and a street with its English word, in chat written without capitals:
# "outside 12 brook lane", "19 crawley green road i think" (the street's name may be a
# word: the patterns above read only names a list does not know)
_LOWER_STREET = re.compile(
    r"(?<![\w/-])\d{1,4}[a-z]?\s+(?:[a-z][a-z'’-]+\s+){1,2}"
    r"(?:road|rd|street|lane|avenue|ave|crescent|terrace|gardens|grove)(?![\w-])"
)


def _lower_streets(text: str) -> list[tuple[int, int]]:
    """Not after a number of things: "3 more street blocks", "2 of the road signs"."""
    return [
        (m.start(), m.end())
        for m in _LOWER_STREET.finditer(text)
        if m.group(0).split()[1] not in _COUNTED and fold(m.group(0).split()[1]) not in FUNCTION
    ]


_COUNTED = words("more other others few many same next last different times hours minutes days")


def _address_spans(text: str, t: Text, starters: frozenset[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    starts = _number_starts(text) + t.starts(starters)
    low = t.low
    if (any(x in low for x in SUFFIXES) or _CHOME_HINT.search(low)) and (
        hints := [h.start() for h in _SUFFIX_HINT.finditer(low)]
    ):  # substring tests first: the alternation scanned every text for ~18 µs
        starts += _suffixed_starts(text, hints)
    starts += [m.start() for m in _NO_STREET_WORD_AT.finditer(text)]  # no starter word
    if "cuadra" in t.low or "varas" in t.low:
        starts += [m.start() for m in _DIRECTIONS_AT.finditer(text)]
    starts.sort()
    for at in starts:
        if at < pos:
            continue
        core = _CORE_NUMBER if text[at].isdigit() else _CORE_WORD
        m = core.match(text, at) or _SUFFIXED.match(text, at) or _DIRECTIONS_AT.match(text, at)
        if (
            m is None
            or _numbered_thing(text, at, m.group(0))
            or _ordinary_bare(m)
            or _INSTITUTION_AFTER.match(text, m.end())
            or _NOT_A_HOME_AFTER.match(text, m.end())
            or _row_label(text, m)
        ):
            continue
        start, end, parts = m.start(), m.end(), 1
        while tail := _TAIL.match(text, end):
            if tail.end() == end:
                break
            end, parts = tail.end(), parts + 1
        # a bare locality, a house code like "C-42" (or the road "I-40"), a section, a
        # landmark is an address only with more parts, and without a number with two
        # more; a corner or a named building with one more; anything with a number alone
        core_text = m.group(0)
        weak = (
            not _STRONG.search(core_text)
            or _HOUSE_CODE.fullmatch(core_text)
            or _SECTION.match(core_text)
            or _WEAK_ALONE.fullmatch(core_text)
        )
        if parts == 1 and _PART_OF.match(text, end):
            pos = max(end, m.end())
            continue  # "Block 4 of the prison", "Unit 5 of the factory": no home
        spot = parts >= 2 and _SPOT.match(core_text)
        # a road's code ("A9, Raststätte Fürholzen West") is no number of the address
        digit_from = m.end() if _HOUSE_CODE.fullmatch(core_text) else start
        if not weak or spot or parts >= 3 or (parts == 2 and DIGIT.search(text, digit_from, end)):
            end = _places_after(text, end)
            end = start + len(text[start:end].rstrip(" ,.;"))
            if lead := _HOUSING_BEFORE.search(text, max(0, start - 40), start):
                start = lead.start()  # "dorm block B"
            elif lead := _NUMBERED_STREET_BEFORE.search(text, max(0, start - 48), start):
                start = lead.start()  # "12 Nguyễn Trãi, Phường 3"
            if spans and not text[spans[-1][1] : start].strip(" ,"):
                start = spans.pop()[0]
            spans.append((start, end))
        pos = max(end, m.end())
    return _with_more(text, spans)


def _with_more(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts before each address, continental addresses, addresses in other scripts."""
    if DIGIT.search(text):
        spans = with_parts_before(text, sorted(spans + continental(text)))
    spans += described(text)
    return spans + [(s, _places_after(text, e, _PLACE_AFTER_ANY)) for s, e in other_scripts(text)]


_LOWER_WORD = re.compile(r"[^\W\d_]{2,}")


def _capitalised(text: str) -> str:
    """``text`` with each word of three letters or more that no word list knows written
    with a capital (lengths unchanged, so spans stay where they were)."""
    lex = lexicon()
    out = list(text)
    named = False  # the word after a locality or street word names it: "brgy san isidro"
    for m in _LOWER_WORD.finditer(text):
        w = m.group(0)
        norm = fold(w)
        after, named = named, w in STARTERS
        if named or (not after and (norm in lex.common or english(norm, lex))):
            continue
        first = w[0].upper()
        if len(first) == 1 and w[0] < "\u0250" and (after or len(w) >= 3):  # Latin only
            out[m.start()] = first
    return "".join(out)


# a number running on with a colon and digits is a docket or a time ("No. 4:22-cr-00318"),
# with a comma and three digits an amount ("RM 1,800": ringgit, no room)
_NOT_A_HOME_AFTER = re.compile(r":\d|,\d{3}(?!\d)")
# a room, bed or unit alone opening a register's line: "Room 1: A. Mensah (F, 19)"
_ROW = re.compile(r"(?i:room|rm|bed|unit|block|dorm|cell)\.?\s*\d{1,3}")


def _row_label(text: str, m: re.Match[str]) -> bool:
    at = m.start()
    return (
        text.startswith(":", m.end())
        and (at == 0 or text[at - 1] == "\n")
        and _ROW.fullmatch(m.group(0)) is not None
    )


def _ordinary_bare(m: re.Match[str]) -> bool:
    """A number with a slash before ordinary words: a ratio or a schedule, no address."""
    if m.re is not _CORE_NUMBER or not m.group("bare"):
        return False
    lex = lexicon()
    words = m.group("bare").split()[1:]
    return all(english(fold(w), lex) or fold(w) in lex.common for w in words)


_SECTION = re.compile(r"(?i:sec|section)\b")
_WEAK_ALONE = re.compile(rf"{_KM}|{_NUMBERED_AREA}")
# the places an address ends with, after commas: "…, Cocody, Abidjan", "…, Ghala, Muscat"
# ("…, 60329 Frankfurt, Freier empfangen": a German noun opening the clause after is none)
_PLACE_AFTER = re.compile(rf"\s*,\s*(?:{CAPS}|[A-Z]{{2,6}})(?![\w'’-]|(?<!\d)[ \t]+[a-zß-ÿ])")
# the same in the scripts ``addresses_scripts`` reads: "ул. Мира, д. 15, кв. 8, Казань"
_PLACE_AFTER_ANY = re.compile(
    rf"\s*,\s*[{UPPER}][\w'’-]{{0,40}}(?:\s+[{UPPER}][\w'’-]{{0,40}}){{0,2}}(?![\w'’-])"
)
_MOST_PLACES = 4
# a part naming an institution is no place of the address: "…, Accra, Police said"
_NO_PLACE = words(
    """
    police immigration ministry court department agency office embassy consulate
    university hospital church school clinic shelter officers authorities army navy
    """
)


def _places_after(text: str, end: int, places: re.Pattern[str] = _PLACE_AFTER) -> int:
    """The end of an address with up to four capitalised places after it, comma by comma
    (neighbourhood, city, region, country), and any part that follows those."""
    for _ in range(_MOST_PLACES):
        m = places.match(text, end)
        if m is None or any(w.lower() in _NO_PLACE for w in m.group(0).split()):
            break
        end = m.end()
        while (tail := _TAIL.match(text, end)) and tail.end() > end:
            end = tail.end()
    return end


# an institution named for its street: "the 2nd Street Police Station", "Road 9 Market"
_INSTITUTION_AFTER = re.compile(
    r"\s+(?:police|station|school|market|church|mosque|hospital|clinic|mall|branch|office|"
    r"court|precinct|checkpoint|canteen)\b(?!['’-]|\s+(?:street|st|road|rd|avenue|ave|lane|"
    r"close|way|drive|place|square|hill)\b)",
    re.IGNORECASE,
)
_PART_OF = re.compile(r"\s+of\s+(?:the|a|an|this|that|our|their|his|her)\s")
# a corner or a named building: one spot, an address with one more part
_SPOT = re.compile(
    rf"{_STREET_ANY}\.?\s+(?:{PART}\s+)?{CAPS}\s+(?i:esquina|esq\.?|y|con|entre|corner\s+of|"
    rf"cnr\.?|x)\s|(?i:bldg|building|immeuble|edificio|edif|torre|tower|r[ée]sidence|"
    rf"residencia)\.?\s+[{UP}]"
)
# a house number and a street named without a street word, before the rest of an address
_NUMBERED_STREET_BEFORE = re.compile(rf"(?<![\w,.])\d{{1,5}}[A-Za-z]?(?:/\d{{1,4}})?\s+{CAPS},\s*$")
_HOUSING_BEFORE = re.compile(
    r"(?i:\b(?:dorm|dormitory|hostel|barracks|staff\s+quarters|labou?r|refugee|idp|informal|"
    r"workers'?))\s+$|\b\d{1,2}F,\s*$"
    # a named camp before its block: "Al Reem Labour Camp, Block 11, Room 6"
    rf"|(?:{CAPW}\s+){{1,3}}(?i:labou?r\s+)?(?i:camp|accommodation)\s*,\s*$"
    rf"|(?<!\w)(?:{_FLOOR}),\s*$"
)  # "dorm block B", "2F, No. 5, Alley 3", "2nd floor, 45 MG Road"
_NUMBER_ABBR = re.compile(r"(?i:no|n[º°]|nr|num|#)\b")


def _numbered_thing(text: str, at: int, core: str) -> bool:
    if not _NUMBER_ABBR.match(core):
        return False
    before = text[max(0, at - 24) : at].split()
    return bool(before) and before[-1].lower().strip(".:") in NUMBERED
