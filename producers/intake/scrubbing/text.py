"""What every scrubbing rule shares: the text read once, word sets, placeholders, spans.

Rules look up cue words in a set and try their patterns only where such a word begins:
an alternation of many words searched from every position cost tens of µs a text.
"""

from __future__ import annotations

import re
import unicodedata

EMAIL, PHONE, ID, URL, NAME = "[EMAIL]", "[PHONE]", "[ID]", "[URL]", "[NAME]"
ADDRESS, DOB, HANDLE = "[ADDRESS]", "[DOB]", "[HANDLE]"

Span = tuple[int, int, str]  # start, end, placeholder
DIGIT = re.compile(r"\d")
LEAD = re.compile(r"[^\W\d_]+")
# capitals of the Latin, Greek and Cyrillic alphabets, with Latin Extended Additional:
# Yoruba "Ọ", "Ẹ", "Ṣ" and Vietnamese "Ấ", "Ộ" open names too ("Ọládèjọ")
UPPER = "".join(
    chr(c)
    for c in (*range(0x41, 0x250), *range(0x370, 0x530), *range(0x1E00, 0x1F00))
    if chr(c).isupper()
)
POSSESSIVE = ("'s", "’s")
# Hebrew letters written onto the next word: "and" (ו), the article (ה), "in" (ב), "as"
# (כ), "to" (ל), "from" (מ), "that" (ש); the rules that read a word without them take
# their own subsets of this one list
HEBREW_PROCLITICS = "ובכלמשה"
# a word written with a capital and small letters after it; an acronym (ID, LVMPD, NAIA)
# or a code does not make chat text capitalised
_CAPITALISED = re.compile(rf"(?<![^\W\d_])[{UPPER}][^\W\d_]*[^\W\d_{UPPER}]")


def without_capitals(text: str) -> bool:
    """Text written (nearly) without capitals, as chat is: fewer than one capitalised
    word per 40 characters, so a lower-case word there may be a name."""
    letters = sum(c.isalpha() for c in text)
    shouted = sum(c.isupper() for c in text) * 2 > letters  # all in capitals is no chat
    return not shouted and len(_CAPITALISED.findall(text)) * 40 <= len(text)


def _mark_ranges() -> str:
    """The combining marks of the Basic Multilingual Plane as a character class's body."""
    ranges: list[str] = []
    start = None
    for c in range(0x300, 0x10001):
        mark = c < 0x10000 and unicodedata.category(chr(c))[0] == "M"
        if mark and start is None:
            start = c
        elif not mark and start is not None:
            ranges.append(f"\\u{start:04x}-\\u{c - 1:04x}" if c - 1 > start else f"\\u{start:04x}")
            start = None
    return "".join(ranges)


# combining marks: Indic and Thai vowel signs, viramas, Arabic harakat. ``\w`` holds none of
# them, so "(?<![^\W\d_])" read the "पता" (address) inside "लापता" (missing) as a word of
# its own; a word's edge is no letter and no mark
MARKS = _mark_ranges()
NOT_AFTER_LETTER = rf"(?<![^\W\d_])(?<![{MARKS}])"
NOT_BEFORE_LETTER = rf"(?![^\W\d_]|[{MARKS}])"


def script_of(ch: str) -> str:
    """The first word of a character's Unicode name: its script ("LATIN", "GEORGIAN")."""
    return unicodedata.name(ch, "?").split(" ", 1)[0]


def is_letter(ch: str) -> bool:
    """A letter or a combining mark: part of a word in any script."""
    return ch.isalpha() or unicodedata.category(ch)[0] == "M"


def words(text: str) -> frozenset[str]:
    """A word list written as one string, split on white space."""
    return frozenset(text.split())


_UNMARKED = str.maketrans({"đ": "d", "ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"})


def fold(word: str) -> str:
    """Lookup form: case folded, accents removed ("Gómez" → "gomez")."""
    if word.isascii():
        return word.casefold()
    decomposed = unicodedata.normalize("NFKD", word.casefold().translate(_UNMARKED))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def folded_too(listed: frozenset[str]) -> frozenset[str]:
    """A word list with each word's lookup form as well: lists are written as partners
    spell ("tía", "сяброўку"), and some rules look words up folded ("tia", "сяброуку")."""
    return listed | {fold(w) for w in listed}


def grouped(alternatives: str) -> str:
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


def lower(text: str) -> str:
    """``text`` in lower case, each character kept one character ("İ" lowers to two: "i"
    and a dot above), so offsets found in it hold for ``text`` too."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


class Text:
    """The text being scrubbed and its words (lower case, with where each begins), read
    once: every rule looks at the same original text and reports spans."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.low = lower(text)
        self.words = set(LEAD.findall(self.low))

    def starts(self, words: frozenset[str]) -> list[int]:
        """Where words of ``words`` begin. Cue patterns are tried only there: an
        alternation of many cue words searched from every position cost tens of µs a text."""
        hits = words.intersection(self.words)
        if not hits:
            return []
        low = self.low
        if len(low) != len(self.text):  # lower() changed a length ("İ"): walk the words
            return [m.start() for m in LEAD.finditer(self.text) if m.group(0).lower() in hits]
        out = []
        for w in hits:
            at = low.find(w)
            while at != -1:
                end = at + len(w)
                if (at == 0 or not is_letter(low[at - 1])) and (
                    end == len(low) or not is_letter(low[end])
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


def after(text: str, at: int, also: str) -> bool:
    """True when ``at`` follows a word character or one of ``also`` (no word boundary)."""
    return at > 0 and (text[at - 1].isalnum() or text[at - 1] == "_" or text[at - 1] in also)


def all_spans(pattern: re.Pattern[str], text: str, placeholder: str) -> list[Span]:
    return [(m.start(), m.end(), placeholder) for m in pattern.finditer(text)]
