"""Trains the spelling model of name words (``scrubbing.name_shapes``): naive Bayes over
hashed character 2-, 3- and 4-grams, name words against ordinary words.

Name words: Faker's given names and surnames of every locale, and the words of the names
labelled in the files given. Ordinary words: Faker's word lists of every locale, English
words (web2), occupations, places, and the words of the files given outside every
identifier (kept in the model too: a word a partner wrote as an ordinary word is never a
name here). Deterministic: the same files and lexicon make the same model.

    python -m producers.intake.name_shapes_train --out M FILE...

The shipped model was built from batches 1-11 (batch 12 was the validation set). Its
negatives include the lexicon's places, which move with the news gazetteer (it changed
while this model was chosen), so a rebuild agrees with it closely, not bit for bit:

    python -m producers.intake.name_shapes_train --out producers/intake/scrubbing/name_shapes.npz \\
        producers/intake/data/privacy_blind_{1,2,3,4,5,6,7,8,9,10,11}.jsonl
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from producers.intake.privacy_eval import Record, read_records
from producers.intake.scrubbing.lexicon import _faker_lists, fold, lexicon
from producers.intake.scrubbing.name_shapes import BITS, WORD, grams


def _lorem() -> set[str]:
    """Faker's word lists of every locale."""
    import faker.providers.lorem as pkg

    out: set[str] = set()
    for mod in pkgutil.iter_modules(pkg.__path__):
        provider = importlib.import_module(f"{pkg.__name__}.{mod.name}").Provider
        words = getattr(provider, "word_list", ())
        out.update(w for w in words if isinstance(w, str))
    return out


def _labelled(records: Iterable[Record]) -> tuple[set[str], set[str]]:
    """Words of labelled names, and words outside every identifier."""
    names: set[str] = set()
    ordinary: set[str] = set()
    for r in records:
        spans = []
        for ident in r.identifiers:
            at = r.text.find(ident.text)
            while at >= 0:
                spans.append((at, at + len(ident.text), ident.kind))
                at = r.text.find(ident.text, at + 1)
        for m in WORD.finditer(r.text):
            kinds = [k for s, e, k in spans if s <= m.start() < e]
            if not kinds:
                ordinary.add(m.group(0))
            elif "name" in kinds:
                names.add(m.group(0))
    return names, ordinary


def train(paths: list[Path]) -> tuple[np.ndarray, list[str]]:
    """The model's log-odds per bucket and the files' ordinary words (folded, sorted)."""
    names, ordinary = _labelled(r for p in paths for r in read_records(p))
    pos = {p for n in _faker_lists("faker.providers.person", ("first_name", "last_name"))
           for p in n.split()} | names  # fmt: skip
    lex = lexicon()
    neg = _lorem() | ordinary | lex.english | lex.jobs | lex.places
    pos_folded = {fold(w) for w in pos if len(w) >= 2}
    neg_folded = {fold(w) for w in neg if len(w) >= 2} - pos_folded
    counts = {True: np.ones(1 << BITS), False: np.ones(1 << BITS)}  # add-one smoothing
    for is_name, words in ((True, pos_folded), (False, neg_folded)):
        for w in sorted(words):
            np.add.at(counts[is_name], grams(w), 1)
    log_odds = np.log(counts[True] / counts[True].sum()) - np.log(
        counts[False] / counts[False].sum()
    )
    vetoed = sorted({fold(w) for w in ordinary | _lorem()})
    return log_odds.astype(np.float16), vetoed


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("files", nargs="+", type=Path)
    args = ap.parse_args(argv)
    log_odds, ordinary = train(args.files)
    with args.out.open("wb") as f:
        np.savez_compressed(f, log_odds=log_odds, ordinary=np.array(ordinary))
    print(f"{args.out}: {len(ordinary)} ordinary words, {log_odds.size} buckets")


if __name__ == "__main__":
    main()
