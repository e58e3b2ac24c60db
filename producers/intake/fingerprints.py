"""Digests of partner content that intake keeps: keyed per organisation (pure).

A plain SHA-256 of a submission, kept for idempotency or put in a rejected row's dead
letter, let whoever holds the data dir, a backup or a copy of the dead letters confirm a
guessed text ("was this person's case submitted?"). What is kept is a MAC of the content
digest (keyed BLAKE2b, as ``schemas.ids``: half the cost of HMAC here, once per row of an
import) under a key derived from the organisation's data key for one purpose (intake.db's
fingerprints, dead letters' ones: a value of one never matches the other), the key named
in the value (``k1:<data key id>:<hex>``): a rotated key still compares the digests made
under it, and `tahub orgs forget` erases the key, so none can be made again. A value
without the prefix is a plain digest, compared as one (intake.db keys those of older
versions when it opens: ``idempotency``).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable

from schemas.envelope import DataKey

PREFIX = "k1:"
FINGERPRINT = "intake-fingerprint"  # intake.db: idempotency of submissions and files
DEAD_LETTER = "dead-letter"  # a rejected row's dead letter (payload_fingerprint)

KeyOf = Callable[[str], DataKey | None]  # a data key by id, None if it is gone


def keyer(key: DataKey, purpose: str = FINGERPRINT) -> Callable[[str], str]:
    """The kept form of content digests under the organisation's data key ``key`` (its
    subkey for ``purpose`` derived once, for the many rows of an import)."""
    sub, head = key.subkey(purpose), f"{PREFIX}{key.key_id}:"

    def keyed(digest: str) -> str:
        return head + hashlib.blake2b(digest.encode(), key=sub, digest_size=32).hexdigest()

    return keyed


def keyed(key: DataKey, digest: str, purpose: str = FINGERPRINT) -> str:
    return keyer(key, purpose)(digest)


def matches(stored: str, digest: str, key_of: KeyOf, purpose: str = FINGERPRINT) -> bool:
    """Whether a kept digest is of content with this digest; never, once the key it was
    made under is erased."""
    if not stored.startswith(PREFIX):
        return hmac.compare_digest(stored, digest)  # a legacy plain digest
    key = key_of(stored[len(PREFIX) :].partition(":")[0])
    return key is not None and hmac.compare_digest(stored, keyed(key, digest, purpose))
