"""Loads the Avro contracts in ``avro/`` and names the record schema of each one.

Named types (enums, Place, …) live in their own ``org.tahub.<Name>.avsc`` file and are
inlined at their first use, so every loaded schema is self-contained JSON that a schema
registry can store and a reader in any language can parse.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import fastavro

AVRO_DIR = Path(__file__).parent / "avro"
RELEASED_DIR = AVRO_DIR / "released"
NAMESPACE = "org.tahub"

# record name -> file stem of its top-level schema
RECORDS: dict[str, str] = {
    "Incident": "incident",
    "NewsArticle": "news_article",
    "Signal": "signal",
    "Detection": "detection",
    "Subscription": "subscription",
    "AlertNotification": "alert_notification",
    "Delivery": "delivery",
    "DeadLetter": "dead_letter",
}

_PRIMITIVES = {"null", "boolean", "int", "long", "float", "double", "bytes", "string"}


class SchemaLoadError(Exception):
    """A contract file is missing or malformed."""


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SchemaLoadError(f"schema file {path} is missing") from None
    except json.JSONDecodeError as err:
        raise SchemaLoadError(f"schema file {path} is not valid JSON: {err}") from err


def _inline(node: Any, directory: Path, seen: set[str]) -> Any:
    """Replace references to named types with their definitions, once each."""
    if isinstance(node, str):
        if node in _PRIMITIVES or node in seen:
            return node
        full = node if "." in node else f"{NAMESPACE}.{node}"
        if full in seen:
            return full
        seen.add(full)
        return _inline(_read_json(directory / f"{full}.avsc"), directory, seen)
    if isinstance(node, list):
        return [_inline(item, directory, seen) for item in node]
    if isinstance(node, dict):
        kind = node.get("type")
        if kind in ("record", "enum", "fixed"):
            name = node["name"]
            seen.add(name if "." in name else f"{node.get('namespace', NAMESPACE)}.{name}")
        out = dict(node)
        if kind == "record":
            out["fields"] = [
                {**fld, "type": _inline(fld["type"], directory, seen)} for fld in node["fields"]
            ]
        elif kind == "array":
            out["items"] = _inline(node["items"], directory, seen)
        elif kind == "map":
            out["values"] = _inline(node["values"], directory, seen)
        elif isinstance(kind, (dict, list)):
            out["type"] = _inline(kind, directory, seen)
        return out
    return node


def load_schema_json(record: str, directory: Path = AVRO_DIR) -> dict[str, Any]:
    """The self-contained JSON schema of one record type."""
    try:
        stem = RECORDS[record]
    except KeyError:
        raise SchemaLoadError(f"unknown record type {record!r}; known: {sorted(RECORDS)}") from None
    result: dict[str, Any] = _inline(_read_json(directory / f"{stem}.avsc"), directory, set())
    return result


@dataclass(frozen=True)
class RecordSchema:
    """One contract, ready for the serde: its JSON text and fastavro's parsed form."""

    name: str
    text: str
    parsed: Any

    @property
    def full_name(self) -> str:
        return f"{NAMESPACE}.{self.name}"


@cache
def record_schema(record: str) -> RecordSchema:
    doc = load_schema_json(record)
    try:
        parsed = fastavro.parse_schema(doc)
    except Exception as err:  # fastavro raises several types for bad schemas
        raise SchemaLoadError(f"schema {record} is not valid Avro: {err}") from err
    return RecordSchema(name=record, text=json.dumps(doc, separators=(",", ":")), parsed=parsed)


def released_versions() -> list[Path]:
    """Directories of released contract snapshots, oldest first."""
    if not RELEASED_DIR.is_dir():
        return []
    return sorted((p for p in RELEASED_DIR.iterdir() if p.is_dir()), key=lambda p: int(p.name))
