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
