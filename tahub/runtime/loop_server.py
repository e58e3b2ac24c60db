"""An aiohttp application served on loopback from its own thread (tests, fakes, benchmarks)."""

from __future__ import annotations

import asyncio
import threading

from aiohttp import web

from tahub.runtime.ports import listening

_START_S = 30


class LoopServer:
    """``start()`` serves ``app`` on 127.0.0.1:``port`` until ``stop()``. The socket is
    bound when the server is made, so ``port`` is known (and held) before ``start()``."""

    def __init__(self, app: web.Application, port: int | None = None) -> None:
        self.app = app
        self._sock = listening(port=port or 0)
        self.port: int = self._sock.getsockname()[1]
        self.loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None

    def start(self) -> LoopServer:
        async def serve() -> None:
            self._runner = web.AppRunner(self.app, access_log=None)
            await self._runner.setup()
            await web.SockSite(self._runner, self._sock).start()

        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        started = asyncio.run_coroutine_threadsafe(serve(), self.loop)
        try:
            # a loaded two-core machine (CI runs three demo jobs at once beside this) can
            # take seconds to get here; a bind that failed says why instead of timing out
            started.result(_START_S)
        except Exception as err:
            raise RuntimeError(f"could not serve on 127.0.0.1:{self.port}: {err!r}") from err
        return self

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._sock.close()
