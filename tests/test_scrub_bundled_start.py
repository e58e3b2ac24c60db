"""A start refuses when a bundled name recogniser cannot load (issue 16, item 4): without
it every Japanese, Korean or Thai name would pass scrubbing without a word. The missing
package is simulated by making its import fail."""

from __future__ import annotations

import builtins
import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from producers.intake.scrubbing import bundled, ja_names, ko_names, th_names
from tahub import wiring
from tahub.errors import TahubError
from tahub.settings import load_settings

_LOADS = (ja_names.load, ko_names.load, th_names.load)


@pytest.fixture(autouse=True)
def _fresh_loads() -> Iterator[None]:
    """Each test sees the loaders uncached, and later tests the real ones again."""
    for load in _LOADS:
        load.cache_clear()
    yield
    for load in _LOADS:
        load.cache_clear()


def _without(monkeypatch: pytest.MonkeyPatch, module: str) -> None:
    real = builtins.__import__

    def fake(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == module or name.startswith(module + "."):
            raise ModuleNotFoundError(f"No module named '{module}'", name=module)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake)


def test_an_install_with_every_recogniser_has_nothing_missing() -> None:
    assert bundled.missing() == []


@pytest.mark.parametrize(
    ("module", "install"),
    [
        ("kiwipiepy", "pip install kiwipiepy"),
        ("fugashi", "pip install fugashi unidic-lite"),
        ("unidic_lite", "pip install fugashi unidic-lite"),
    ],
)
def test_a_missing_package_is_named_with_its_install(
    monkeypatch: pytest.MonkeyPatch, module: str, install: str
) -> None:
    _without(monkeypatch, module)
    [line] = bundled.missing()
    assert module in line
    assert install in line
    assert "\n" not in line


def test_missing_thai_lists_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda n, *a: None if n == "pythainlp" else real(n, *a)
    )
    [line] = bundled.missing()
    assert "Thai" in line
    assert "pip install pythainlp" in line


def test_the_main_job_refuses_to_start_before_bringing_anything_up(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from tahub.mainjob.supervisor import MainJob

    job = MainJob(load_settings(data_dir=tmp_path))

    def started() -> None:
        raise AssertionError("the broker was started")

    monkeypatch.setattr(job.broker, "start", started)
    _without(monkeypatch, "kiwipiepy")
    with pytest.raises(TahubError, match="kiwipiepy") as err:
        job.run(exit_when_ready=True)
    assert "\n" not in str(err.value)


def test_an_intake_service_refuses_to_start(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _without(monkeypatch, "fugashi")
    with pytest.raises(TahubError, match="pip install fugashi unidic-lite"):
        wiring.intake_service(load_settings(data_dir=tmp_path), role="submit")
