"""A child process of the main job (stream worker, alerts, news), restarted with backoff."""

from __future__ import annotations

import logging
import signal
import subprocess
import time
from dataclasses import dataclass, field

log = logging.getLogger("tahub.main")


@dataclass
class Child:
    """A supervised subprocess, restarted with backoff when it dies."""

    name: str
    argv: list[str]
    proc: subprocess.Popen[bytes] | None = None
    restarts: int = 0
    backoff: float = 1.0
    next_start: float = 0.0
    started_at: float = field(default=0.0)

    def start(self) -> None:
        self.proc = subprocess.Popen(self.argv, stdin=subprocess.DEVNULL)
        self.started_at = time.monotonic()

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def tend(self) -> None:
        if self.alive() or time.monotonic() < self.next_start:
            return
        if self.proc is not None:
            code = self.proc.returncode
            ran = time.monotonic() - self.started_at
            self.backoff = 1.0 if ran > 60 else min(self.backoff * 2, 60.0)
            self.restarts += 1
            log.error(
                "%s exited with %s after %.0f s; restarting in %.0f s",
                self.name,
                code,
                ran,
                self.backoff,
            )
            self.next_start = time.monotonic() + self.backoff
            self.proc = None
            return
        self.start()

    def stop(self, timeout: float = 15.0) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
