"""A child of the main job whose clean stop hangs still ends when the job is killed: the
SIGTERM it gets on the job's death may be ignored or stuck, and no supervisor is left to
SIGKILL it (CI saw a child outlive a killed job by over 60 s)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import time

from tests.test_mainjob import _alive

_CHILD = textwrap.dedent(
    """
    import signal, time
    from tahub.mainjob import children
    children.STOP_GRACE = 2.0  # the grace, short for the test
    signal.signal(signal.SIGTERM, lambda *_: None)  # a clean stop that never ends
    children.follow_parent()
    print("ready", flush=True)
    time.sleep(300)
    """
)
_PARENT = textwrap.dedent(
    """
    import os, subprocess, sys, time
    env = {**os.environ, "TAHUB_PARENT_PID": str(os.getpid())}
    child = subprocess.Popen([sys.executable, "-c", sys.argv[1]], env=env,
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "ready"
    print(child.pid, flush=True)
    time.sleep(300)
    """
)


def test_a_child_whose_stop_hangs_ends_after_the_grace_when_the_job_is_killed() -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", _PARENT, _CHILD], stdout=subprocess.PIPE, text=True,
        start_new_session=True,
    )  # fmt: skip
    try:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(10)
        deadline = time.monotonic() + 30
        while _alive(child) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _alive(child), "the orphan outlived its grace"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(parent.pid, signal.SIGKILL)  # the group: the child too, if it is left
