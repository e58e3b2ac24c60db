"""Submission fingerprints as intake.db keeps them: keyed per organisation (pure).

A plain SHA-256 of a submission, kept for idempotency, let whoever holds the data dir or
a backup confirm a guessed text ("was this person's case submitted?"). What is stored is
a MAC of the content digest (keyed BLAKE2b, as ``schemas.ids``: half the cost of HMAC
here, once per row of an import) under a key derived from the organisation's data key,
the key named in the value (``k1:<data key id>:<hex>``): a rotated key still compares the
fingerprints made under it, and `tahub orgs forget` erases the key, so none can be made
again. A value without the prefix is a plain digest stored before, still compared as one,
so a retry of an old submission is answered as before instead of as a conflict.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable

from schemas.envelope import DataKey

PREFIX = "k1:"
_PURPOSE = "intake-fingerprint"

KeyOf = Callable[[str], DataKey | None]  # a data key by id, None if it is gone


def keyer(key: DataKey) -> Callable[[str], str]:
    """The stored form of content digests under the organisation's data key ``key`` (its
    subkey derived once, for the many rows of an import)."""
    sub, head = key.subkey(_PURPOSE), f"{PREFIX}{key.key_id}:"

    def keyed(digest: str) -> str:
        return head + hashlib.blake2b(digest.encode(), key=sub, digest_size=32).hexdigest()

    return keyed


def keyed(key: DataKey, digest: str) -> str:
    return keyer(key)(digest)


def matches(stored: str, digest: str, key_of: KeyOf) -> bool:
    """Whether a stored fingerprint is of content with this digest; never, once the key it
    was made under is erased."""
    if not stored.startswith(PREFIX):
        return hmac.compare_digest(stored, digest)  # a legacy plain digest
    key = key_of(stored[len(PREFIX) :].partition(":")[0])
    return key is not None and hmac.compare_digest(stored, keyed(key, digest))
