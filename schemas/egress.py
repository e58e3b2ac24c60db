"""Where tahub may connect: http(s) to public addresses only, checked at connect time.

Every outbound request (feeds, article pages, robots.txt, webhooks, Slack) goes through a
session made here. A host name is resolved by the session's own resolver, which drops
loopback, private, link-local, shared (CGNAT), multicast, reserved and cloud-metadata
addresses before the connection is made, so a name that resolves to 127.0.0.1 (or
rebinds to it between a check and the connect) cannot be reached; a literal address and
the scheme are checked before each request and before each redirect hop. Named hosts and
networks may be allowed for on-premise receivers and tests (``TAHUB_EGRESS_ALLOW``).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver
from yarl import URL

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# well-known metadata endpoints that some clouds serve from otherwise global addresses
_METADATA = {ipaddress.ip_address("100.100.100.200"), ipaddress.ip_address("fd00:ec2::254")}
_LOCAL_NAMES = ("localhost", "localhost.localdomain")


class EgressRefused(aiohttp.ClientError):
    """A request to a scheme or address tahub must not reach (a ClientError, so callers
    treat it as the failed connection it is)."""


# IPv6 prefixes whose last 32 bits are an IPv4 address that a network reaches for them:
# mapped, IPv4-translated (RFC 2765 SIIT: ::ffff:0:a.b.c.d, which a stateless translator
# turns back into a.b.c.d), the NAT64 well-known prefix (an IPv6-only host's gateway to
# IPv4, where DNS64 gives such addresses for IPv4-only names), and IPv4-compatible
# (deprecated)
_CARRIES_IPV4 = tuple(
    ipaddress.ip_network(n) for n in ("::ffff:0:0/96", "::ffff:0:0:0/96", "64:ff9b::/96", "::/96")
)
# translated by a local rule of the network's choosing (RFC 8215): never judged public
_LOCAL_NAT64 = ipaddress.ip_network("64:ff9b:1::/48")


def _plain(ip: Address) -> Address:
    """The IPv4 address an IPv6 one stands for, if it stands for one (6to4 included),
    judged as that address: 64:ff9b::a9fe:a9fe is the metadata endpoint behind NAT64."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return ip
    if ip.sixtofour is not None:
        return ip.sixtofour
    if any(ip in net for net in _CARRIES_IPV4) and int(ip) & 0xFFFFFFFF > 1:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)  # not :: or ::1 themselves
    return ip


def forbidden(ip: Address) -> bool:
    """Not a public unicast address (or a metadata endpoint)."""
    if isinstance(ip, ipaddress.IPv6Address) and ip in _LOCAL_NAT64:
        return True
    ip = _plain(ip)
    return ip in _METADATA or not ip.is_global or ip.is_multicast


def literal_ip(host: str) -> Address | None:
    """The address a URL host spells, in any form the resolver would accept as one
    (``0x7f000001``, ``2130706433``, ``127.1``, ``[::1]``), or None for a name."""
    host = host.strip("[]")
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    try:  # inet_aton reads the old shorthand forms that browsers and libc still take
        return ipaddress.ip_address(socket.inet_aton(host))
    except OSError:
        return None


@dataclass(frozen=True)
class EgressPolicy:
    """Which private hosts and networks are nevertheless reachable (none by default)."""

    hosts: frozenset[str] = frozenset()
    networks: tuple[Network, ...] = field(default=())

    @classmethod
    def parse(cls, allow: Iterable[str]) -> EgressPolicy:
        hosts, nets = set(), []
        for item in (a.strip() for a in allow):
            if not item:
                continue
            try:
                nets.append(ipaddress.ip_network(item, strict=False))
            except ValueError:
                hosts.add(item.lower().rstrip("."))
        return cls(frozenset(hosts), tuple(nets))

    def allows_host(self, host: str) -> bool:
        """Named by the operator: the host itself, or a literal address in an allowed
        network."""
        if host.lower().rstrip(".") in self.hosts:
            return True
        ip = literal_ip(host)
        return ip is not None and any(_plain(ip) in net for net in self.networks)

    def allows_ip(self, ip: Address) -> bool:
        ip = _plain(ip)
        return not forbidden(ip) or any(ip in net for net in self.networks)

    def refusal(self, url: str) -> str | None:
        """Why ``url`` may not be requested, judged without DNS; None if it may (a name
        is judged again, by address, when the connection is made)."""
        try:
            parts = urlsplit(url)
            host = parts.hostname or ""
        except ValueError:
            return "not a URL"
        if parts.scheme not in ("http", "https"):
            return f"{parts.scheme or 'no'} scheme: only http(s) leaves tahub"
        if not host:
            return "no host"
        return self.host_refusal(host)

    def host_refusal(self, host: str) -> str | None:
        """Why ``host`` (a name or a literal address) may not be reached, judged without
        DNS; None if it may (a name is judged again by address at connect time)."""
        if self.allows_host(host):
            return None
        if host.lower().rstrip(".") in _LOCAL_NAMES or host.lower().endswith(".localhost"):
            return "a loopback host"
        ip = literal_ip(host)
        if ip is not None and not self.allows_ip(ip):
            return "a private, loopback or reserved address"
        return None

    def reachable(self, host: str, found: Iterable[str]) -> list[str]:
        """Of the addresses ``host`` resolved to, those tahub may connect to (all of them
        for a host the operator named)."""
        found = list(found)
        if self.allows_host(host):
            return found
        return [a for a in found if self.allows_ip(ipaddress.ip_address(a.split("%")[0]))]


class GuardedResolver(AbstractResolver):
    """Resolves as usual, then keeps only addresses the policy allows."""

    def __init__(self, policy: EgressPolicy) -> None:
        self.policy = policy
        self._inner: AbstractResolver | None = None  # made in the session's event loop

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        if self._inner is None:
            self._inner = DefaultResolver()
        found = await self._inner.resolve(host, port, family)
        if self.policy.allows_host(host):
            return found
        kept = [r for r in found if self.policy.allows_ip(ipaddress.ip_address(r["host"]))]
        if not kept:
            raise OSError(f"{host} resolves only to addresses tahub must not reach")
        return kept

    async def close(self) -> None:
        if self._inner is not None:
            await self._inner.close()


def session(policy: EgressPolicy, **kwargs: Any) -> aiohttp.ClientSession:
    """A client session that reaches only what ``policy`` allows, redirects included."""

    async def check(_: aiohttp.ClientSession, __: Any, params: Any) -> None:
        reason = policy.refusal(str(params.url))
        if reason is not None:
            raise EgressRefused(f"refused: {reason}")

    async def check_redirect(_: aiohttp.ClientSession, __: Any, params: Any) -> None:
        location = params.response.headers.get("Location", "")
        reason = policy.refusal(str(params.url.join(URL(location)))) if location else None
        if reason is not None:
            raise EgressRefused(f"refused a redirect: {reason}")

    trace = aiohttp.TraceConfig()
    trace.on_request_start.append(check)
    trace.on_request_redirect.append(check_redirect)  # before each hop is followed
    connector = aiohttp.TCPConnector(resolver=GuardedResolver(policy))
    return aiohttp.ClientSession(connector=connector, trace_configs=[trace], **kwargs)
