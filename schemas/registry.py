"""Schema registry clients, chosen by URL: http(s):// Confluent-compatible, file:// local, mock://.

All three hand out the same thing: a global integer id per distinct schema, versions per
subject, and BACKWARD compatibility enforced on registration.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import unquote, urlparse

from filelock import FileLock, Timeout

from schemas.compat import backward_problems


class RegistryError(Exception):
    """The registry refused or could not answer."""


class RegistryCorruptError(RegistryError):
    """The file registry's data cannot be read."""


class IncompatibleSchemaError(RegistryError):
    """A schema change would break readers of the subject's earlier data."""


@dataclass(frozen=True)
class RegisteredVersion:
    subject: str
    version: int
    schema_id: int
    schema: str


class SchemaRegistry(Protocol):
    """What the serde and the admin commands need from a registry."""

    url: str

    def register(self, subject: str, schema: str) -> int: ...
    def schema_by_id(self, schema_id: int) -> str: ...
    def latest(self, subject: str) -> RegisteredVersion | None: ...
    def subjects(self) -> list[str]: ...


def canonical(schema: str) -> str:
    """A stable text for comparing schemas (key order and whitespace ignored)."""
    return json.dumps(json.loads(schema), sort_keys=True, separators=(",", ":"))


class FileRegistry:
    """A registry kept in one JSON file, shared safely by processes on one machine.

    Every change takes an exclusive file lock, re-reads the file, and replaces it
    atomically, so two processes registering the same schema get the same id.
    """

    def __init__(self, directory: Path, *, lock_timeout: float = 30.0) -> None:
        self.directory = directory
        self.url = f"file://{directory}"
        self.path = directory / "registry.json"
        self._lock = FileLock(str(directory / "registry.json.lock"), timeout=lock_timeout)
        self._by_id: dict[int, str] = {}
        self._mutex = threading.Lock()

    def _load(self) -> dict[str, Any]:
        if not self.path.exists():
            return {"format": 1, "next_id": 1, "schemas": {}, "subjects": {}}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("format") != 1:
                raise ValueError("unexpected layout")
            int(data["next_id"])
            if not isinstance(data["schemas"], dict) or not isinstance(data["subjects"], dict):
                raise ValueError("unexpected layout")
        except (ValueError, KeyError, TypeError) as err:
            raise RegistryCorruptError(
                f"schema registry file {self.path} is corrupt ({err}); restore it from a "
                "backup, or if no data was ever written with it, delete it to start afresh"
            ) from err
        return data

    def _save(self, data: dict[str, Any]) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".registry.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=1, sort_keys=True)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)

    def register(self, subject: str, schema: str) -> int:
        text = canonical(schema)
        self.directory.mkdir(parents=True, exist_ok=True)
        try:
            with self._lock:
                data = self._load()
                ids: list[int] = data["subjects"].setdefault(subject, [])
                for sid in ids:
                    if data["schemas"][str(sid)] == text:
                        return sid
                if ids:
                    problems = backward_problems(text, data["schemas"][str(ids[-1])])
                    if problems:
                        raise IncompatibleSchemaError(
                            f"subject {subject}: new schema is not BACKWARD compatible with "
                            f"version {len(ids)}: " + "; ".join(problems)
                        )
                found = next((int(k) for k, v in data["schemas"].items() if v == text), None)
                if found is None:
                    found = int(data["next_id"])
                    data["next_id"] = found + 1
                    data["schemas"][str(found)] = text
                ids.append(found)
                self._save(data)
                return found
        except Timeout:
            raise RegistryError(
                f"could not lock {self.path} within {self._lock.timeout} s; "
                "is another tahub process stuck?"
            ) from None

    def schema_by_id(self, schema_id: int) -> str:
        with self._mutex:
            cached = self._by_id.get(schema_id)
        if cached is not None:
            return cached
        # Reads need no lock: the file is only ever replaced whole.
        text = self._load()["schemas"].get(str(schema_id))
        if text is None:
            raise RegistryError(f"schema id {schema_id} is not in {self.path}")
        with self._mutex:
            self._by_id[schema_id] = text
        return str(text)

    def latest(self, subject: str) -> RegisteredVersion | None:
        data = self._load()
        ids = data["subjects"].get(subject)
        if not ids:
            return None
        return RegisteredVersion(subject, len(ids), ids[-1], data["schemas"][str(ids[-1])])

    def subjects(self) -> list[str]:
        return sorted(self._load()["subjects"])


class ConfluentRegistry:
    """A Confluent-compatible registry (Confluent, Apicurio, Karapace, Redpanda) or mock://."""

    def __init__(self, url: str, *, user_info: str | None = None) -> None:
        from confluent_kafka.schema_registry import SchemaRegistryClient

        conf: dict[str, Any] = {"url": url}
        if user_info:
            conf["basic.auth.user.info"] = user_info
        self.url = url
        # new_client returns the mock client for mock:// URLs
        self._client = SchemaRegistryClient.new_client(conf)

    def register(self, subject: str, schema: str) -> int:
        from confluent_kafka.schema_registry import Schema
        from confluent_kafka.schema_registry.error import SchemaRegistryError

        latest = self.latest(subject)
        if latest is not None and canonical(latest.schema) != canonical(schema):
            problems = backward_problems(schema, latest.schema)
            if problems:
                raise IncompatibleSchemaError(
                    f"subject {subject}: new schema is not BACKWARD compatible with version "
                    f"{latest.version}: " + "; ".join(problems)
                )
        try:
            return int(self._client.register_schema(subject, Schema(schema, "AVRO")))
        except SchemaRegistryError as err:
            raise RegistryError(f"registry {self.url} refused {subject}: {err}") from err
        except Exception as err:
            raise RegistryError(f"registry {self.url} unreachable: {err}") from err

    def schema_by_id(self, schema_id: int) -> str:
        try:
            return str(self._client.get_schema(schema_id).schema_str)
        except Exception as err:
            raise RegistryError(f"schema id {schema_id} not found at {self.url}: {err}") from err

    def latest(self, subject: str) -> RegisteredVersion | None:
        from confluent_kafka.schema_registry.error import SchemaRegistryError

        try:
            reg = self._client.get_latest_version(subject)
        except SchemaRegistryError as err:
            if err.http_status_code == 404:
                return None
            raise RegistryError(f"registry {self.url}: {err}") from err
        except Exception as err:
            raise RegistryError(f"registry {self.url} unreachable: {err}") from err
        if reg is None:
            return None
        return RegisteredVersion(
            subject, int(reg.version or 0), int(reg.schema_id or 0), str(reg.schema.schema_str)
        )

    def subjects(self) -> list[str]:
        try:
            return sorted(self._client.get_subjects())
        except Exception as err:
            raise RegistryError(f"registry {self.url} unreachable: {err}") from err


def open_registry(url: str, *, user_info: str | None = None) -> SchemaRegistry:
    """Pick the client by the URL's scheme."""
    parsed = urlparse(url)
    if parsed.scheme == "file":
        return FileRegistry(Path(unquote(parsed.netloc + parsed.path)))
    if parsed.scheme in ("http", "https", "mock"):
        return ConfluentRegistry(url, user_info=user_info)
    raise RegistryError(
        f"schema registry URL {url!r} has scheme {parsed.scheme!r}; "
        "use http(s):// for a registry server, file:///path for a local one, mock:// in tests"
    )
