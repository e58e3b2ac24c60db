"""Signals carry their sharing level and occurrence precision as numbers beside the
strings (consumers.release.CODE_COLUMNS): every query's scope filters on both, and a
UInt8 compared costs about a third of a string.

DEFAULT columns computed by the warehouse from the strings, which stay the record: rows
landed before this migration get theirs from the same expression when read, so they keep
exactly their restrictions at once, and ``OPTIMIZE … FINAL`` then writes the columns into
every part (a one-off rewrite of the table, as in 0005).
"""

from consumers.migrations import Step, columns_of, drop_column
from consumers.release import CODE_COLUMNS
from consumers.warehouse import Warehouse


def _add(name: str, type_: str, expr: str) -> Step:
    # appended, without AFTER: 18.16 refuses AFTER beside a default expression
    def step(wh: Warehouse) -> None:
        if name not in columns_of(wh, "signals"):
            wh.execute(f"ALTER TABLE signals ADD COLUMN {name} {type_} DEFAULT {expr}")

    return step


UP: list[Step] = [*(_add(*c) for c in CODE_COLUMNS), "OPTIMIZE TABLE signals FINAL"]

DOWN: list[Step] = [drop_column("signals", name) for name, _, _ in reversed(CODE_COLUMNS)]
