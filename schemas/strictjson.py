"""Strict JSON for everything partners send: I-JSON (RFC 7493) rules, no Python extras.

Python's json module keeps the last of two members with one name (so a "tlp":"TLP:RED"
followed by "tlp":"TLP:CLEAR" became CLEAR) and accepts NaN and Infinity; both are errors
here. Error messages never repeat a member name, which may be anything a partner typed.
"""

from __future__ import annotations

import json
from typing import Any


class DuplicateName(ValueError):
    """An object names one member twice."""


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in pairs:
        if name in out:
            raise DuplicateName(
                f"a member name appears twice in one object (the {len(out) + 1}th member)"
            )
        out[name] = value
    return out


def loads(text: str | bytes) -> Any:
    """Parse strict JSON; raises ValueError (DuplicateName, json.JSONDecodeError, …)."""
    return json.loads(text, parse_constant=_no_constant, object_pairs_hook=_unique)
