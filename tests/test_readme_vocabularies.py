"""The README's table of the vocabularies a partner submits with is the submission model's:
every field whose values come from a fixed list, with exactly its values, in order.

On a difference the test prints the table as it should read, to paste between the
README's markers."""

from __future__ import annotations

import re
import types
import typing
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from producers.intake import submission
from producers.intake.submission import Submission
from schemas.taxonomy import Tlp

README = Path(__file__).resolve().parent.parent / "README.md"
START = "<!-- vocabularies: generated from the submission model, checked by "
END = "<!-- end of vocabularies -->"
SECTOR_EXAMPLES = ("C", "C13", "C131", "C1311")
FIXED = [
    ("`sector`", "an ISIC Rev.4 code: a section letter A–U, alone or with its division, group "
     "or class (" + ", ".join(f"`{s}`" for s in SECTOR_EXAMPLES) + "); any case"),
    ("`confidence`", "a number from 0 to 1 (default 1): how sure you are of the report"),
    ("countries", "ISO 3166-1 alpha-2 codes (`MM`, `KH`); common mistakes get a suggestion "
     "(UK → GB)"),
]  # fmt: skip


def _enum_in(annotation: Any) -> type[StrEnum] | None:
    if isinstance(annotation, type) and issubclass(annotation, StrEnum):
        return annotation
    for arg in typing.get_args(annotation):
        found = _enum_in(arg)
        if found is not None:
            return found
    return None


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _is_list(annotation: Any) -> bool:
    if typing.get_origin(annotation) is list:
        return True
    if typing.get_origin(annotation) in (typing.Union, types.UnionType, typing.Annotated):
        return any(_is_list(a) for a in typing.get_args(annotation))
    return False


def vocabularies(model: type[BaseModel], prefix: str = "") -> list[tuple[str, str]]:
    """(field, values) for every field of ``model`` (and its sub-models) drawn from an enum."""
    rows = []
    for name, field in model.model_fields.items():
        enum = _enum_in(field.annotation) or _enum_in(field.metadata)
        sub = _model_in(field.annotation)
        if enum is not None:
            values = [t.label for t in Tlp] if enum is Tlp else [e.value for e in enum]
            many = " (a list)" if _is_list(field.annotation) else ""
            rows.append((f"`{prefix}{name}`{many}", ", ".join(f"`{v}`" for v in values)))
        elif sub is not None:
            rows += vocabularies(sub, f"{prefix}{name}[].")
    return rows


def table() -> str:
    lines = ["| field | values |", "|---|---|"]
    lines += [f"| {field} | {values} |" for field, values in [*vocabularies(Submission), *FIXED]]
    return "\n".join(lines)


def test_the_readme_lists_exactly_the_models_vocabularies() -> None:
    text = README.read_text(encoding="utf-8")
    start = text.index(START)
    block = text[text.index("\n", start) + 1 : text.index(END)].strip()
    expected = table()
    assert block == expected, "the README's vocabularies should read:\n\n" + expected


def test_the_table_covers_the_taxonomy_fields() -> None:
    fields = {re.sub(r"[`]| \(a list\)", "", f) for f, _ in vocabularies(Submission)}
    assert fields >= {"typologies", "means_of_control", "recruitment", "occurred_precision",
                      "victims[].age_band", "victims[].gender", "tlp"}  # fmt: skip


def test_the_fixed_rows_say_what_the_checks_accept() -> None:
    for code in SECTOR_EXAMPLES:
        assert submission._ISIC.match(code), code
    assert not submission._ISIC.match("V01")  # past U
    bounds = list(Submission.model_fields["confidence"].metadata)
    assert any(getattr(b, "ge", None) == 0.0 for b in bounds)
    assert any(getattr(b, "le", None) == 1.0 for b in bounds)
    assert Submission.model_fields["confidence"].default == 1.0
