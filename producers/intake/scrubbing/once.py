"""A value built once per process, by whichever thread asks first, while the others wait:
the intake warms its scrubber in a thread of its own, and a request that arrives meanwhile
must wait for that build rather than start a second one (``functools.cache`` would let
both build, doubling ~5 s of CPU on the busiest moment of a start)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Once(Generic[T]):
    def __init__(self, build: Callable[[], T]) -> None:
        self._build = build
        self._value: T | None = None
        self._lock = threading.Lock()
        self.__doc__ = build.__doc__

    @property
    def loaded(self) -> bool:
        return self._value is not None

    def __call__(self) -> T:
        value = self._value
        if value is not None:  # the common case: no lock once built
            return value
        with self._lock:
            if self._value is None:
                self._value = self._build()
            return self._value


def once(build: Callable[[], T]) -> Once[T]:
    return Once(build)
