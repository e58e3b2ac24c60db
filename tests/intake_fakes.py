"""Stand-ins for the intake service's Kafka publisher and recogniser checker, for tests
of the service's own logic (no broker, no checker processes)."""

from __future__ import annotations

from typing import Any


class RecordingPublisher:
    """Keeps the keys of what the service sent."""

    def __init__(self) -> None:
        self.sent: list[bytes] = []

    async def send_async(self, topic: str, key: bytes, value: bytes) -> None:
        self.sent.append(key)

    def send_quietly(self, *record: Any) -> None:
        pass

    def close(self) -> None:
        pass


class NoChecker:
    ids = None

    def close(self) -> None:
        pass
