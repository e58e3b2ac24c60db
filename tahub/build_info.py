"""`tahub_build_info{version}`: which tahub each process runs, as Prometheus expects an
info metric (a gauge that is always 1), so a mixed deployment shows in one query."""

from __future__ import annotations

import os

from prometheus_client import Gauge

from tahub import __version__

BUILD_INFO = Gauge("tahub_build_info", "The running tahub's version (always 1)", ["version"])
# the main job merges a child's /metrics only if the pid there is the child's: with two
# deployments on one host, the second's children cannot bind their ports, and the first's
# children answer on them
PID = Gauge("tahub_process_pid", "The process's id (the main job matches its children by it)")


def version() -> str:
    return __version__  # the one place; pyproject reads it from there too


def publish() -> None:
    BUILD_INFO.labels(version()).set(1)
    PID.set(os.getpid())
