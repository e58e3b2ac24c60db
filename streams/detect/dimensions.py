"""Dimension sets: which signal fields a count is kept for, and each signal's keys (pure).

A signal contributes to one key per dimension set, or to none when a field the set needs
is missing (a signal without a destination has no route).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from schemas.dimensions import SIGNAL_DIMENSIONS

# dimension name -> signal field
FIELDS = SIGNAL_DIMENSIONS


@dataclass(frozen=True)
class DimensionSet:
    name: str
    dims: tuple[str, ...]

    def __post_init__(self) -> None:
        unknown = [d for d in self.dims if d not in FIELDS]
        if unknown or not self.dims:
            raise ValueError(
                f"dimension set {self.name!r}: unknown dimensions {unknown}; use {list(FIELDS)}"
            )

    def key(self, signal: Mapping[str, Any]) -> str | None:
        """'forced_labour|NG>IT'-style key, or None if a needed field is empty."""
        values = []
        for dim in self.dims:
            value = signal.get(FIELDS[dim])
            if not value:
                return None
            values.append(str(value))
        if self.dims[-2:] == ("origin", "destination"):
            route = f"{values[-2]}>{values[-1]}"
            values = [*values[:-2], route]
        return "|".join(values)

    def dimensions(self, signal: Mapping[str, Any]) -> dict[str, str]:
        return {dim: str(signal[FIELDS[dim]]) for dim in self.dims}


DEFAULT_SETS: tuple[DimensionSet, ...] = (
    DimensionSet("typology", ("typology",)),
    DimensionSet("route", ("origin", "destination")),
    DimensionSet("location", ("location",)),
    DimensionSet("cell", ("cell",)),
    DimensionSet("typology_route", ("typology", "origin", "destination")),
    DimensionSet("typology_location", ("typology", "location")),
)
