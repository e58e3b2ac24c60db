"""A child process of the main job (stream worker, alerts, news), restarted with backoff,
and ended when the main job dies, however it dies."""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("tahub.main")
PARENT_ENV = "TAHUB_PARENT_PID"
STOP_GRACE = 15.0  # seconds a child asked to stop gets before SIGKILL
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def follow_parent() -> None:
    """In a child of the main job: a SIGTERM (the child's clean stop) when the main job
    dies, even by kill -9, which runs none of its shutdown. Without it the children of a
    killed job kept consuming beside the ones its restart started. Linux delivers the
    signal when the thread that started the child ends: the main job starts and restarts
    children from its main thread only."""
    parent = os.environ.pop(PARENT_ENV, None)
    if parent is None or not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) != 0:
        log.warning("cannot follow the main job (prctl errno %d)", ctypes.get_errno())
        return
    if os.getppid() != int(parent):  # it died before prctl: nobody will signal us
        os.kill(os.getpid(), signal.SIGTERM)
    threading.Thread(
        target=_end_after_parent, args=(int(parent),), name="tahub-parent-watch", daemon=True
    ).start()


def _end_after_parent(parent: int) -> None:
    """The SIGTERM asks for a clean stop; a stop that hangs (a consumer's close on a busy
    machine: CI saw a child outlive a killed job by over 60 s) must not outlive the job,
    and no supervisor is left to SIGKILL it. So after the grace a supervisor would give,
    the child ends hard."""
    while os.getppid() == parent:
        time.sleep(1.0)
    time.sleep(STOP_GRACE)
    log.warning("the main job is gone and the clean stop took over %.0f s: ending", STOP_GRACE)
    os._exit(1)


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
    # set from another thread (the stall watch): stop this live child, then start it again
    recycle_why: str | None = None
    _kill_at: float | None = None

    def start(self) -> None:
        env = {**os.environ, PARENT_ENV: str(os.getpid())}
        self.proc = subprocess.Popen(self.argv, stdin=subprocess.DEVNULL, env=env)
        self.started_at = time.monotonic()
        self.recycle_why, self._kill_at = None, None

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def recycle(self, why: str) -> None:
        """Ask for a restart of this child although it lives (``tend`` does it: a clean
        stop, SIGKILL after ``STOP_GRACE`` s, then the usual start)."""
        self.recycle_why = why

    def tend(self) -> None:
        if self.alive() and self.recycle_why is not None:
            self._stop_for_recycle()
            return
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

    def _stop_for_recycle(self) -> None:
        assert self.proc is not None
        now = time.monotonic()
        if self._kill_at is None:
            log.error("%s (pid %d) is alive but %s: restarting it (its threads' stacks "
                      "follow)", self.name, self.proc.pid, self.recycle_why)  # fmt: skip
            self.proc.send_signal(signal.SIGUSR1)  # faulthandler: every thread's stack
            time.sleep(0.2)  # written before the stop begins
            self.proc.send_signal(signal.SIGTERM)
            self._kill_at = now + STOP_GRACE
        elif now >= self._kill_at:
            self.proc.kill()  # a stuck process may not stop cleanly: kill -9 loses nothing

    def stop(self, timeout: float = STOP_GRACE) -> None:
        self.ask_to_stop()
        self.wait_stopped(timeout)

    def ask_to_stop(self) -> None:
        """SIGTERM without waiting: the job asks every child at once, so a stop takes
        the slowest child's clean stop, not the sum of them."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)

    def wait_stopped(self, timeout: float = STOP_GRACE) -> None:
        """Up to ``timeout`` for the asked child to end, then SIGKILL."""
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
