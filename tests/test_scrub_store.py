"""The scrubber's built tables kept on disk (``built_store``): read back, they are the
tables a fresh build makes and scrub the same; a table anyone else may have written, or
one built from other sources, is never read."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from producers.intake.scrubbing import built_store

ROOT = Path(__file__).resolve().parents[1]

# prints a digest of the lexicon, jieba's and the number words' tables, and scrubbed texts
_PROBE = """
import hashlib, sys
from pathlib import Path
from producers.intake.scrubbing import built_store
if sys.argv[1] != "-":
    built_store.use(Path(sys.argv[1]))
from producers.intake.scrubbing.lexicon import _encode, lexicon
from producers.intake.scrubbing.han_names import _tagger
from producers.intake.scrubbing.spoken_numbers import _tables
from producers.intake.scrub import scrub
h = hashlib.sha256()
for name, value in sorted(_encode(lexicon()).items()):
    for part in (sorted(value.items()) if isinstance(value, dict) else [(name, value)]):
        h.update(repr((part[0], sorted(part[1]))).encode())
t = _tagger()
h.update(repr((sorted(t.tokenizer.FREQ.items()), t.tokenizer.total)).encode())
h.update(repr(sorted(t.word_tag_tab.items())).encode())
for table in _tables():
    h.update(repr(sorted(table.items())).encode())
print(h.hexdigest())
for text in ("陈彪在广州被招募，电话13800138000", "Maria Lopez lives at 12 Oak Street, Leeds",
             "Recruited by Olena Kovalenko from Lviv",
             "Caller: my number is nueve seis dos, uno cero cuatro, treinta y tres"):
    print(scrub(text).text)
"""


def _probe(store: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", _PROBE, store], cwd=ROOT, capture_output=True, text=True,
        check=True, timeout=600,
    ).stdout  # fmt: skip


def test_tables_read_back_are_the_tables_built(tmp_path: Path) -> None:
    store = tmp_path / "store"
    fresh = _probe("-")  # no store: built in memory, nothing kept
    assert not store.exists()
    assert _probe(str(store)) == fresh  # built and kept
    kept = sorted(p.name.split("-")[0] for p in store.iterdir())
    assert kept == ["jieba", "lexicon", "numbers"]
    assert _probe(str(store)) == fresh  # read back
    assert oct(store.stat().st_mode & 0o777) == "0o700"
    assert {oct(p.stat().st_mode & 0o777) for p in store.iterdir()} == {"0o600"}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Path]:
    built_store.use(tmp_path / "store")
    yield tmp_path / "store"
    built_store.use(None)


def _table(built: list[int]) -> tuple[str, ...]:
    built.append(1)
    return ("a", "b")


def _get(built: list[int]) -> tuple[str, ...]:
    return built_store.load_or_build("t", lambda: _table(built), list, tuple)


def test_a_table_is_built_once_then_read(store: Path) -> None:
    built: list[int] = []
    assert _get(built) == ("a", "b")
    assert _get(built) == ("a", "b")
    assert built == [1]


def test_a_table_others_may_write_or_read_is_built_again(store: Path) -> None:
    built: list[int] = []
    _get(built)
    [path] = store.iterdir()
    path.chmod(0o644)  # another user's process could have put it there
    assert _get(built) == ("a", "b")
    assert built == [1, 1]
    assert oct(path.stat().st_mode & 0o777) == "0o600"  # replaced by a private one
    store.chmod(0o755)  # the directory too
    _get(built)
    assert built == [1, 1, 1]


def test_a_broken_table_is_built_again(store: Path) -> None:
    built: list[int] = []
    _get(built)
    [path] = store.iterdir()
    path.write_bytes(b"\x00not marshal")
    assert _get(built) == ("a", "b")
    assert built == [1, 1]


def test_a_table_of_other_sources_is_not_read_and_goes_when_unused(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[int] = []
    _get(built)
    [old] = store.iterdir()
    monkeypatch.setattr(built_store, "_print", ["another-fingerprint"])  # an upgrade
    _get(built)
    assert built == [1, 1]
    assert old.exists()  # another tree sharing the directory may still use it
    week = time.time() - built_store.UNUSED_DAYS * 86_400 - 60
    os.utime(old, (week, week))
    (store / ".t.dead").write_bytes(b"")  # a write that died
    os.utime(store / ".t.dead", (week, week))
    monkeypatch.setattr(built_store, "_print", ["a-third"])
    _get(built)
    assert sorted(p.name for p in store.iterdir()) == [
        "t-a-third.marshal", "t-another-fingerprint.marshal"
    ]  # fmt: skip


def test_a_process_whose_tree_changed_since_it_started_keeps_nothing(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files edited (a deploy, a checkout) after this process imported its modules: what
    it would build may be the old lists, so it neither reads nor keeps a table."""
    monkeypatch.setattr(built_store, "_print", [])
    monkeypatch.setattr(
        built_store, "IMPORTED_AT_NS", time.time_ns() - 10**9 * 3600 * 24 * 365 * 50
    )
    built: list[int] = []
    assert _get(built) == ("a", "b")
    assert _get(built) == ("a", "b")
    assert built == [1, 1]
    assert list(store.iterdir()) == []


def test_a_linked_table_is_not_read(store: Path, tmp_path: Path) -> None:
    """A link in place of the table (or of the directory) is never followed."""
    built: list[int] = []
    _get(built)
    [path] = store.iterdir()
    elsewhere = tmp_path / "planted"
    path.rename(elsewhere)
    path.symlink_to(elsewhere)
    _get(built)
    assert built == [1, 1]
    assert not path.is_symlink()  # replaced by a table of its own
    moved = tmp_path / "moved"
    store.rename(moved)
    store.symlink_to(moved)
    _get(built)
    assert built == [1, 1, 1]


def test_the_fingerprint_covers_the_word_lists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every file the tables are built from is under the fingerprinted tree, and an edit
    to any file there is another fingerprint: the tables are built again, not read stale."""
    for part in ("intake/scrubbing/wordlists.py", "news/gazetteer.py", "news/data"):
        assert (ROOT / "producers" / part).resolve().is_relative_to(built_store._TREE)
    (tmp_path / "data").mkdir()
    lists = tmp_path / "data" / "names.txt"
    lists.write_text("Maria\n")
    monkeypatch.setattr(built_store, "_TREE", tmp_path)
    monkeypatch.setattr(built_store, "IMPORTED_AT_NS", time.time_ns() + 3600 * 10**9)
    monkeypatch.setattr(built_store, "_print", [])
    before = built_store.fingerprint()
    assert before is not None
    lists.write_text("Maria\nOlena\n")
    monkeypatch.setattr(built_store, "_print", [])
    assert built_store.fingerprint() != before
