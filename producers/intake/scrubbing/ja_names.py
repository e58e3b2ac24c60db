"""Japanese personal names found by a morphological analyser with a dictionary (fugashi,
MIT, over MeCab; unidic-lite, BSD, in its wheel): the words UniDic tags proper nouns of
persons (固有名詞・人名: a surname 姓, a given name 名, or a foreign name in katakana),
joined when they stand together ("山口" "恵子", "佐々木 美咲", "マリア・レイエス"). Only for
text with kana: Chinese is read by ``han_names``.

The analyser is built once per process (~5 ms; the dictionary is mapped, not read).
"""

from __future__ import annotations

import re
import threading
from functools import cache
from typing import Any

from producers.intake.scrubbing.lexicon import fold, lexicon

_KANA = re.compile("[\u3040-\u30ff]")
# what may stand between two parts of one name: a space or katakana's middle dot
_JOIN = re.compile("[ \u3000\u30fb\uff65]?")
_LOCK = threading.Lock()


@cache
def load() -> Any:
    """The analyser; ImportError or RuntimeError when fugashi or its dictionary is missing
    (``bundled`` makes that refuse a start)."""
    import fugashi  # type: ignore[import-untyped]
    import unidic_lite  # type: ignore[import-untyped]

    return fugashi.Tagger(f'-d "{unidic_lite.DICDIR}"')


@cache
def _tagger() -> Any:
    """The analyser, or None when it cannot load: pure callers (the evaluation, tests)
    still scrub; a start refuses first (``bundled``)."""
    try:
        return load()
    except (ImportError, RuntimeError):
        return None


def ja_name_spans(text: str) -> list[tuple[int, int]]:
    """Spans of Japanese personal names in ``text`` (module docstring)."""
    if not _KANA.search(text) or _tagger() is None:
        return []
    with _LOCK:  # MeCab's lattice is the tagger's own
        words = [(w.surface, w.white_space, _is_person(w)) for w in _tagger()(text)]
    out: list[tuple[int, int]] = []
    pos = 0
    run: tuple[int, int] | None = None
    for surface, space, person in words:
        start = text.find(surface, pos)
        if start < 0:
            return []  # the analyser changed the text: no offsets to trust
        pos = start + len(surface)
        if person:
            if run is not None and _JOIN.fullmatch(text[run[1] : start]):
                run = (run[0], pos)
            else:
                if run is not None:
                    out.append(run)
                run = (start, pos)
        elif run is not None and not (surface in "・･" and not space):
            out.append(run)
            run = None
    if run is not None:
        out.append(run)
    spans = [_dotted(text, s, e) for s, e in out if _kept(text[s:e])]
    return [(s, e) for s, e in spans if not text.startswith(_PLACE_AFTER, e)]


# a person's name before one of these names a place: "ホー・チ・ミン市", "ワシントン州"
_PLACE_AFTER = (*"市町村区県州郡島港駅橋", "通り", "大学", "病院", "会社", "商店")


# katakana words joined to a name by middle dots are its other parts ("アナ・ロペス": UniDic
# knows "ロペス" as a person, "アナ" only as a word)
_DOTTED_BEFORE = re.compile("(?:[\u30a1-\u30fa\u30fc]+[\u30fb\uff65])+$")
_DOTTED_AFTER = re.compile("(?:[\u30fb\uff65][\u30a1-\u30fa\u30fc]+)+")


def _dotted(text: str, start: int, end: int) -> tuple[int, int]:
    before = _DOTTED_BEFORE.search(text, 0, start)
    after = _DOTTED_AFTER.match(text, end)
    return (before.start() if before else start, after.end() if after else end)


def _is_person(word: Any) -> bool:
    f = word.feature
    return bool(f.pos2 == "固有名詞" and f.pos3 == "人名")


def _kept(name: str) -> bool:
    """Two characters at least (one kanji alone is as often a word), and no place."""
    return len(name.strip()) >= 2 and fold(name) not in lexicon().places
