"""How the intake logs a fault met while handling a partner's submission: by its type and
where it was raised, never by its message, which may quote the submitted text (a tagger
that chokes on a summary repeats it)."""

from __future__ import annotations

import traceback
from pathlib import Path


def described(err: BaseException) -> str:
    """``ValueError in tag (scrub.py:123) from run (service.py:45)``: the type and the
    innermost frames, enough to find the bug, with no value from the request."""
    frames = traceback.extract_tb(err.__traceback__)[-3:]
    where = " from ".join(
        f"{f.name} ({Path(f.filename).name}:{f.lineno})" for f in reversed(frames)
    )
    return f"{type(err).__name__} in {where}" if where else type(err).__name__
