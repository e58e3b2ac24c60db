"""The recognisers tahub ships for scripts that capitals cannot find, checked at start.

Each (``ja_names``, ``ko_names``, ``th_names``) returns nothing when its package is missing,
so the pure scrubber still runs in tests and the evaluation; a broken install would then
leak every Japanese, Korean or Thai name without a word. A start (the main job, an intake
service) calls ``missing`` first and refuses with its lines.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from producers.intake.scrubbing import ja_names, ko_names, th_names


@dataclass(frozen=True)
class Bundled:
    what: str  # the recogniser, as an operator reads it
    packages: str  # what `pip install` needs
    load: Callable[[], Any]


BUNDLED = (
    Bundled("Japanese name recogniser", "fugashi unidic-lite", ja_names.load),
    Bundled("Korean name recogniser", "kiwipiepy", ko_names.load),
    Bundled("Thai name recogniser", "pythainlp", th_names.load),
)


def missing(bundled: tuple[Bundled, ...] = BUNDLED) -> list[str]:
    """One line for each recogniser that cannot load, naming the package and its install;
    empty when all load (each loads once per process and is kept: ~2 s for Kiwi's
    model, so a start also warms them)."""
    out = []
    for b in bundled:
        try:
            b.load()
        except (ImportError, OSError, RuntimeError) as err:
            why = (str(err).splitlines() or [type(err).__name__])[0][:120]
            out.append(
                f"the {b.what} cannot load ({why}); "
                f"install it with `pip install {b.packages}` (or reinstall tahub)"
            )
    return out
