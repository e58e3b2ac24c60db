"""Thai personal names from PyThaiNLP's bundled name lists (pythainlp, Apache-2.0: 12,222
given names and 9,836 family names in its wheel): a given name then a family name, each
written as one word between spaces or punctuation ("ไต้ก๋ง สมชาย แก้วประเสริฐ บ้านเลขที่…").
Thai writes no capitals and no spaces between words, but does put spaces around a name's
parts, so a known given name followed by a known family name is the evidence; either
alone is too often a word.

The lists are read from the package's files without importing pythainlp (its import
makes a data directory in the user's home), once per process (~0.1 s), on the first text
with Thai letters.
"""

from __future__ import annotations

import importlib.util
import itertools
import re
from functools import cache
from pathlib import Path

_THAI = re.compile("[\u0e01-\u0e4e]")
# a word of Thai letters with spaces or punctuation around it
_WORD = re.compile("[\u0e01-\u0e4e]+")
# what Thai writes onto the given name: "named" or a title ("ไต้ก๋งชื่อนายประเสริฐ แก้วมณี":
# the skipper named Mr Prasert Kaewmani)
_BEFORE = re.compile("ชื่อ|นางสาว|นาง|นาย|คุณ|เด็กหญิง|เด็กชาย")


@cache
def load() -> tuple[frozenset[str], frozenset[str]]:
    """(given names, family names); ImportError or OSError when pythainlp or its lists are
    missing (``bundled`` makes that refuse a start)."""
    spec = importlib.util.find_spec("pythainlp")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("No module named 'pythainlp'", name="pythainlp")
    corpus = Path(next(iter(spec.submodule_search_locations))) / "corpus"

    def read(name: str) -> frozenset[str]:
        lines = (corpus / name).read_text(encoding="utf-8").splitlines()
        return frozenset(w.strip() for w in lines if w.strip())

    given = read("person_names_female_th.txt") | read("person_names_male_th.txt")
    return given, read("family_names_th.txt")


@cache
def _lists() -> tuple[frozenset[str], frozenset[str]]:
    """(given names, family names), empty when they cannot load: pure callers still scrub;
    a start refuses first (``bundled``)."""
    try:
        return load()
    except (ImportError, OSError):
        return frozenset(), frozenset()


def th_name_spans(text: str) -> list[tuple[int, int]]:
    """Spans of Thai personal names in ``text`` (module docstring)."""
    if not _THAI.search(text):
        return []
    given, family = _lists()
    words = list(_WORD.finditer(text))
    out: list[tuple[int, int]] = []
    for first, second in itertools.pairwise(words):
        if second.group(0) not in family or text[first.end() : second.start()] != " ":
            continue
        cuts = [first.start()] + [m.end() for m in _BEFORE.finditer(text, *first.span())]
        start = next((c for c in cuts if text[c : first.end()] in given), -1)
        if start >= 0:
            out.append((start, second.end()))
    return out
