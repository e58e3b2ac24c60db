"""Dates of birth: a date after a cue ("born", "DOB", "née le", "nacida el"…).

Patterns rather than dateparser, because the cue is what makes a date a birth date, and
dateparser's search costs milliseconds a text and finds event dates too.
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.text import DOB, Span, Text, words

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

_DOB_STARTS = words(
    """
    born b dob dobs d date birth birthday birthdate née nee né ne nacido nacida fecha f
    nascido nascida data geboren geb nato nata născut nascut născută nascuta urodzony
    urodzona lahir tgl sinh ngày doğum doğumlu ur ipinanganak kapanganakan alizaliwa
    дата родилась родился народилася народився تاريخ مواليد
    """
)


def dob_spans(t: Text) -> list[Span]:
    """The dates after a birth cue."""
    return [(m.start("date"), m.end("date"), DOB) for m in t.matches(_DOB, _DOB_STARTS)]
