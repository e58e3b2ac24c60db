"""Packaging: the licence, the version in one place, and the README's settings table
against the settings model."""

from __future__ import annotations

import re
import tomllib
import warnings
from importlib import metadata
from pathlib import Path

import pytest
from click.testing import CliRunner

import tahub
from tahub import build_info
from tahub.cli import cli
from tahub.settings import CONFIG_FILE_ENV, ENV_PREFIX, Settings

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
# names the settings model does not hold: the file it is read from, and channel secrets,
# which are looked up by organisation and name when a subscription needs one
NOT_FIELDS = {CONFIG_FILE_ENV, "TAHUB_SECRET_<ORG>__<NAME>"}


def test_the_licence_file_is_the_one_pyproject_names() -> None:
    assert PYPROJECT["project"]["license"] == "Apache-2.0"  # an SPDX expression (PEP 639)
    assert PYPROJECT["project"]["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.split()[:4] == ["Apache", "License", "Version", "2.0,"]
    assert "END OF TERMS AND CONDITIONS" in text
    assert len(text.splitlines()) > 170  # the whole licence, not a pointer to it


def test_the_version_is_written_once_and_everything_reads_it() -> None:
    project = PYPROJECT["project"]
    assert "version" not in project
    assert "version" in project["dynamic"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "tahub.__version__"}
    packages = PYPROJECT["tool"]["setuptools"]["packages"]["find"]["include"]
    files = [f for pattern in packages for f in ROOT.glob(pattern.rstrip("*") + "/**/*.py")]
    hits = [f for f in files if re.search(r"^__version__\s*=", f.read_text(encoding="utf-8"), re.M)]
    assert hits == [ROOT / "tahub" / "__init__.py"]

    from setuptools.config.pyprojecttoml import read_configuration

    with warnings.catch_warnings():  # "[tool.setuptools] … is still beta"
        warnings.simplefilter("ignore")
        config = read_configuration(ROOT / "pyproject.toml", expand=True)
    built = config["project"]["version"]
    assert built == tahub.__version__  # what a wheel built now would carry
    out = CliRunner().invoke(cli, ["--version"])
    assert out.exit_code == 0
    assert out.output.strip() == f"tahub, version {tahub.__version__}"
    assert build_info.version() == tahub.__version__
    # the installed metadata: stale only if the version changed without a reinstall
    assert metadata.version("tahub") == tahub.__version__, "pip install -e . again"


def _settings_table() -> list[str]:
    """The first cells of the README's Configuration table."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    assert rows, "no settings table under ## Configuration"
    return [row.split("|")[1].strip() for row in rows]


def _names(cell: str, known: set[str]) -> list[str]:
    """`TAHUB_A_B` / `_C` names TAHUB_A_B and the real setting among TAHUB_A_C, TAHUB_C."""
    tokens = re.findall(r"`([^`]+)`", cell)
    first, names = tokens[0], [tokens[0]]
    for token in tokens[1:]:
        if not token.startswith("_"):
            names.append(token)
            continue
        words = first.split("_")
        found = {"_".join(words[:k]) + token for k in range(1, len(words))} & known
        assert len(found) == 1, f"{cell}: {token} names {sorted(found) or 'no setting'}"
        names.append(found.pop())
    return names


def test_the_readme_settings_table_is_the_settings_model() -> None:
    fields = {ENV_PREFIX + name.upper() for name in Settings.model_fields}
    real = fields | NOT_FIELDS
    listed = [name for cell in _settings_table() for name in _names(cell, real)]
    assert sorted(set(listed) - real) == []  # rows naming no setting (a typo, a removed one)
    assert sorted(fields - set(listed)) == []  # settings without a row
    assert len(listed) == len(set(listed))  # no setting twice


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("`TAHUB_LOCAL_KAFKA_PORT` / `_CONTROLLER_PORT` / `_HEAP`",
         ["TAHUB_LOCAL_KAFKA_PORT", "TAHUB_LOCAL_KAFKA_CONTROLLER_PORT", "TAHUB_LOCAL_KAFKA_HEAP"]),
        ("`TAHUB_KAFKA_SSL_CA_LOCATION` / `_KEY_PASSWORD`",
         ["TAHUB_KAFKA_SSL_CA_LOCATION", "TAHUB_KAFKA_SSL_KEY_PASSWORD"]),
    ],
)  # fmt: skip
def test_the_short_forms_expand_to_the_real_setting(cell: str, names: list[str]) -> None:
    known = {ENV_PREFIX + name.upper() for name in Settings.model_fields}
    assert _names(cell, known) == names


def test_a_short_form_naming_nothing_fails() -> None:
    known = {ENV_PREFIX + name.upper() for name in Settings.model_fields}
    with pytest.raises(AssertionError, match="no setting"):
        _names("`TAHUB_NEWS_DB` / `_CACHE`", known)
