"""The main job's HTTP server: /health (the job's checks), /metrics, the query API over the
warehouse, the partner (intake) API and the console (tahub.console, at /). The operator
token is written when it is made."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from concurrent.futures import Executor

from aiohttp.web import RouteDef

from alerts.admin import AlertAdmins
from alerts.book import SubscriptionBook
from consumers.warehouse import Warehouse
from producers.intake.http import IntakeApi
from tahub import metrics_auth, wiring
from tahub.audit import Audit
from tahub.checks import Check
from tahub.mainjob.ops_service import OpsData
from tahub.settings import Settings
from tahub.web import WebServer


class HttpService:
    def __init__(
        self,
        settings: Settings,
        *,
        checks: Callable[[], list[Check]],
        warehouse: Callable[[], Warehouse | None],
        book: Callable[[], SubscriptionBook | None],
        metrics: Callable[[], bytes] | None = None,
        restarts: Callable[[], dict[str, int]] = dict,
    ) -> None:
        self.s = settings
        self.intake: IntakeApi | None = None
        self.alerts: AlertAdmins | None = None  # made with the partner routes
        self._book = book
        token = self._write_operator_token()
        audit = Audit(self.s.data_dir / "audit.log")
        ops = OpsData(settings, checks=checks, warehouse=warehouse, restarts=restarts)
        self.console, self._console_access = wiring.console(
            self.s, warehouse, operator_token=token, audit=audit, alerts=lambda: self.alerts,
            ops=ops,
        )  # fmt: skip
        self.web = WebServer(
            self.s.http_host,
            self.s.http_port,
            checks=checks,
            warehouse=warehouse,
            k=self.s.k_anonymity,
            operator_token=token,
            release_bin=self.s.release_bin,
            routes=self._intake_routes,
            max_body_bytes=self.s.intake_max_bulk_bytes,
            partner=lambda key: self.intake.authenticate(key) if self.intake else None,
            opener=wiring.vault(self.s).open,
            audit=audit,
            **({"metrics": metrics} if metrics is not None else {}),
            metrics_token=metrics_auth.metrics_token(settings),
        )

    def start(self) -> None:
        self.web.start()

    def stop(self) -> None:
        self.web.stop()
        if self.intake is not None:
            self.intake.close()
        self._console_access.close()

    def _intake_routes(self, pool: Executor) -> list[RouteDef]:
        book = self._book()
        assert book is not None  # the job starts the subscriptions before this server
        # one set of managers behind the alerts API and the console's My alerts
        self.alerts = wiring.alert_admins(self.s, book)
        self.intake, routes = wiring.partner_routes(self.s, pool, self.alerts)
        return [*routes, *self.console.routes(pool)]

    def _write_operator_token(self) -> str:
        token = secrets.token_urlsafe(32)
        path = self.s.operator_token_path
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(token)
        return token
