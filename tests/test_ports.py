"""Ports for servers tests and benchmarks start: picked outside the kernel's ephemeral
range, and a LoopServer's held from the moment it is made (CI once lost a fake Slack's
port to another connection between the pick and the bind)."""

from __future__ import annotations

import random
import socket

import httpx
import pytest
from aiohttp import web

from tahub.runtime.loop_server import LoopServer
from tahub.runtime.ports import ephemeral_low, free_port, port_is_free


def test_the_ephemeral_range_is_read_and_defaults_to_linuxs() -> None:
    assert ephemeral_low("32768\t60999\n") == 32768
    assert ephemeral_low("40000 65000") == 40000
    assert ephemeral_low("") == 32768
    assert ephemeral_low("nonsense") == 32768


def test_a_picked_port_is_free_and_below_the_ephemeral_range() -> None:
    low = ephemeral_low()
    picks = {free_port(rng=random.Random(seed)) for seed in range(20)}
    assert all(20000 <= p < low for p in picks), sorted(picks)
    assert len(picks) > 15  # random, not one port for every caller
    assert all(port_is_free(p) for p in picks)


def test_a_loop_server_holds_its_port_before_it_starts() -> None:
    async def hello(_: web.Request) -> web.Response:
        return web.Response(text="hi")

    app = web.Application()
    app.router.add_get("/", hello)
    server = LoopServer(app)
    with socket.socket() as other, pytest.raises(OSError, match="in use"):
        other.bind(("127.0.0.1", server.port))
    server.start()
    try:
        assert httpx.get(f"http://127.0.0.1:{server.port}/", timeout=10).text == "hi"
    finally:
        server.stop()
