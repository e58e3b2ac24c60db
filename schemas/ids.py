"""Identifiers derived from a secret key, so nobody outside can compute one (pure).

A public formula such as uuid5(org, submission id) lets another partner guess a pair and
look for the result among ids it can see, which confirms who submitted what. Every id
tahub derives from content (incidents, detections) is a keyed BLAKE2b of its parts, with
a key kept in the data dir or set in servers mode (``tahub.idkey``). The same key gives
the same ids, so idempotency and replays still land on one id.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

KEY_BYTES = 32


@dataclass(frozen=True)
class IdKey:
    """The secret behind derived ids. ``IdKey.offline()`` is for offline tools and tests
    whose ids never leave (replays, evaluations): an empty key is a public formula."""

    key: bytes = field(repr=False)

    def __post_init__(self) -> None:
        if len(self.key) not in (0, KEY_BYTES):
            raise ValueError(f"an id key is {KEY_BYTES} bytes")

    @classmethod
    def offline(cls) -> IdKey:
        return cls(b"")

    def digest(self, kind: str, *parts: str, size: int = 12) -> str:
        """Hex digest of ``parts`` under this key, separated by kind (NUL-joined: no
        part can contain the separator, as ids and codes are printable)."""
        raw = "\x00".join((kind, *parts)).encode()
        return hashlib.blake2b(raw, key=self.key, digest_size=size).hexdigest()

    def within(self, secret: bytes) -> IdKey:
        """This key narrowed by another secret (an organisation's, ``producers.intake.
        submission.org_ids``): ids under it need both to be computed."""
        return IdKey(hashlib.blake2b(secret, key=self.key, digest_size=KEY_BYTES).digest())

    def uuid(self, kind: str, *parts: str) -> str:
        """A keyed id in UUID form (version 8, 'custom'), for ids that have always been
        UUIDs (incidents)."""
        h = bytearray(bytes.fromhex(self.digest(kind, *parts, size=16)))
        h[6] = (h[6] & 0x0F) | 0x80
        h[8] = (h[8] & 0x3F) | 0x80
        x = h.hex()
        return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"
