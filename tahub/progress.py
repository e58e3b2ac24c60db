"""Progress bars for long commands: on a terminal only, on stderr, with fixed labels.

A bar is drawn only when stderr is a terminal, so logs, pipes and CI output never carry
one (nor its carriage returns). Callers get an ``update(n)`` function or a counted
iterator, never the bar itself: a bar shows a label written in the code, a count and a
rate, and no text of what it counts (a submission's rows, an article).

tqdm rather than rich: one small pure-Python package with no dependencies of its own,
maintained since 2015, that draws on stderr and handles unknown totals; rich would bring
a renderer, pygments and markdown-it for a bar.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import LiteralString, TextIO, TypeVar

import click
from tqdm import tqdm

T = TypeVar("T")
Update = Callable[[int], object]


def shown(stream: TextIO | None = None) -> bool:
    """Whether a bar is drawn on ``stream`` (default stderr): only on a terminal."""
    out = sys.stderr if stream is None else stream
    isatty = getattr(out, "isatty", None)
    return bool(isatty is not None and isatty())


def _nothing(_: int) -> None:
    return None


@contextmanager
def bar(
    label: LiteralString,
    *,
    total: int | None = None,
    unit: LiteralString = "it",
    stream: TextIO | None = None,
) -> Iterator[Update]:
    """``with bar("importing", total=n, unit="row") as update: … update(k)``; ``total``
    None counts without an end (a rate, no percentage)."""
    out = sys.stderr if stream is None else stream
    if not shown(out):
        yield _nothing
        return
    # the last state stays on the screen (leave): what was done, and how fast
    with tqdm(total=total, desc=label, unit=f" {unit}", file=out, dynamic_ncols=True,
              mininterval=0.25) as drawn:  # fmt: skip
        yield drawn.update


def counted(
    items: Iterable[T],
    label: LiteralString,
    *,
    total: int | None = None,
    unit: LiteralString = "it",
    stream: TextIO | None = None,
) -> Iterator[T]:
    """``items``, unchanged, with a bar counting them as they are taken."""
    with bar(label, total=total, unit=unit, stream=stream) as update:
        for item in items:
            yield item
            update(1)


def wait_for(
    count: Callable[[], int],
    total: int,
    label: LiteralString,
    *,
    unit: LiteralString = "it",
    timeout: float,
    poll: float = 0.1,
) -> int:
    """Wait until ``count()`` reaches ``total`` or ``timeout`` seconds pass, drawing its
    rise; the last count."""
    deadline = time.monotonic() + timeout
    told = count()
    with bar(label, total=total, unit=unit) as update:
        update(told)
        while told < total and time.monotonic() < deadline:
            time.sleep(poll)
            now = count()
            update(now - told)
            told = now
    return told


def tally(items: Iterable[T], update: Update | None) -> Iterator[T]:
    """``items``, calling ``update(1)`` after each: for code below the CLI that takes an
    optional progress callback rather than a bar."""
    for item in items:
        yield item
        if update is not None:
            update(1)


def reached(update: Update) -> Callable[[int], None]:
    """``update`` told of a count read from elsewhere (records a consumer has read)
    rather than of steps; a count lower than one already told moves nothing."""
    told = 0

    def to(count: int) -> None:
        nonlocal told
        if count > told:
            update(count - told)
            told = count

    return to


def say(line: str) -> None:
    """A line on stdout under a bar drawn on the same terminal: the bar is cleared first
    and drawn again after, so the two do not run into one line."""
    if not shown():
        click.echo(line)
        return
    with tqdm.external_write_mode():
        click.echo(line)
