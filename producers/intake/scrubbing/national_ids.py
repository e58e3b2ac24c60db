"""Identity numbers whose letters the number rules do not read (pure).

"၁၂/ဗဟန(နိုင်)၀၆၃၁၅၉" (a Myanmar citizenship card: state, township code, citizenship
class, six digits), "УБ94071528" (a Mongolian register number: two Cyrillic letters and
eight digits), "ЕК 482193", "ΑΚ 482913" (Ukrainian and Greek passports and ID cards: two
capitals, six digits), "4518 № 603927" (a Russian passport's series and number). Each is
the form a state gives its documents, so none is an ordinary figure; and a ticket's
booking reference after its cue ("booking ref. QXJ7LM").
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.text import ID, NAME, Span

_IDS = re.compile(
    # Myanmar NRC, in Myanmar or ASCII digits
    r"[၀-၉0-9]{1,2}/[\u1000-\u1021\u1023-\u102a]{2,8}\((?:နိုင်|ဧည့်|ပြု|N|E|P)\)[၀-၉0-9]{5,6}"
    # two Cyrillic or Greek capitals, then eight digits (Mongolia) or six (passports)
    r"|(?<![^\W\d_])[А-ЯЁЄІЇҐӨҮΑ-Ω]{2}(?:\d{8}|\s?\d{6})(?!\d)"
    # a Russian passport: series of four digits, "№", six digits
    r"|(?<!\d)\d{4}\s?№\s?\d{6}(?!\d)"
)


# a ticket's booking reference after its cue: "booking ref. QXJ7LM", "PNR: K4T9ZQ",
# "예약번호 KX7Q2M" (five to eight capitals and digits, a digit among them)
_BOOKING = re.compile(
    r"(?i:booking\s+(?:ref(?:erence)?|code|no)\.?|pnr|reservation\s+(?:code|no\.?)|"
    r"confirmation\s+code|c[oó]digo\s+de\s+reserva|localizador|kode\s+booking)"
    r"|예약번호|订单号|予約番号"
)
_BOOKED = re.compile(r"[\s:：#-]*(?P<ref>(?=[A-Z]*\d)[A-Z0-9]{5,8})(?![A-Za-z0-9])")


# a passport's or ID card's machine-readable zone (ICAO 9303), its names line: the kind
# of document and its issuer ("P<PHL", "I<UTO"), then the holder's surname and given
# names, their parts joined by "<" and the two apart by "<<", padded with "<"
# ("P<PHLDELA<CRUZ<<ANALYN<MAE<<<<<<"); OCR may drop or add padding. The names go as one
# (the name rules left the surname glued to the issuer: "P<VNMTRAN<<[NAME]…")
_MRZ_NAMES = re.compile(
    r"(?<![A-Z0-9<])[PIACV][A-Z<][A-Z]{3}(?P<names>[A-Z]+(?:<[A-Z]+)*<<[A-Z]+(?:<{1,2}[A-Z]+)*)"
)


def mrz_spans(text: str) -> list[Span]:
    """The holder's names in a machine-readable zone's names line, as one name."""
    if "<<" not in text:
        return []
    return [(m.start("names"), m.end("names"), NAME) for m in _MRZ_NAMES.finditer(text)]


def national_id_spans(text: str) -> list[Span]:
    """Identity numbers of the forms above and booking references, as documents."""
    spans = [
        (b.start("ref"), b.end("ref"), ID)
        for m in _BOOKING.finditer(text)
        if (b := _BOOKED.match(text, m.end())) is not None
    ]
    if "№" not in text and not _LETTERS.search(text):
        return spans  # most texts: no Cyrillic, Greek or Myanmar letter
    return spans + [(m.start(), m.end(), ID) for m in _IDS.finditer(text)]


# capitals of Greek and Cyrillic (with Ukrainian and Mongolian ones), Myanmar consonants
_LETTERS = re.compile(
    "[\u0391-\u03a9\u0410-\u042f\u0401\u0404\u0406\u0407\u0490\u04e8\u04ae\u1000-\u1021]"
)
