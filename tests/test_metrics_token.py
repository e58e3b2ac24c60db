"""The metrics token: one per deployment, made once in the data dir (0600) and kept, or
given by TAHUB_METRICS_TOKEN; every process of the deployment reads the same one."""

from __future__ import annotations

import stat
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from tahub import metrics_auth
from tahub.settings import load_settings


def _token(data_dir: str) -> str:
    return metrics_auth.metrics_token(load_settings(data_dir=Path(data_dir)))


def test_made_once_private_and_kept(tmp_path: Path) -> None:
    first = _token(str(tmp_path / "data"))
    path = tmp_path / "data" / "metrics.token"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(first) >= 40
    assert _token(str(tmp_path / "data")) == first  # a restart keeps the scraper's config
    assert sorted(p.name for p in path.parent.iterdir()) == ["metrics.token"]  # no temp left


def test_processes_starting_together_agree_on_one_token(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    with ProcessPoolExecutor(4) as pool:
        tokens = set(pool.map(_token, [data] * 16))
    assert tokens == {(tmp_path / "data" / "metrics.token").read_text()}


def test_the_environment_wins_and_no_file_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TAHUB_METRICS_TOKEN", "from-the-env")
    assert _token(str(tmp_path / "data")) == "from-the-env"
    assert not (tmp_path / "data" / "metrics.token").exists()


def test_an_empty_file_is_an_error_that_says_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "metrics.token").write_text("\n")
    with pytest.raises(ValueError, match="delete it"):
        _token(str(tmp_path / "data"))


@pytest.mark.parametrize("header", ["", "Bearer", "Bearer  ", "Token t", "bearer t2", "t"])
def test_only_bearer_and_the_exact_token_pass(header: str) -> None:
    assert not metrics_auth.authorized(header, "t", None)
    assert metrics_auth.authorized("Bearer t", None, "t")
    assert metrics_auth.authorized("bearer t", "x", "t")
    assert not metrics_auth.authorized("Bearer t", None, None)  # no token: nobody
