"""Chinese personal names found by a word segmenter with a dictionary (jieba, MIT): the
words its part-of-speech tagger calls person names ("nr"), joined when it splits one
("王" "美玲"), kept when they open with a Chinese surname of Faker's lists, are no word
its dictionary counts often and follow no digit ("3丁目" is a Japanese block). Not for text
with kana: Japanese is read by other rules (``scripts``).

jieba's dictionary is read once per process from the package (~2 s) or from
``built_store``; jieba's own cache file in the shared temporary directory is neither read
nor written, since another local user could plant one there.
"""

from __future__ import annotations

import re
import threading
from typing import Any

from producers.intake.scrubbing import built_store
from producers.intake.scrubbing.lexicon import fold, lexicon
from producers.intake.scrubbing.once import once

_HAN = re.compile("[\u4e00-\u9fff]")
_KANA = re.compile("[\u3040-\u30ff]")
_ALL_HAN = re.compile("[\u4e00-\u9fff]{2,4}")
# what the tagger reads as one piece: Han with the letters and digits among it
_BLOCK = re.compile("[\u4e00-\u9fd5A-Za-z0-9+#&._]+")  # jieba.posseg's re_han_internal
# a word the dictionary counts this often is an ordinary one it mistags ("高薪", high pay:
# 436); the names it lists are counted 0-160 times ("张建国" 13, "李强" 159)
_MAX_COUNT = 200
_LOCK = threading.Lock()


def _read_dictionary() -> tuple[dict[str, int], int, dict[str, str]]:
    """jieba's dictionary: each word's count, their total, each word's tag (~2 s)."""
    import jieba  # type: ignore[import-untyped]
    import jieba.posseg  # type: ignore[import-untyped]

    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    with tokenizer.get_dict_file() as fh:  # not initialize(): that reads /tmp/jieba.cache
        freq, total = tokenizer.gen_pfdict(fh)
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True
    return freq, total, jieba.posseg.POSTokenizer(tokenizer).word_tag_tab


def _decoded(table: Any) -> tuple[dict[str, int], int, dict[str, str]]:
    freq, total, tags = table
    if not (isinstance(freq, dict) and isinstance(total, int) and isinstance(tags, dict)):
        raise TypeError("another shape")
    return freq, total, tags


@once
def _tagger() -> Any:
    """jieba's tagger over its dictionary, read from ``built_store`` where it was kept."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    freq, total, tags = built_store.load_or_build("jieba", _read_dictionary, tuple, _decoded)
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True
    # the tagger's two attributes set here: its __init__ would read the file again
    tagger = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)
    tagger.tokenizer, tagger.word_tag_tab = tokenizer, tags
    return tagger


def word_count(word: str) -> int:
    """How often jieba's dictionary counts ``word`` (0 for a prefix of its words or none)."""
    return int(_tagger().tokenizer.FREQ.get(word, 0))


def han_name_spans(text: str) -> list[tuple[int, int]]:
    """Spans of Chinese personal names in ``text`` (module docstring)."""
    if not _HAN.search(text) or _KANA.search(text):
        return []
    out: list[tuple[int, int]] = []
    for block in _BLOCK.finditer(text):
        if _maybe_name(block.group(0)):
            out += _names(text, block.start(), block.end())
    return out


def _maybe_name(block: str) -> bool:
    """The plain cut (fast, ~0.1 ms) finds a surname alone or a word opening with one that
    the dictionary tags a name or does not know: only then is the block tagged (the
    tagger's HMM costs ~10 ms a paragraph). Not knowing is a count of 0: the dictionary
    holds every prefix of its words at 0 ("邓伟" of "邓伟明")."""
    tokenizer = _tagger().tokenizer
    tags = _tagger().word_tag_tab
    han_surnames = lexicon().scripts.han_surnames
    return any(
        w[0] in han_surnames and (len(w) == 1 or tags.get(w) == "nr" or not tokenizer.FREQ.get(w))
        for w in tokenizer.cut(block, HMM=True)
    )


def _names(text: str, first: int, last: int) -> list[tuple[int, int]]:
    with _LOCK:  # the tagger keeps state while it cuts
        pairs = [(p.word, p.flag) for p in _tagger().cut(text[first:last])]
    if sum(len(w) for w, _ in pairs) != last - first:
        return []  # the cut does not tile the text: no offsets to trust
    out: list[tuple[int, int]] = []
    pos = first
    run_start = -1
    for i, (word, flag) in enumerate(pairs):
        start = pos
        pos += len(word)
        if flag == "nr" and _HAN.match(word):
            if run_start < 0:
                run_start = start
            nxt = pairs[i + 1] if i + 1 < len(pairs) else ("", "")
            if nxt[1] == "nr" and _HAN.match(nxt[0]):
                continue  # a name split in two: "王" "美玲"
            if _kept(text, run_start, pos):
                out.append((run_start, pos))
        run_start = -1
    return out


def _kept(text: str, start: int, end: int) -> bool:
    name = text[start:end]
    sc = lexicon().scripts
    return (
        _ALL_HAN.fullmatch(name) is not None
        and name[0] in sc.han_surnames
        and _tagger().tokenizer.FREQ.get(name, 0) < _MAX_COUNT
        and fold(name) not in lexicon().places
        and not (start > 0 and text[start - 1].isdigit())
    )
