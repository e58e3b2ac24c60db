"""The source of one generated function (pure): statements, fresh locals and constants.

The compiled Avro writer and reader (``avro_writer``, ``avro_reader``) each build one
straight-line function per schema from such a source, with their own encoding steps.
"""

from __future__ import annotations

from typing import Any


class Source:
    def __init__(self, stem: str) -> None:
        self.lines: list[str] = []
        self.consts: dict[str, Any] = {}  # names the function reads from its scope
        self._stem = stem
        self._n = 0

    def local(self, stem: str | None = None) -> str:
        """A name no other statement of this function uses."""
        self._n += 1
        return f"{stem or self._stem}{self._n}"

    def const(self, value: Any) -> str:
        name = self.local("_k")
        self.consts[name] = value
        return name

    def emit(self, depth: int, *lines: str) -> None:
        self.lines.extend("    " * depth + line for line in lines)
