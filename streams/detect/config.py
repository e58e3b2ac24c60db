"""Detector configuration: dimension sets and per-set detector settings, from TOML.

    [defaults]              # any DetectorConfig field
    threshold = 2.5
    [sets.typology_route]   # a dimension set: its dimensions, then overrides
    dims = ["typology", "origin", "destination"]
    window = 86400
    min_sources = 3
    late_policy = "dead_letter"   # top level: late signals go to the DLQ too, or "count"
    backdated_after_days = 30     # top level: reports of older events are history, not live

Without a file, the six default sets run with the default detector settings, except
``typology_route``, which runs the ``glm`` detector on an 8-week baseline (``SHIPPED``:
measured blind on issue 19's benchmark, ``streams/detect/data/BLIND.md``). A file says
everything itself: set ``method = "glm"`` and ``baseline = 56`` there to keep it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from streams.detect.detectors import DetectorConfig
from streams.detect.dimensions import DEFAULT_SETS, DimensionSet
from streams.detect.live import BACKDATED_AFTER

METHODS = {"auto", "poisson", "negbin", "glm", "ears_c1", "ears_c2", "ears_c3"}
LATE_POLICIES = ("dead_letter", "count")


# per-set settings over ``DetectorConfig``'s defaults when no file is given
SHIPPED: dict[str, dict[str, Any]] = {"typology_route": {"method": "glm", "baseline": 56}}


def shipped(name: str) -> DetectorConfig:
    return replace(DetectorConfig(), **SHIPPED.get(name, {}))


class DetectorConfigError(ValueError):
    pass


@dataclass(frozen=True)
class DetectionSettings:
    sets: tuple[DimensionSet, ...]
    configs: dict[str, DetectorConfig]
    # a signal that arrives after every window it belongs to closed is counted in the
    # late-data metric and, with "dead_letter", also written to the DLQ for audit
    late_policy: str = "dead_letter"
    # reports of what ended longer ago than this (seconds) are history, not live news
    # (``streams.detect.live``)
    backdated_after: int = BACKDATED_AFTER

    def too_late(self, at: int, newest: int) -> bool:
        """Whether an event at ``at`` falls in closed windows only, for every dimension
        set, once the stream has reached ``newest``."""
        if at + self._most_lateness >= newest:
            # a window ends after the events in it, so an event no further behind than a
            # set's lateness is in an open window of that set: the fan-out asks this of
            # every signal, and a live stream's are seconds behind (one comparison, not a
            # pass over the sets)
            return False
        return bool(self.configs) and all(
            (at // c.window + 1) * c.window + c.lateness <= newest for c in self.configs.values()
        )

    @cached_property
    def _most_lateness(self) -> int:
        return max((c.lateness for c in self.configs.values()), default=0)


def _apply(base: DetectorConfig, values: dict[str, Any], where: str) -> DetectorConfig:
    known = {f.name: f.type for f in fields(DetectorConfig)}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise DetectorConfigError(f"{where}: unknown settings {unknown}; known: {sorted(known)}")
    cfg = replace(base, **values)
    problems = []
    if cfg.method not in METHODS:
        problems.append(f"method {cfg.method!r} is not one of {sorted(METHODS)}")
    for name in ("window", "baseline", "span", "min_count", "min_sources", "dormant_windows"):
        if not isinstance(getattr(cfg, name), int) or getattr(cfg, name) < 1:
            problems.append(f"{name} must be a whole number ≥ 1")
    if not isinstance(cfg.guard, int) or cfg.guard < 0 or cfg.lateness < 0:
        problems.append("guard and lateness must be ≥ 0")
    if cfg.span > cfg.guard + 1:
        problems.append(
            f"span {cfg.span} needs guard ≥ {cfg.span - 1} (else a spike raises its own baseline)"
        )
    if problems:
        raise DetectorConfigError(f"{where}: " + "; ".join(problems))
    return cfg


def load(path: Path | None) -> DetectionSettings:
    if path is None:
        return DetectionSettings(DEFAULT_SETS, {s.name: shipped(s.name) for s in DEFAULT_SETS})
    try:
        data = tomllib.loads(path.read_text())
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise DetectorConfigError(f"{path}: {err}") from None
    base = _apply(DetectorConfig(), dict(data.get("defaults", {})), f"{path} [defaults]")
    policy = data.get("late_policy", "dead_letter")
    if policy not in LATE_POLICIES:
        raise DetectorConfigError(f"{path}: late_policy must be one of {list(LATE_POLICIES)}")
    days = data.get("backdated_after_days", BACKDATED_AFTER // 86_400)
    if not isinstance(days, int) or isinstance(days, bool) or days < 1:
        raise DetectorConfigError(f"{path}: backdated_after_days must be a whole number ≥ 1")
    after = days * 86_400
    sets_data = data.get("sets")
    if not sets_data:
        return DetectionSettings(DEFAULT_SETS, {s.name: base for s in DEFAULT_SETS}, policy, after)
    sets, configs = [], {}
    for name, raw in sets_data.items():
        values = dict(raw)
        dims = values.pop("dims", None)
        if not isinstance(dims, list) or not dims:
            raise DetectorConfigError(f"{path} [sets.{name}]: dims must be a non-empty list")
        try:
            sets.append(DimensionSet(name, tuple(dims)))
        except ValueError as err:
            raise DetectorConfigError(f"{path}: {err}") from None
        configs[name] = _apply(base, values, f"{path} [sets.{name}]")
    return DetectionSettings(tuple(sets), configs, policy, after)
