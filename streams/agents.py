"""tahub's Faust worker: the intake stage, then detection (``streams.detect``).

Incidents and news articles are checked and normalised by ``intake_stage`` (exactly once,
in Kafka transactions) on a thread this worker hosts; valid incidents become signals,
invalid records go to the DLQ with their reason and origin, and a DlqLimit stops the
worker when a bad deploy makes everything fail. News signals arrive on the signals topic
from the news producer. If the intake stage fails, the worker stops.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import threading

import faust

from schemas.serde import Serde
from streams.detect.config import load
from streams.detect.faust_host import FaustHost
from streams.detect.offsets import CommittedOffsets
from streams.detect.repartition_process import RepartitionProcess
from streams.intake_stage import IntakeSettings, IntakeStage
from streams.stream_config import StreamConfig

log = logging.getLogger(__name__)
# A crashed app should end the process, which the main job then starts again; Faust's
# crash path can hang in its own stop ("Event loop is closed" while committing), and a
# worker that neither works nor exits stalls the stage. Transactions make a hard exit safe.
CRASH_EXIT_S = 30.0


def register_agents(app: faust.App, cfg: StreamConfig, serde: Serde) -> None:
    _intake(app, cfg, serde)
    kafka = {"bootstrap.servers": cfg.bootstrap, **cfg.security}
    offsets = CommittedOffsets(kafka, cfg.app_id)
    conf = load(cfg.detector_config)
    host = FaustHost(
        app, cfg.topic_prefix, cfg.partitions, serde, conf, committed=offsets,
        repartition=RepartitionProcess(cfg), ids=cfg.ids,
    )  # fmt: skip
    host.register()


def intake_settings(cfg: StreamConfig) -> IntakeSettings:
    # one transactional id per worker slot (its data dir): a worker started again after a
    # kill -9 fences its old self and aborts the transaction it left open at once
    slot = hashlib.blake2b(str(cfg.data_dir.resolve()).encode(), digest_size=4).hexdigest()
    return IntakeSettings(
        kafka={"bootstrap.servers": cfg.bootstrap, **cfg.security},
        group=f"{cfg.app_id}-intake",
        prefix=cfg.topic_prefix,
        transactional_id=f"{cfg.app_id}-intake-{slot}",
        session_timeout=cfg.session_timeout,
        heartbeat_interval=cfg.heartbeat_interval,
    )


def _intake(app: faust.App, cfg: StreamConfig, serde: Serde) -> None:
    stage = IntakeStage(intake_settings(cfg), serde)

    async def run_intake() -> None:
        """The intake stage lives as long as the app; if it fails, the worker stops."""
        stop = threading.Event()
        done = asyncio.get_running_loop().run_in_executor(None, stage.run, stop.is_set)
        try:
            await asyncio.shield(done)
        except asyncio.CancelledError:
            stop.set()  # the worker is stopping: let the batch under way commit first
            await asyncio.wait([done], timeout=15)
            raise
        except Exception as err:
            log.error("intake stage failed: %s", err)
            exit_soon(CRASH_EXIT_S)
            await app.crash(err)
        finally:
            stop.set()

    app.task(run_intake)


def exit_soon(seconds: float) -> threading.Timer:
    """End the process in ``seconds`` unless it ended by itself before."""

    def hard_exit() -> None:
        log.error("the worker did not stop within %.0f s of the crash; exiting", seconds)
        logging.shutdown()
        os._exit(1)

    timer = threading.Timer(seconds, hard_exit)
    timer.daemon = True
    timer.start()
    return timer
