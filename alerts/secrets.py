"""Named channel secrets (Slack tokens, incoming-webhook URLs, webhook signing keys).

Subscriptions carry only a secret's *name* (``secret_ref``), so the compacted topic, the
warehouse and every log stay free of credentials. Values come from the environment
(``TAHUB_SECRET_<NAME>``) of the process that delivers, or from a TOML file of
``name = "value"`` lines given by ``alert_secrets_file``.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path

ENV_PREFIX = "TAHUB_SECRET_"
NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}$")


class SecretError(LookupError):
    """A secret is missing or its name is malformed (the message never holds a value)."""


def check_name(name: str) -> str:
    if not NAME.match(name):
        raise SecretError(
            "a secret name is 1-63 characters of lower-case letters, digits and _, "
            "starting with a letter"
        )
    return name


class Secrets:
    """Looks secrets up by name; the environment wins over the file."""

    def __init__(self, file: Path | None = None, env: Mapping[str, str] | None = None) -> None:
        self._file = file
        self._env = os.environ if env is None else env

    def _from_file(self) -> dict[str, str]:
        if self._file is None or not self._file.exists():
            return {}
        try:
            data = tomllib.loads(self._file.read_text())
        except (OSError, tomllib.TOMLDecodeError) as err:
            raise SecretError(f"the secrets file {self._file} cannot be read: {err}") from None
        return {k: v for k, v in data.items() if isinstance(v, str)}

    def has(self, name: str) -> bool:
        try:
            self.get(name)
        except SecretError:
            return False
        return True

    def get(self, name: str) -> str:
        check_name(name)
        value = self._env.get(ENV_PREFIX + name.upper()) or self._from_file().get(name)
        if not value:
            raise SecretError(
                f"secret {name!r} is not set: export {ENV_PREFIX}{name.upper()} for the alerts "
                "process, or add it to the alert secrets file"
            )
        return value
