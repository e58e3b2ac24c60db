"""Attack: a webhook (or a feed, or a name's AAAA record) spells a private IPv4 address
inside an IPv6 one that a network translates back to IPv4.

On an IPv6-only host behind NAT64 (cloud IPv6-only subnets with DNS64), 64:ff9b::a9fe:a9fe
reaches 169.254.169.254 and 64:ff9b::a00:5 reaches 10.0.0.5 through the gateway; 6to4
(2002::/16) and Teredo (2001::/32) carry an IPv4 address too. Only ::ffff:0:0/96 was
unwrapped, and Python counts 64:ff9b::/96 and 2002::/16 as global. A translated public
address (what DNS64 gives a webhook host with no IPv6) must still pass.
"""

from __future__ import annotations

import asyncio
import socket
from typing import Any

import pytest

from schemas.egress import EgressPolicy, GuardedResolver
from tests.test_egress import _Stub

NONE = EgressPolicy()

EMBEDDED = [
    "64:ff9b::a9fe:a9fe",  # NAT64 well-known prefix: 169.254.169.254
    "64:ff9b::7f00:1",  # 127.0.0.1
    "64:ff9b::a00:5",  # 10.0.0.5
    "64:ff9b:1::a9fe:a9fe",  # the local-use NAT64 prefix (RFC 8215)
    "2002:a9fe:a9fe::1",  # 6to4 of 169.254.169.254
    "2002:7f00:1::",  # 6to4 of 127.0.0.1
    "2001:0:4136:e378:8000:63bf:f5ff:fffe",  # Teredo, client 10.0.0.1
    "::7f00:1",  # IPv4-compatible (deprecated): 127.0.0.1
    # IPv4-translated (RFC 2765 SIIT), which a stateless translator turns back into IPv4
    # (review45): ::ffff:0:0:0/96, not the mapped ::ffff:0:0/96
    "::ffff:0:a9fe:a9fe",  # 169.254.169.254
    "::ffff:0:7f00:1",  # 127.0.0.1
    "::ffff:0:a00:5",  # 10.0.0.5
]


@pytest.mark.parametrize("address", EMBEDDED)
def test_an_ipv4_address_inside_an_ipv6_one_is_judged_as_itself(address: str) -> None:
    assert NONE.refusal(f"http://[{address}]/hook") is not None
    resolver = GuardedResolver(NONE)
    resolver._inner = _Stub({"rebound.example": [address]})  # type: ignore[assignment]

    async def run() -> Any:
        return await resolver.resolve("rebound.example", 443, socket.AF_INET6)

    with pytest.raises(OSError, match="must not reach"):
        asyncio.run(run())


def test_a_translated_public_address_passes_and_the_allow_list_sees_through_it() -> None:
    assert NONE.refusal("https://[64:ff9b::5db8:d822]/hook") is None  # 93.184.216.34
    assert NONE.refusal("https://[::ffff:0:5db8:d822]/hook") is None  # SIIT, the same
    on_prem = EgressPolicy.parse(["10.0.0.0/8"])
    assert on_prem.refusal("https://[64:ff9b::a00:5]/hook") is None
    assert on_prem.refusal("https://[64:ff9b::a9fe:a9fe]/hook") is not None
