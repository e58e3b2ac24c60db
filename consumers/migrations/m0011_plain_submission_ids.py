"""Submission ids landed before the intake sealed them (fd7b445, 2026-12-01) are blanked.

A partner's submission id may name its case file or the person, and ties the coded fields
back to it; since fd7b445 it is sealed under the organisation's data key like the summary,
and the sink lands no other (``consumers.tables._sealed``). Those landed before were plain
and out of reach of `tahub orgs forget`. The warehouse cannot seal them (it holds no
keys), so they are blanked: the owner keeps the incident id it was answered with. A
mutation the step waits for; not undone.
"""

from __future__ import annotations

from consumers.migrations import Step, rewrite
from consumers.release import lit
from schemas.envelope import PREFIX

# not ``is_sealed`` in SQL: substring, as 18.16 and chDB both have it
_PLAIN = f"submission_id != '' AND substring(submission_id, 1, {len(PREFIX)}) != {lit(PREFIX)}"

UP: list[Step] = [rewrite("incidents", "submission_id = ''", _PLAIN, "plain submission ids")]

DOWN: list[Step] = []  # the plain ids are gone on purpose
