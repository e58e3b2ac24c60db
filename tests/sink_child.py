"""A sink process that dies right after its first insert, before committing offsets.

Run by test_sink: ``python -m tests.sink_child SPACE_JSON WAREHOUSE_URL`` exits with 17.
"""

from __future__ import annotations

import json
import os
import sys
import threading

from consumers.sink import Sink
from consumers.warehouse import open_warehouse
from tests.sinkkit import Space


def main() -> None:
    space = Space(**json.loads(sys.argv[1]))
    wh = open_warehouse(sys.argv[2])

    def crash(self: Sink) -> None:
        os._exit(17)  # the insert is in the warehouse; the offsets are not committed

    Sink._commit = crash  # type: ignore[method-assign]
    space.sink(wh, batch_rows=5_000).run(threading.Event())


if __name__ == "__main__":
    main()
