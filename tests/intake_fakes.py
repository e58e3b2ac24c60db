"""Stand-ins for the intake service's Kafka publisher and recogniser checker, for tests
of the service's own logic (no broker, no checker processes)."""

from __future__ import annotations

from schemas.envelope import DataKey


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
    ids = None

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
