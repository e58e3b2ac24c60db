"""Checking CSV rows column by column: each distinct cell, or group of cells one check
reads together, is validated once per batch by the ``Submission`` model itself.

History files repeat their cells (a few thousand dates, a dozen countries, routes, sharing
levels), and per-row validation cost as much as everything else but scrubbing. A group's
cells are validated the first time they come, in a probe row whose other fields are fixed
valid values, so the model's own validators decide; the answer is kept for the batch. A
row whose groups all passed is assembled from those answers: the same values, the same
fields set, as ``parse`` of the whole row gives. A row with anything the model rejects, or
a shape the groups do not cover, returns None and is checked whole by the caller
(``tabular`` decoding, then ``parse``), so its errors are exactly the model's: which row,
which field, why.

The occurrence date is checked with its precision (one validator reads both); no other
field of ``Submission`` reads another.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Annotated, Any

from pydantic import TypeAdapter

from producers.intake.submission import Submission
from producers.intake.tabular import csv_record
from schemas.taxonomy import Typology

# valid values of the required fields, for the probe rows (any valid value would do)
_BASE: dict[str, Any] = {
    "occurred_precision": "unknown",
    "typologies": [next(iter(Typology)).value],
    "tlp": "CLEAR",
}
_REQUIRED = frozenset({"occurred_precision", "typologies", "tlp"})
# cells a check reads together, and the fields of Submission they fill
# (summary and submission_id are checked alone: see _ALONE)
_GROUPS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("occurred_precision", "occurred_on"), ("occurred_precision", "occurred_on")),
    (("typologies",), ("typologies",)),
    (("means_of_control",), ("means_of_control",)),
    (("recruitment",), ("recruitment",)),
    (
        ("recruitment_country", "recruitment_place", "recruitment_lat", "recruitment_lon"),
        ("recruitment_places",),
    ),
    (("transit_countries",), ("transit_places",)),
    (
        ("exploitation_country", "exploitation_place", "exploitation_lat", "exploitation_lon"),
        ("exploitation_places",),
    ),
    (("sector",), ("sector",)),
    (("victims",), ("victims",)),
    (("victim_citizenships",), ("victim_citizenships",)),
    (("tlp",), ("tlp",)),
    (("confidence",), ("confidence",)),
)
_FIELDS = tuple(Submission.model_fields)
_LISTS = tuple(
    name
    for name in _FIELDS
    if getattr(Submission.model_fields[name].annotation, "__origin__", None) is list
)
_REJECTED = object()  # a group the model rejects: the row is checked whole
# Occurrence dates accepted by any batch of this process. They are no free text, and
# there are few (a day each since 1900, by precision), but a ten-year history has more
# of them than one batch has rows. Only acceptances are kept: the one check that
# depends on the clock ("in the future") only accepts more as time goes on.
_WHEN = ("occurred_precision", "occurred_on")
_DATES: dict[Any, Any] = {}
_DATES_KEPT = 50_000  # every day since 1900 is ~46,000; ~20 MB at most a process
_set = object.__setattr__


def _defaults() -> dict[str, Any]:
    """Each field's default, as validation fills it in (the required ones are replaced)."""
    probe = Submission.model_validate(_BASE)
    return {name: getattr(probe, name) for name in _FIELDS}  # in the fields' order


def _adapter(name: str) -> TypeAdapter[Any]:
    """A field's own type and constraints, under the model's settings, without the model
    around it (the field has no validator of its own and reads no other field)."""
    info = Submission.model_fields[name]
    kind: Any = Annotated[info.annotation, info]  # a type built at run time
    return TypeAdapter(kind, config=Submission.model_config)


# fields whose every value is new (free text, partners' ids): a whole probe row for each
# would cost what validating the row does
_ALONE = {name: _adapter(name) for name in ("summary", "submission_id")}


class CsvChecker:
    """Rows of one CSV header checked by groups of cells, answers kept for this object's
    life (one batch of one request)."""

    def __init__(self, names: Sequence[str]) -> None:
        self._width = len(names)
        where = {name: i for i, name in enumerate(names)}
        # a row's key for a group: its raw cells there (one cell: the cell itself)
        self._groups: list[tuple[Callable[[list[str]], Any], tuple[str, ...], tuple[str, ...]]] = []
        for cols, fields in _GROUPS:
            have = tuple(c for c in cols if c in where)
            if have:
                self._groups.append((itemgetter(*(where[c] for c in have)), have, fields))
        self._alone = [(c, where[c], _ALONE[c]) for c in _ALONE if c in where]
        present = {f for _, _, fields in self._groups for f in fields}
        self._absent_required = bool(_REQUIRED - present)
        self._defaults = _defaults()
        self._answers: list[dict[Any, Any]] = [
            _DATES.copy() if cols == _WHEN else {} for _, cols, _ in self._groups
        ]

    def submission(self, cells: Any) -> Submission | None:
        """The row's Submission, equal to ``parse`` of its decoded cells; None when the
        row must be checked whole (a rejected cell, a broken row, a missing column)."""
        if self._absent_required or not isinstance(cells, list) or len(cells) != self._width:
            return None
        values = self._defaults.copy()
        given: set[str] = set()
        for name, i, adapter in self._alone:
            text = cells[i].strip()
            if text:
                try:
                    values[name] = adapter.validate_python(text)
                except ValueError:
                    return None
                given.add(name)
        for (key_of, cols, fields), answers in zip(self._groups, self._answers, strict=True):
            key = key_of(cells)
            answer = answers.get(key)
            if answer is None:
                answer = answers[key] = _probe(cols, fields, key if len(cols) > 1 else (key,))
                if cols == _WHEN and answer is not _REJECTED and len(_DATES) < _DATES_KEPT:
                    _DATES[key] = answer  # the next batches' rows reuse it (see _DATES)
            if answer is _REJECTED:
                return None
            if answer:  # fields the row gives (an empty group leaves the defaults)
                values.update(answer)
                given.update(answer)
        if not given >= _REQUIRED:
            return None
        for name in _LISTS:  # a list of its own for each row (items are immutable)
            values[name] = list(values[name])
        return _assemble(values, given)


def _probe(cols: tuple[str, ...], fields: tuple[str, ...], key: tuple[str, ...]) -> Any:
    """The validated values of one group's cells, {} when they are all empty, or
    _REJECTED when the model (or the CSV decoding) rejects them."""
    filled = {c: v.strip() for c, v in zip(cols, key, strict=True) if v.strip()}
    fragment, errors = csv_record(filled)
    if errors:
        return _REJECTED
    if not fragment:
        return {}
    try:
        probe = Submission.model_validate({**_BASE, **fragment})
    except ValueError:  # pydantic's ValidationError
        return _REJECTED
    if any(f not in fragment for f in fields if f != "occurred_on"):
        return _REJECTED  # not a shape this module knows: check the row whole
    # an absent date (unknown precision) keeps its default, None, as validation gives it
    return {f: getattr(probe, f) for f in fields if f in fragment}


def _assemble(values: dict[str, Any], given: set[str]) -> Submission:
    """A Submission of already validated values, built as pydantic's ``model_construct``
    does (which costs as much as validating, since it looks up each field's defaults)."""
    sub = Submission.__new__(Submission)
    _set(sub, "__dict__", values)
    _set(sub, "__pydantic_fields_set__", given)
    _set(sub, "__pydantic_extra__", None)
    _set(sub, "__pydantic_private__", None)
    return sub
