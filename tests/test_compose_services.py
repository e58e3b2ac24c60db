"""Each tahub process in a container of its own (issue 23, item 5), checked without a
Docker engine: the compose file's tahub services are built from the repository's
Dockerfile, run a command the `tahub` CLI has, share the data dir and the metrics token,
leave the main job to run none of them itself, and are each scraped by Prometheus on
their own metrics port."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import click
import pytest
import yaml

from tahub.cli import cli
from tahub.settings import ENV_PREFIX, Settings, load_settings

ROOT = Path(__file__).resolve().parents[1]
PROCESSES = {"worker": "worker", "sink": "sink", "alerts": "alerts", "news": "news"}
TAHUB = ("tahub", *PROCESSES)


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return data


def _dockerfile() -> list[tuple[str, str]]:
    """(instruction, argument) of each Dockerfile line, continuations joined."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    out = []
    for raw in text.splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def _command(argv: list[str]) -> click.Command:
    """The `tahub` subcommand ``argv`` names (KeyError if it has none)."""
    found: click.Command = cli
    for word in argv:
        assert isinstance(found, click.Group), (argv, word)
        found = found.commands[word]
    return found


def test_every_tahub_process_has_a_container_built_from_the_dockerfile(
    compose: dict[str, Any],
) -> None:
    services = compose["services"]
    images = set()
    for name in TAHUB:
        svc = services[name]
        assert svc["build"] == ".", name  # ./Dockerfile
        images.add(svc["image"])
        assert "pip install" not in str(svc["command"]), name  # installed in the image
        assert svc.get("restart") == "on-failure", name
    assert images == {"tahub:local"}  # one image, built once
    assert (ROOT / "Dockerfile").is_file()


def test_each_container_runs_a_command_the_tahub_cli_has(compose: dict[str, Any]) -> None:
    steps = _dockerfile()
    entry = [a for w, a in steps if w == "ENTRYPOINT"]
    assert entry == ['["tahub"]']
    commands = {name: compose["services"][name]["command"] for name in TAHUB}
    assert commands == {"tahub": ["up"], "worker": ["worker"], "sink": ["sink", "run"],
                        "alerts": ["alerts", "run"], "news": ["news", "run"]}  # fmt: skip
    for name, argv in commands.items():
        command = _command(argv)
        assert not isinstance(command, click.Group), name
        assert command.callback is not None, name
    with pytest.raises(KeyError):
        _command(["no-such-command"])  # the lookup can fail


def test_the_image_holds_every_package_pip_installs() -> None:
    text = (ROOT / "pyproject.toml").read_text()
    include = re.search(r"include = \[([^\]]*)\]", text)
    assert include is not None
    packages = {p.strip(' "*') for p in include.group(1).split(",")}
    copied = {a.split()[0].rstrip("/") for w, a in _dockerfile() if w == "COPY"}
    assert packages <= copied, packages - copied
    assert {"pyproject.toml", "setup.py", "README.md", "LICENSE"} <= {
        x for w, a in _dockerfile() if w == "COPY" for x in a.split()[:-1]
    }
    # the first stage builds the wheel compiled (``streams.native``), the image installs it
    runs = [a.split("&&")[0].strip() for w, a in _dockerfile() if w == "RUN"]
    stages = [a for w, a in _dockerfile() if w == "FROM"]
    assert stages == ["python:3.11-slim AS wheel", "python:3.11-slim"]
    assert (
        "TAHUB_COMPILE=1 pip wheel --quiet --no-build-isolation --no-deps --wheel-dir /wheels ."
        in runs
    )
    assert "pip install --quiet /wheels/*.whl" in runs
    assert "COPY --from=wheel /wheels /wheels" in [f"{w} {a}" for w, a in _dockerfile()]
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert not packages & set(ignored)


def _env(compose: dict[str, Any], name: str) -> dict[str, str]:
    return {str(k): str(v) for k, v in compose["services"][name]["environment"].items()}


def test_the_main_job_starts_none_of_the_processes_the_containers_run(
    compose: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    for key in list(os.environ):
        if key.startswith(ENV_PREFIX):
            monkeypatch.delenv(key)
    names = {ENV_PREFIX + f.upper() for f in Settings.model_fields}
    for name in TAHUB:
        assert set(_env(compose, name)) <= names, name
        assert _env(compose, name) == _env(compose, "tahub"), name  # one set of settings
    for key, value in _env(compose, "tahub").items():
        monkeypatch.setenv(key, value)
    s = load_settings()
    assert s.children == ()
    assert s.job_sink is False
    assert s.sink_metrics_port > 0


def test_every_container_shares_the_data_dir_and_reads_the_metrics_token(
    compose: dict[str, Any],
) -> None:
    env = _env(compose, "tahub")
    token_dir = str(Path(env["TAHUB_METRICS_TOKEN_FILE"]).parent)
    for name in TAHUB:
        volumes = compose["services"][name]["volumes"]
        assert f"tahub-data:{env['TAHUB_DATA_DIR']}" in volumes, name
        assert f"metrics-token:{token_dir}:ro" in volumes, name
    # the Dockerfile's user may read the token: it is in the token's group (65534)
    run = next(a for w, a in _dockerfile() if w == "RUN" and "useradd" in a)
    assert "--groups nogroup" in run
    maker = compose["services"]["metrics-token"]["command"][-1]
    assert 'os.chown(p + ".new", 0, 65534)' in maker


def test_prometheus_scrapes_each_process_on_its_metrics_port(compose: dict[str, Any]) -> None:
    prom = yaml.safe_load((ROOT / "tahub/deploy/prometheus/prometheus.yml").read_text())
    jobs = {j["job_name"]: j for j in prom["scrape_configs"]}
    found = {c["names"][0]: c["port"] for c in jobs["tahub-processes"]["dns_sd_configs"]}
    env = _env(compose, "tahub")
    assert found == {name: int(env[f"TAHUB_{name.upper()}_METRICS_PORT"]) for name in PROCESSES}
    assert jobs["tahub-processes"]["authorization"] == jobs["tahub"]["authorization"]
    relabel = jobs["tahub-processes"]["relabel_configs"]
    assert {"source_labels": ["__meta_dns_name"], "target_label": "process"} in relabel
    assert env["TAHUB_HTTP_HOST"] == "0.0.0.0"  # each process listens beyond its container
    # and the rules tell when one of them does not answer
    rules = yaml.safe_load((ROOT / "tahub/deploy/prometheus/tahub.rules.yml").read_text())
    exprs = [r["expr"] for g in rules["groups"] for r in g["rules"]]
    assert 'up{job="tahub-processes"} == 0' in exprs


def test_a_main_job_without_its_sink_needs_a_clickhouse_server(tmp_path: Path) -> None:
    from tahub.settings import SettingsError

    with pytest.raises(SettingsError, match="TAHUB_JOB_SINK=false needs a ClickHouse server"):
        load_settings(data_dir=tmp_path, job_sink=False)
    s = load_settings(data_dir=tmp_path, job_sink=False, mode="servers",
                      kafka_bootstrap="k:9092", schema_registry_url="http://r:8081",
                      warehouse_url="clickhouse://h:9000/default")  # fmt: skip
    assert not s.job_sink
    assert load_settings(data_dir=tmp_path).children == ("worker", "alerts", "news")


def test_a_main_job_told_to_start_no_process_scrapes_none(tmp_path: Path) -> None:
    from tahub.mainjob.supervisor import MainJob

    alone = MainJob(load_settings(data_dir=tmp_path / "a", job_children=""))
    assert alone.scrape.targets == []
    some = MainJob(load_settings(data_dir=tmp_path / "b", job_children="worker,news"))
    assert [t.process for t in some.scrape.targets] == ["worker", "news"]
