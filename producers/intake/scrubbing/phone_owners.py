"""Whose number a text gives (pure): "Numero di Lamin: 351 284 7716", "Simu ya Mzee
Hamisi: 0754 …", "Kontakt do Marka: 601 …", "Số Zalo của Đức: 0912 …", "Ганбатын утас:
9911 2345".

Partners end a note with the contacts it gives, each after the word for a number and
whose it is. The number is removed as a phone; the name before its colon is a name, a
title or kin word before it excepted ("Mzee", "Ìyá"), unless it is a role, an ordinary
word or a place ("Number of Victims: 5", "Numero di Roma: 06 …").
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.lexicon import english, fold, lexicon
from producers.intake.scrubbing.text import NAME, UPPER, Span, words
from producers.intake.scrubbing.wordlists import HONORIFICS, KIN_TITLES, PERSONS, TITLES

# a number's word, then whose: "number of", "numero di", "simu ya", "số … của"
_OF = (
    r"(?i:(?:phone\s+|mobile\s+|contact\s+|whatsapp\s+)?number|phone|mobile|cell|contact|"
    r"n[uú]mero(?:\s+de\s+tel[eé]fono)?|nomor(?:\s+(?:hp|telepon|wa))?|numer(?:\s+telefonu)?|"
    r"kontakt|telefon|simu|essimu|s[oố](?:\s+(?:điện\s+thoại|zalo|viber|whatsapp))?)"
    r"\s+(?i:of|di|de|do|del|da|dla|ya|wa|za|la|của|von|van|du|na|ng|ni)\s+"
)
_NAME_WORD = rf"[{UPPER}][^\W\d_]*(?:[-'’][^\W\d_]+)?"
# the colon or dash, then the number's first character
_THEN_NUMBER = r"\s*[:：–—-]\s*(?=[+(\d])"
_OWNER = re.compile(rf"{_OF}(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}){_THEN_NUMBER}")
# Mongolian writes the owner first, in the genitive: "Ганбатын утас:"
_MONGOLIAN = re.compile(rf"(?P<name>[А-ЯЁӨҮ][а-яёөү]+(?:ын|ийн|ны|ний))\s+утас{_THEN_NUMBER}")
_HINTS = ("núm", "num", "nom", "phone", "mobile", "cell", "contact", "kontakt",
          "telefon", "simu", "số", "so ", "утас")  # fmt: skip


def phone_owners(text: str) -> list[Span]:
    """NAME spans for the owners of the numbers a text gives after a colon."""
    low = text.lower()
    if not any(h in low for h in _HINTS):
        return []
    out: list[Span] = []
    for m in _OWNER.finditer(text):
        start, end = m.span("name")
        words = m.group("name").split()
        while words and fold(words[0]) in TITLES | KIN_TITLES | HONORIFICS:
            start = text.index(words[1], start) if len(words) > 1 else end
            words = words[1:]
        if words and all(_could_name(w) for w in words):
            out.append((start, end, NAME))
    out += [(*m.span("name"), NAME) for m in _MONGOLIAN.finditer(text)]
    return out


# what a number may be "of" that is no one: the record's own fields and places to call
_NOT_OWNERS = words(
    """
    telefono teléfono telefone téléphone telephone celular movil móvil mobile cellulare
    whatsapp casa home oficina office ufficio bureau emergencia emergency urgence
    contacto contatto referencia reference caso case expediente file cuenta account
    pasaporte passport documento document identidad identity cedula cédula hotline
    linea línea helpline embajada embassy consulado consulate policia policía polizia
    """
)


def _could_name(word: str) -> bool:
    """A name's word: listed, or no role, field, big place or English noun ("Victims",
    "Days", "Police"); a word like a name but English ("Lamin") may be one here."""
    lex = lexicon()
    f = fold(word)
    if f in lex.big_places or f in PERSONS or f in TITLES or f in lex.jobs or f in _NOT_OWNERS:
        return False
    if f in lex.given or f in lex.surnames:
        return True
    return not (english(f, lex) and (f in lex.common or f.endswith("s")))
