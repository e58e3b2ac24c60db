"""Load generator for `tahub bench intake`: N single-incident POSTs from C concurrent clients.

Runs as its own process (``python -m tahub.bench.intake_load URL KEY N C``) so the
client's CPU does not share the server's interpreter lock; prints one JSON line.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from typing import Any

import aiohttp


def payload(i: int) -> bytes:
    return json.dumps(
        {
            "submission_id": f"bench-{i}",
            "occurred_on": "2026-10-12",
            "occurred_precision": "day",
            "typologies": ["forced_labour"],
            "recruitment_places": [{"country": "MM"}],
            "exploitation_places": [{"country": "TH", "lat": 13.75, "lon": 100.5}],
            "victims": [{"age_band": "age_18_20", "gender": "male", "count": 2}],
            "tlp": "GREEN",
            "summary": f"Workers recruited by an agency, case {i}.",
        }
    ).encode()


async def run(url: str, key: str, n: int, concurrency: int) -> dict[str, Any]:
    bodies = [payload(i) for i in range(n)]
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    next_i = 0
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector, headers=headers) as session:

        async def client() -> None:
            nonlocal next_i
            while next_i < n:
                i = next_i
                next_i += 1
                t = time.perf_counter()
                async with session.post(url + "/api/v1/incidents", data=bodies[i]) as r:
                    await r.read()
                    statuses[r.status] = statuses.get(r.status, 0) + 1
                latencies.append(time.perf_counter() - t)

        t0 = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(concurrency)))
        elapsed = time.perf_counter() - t0
    latencies.sort()
    return {
        "requests": n,
        "concurrency": concurrency,
        "seconds": round(elapsed, 2),
        "posts_per_s": round(n / elapsed),
        "p50_ms": round(latencies[len(latencies) // 2] * 1000, 1),
        "p99_ms": round(latencies[int(len(latencies) * 0.99)] * 1000, 1),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
    }


if __name__ == "__main__":
    url, key, n, c = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    print(json.dumps(asyncio.run(run(url, key, n, c))))
