"""Small socket helpers: is a port free, does something answer on it, pick a free one."""

from __future__ import annotations

import random
import socket
from pathlib import Path

# Ports a caller picks and a later process binds are taken from below the kernel's
# ephemeral range: a port from bind(0) is in that range, and every outgoing connection on
# the machine (Kafka clients, ClickHouse, HTTP) may take it as its local port before our
# server binds it (CI saw "address already in use" on a port free_port had just returned).
_FLOOR = 20000
_RANGE = Path("/proc/sys/net/ipv4/ip_local_port_range")


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def ephemeral_low(text: str | None = None) -> int:
    """The lowest port the kernel hands out by itself (Linux's default when unknown)."""
    try:
        raw = text if text is not None else _RANGE.read_text()
        return int(raw.split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def free_port(host: str = "127.0.0.1", rng: random.Random | None = None) -> int:
    """A port free now and outside the ephemeral range, so only another picker can race
    for it (picks are random over ~12,000 ports) rather than any outgoing connection."""
    pick = rng or random.SystemRandom()
    top = ephemeral_low() - 1
    if top > _FLOOR:
        for _ in range(200):
            port = pick.randint(_FLOOR, top)
            if port_is_free(port, host):
                return port
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:  # a crowded machine
        sock.bind((host, 0))
        found: int = sock.getsockname()[1]
        return found


def listening(host: str = "127.0.0.1", port: int = 0) -> socket.socket:
    """A socket bound and listening now (port 0: the kernel's pick), for a server in this
    process that starts later: nothing can take the port in between."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


def answers(port: int, host: str = "127.0.0.1", timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False
