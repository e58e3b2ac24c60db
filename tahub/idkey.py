"""The secret behind tahub's derived ids (schemas.ids): from TAHUB_ID_KEY, else a file.

Every process of one deployment must use the same key, or one submission gets two ids.
Locally the key is ``<data dir>/id.key`` (created once, mode 0600); servers mode sets
TAHUB_ID_KEY (64 hex digits) in every container from the same secret.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from schemas.ids import KEY_BYTES, IdKey
from tahub.errors import TahubError
from tahub.settings import Settings


def _read(path: Path) -> IdKey:
    text = path.read_text().strip()
    try:
        return IdKey(bytes.fromhex(text))
    except ValueError:
        raise TahubError(
            f"{path} is not an id key ({KEY_BYTES * 2} hex digits); restore it from a backup "
            "(a new key gives every resubmitted record a new id)"
        ) from None


def load_id_key(s: Settings) -> IdKey:
    if s.id_key is not None:
        return IdKey(bytes.fromhex(s.id_key.get_secret_value()))
    path = s.data_dir / "id.key"
    if path.exists():
        return _read(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".id.key.{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(secrets.token_hex(KEY_BYTES) + "\n")
    try:
        os.link(tmp, path)  # whole or not at all; the first of two racing processes wins
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    return _read(path)
