"""Each organisation's channel secrets (Slack tokens, incoming-webhook URLs, webhook signing
keys), looked up by the organisation and the name a subscription gives (``secret_ref``).

A subscription reaches only its own organisation's secrets: naming another's gets the
same answer as naming none. Subscriptions carry only the name, so the compacted topic,
the warehouse and every log stay free of credentials. Values come from, in order:

- the environment of the delivering process, ``TAHUB_SECRET_<ORG>__<NAME>`` (the org id
  upper-cased, ``-`` as ``_``): servers mode, from a secret store; a name holding ``__``
  has no variable (``_from_env``);
- the TOML file ``alert_secrets_file``: one table per organisation, ``name = "value"``;
- the vault (``tahub secrets set --org ORG NAME`` or ``PUT /api/v1/secrets/NAME``), sealed
  under the organisation's data key, so forgetting the organisation erases them too.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path

from schemas.vault import Vault

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


def env_name(org_id: str, name: str) -> str:
    return f"{ENV_PREFIX}{org_id.upper().replace('-', '_')}__{name.upper()}"


class Secrets:
    def __init__(
        self,
        vault: Vault | None = None,
        file: Path | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.vault = vault
        self._file = file
        self._env = os.environ if env is None else env

    def _from_file(self, org_id: str) -> dict[str, str]:
        if self._file is None or not self._file.exists():
            return {}
        try:
            data = tomllib.loads(self._file.read_text())
        except (OSError, tomllib.TOMLDecodeError) as err:
            raise SecretError(f"the secrets file {self._file} cannot be read: {err}") from None
        table = data.get(org_id)
        if not isinstance(table, dict):
            return {}
        return {k: v for k, v in table.items() if isinstance(v, str)}

    def _from_env(self, org_id: str, name: str) -> str | None:
        """The environment's value of the organisation's secret ``name``. A name holding
        ``__`` has none: its variable would be another organisation's too (``acme`` with
        ``kenya__slack`` and ``acme--kenya`` with ``slack`` are both
        ``TAHUB_SECRET_ACME__KENYA__SLACK``); without it, a variable names one
        organisation and one name."""
        return None if "__" in name else self._env.get(env_name(org_id, name))

    def has(self, org_id: str, name: str) -> bool:
        try:
            self.get(org_id, name)
        except SecretError:
            return False
        return True

    def get(self, org_id: str, name: str) -> str:
        check_name(name)
        value = self._from_env(org_id, name) or self._from_file(org_id).get(name)
        if not value and self.vault is not None:
            value = self.vault.secret(org_id, name)
        if not value:
            # the same words whether the name is unknown or another organisation's
            raise SecretError(
                f"organisation {org_id} has no secret {name!r}: set it with `tahub secrets "
                f"set --org {org_id} {name}` or PUT /api/v1/secrets/{name}"
            )
        return value

    def names(self, org_id: str) -> list[str]:
        """The names an organisation has (never values)."""
        prefix = env_name(org_id, "")
        listed = {k[len(prefix) :].lower() for k in self._env if k.startswith(prefix)}
        found = {n for n in listed if self._from_env(org_id, n)}
        found |= set(self._from_file(org_id))
        if self.vault is not None:
            found |= set(self.vault.secret_names(org_id))
        return sorted(n for n in found if NAME.match(n))
