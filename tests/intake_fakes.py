"""Stand-ins for the intake service's Kafka publisher and recogniser checker, for tests
of the service's own logic (no broker, no checker processes)."""

from __future__ import annotations


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
