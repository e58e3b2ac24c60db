"""Restarting a child process whose stage stays stalled.

The supervisor restarts a child that exits; a child that lives on with a stage that reads
nothing is another failure. One was seen in CI (one run of ~15): after a broker of three
was killed and came back, the worker's intake stage read nothing for minutes while
records waited, its process alive, so nothing recovered it and partners' incidents
waited with it. The health rules already call such a stage stalled (records waiting,
the oldest for ``status_stall_seconds``, none read between two looks); this watch
restarts the process that hosts it once it has stayed stalled for a bound. A restart is
safe at any moment: every stage commits its input offsets with or after its output
(kill -9 repeats nothing committed and loses nothing read).

Not judged: a process in its first ``grace`` seconds (a restart recovers tables and
rejoins its groups first). After each restart of a process the bound doubles (up to
``MAX_BOUND``) until its stages are seen reading again, so a stall no restart cures (a
broker that refuses every fetch) restarts it rarely, not in a loop; the operators'
alert (TahubStageStalled) says what is wrong either way. The warehouse sink is a thread
of the job itself, tended by the sink service: it is not restarted here.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from tahub.health.rules import Finding
from tahub.lag import STAGES

log = logging.getLogger("tahub.main")

STALLED = "TahubStageStalled"
# the process hosting each stage, by its consumer group's suffix (tahub.lag.STAGES)
HOSTS = {"": "worker", "-fanout": "worker", "-intake": "worker", "-alerts": "alerts"}
_HOST_OF = {STAGES[suffix]: host for suffix, host in HOSTS.items()}
MAX_BOUND = 3600.0
LOOK_EVERY = 5.0  # seconds between the watch's looks


@dataclass
class StallWatch:
    """Pure: which processes to restart, given the stage findings of one look, the time
    (monotonic seconds) and when each process was started."""

    bound: float  # seconds a stage stays stalled before its host is restarted
    grace: float  # a process started this recently is not judged
    since: dict[str, float] = field(default_factory=dict)  # stage -> first stalled look
    restarted: dict[str, int] = field(default_factory=dict)  # host -> restarts unhealed

    def step(
        self, findings: Iterable[Finding], now: float, started: Mapping[str, float]
    ) -> list[tuple[str, str]]:
        """(process, why) for each process to restart now."""
        findings = list(findings)
        stalled = {f.component: f for f in findings if f.condition == STALLED}
        for stage in list(self.since):
            if stage not in stalled:
                del self.since[stage]
        seen = {_HOST_OF[f.component] for f in findings if f.component in _HOST_OF}
        for reading in seen - {_HOST_OF[c] for c in stalled if c in _HOST_OF}:
            self.restarted.pop(reading, None)  # it reads again: the next stall starts afresh
        out: list[tuple[str, str]] = []
        for stage, finding in sorted(stalled.items()):
            if (host := _HOST_OF.get(stage)) is None:
                continue
            if host not in started or now - started[host] < self.grace:
                self.since.pop(stage, None)
                continue
            first = self.since.setdefault(stage, now)
            bound = min(self.bound * 2 ** self.restarted.get(host, 0), MAX_BOUND)
            if now - first >= bound and all(h != host for h, _ in out):
                out.append((host, f"its {stage} stalled for {now - first:.0f} s "
                                  f"({finding.detail})"))  # fmt: skip
        for host, _ in out:
            self.restarted[host] = self.restarted.get(host, 0) + 1
            for stage in [s for s in self.since if _HOST_OF.get(s) == host]:
                del self.since[stage]
        return out


class StallWatchService:
    """The watch's thread: a look at the stages every few seconds; a process to restart
    is handed to ``restart`` (the supervisor's main thread stops and starts it)."""

    def __init__(
        self,
        watch: StallWatch,
        findings: Callable[[float], list[Finding]],  # wall-clock time -> stage findings
        *,
        started: Callable[[], dict[str, float]],  # process -> monotonic start time
        restart: Callable[[str, str], None],
        stop: threading.Event,
        clock: Callable[[], float],
        wall: Callable[[], float],
    ) -> None:
        self.watch = watch
        self._findings = findings
        self._started = started
        self._restart = restart
        self._stop = stop
        self._clock = clock
        self._wall = wall
        self._thread = threading.Thread(target=self._run, name="stall-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 15.0) -> None:
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.wait(LOOK_EVERY):
            try:
                found = self._findings(self._wall())
            except Exception as err:  # a look that failed is no stall; the next one may do
                log.warning("stall watch: no look at the stages (%s)", type(err).__name__)
                continue
            for host, why in self.watch.step(found, self._clock(), self._started()):
                self._restart(host, why)
