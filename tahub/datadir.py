"""The data dir is tahub's alone: mode 0700, every file in it 0600.

It holds survivor-derived records (Kafka logs, the warehouse), API key hashes, the vault
and the master key, so no other local user may read any of it. Every tahub process runs
with umask 077, so what it creates is private from the start; at start-up the main job
also repairs anything left readable (an old install, a copied backup) and says so.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

UMASK = 0o077


def private_umask() -> None:
    os.umask(UMASK)


def loose(path: Path) -> list[Path]:
    """Everything under ``path`` (itself included) that group or others may touch."""
    if not path.exists():
        return []
    found = []
    for root, dirs, files in os.walk(path):
        for name in [root, *(os.path.join(root, f) for f in (*dirs, *files))]:
            try:
                mode = os.lstat(name).st_mode
            except FileNotFoundError:
                continue  # gone meanwhile (a rotated log)
            if not stat.S_ISLNK(mode) and mode & 0o077:
                found.append(Path(name))
    return sorted(set(found))


def secure(path: Path) -> list[Path]:
    """Create ``path`` 0700 if missing; make every directory 0700 and file 0600 under
    it; returns what had to be fixed."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    fixed = loose(path)
    for p in fixed:
        try:
            p.chmod(0o700 if p.is_dir() else 0o600)
        except FileNotFoundError:
            continue
    return fixed
