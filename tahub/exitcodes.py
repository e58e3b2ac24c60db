"""tahub's exit codes, in one place (the README's "Exit codes" table is checked against
this module).

Every command: 0 done, 1 an error (one line `tahub: error: …`, or a crash), 2 a usage
error (click's own: an unknown option, a missing argument, a bad value), 3 done in part
(some rows or lines rejected, the rest taken). `tahub status` alone answers a question
with its code, as monitoring checks do: 0 green, 1 yellow, 2 red (also when it cannot
look at all), so `[ $? -lt 2 ]` is a health check.
"""

from __future__ import annotations

from enum import IntEnum


class Exit(IntEnum):
    OK = 0
    ERROR = 1
    USAGE = 2  # click's UsageError.exit_code: not ours to choose
    PARTIAL = 3


class StatusExit(IntEnum):
    """`tahub status`: the worst colour among the checks."""

    GREEN = 0
    YELLOW = 1
    RED = 2
