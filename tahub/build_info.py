"""`tahub_build_info{version}`: which tahub each process runs, as Prometheus expects an
info metric (a gauge that is always 1), so a mixed deployment shows in one query."""

from __future__ import annotations

import os
from importlib import metadata

from prometheus_client import Gauge

BUILD_INFO = Gauge("tahub_build_info", "The running tahub's version (always 1)", ["version"])
# the main job merges a child's /metrics only if the pid there is the child's: with two
# deployments on one host, the second's children cannot bind their ports, and the first's
# children answer on them
PID = Gauge("tahub_process_pid", "The process's id (the main job matches its children by it)")


def version() -> str:
    try:
        return metadata.version("tahub")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def publish() -> None:
    BUILD_INFO.labels(version()).set(1)
    PID.set(os.getpid())
