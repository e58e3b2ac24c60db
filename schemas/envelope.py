"""Envelope encryption of partner free text: the sealed format and its two layers (pure).

Each organisation has data keys (AES-256-GCM); free text is sealed under the org's current
data key, bound to the organisation and the field it belongs to (associated data), so a
sealed summary copied into another org's record or another field does not open. Data keys
are stored wrapped (AES-256-GCM) under a master key. Deleting an organisation's data keys
makes every text sealed under them unreadable, wherever copies of the ciphertext are:
Kafka logs, the warehouse, backups (crypto-shredding).

A sealed value is text, so it fits the existing string fields of the contracts:

    tahub:v1:<data key id>:<base64url(nonce ‖ ciphertext ‖ tag)>
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass, field
from functools import cached_property

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

PREFIX = "tahub:v1:"
KEY_BYTES = 32
NONCE_BYTES = 12


class SealError(ValueError):
    """A value cannot be opened: not sealed, wrong key, tampered, or its key is gone."""


def is_sealed(value: str | None) -> bool:
    return bool(value) and str(value).startswith(PREFIX)


def new_key() -> bytes:
    return AESGCM.generate_key(bit_length=KEY_BYTES * 8)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class DataKey:
    """One data key of one organisation."""

    org_id: str
    key_id: str
    key: bytes = field(repr=False)

    @cached_property
    def _aead(self) -> AESGCM:
        """The cipher of this key, made once (~2.7 µs, more than sealing a place name); it
        lives as long as this object and is never pickled with it."""
        return AESGCM(self.key)

    def __getstate__(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if k != "_aead"}

    def seal(self, field_name: str, plaintext: str) -> str:
        nonce = os.urandom(NONCE_BYTES)
        aad = f"{self.org_id}|{field_name}".encode()
        sealed = self._aead.encrypt(nonce, plaintext.encode(), aad)
        return f"{PREFIX}{self.key_id}:{_b64(nonce + sealed)}"

    def subkey(self, purpose: str) -> bytes:
        """A key for another use (a keyed digest), derived from this one (keyed BLAKE2b as
        a PRF) and bound to the organisation, so the data key itself only ever serves
        AES-GCM; erased with it."""
        label = f"tahub-subkey|{purpose}|{self.org_id}".encode()
        return hashlib.blake2b(label, key=self.key, digest_size=KEY_BYTES).digest()

    def open(self, field_name: str, token: str) -> str:
        key_id, blob = parse(token)
        if key_id != self.key_id:
            raise SealError("sealed under another data key")
        raw = _unb64(blob)
        aad = f"{self.org_id}|{field_name}".encode()
        try:
            return self._aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], aad).decode()
        except InvalidTag:
            raise SealError(
                "does not open: another organisation's, another field's, or altered"
            ) from None


def parse(token: str) -> tuple[str, str]:
    """(data key id, payload) of a sealed value."""
    if not is_sealed(token):
        raise SealError("not a sealed value")
    key_id, sep, blob = token[len(PREFIX) :].partition(":")
    if not sep or not key_id or not blob:
        raise SealError("a sealed value is tahub:v1:<key id>:<payload>")
    return key_id, blob


def wrap(master: bytes, master_id: str, org_id: str, key_id: str, key: bytes) -> bytes:
    """A data key sealed under a master key, bound to its organisation and id."""
    nonce = os.urandom(NONCE_BYTES)
    aad = f"tahub-data-key|{master_id}|{org_id}|{key_id}".encode()
    return nonce + AESGCM(master).encrypt(nonce, key, aad)


def unwrap(master: bytes, master_id: str, org_id: str, key_id: str, wrapped: bytes) -> bytes:
    aad = f"tahub-data-key|{master_id}|{org_id}|{key_id}".encode()
    try:
        return AESGCM(master).decrypt(wrapped[:NONCE_BYTES], wrapped[NONCE_BYTES:], aad)
    except InvalidTag:
        raise SealError(f"data key {key_id} does not unwrap under master key {master_id}") from None
