"""A synthetic history file for `tahub bench import`: years of one organisation's incidents
as CSV, deterministic for a seed (pure: no I/O).

By default every row carries free text to scrub and seal (a summary with a name, a phone
number or an e-mail address, and a place name), so the benchmark pays the dearest path on
every row;
occurrences are spread over the years at the precisions partners' records have (mostly
the day, some only the month or year, a few unknown).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from schemas.taxonomy import Typology

HEADER = (
    "occurred_on,occurred_precision,typologies,means_of_control,recruitment_country,"
    "exploitation_country,exploitation_place,tlp,victims,summary"
)
ROUTES = (
    ("MM", "TH", "Mae Sot"), ("KH", "TH", "Bangkok"), ("LA", "TH", "Chiang Mai"),
    ("NG", "IT", "Turin"), ("VN", "GB", "Birmingham"), ("AL", "GB", "London"),
    ("RO", "ES", "Almeria"), ("UA", "DE", "Berlin"), ("NP", "QA", "Doha"),
    ("PH", "AE", "Dubai"), ("ET", "SA", "Riyadh"), ("BD", "MY", "Johor Bahru"),
)  # fmt: skip
CONTROL = ("withholds_documents", "debt_bondage", "threats", "restricts_movement")
TLPS = ("GREEN", "GREEN", "AMBER", "RED", "CLEAR")
PRECISIONS = ("day",) * 35 + ("month",) * 10 + ("year",) * 4 + ("unknown",)
GIVEN = ("Maria", "Somchai", "Ahmed", "Elena", "Nguyen Van", "Fatima", "Ion", "Grace", "Ali")
FAMILY = ("Petrova", "Suksawat", "Haddad", "Ionescu", "Tran", "Okafor", "Popescu", "Mensah")
TEMPLATES = (
    "Recruited in {src} by an agent calling himself {name}, promised work in {place}; "
    "documents taken on arrival and a debt of {n} dollars imposed. Contact was +66 81 {p}.",
    "Case {n}: workers on a fishing boat out of {place}, wages withheld for {m} months, "
    "the broker {name} reachable at {mail}.",
    "Referred by a hotline on {d}; {m} women from {src} kept in a flat in {place}, the "
    "manager {name} holds their passports. Phone +44 7700 {p}.",
    "Victim reported forced work in a factory near {place} for {m} months after a job "
    "advert; recruiter known as {name}, paid {n} in fees.",
)


def history_csv(
    rows: int,
    *,
    years: int = 10,
    text: float = 1.0,
    last: date = date(2026, 6, 30),
    seed: int = 7,
    distinct: int = 0,
) -> bytes:
    """``rows`` incidents occurring over the ``years`` before ``last``, as CSV bytes; a
    share ``text`` of them with a summary (the scrubber's work), all with a place name.
    Each summary is new unless ``distinct`` > 0: then summaries are drawn from that many
    (a history's templated texts repeat; the importer scrubs each distinct one once)."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
    pool = [_summary(rng, *_route(rng), date(2020, 1, 1)) for _ in range(distinct)]
    typologies = [t.value for t in Typology]
    first = last - timedelta(days=365 * years)
    span = (last - first).days
    out = [HEADER]
    for i in range(rows):
        day = first + timedelta(days=rng.randrange(span))
        precision = rng.choice(PRECISIONS)
        occurred = {
            "day": day.isoformat(),
            "month": day.isoformat()[:7],
            "year": str(day.year),
            "unknown": "",
        }[precision]
        src, dest, place = rng.choice(ROUTES)
        summary = rng.choice(pool) if pool else _summary(rng, src, place, day)
        kinds = ";".join(sorted(set(rng.sample(typologies, rng.choice((1, 1, 2))))))
        victims = f"age_18_20:female:{1 + i % 4}" if i % 3 else f"age_30_38:male:{1 + i % 6}"
        out.append(
            f"{occurred},{precision},{kinds},{rng.choice(CONTROL)},{src},{dest},{place},"
            f"{rng.choice(TLPS)},{victims}," + (f'"{summary}"' if rng.random() < text else "")
        )
    return ("\n".join(out) + "\n").encode()


def _summary(rng: random.Random, src: str, place: str, day: date) -> str:
    name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
    return rng.choice(TEMPLATES).format(
        src=src, place=place, name=name, n=rng.randrange(100, 9000), m=rng.randrange(2, 30),
        p=f"{rng.randrange(10**6):06d}", d=day.isoformat(),
        mail=f"{name.split(maxsplit=1)[0].lower()}{rng.randrange(99)}@example.org",
    )  # fmt: skip


def _route(rng: random.Random) -> tuple[str, str]:
    src, _, place = rng.choice(ROUTES)
    return src, place
