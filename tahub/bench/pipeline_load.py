"""Load generator for `tahub bench pipeline`: single-incident POSTs sent at planned times.

Runs as its own process (``python -m tahub.bench.pipeline_load PLAN OUT``) so the client's
CPU does not share the benchmark's interpreter. PLAN is a JSON file ``{"url", "start"
(epoch seconds), "concurrency", "requests": [[offset_s, api_key, body, ...], ...]}``; each
request is sent at ``start + offset`` or, when ``concurrency`` requests are already
waiting for answers, as soon as one is answered. OUT gets ``{"rows": per request
[planned, sent, answered, status, incident_id] (epoch seconds; incident_id or null),
"cpu_s": the client's CPU seconds from its first request}``.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any

import aiohttp


async def run(plan: dict[str, Any]) -> dict[str, Any]:
    url = plan["url"] + "/api/v1/incidents"
    start = float(plan["start"])
    requests = plan["requests"]
    out: list[list[Any]] = [[] for _ in requests]
    slots = asyncio.Semaphore(int(plan["concurrency"]))
    connector = aiohttp.TCPConnector(limit=int(plan["concurrency"]))
    async with aiohttp.ClientSession(connector=connector) as session:

        async def one(i: int, key: str, body: bytes, planned: float) -> None:
            try:
                sent = time.time()
                async with session.post(url, data=body, headers={
                    "Authorization": f"Bearer {key}", "Content-Type": "application/json"
                }) as r:  # fmt: skip
                    answer = await r.read()
                    status = r.status
                iid = json.loads(answer).get("incident_id") if status == 202 else None
                out[i] = [planned, sent, time.time(), status, iid]
            except (aiohttp.ClientError, OSError, ValueError):
                out[i] = [planned, sent, time.time(), 0, None]
            finally:
                slots.release()

        tasks = []
        cpu0 = time.process_time()
        for i, (offset, key, body, *_) in enumerate(requests):
            planned = start + float(offset)
            wait = planned - time.time()
            if wait > 0:
                await asyncio.sleep(wait)
            if i == 0:
                cpu0 = time.process_time()  # the client's own CPU from its first request
            await slots.acquire()  # a backlog of unanswered requests holds the next back
            tasks.append(asyncio.create_task(one(i, key, json.dumps(body).encode(), planned)))
        await asyncio.gather(*tasks)
    return {"rows": out, "cpu_s": time.process_time() - cpu0}


if __name__ == "__main__":
    plan_path, out_path = Path(sys.argv[1]), Path(sys.argv[2])
    result = asyncio.run(run(json.loads(plan_path.read_text())))
    out_path.write_text(json.dumps(result))
