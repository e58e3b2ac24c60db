"""Route roles from how a text places each country: origin, transit, destination (pure).

Within a sentence, the words before a place decide its role: "from X", "recruited in X",
"X nationals" and nationalities of victims are origins; "via X", "through X", "transited
X" are transit; "to X", "into X", and "in X" where exploitation, rescue or a raid
happened are destinations. "from X to Y" gives both. Sentences that talk about trafficking
in general (reports, laws) do not assign roles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from producers.news.geoparse import Mention

SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'“])")
ORIGIN_BEFORE = re.compile(
    r"(?:\bfrom|\bnatives? of|\bcitizens? of|\bnationals? of|"
    r"\brecruit(?:ed|ing)(?: \w+){0,3} (?:in|from)|"
    r"\blured (?:from|in)|\babducted (?:in|from)|\bkidnapped (?:in|from)|\bhailing from|"
    r"\bhometowns? in|\bvillages? in|\bborn in|\brecruiters? in|\boriginally from)"
    r"(?:\s+(?:the|rural|northern|southern|eastern|western|central|neighbouring|"
    r"neighboring|impoverished|poor|parts of|areas of|villages in|provinces of))*\s+$",
    re.IGNORECASE,
)
TRANSIT_BEFORE = re.compile(
    r"(?:\bvia|\bthrough|\bacross|\btransit(?:ed|ing)?(?: through| in)?|\bby way of|"
    r"\bpassing through|\bcrossing(?: into)?|\bstopover in|\bthen)(?:\s+the)?\s+$",
    re.IGNORECASE,
)
DEST_BEFORE = re.compile(
    r"(?:\bto|\binto|\bfor work in|\bjobs? in|\bwork(?:ing|ed)? in|\bexploited in|"
    r"\bsold (?:in|to)|\bforced to work in|\bheld in|\bconfined in|\bcompounds? in|"
    r"\bbrothels? in|\bfarms? in|\bfactor(?:y|ies) in|\bvessels? (?:off|in)|"
    r"\barrived in|\bended up in|\bdestined for|\bbound for|\brescued in|\bfreed in|"
    r"\bfound in|\bdiscovered in|\braid(?:s|ed)? in|\bhouseholds? in|\bhomes? in|"
    r"\bemployers? in|\bemployed in|\bplaced in|\bmarried (?:off )?in|\bsent to|"
    r"\btaken to|\bbrought to|\btransported to|\btrafficked to|\bsmuggled to|\bmoved to|"
    r"\bdelivered to|\btrafficked into|\bexploitation in)(?:\s+the)?\s+$",
    re.IGNORECASE,
)
IN_BEFORE = re.compile(
    r"\b(?:in|at|near|outside|inside|off)(?:\s+the)?(?:\s+" + "(?:(?:north|south|east|west)"
    r"(?:ern)?|central|rural)" + r")?(?:\s+[A-Z][\w'-]*,)?\s+$",
    re.IGNORECASE,
)
# "from Edo State in Nigeria", "from villages in Kavre district of Nepal"
ORIGIN_NESTED = re.compile(r"\bfrom\s+(?:the\s+)?(?:[A-Z][\w'-]*\s+){1,4}(?:in|of)\s+(?:the\s+)?$")
# where an institution sits is not where the crime happened: "police in X said"
INSTITUTIONS = (
    r"(?:police|authorities|officials|officers|court|prosecutors?|investigators|embassy|"
    r"government|ministry|agency|inspectors|coastguards?|customs|office|sheriff|judges?|"
    r"navy|army|troops|rescuers|social workers|labou?r inspectors|reporters|journalists)"
)
COMPASS = r"(?:(?:north|south|east|west)(?:ern|-eastern|-western)?|central|rural)"
INSTITUTION_BEFORE = re.compile(
    INSTITUTIONS + r"\s+(?:in|of)(?:\s+the)?(?:\s+" + COMPASS + r")?"
    r"(?:\s+[A-Z][\w'-]*,?){0,3}\s+$",
    re.IGNORECASE,
)
# "Thai police", "an Australian court", "Brazil's labour ministry": where they act
INSTITUTION_AFTER = re.compile(
    r"^(?:'s|’s)?\s+(?:\w+\s+){0,2}" + INSTITUTIONS + r"\b", re.IGNORECASE
)
# "freed from a house in Kuwait": out of the place of exploitation, not from home
RESCUED_FROM = re.compile(
    r"\b(?:freed|rescued|escaped|released|fled|liberated|removed|pulled|returned|"
    r"repatriated|deported|came back|flown home)\s+from"
    r"(?:\s+[\w'-]+){0,4}\s+$",
    re.IGNORECASE,
)
NATIONAL_CAPITAL = re.compile(r"^\s+capital\b", re.IGNORECASE)
# a list continues the role of its first item: "from Kenya, Ethiopia and the Philippines"
LIST_GAP = re.compile(r"^(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+|\s+or\s+|\s*/\s*)(?:the\s+)?$")
# exploitation or rescue at the place, not just an arrest there
EXPLOITED_HERE = re.compile(
    r"\b(?:rescued|freed|exploit(?:ed|ation)|forc(?:ed|ing)|brothels?|held|confined|compounds?|"
    r"working|worked|enslaved|captive|found|discovered|victims?|servitude|farms?|"
    r"factor(?:y|ies)|kilns?|vessels?|homes?|houses?|households?|bars?|flats?|sold|"
    r"locked|raid(?:ed|s)?|abused)\b",
    re.IGNORECASE,
)
EXPLOIT_CONTEXT = re.compile(
    r"\b(?:rescued|freed|raid(?:ed|s)?|exploit(?:ed|ation)|forced|brothels?|held|"
    r"confined|compounds?|working|worked|enslaved|sold|captive|discovered|found|"
    r"intercepted|arrest(?:ed|s)?|detained|victims?|trafficked|servitude|bonded|"
    r"labou?r|prostitution|scam|lured|recruited|deceived|abducted|kidnapped|smuggled|"
    r"transported|trafficking|taken|promised|promises|sent|moved|brought|withheld|locked|"
    r"wages|passports?|went|beaten|abused|forcing|holding|jailed|convicted|charged)\b",
    re.IGNORECASE,
)
GENERAL = re.compile(
    r"\b(?:report|index|law|bill|legislation|conference|summit|strategy|campaign|"
    r"awareness|ranking|tier|annual|survey|estimates?|globally|worldwide)\b",
    re.IGNORECASE,
)
PEOPLE_AFTER = re.compile(
    r"^(?:\s*(?:,|and|or)\s+[A-Z][\w-]+)*\s+(?:(?:young|teenage|underage|migrant|undocumented|domestic|factory|farm|"
    r"construction|female|male)\s+)*(?:women|woman|girls?|boys?|men|children|child|"
    r"minors?|nationals?|workers?|victims?|migrants?|citizens?|teenagers?|fishermen|"
    r"labou?rers|maids?|brides?|survivors?|people|job ?seekers|recruits|refugees|"
    r"students|infants|babies|families|youths?)\b",
    re.IGNORECASE,
)


@dataclass
class Roles:
    origin: list[str] = field(default_factory=list)
    transit: list[str] = field(default_factory=list)
    destination: list[str] = field(default_factory=list)

    def add(self, role: str, code: str) -> None:
        bucket = getattr(self, role)
        if code not in bucket:
            bucket.append(code)


def _sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in SENTENCE.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _role(  # noqa: PLR0911 - one return per role rule
    text: str, s: int, e: int, m: Mention, exploited_here: bool
) -> str | None:
    before = text[max(s, m.start - 60) : m.start]
    after = text[m.end : min(e, m.end + 40)]
    if m.kind == "nationality":
        if PEOPLE_AFTER.match(after):
            return "origin"
        if NATIONAL_CAPITAL.match(after) and exploited_here:
            return "destination"  # "the Senegalese capital"
        return "fallback" if INSTITUTION_AFTER.match(after) and exploited_here else None
    if INSTITUTION_BEFORE.search(before) or INSTITUTION_AFTER.match(after):
        return "fallback" if exploited_here else None
    if RESCUED_FROM.search(before):
        return "destination"
    if (
        ORIGIN_BEFORE.search(before)
        or ORIGIN_NESTED.search(before)
        or re.match(r"^\s+nationals?\b", after)
    ):
        return "origin"
    if TRANSIT_BEFORE.search(before):
        return "transit"
    if DEST_BEFORE.search(before):
        return "destination"
    if exploited_here and (
        IN_BEFORE.search(before) or (m.kind == "city" and before.rstrip().endswith(","))
    ):
        return "destination"
    return None


def roles(text: str, mentions: list[Mention]) -> Roles:
    found = Roles()
    fallback: list[str] = []  # where police or a court acted, if nothing else is said
    for s, e in _sentences(text):
        sentence = text[s:e]
        if not EXPLOIT_CONTEXT.search(sentence) or (
            GENERAL.search(sentence) and not re.search(r"\b(?:rescued|arrested|freed)\b", sentence)
        ):
            continue
        inside = [m for m in mentions if s <= m.start < e]
        exploited_here = EXPLOITED_HERE.search(sentence) is not None
        previous: tuple[Mention, str | None] | None = None
        for m in inside:
            role = _role(text, s, e, m, exploited_here)
            if role is None and previous is not None and previous[1] is not None:
                gap = text[previous[0].end : m.start]
                if LIST_GAP.match(gap) and (m.kind == "nationality") == (
                    previous[0].kind == "nationality"
                ):
                    role = previous[1]
            if role == "fallback":
                fallback.append(m.country)
            elif role is not None:
                found.add(role, m.country)
            previous = (m, role if role != "fallback" else None)
    if not found.destination:
        for code in fallback:
            found.add("destination", code)
    # a country named as both origin and destination is a domestic case: keep both;
    # a transit country that is also an end point is not transit
    found.transit = [c for c in found.transit if c not in found.origin + found.destination]
    return found
