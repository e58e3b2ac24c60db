"""Scrubbing free text: identifiers become typed placeholders before anything is stored.

Every rule reads the original text and reports spans; earlier rules take precedence and a
later span that overlaps one widens it: emails, handles (@name, user_names, a username
after a platform's name), URLs, dates of birth, street addresses, document and phone
numbers, and last personal names (``names.find``). The rules lean towards over-scrubbing:
a lost figure in a summary costs little, a leaked identifier of a survivor a great deal.
Scores on labelled text: ``tahub privacy evaluate`` (producers/intake/data/BLIND.md).

Dates of birth are dates after a cue ("born", "DOB", "née le", "nacida el", "nascida
em"…), numeric or written with month names in English, Spanish, French, Portuguese,
Italian, German and Romanian: patterns rather than dateparser, because the cue is what
makes a date a birth date, and dateparser's search costs milliseconds a text and finds
event dates too. Addresses are a core (house number and street in English, Romance,
Slavic, Malay and Thai styles, a flat or unit, a PO box, a UK postcode, a locality word)
and the parts that follow it (floor, locality, city with postcode, a last city). Phone
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
_SPELT_DOT = re.compile(r"\bdot\b|\[dot\]|\(dot\)|\{dot\}", re.IGNORECASE)
_DOTTED = re.compile(r"\.\w|://")
_DIGIT = re.compile(r"\d")

# --- handles: @name, user_names with underscores, a username after a platform's name ---
_AT_HANDLE = re.compile(r"(?<![\w.@])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,48}[A-Za-z0-9_])?")
_UNDERSCORED = re.compile(r"(?<![\w@])[A-Za-z0-9]+(?:[_][A-Za-z0-9]+)+(?!\w)")
_PLATFORM = re.compile(
    r"(?P<cue>\b(?:telegram|tg|snapchat|snap|instagram|insta|ig|tiktok|facebook|fb|line|"
    r"wechat|viber|skype|twitter|kik|imo|zalo|vk|onlyfans|discord|signal|username|"
    r"user\s*name|handle|profile)\b(?:\s+(?:id|as|is|name|named|called|handle|user|"
    r"account|page))*\s*[:\-]?\s*)"
    r"(?P<handle>(?=[\w.]*[a-z])[A-Za-z0-9][\w.]{2,40}[A-Za-z0-9])(?![\w@])",
    re.IGNORECASE,
)

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
    r"urodzon[ay]|lahir|tgl\.?\s+lahir)"
)
_DOB = re.compile(
    rf"(?P<cue>{_DOB_CUE}\s*[:(]?\s*(?:on\s+|the\s+|le\s+|el\s+|em\s+|in\s+|am\s+)?)"
    rf"(?P<date>{_DATE}(?:\s*(?:/|,|or|and|ou|o|y|et|e)\s*{_DATE})*)",
    re.IGNORECASE,
)

# --- street addresses -------------------------------------------------------------------
_UP = "".join(chr(c) for c in range(0x41, 0x250) if chr(c).isupper())
_PART = r"(?:de|da|das|do|dos|del|des|du|la|le|los|las|di|van|von|der|al|el|of|the|cel|lui)"
# bounded, so no pattern can rescan a long junk token from every position it starts at
_CAPW = rf"[{_UP}][\w'’-]{{0,40}}"
_CAPS = rf"{_CAPW}(?:\s+(?:{_PART}\s+)?{_CAPW}){{0,3}}"
_HOUSE = r"\d{1,5}[A-Za-z]?(?:[/-]\d{1,5}[A-Za-z]?)?"
_STREET_AFTER = (
    r"street|st|road|rd|avenue|ave|av|lane|ln|drive|dr|close|court|ct|crescent|cres|"
    r"grove|place|pl|terrace|way|boulevard|blvd|highway|hwy|square|sq|gardens|gdns|row|"
    r"walk|mews|hill|parade|circle|cir|trail|rise|green"
)
_STREET_BEFORE_ANY = (
    r"calle|c/|carrera|cra|avenida|avda|rua|travessa|rodovia|alameda|pra[çc]a|largo|"
    r"vul|vulytsia|prospekt|prosp|pereulok|bulvar|"
    r"rue|avenue|boulevard|bd|chemin|all[ée]e|impasse|quai|viale|piazza|corso|ulica|"
    r"ul|aleja|jalan|jl|jln|lorong|thanon|soi|calea|strada|bulevardul|sokak|sok|"
    r"str|đường|duong|phố|pho"
)
_STREET_BEFORE_CAP = r"Via|Al|R|Av|Place|Street|Road|Block|Sector|Estrada|Str"
_UNIT_WORDS = (
    r"flat|apt|apartment|room|rm|unit|suite|ste|floor|building|bldg|block|blk|house|plot|"
    r"gali|lane|alley|sec|section|purok|h\.\s?no|ap|kv|"
    r"no|nº|n°|depto|dpto|departamento|piso|andar|apto|apartamento|bloco|casa|lote|"
    r"quadra|qd|[ée]tage|b[âa]t|b[âa]timent|appartement|appt|kamar|lot|moo|"
    r"p\.?\s?o\.?\s+box|post\s+box|apartado(?:\s+postal)?|caixa\s+postal|postfach|"
    r"private\s+bag|bp"
)
_UNIT = (
    rf"(?:(?:{_HOUSE})\s+(?=(?i:moo|m\.)\s*\d))?"
    rf"(?i:{_UNIT_WORDS})\.?\s*#?\s*(?:\d{{1,5}}[A-Za-z]?(?:[/-]\d{{1,4}}[A-Za-z]?)?|[A-Z]\d{{0,3}})\b"
)
_FLOOR = (
    r"(?:\d{1,2}(?:st|nd|rd|th|er|e|ème|º|°|\.º|\.)?|(?i:ground|first|second|third|fourth|"
    r"fifth|top|upper|lower))\s*(?i:floor|fl|piso|andar|[ée]tage|stock|og)\b"
    r"|\d{1,2}\.?[º°ª]\s*(?:[A-Z]\b|(?i:esq|dto|dta|izq|dcha|andar|piso)\.?)?"
)
_UK_POST = r"[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}"


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_POSTCODE = (
    rf"(?:{_UK_POST}|\d{{5}}-\d{{3}}|\d{{4}}-\d{{3}}|\d{{5}}-\d{{4}}|\d{{4}}\s?[A-Z]{{2}}"
    rf"|\d{{4,6}})(?!\w)"
)
_LOCALITY = (
    r"col|colonia|bairro|barrio|fracc|fraccionamiento|vill|village|p\.?o|dist|district|"
    r"tambon|amphoe|khet|khwaeng|kelurahan|kecamatan|desa|kampung|taman|ward|phường|"
    r"phuong|quận|quan|sector|zona|mukim|soi|moo|thanon|barangay|brgy"
)
_BUILDING = (
    r"court|house|building|tower|towers|mansions|estate|residence|residences|apartments|"
    r"heights|plaza|complex|compound|lodge|hall|villas?|condominium|condo|block|nagar|"
    r"colony|layout|enclave|phase|mohalla"
)
# cores that start with a house number, and cores that start with a word
_CORE_NUMBER = re.compile(
    rf"\d{{1,2}}(?:a|o|ª|º)\.?\s+(?i:{_STREET_BEFORE_ANY})\.?\s+(?:{_CAPS}\s+)?{_HOUSE}\b|"
    rf"{_HOUSE},?\s+(?:{_CAPW}\s+){{1,3}}(?i:{_STREET_AFTER})\b\.?"
    rf"|{_HOUSE}(?:\s*(?:bis|ter))?,?\s+(?i:{_STREET_BEFORE_ANY})\.?\s+(?:{_PART}\s+)?{_CAPS}"
    rf"|{_UNIT}"
)
_CORE_WORD = re.compile(
    rf"[A-Z]{{1,2}}-\d{{4,5}}\s+{_CAPS}|"
    rf"(?:(?i:{_STREET_BEFORE_ANY})\.?|(?:{_STREET_BEFORE_CAP})\.?)\s+(?:{_PART}\s+){{0,2}}{_CAPS}"
    rf"\s*,?\s*(?:(?i:n[º°o]\.?|no\.?|nr\.?|#)\s*)?{_HOUSE}\b"
    rf"|(?i:{_STREET_BEFORE_ANY}|street|st|road|soi|moo)\.?\s+\d{{1,4}}[A-Za-z]?"
    rf"(?:\s*(?:#|(?i:no\.?|n[º°]))\s*\d{{1,3}}[A-Za-z]?(?:-\d{{1,3}})?)?\b"
    rf"|{_UNIT}"
    rf"|{_UK_POST}\b"
    rf"|(?i:{_LOCALITY})\.?\s+{_CAPS}"
    rf"|[A-Z]-?\d{{1,4}}[A-Z]?(?=,)"
)
# streets named with a suffix and numbered after: "Hauptstraße 12", "Kerkstraat 5",
# "Atatürk Caddesi No: 12"
_SUFFIXES = (
    "straße", "strasse", "str.", "gasse", "weg ", "allee", "platz", "straat", "laan",
    "plein", "gracht", "kade", "dijk", "gatan", "gata ", "gade", "vej ", "veien", "vägen",
    "utca", "cad", "sok", "mah", "bulvar",
)  # fmt: skip
_SUFFIX_HINT = re.compile("|".join(re.escape(x) for x in _SUFFIXES))
_SUFFIXED = re.compile(
    rf"[{_UP}][^\W\d_]{{0,40}}(?i:straße|strasse|str\.|gasse|weg|allee|platz|straat|laan|plein|"
    rf"gracht|kade|dijk|gatan|gata|gade|vej|veien|vägen|utca)\s*,?\s*{_HOUSE}\b"
    rf"|{_CAPS}\s+(?:Cad(?:desi)?|Sok(?:ak|ağı)?|Mah(?:allesi)?|Bulvarı)\.?\s*,?\s*"
    rf"(?:No\s*[:.]?\s*)?{_HOUSE}\b"
)
_TAIL = re.compile(
    rf"\s*[,\s]\s*(?:-\s*)?(?:"
    rf"{_UNIT}|{_FLOOR}"
    rf"|{_HOUSE},?\s+(?:{_CAPW}\s+){{1,3}}(?i:{_STREET_AFTER})\b\.?"
    rf"|(?i:{_STREET_BEFORE_ANY})\.?\s+(?:{_PART}\s+)?{_CAPS}(?:\s*,?\s*{_HOUSE}\b)?"
    rf"|{_CAPS}\s*,\s*[A-Z]{{2}}\s+\d{{5}}(?:-\d{{4}})?\b"
    rf"|(?:{_CAPS}\s+)?(?:[A-Z]{{2}}\s+)?{_POSTCODE}(?:\s+{_CAPS})?"
    rf"|(?i:{_LOCALITY})\.?\s+(?:{_CAPS}|\d{{1,3}}\b)(?:\s*-\s*\d{{6}})?"
    rf"|{_CAPS}\s+(?i:{_BUILDING}|{_STREET_AFTER})\b\.?"
    rf"|{_CAPS}(?:\s*[-/]\s*[A-Z]{{2}})?(?=\s*,\s*(?:{_CAPS}(?:\s*[-/]\s*[A-Z]{{2}})?\s*,\s*)"
    rf"{{0,3}}(?:{_CAPS}\s+)?{_POSTCODE})"
    rf"|{_CAPS}(?:,?\s+[A-Z]{{2}}|\s*[-/]\s*[A-Z]{{2}})?(?=\s*(?:[.;)(]|,\s+[a-z]|$))"
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
# an IBAN written in groups of four: "GB47 BARC 2031 5846 2917 03"
_IBAN = re.compile(r"[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?![A-Z0-9])")
# letters then digits apart ("RX 482913", "B 047712"); currency codes are vetoed
_SPACED_DOC = re.compile(r"(?P<pre>[A-Z]{1,3})[ ](?P<num>\d{5,12})(?!\w)")


_LEAD = re.compile(r"[^\W\d_]+")
_DOB_STARTS = _set(
    """
    born b dob dobs d date birth birthday birthdate née nee né ne nacido nacida fecha f
    nascido nascida data geboren geb nato nata născut nascut născută nascuta urodzony
    urodzona lahir tgl
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
    telegram tg snapchat snap instagram insta ig tiktok facebook fb line wechat viber
    skype twitter kik imo zalo vk onlyfans discord signal username user handle profile
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
    common = _names.lexicon().common
    for m in t.matches(_PLATFORM, _PLATFORM_STARTS):
        handle = m.group("handle")
        if handle.lower() not in common and not handle.isdigit():
            spans.append((m.start("handle"), m.end("handle"), HANDLE))
    return spans


_URL_EDGES = " \n\t<>\"'"
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


def address_spans(text: str, t: _Text | None = None) -> list[tuple[int, int]]:
    """Street addresses: a core (house number and street, flat, PO box, postcode, locality)
    and the parts that follow it (flat, floor, locality, city with postcode, a last city)."""
    t = t or _Text(text)
    spans: list[tuple[int, int]] = []
    pos = 0
    starts = _number_starts(text) + t.starts(_STARTERS)
    if _SUFFIX_HINT.search(t.low):
        starts += [m.start() for m in _SUFFIXED.finditer(text)]
    starts.sort()
    for at in starts:
        if at < pos:
            continue
        core = _CORE_NUMBER if text[at].isdigit() else _CORE_WORD
        m = core.match(text, at) or _SUFFIXED.match(text, at)
        if m is None:
            continue
        start, end, parts = m.start(), m.end(), 1
        while tail := _TAIL.match(text, end):
            if tail.end() == end:
                break
            end, parts = tail.end(), parts + 1
        # a bare locality, or a house code like "C-42" (or the road "I-40"), is an address
        # only with more parts; anything else with a number is one alone
        weak = not _STRONG.search(m.group(0)) or _HOUSE_CODE.fullmatch(m.group(0))
        if parts >= 2 or not weak:
            end = start + len(text[start:end].rstrip(" ,.;"))
            if spans and not text[spans[-1][1] : start].strip(" ,"):
                start = spans.pop()[0]
            spans.append((start, end))
        pos = max(end, m.end())
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
            spans.append((m.start(), m.start() + len(m.group(0).rstrip()), kind))
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
