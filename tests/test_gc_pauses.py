"""The stream worker's record of its garbage collections (``streams.gc_tuning.Pauses``):
each collection's generation and pause, whoever started it."""

from __future__ import annotations

import gc

from streams.gc_tuning import Pauses


def test_every_collection_is_timed_by_generation_until_uninstalled() -> None:
    pauses = Pauses()
    pauses.install()
    pauses.install()  # once
    try:
        gc.collect(0)
        gc.collect(2)
        timed = pauses.drain()
    finally:
        pauses.uninstall()
    assert [g for g, _ in timed] == [0, 2]
    assert all(0 <= pause < 5 for _, pause in timed)
    assert pauses.drain() == []
    gc.collect(0)
    assert pauses.drain() == []  # uninstalled: nothing more
    assert pauses._observe not in gc.callbacks
