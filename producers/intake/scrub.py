"""Scrubbing free text: identifiers become typed placeholders before anything is stored.

Every rule reads the original text and reports spans; earlier rules take precedence and a
later span that overlaps one widens it: emails, handles (@name, user_names, a username
after a platform's name, a display name after a platform's profile or page, Skype
"live:" ids, dotted usernames such as "tiffy.bby2007"), URLs, dates of birth, street
addresses, document and phone numbers (with an extension), and last personal names
(``names.find``). The rules lean towards over-scrubbing:
a lost figure in a summary costs little, a leaked identifier of a survivor a great deal.
Scores on labelled text: ``tahub privacy evaluate`` (producers/intake/data/BLIND.md).

Dates of birth are dates after a cue ("born", "DOB", "née le", "nacida el", "nascida
em"…), numeric or written with month names in English, Spanish, French, Portuguese,
Italian, German and Romanian (cues in Vietnamese, Turkish, Polish, Tagalog, Swahili,
Russian, Ukrainian and Arabic too): patterns rather than dateparser, because the cue is what
makes a date a birth date, and dateparser's search costs milliseconds a text and finds
event dates too. Addresses are a core (house number and street in English, Romance,
Slavic, Malay and Thai styles, a flat, unit, villa, dorm, tent or stand, a PO box, a UK
postcode, a locality word, a named building, a street corner, a road one lives off, a
landmark) and the parts that follow it (floor, numbered zone, street, sector or camp,
locality, city with postcode, a last city): so Gulf "Villa 14, Street 823, Zone 66",
Indian "H.No. 3-4-512/B", Pakistani "F-8/3", Indonesian "RT 03/RW 05", Filipino purok and
barangay, Latin American colonia and esquina. Japanese (chome, banchi, 〒), Chinese and
Korean (-ro, -gil) addresses have patterns of their own. Phone
numbers are digit runs judged by length and form, which found every phone of the first
blind batch in a few µs; phonenumbers' PhoneNumberMatcher costs 120–200 µs per region
per summary, so scanning many regions would cost more than intake's whole budget a row.
Cue words are looked up in a set and patterns tried only where one begins: alternations
of many words searched from every position cost tens of µs a text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from producers.intake import names as _names

EMAIL, PHONE, ID, URL, NAME = "[EMAIL]", "[PHONE]", "[ID]", "[URL]", "[NAME]"
ADDRESS, DOB, HANDLE = "[ADDRESS]", "[DOB]", "[HANDLE]"

_TLDS = (
    "com|org|net|info|biz|io|co|gov|edu|int|mil|app|dev|site|online|xyz|top|club|shop|"
    "live|news|link|me|tv|ly|to|cc|ws|[a-z]{2}"
)
_URL = re.compile(
    r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"']+"
    rf"|\b(?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\.)+(?:{_TLDS})\b(?:/[^\s<>\"']*)?",
    re.IGNORECASE,
)
_DOT = r"\s*(?:\[dot\]|\(dot\)|\{dot\}|\sdot\s)\s*"
_AT = r"\s*(?:\[at\]|\(at\)|\{at\}|\sat\s)\s*"
_EMAIL = re.compile(r"\b[\w.+%-]+@[\w-]+(?:\.[\w-]+)+\b")
# written out to dodge filters: "jane dot doe at mail dot com", "jane[at]mail[dot]com"
_EMAIL_SPELT = re.compile(
    rf"\b[\w+-]+(?:{_DOT}[\w+-]+)*{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}(?:{_TLDS})\b",
    re.IGNORECASE,
)
_TLD_END = re.compile(rf"\.(?:{_TLDS})$", re.IGNORECASE)
_SPELT_DOT = re.compile(r"\bdot\b|\[dot\]|\(dot\)|\{dot\}", re.IGNORECASE)
_DOTTED = re.compile(r"\.\w|://")
_DIGIT = re.compile(r"\d")

# --- handles: @name, user_names with underscores, a username after a platform's name ---
_AT_HANDLE = re.compile(r"(?<![\w.@])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,48}[A-Za-z0-9_])?")
_UNDERSCORED = re.compile(r"(?<![\w@])[A-Za-z0-9]+(?:[_][A-Za-z0-9]+)+(?!\w)")
_PLATFORMS = (
    r"telegram|tg|snapchat|snap|instagram|insta|ig|tiktok|facebook|fb|line|wechat|weixin|"
    r"viber|skype|twitter|kik|imo|zalo|vk|onlyfans|discord|signal|kakao|kakaotalk|"
    r"messenger|threema|whatsapp"
)
_PLATFORM = re.compile(
    rf"(?P<cue>\b(?:{_PLATFORMS}|username|user\s*name|user|handle|profile)\b"
    r"(?:\s+(?:id|as|is|name|named|called|handle|user|account|page|profile|channel|group|"
    r"chat|number|no\.?))*\s*[:\-]?\s*)"
    r"(?P<handle>(?=[\w.]*[a-z])[A-Za-z0-9][\w.]{2,40}[A-Za-z0-9])(?![\w@])",
    re.IGNORECASE,
)
# a display name after a platform's page or profile: "Facebook profile Cosmin Dobre Official"
_PROFILE = re.compile(
    rf"\b(?i:{_PLATFORMS}|vk|linkedin|youtube)\s+(?i:profile|page|account|channel|group)"
    r"\s*(?:(?i:called|named|as)\s+|:\s*)?[\"'“‘]?"
    r"(?P<handle>[A-Z][\w.'’-]{1,30}(?:\s+[A-Z0-9][\w.'’-]{0,30}){0,3})"
)
# Skype ids ("live:.cid.7f3a91b2c4e5", "live:lucy_22") and handle-shaped words anywhere:
# letters and digits joined by dots or underscores ("tiffy.bby2007", "lucky.lady.22")
_SKYPE = re.compile(r"(?<![\w.])live:[\w.-]{3,60}")
_DOTTED_HANDLE = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)+")

# --- dates of birth ---------------------------------------------------------------------
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|"
    "december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec|enero|febrero|marzo|"
    "abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|"
    "ene|abr|ago|dic|janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|"
    "septembre|octobre|novembre|décembre|decembre|janv|févr|fevr|avr|juil|déc|janeiro|"
    "fevereiro|março|marco|maio|junho|julho|setembro|outubro|dezembro|fev|set|out|dez|"
    "gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|januar|"
    "februar|märz|maerz|juni|juli|oktober|dezember|ianuarie|februarie|martie|aprilie|"
    "iunie|iulie|septembrie|octombrie|noiembrie|decembrie"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|er|º|°)?"
_YEAR = r"(?:19|20)\d\d"
_MONTH = rf"(?:{_MONTHS})\.?"
_DATE = (
    rf"(?:\d{{1,2}}[./-]\d{{1,2}}[./-](?:\d{{4}}|\d{{2}})|\d{{4}}[./-]\d{{1,2}}[./-]\d{{1,2}}"
    rf"|{_DAY}\s+(?:de\s+|of\s+)?{_MONTH},?\s+(?:de\s+)?{_YEAR}"
    rf"|{_MONTH}\s+{_DAY},?\s+{_YEAR}|{_DAY}\s+(?:de\s+|of\s+)?{_MONTH}"
    rf"|{_MONTH}\s+(?:de\s+)?{_YEAR}|{_YEAR})(?!\d)"
)
_DOB_CUE = (
    r"\b(?:born(?:\s+on|\s+in)?|b\.|d\.?o\.?b\.?s?|date\s+of\s+birth|birth\s*date|"
    r"birthday|n[ée]e?(?:\s+le)?|nacid[oa](?:\s+el|\s+en)?|fecha\s+de\s+nacimiento|"
    r"f\.\s*nac\.?|nascid[oa](?:\s+em|\s+a)?|data\s+de\s+nascimento|"
    r"date\s+de\s+naissance|geboren(?:\s+am)?|geb\.|nato|nata|n[ăa]scut[ăa]?|"
    r"urodzon[ay]|lahir|tgl\.?\s+lahir|sinh\s+ngày|ngày\s+sinh|sinh\s+năm|doğum\s+tarihi|"
    r"doğumlu|data\s+urodzenia|ur\.|ipinanganak(?:\s+noong)?|kapanganakan|alizaliwa|"
    r"дата\s+рождения|родил(?:ась|ся)|дата\s+народження|народил(?:ася|ся)|"
    r"народився|تاريخ\s+الميلاد|مواليد)"
)
_DOB = re.compile(
    rf"(?P<cue>{_DOB_CUE}\s*[:(]?\s*(?:on\s+|the\s+|le\s+|el\s+|em\s+|in\s+|am\s+)?)"
    rf"(?P<date>{_DATE}(?:\s*(?:/|,|or|and|ou|o|y|et|e)\s*{_DATE})*)",
    re.IGNORECASE,
)

# --- street addresses -------------------------------------------------------------------
_UP = "".join(chr(c) for c in range(0x41, 0x250) if chr(c).isupper())
_PART = r"(?:de|da|das|do|dos|del|des|du|la|le|los|las|di|van|von|der|al|el|of|the|cel|lui|wa)"
# bounded, so no pattern can rescan a long junk token from every position it starts at
_CAPW = rf"(?!(?:No|Nr|N[º°])\b)[{_UP}][\w'’-]{{0,40}}"  # "Jl. Melati No. 12": "No" is none
_CAPS = rf"{_CAPW}(?:\s+(?:{_PART}\s+)?{_CAPW}){{0,3}}"
# house numbers: "12", "12B", "88/14", "56-B", "3-4-512/B"
_HOUSE = (
    r"(?:\d{1,5}[A-Za-z]?(?:[/-](?:\d{1,5}[A-Za-z]?|[A-Za-z](?![A-Za-z]))){0,3}"
    r"|[Ss]/[Nn](?![A-Za-z]))"  # "s/n": sin número, sem número
)


def _grouped(alternatives: str) -> str:
    """The same alternation of words, grouped by first letter: the regex engine then tries
    one group where an address may start instead of each of 60 words in turn."""
    groups: dict[str, list[str]] = {}
    for alt in alternatives.split("|"):
        key = alt if alt[0] in "[(\\" else alt[0]
        groups.setdefault(key, []).append(alt)
    parts = []
    for key, alts in groups.items():
        if len(alts) == 1:
            parts.append(alts[0])
        else:
            parts.append(key + "(?:" + "|".join(a[1:] for a in alts) + ")")
    return "|".join(parts)


_STREET_AFTER = _grouped(
    r"street|st|road|rd|avenue|ave|av|lane|ln|drive|dr|close|court|ct|crescent|cres|"
    r"grove|place|pl|terrace|way|boulevard|blvd|highway|hwy|square|sq|gardens|gdns|row|"
    r"walk|mews|hill|parade|circle|cir|trail|rise|green|parkway|pkwy|loop|ridge|pike|"
    r"turnpike|trace|manor|meadows?|orchard|shore|spur|summit|cove|creek|crest|crossing|"
    r"dale|glen|hollow|bend|bluff|broadway|esplanade|promenade|quay|wharf|causeway|bypass|"
    r"expressway|freeway|circuit|extension|ext|marg|path|ganj|bagh|vihar|chowk|nagar|zila|"
    r"corner"
)  # with Faker's English-speaking locales' street suffixes and India's
_STREET_BEFORE_ANY = _grouped(
    r"calle|c/|carrera|cra|avenida|avda|rua|travessa|rodovia|alameda|pra[çc]a|largo|"
    r"vul|vulytsia|prospekt|prosp|pereulok|bulvar|"
    r"rue|avenue|boulevard|bd|chemin|all[ée]e|impasse|quai|viale|piazza|corso|ulica|"
    r"ul|aleja|jalan|jl|jln|lorong|thanon|soi|calea|strada|bulevardul|sokak|sok|"
    r"str|đường|duong|phố|pho|mtaa|circuito|calzada|privada|cerrada|andador|retorno|"
    r"perif[ée]rico|prolongaci[óo]n|callej[óo]n|diagonal|dg|transversal|pasaje|psje|"
    r"camino|carretera|ronda|paseo|rambla|traves[íi]a|beco|ladeira|viela|drumul|aleea|"
    r"intrarea|[șs]oseaua|splaiul|pia[țt]a|stradela|gg|vicolo|contrada|piazzale|"
    r"lungomare|stretto|ngõ|hẻm|khóm|passarela|jardim|vila|favela|morro|recanto|trecho|"
    r"vereda|loteamento|n[úu]cleo|ch[áa]cara|s[íi]tio|borgo|rotonda|incrocio|canale|"
    r"al(?=\.)|pl(?=\.)|os(?=\.)|osiedle|plac"
)  # with Faker's street prefixes for Latin America, Iberia, Romania, Italy, Indonesia, Vietnam
_STREET_BEFORE_CAP = r"Via|Al|R|Av|Place|Street|Road|Block|Sector|Estrada|Str"
_UNIT_WORDS = _grouped(
    r"flat|apt|apartment|room|rm|unit|suite|ste|floor|building|bldg|block|blk|house|plot|"
    r"villa|dorm|dormitory|hostel|tent|container|barracks?|cabin|hut|shop|stall|kiosk|camp|"
    r"interno|int|scala|sc|bl|nyumba|maison|chambre|habitaci[oó]n|hab|quarto|bloque|daire|"
    r"edificio|edif|torre|tower|stand|erf|interior|puerta|pta|appartamento|mz|manzana|"
    r"gali|lane|alley|sec|section|purok|h\.\s?no|ap|kv|"
    r"no|nº|n°|depto|dpto|departamento|piso|andar|apto|apartamento|bloco|casa|lote|"
    r"quadra|qd|[ée]tage|b[âa]t|b[âa]timent|appartement|appt|kamar|lot|moo|"
    r"p\.?\s?o\.?\s+box|post\s+box|apartado(?:\s+postal)?|caixa\s+postal|postfach|"
    r"private\s+bag|bp"
)
_UNIT = (
    rf"(?:(?:{_HOUSE})\s+(?=(?i:moo|m\.)\s*\d))?"
    rf"(?i:{_UNIT_WORDS})\.?\s*(?:(?i:no|nr|num|na|n\.?\s?[º°o])\.?\s*)?#?\s*"
    rf"(?:{_HOUSE}|[A-Z]\d{{0,3}}(?:-\d{{1,4}})?)\b"
)
_FLOOR = (
    r"(?:\d{1,2}(?:st|nd|rd|th|er|e|ème|º|°|\.º|\.)?|(?i:ground|first|second|third|fourth|"
    r"fifth|top|upper|lower))\s*(?i:floor|fl|piso|andar|[ée]tage|stock|og|kat)\b"
    r"(?:\s+(?i:links|rechts|mitte|left|right|rear|front|izq|izquierda|dcha|derecha)\b)?"
    r"|\d{1,2}\.?[º°ª]\s*(?:[A-Z]\b|(?i:esq|dto|dta|izq|dcha|andar|piso)\.?)?"
)
_UK_POST = r"[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}"


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_POSTCODE = (
    rf"(?:{_UK_POST}|\d{{5}}-\d{{3}}|\d{{4}}-\d{{3}}|\d{{5}}-\d{{4}}|\d{{2}}-\d{{3}}|\d{{4}}\s?[A-Z]{{2}}"
    rf"|[A-Z]\d[A-Z]\s?\d[A-Z]\d|\d{{4,6}})(?!\w)"  # … Canada "H2X 1Y4", India, Kenya
)
_LOCALITY = _grouped(
    r"col|colonia|bairro|barrio|fracc|fraccionamiento|vill|village|p\.?o|dist|district|"
    r"tambon|amphoe|khet|khwaeng|kelurahan|kecamatan|desa|kampung|taman|ward|phường|"
    r"phuong|quận|quan|sector|zona|zone|mukim|soi|moo|thanon|barangay|brgy|purok|sitio|"
    r"kel|kec|kab|kabupaten|dusun|dsn|setor|conjunto|urbanizaci[óo]n|urb|residencial|condominio"
)
_BUILDING = _grouped(
    r"court|house|building|tower|towers|mansions|estate|residence|residences|apartments|"
    r"heights|plaza|complex|compound|lodge|hall|villas?|condominium|condo|block|nagar|"
    r"colony|layout|enclave|phase|mohalla|municipality|tole|chowk|bazaar|bazar|township|"
    r"mall|centre|center|arcade|market|homes|subdivision|subd"
)
# a numbered zone or camp part, in the words after an address: "Zone 66", "informal
# settlement 023", "Industrial Area Zone 57", "Al Barsha 2", "F-8/3" (Islamabad sectors)
_ZONE = (
    rf"(?:{_CAPS}\s+)?(?:(?i:informal|refugee|idp|labou?r)\s+)?"
    r"(?i:zone|sector|block|phase|area|ward|camp|settlement|street|st|road|rd|lane|soi|moo|"
    r"alley|gali|lorong|jalan|jl|tole)\.?\s+\d{1,4}[A-Za-z]?\b"
    rf"|[A-Z]{{1,2}}-\d{{1,2}}(?:/\d{{1,2}})?\b"
    rf"|{_CAPS}\s+\d{{1,2}}(?=\s*(?:[,.;]|$))"
)
# what a house is near: "near the Shell station", "behind Total filling station"
_LANDMARKS = (
    r"station|mosque|mosquée|mezquita|mesquita|church|église|iglesia|igreja|school|école|"
    r"escuela|escola|market|marché|mercado|pharmacy|pharmacie|farmacia|farmácia|hospital|"
    r"hôpital|clinic|temple|pagoda|stadium|stade|estadio|bakery|boulangerie|panadería|"
    r"padaria|junction|roundabout|bus\s+stop|supermarket|bank|hotel|bridge|tower|mall"
)
_NEAR = (
    r"near|behind|opposite|beside|next\s+to|facing|across\s+from|derri[èe]re|pr[èe]s\s+de|"
    r"[àa]\s+c[ôo]t[ée]\s+de|en\s+face\s+de|detr[áa]s\s+de|frente\s+a|cerca\s+de|"
    r"atr[áa]s\s+de|perto\s+de|junto\s+a"
)
_LANDMARK = (
    rf"(?i:{_NEAR})\s+(?:(?i:the|la|le|el|da|do|a|o)\s+|(?i:l)['’])?(?:{_CAPS}\s+)?(?i:filling\s+|petrol\s+|gas\s+)?"
    rf"(?i:{_LANDMARKS})\b(?:\s+{_CAPS})?"
)
# "3rd Cross Road", "1st Avenue"
_ORDINAL_STREET = (
    rf"\d{{1,3}}(?:st|nd|rd|th)\s+(?:{_CAPW}\s+){{0,2}}(?i:{_STREET_AFTER}|cross|main)\b"
)
# cores that start with a house number, and cores that start with a word
_CORE_NUMBER = re.compile(
    rf"\d{{1,2}}(?:a|o|ª|º)\.?\s+(?i:{_STREET_BEFORE_ANY})\.?\s+(?:{_CAPS}\s+)?{_HOUSE}\b|"
    rf"{_HOUSE},?\s+(?:{_CAPW}\s+){{1,3}}(?i:{_STREET_AFTER})\b\.?"
    rf"|(?:{_HOUSE},?\s+)?{_ORDINAL_STREET}"
    rf"|{_HOUSE}\s+{_CAPS},\s+(?:{_CAPW}\s+){{1,3}}(?i:{_STREET_AFTER})\b\.?"
    rf"|{_HOUSE}(?:\s*(?:bis|ter))?,?\s+(?i:{_STREET_BEFORE_ANY})\.?\s+(?:{_PART}\s+)?{_CAPS}"
    rf"(?:\s+\d{{1,4}}(?:/\d{{1,4}})?[A-Za-z]?\b)?"
    rf"|{_UNIT}"
    # a house and lot number before a street named without a street word: "3/12 Trần Hưng
    # Đạo" (Vietnam), "88/14 Sethakit"; judged by its words (not "24/7 Customer Service")
    rf"|(?P<bare>\d{{1,4}}/\d{{1,4}}[A-Za-z]?\s+{_CAPW}(?:\s+{_CAPW}){{0,3}})"
)
_STREET_ANY = rf"(?i:{_STREET_BEFORE_ANY}|street|st|road|rd|avenue|ave|soi|moo)"
_CORE_WORD = re.compile(
    rf"[A-Z]{{1,2}}-\d{{4,5}}\s+{_CAPS}|"
    rf"(?:(?i:{_STREET_BEFORE_ANY})\.?|(?:{_STREET_BEFORE_CAP})\.?)\s+(?:{_PART}\s+){{0,2}}{_CAPS}"
    rf"\s*,?\s*(?:(?i:n\.?\s?[º°o]\.?|no\.?|nr\.?|#)\s*)?{_HOUSE}\b"
    rf"|{_STREET_ANY}\.?\s+\d{{1,4}}[A-Za-z]?(?:\s+{_CAPW}(?=\s*(?:#|(?i:no\b|n[º°])|\d)))?"
    rf"(?:\s*(?:#|(?i:no\.?|n[º°]))?\s*\d{{1,4}}[A-Za-z]?(?:-\d{{1,3}})?)?\b"
    rf"|{_UNIT}"
    # a named building ("Bldg Sabbagh"), a corner ("Calle Juárez esquina Morelos"), a road
    # one lives off ("off Ring Road"), a landmark: weak alone, an address with more parts
    rf"|(?i:bldg|building|immeuble|edificio|edif|torre|tower|r[ée]sidence|residencia|villa|"
    rf"compound|hostel|dormitory|dorm)\.?\s+{_CAPS}"
    rf"|{_STREET_ANY}\.?\s+(?:{_PART}\s+)?{_CAPS}\s+(?i:esquina|esq\.?|y|con|entre|"
    rf"corner\s+of|cnr\.?|x)\s+(?:{_STREET_ANY}\.?\s+)?{_CAPS}"
    rf"|(?i:off)\s+(?:the\s+)?{_CAPS}\s+(?i:{_STREET_AFTER})\b"
    rf"|{_LANDMARK}"
    rf"|(?i:phường|phuong|quận|quan|ward|sector|zone|barangay|brgy|purok|moo)\.?\s+\d{{1,3}}\b"
    rf"|{_UK_POST}\b"
    rf"|(?i:{_LOCALITY})\.?\s+{_CAPS}"
    rf"|[A-Z]-?\d{{1,4}}[A-Z]?(?=,)"
)
# streets named with a suffix and numbered after: "Hauptstraße 12", "Kerkstraat 5",
# "Atatürk Caddesi No: 12"
_SUFFIXES = (
    "straße", "strasse", "str.", "gasse", "weg ", "allee", "platz", "straat", "laan", "pad ",
    "baan ", "dreef ", "singel ", "steeg ",
    "plein", "gracht", "kade", "dijk", "gatan", "gata ", "gade", "vej ", "veien", "vägen",
    "utca", "cad", "sok", "mah", "bulvar",
)  # fmt: skip
_SUFFIX_HINT = re.compile("|".join(re.escape(x) for x in _SUFFIXES))
_SUFFIXED = re.compile(
    rf"[{_UP}](?:[^\W\d_]|-){{0,40}}(?i:straße|strasse|str\.|gasse|weg|allee|platz|straat|laan|plein|"
    rf"gracht|kade|dijk|pad|baan|dreef|singel|steeg|gatan|gata|gade|vej|veien|vägen|utca)"
    rf"\s*,?\s*{_HOUSE}\b"
    rf"|(?:{_CAPS}\s+Mah(?:allesi)?\.?\s*,?\s*)?"
    rf"{_CAPS}\s+(?:Cad(?:desi)?|Sok(?:ak|ağı)?|Mah(?:allesi)?|Bulvarı)\.?\s*,?\s*"
    rf"(?:No\s*[:.]?\s*)?{_HOUSE}\b"
)
_TAIL = re.compile(
    rf"\s*[,\s]\s*(?:-\s*|of\s+)?(?:"
    rf"{_UNIT}|{_FLOOR}|{_ZONE}|{_LANDMARK}"
    rf"|(?i:m|lok)\.\s*\d{{1,4}}\b"  # Polish flats: "84/92 m. 15"
    rf"|(?:Sur|Norte|Este|Oeste|Bis)\b(?!\s+[a-z])"  # "Carrera 20 # 3-5 Sur"
    rf"|{_ORDINAL_STREET}|(?i:rt|rw)\.?\s*\d{{1,3}}(?:\s*/\s*(?i:rw)\.?\s*\d{{1,3}})?\b"
    rf"|{_HOUSE},?\s+(?:{_CAPW}\s+){{1,3}}(?i:{_STREET_AFTER})\b\.?"
    rf"|(?i:{_STREET_BEFORE_ANY})\.?\s+(?:{_PART}\s+)?{_CAPS}(?:\s*,?\s*{_HOUSE}\b)?"
    rf"|{_CAPS}\s*,\s*[A-Z]{{2}}\s+\d{{5}}(?:-\d{{4}})?\b"
    rf"|(?:{_CAPS}\s+)?(?:[A-Z]{{2}}\s+)?{_POSTCODE}(?:\s+{_CAPS})?"
    rf"|(?i:{_LOCALITY})\.?\s+(?:{_CAPS}|\d{{1,3}}\b)(?:\s*-\s*\d{{6}})?"
    rf"|{_CAPS}\s+(?i:{_BUILDING}|{_STREET_AFTER})\b\.?"
    rf"|{_CAPS}(?:\s*[-/]\s*[A-Z]{{2}})?(?=\s*,\s*(?:{_CAPS}(?:\s*[-/]\s*[A-Z]{{2}})?\s*,\s*)"
    rf"{{0,3}}(?:{_CAPS}\s+)?{_POSTCODE})"
    rf"|{_CAPS}(?:,?\s+[A-Z]{{2}}|\s*[-/]\s*[A-Z]{{2}})?(?=\s*(?:[.;)(]|,\s+[a-z]|$)"
    rf"|\s+(?:and|with|where|which|who|but|since|until)\b)"
    rf"|\d{{6}}\b"
    rf")"
)
_HOUSE_CODE = re.compile(r"[A-Z]{1,2}-?\d{1,5}[A-Z]?")
_UK_START = re.compile(r"[A-Z]{1,2}\d")
# patterns that begin with a character class are searched fast by the regex engine; the
# word-boundary test before them is done in Python (a look-behind cost 2–3 times more)
_NUMBER_START = re.compile(r"\d[\w/]*")
_STRONG = re.compile(rf"\d|{_UK_POST}")
# where a core can start: a digit, a street, unit or locality word, or a UK postcode; the
# core pattern is tried only there (searching it from every position cost ~150 µs a text)
_START = re.compile(r"(?<![\w/])[^\W_][\w/]*")
_STARTERS = _set(
    """
    al alameda aleja allee alley allée amphoe andar ap apartado apartamento
    apartment appartement appt apt apto av avda avenida avenue bairro barangay
    villa dorm dormitory hostel tent container barrack barracks cabin hut shop stall camp
    stand erf interior puerta pta appartamento mz manzana circuito calzada privada
    cerrada andador retorno periférico periferico prolongación prolongacion callejón
    callejon diagonal dg transversal pasaje psje camino carretera ronda paseo rambla
    travesía travesia beco ladeira viela drumul aleea intrarea șoseaua soseaua splaiul
    piața piata stradela gg vicolo contrada piazzale lungomare stretto ngõ hẻm khóm
    passarela jardim vila favela morro recanto trecho vereda loteamento núcleo nucleo
    chácara chacara sítio sitio borgo rotonda incrocio canale al pl os osiedle plac
    kiosk interno int scala sc bl nyumba maison chambre habitación habitacion hab
    quarto bloque edificio edif torre tower immeuble residence résidence residencia
    compound mtaa off near behind opposite beside next facing across derrière derriere
    près pres côté cote face detrás detras frente cerca atrás atras perto junto
    barrio bat batiment bd bldg blk block bloco boulevard bp brgy building
    bulevardul bulvar bât bâtiment c caddesi caixa calea calle carrera casa chemin
    col colonia corso cra departamento depto desa dist district dpto duong estrada
    etage flat floor fracc fraccionamiento gali h house impasse jalan jl jln kamar
    kampung kecamatan kelurahan khet khwaeng kv lane largo lorong lot lote moo mukim
    n no nº p pereulok pho phuong phường phố piazza piso place plot po post postfach
    praca praça private prosp prospekt purok qd quadra quai quan quận r rm road
    rodovia room rua rue sec section sector soi sokak st ste str strada street suite
    taman tambon thanon travessa ul ulica unit via viale vill village vul vulytsia
    ward zona étage đường
    """
)

# words that begin an address without a number: a named building, a corner, a road one
# lives off, a landmark, a locality (texts without a digit are looked at only there)
_WORD_STARTERS = _set(
    """
    bldg building immeuble edificio edif torre tower residence résidence residencia villa
    compound hostel dormitory dorm calle rua avenida avenue av jalan jl street st road rd
    off near behind opposite beside next facing across derrière derriere près pres côté
    cote face detrás detras frente cerca atrás atras perto junto col colonia bairro barrio
    barangay brgy purok sitio kelurahan kecamatan kel kec desa kampung taman
    """
)

# --- document and phone numbers ---------------------------------------------------------
# a digit run with phone-style separators; judged by how many digits it holds
_DIGITS = re.compile(r"[+(\d][\d\s().\-/]{4,}\d(?!\w)")
_ISO_DATE = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$")
_YEAR_RANGE = re.compile(r"^(?:1[89]|20)\d\d\s*[-/]\s*(?:(?:1[89]|20)\d\d|\d\d)$")
# tokens mixing letters and digits, judged by _is_document: passports, ID cards, IBANs
_DIGIT_TOKEN = re.compile(r"\d[A-Za-z0-9/-]*")
_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/-")
_FIVE_DIGITS = re.compile(r"\d{5}")
# a number with a unit or suffix ("1990s", "18-year-old", "100km", "200/week") is no document
_NUMBER_WORD = re.compile(r"^\d+(?:[.,]\d+)?(?:[-/]?[a-z]+)+$")
# roads (N7, BR-116, E85) and flights (IB6830) are not personal
_ROAD_OR_FLIGHT = re.compile(r"^[A-Z]{1,3}-?\d{1,3}$|^[A-Z]{2}\d{3,4}$")
_DOC_WORDS = (
    r"passports?|passeport|pasaporte|passaporte|pp|id|ids|identity|national\s+id|"
    r"id\s+cards?|document|documento|licen[cs]e|visa|ssn|sin|nin|nino|iban|account|acc|"
    r"acct|a/c|permit|case|file|ref|reference|cpf|rg|cnic|nic|curp|rfc|ine|dni|nie|nif|"
    r"itin|ein|pesel|aadhaa?r|pan|nric|fin|bvn|kra|cin|cni|tin|ktp|nik|sss|c[ée]dula|"
    r"carnet|seaman(?:'s)?\s+book|seafarer(?:'s)?\s+book|brp|iqama|emirates\s+id"
)
_DOC_CUE = re.compile(
    rf"(?P<cue>\b(?:{_DOC_WORDS})\s*(?:card\s*|book\s*)?(?:no\.?|number|num|#|nr\.?|n[º°o]\.?)?"
    r"(?:\s+(?:is|was|es|est|é))?\s*[:#]?\s*)"
    r"(?P<val>(?=[A-Za-z0-9./-]*\d)[A-Za-z0-9][A-Za-z0-9./-]+[A-Za-z0-9]"
    r"(?:[ ](?=\d)[0-9][0-9./-]*[0-9])*"
    r"|[A-Z]{1,3}[ ]\d{4,}|\d{1,4}(?:[ ]\d{2,})+)",
    re.IGNORECASE,
)
_EXTENSION = re.compile(r",?\s*(?i:ext|extn|extension|x|anexo|ramal|poste)\.?\s*\d{1,5}\b")
# a UK National Insurance number written in pairs: "QQ 12 34 56 C"
_NINO = re.compile(r"\b[A-Z]{2} \d{2} \d{2} \d{2} [A-D]\b")
_FIVE_PAIRS = re.compile(r"\d\d \d\d \d\d [A-D]")
# an IBAN written in groups of four: "GB47 BARC 2031 5846 2917 03"
_IBAN = re.compile(r"[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?![A-Z0-9])")
# letters then digits apart ("RX 482913", "B 047712"); currency codes are vetoed
_SPACED_DOC = re.compile(r"(?P<pre>[A-Z]{1,3})[ ](?P<num>\d{5,12})(?!\w)")


_LEAD = re.compile(r"[^\W\d_]+")
_DOB_STARTS = _set(
    """
    born b dob dobs d date birth birthday birthdate née nee né ne nacido nacida fecha f
    nascido nascida data geboren geb nato nata născut nascut născută nascuta urodzony
    urodzona lahir tgl sinh ngày doğum doğumlu ur ipinanganak kapanganakan alizaliwa
    дата родилась родился народилася народився تاريخ مواليد
    """
)
_DOC_STARTS = _set(
    """
    passport passports passeport pasaporte passaporte pp id ids identity national
    document documento license licence visa ssn sin nin nino iban account acc acct
    permit case file ref reference cpf rg cnic nic curp rfc ine dni nie nif itin ein
    pesel aadhaar aadhar pan nric fin bvn kra cin cni tin ktp nik sss cédula cedula
    carnet seaman seafarer brp iqama emirates
    """
)
_PLATFORM_STARTS = _set(
    """
    telegram tg snapchat snap instagram insta ig tiktok facebook fb line wechat weixin
    viber skype twitter kik imo zalo vk onlyfans discord signal kakao kakaotalk messenger
    threema whatsapp username user handle profile linkedin youtube
    """
)


Span = tuple[int, int, str]  # start, end, placeholder


@dataclass
class ScrubResult:
    text: str
    found: Counter[str] = field(default_factory=Counter)


class _Text:
    """The text being scrubbed and its words (lower case, with where each begins), read
    once: every rule looks at the same original text and reports spans."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.low = text.lower()
        self.words = set(_LEAD.findall(self.low))

    def starts(self, words: frozenset[str]) -> list[int]:
        """Where words of ``words`` begin. Cue patterns are tried only there: an
        alternation of many cue words searched from every position cost tens of µs a text."""
        hits = words.intersection(self.words)
        if not hits:
            return []
        low = self.low
        if len(low) != len(self.text):  # lower() changed a length ("İ"): walk the words
            return [m.start() for m in _LEAD.finditer(self.text) if m.group(0).lower() in hits]
        out = []
        for w in hits:
            at = low.find(w)
            while at != -1:
                end = at + len(w)
                if (at == 0 or not low[at - 1].isalpha()) and (
                    end == len(low) or not low[end].isalpha()
                ):
                    out.append(at)
                at = low.find(w, end)
        return sorted(out)

    def matches(self, pattern: re.Pattern[str], words: frozenset[str]) -> list[re.Match[str]]:
        out: list[re.Match[str]] = []
        for at in self.starts(words):
            if out and at < out[-1].end():
                continue
            if m := pattern.match(self.text, at):
                out.append(m)
        return out


def _is_document(token: str) -> bool:
    digits = sum(ch.isdigit() for ch in token)
    letters = sum(ch.isalpha() for ch in token)
    return (
        digits >= 3
        and letters >= 1
        and not _NUMBER_WORD.match(token)
        and not _ROAD_OR_FLIGHT.match(token)
    )


def _digits_kind(match: str) -> str | None:
    """PHONE, ID or None (keep) for a run of digits and separators."""
    core = match.strip()
    if _ISO_DATE.match(core) or _YEAR_RANGE.match(core):
        return None
    digits = sum(ch.isdigit() for ch in core)
    if digits < 7:  # counts, amounts and years stay; phone and ID numbers are longer
        return None
    if core.startswith(("+", "00", "(")) or (7 <= digits <= 15 and re.search(r"[\s.\-()/]", core)):
        return PHONE
    return ID


def _after(text: str, at: int, also: str) -> bool:
    """True when ``at`` follows a word character or one of ``also`` (no word boundary)."""
    return at > 0 and (text[at - 1].isalnum() or text[at - 1] == "_" or text[at - 1] in also)


def _all(pattern: re.Pattern[str], text: str, placeholder: str) -> list[Span]:
    return [(m.start(), m.end(), placeholder) for m in pattern.finditer(text)]


@cache
def _currencies() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies) | {"RS", "RM", "KSH", "TSH"}


def scrub(text: str, *, names: bool = True) -> ScrubResult:
    """``text`` with identifiers replaced by typed placeholders ([NAME], [PHONE]…)."""
    t = _Text(text)
    spans: list[Span] = []  # in order of precedence
    # cheap tests first: each rule runs only where what it matches could be
    if "@" in text:
        spans += _all(_EMAIL, text, EMAIL)
    if "dot" in t.low and _SPELT_DOT.search(text):
        spans += _all(_EMAIL_SPELT, text, EMAIL)
    spans += _handles(t)
    if "." in text or "://" in text:
        spans += _urls(text)
    if _DIGIT.search(text):
        spans += [(m.start("date"), m.end("date"), DOB) for m in t.matches(_DOB, _DOB_STARTS)]
        spans += [(s, e, ADDRESS) for s, e in address_spans(text, t)]
        spans += _numbers(t)
    elif t.words.intersection(_WORD_STARTERS):  # without a number: "off Ring Road, …"
        spans += [(s, e, ADDRESS) for s, e in address_spans(text, t, _WORD_STARTERS)]
    if names:
        spans += [(s, e, NAME) for s, e in _names.find(text)]
    return _apply(text, spans)


def _apply(text: str, spans: list[Span]) -> ScrubResult:
    """Replaces spans; overlapping spans become one, named by the rule that comes first."""
    ranked = sorted((start, end, rank, p) for rank, (start, end, p) in enumerate(spans))
    found: Counter[str] = Counter()
    pieces: list[str] = []
    pos = 0
    i = 0
    while i < len(ranked):
        start, end, rank, placeholder = ranked[i]
        i += 1
        while i < len(ranked) and ranked[i][0] < end:  # overlaps the group so far
            end = max(end, ranked[i][1])
            if ranked[i][2] < rank:
                rank, placeholder = ranked[i][2], ranked[i][3]
            i += 1
        pieces += (text[pos:start], placeholder)
        pos = end
        found[placeholder] += 1
    pieces.append(text[pos:])
    return ScrubResult("".join(pieces), found)


def is_known_place(name: str) -> bool:
    """True when every comma-separated part of ``name`` is a place the gazetteer knows."""
    places = _names.lexicon().places
    parts = [p.strip() for p in name.split(",")]
    return all(p and _names.fold(p) in places for p in parts)


def scrub_place(name: str) -> ScrubResult:
    """A place name as intake stores it: kept when the gazetteer knows it, else scrubbed
    like a summary (names too, since "house of Chukwuma Obi" is a place name to a form)."""
    if is_known_place(name):
        return ScrubResult(name)
    return scrub(name)


def _handles(t: _Text) -> list[Span]:
    spans: list[Span] = []
    if "@" in t.text:
        spans += _all(_AT_HANDLE, t.text, HANDLE)
    if "_" in t.text:
        spans += _all(_UNDERSCORED, t.text, HANDLE)
    lex = _names.lexicon()
    common = lex.common
    for m in t.matches(_PLATFORM, _PLATFORM_STARTS):
        handle = m.group("handle")
        low = handle.lower()
        if low not in common and not handle.isdigit() and not _names.english(low, lex):
            spans.append((m.start("handle"), m.end("handle"), HANDLE))
    spans += [
        (m.start("handle"), m.end("handle"), HANDLE) for m in t.matches(_PROFILE, _PLATFORM_STARTS)
    ]
    if "live:" in t.low:
        spans += _all(_SKYPE, t.text, HANDLE)
    return spans + _dotted_handles(t.text)


def _dotted_handles(text: str) -> list[Span]:
    """Handle-shaped words, looked for only around a dot between word characters."""
    spans: list[Span] = []
    end = 0
    for d in _DOTTED.finditer(text):
        at = d.start()
        if at < end or d.group(0) == "://" or not _after(text, at, ""):
            continue
        start = at
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._"):
            start -= 1
        end = at + 1
        while end < len(text) and (text[end].isalnum() or text[end] in "._"):
            end += 1
        if (start and text[start - 1] in "@/:-") or (end < len(text) and text[end] in "@/-"):
            continue  # part of an email, a URL or a longer code
        word = text[start:end].rstrip(".")
        if _DOTTED_HANDLE.fullmatch(word) and _handle_shaped(word):
            spans.append((start, start + len(word), HANDLE))
    return spans


def _handle_shaped(word: str) -> bool:
    """Dotted letters and digits that read as a username, not a domain, a number or an
    abbreviation: "tiffy.bby2007" but not "no.5", "v1.2", "H.No" or "example.com"."""
    parts = word.split(".")
    lettered = sum(any(c.isalpha() for c in p) for p in parts)
    return (
        lettered >= 2
        and any(c.isdigit() for c in word)
        and sum(c.isalpha() for c in word) >= 4
        and not _TLD_END.search(word)
    )


_URL_EDGES = " \n\t<>\"'"
_ABBREVIATION = re.compile(r"[A-Za-z]\.[A-Za-z]{2,3}\.?")
_LONGEST_URL = 400


def _urls(text: str) -> list[Span]:
    """URLs, looked for only in the whitespace-delimited chunks that hold a dot between
    word characters, "www" or "://" (the URL pattern costs ~10 µs a text run everywhere)."""
    spans: list[Span] = []
    end = 0
    for d in _DOTTED.finditer(text):
        if d.start() < end or not (d.group(0) == "://" or _after(text, d.start(), "")):
            continue
        start = max(text.rfind(c, 0, d.start()) for c in _URL_EDGES) + 1
        ends = [i for c in _URL_EDGES if (i := text.find(c, d.end())) != -1]
        stop = min(ends, default=len(text))
        end = stop
        if stop - start > _LONGEST_URL:  # junk, and the URL pattern is slow on it: all goes
            spans.append((start, stop, URL))
            continue
        for m in _URL.finditer(text, start, stop):
            url = m.group(0)
            if _ABBREVIATION.fullmatch(url):
                continue  # "H.No." (house number), not a domain
            spans.append((m.start(), m.start() + len(url.rstrip(".,;:!?)]")), URL))
    return spans


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


def address_spans(
    text: str, t: _Text | None = None, starters: frozenset[str] = _STARTERS
) -> list[tuple[int, int]]:
    """Street addresses: a core (house number and street, flat, PO box, postcode, locality)
    and the parts that follow it (flat, floor, locality, city with postcode, a last city)."""
    t = t or _Text(text)
    spans: list[tuple[int, int]] = []
    pos = 0
    starts = _number_starts(text) + t.starts(starters)
    if _SUFFIX_HINT.search(t.low):
        starts += [m.start() for m in _SUFFIXED.finditer(text)]
    starts.sort()
    for at in starts:
        if at < pos:
            continue
        core = _CORE_NUMBER if text[at].isdigit() else _CORE_WORD
        m = core.match(text, at) or _SUFFIXED.match(text, at)
        if m is None or _numbered_thing(text, at, m.group(0)) or _ordinary_bare(m):
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
        )
        if parts == 1 and _PART_OF.match(text, end):
            pos = max(end, m.end())
            continue  # "Block 4 of the prison", "Unit 5 of the factory": no home
        spot = parts >= 2 and _SPOT.match(core_text)
        if not weak or spot or parts >= 3 or (parts == 2 and _DIGIT.search(text, start, end)):
            end = start + len(text[start:end].rstrip(" ,.;"))
            if lead := _HOUSING_BEFORE.search(text, max(0, start - 24), start):
                start = lead.start()  # "dorm block B"
            elif lead := _NUMBERED_STREET_BEFORE.search(text, max(0, start - 48), start):
                start = lead.start()  # "12 Nguyễn Trãi, Phường 3"
            if spans and not text[spans[-1][1] : start].strip(" ,"):
                start = spans.pop()[0]
            spans.append((start, end))
        pos = max(end, m.end())
    return spans + _east_asian(text)


def _ordinary_bare(m: re.Match[str]) -> bool:
    """A number with a slash before ordinary words: a ratio or a schedule, no address."""
    if m.re is not _CORE_NUMBER or not m.group("bare"):
        return False
    lex = _names.lexicon()
    words = m.group("bare").split()[1:]
    return all(_names.english(_names.fold(w), lex) or _names.fold(w) in lex.common for w in words)


_SECTION = re.compile(r"(?i:sec|section)\b")
_PART_OF = re.compile(r"\s+of\s+(?:the|a|an|this|that|our|their|his|her)\s")
# a corner or a named building: one spot, an address with one more part
_SPOT = re.compile(
    rf"{_STREET_ANY}\.?\s+(?:{_PART}\s+)?{_CAPS}\s+(?i:esquina|esq\.?|y|con|entre|corner\s+of|"
    rf"cnr\.?|x)\s|(?i:bldg|building|immeuble|edificio|edif|torre|tower|r[ée]sidence|"
    rf"residencia)\.?\s+[{_UP}]"
)
# a house number and a street named without a street word, before the rest of an address
_NUMBERED_STREET_BEFORE = re.compile(
    rf"(?<![\w,.])\d{{1,5}}[A-Za-z]?(?:/\d{{1,4}})?\s+{_CAPS},\s*$"
)
_HOUSING_BEFORE = re.compile(
    r"(?i:\b(?:dorm|dormitory|hostel|barracks|staff\s+quarters))\s+$|\b\d{1,2}F,\s*$"
)  # "dorm block B", "2F, No. 5, Alley 3"
# "card no. 0-0021-45889": a number of something other than a house
_NUMBERED = _set(
    """
    card book passport permit licence license account certificate registration ref
    reference case file ticket receipt policy phone tel mobile contact visa id nid nic
    ssn sss cnic nin serial invoice order flight seat plate
    """
)
_NUMBER_ABBR = re.compile(r"(?i:no|n[º°]|nr|num|#)\b")


def _numbered_thing(text: str, at: int, core: str) -> bool:
    if not _NUMBER_ABBR.match(core):
        return False
    before = text[max(0, at - 24) : at].split()
    return bool(before) and before[-1].lower().strip(".:") in _NUMBERED


_CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]")
# Japanese and Chinese: prefecture, city, ward, town then chome, banchi, go ("岐阜県大垣市林町
# 3丁目12-5", "人民路123号"), after a postcode mark ("〒503-0015")
_HAN_ADDRESS = re.compile(
    r"(?:〒\s?\d{3}-?\d{4}\s*)?[\u3005\u3040-\u30ff\u4e00-\u9fff]{2,30}?"
    r"[0-9０-９一二三四五六七八九十]{1,4}(?:丁目|番地|番|号|[-－−の])"
    r"(?:[0-9０-９]{1,5}(?:丁目|番地|番|号|室|階|楼|[-－−の])?){0,4}"
    r"|〒\s?\d{3}-\d{4}"
)
_HAN_ADMIN = re.compile("[都道府県市区町村郡省县镇乡路街巷弄〒]")
# Korean: province, city, county, district, town, village, road, lane, then the number
# ("충청남도 홍성군 은하면 대천리 231-4", "서울특별시 강남구 테헤란로 152")
_HANGUL_ADDRESS = re.compile(
    r"(?:[\uac00-\ud7a3\d]{1,10}(?<=[도시군구읍면동리로길가])\s){2,6}"
    r"\d{1,5}(?:-\d{1,5})?(?:번지|번길|호)?"
)  # parts end in a suffix and a space, so a run of syllables splits one way only


# Russian and Ukrainian: street type, name, then the house ("пер. Светлый, д. 2",
# "набережна Кипарисний 2-й, буд. 7", "ул. Ленина, д. 5, кв. 12")
_CYRILLIC_ADDRESS = re.compile(
    r"(?:(?:ул|улица|пер|переулок|пр|просп|проспект|пр-т|наб|набережная|набережна|б-р|"
    r"бульв|бульвар|ш|шоссе|пл|площадь|площа|вул|вулиця|провулок|узвіз|алл|аллея|тупик|"
    r"мкр|микрорайон)\.?\s+)?[А-ЯЁЄІЇҐ0-9][\w'’-]{0,30}(?:\s+[\w'’-]{1,30}){0,3},?\s*"
    r"(?:д|дом|буд|будинок)\.\s*\d{1,4}[а-яА-Я]?(?:[/-]\d{1,4})?"
    r"(?:,?\s*(?:к|корп|корпус|стр|строение|кв|квартира|оф)\.?\s*\d{1,4}(?:/\d{1,4})?)*"
)
_CYRILLIC = re.compile("[\u0400-\u04ff]")
# Thai: house number, village (หมู่), lane (ซอย), road (ถนน), subdistrict, district, province
_THAI_ADDRESS = re.compile(
    r"\d{1,5}(?:/\d{1,4})?\s*(?:(?:หมู่(?:ที่)?|ม\.)\s*\d{1,3}\s*|(?:ซอย|ซ\.|ถนน|ถ\.)\s*"
    r"[\u0e00-\u0e7f0-9]+\s*)+(?:(?:ตำบล|ต\.|แขวง|อำเภอ|อ\.|เขต|จังหวัด|จ\.)\s*[\u0e00-\u0e7f]+\s*)*"
)
_THAI = re.compile("[\u0e00-\u0e7f]")


def _east_asian(text: str) -> list[tuple[int, int]]:
    """Addresses in scripts the word patterns do not read: Cyrillic, Thai, CJK, Hangul."""
    spans: list[tuple[int, int]] = []
    if _CYRILLIC.search(text):
        spans += [(m.start(), m.end()) for m in _CYRILLIC_ADDRESS.finditer(text)]
    if _THAI.search(text):
        spans += [
            (m.start(), len(m.group(0).rstrip()) + m.start()) for m in _THAI_ADDRESS.finditer(text)
        ]
    if not _CJK.search(text):
        return spans
    spans += [(m.start(), m.end()) for m in _HANGUL_ADDRESS.finditer(text)]
    spans += [
        (m.start(), m.end()) for m in _HAN_ADDRESS.finditer(text) if _HAN_ADMIN.search(m.group(0))
    ]
    return spans


def _numbers(t: _Text) -> list[Span]:
    """Cued document numbers, phone numbers and ID-like tokens (all contain digits)."""
    text = t.text
    spans = [(m.start("val"), m.end("val"), ID) for m in t.matches(_DOC_CUE, _DOC_STARTS)]
    spans += [
        (m.start(), m.end(), ID) for m in _IBAN.finditer(text) if not _after(text, m.start(), "")
    ]
    currencies = _currencies()
    if _FIVE_DIGITS.search(text):
        spans += [
            (m.start(), m.end(), ID)
            for m in _SPACED_DOC.finditer(text)
            if m.group("pre") not in currencies
            and m.group("pre").lower() not in _DOC_STARTS  # the cue rule keeps the cue
            and not _after(text, m.start(), "$€£")
        ]
    for m in _DIGITS.finditer(text):
        if _after(text, m.start(), "+"):
            continue
        kind = _digits_kind(m.group(0))
        if kind is not None:
            end = m.start() + len(m.group(0).rstrip())
            if kind == PHONE and (ext := _EXTENSION.match(text, end)):
                end = ext.end()  # "7761-2248, ext. 3"
            spans.append((m.start(), end, kind))
    if _FIVE_PAIRS.search(text):
        spans += [(m.start(), m.end(), ID) for m in _NINO.finditer(text)]
    for m in _DIGIT_TOKEN.finditer(text):
        start, end = m.start(), m.end()
        while start > 0 and text[start - 1] in _TOKEN_CHARS:
            start -= 1
        if (start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_")) or (
            end < len(text) and (text[end].isalnum() or text[end] == "_")
        ):
            continue  # part of a longer word ("ardi_boss_07", "3ºB")
        token = text[start:end].strip("/-")
        if len(token) >= 5 and not token.isdigit() and _is_document(token):
            at = start + text[start:end].index(token)
            spans.append((at, at + len(token), ID))
    return spans
