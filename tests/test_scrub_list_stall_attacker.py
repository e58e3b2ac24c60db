"""A hostile feed's page (up to 5 MB, scrubbed before it is published) or a partner's text
made of one long list around found names: ``name_lists.listed`` compared every piece of a
list with every found name, and every clause with every name, so 64,000 characters of
"Maria, Maria, …" took ~9 s and 256,000 well over a minute, a stall of the news scraper
(or an intake worker) per article. This is a stall guard, not a speed claim: the bound is
some fifty times what the list takes now."""

from __future__ import annotations

import re
import signal
from collections.abc import Iterator
from contextlib import contextmanager

from producers.intake.scrubbing import name_lists, names
from producers.intake.scrubbing.lexicon import lexicon
from producers.intake.scrubbing.text import NAME


class Stalled(Exception):
    pass


@contextmanager
def _within(seconds: int) -> Iterator[None]:
    def stop(*_: object) -> None:
        raise Stalled(f"still scrubbing after {seconds} s")

    before = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)


def _found(text: str, word: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), NAME) for m in re.finditer(word, text)]


def test_a_long_list_around_found_names_is_scrubbed_without_a_stall() -> None:
    lexicon()  # loaded outside the bound
    text = "Maria, " * 36_000  # 252,000 characters, one clause
    found = _found(text, "Maria")[::2]
    with _within(20):
        out = name_lists.listed(text, found)
    every = {(m.start(), m.end()) for m in re.finditer("Maria", text)}
    assert {(s, e) for s, e, _ in out} == every - {(s, e) for s, e, _ in found}


def test_many_short_sentences_with_names_are_scrubbed_without_a_stall() -> None:
    lexicon()
    text = "Maria, Olga, Anna. " * 26_000  # 494,000 characters, 26,000 clauses
    with _within(20):
        out = name_lists.listed(text, _found(text, "Maria"))
    # the clauses are still read one by one: each one's Olga, after its found Maria
    assert [s for s, _, _ in out] == [m.start() for m in re.finditer("Olga", text)]


def test_every_word_of_a_long_list_asks_only_the_names_near_it() -> None:
    """``names._listed``, asked for each capitalised word, looked at every found name's
    end: "Maria, Anna; Olga: Ivan. " * 2,600 (64,000 characters) took 13 s to scrub."""
    text = "Maria, Zorbu, " * 20_000  # 280,000 characters
    found = [(m.start(), m.end()) for m in re.finditer("Maria", text)]
    starts, ends = {s for s, _ in found}, sorted({e for _, e in found})
    words = [(m.start(), m.end()) for m in re.finditer("Zorbu", text)]
    with _within(20):
        listed = [names._listed(text, s, e, starts, ends) for s, e in words]
    assert all(listed)
