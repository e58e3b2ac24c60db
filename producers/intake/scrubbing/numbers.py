"""Phone and document numbers: digit runs judged by length and form, cued numbers.

Phone numbers are digit runs judged by how many digits they hold, which found every
phone of the first blind batch in a few µs; phonenumbers' PhoneNumberMatcher costs
120–200 µs per region per summary, so scanning many regions would cost more than
intake's whole budget a row. Documents are numbers after a cue ("passport no."), tokens
mixing letters and digits, IBANs, UK NI numbers and letters then digits ("RX 482913").
"""

from __future__ import annotations

import re
from functools import cache

from producers.intake.scrubbing.text import ID, PHONE, Span, Text, after, words

# a digit run with phone-style separators; judged by how many digits it holds
# (no line break inside: a form's or a table's next line is another field, "02/02/2024\n08 | …")
# (a Korean or Japanese particle may be written onto the number: "010-5555-0172이다")
_DIGITS = re.compile(
    r"[+(\d][\d \t\u00a0().\-/]{4,}\d(?!(?![\uac00-\ud7a3\u3040-\u30ff\u3400-\u9fff])\w)"
)
_ISO_DATE = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$")
# a date then an hour ("08/04/26 22:14", "2026-04-12 09.30"): a timestamp, no phone
_TIMESTAMP = re.compile(
    r"(?:\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}),?\s+\d{1,2}[:.h]\d\d(?!\d)"
)
_YEAR_RANGE = re.compile(r"^(?:1[89]|20)\d\d\s*[-/]\s*(?:(?:1[89]|20)\d\d|\d\d)$")
# tokens mixing letters and digits, judged by _is_document: passports, ID cards, IBANs
_DIGIT_TOKEN = re.compile(r"\d[A-Za-z0-9/-]*")
# a case suffix written on a number after a hyphen, in Turkish and Azerbaijani letters
_CASE_SUFFIX = re.compile(r"-[a-zçğıöşüə]{0,4}[çğıöşüə][a-zçğıöşüə]{0,4}(?![\w-])")
_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/-")
_FIVE_DIGITS = re.compile(r"\d{5}")
# a number with a unit or suffix ("1990s", "18-year-old", "100km", "200/week") is no document
_NUMBER_WORD = re.compile(r"^\d+(?:[.,]\d+)?(?:[-/]?[a-z]+)+$")
# roads (N7, BR-116, E85) and flights (IB6830) are not personal
_ROAD_OR_FLIGHT = re.compile(r"^[A-Z]{1,3}-?\d{1,3}$|^[A-Z]{2}\d{3,4}$")
_DOC_WORDS = (
    r"passports?|passeport|pasaporte|passaporte|ppsn|ppt|pp|id|ids|identity|national\s+id|"
    r"id\s+cards?|document|documento|licen[cs]e|visa|ssn|sin|nin|nino|iban|account|acc|"
    r"acct|a/c|permit|case|file|ref|reference|cpf|rg|cnic|nic|curp|rfc|ine|dni|nie|nif|"
    r"itin|ein|pesel|aadhaa?r|pan|nric|fin|bvn|kra|cin|cni|tin|ktp|nik|sss|c[ée]dula|"
    r"carnet|seaman(?:'s)?\s+book|seafarer(?:'s)?\s+book|brp|iqama|emirates\s+id|"
    r"nid|nida|nrc|cnp|egn|oib|jmbg|amka|afm|bsn|hetu|tckn|kimlik|ppsn|ird|tfn|nhs|snils|"
    r"rut|dpi|dui|cip|ruc|cuil|cuit|mykad|hkid|qid|cpr|umid|gsis|philhealth|huduma|crn|pep|"
    r"till(?=\s+(?:no\b|number))"  # M-Pesa's merchant numbers: "till number 551604"
)  # with national ID numbers' names in many countries (Bangladesh NID, Romanian CNP,
# Colombia's permits for Venezuelans PEP and PPT…)
_DOC_CUE = re.compile(
    rf"(?P<cue>\b(?:{_DOC_WORDS})\s*(?:card\s*|book\s*)?(?:no\.?|number|num|#|nr\.?|n[º°o]\.?)?"
    r"(?:\s+(?:is|was|es|est|é))?\s*[:#]?\s*)"
    r"(?!(?:is|was|es|est)\s)"  # "BVN is 2218…": the verb is no part of the number
    r"(?P<val>(?=[A-Za-z0-9./()-]*\d)[A-Za-z0-9][A-Za-z0-9./()-]+[A-Za-z0-9]"
    r"(?:[ ](?=\d)[0-9][0-9./-]*[0-9])*"
    r"|[A-Z]{1,3}[ ]\d{4,}|\d{1,4}(?:[ ]\d{2,})+)",
    re.IGNORECASE,
)
# a passport or ID card's number in Cyrillic capitals after its cue: "Паспорт МС2719364",
# "пашпарт серыі МР № 3318204", "паспорт: АН 123456"
_CYRILLIC_DOC = re.compile(
    r"(?i:паспорт[аеуы]?|пашпарта?|посвідчення|пасведчанне|пасош[аот]?"
    r"|(?:лична|личная|личну|личную)\s+карт[аиуеы])"  # an ID card, Macedonian and Russian
    r"(?:\s+(?i:серии|серыі|серії|номер|№|nr|бр\.))?\s*[:№#]?\s*"
    r"(?P<val>[А-ЯЁІЎA-Z]{1,3}(?:\s?№)?\s?\d{6,9})(?![\w-])"
)
# a vehicle's plate: "licence plate KCA 123X", "plate no. ABC-1234", "van reg is YX21 ABC"
_PLATE = re.compile(
    r"\b(?i:plates?|reg(?:istration)?|matr[íi]cula|placa|plaque|targa|kennzeichen|"
    r"înmatriculare|inmatriculare|patente|номер(?:ом|а)?|госномер|kenteken|valst|"
    r"valstybini(?:s|ais|u)\s+numer(?:is|iais|iu)|valstybinis|kenderaan|rejestracyjn\w*|spz|rendszám\w*|plaka\w*|polisi|"
    # Swedish, Malay, Macedonian and Serbian: "registreringsnummer JYP 48L", "nombor
    # pendaftaran keretanya JQT 5521", "регистарски таблички GV 4821 AB"
    r"registreringsnummer|registreringsnr|regnr|pendaftaran(?:\s+[^\W\d_]+)?|регистарски\s+таблички|"
    r"регистарске\s+таблице|registarske\s+tablice|registarskih\s+tablica)\.?\s*"
    r"(?i:no\.?|number|nr\.?|#)?\s*"
    # "reg. KX19 TZW", "Kennzeichen des Transporters: L-XY 4821", "matrícula do camião é
    # AFG 442 MP", "No. pendaftaran kenderaan majikan: WXY 1234"
    r"(?:(?:[^\W\d_]+\s+){0,2}(?i:is|was|é|es|est|ist|era|foi)\s+"
    r"|(?:[^\W\d_]+(?:\s+[^\W\d_]+){0,2})?\s*:\s*)?"
    r"(?P<val>(?=[A-Z0-9 -]{0,10}\d)(?=[A-Z0-9 -]{0,10}[A-Z])"  # letters and digits
    r"[A-Z0-9]{1,4}(?:[ -]?[A-Z0-9]{1,4}){1,2})(?![\w-])"
)
_PLATE_HINTS = (
    "plat", "plac", "matr", "targa", "kennz", "reg", "nmatric", "patente", "номер", "kentek",
    "valst", "kenderaan", "rejestr", "spz", "rendsz", "plaka", "polisi", "pendaftaran",
    "таблич", "таблиц", "tablic",
)  # fmt: skip
# plates whose shape says what they are without a cue: the UK's ("BV68 KZN"), Ukraine's
# ("ВО 1234 АК", Cyrillic letters that look Latin), Kenya's ("KDA 913B"), India's
# ("PB10 HK 4821", a state's code first)
_PLATE_SHAPES = re.compile(
    r"(?<![\w-])(?:[A-Z]{2}\d{2} [A-Z]{3}"
    r"|[АВСЕНІКМОРТХ]{2} ?\d{4} ?[АВСЕНІКМОРТХ]{2}"
    r"|K[A-Z]{2} \d{3}[A-Z]"
    # Bulgaria's in Latin look-alikes ("CA 4417 KM"), Nigeria's and Mozambique's ("ENU 482
    # AG", "AFG 442 MP"), Romania's ("BC 22 VCO"), Germany's with its district ("B-KT 4127")
    r"|[ABCEHKMOPTXY]{1,2} \d{4} [ABCEHKMOPTXY]{2}"
    r"|[A-Z]{3} \d{3} [A-Z]{2}"
    r"|[A-Z]{1,2} \d{2,3} [A-Z]{3}"
    r"|[A-ZÄÖÜ]{1,3}-[A-Z]{1,2} \d{1,4}"
    # (with Delhi's class letter after the district: "DL 3C AZ 4417")
    r"|(?:AP|AR|AS|BR|CG|CH|DL|GA|GJ|HP|HR|JH|JK|KA|KL|MH|MP|OD|OR|PB|RJ|TN|TS|UK|UP|WB)"
    r"[ -]?\d{1,2}[A-Z]?[ -]?[A-Z]{1,3}[ -]?\d{4})(?![\w-])"
)
_EXTENSION = re.compile(r",?\s*(?i:ext|extn|extension|x|anexo|ramal|poste)\.?\s*\d{1,5}\b")
# a UK National Insurance number written in pairs: "QQ 12 34 56 C"
_NINO = re.compile(r"\b[A-Z]{2} \d{2} \d{2} \d{2} [A-D]\b")
_FIVE_PAIRS = re.compile(r"\d\d \d\d \d\d [A-D]")
# an IBAN written in groups of four: "GB47 BARC 2031 5846 2917 03"
_IBAN = re.compile(r"[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?![A-Z0-9])")
# letters then digits apart ("RX 482913", "B 047712"); currency codes are vetoed
_SPACED_DOC = re.compile(r"(?<![A-Za-z])(?P<pre>[A-Z]{1,3})[ ](?P<num>\d{5,12})(?!\w)")

_DOC_STARTS = words(
    """
    passport passports passeport pasaporte passaporte pp id ids identity national
    document documento license licence visa ssn sin nin nino iban account acc acct
    permit case file ref reference cpf rg cnic nic curp rfc ine dni nie nif itin ein
    pesel aadhaar aadhar pan nric fin bvn kra cin cni tin ktp nik sss cédula cedula
    carnet seaman seafarer brp iqama emirates nid nida nrc cnp egn oib jmbg amka afm bsn
    hetu tckn kimlik ppsn ird tfn nhs snils rut dpi dui cip ruc cuil cuit mykad hkid qid
    cpr umid gsis philhealth huduma crn pep ppt till
    """
)
# numbers of ships and flights are not personal: "(IMO 9123456)", "MMSI 538001234"
_NOT_PERSONAL = words("imo mmsi flight flt")
# an organisation's line: "the Migrant Help hotline (0800 …)", "Disque 100", "ligne verte"
_HOTLINE_BEFORE = re.compile(
    r"\b(?i:hotlines?|helplines?|help\s+line|toll[- ]?free|freephone|free\s+phone|"
    r"l[íi]nea(?:\s+gratuita)?|linha|ligne\s+verte|num[ée]ro\s+vert|disque|call\s+cent(?:re|er)|"
    r"infolinia|numero\s+verde|горяч\w*\s+лини\w+|гаряч\w*\s+ліні\w+|телефон\w*\s+довери\w+|"
    r"tel[ée]fono\s+gratuito|n[úu]mero\s+gratuito)"
    r"\b[^.;:\n]{0,36}$"
    # in scripts without spaces: "服务应急呼叫中心热线+86-10-12308", "핫라인 1577-…"
    r"|(?:热线|熱線|专线|專線|呼叫中心|ホットライン|相談窓口|핫라인|상담전화)[^。；\n]{0,8}$"
    # an organisation's own number in brackets: "Forced Marriage Unit (020 7008 0151)"
    r"|[A-Z][\w'’-]+\s+(?:Unit|Centre|Center|Office|Service|Embassy|Consulate|Ministry|"
    r"Department|Directorate|Commission|Helpdesk)\s*\(?$"
)
# free numbers of organisations: UK 0800/0808, North American 1-800/888/877/866, Russian
# and Kazakh 8-800, Spanish 900
_FREEPHONE = re.compile(
    r"\(?(?:\+?44\s?|0)80[08]|\(?(?:\+?1[\s-]?)?\(?8(?:00|88|77|66|55|44|33)\)?[\s-]"
    r"|8[\s-]800[\s-]"
    r"|(?:\+?34[\s-]?)?900[\s-]"  # Spain's free numbers: "900 10 50 90"
)
# a word's prefix glued by a hyphen to a number is no part of a document: Nguni and other
# Bantu noun-class and locative prefixes ("ngu-082 …", "ku-073 …", "e-19 Mgwaba Road"),
# capitalised opening a sentence ("Ngo-2023 kutholwe …": in 2023)
# scripts that write a preposition onto the word after it, a number too: Amharic "በ0911 …"
# (at), Hebrew "ב-050…", Arabic "و0912…" (and)
_PREFIXING = re.compile("[\u0590-\u05ff\u0600-\u06ff\u1200-\u137f]")
_GLUED_PREFIX = re.compile(r"(?:[a-z]{1,4}|[A-Z][a-z]{1,3})-(?=\d)")
_NOT_PERSONAL_BEFORE = re.compile(r"\b(?i:imo|mmsi|flight|flt)\s*(?:no\.?|number|#)?\s*:?\s*$")
# a business's number, Australia's ABN (11 digits) and ACN (9): no person's
_BUSINESS_BEFORE = re.compile(r"\b(?:ABN|ACN)\s*:?\s*$")


def _bounds(text: str, m: re.Match[str], kind: str) -> tuple[int, int]:
    """A number's span: with its extension ("7761-2248, ext. 3"), without a bracket opened
    before it and closed after ("등록증(930527-6284137)")."""
    end = m.start() + len(m.group(0).rstrip())
    if kind == PHONE and (ext := _EXTENSION.match(text, end)):
        end = ext.end()
    start = m.start()
    if m.group(0).startswith("(") and ")" not in m.group(0):
        start += 1
    return start, end


_MOST_SHIP_DIGITS = 9  # an IMO number has 7 digits, an MMSI 9


def _ship_or_flight(number: str) -> bool:
    """A ship's or a flight's number after its word; a longer one, or one with a country
    code, is a phone on the IMO messenger: "IMO 9779813305561", "imo +977 9842 113 506"."""
    core = number.strip()
    return not core.startswith("+") and sum(c.isdigit() for c in core) <= _MOST_SHIP_DIGITS


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


@cache
def _currencies() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies) | {"RS", "RM", "KSH", "TSH"}


# a number someone called or wrote from: "reached the hotline from (239) 555-0171" is the
# caller's, whatever hotline was named before it
_CALLER_BEFORE = re.compile(r"\b(?i:from|desde|depuis|von|vanaf|da)\s*[:(]?\s*$")


def _public(text: str, m: re.Match[str]) -> bool:
    """A hotline's or a free number: an organisation's, no one's."""
    if _FREEPHONE.match(m.group(0)):
        return True
    return bool(
        _HOTLINE_BEFORE.search(text, max(0, m.start() - 48), m.start())
        and not _CALLER_BEFORE.search(text, max(0, m.start() - 12), m.start())
    )


def public_numbers(text: str) -> list[tuple[int, int]]:
    """Where ``text`` has a hotline's or a free number: what the learned recogniser reads
    as a phone there is none (``learned.beside``)."""
    return [m.span() for m in _DIGITS.finditer(text) if _public(text, m)]


# a Russian or Ukrainian internal passport's series and number: "серия 92 14 № 483917"
_SERIES = re.compile(
    r"(?i:серия|серии|серія|серії|серыя|серыі)\s*[:]?\s*"
    r"(?P<val>\d{2}\s?\d{2}\s*(?:№|N|номер)?\s*\d{6})(?!\d)"
)


def _cyrillic_documents(text: str) -> list[Span]:
    if not any(
        cue in text for cue in ("аспорт", "ашпарт", "свідчення", "сведчанне", "асош", "карт")
    ):
        return []
    found = [*_CYRILLIC_DOC.finditer(text), *_SERIES.finditer(text)]
    return [(m.start("val"), m.end("val"), ID) for m in found]


def numbers(t: Text) -> list[Span]:
    """Cued document numbers, phone numbers and ID-like tokens (all contain digits)."""
    text = t.text
    spans = [(m.start("val"), m.end("val"), ID) for m in t.matches(_DOC_CUE, _DOC_STARTS)]
    spans += _cyrillic_documents(text)
    spans += [
        (m.start(), m.end(), ID) for m in _IBAN.finditer(text) if not after(text, m.start(), "")
    ]
    currencies = _currencies()
    if _FIVE_DIGITS.search(text):
        spans += [
            (m.start(), m.end(), ID)
            for m in _SPACED_DOC.finditer(text)
            if m.group("pre") not in currencies
            and m.group("pre").lower() not in _DOC_STARTS  # the cue rule keeps the cue
            and m.group("pre").lower() not in _NOT_PERSONAL
            and not after(text, m.start(), "$€£")
        ]
    for m in _DIGITS.finditer(text):
        if (
            # glued to a word, unless a bracket parts them: "외국인등록증(930527-6284137)"
            (
                after(text, m.start(), "+")
                and not m.group(0).startswith("(")
                and not _PREFIXING.match(text, m.start() - 1)
            )
            or (
                _NOT_PERSONAL_BEFORE.search(text, max(0, m.start() - 16), m.start())
                and _ship_or_flight(m.group(0))
            )
            or _public(text, m)
            or _BUSINESS_BEFORE.search(text, max(0, m.start() - 8), m.start())
        ):
            continue  # a ship's number, a hotline's, a business's: no one's
        kind = _digits_kind(m.group(0))
        if kind is not None and _TIMESTAMP.match(text, m.start()):
            continue  # a chat's or a log's date and hour: "[08/04/26 22:14]"
        if kind is not None:
            spans.append((*_bounds(text, m, kind), kind))
    if any(w in t.low for w in _PLATE_HINTS):
        spans += [(m.start("val"), m.end("val"), ID) for m in _PLATE.finditer(text)]
    spans += [(m.start(), m.end(), ID) for m in _PLATE_SHAPES.finditer(text)]
    if _FIVE_PAIRS.search(text):
        spans += [(m.start(), m.end(), ID) for m in _NINO.finditer(text)]
    return spans + _id_tokens(text)


def _id_tokens(text: str) -> list[Span]:
    """Tokens of letters and digits that look like a document's number ("AK0829174")."""
    spans: list[Span] = []
    for m in _DIGIT_TOKEN.finditer(text):
        start, end = m.start(), m.end()
        while start > 0 and text[start - 1] in _TOKEN_CHARS:
            start -= 1
        hyphen = text.rfind("-", start, end)
        if end < len(text) and hyphen > start and _CASE_SUFFIX.match(text, hyphen):
            end = hyphen  # a Turkic case suffix: "pasportunun nömrəsi C02471936-dır"
        if (start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_")) or (
            end < len(text) and (text[end].isalnum() or text[end] == "_")
        ):
            continue  # part of a longer word ("ardi_boss_07", "3ºB")
        token = text[start:end].strip("/-")
        if prefix := _GLUED_PREFIX.match(token):  # "ngu-082 …", "ku-073 …", "e-19 …"
            token = token[prefix.end() :]
        if len(token) >= 5 and not token.isdigit() and _is_document(token):
            at = start + text[start:end].index(token)
            spans.append((at, at + len(token), ID))
    return spans
