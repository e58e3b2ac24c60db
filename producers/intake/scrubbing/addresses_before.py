"""The parts written before an address core, comma by comma, and addresses of the
continental form "street house, postcode town".

Before a core: a floor ("7/F, "), a named building, tower or farm ("Wing Fat Building, ",
"Marina Pearl Tower, ", "Rosehill Farm, "), a road without a number ("Marden Road, "), the
town just before a postcode ("Staplehurst TN12 0JD"). Each such part goes with the address
only when a core with a number follows it: "Green Valley Farm, Station Road" alone stays.
"""

from __future__ import annotations

import re

from producers.intake.scrubbing.street_words import (
    AREA_AFTER,
    BUILDING,
    CAPW,
    LANDMARKS,
    PART,
    STREET_AFTER,
)
from producers.intake.scrubbing.text import UPPER

_FARM = r"farm|ranch|hacienda|finca|fazenda|estate|plantation|mansion|cottage|barracks"
# one part before a core, ending where the core's comma is
_PART_BEFORE = re.compile(
    rf"(?<![\w'’-])(?:\d{{1,2}}/F|\d{{1,2}}F|(?:{CAPW}\s+){{0,3}}(?i:{BUILDING}|{_FARM})"
    rf"|(?:{CAPW}\s+){{1,3}}(?i:{STREET_AFTER})"
    rf"|{CAPW}(?:\s+{CAPW}){{0,2}}[\s-]+(?i:{AREA_AFTER}|sub-?city))\.?\s*,\s*$"
)
_TOWN_BEFORE = re.compile(rf"(?<![\w'’-]){CAPW}\s+$")
_POSTCODE_FIRST = re.compile(r"[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b|\d{4,5}\s")
_MOST_PARTS = 3
_REACH = 64


def with_parts_before(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Address spans widened over the parts before them, neighbours joined."""
    out: list[tuple[int, int]] = []
    for first, end in spans:
        start = _start_before(text, first)
        if out and start <= out[-1][1] + 2 and not text[out[-1][1] : start].strip(" ,"):
            start = out.pop()[0]
        out.append((start, end))
    return out


def _start_before(text: str, start: int) -> int:
    if _POSTCODE_FIRST.match(text, start) and (
        town := _TOWN_BEFORE.search(text, max(0, start - 40), start)
    ):
        start = town.start()  # "Staplehurst TN12 0JD"
    for _ in range(_MOST_PARTS):
        if not text[max(0, start - 3) : start].rstrip().endswith(","):
            break  # every part before a core ends in a comma
        m = _PART_BEFORE.search(text, max(0, start - _REACH), start)
        if m is None or "'s " in m.group(0) or "’s " in m.group(0):
            break  # "Mrs Okoro's place, 5 Adeola Odeku St": a person's, no address part
        start = m.start()
    return start


# "Am Kanal 4a, 44147 Dortmund", "Im Winkel 12, 50667 Köln", "Via Roma 3, 00184 Roma"
_CONTINENTAL = re.compile(
    rf"(?<![\w'’-])(?:{CAPW}\s+(?:(?:{PART}|dei|degli|delle|della)\s+)?){{1,4}}\d{{1,4}}[a-zA-Z]?"
    # a stairway and a flat ("Mannerheimintie 12 B 34"), a Czech "1234/56"
    rf"(?:[/-]\d{{1,4}})?(?:\s[A-Z]\s?\d{{1,3}})?,\s*"
    # postcodes of four or five digits, Czech, Slovak and Swedish "120 00", "114 55"
    rf"(?:(?:[A-Z]{{1,2}}-)?\d{{4,5}}|\d{{3}}\s\d{{2}})\s+{CAPW}(?:\s\d{{1,2}}(?!\d))?"
)
_CONTINENTAL_HINT = re.compile(
    r",\s*(?:(?:[A-Z]{1,2}-)?\d{4,5}|\d{3}\s\d{2})\s+[^\W\d_]|[^\W\d_]\s(?:\d{3}\s\d{2}|\d{5})(?!\d)"
)


# the town before its postcode (Greek "Ermou 112, Thessaloniki 546 25", "Αχαρνών 250,
# Αθήνα 104 46"); a Turkish street and its door ("Moda Cd. No:45 D:3", "Atatürk Sk. No: 7
# Daire: 2")
_CAPG = rf"(?!No\b)[{UPPER}][\w'’-]{{0,40}}"  # Greek and Cyrillic capitals too
_TOWN_POSTCODE = re.compile(
    rf"(?<![\w'’-])(?:{_CAPG}\s+){{0,3}}{_CAPG}\s+\d{{1,4}}[a-zA-Z]?,\s*{_CAPG}(?:\s+{_CAPG})?"
    r"\s+(?:\d{3}\s\d{2}|\d{5})(?!\d)"
)
_TURKISH = re.compile(
    rf"(?<![\w'’-])(?:{CAPW}\s+){{1,3}}(?i:sk|sok|sokak|sokağı|cd|cad|caddesi|bulv|blv|bulvarı)\.?"
    r"\s+No\s?:\s?\d{1,5}[A-Za-z]?(?:[\s,/]+(?:D|Daire|Kat|K)\s?:\s?\d{1,4})*"
)


# Slovak and Czech streets named by an adjective, in the locative after "na" without a
# street word: "býva na Hlavnej 12", "na Štúrovej 5/3", "na Dlouhé 14"
_LOCATIVE_STREET = re.compile(
    rf"(?<=(?<![\w'’-])[Nn]a\s)[{UPPER}][^\W\d_]{{2,24}}(?:ej|é)\s\d{{1,4}}[a-z]?(?:/\d{{1,4}}[a-z]?)?"
    r"(?![\w/-])"
)


def continental(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    if "No" in text:
        out += [(m.start(), m.end()) for m in _TURKISH.finditer(text)]
    if "na " in text or "Na " in text:
        out += [(m.start(), m.end()) for m in _LOCATIVE_STREET.finditer(text)]
    if not _CONTINENTAL_HINT.search(text):
        return out
    out += [(m.start(), m.end()) for m in _CONTINENTAL.finditer(text)]
    return out + [(m.start(), m.end()) for m in _TOWN_POSTCODE.finditer(text)]


# a home told by a landmark and the street it is on: "the yellow house behind the Shell
# station on Kimathi Street, Nyeri", "blue gate compound opposite Total filling station
# along Ngong Road"; the street alone ("on Oxford Street") is no address
_DESCRIBED = re.compile(
    r"(?<![\w'’-])(?:(?!(?:the|a|an|in|at|on|to|of|was|were)\b)[a-z]+\s+){0,2}"
    r"(?:house|compound|building|gate|room|flat|hut|home|shed|shack|block)\s+"
    r"(?:behind|opposite|next\s+to|near|beside|across\s+from|facing)\s+(?:the\s+)?"
    rf"(?:{CAPW}\s+){{1,3}}(?:[a-z]+\s+)?(?i:{LANDMARKS})\s+(?:on|along|off|in)\s+"
    rf"(?:{CAPW}\s+){{1,3}}(?i:{STREET_AFTER})\b(?:,\s*{CAPW}(?![\w'’-]))?"
)


# a named road and the landmark a home is by on it: "Upper Sakponba Road, behind St.
# Paul's Catholic Church", "Kimathi Street, opposite the Total station"; the road alone or
# a landmark alone ("behind the church") places no home
_ROAD_BY = re.compile(
    rf"(?<![\w'’-])(?:{CAPW}\s+){{1,3}}(?i:{STREET_AFTER})\b\.?,\s*"
    rf"(?i:behind|opposite|next\s+to|near|beside|across\s+from|facing)\s+(?:the\s+)?"
    rf"(?:(?:St|Ste|Sts)\.?\s+)?(?:{CAPW}\s+){{0,3}}(?i:{LANDMARKS})\b"
)


def described(text: str) -> list[tuple[int, int]]:
    if (
        "behind" not in text
        and "opposite" not in text
        and "next to" not in text
        and ("near" not in text and "beside" not in text and "across" not in text)
        and "facing" not in text
    ):
        return []
    return [(m.start(), m.end()) for m in _DESCRIBED.finditer(text)] + [
        (m.start(), m.end()) for m in _ROAD_BY.finditer(text)
    ]
