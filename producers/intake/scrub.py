"""Scrubbing free text before anything is stored: the entry point intake and news import.

The rules live in ``producers.intake.scrubbing`` (one module each: contacts, numbers,
birth dates, addresses, names, the pipeline that joins their spans); this module keeps
the names the rest of tahub imports.
"""

from __future__ import annotations

from producers.intake.scrubbing.pipeline import ScrubResult, is_known_place, scrub, scrub_place

__all__ = ["ScrubResult", "is_known_place", "scrub", "scrub_place"]
