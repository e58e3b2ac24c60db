"""Stand-ins for the intake service's Kafka publisher and recogniser checker, for tests
of the service's own logic (no broker, no checker processes)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from schemas.envelope import DataKey
from schemas.ids import IdKey


class RecordingPublisher:
    """Keeps the keys of what the service sent, and the records sent with them (dead
    letters among them)."""

    def __init__(self) -> None:
        self.sent: list[bytes] = []
        self.records: list[tuple[str, bytes, bytes]] = []

    async def send_async(self, topic: str, key: bytes, value: bytes) -> None:
        self.sent.append(key)

    def send_quietly(self, topic: str, key: bytes, value: bytes) -> None:
        self.records.append((topic, key, value))

    def send_all(self, records: list[tuple[str, bytes, bytes]]) -> None:
        self.records.extend(records)

    def close(self) -> None:
        pass


class NoChecker:
    ids = IdKey.offline()

    def close(self) -> None:
        pass


class OneKey:
    """Each organisation's data keys as one fixed key (``idempotency.OrgKeys``), for tests
    of the store's own logic without a vault."""

    def current(self, org_id: str) -> DataKey:
        return DataKey(org_id, "dk-test", b"k" * 32)

    oldest = current

    def key(self, org_id: str, key_id: str) -> DataKey | None:
        return self.current(org_id) if key_id == "dk-test" else None


def vault_service(tmp_path: Path, vault: Any) -> tuple[Any, Any]:
    """An intake service over ``vault`` and an intake.db in ``tmp_path`` that publishes
    nowhere and checks nothing (the caller stubs the encoding): (service, store)."""
    from producers.intake import service as svc
    from producers.intake.idempotency import IdempotencyStore

    store = IdempotencyStore(tmp_path / "intake.db", keys=vault)
    service = svc.IntakeService(
        RecordingPublisher(), lambda spec, record: b"", "t.", store, NoChecker(),  # type: ignore[arg-type]
        keys=vault.current, key_of=vault.key, first=vault.oldest,
    )  # fmt: skip
    return service, store


MASTER_KEYS: dict[str, bytes] = {"m1": b"m" * 32}


def checked_service(root: Path, publisher: Any, registry: str | None = None) -> tuple[Any, ...]:
    """An intake service on a vault and intake.db in ``root`` (a master key of tests),
    encoding with a mock registry and checking rows in this process, publishing to
    ``publisher``: (service, serde, vault); close the service, then the vault."""
    from producers.intake import service as svc
    from producers.intake.checker import RowChecker
    from producers.intake.idempotency import IdempotencyStore
    from schemas.registry import open_registry
    from schemas.serde import Serde
    from schemas.topics import INCIDENTS
    from schemas.vault import MasterKeys, Vault

    vault = Vault(root / "vault.db", MasterKeys(MASTER_KEYS, "m1"))
    store = IdempotencyStore(root / "intake.db", keys=vault)
    serde = Serde(open_registry(f"mock://{registry or root.name}"), "t.")
    checker = RowChecker(serde.encoder(INCIDENTS), 0, IdKey.offline())
    service = svc.IntakeService(
        publisher, serde.encode, "t.", store, checker,
        keys=vault.current, key_of=vault.key, first=vault.oldest,
    )  # fmt: skip
    return service, serde, vault
