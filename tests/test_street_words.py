"""The street words an address may open with are one list: the scan tries the address
patterns only where a word of STARTERS begins, so a street word the patterns know but
STARTERS lacks is never tried ("chaussée de Wavre 318" was missed that way)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from producers.intake.scrubbing import street_words


def _literal_words(pattern: str) -> set[str]:
    """The plain words of an alternation, its one-letter classes expanded."""
    out: set[str] = set()
    for alt in re.sub(r"\(\?[=!][^)]*\)", "", pattern).split("|"):
        parts = re.split(r"(\[[^\]]+\])", alt.strip("()?:"))
        choices = [list(p[1:-1]) if p.startswith("[") else [p] for p in parts]
        for combo in itertools.product(*choices):
            word = "".join(combo)
            if re.fullmatch(r"[^\W\d_]+", word):
                out.add(word.lower())
    return out


def test_every_street_word_before_a_name_starts_an_address() -> None:
    source = Path(street_words.__file__).read_text(encoding="utf-8")
    block = re.search(r"STREET_BEFORE_ANY = grouped\((.*?)\n\)", source, re.S)
    assert block is not None
    pattern = "".join(re.findall(r'r"([^"]*)"', block.group(1)))
    words = _literal_words(pattern)
    assert len(words) > 100
    assert sorted(words - street_words.STARTERS) == []
