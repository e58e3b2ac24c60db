"""The operator audit log: every time someone reads as another organisation, one line.

``<data dir>/audit.log`` (mode 0600), JSON Lines of when, who (the operator credential,
never its value), as which organisation, what was asked. Never the answer.
"""

from __future__ import annotations

import json
import os
import threading
from datetime import UTC, datetime
from pathlib import Path

_lock = threading.Lock()


class Audit:
    def __init__(self, path: Path) -> None:
        self.path = path

    def record(self, actor: str, as_org: str, action: str, **detail: str) -> None:
        line = json.dumps(
            {
                "at": datetime.now(UTC).isoformat(),
                "actor": actor,
                "as_org": as_org,
                "action": action,
                **detail,
            },
            sort_keys=True,
        )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with _lock:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            with os.fdopen(fd, "a") as fh:
                fh.write(line + "\n")

    def lines(self) -> list[dict[str, str]]:
        if not self.path.exists():
            return []
        return [json.loads(x) for x in self.path.read_text().splitlines() if x.strip()]
