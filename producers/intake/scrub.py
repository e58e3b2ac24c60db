"""Scrubbing free text: identifiers become typed placeholders before anything is stored.

Order matters: URLs and emails first (they contain digits and dots the other rules would
split), then phone numbers, document numbers, and last personal names. The rules lean
towards over-scrubbing: a lost figure in a summary costs little, a leaked identifier
of a survivor costs a great deal. Names are found by cues (titles, "named", "aka") and
by a lexicon of common given names and surnames from the regions partners report on;
a name with none of these cues can get through, which is why summaries are optional.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from producers.intake.names import AMBIGUOUS, GIVEN_NAMES, NOT_NAMES, SURNAMES

EMAIL, PHONE, ID, URL, NAME = "[EMAIL]", "[PHONE]", "[ID]", "[URL]", "[NAME]"

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
_DOTTED = re.compile(r"\w\.\w|www|://", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
# a digit run with phone-style separators; judged by how many digits it holds
_DIGITS = re.compile(r"(?<![\w+])(?:\+|00)?\(?\d[\d\s().\-/]{4,}\d(?!\w)")
_ISO_DATE = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$")
_YEAR_RANGE = re.compile(r"^(?:1[89]|20)\d\d\s*[-/]\s*(?:(?:1[89]|20)\d\d|\d\d)$")
# tokens mixing letters and digits, judged by _is_document: passports, ID cards, IBANs
_TOKEN = re.compile(r"\b(?=[A-Za-z-]*\d)[A-Za-z0-9][A-Za-z0-9-]{3,}[A-Za-z0-9]\b")
# a number with a unit or suffix ("1990s", "18-year-old", "100km") is not a document
_NUMBER_WORD = re.compile(r"^\d+(?:[.,]\d+)?(?:-?[a-z]+)+$")
_DOC_CUE = re.compile(
    r"(?P<cue>\b(?:passport|id|identity|national\s+id|document|licen[cs]e|visa|ssn|iban|account|"
    r"permit|case)\s*(?:card\s*)?(?:no\.?|number|num|#|nr\.?)?\s*[:#]?\s*)"
    r"(?=[A-Za-z0-9-]*\d)[A-Za-z0-9][A-Za-z0-9-]{2,}",
    re.IGNORECASE,
)
_TITLE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Madam|Madame|Mme|Mlle|Sr|Sra|Srta|Herr|Frau|Pastor|Imam|"
    r"Chief|Alhaji|Alhaja)\.?\s+(?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,3}"
)
_NAME_CUE = re.compile(
    r"\b(?P<cue>named|called|name\s+is|known\s+as|alias|aka|a\.k\.a\.|nicknamed)\s+"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})"
)
_CAPS_RUN = re.compile(r"\b[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)*\b")
_AGE_AFTER = re.compile(r"^\s*,?\s*\(?\d{1,2}\)?\s*(?:,|\)|years?\b|yo\b|-year)")


@dataclass
class ScrubResult:
    text: str
    found: Counter[str] = field(default_factory=Counter)


def _is_document(token: str) -> bool:
    digits = sum(ch.isdigit() for ch in token)
    letters = sum(ch.isalpha() for ch in token)
    return digits >= 3 and letters >= 1 and not _NUMBER_WORD.match(token)


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


def _sub(pattern: re.Pattern[str], text: str, placeholder: str, found: Counter[str]) -> str:
    def repl(_: re.Match[str]) -> str:
        found[placeholder] += 1
        return placeholder

    return pattern.sub(repl, text)


def _names_in(text: str, found: Counter[str]) -> str:
    def title(m: re.Match[str]) -> str:
        found[NAME] += 1
        return NAME

    text = _TITLE.sub(title, text)

    def cue(m: re.Match[str]) -> str:
        found[NAME] += 1
        return f"{m.group('cue')} {NAME}"

    text = _NAME_CUE.sub(cue, text)

    def run(m: re.Match[str]) -> str:
        words = m.group(0).split()
        lowered = [w.lower().strip("'’") for w in words]
        if any(w in NOT_NAMES for w in lowered):
            return m.group(0)
        known = [w in GIVEN_NAMES or w in SURNAMES for w in lowered]
        if not any(known):
            return m.group(0)
        # a lone name counts when it is an unambiguous given name or an age follows ("Ana, 17")
        lone = len(words) == 1 and not _AGE_AFTER.match(text[m.end() : m.end() + 12])
        if lone and (lowered[0] not in GIVEN_NAMES or lowered[0] in AMBIGUOUS):
            return m.group(0)
        found[NAME] += 1
        return NAME

    return _CAPS_RUN.sub(run, text)


def scrub(text: str, *, names: bool = True) -> ScrubResult:
    """``text`` with identifiers replaced by [URL] [EMAIL] [PHONE] [ID] [NAME]."""
    found: Counter[str] = Counter()
    out = text
    # cheap tests first: each rule runs only where what it matches could be
    if "@" in out:
        out = _sub(_EMAIL, out, EMAIL, found)
    if _SPELT_DOT.search(out):
        out = _sub(_EMAIL_SPELT, out, EMAIL, found)
    if _DOTTED.search(out):
        out = _url(out, found)
    if _DIGIT.search(out):
        out = _numbers(out, found)
    if names:
        out = _names_in(out, found)
    return ScrubResult(out, found)


def scrub_place(name: str) -> ScrubResult:
    """A place name as intake stores it: the same identifiers as a summary except names."""
    return scrub(name, names=False)


def _url(out: str, found: Counter[str]) -> str:
    def url(m: re.Match[str]) -> str:
        found[URL] += 1
        text = m.group(0)
        return URL + text[len(text.rstrip(".,;:!?)]")) :]  # sentence punctuation stays

    return _URL.sub(url, out)


def _numbers(out: str, found: Counter[str]) -> str:
    """Cued document numbers, phone numbers and ID-like tokens (all contain digits)."""

    def cued(m: re.Match[str]) -> str:
        found[ID] += 1
        return m.group("cue") + ID

    out = _DOC_CUE.sub(cued, out)

    def digits(m: re.Match[str]) -> str:
        kind = _digits_kind(m.group(0))
        if kind is None:
            return m.group(0)
        found[kind] += 1
        trail = m.group(0)[len(m.group(0).rstrip()) :]
        return kind + trail

    out = _DIGITS.sub(digits, out)

    def document(m: re.Match[str]) -> str:
        if not _is_document(m.group(0)):
            return m.group(0)
        found[ID] += 1
        return ID

    return _TOKEN.sub(document, out)
