"""Contracts: models mirror the Avro schemas, enums match the taxonomy, evolution is checked."""

from __future__ import annotations

import json
import types
import typing
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest
from pydantic import AwareDatetime

from schemas import catalog, models
from schemas.catalog import AVRO_DIR, RECORDS, load_schema_json, record_schema
from schemas.compat import backward_problems
from schemas.evolution import check_released
from schemas.taxonomy import AVRO_ENUMS, Tlp, least_shareable

NS = "org.tahub"


def _strip(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def py_shape(annotation: Any) -> Any:
    """A comparable description of a pydantic field annotation."""
    ann = _strip(annotation)
    origin = typing.get_origin(ann)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(ann) if a is not type(None)]
        assert len(args) == 1, f"only X | None unions map to Avro: {ann}"
        return ("nullable", py_shape(args[0]))
    if origin is list:
        return ("array", py_shape(typing.get_args(ann)[0]))
    if origin is dict:
        key, value = typing.get_args(ann)
        assert key is str
        return ("map", py_shape(value))
    if isinstance(ann, type) and issubclass(ann, StrEnum):
        names = [n for n, e in AVRO_ENUMS.items() if e is ann]
        assert names, f"{ann} is not an Avro enum"
        return ("enum", names[0])
    if isinstance(ann, type) and issubclass(ann, models.Contract):
        return ("record", f"{NS}.{ann.avro_name}")
    if ann is AwareDatetime or ann is datetime:
        return "timestamp"
    return {str: "string", int: "int", float: "double", bool: "boolean", date: "date"}[ann]


def avro_shape(t: Any, named: dict[str, Any]) -> Any:
    if isinstance(t, list):
        rest = [x for x in t if x != "null"]
        assert len(rest) == 1
        assert "null" in t
        return ("nullable", avro_shape(rest[0], named))
    if isinstance(t, str):
        if t in named:
            return avro_shape(named[t], named)
        return {
            "string": "string",
            "int": "int",
            "long": "int",
            "double": "double",
            "boolean": "boolean",
        }[t]
    kind = t["type"]
    if kind in ("record", "enum"):
        full = f"{t.get('namespace', NS)}.{t['name']}"
        named[full] = t
        return (kind, full)
    if kind == "array":
        return ("array", avro_shape(t["items"], named))
    if kind == "map":
        return ("map", avro_shape(t["values"], named))
    if t.get("logicalType") == "timestamp-millis":
        return "timestamp"
    if t.get("logicalType") == "date":
        return "date"
    return avro_shape(kind, named)


def _records(doc: dict[str, Any], acc: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every record schema nested in doc, by full name."""

    def walk(t: Any) -> None:
        if isinstance(t, list):
            for x in t:
                walk(x)
        elif isinstance(t, dict):
            if t.get("type") == "record":
                acc[f"{t.get('namespace', NS)}.{t['name']}"] = t
                for f in t["fields"]:
                    walk(f["type"])
            elif t.get("type") == "array":
                walk(t["items"])
            elif t.get("type") == "map":
                walk(t["values"])

    walk(doc)
    return acc


MODELS_BY_FULL = {
    f"{NS}.{m.avro_name}": m
    for m in vars(models).values()
    if isinstance(m, type) and issubclass(m, models.Contract) and m is not models.Contract
}


@pytest.mark.parametrize("record", sorted(RECORDS))
def test_model_mirrors_schema_field_by_field(record: str) -> None:
    doc = load_schema_json(record)
    named: dict[str, Any] = {}
    for rec in reversed(_records(doc, {}).values()):  # types named in nested records first
        for f in rec["fields"]:
            avro_shape(f["type"], named)
    for full, rec in _records(doc, {}).items():
        model = MODELS_BY_FULL[full]
        avro_fields = rec["fields"]
        py_fields = model.model_fields
        assert [f["name"] for f in avro_fields] == list(py_fields), (
            f"{full}: field names/order differ"
        )
        for f in avro_fields:
            pf = py_fields[f["name"]]
            ann = (
                pf.annotation
                if not pf.metadata
                else typing.Annotated[(pf.annotation, *pf.metadata)]
            )
            assert avro_shape(f["type"], named) == py_shape(ann), (
                f"{full}.{f['name']}: types differ"
            )
            has_default = "default" in f
            assert has_default == (not pf.is_required()), (
                f"{full}.{f['name']}: default presence differs"
            )
            if has_default:
                default = pf.get_default()
                default = default.value if isinstance(default, StrEnum) else default
                assert default == f["default"], f"{full}.{f['name']}: defaults differ"


def test_every_field_and_type_is_documented() -> None:
    for path in AVRO_DIR.glob("*.avsc"):
        doc = json.loads(path.read_text())
        assert doc.get("doc"), f"{path.name} has no doc"
        for f in doc.get("fields", []):
            assert f.get("doc"), f"{path.name}: field {f['name']} has no doc"


def test_avro_enums_match_the_taxonomy() -> None:
    for full, enum in AVRO_ENUMS.items():
        doc = json.loads((AVRO_DIR / f"{full}.avsc").read_text())
        assert doc["symbols"] == [e.value for e in enum], full
    enum_files = {
        p.stem for p in AVRO_DIR.glob(f"{NS}.*.avsc") if json.loads(p.read_text())["type"] == "enum"
    }
    assert enum_files == set(AVRO_ENUMS)


def test_typology_taxonomy_is_the_documented_one() -> None:
    from schemas.taxonomy import Typology

    assert [t.value for t in Typology] == [
        "sexual_exploitation",
        "forced_labour",
        "domestic_servitude",
        "forced_criminality",
        "forced_begging",
        "forced_marriage",
        "organ_removal",
        "child_soldiering",
        "debt_bondage",
        "other",
    ]


def test_tlp_labels_and_order() -> None:
    assert Tlp.parse("tlp:amber+strict") is Tlp.AMBER_STRICT
    assert Tlp.AMBER_STRICT.label == "TLP:AMBER+STRICT"
    assert least_shareable([Tlp.CLEAR, Tlp.AMBER, Tlp.GREEN]) is Tlp.AMBER
    with pytest.raises(ValueError, match="unknown sharing level"):
        Tlp.parse("PURPLE")


def test_current_contracts_are_compatible_with_the_release() -> None:
    assert check_released() == []


def _with(record: str, change: Any) -> str:
    doc = load_schema_json(record)
    change(doc)
    return json.dumps(doc)


def test_compatibility_check_catches_breaking_changes() -> None:
    old = record_schema("Signal").text
    # a new field without a default cannot be filled from old data
    added = _with("Signal", lambda d: d["fields"].append({"name": "x", "type": "string"}))
    assert backward_problems(added, old)

    # a type change that Avro cannot promote
    def retype(d: dict[str, Any]) -> None:
        next(f for f in d["fields"] if f["name"] == "weight")["type"] = "int"

    assert backward_problems(_with("Signal", retype), old)

    # removing an enum symbol breaks old data that uses it, unless the enum has a default
    def shrink(d: dict[str, Any]) -> None:
        typ = next(f for f in d["fields"] if f["name"] == "source_kind")["type"]
        typ["symbols"] = ["partner"]

    assert backward_problems(_with("Signal", shrink), old)
    # additive, defaulted change is fine
    ok = _with(
        "Signal",
        lambda d: d["fields"].append({"name": "x", "type": ["null", "string"], "default": None}),
    )
    assert backward_problems(ok, old) == []


def test_release_check_fails_on_an_incompatible_contract(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    release = tmp_path / "released" / "1"
    release.mkdir(parents=True)
    for p in AVRO_DIR.glob("*.avsc"):
        (release / p.name).write_text(p.read_text())
    # pretend the release had no source_id: current readers, which require it, break
    doc = json.loads((release / "signal.avsc").read_text())
    doc["fields"] = [f for f in doc["fields"] if f["name"] != "source_id"]
    (release / "signal.avsc").write_text(json.dumps(doc))
    monkeypatch.setattr(catalog, "RELEASED_DIR", tmp_path / "released")
    problems = check_released()
    assert len(problems) == 1
    assert problems[0].startswith("Signal: not BACKWARD compatible with release 1")
    assert "source_id" in problems[0]
