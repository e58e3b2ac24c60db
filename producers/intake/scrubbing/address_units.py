"""The flat, floor, stairway and door written beside an address that a rule found.

The rules read an address's core (street and house number, a chain of units); the parts
that say which home in the building are written after it, or before it, in each
country's own words: "2247, rue Beaubien Est, app. 5", "Sint-Jansplein 9 bus 3",
"Storgatan 41 B, lgh 1102", "הרצל 45 דירה 12", "…, ev 14, mənzil 33", "Pallati 12,
Shkalla 2, Ap. 8", "Οδός Αχαρνών 284, 4ος όροφος", "대림로27길 14, 302호", "…41-7
第三ビル4階". A part is such a word and a number or letter, a number and a floor's word,
or a number with a CJK or Hangul unit written onto it; parts touching an address (a
comma or a space apart) join it, and so does a known town after them, as the rules read
one after a street ("Storgatan 41 B, lgh 1102, Piteå"). They never make an address alone:
a flat number names no home until a street does. The words are those of Faker's secondary
address formats (en, es, it, ro, fa, hy, bn, zh_TW) and the unit words of other countries'
address forms.
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.lexicon import fold, lexicon
from producers.intake.scrubbing.street_words import CAPW, STREET_BEFORE_ANY
from producers.intake.scrubbing.text import NOT_AFTER_LETTER, Span

# a unit's word before its number or letter ("app. 5", "lgh 1102", "кв. 49", "Ap. 8");
# words that are ordinary words elsewhere only with their dot ("et." French "and")
_BEFORE = (
    # Faker's secondary formats and English, Romance, Romanian forms
    r"apt|apartment|app|appt|appartement|appartament|appartamento|apto|apartamento|ap|flat|unit|suite|"
    r"ste|level|lvl|floor|fl|room|rm|studio|dto|dpto|depto|departamento|piso|puerta|"
    r"pta|esc|escalera|interior|int|interno|oficina|piano|scala|sc(?=\.)|andar|"
    r"bloco|bloque|torre|[ée]tage|b[âa]t|b[âa]timent|escalier|bl(?=\.)|et(?=\.)|"
    # Dutch, Belgian (French "boîte" as Dutch "bus"), German, Austrian, Nordic, Central
    # European, Balkan, Turkic
    r"bus|bte|bo[îi]te|kamer|whg|wohnung|stiege|lgh|l[äa]genhet|leil|leilighet|lejl|fszt?|emelet|"
    r"ajt[óo]|byt|vchod|pok[óo]j|mieszkanie|lok|lokal|klatka|stan|sprat|ulaz|daire|blok|"
    r"mənzil|menzil|pallati|shkalla|hyrja|korpus|korp|"
    # Indonesian and Malay, Vietnamese, Thai floors and rooms; Welsh, Polish, Turkish
    r"lantai|tingkat|t[ầâ]ng|ph[òo]ng|ชั้น|ห้อง|fflat|hala|kat|"
    # Cyrillic, Greek, Armenian, Hebrew, Arabic, Persian, Bengali, Hindi
    r"кв|квартира|кімната|кімн|ап|апартамент|ет|етаж|вх|вход|бл|блок|корп|корпус|стр|строение|стан|спрат|"
    r"подъезд|эт|этаж|оф|офис|пом|помещение|διαμ|διαμέρισμα|բն|דירה|קומה|כניסה|شقة|"
    r"طابق|الطابق|واحد|طبقه|سوئیت|فيلا|فیلا|ফ্ল্যাট|ফ্লাট|फ्लैट|फ़्लैट|"
    # Haitian Creole "house number": "Delmas 33, kay nimewo 14"
    r"kay\s+nimewo"
)
# its number, or one capital letter ("вх. Б", "Dto. B")
_NUMBER = (
    r"(?:n[ºo°]\.?\s?|nr\.?\s?|#\s?|№\s?)?"
    r"(?:\d{1,5}[^\W\d_]?(?:[/-]\d{1,4}[^\W\d_]?)?|(?-i:[A-ZÀ-ÞА-ЯЁΑ-Ω])(?![^\W\d_]))"
)
# a floor or side after its number: an ordinal's mark ("4ος όροφος", "3º izq") or a dot
# ("2. OG", "4. emelet", "2. th")
_ORDINAL = r"\d{1,3}(?:ος|η|ο|º|ª|°|st|nd|rd|th)\s?(?:όροφος|ορ\.|piso|andar|floor|izq|izda|dcha)"
_DOTTED = (
    r"\d{1,2}\.\s?(?:og|eg|dg|stock|etage|emelet|em|piętro|kat|th|tv|mf|sal|hæð|ezkerra|eskuina|"
    r"ezk|esk|"
    r"solairua)"
)
# a floor told by its ordinal in words: "deuxième étage", "second floor"
_WORDED = (
    r"(?:premi[eè]re?|deuxi[eè]me|second|seconde|troisi[eè]me|quatri[eè]me|cinqui[eè]me|"
    r"first|third|fourth|fifth|top|ground)\s+(?:[ée]tage|floor)"
    # French "au troisième", Icelandic "efri hæð" (upper floor)
    r"|au\s+(?:premier|deuxi[eè]me|troisi[eè]me|quatri[eè]me|cinqui[eè]me|sixi[eè]me)"
    r"(?:\s+[ée]tage)?|(?:efri|neðri)\s+hæð"
)
_PART = re.compile(
    rf"(?i:{NOT_AFTER_LETTER}(?:{_BEFORE})\.?:?\s?{_NUMBER}(?![^\W\d_])"
    rf"|(?:{_ORDINAL}|{_DOTTED})\.?(?![^\W\d_])"
    rf"|{NOT_AFTER_LETTER}{_WORDED}(?![^\W\d_])"
    rf"|{NOT_AFTER_LETTER}(?:bis|ter|hinterhaus|vorderhaus|seitenfl[üu]gel)(?![^\W\d_])"
    # a Danish ground floor or cellar and its side: "st. th." (stuen, til højre), "kld. tv."
    rf"|{NOT_AFTER_LETTER}(?:st|kl|kld)\.\s?(?:th|tv|mf)\.?(?![^\W\d_])"
    # an Arabic floor told by its ordinal: "الدور الثالث", "الطابق الثاني"
    r"|(?:الدور|الطابق)\s+ال[\u0621-\u064a]{3,8}(?![\u0621-\u064a]))"
    # a unit written onto its number in CJK and Hangul, with a building's name before it
    r"|[^\s,、，。]{0,12}?\s?\d{1,5}(?:号室|號室|号|號|호|층|동|階|樓|楼|室)"
)
PART = _PART.pattern  # one part, for the chains of parts ``addresses_numbered`` reads
# a Hungarian house number closes with a dot before its units: "Kossuth utca 12. fsz. 3."
_SEP = r"(?:(?<=\d)\.\s+|\s*[,،、，]\s*|\s+)"
_NEXT = re.compile(_SEP + rf"(?:{_PART.pattern})")
_PREV = re.compile(rf"(?:{_PART.pattern}){_SEP}$")
_REACH = 40
# the street a block stands on, named before its units without a number
_STREET_PREV = re.compile(
    rf"(?<![\w'’-])(?i:{STREET_BEFORE_ANY})\.?\s+{CAPW}(?:\s+{CAPW}){{0,2}}\s*,\s*$"
)
# the town after the units, as the rules take one after a street ("…, lgh 1102, Piteå")
_TOWN = re.compile(
    r"\s*[,،、，]\s*([^\W\d_][\w'’-]*(?:[ -][^\W\d_][\w'’-]*){0,2})(?=\s*(?:[.,;:)]|$))"
)


def _known(name: str) -> bool:
    return fold(name) in lexicon().places


def with_units(text: str, spans: list[Span], kind: str) -> list[Span]:
    """``spans`` with the parts naming a flat, floor or door beside each ``kind`` span
    (module docstring); other spans as they were."""
    out: list[Span] = []
    for first, last, placeholder in spans:
        start, end = first, last
        if placeholder == kind:
            # a part the rule's span stops inside ("Φυλής 87, 3ος| όροφος") is taken whole
            for part in _PART.finditer(text, max(0, end - 8), min(len(text), end + 24)):
                if part.start() < end < part.end():
                    end = part.end()
                    break
            while m := _NEXT.match(text, end):
                end = m.end()
            if end > last and (town := _TOWN.match(text, end)) and _known(town.group(1)):
                end = town.end()  # "Storgatan 41 B, lgh 1102, Piteå": as the rules read it
            while m := _PREV.search(text, max(0, start - _REACH), start):
                start = m.start()
            if start < first and (street := _STREET_PREV.search(text, max(0, start - 48), start)):
                start = street.start()  # "Rruga Qemal Stafa, Pallati 12, …"
        out.append((start, end, placeholder))
    return out
