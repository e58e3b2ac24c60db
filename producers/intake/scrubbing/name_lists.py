"""Names listed beside a found name, with no cue of their own (pure).

"Passengers gave first names only: Hieu, Tuan, Ana, Long and Minh", "[NAME] y Julio la
llevaron", "नाम: सुनील, सोनू, अंकित कुमार और मोहम्मद आरिफ़": people are listed with people.
In a list (items parted by commas or an "and" of its language, inside one sentence or
clause) that holds a name some rule found, every other item of one to three words is a
name too: in a script with capitals when each word is capitalised and none is a big place,
a country, a role or a function word, and a word ordinary in English only when the list
holds two found names; in a script without capitals only in a list of three items or
more, with no digit. A first or last item keeps only its words next to the list
("…, Long and Minh. One passenger" gives "Minh").
"""

from __future__ import annotations

import bisect
import itertools
import re

from producers.intake.scrubbing.lexicon import Lexicon, fold, lexicon
from producers.intake.scrubbing.text import NAME, Span, words
from producers.intake.scrubbing.wordlists import FUNCTION, PERSONS, ROLES, TITLES

# what ends a list: a sentence's or clause's mark, in Latin, Devanagari, Arabic, CJK text
_CLAUSE = re.compile(r"[.;:!?()\[\]\n।॥؛。；：！？（）]")
_SEP = re.compile(
    r"\s*[,،、]\s*(?:(?:and|y|e|et|und|i|и|ve|na|dan|và|at|og|och|en|és|și|ja|και|और|ও|و)\s+)?"
    r"|\s+(?:and|y|e|et|und|i|и|ve|na|dan|và|at|og|och|en|és|și|ja|και|और|ও|و)\s+"
)
# a word with the combining marks of its script: "अंकित", "आरिफ़" (\w stops at "ि")
_WORD = re.compile(
    r"[^\W\d_](?:[\w'’-]|[\u0300-\u036f\u0900-\u0963\u0966-\u0dff\u0e30-\u0e4e\u1000-\u109f])*"
)
_DIGIT = re.compile(r"\d")
# scripts written without spaces, where commas part clauses: Han, kana, Hangul, Thai
_UNSPACED = re.compile("[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3\u0e00-\u0e7f]")


# given names that are virtues or blessings (West Africa, the Caribbean, the Philippines):
# ordinary words alone, names when two or more are listed ("Precious, Favour e Blessing")
_VIRTUES = words(
    """
    blessing blessed favour favor precious mercy gift patience goodluck godswill comfort
    glory joy peace faith hope grace charity happiness princess miracle destiny promise
    treasure beauty lucky success goodness testimony divine marvellous wisdom
    """
)


def virtue_lists(text: str) -> list[Span]:
    """Given names that are virtues, two or more listed together: "Precious, Favour e
    Blessing", "Mercy and Joy" (a list of such words names people, one such word alone
    may be a word: "Hope for Justice"), or one after a title: "Sister Gift"."""
    if not _ANY_VIRTUE.search(text):
        return []
    out: list[Span] = [
        (m.start("name"), m.end("name"), NAME)
        for m in _TITLED_VIRTUE.finditer(text)
        if m.group("name").lower() in _VIRTUES
    ]
    for m in _LIST_OF_WORDS.finditer(text):
        items = list(_CAPITALISED.finditer(m.group(0)))
        if len(items) >= 2 and all(w.group(0).lower() in _VIRTUES for w in items):
            out += [(m.start() + w.start(), m.start() + w.end(), NAME) for w in items]
    return out


_CAPITALISED = re.compile(r"[A-Z][a-z]+")
_ANY_VIRTUE = re.compile("|".join(sorted(w.capitalize() for w in _VIRTUES)))
# titles a madam or a sister goes by: "Sister Gift", "Mamma Gift", "Auntie Joy"
_TITLED_VIRTUE = re.compile(
    r"(?<![\w-])(?:Sister|Sista|Mamma|Mama|Mummy|Madam|Madame|Maman|Auntie|Aunty|Aunt|"
    r"Iya|Oga|Brother)\s(?P<name>[A-Z][a-z]+)(?![\w-]|\s[A-Z])"
)
# not a name's part or an organisation's: "Mercy Ships"
_LIST_OF_WORDS = re.compile(
    rf"(?<![\w-])[A-Z][a-z]+(?:(?:{_SEP.pattern})[A-Z][a-z]+)+(?![\w-]|\s[A-Z])"
)


def listed(text: str, spans: list[Span]) -> list[Span]:
    names = sorted((s, e) for s, e, kind in spans if kind == NAME)
    if not names or not _SEP.search(text):
        return []
    lex = lexicon()
    out: list[Span] = []
    starts = [s for s, _ in names]
    bounds = [0, *(m.end() for m in _CLAUSE.finditer(text)), len(text) + 1]
    for lo, hi in itertools.pairwise(bounds):
        # names starting in the clause, by bisection: a scan of every name per clause
        # made a long text of short sentences quadratic
        window = names[bisect.bisect_left(starts, lo) : bisect.bisect_right(starts, hi)]
        inside = [(s, e) for s, e in window if e <= hi]
        if not inside:
            continue
        out += _items(text, lo, min(hi, len(text)), inside, lex)
    return out


def _items(text: str, lo: int, hi: int, found: list[tuple[int, int]], lex: Lexicon) -> list[Span]:
    pieces: list[tuple[int, int]] = []
    pos = lo
    closing = ""  # the last separator: without capitals a list ends in an "and"
    for m in _SEP.finditer(text, lo, hi):
        pieces.append((pos, m.start()))
        pos = m.end()
        closing = m.group(0)
    pieces.append((pos, hi))
    if len(pieces) < 2:
        return []
    # a piece is a found name, or an edge piece ends (or starts) with one: "Dice que
    # [NAME] y Julio …"
    last = len(pieces) - 1
    covers = _Covers(found)
    is_found = [
        covers.within(a, b) or (j < last and b in covers.ends) or (j > 0 and a in covers.starts)
        for j, (a, b) in enumerate(_trimmed(text, pieces))
    ]
    if not any(is_found):
        return []
    cased = any(c.isupper() for c in text[lo:hi])
    if not cased and (
        len(pieces) < 3
        or not _WORD.search(closing)
        or _UNSPACED.search(text, lo, hi)
        or any(len(_WORD.findall(text, a, b)) > 3 for a, b in pieces[1:-1])
    ):
        return []  # without capitals only a list that is one: three short items, an "and"
    plenty = sum(is_found) >= 2
    out: list[Span] = []
    # only items touching the found ones, in a run: a list is one stretch of the clause
    for direction in (-1, 1):
        for i, hit in enumerate(is_found):
            if not hit:
                continue
            j = i + direction
            while 0 <= j < len(pieces) and not is_found[j]:
                edge = direction if j in (0, len(pieces) - 1) else 0
                span = _name_item(text, pieces[j], edge=edge, cased=cased, plenty=plenty, lex=lex)
                if span is None:
                    break
                out.append((*span, NAME))
                j += direction
    return out


class _Covers:
    """Found spans (sorted), asked per piece in O(log n): every piece against every span
    made one long list quadratic (a hostile feed's page of "Maria, Maria, …" stalled the
    scrubber for minutes; tests/test_scrub_list_stall_attacker.py)."""

    def __init__(self, found: list[tuple[int, int]]) -> None:
        self.starts = {s for s, _ in found}
        self.ends = {e for _, e in found}
        self._firsts = [s for s, _ in found]
        self._reach = list(itertools.accumulate((e for _, e in found), max))

    def starts_in(self, a: int, b: int) -> bool:
        """Does a found span start in a..b ("Md. [NAME]": a title before it)?"""
        i = bisect.bisect_left(self._firsts, a)
        return i < len(self._firsts) and self._firsts[i] < b

    def within(self, a: int, b: int) -> bool:
        """Does a found span hold all of a..b (start at or before a, end at or after b)?"""
        i = bisect.bisect_right(self._firsts, a)
        return i > 0 and self._reach[i - 1] >= b


def _trimmed(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for a, b in pieces:
        chunk = text[a:b]
        lead, trail = len(chunk) - len(chunk.lstrip()), len(chunk) - len(chunk.rstrip())
        out.append((a + lead, b - trail))
    return out


def _name_item(
    text: str, piece: tuple[int, int], *, edge: int, cased: bool, plenty: bool, lex: Lexicon
) -> tuple[int, int] | None:
    """The span of a listed item that is a name, or None; ``edge`` is 1 for the last piece
    read rightwards, -1 for the first read leftwards, else 0."""
    words = list(_WORD.finditer(text, *piece))
    if not words or _DIGIT.search(text, *piece):
        return None
    if cased:
        words = _next_to_list(words, edge)
        if not 1 <= len(words) <= 3 or not all(_cased_name(w.group(0), plenty, lex) for w in words):
            return None
        if (item := fold(text[words[0].start() : words[-1].end()])) in lex.places or (
            item in lex.nations
        ):
            return None  # "the girls he sent to Burkina Faso, Grace Udoh and …"
    elif not 1 <= len(words) <= 3:
        return None
    return words[0].start(), words[-1].end()


def _next_to_list(words: list[re.Match[str]], edge: int) -> list[re.Match[str]]:
    """An edge item's capitalised words next to the list: "Minh. One passenger" gives
    "Minh", "Dice que Pedro" gives "Pedro"."""
    if not edge:
        return words
    ordered = words if edge > 0 else words[::-1]
    keep: list[re.Match[str]] = []
    for w in ordered:
        if not w.group(0)[0].isupper():
            break
        keep.append(w)
    return keep if edge > 0 else keep[::-1]


def _cased_name(word: str, plenty: bool, lex: Lexicon) -> bool:
    norm = fold(word)
    if not word[0].isupper() or norm in lex.places or norm in lex.nations:
        return False
    if norm in FUNCTION or norm in ROLES or norm in PERSONS or norm in TITLES:
        return False
    # a word no list of names holds only among two found names
    return (
        norm in lex.given
        or norm in lex.surnames
        or norm in _VIRTUES  # "Hope and [NAME]": a virtue listed with a name is one
        or (plenty and (norm not in lex.common or norm in lex.neutral))
    )


# a list's row: a head, then after a comma, a bracket or a dash an age or a word
# ("2. Favour Akpan, 15", "- Mercy (16)", "2. Shahidul Alam – passport EF7719304")
_ROW = re.compile(
    r"(?m)^[ \t]*(?:\d{1,3}[.)]|[-•*·▪])[ \t]+(?P<head>[^\W\d_][^\n,(\d–—]{0,60}?)"
    r"[ \t]*(?:[,(]|[ \t][–—-])[ \t]*(?:(?i:aged?)[ \t]+)?(?P<tail>\d{1,2}(?!\d)|[^\W\d_]+)"
)


def list_rows(text: str, spans: list[Span]) -> list[Span]:
    """The people of a register's rows beside a row whose person a rule found, each with
    an age or with the same word after it: "1. [NAME], 14\\n2. Favour Akpan, 15", "1. [NAME]
    – passport …\\n2. Shahidul Alam – passport …" (in scripts with capitals: "4. unnamed
    girl, approx. 13" is none)."""
    if "\n" not in text:
        return []
    rows = [m for m in _ROW.finditer(text) if any(c.isupper() for c in m.group("head"))]
    if len(rows) < 2:
        return []
    covers = _Covers(sorted((s, e) for s, e, kind in spans if kind == NAME))
    heads = [(m.start("head"), m.end("head")) for m in rows]
    found = [covers.within(a, b) or covers.starts_in(a, b) for a, b in heads]
    # what follows a found row's person: an age, or the word its rows go on with
    tails = {_tail(m) for m, hit in zip(rows, found, strict=True) if hit}
    if not tails:
        return []
    lex = lexicon()
    out: list[Span] = []
    for m, (a, b), hit in zip(rows, heads, found, strict=True):
        words = list(_WORD.finditer(text, a, b))
        if hit or _tail(m) not in tails or not 1 <= len(words) <= 3:
            continue
        if all(_cased_name(w.group(0), True, lex) for w in words):
            out.append((words[0].start(), words[-1].end(), NAME))
    return out


def _tail(row: re.Match[str]) -> str:
    tail = row.group("tail")
    return "" if tail.isdigit() else fold(tail)
