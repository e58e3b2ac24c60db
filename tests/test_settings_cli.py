"""Settings validation, secret masking, and the CLI's help and one-line errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from tahub.cli import cli
from tahub.runtime.ports import free_port
from tahub.settings import Mode, SettingsError, load_settings


def run_tahub(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    full_env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("TAHUB_") or k.startswith("TAHUB_TEST")
    }
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "tahub", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
    )


def test_defaults_are_local_mode(tahub_env: Path) -> None:
    s = load_settings()
    assert s.mode is Mode.LOCAL
    assert s.uses_local_broker
    assert s.registry_url == f"file://{tahub_env / 'registry'}"
    assert s.warehouse == f"chdb://{tahub_env / 'warehouse'}"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"TAHUB_PARTITIONS": "0"}, "TAHUB_PARTITIONS: Input should be greater than or equal to 1"),
        (
            {"TAHUB_KAFKA_BOOTSTRAP": "localhost"},
            "TAHUB_KAFKA_BOOTSTRAP: 'localhost' is not host:port",
        ),
        ({"TAHUB_MODE": "cloud"}, "TAHUB_MODE: Input should be 'local' or 'servers'"),
        (
            {"TAHUB_MODE": "servers"},
            "servers mode needs TAHUB_KAFKA_BOOTSTRAP, TAHUB_SCHEMA_REGISTRY_URL, "
            "TAHUB_WAREHOUSE_URL",
        ),
        (
            {"TAHUB_WAREHOUSE_URL": "postgres://x"},
            "TAHUB_WAREHOUSE_URL: must start with clickhouse://",
        ),
        (
            {"TAHUB_SCHEMA_REGISTRY_URL": "ftp://x"},
            "TAHUB_SCHEMA_REGISTRY_URL: must start with http://",
        ),
        (
            {"TAHUB_KAFKA_SECURITY_PROTOCOL": "SASL_SSL"},
            "SASL_SSL needs TAHUB_KAFKA_SASL_MECHANISM",
        ),
    ],
)
def test_bad_settings_name_the_setting(
    tahub_env: Path, monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: str
) -> None:
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    with pytest.raises(SettingsError) as info:
        load_settings()
    assert expected in str(info.value)


def test_config_file_is_read_and_env_wins(
    tahub_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cfg = tmp_path / "tahub.toml"
    cfg.write_text('partitions = 3\ntopic_prefix = "prod."\n')
    monkeypatch.setenv("TAHUB_CONFIG_FILE", str(cfg))
    monkeypatch.setenv("TAHUB_PARTITIONS", "5")
    s = load_settings()
    assert (s.partitions, s.topic_prefix) == (5, "prod.")
    monkeypatch.setenv("TAHUB_CONFIG_FILE", str(tmp_path / "nope.toml"))
    with pytest.raises(SettingsError, match="does not exist"):
        load_settings()


def test_unknown_key_in_config_file_is_refused(
    tahub_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cfg = tmp_path / "tahub.toml"
    cfg.write_text("partitons = 3\n")
    monkeypatch.setenv("TAHUB_CONFIG_FILE", str(cfg))
    with pytest.raises(SettingsError, match="partitons: not a tahub setting"):
        load_settings()


def test_config_show_masks_secrets(tahub_env: Path) -> None:
    env = {
        "TAHUB_DATA_DIR": str(tahub_env),
        "TAHUB_KAFKA_SASL_PASSWORD": "hunter2-kafka",
        "TAHUB_SECRET_OPS_SLACK": "xoxb-secret-token",
        "TAHUB_WAREHOUSE_URL": "clickhouse://analyst:ch-pass-9@db.example:9000/tahub"
        "?password=qs-pass-1&secure=1",
        "TAHUB_SCHEMA_REGISTRY_USER_INFO": "user:reg-pass",
        "TAHUB_SCHEMA_REGISTRY_URL": "https://reg:url-pass-2@registry.example/?token=tok-3",
        "TAHUB_SLACK_API_URL": "https://slack.example/api/?access_token=tok-4",
        "TAHUB_ID_KEY": "ab" * 32,
    }
    proc = run_tahub("config", "show", env=env)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout + proc.stderr
    for secret in ("hunter2-kafka", "xoxb-secret-token", "ch-pass-9", "reg-pass", "qs-pass-1",
                   "url-pass-2", "tok-3", "tok-4", "ab" * 32):  # fmt: skip
        assert secret not in out
    assert "clickhouse://analyst:********@db.example:9000/tahub?password=********" in out
    assert "secure=1" in out


def test_a_settings_error_never_echoes_a_password(tahub_env: Path) -> None:
    proc = run_tahub(
        "config", "show",
        env={"TAHUB_DATA_DIR": str(tahub_env),
             "TAHUB_SCHEMA_REGISTRY_URL": "ftp://reg:url-pass-5@registry.example/?key=k-6",
             "TAHUB_SLACK_API_URL": "gopher://x:pw-7@h/"},
    )  # fmt: skip
    assert proc.returncode != 0
    assert "TAHUB_SCHEMA_REGISTRY_URL" in proc.stderr
    for secret in ("url-pass-5", "k-6", "pw-7"):
        assert secret not in proc.stderr + proc.stdout


def test_log_lines_never_carry_credentials_or_slack_bodies(
    caplog: pytest.LogCaptureFixture,
) -> None:
    import logging

    from tahub import redact

    redact.install()
    with caplog.at_level(logging.DEBUG):
        log = logging.getLogger("tahub.test")
        log.info("posting to %s", "https://hooks.slack.com/services/T01/B02/hook-secret-8")
        log.warning("registry https://u:pw-9@r.example/x?api_key=k-10 failed, key thk_ab12_s-11")
        logging.getLogger("slack_sdk.web.base_client").debug("Sending a request - body: TLP:RED")
        logging.getLogger("httpx").info("HTTP Request: POST https://x.example/?token=t-12")
    text = caplog.text
    for secret in ("hook-secret-8", "pw-9", "k-10", "s-11", "TLP:RED", "t-12"):
        assert secret not in text
    assert "hooks.slack.com/services/********" in text


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = [prefix]
    for name, cmd in group.commands.items():
        if isinstance(cmd, click.Group):
            out.extend(_commands(cmd, (*prefix, name)))
        else:
            out.append((*prefix, name))
    return out


@pytest.mark.parametrize("path", _commands(cli), ids=lambda p: " ".join(p) or "tahub")
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    from click.testing import CliRunner

    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    cmd: click.Command = cli
    for name in path:
        assert isinstance(cmd, click.Group)
        cmd = cmd.commands[name]
    assert cmd.help, f"`tahub {' '.join(path)}` has no help text"


def _one_line_error(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.strip().splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    return lines[0]


def test_malformed_setting_is_one_line(tahub_env: Path) -> None:
    line = _one_line_error(run_tahub("status", env={"TAHUB_HTTP_PORT": "http"}))
    assert "TAHUB_HTTP_PORT" in line


def test_unreachable_broker_is_one_line(tahub_env: Path) -> None:
    from tahub.runtime.ports import free_port

    env = {"TAHUB_DATA_DIR": str(tahub_env), "TAHUB_KAFKA_BOOTSTRAP": f"127.0.0.1:{free_port()}"}
    line = _one_line_error(run_tahub("topics", "create", env=env))
    assert "did not answer" in line
    assert "TAHUB_KAFKA_BOOTSTRAP" in line


def test_unreachable_warehouse_is_one_line(tahub_env: Path) -> None:
    from tahub.runtime.ports import free_port

    env = {
        "TAHUB_DATA_DIR": str(tahub_env),
        "TAHUB_WAREHOUSE_URL": f"clickhouse://127.0.0.1:{free_port()}/default",
    }
    line = _one_line_error(run_tahub("warehouse", "migrate", env=env))
    assert "unreachable" in line


def test_corrupt_registry_is_one_line(tahub_env: Path) -> None:
    (tahub_env / "registry").mkdir(parents=True)
    (tahub_env / "registry" / "registry.json").write_text('{"format": 1, "next_id": "x"')
    line = _one_line_error(run_tahub("schemas", "register", env={"TAHUB_DATA_DIR": str(tahub_env)}))
    assert "corrupt" in line


def test_broker_port_in_use_is_one_line(tahub_env: Path) -> None:
    import socket

    from tahub.runtime.ports import free_port

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        env = {
            "TAHUB_DATA_DIR": str(tahub_env),
            "TAHUB_LOCAL_KAFKA_PORT": str(port),
            "TAHUB_LOCAL_KAFKA_CONTROLLER_PORT": str(free_port()),
        }
        line = _one_line_error(run_tahub("broker", "start", env=env))
    assert f"port {port} is already in use" in line
    assert "TAHUB_LOCAL_KAFKA_PORT" in line


def test_missing_java_is_one_line(tahub_env: Path, tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    (empty / "mvn").symlink_to("/bin/true")  # Maven "present", Java not
    env = {
        "TAHUB_DATA_DIR": str(tahub_env),
        "PATH": str(empty),
        "TAHUB_CACHE_DIR": str(tmp_path / "c"),
        # free ports: a broker already on the default ones would be reported instead
        "TAHUB_LOCAL_KAFKA_PORT": str(free_port()),
        "TAHUB_LOCAL_KAFKA_CONTROLLER_PORT": str(free_port()),
    }
    # pretend the jars are cached so only Java is missing
    libs = tmp_path / "c" / "kafka" / "3.9.1" / "libs"
    libs.mkdir(parents=True)
    (libs / ".complete").write_text("3.9.1")
    line = _one_line_error(run_tahub("broker", "start", env=env))
    assert "`java` not found" in line
    assert "openjdk" in line
