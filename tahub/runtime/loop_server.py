"""An aiohttp application served on loopback from its own thread (tests, fakes, benchmarks)."""

from __future__ import annotations

import asyncio
import threading

from aiohttp import web

from tahub.runtime.ports import free_port


class LoopServer:
    """``start()`` serves ``app`` on 127.0.0.1:``port`` until ``stop()``."""

    def __init__(self, app: web.Application, port: int | None = None) -> None:
        self.app = app
        self.port = port or free_port()
        self.loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None

    def start(self) -> LoopServer:
        ready = threading.Event()

        async def serve() -> None:
            self._runner = web.AppRunner(self.app, access_log=None)
            await self._runner.setup()
            await web.TCPSite(self._runner, "127.0.0.1", self.port).start()
            ready.set()

        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        asyncio.run_coroutine_threadsafe(serve(), self.loop)
        if not ready.wait(10):
            raise RuntimeError(f"could not serve on 127.0.0.1:{self.port}")
        return self

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
