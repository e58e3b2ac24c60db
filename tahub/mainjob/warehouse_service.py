"""The warehouse as the main job holds it: opened and migrated at start, a connection for
queries and one for the sink (the same one with chDB, one session per process), its
health, news text dropped hourly once it has expired, and signals landed without their
report's class landed again in it hourly (consumers.reclass)."""

from __future__ import annotations

import logging
import time

from consumers import migrations
from consumers.errors import WarehouseError
from consumers.reclass import reclass
from consumers.reclass_lock import Busy, guarded
from consumers.retention import drop_expired_news_text
from consumers.warehouse import ChdbWarehouse, Warehouse, open_warehouse
from tahub.checks import Check
from tahub.settings import Settings

log = logging.getLogger("tahub.main")


class WarehouseService:
    def __init__(self, settings: Settings) -> None:
        self.s = settings
        self.connection: Warehouse | None = None
        self.sink_connection: Warehouse | None = None
        self._next_retention = 0.0

    def start(self) -> None:
        s = self.s
        self.connection = open_warehouse(s.warehouse)
        ran = migrations.migrate(self.connection)
        log.info("warehouse: %s, %d migration(s) applied", self.connection.name, len(ran))
        # chDB is one session per process; a server gets its own connection for the sink
        self.sink_connection = (
            self.connection
            if isinstance(self.connection, ChdbWarehouse)
            else open_warehouse(s.warehouse)
        )

    def check(self) -> Check:
        wh = self.connection
        if wh is None:
            return Check("warehouse", False, "not open yet")
        try:
            pending = [m.version for m, done in migrations.status(wh) if not done]
            return Check(
                "warehouse",
                not pending,
                f"{wh.name}, " + (f"pending migrations {pending}" if pending else "migrated"),
            )
        except WarehouseError as err:
            return Check("warehouse", False, str(err))

    def retain_if_due(self) -> None:
        """Drop expired news text and re-class settled signals, at most once an hour."""
        if self.connection is None or time.monotonic() < self._next_retention:
            return
        self._next_retention = time.monotonic() + 3600
        try:
            dropped = drop_expired_news_text(self.connection, self.s.news_text_retention_days)
        except WarehouseError as err:
            # and re-class all the same: its repair of a stopped run must not wait for
            # news text's retention to work again
            log.warning("news text retention failed: %s", err)
            dropped = []
        if dropped:
            log.info("retention: dropped news text for %s", ", ".join(dropped))
        try:
            with guarded(self.connection, self.s.data_dir):
                rows = reclass(self.connection, now=time.time())
        except Busy as err:
            log.warning("re-classing skipped this hour: %s", err)
            return
        except WarehouseError as err:
            log.warning("re-classing signals failed: %s", err)
            return
        if rows:
            log.info("re-classed %d signal(s) landed without their report's class", rows)

    def stop(self) -> None:
        if self.sink_connection is not None and self.sink_connection is not self.connection:
            self.sink_connection.close()
        if self.connection is not None:
            self.connection.close()
