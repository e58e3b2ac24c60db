"""Outbox channel: one JSON line per notification in ``<outbox dir>/<org>/<name>.jsonl``.

The local default channel, and a durable record a person or a script can read. Each line
carries the notification id, so a reader can drop the one duplicate a crash between the
write and the delivery log could cause.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from alerts.channels.base import SENT, Outcome, failed


class OutboxSender:
    def __init__(self, root: Path, org_id: str, name: str) -> None:
        self.path = root / org_id / f"{name}.jsonl"

    async def send(self, payload: dict[str, Any]) -> Outcome:
        line = json.dumps(payload, ensure_ascii=False, sort_keys=True) + "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            try:
                os.write(fd, line.encode())
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as err:
            return failed(f"OSError: {err.strerror}", recoverable=True)
        return SENT
