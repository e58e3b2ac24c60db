"""Exact and near-duplicate articles: the same wire story on forty sites is one story (pure).

Exact duplicates share a fingerprint of their normalised text. Near duplicates are found
with MinHash signatures over word 5-shingles and locality-sensitive hashing (32 bands of
4 rows): two texts whose shingle sets overlap by Jaccard ≥ ~0.5 almost always share a
band and are then compared on their signatures. A story is the first article of its
cluster; it remembers the outlets that carried it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import numpy as np

PERMUTATIONS = 128
BANDS = 32
ROWS = PERMUTATIONS // BANDS
SHINGLE = 5
THRESHOLD = 0.5  # estimated Jaccard similarity for "the same story"
_PRIME = np.uint64((1 << 31) - 1)  # a*x + b stays below 2**63 for 32-bit x
_rng = np.random.default_rng(20261129)  # fixed: signatures must agree across runs
_A = _rng.integers(1, int(_PRIME) - 1, PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, int(_PRIME) - 1, PERMUTATIONS, dtype=np.uint64)
_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def fingerprint(text: str) -> str:
    return hashlib.sha256(" ".join(words(text)).encode()).hexdigest()


def signature(text: str) -> np.ndarray:
    tokens = words(text)
    if len(tokens) < SHINGLE:
        tokens = tokens + [""] * (SHINGLE - len(tokens))
    grams = {" ".join(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}
    hashes = np.array(
        [int.from_bytes(hashlib.blake2b(g.encode(), digest_size=4).digest(), "big") for g in grams],
        dtype=np.uint64,
    )
    sig: np.ndarray = ((np.outer(hashes, _A) + _B) % _PRIME).min(axis=0)  # universal hashing
    return sig


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(a == b))


@dataclass
class Story:
    story_id: str
    outlets: set[str] = field(default_factory=set)
    relevant: bool = False
    emitted: bool = False


@dataclass
class Clusters:
    """Stories seen so far, with their signatures banded for lookup."""

    stories: dict[str, Story] = field(default_factory=dict)
    fingerprints: dict[str, str] = field(default_factory=dict)  # text hash -> story
    _bands: dict[tuple[int, bytes], list[str]] = field(default_factory=dict)
    _sigs: dict[str, np.ndarray] = field(default_factory=dict)

    def restore(self, story: Story, sig: np.ndarray) -> None:
        self.stories[story.story_id] = story
        self._index(story.story_id, sig)

    def signature_of(self, story_id: str) -> np.ndarray:
        return self._sigs[story_id]

    def _index(self, story_id: str, sig: np.ndarray) -> None:
        self._sigs[story_id] = sig
        for b in range(BANDS):
            self._bands.setdefault((b, sig[b * ROWS : (b + 1) * ROWS].tobytes()), []).append(
                story_id
            )

    def assign(self, article_id: str, text: str, outlet: str) -> tuple[Story, bool, str]:
        """The story this article belongs to, whether it is an exact duplicate, and the
        text's fingerprint (for the caller to remember)."""
        fp = fingerprint(text)
        if fp in self.fingerprints:
            story = self.stories[self.fingerprints[fp]]
            story.outlets.add(outlet)
            return story, True, fp
        sig = signature(text)
        keys = [(b, sig[b * ROWS : (b + 1) * ROWS].tobytes()) for b in range(BANDS)]
        best, best_sim = None, THRESHOLD
        for key in keys:
            for sid in self._bands.get(key, ()):
                sim = similarity(sig, self._sigs[sid])
                if sim >= best_sim:
                    best, best_sim = sid, sim
        if best is None:
            story = Story(article_id)
            self.stories[article_id] = story
            self._index(article_id, sig)
        else:
            story = self.stories[best]
        story.outlets.add(outlet)
        self.fingerprints[fp] = story.story_id
        return story, False, fp
