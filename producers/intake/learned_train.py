"""Trains the learned recogniser of identifiers (a linear-chain CRF, python-crfsuite) and
scores it leave-one-batch-out.

Training text: labelled records (batches, made-up sets) as written, and copies of them in
which every identifier is replaced by one Faker makes for a locale of the record's
language (names of 111 locales, their address, phone and date forms), keeping the
original's casing and word count. The contexts are real partner writing; the identifiers
in them vary far beyond the batches, so the model cannot learn the batches' names.

    python -m producers.intake.learned_train --out M [--copies 10] [--seed 1] FILE...
    python -m producers.intake.learned_train --lobo FILE...   # train without k, score k

The shipped model is built from batches 1-23 and the made-up sets (``MODEL`` in
``scrubbing.learned``); the command that built it is in that module's docstring.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import faker.config
from faker import Faker

from producers.intake.privacy_eval import Identifier, Record, read_records, score
from producers.intake.scrubbing.learned_features import features, tokenize
from producers.intake.scrubbing.text import Span

LABELS = {
    "name": "N",
    "address": "A",
    "dob": "D",
    "handle": "H",
    "email": "E",
    "phone": "P",
    "document": "I",
    "url": "U",
}


def token_labels(record: Record) -> tuple[list[list[str]], list[str]]:
    """Features and one label per token: the kind of the identifier covering it, or O."""
    text = record.text
    marks = ["O"] * len(text)
    for ident in sorted(record.identifiers, key=lambda i: len(i.text)):  # longest last
        at = text.find(ident.text)
        while at != -1:
            marks[at : at + len(ident.text)] = [LABELS[ident.kind]] * len(ident.text)
            at = text.find(ident.text, at + 1)
    tokens = tokenize(text)
    labels = []
    for s, e, _ in tokens:
        inside = [m for m in marks[s:e] if m != "O"]
        labels.append(max(set(inside), key=inside.count) if inside else "O")
    return features(tokens, record.field == "place"), labels


# --- synthetic copies ---------------------------------------------------------------

_LOCALES = [loc for loc in faker.config.AVAILABLE_LOCALES if loc not in ("la", "dk_DK", "fr_QC")]
_LATIN = re.compile(r"^[\sA-Za-zÀ-ɏḀ-ỿ'’.,\-0-9]+$")


class Makers:
    """One Faker per locale, made when first asked for."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self._made: dict[str, Faker] = {}

    def get(self, locale: str) -> Faker:
        if locale not in self._made:
            f = Faker(locale)
            f.seed_instance(self.seed + len(self._made))
            self._made[locale] = f
        return self._made[locale]

    def for_lang(self, lang: str) -> list[str]:
        return [
            loc for loc in _LOCALES if loc.split("_")[0] in (lang, "fil" if lang == "tl" else "")
        ]


def _cased_like(original: str, new: str) -> str:
    if original.islower():
        return new.lower()
    if original.isupper() and len(original) > 3:
        return new.upper()
    return new


def _name(f: Faker, original: str, rng: random.Random) -> str:
    words = len(original.split())
    if words <= 1:
        out = f.first_name() if rng.random() < 0.6 else f.last_name()
    elif words == 2:
        out = f"{f.first_name()} {f.last_name()}"
    else:
        out = f"{f.first_name()} {f.first_name()} {f.last_name()}"
    return _cased_like(original, out)


def _address(f: Faker, original: str, rng: random.Random) -> str:
    out = f.address().replace("\n", ", ") if "," in original else f.street_address()
    return _cased_like(original, out)


_DATE_FORMATS = (
    "%d/%m/%Y",
    "%d.%m.%Y",
    "%Y-%m-%d",
    "%d %B %Y",
    "%B %d, %Y",
    "%d-%m-%Y",
    "%m/%d/%Y",
)


def _value(kind: str, f: Faker, original: str, rng: random.Random) -> str | None:
    makers: dict[str, Callable[[], str]] = {
        "name": lambda: _name(f, original, rng),
        "address": lambda: _address(f, original, rng),
        "phone": lambda: str(f.phone_number()),
        "email": lambda: str(f.email()),
        "url": lambda: str(f.url()).rstrip("/") + rng.choice(["", "/p/" + f.user_name()]),
        "handle": lambda: rng.choice(["@", "@", ""]) + str(f.user_name()),
        "dob": lambda: str(
            f.date_of_birth(minimum_age=12, maximum_age=60).strftime(rng.choice(_DATE_FORMATS))
        ),
        "document": lambda: f.bothify(
            rng.choice(["??#######", "#########", "?########", "##-####-###"])
        ).upper(),
    }
    try:
        return makers[kind]()
    except (AttributeError, ValueError):  # a locale without that provider
        return None


def synthetic_copy(record: Record, makers: Makers, rng: random.Random) -> Record | None:
    """The record with each identifier replaced by a made-up one of its kind (all its
    occurrences, and the parts of a name said again alone, the same way)."""
    own = makers.for_lang(record.lang)
    text = record.text
    new_ids: list[Identifier] = []
    swaps: dict[str, str] = {}
    for ident in sorted(record.identifiers, key=lambda i: -len(i.text)):
        if ident.text in swaps:
            new_ids.append(Identifier(ident.kind, swaps[ident.text]))
            continue
        # a name in Latin letters may come from anywhere; in another script, from its language
        latin = bool(_LATIN.match(ident.text))
        pool = (own if own and rng.random() < 0.5 else _LOCALES) if latin else own
        if not pool:
            new_ids.append(ident)
            continue
        value = _value(ident.kind, makers.get(rng.choice(pool)), ident.text, rng)
        if not value or value in text:
            new_ids.append(ident)
            continue
        swaps[ident.text] = value
        new_ids.append(Identifier(ident.kind, value))
    if not swaps:
        return None
    # longest first, through placeholders, so "Grace" inside "Grace Mwangi" is not hit twice
    keys = sorted(swaps, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(k) for k in keys))
    text = pattern.sub(lambda m: swaps[m.group(0)], text)
    kept = tuple(i for i in new_ids if i.text in text)
    return Record(record.id + "~", record.field, record.lang, text, kept)


def training_set(records: Sequence[Record], copies: int, seed: int) -> list[Record]:
    rng = random.Random(seed)  # noqa: S311 (made-up training text, no secret)
    makers = Makers(seed)
    out = list(records)
    for _ in range(copies):
        for r in records:
            if r.identifiers and (c := synthetic_copy(r, makers, rng)) is not None:
                out.append(c)
    return out


# --- training and scoring -------------------------------------------------------------

PARAMS = {"c1": 0.05, "c2": 0.05, "max_iterations": 150, "feature.possible_transitions": True}


def train(records: Sequence[Record], out: Path, params: dict[str, object] | None = None) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for r in records:
        xs, ys = token_labels(r)
        if xs:
            trainer.append(xs, ys)
    trainer.set_params(params or PARAMS)
    trainer.train(str(out))


def _records(paths: Sequence[Path]) -> list[Record]:
    return [r for p in paths for r in read_records(p)]


def _scrubbed(records: Sequence[Record], recogniser: Callable[[str], list[Span]]) -> list[str]:
    """Each record as intake stores it, the learned part replaced by ``recogniser``."""
    from producers.intake.privacy_eval import scrub_field
    from producers.intake.scrubbing import learned

    def patched(text: str, place: bool = False) -> list[Span]:
        return recogniser(text)

    real = learned.spans
    learned.spans = patched  # type: ignore[assignment]
    try:
        return [scrub_field(r) for r in records]
    finally:
        learned.spans = real


def lobo(held: Path, rest: Sequence[Path], extra: Sequence[Path], args: argparse.Namespace) -> None:
    """Trains without ``held`` and prints its scores (numbers only): the rules alone, the
    model alone and both, at each threshold."""
    import pycrfsuite

    from producers.intake.scrubbing import learned
    from producers.intake.scrubbing.pipeline import _apply

    model = args.workdir / f"without-{held.stem}.crfsuite"
    t0 = time.perf_counter()
    if not (args.reuse and model.exists()):
        train(training_set(_records([*rest, *extra]), args.copies, args.seed), model)
    row: dict[str, object] = {"held_out": held.name, "train_s": round(time.perf_counter() - t0)}
    test = list(read_records(held))
    row["rules"] = score(test, _scrubbed(test, lambda text: [])).summary()
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    spans = learned.spans  # the real one: _scrubbed swaps the module's for ``found``
    for thr in args.threshold:

        def found(text: str, thr: float = thr) -> list[Span]:
            return spans(text, False, tagger, thr, args.kinds)

        alone = [r.text if r.field == "place" else _apply(r.text, found(r.text)).text for r in test]
        row[f"model_{thr}"] = score(test, alone).summary()
        row[f"combined_{thr}"] = score(test, _scrubbed(test, found)).summary()
    print(json.dumps(row), flush=True)


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="+", type=Path, help="labelled batches")
    ap.add_argument("--out", type=Path, help="where to write the model")
    ap.add_argument("--extra", nargs="*", type=Path, default=[], help="also trained on")
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--lobo", action="store_true", help="train without each file, score it")
    ap.add_argument("--held", type=int, nargs="*", help="with --lobo: only these (1-based)")
    ap.add_argument("--threshold", type=float, nargs="*", default=[0.97])
    ap.add_argument("--kinds", default="NAHEU")
    ap.add_argument("--workdir", type=Path, default=Path("."))
    ap.add_argument("--reuse", action="store_true", help="with --lobo: keep models in workdir")
    args = ap.parse_args(argv)
    if args.lobo:
        from producers.intake.privacy_eval import warm_up

        warm_up()
        for n, held in enumerate(args.files, 1):
            if not args.held or n in args.held:
                lobo(held, [p for p in args.files if p != held], args.extra, args)
        return
    if not args.out:
        raise SystemExit("--out or --lobo is needed")
    records = training_set(_records([*args.files, *args.extra]), args.copies, args.seed)
    t0 = time.perf_counter()
    train(records, args.out)
    print(f"trained on {len(records)} records in {time.perf_counter() - t0:.1f} s -> {args.out}")


if __name__ == "__main__":
    main()
