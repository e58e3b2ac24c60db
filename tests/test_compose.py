"""docker-compose.yml cannot run here (no Docker engine); check what can be checked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tahub.settings import ENV_PREFIX, Settings, load_settings

COMPOSE = Path(__file__).resolve().parents[1] / "docker-compose.yml"


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(COMPOSE.read_text())
    return data


def _tahub_env(compose: dict[str, Any]) -> dict[str, str]:
    env = compose["services"]["tahub"]["environment"]
    return {str(k): str(v) for k, v in env.items()}


def test_services_present(compose: dict[str, Any]) -> None:
    assert {"kafka", "schema-registry", "clickhouse", "tahub"} <= set(compose["services"])
    deps = compose["services"]["tahub"]["depends_on"]
    assert set(deps) == {"kafka", "schema-registry", "clickhouse", "metrics-token"}


def test_every_tahub_setting_it_passes_exists(compose: dict[str, Any]) -> None:
    names = {ENV_PREFIX + f.upper() for f in Settings.model_fields}
    for key in _tahub_env(compose):
        assert key in names, f"{key} is not a tahub setting"


def test_its_settings_validate_in_servers_mode(
    compose: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    for key in list(__import__("os").environ):
        if key.startswith(ENV_PREFIX):
            monkeypatch.delenv(key)
    for key, value in _tahub_env(compose).items():
        monkeypatch.setenv(key, value)
    s = load_settings()
    assert s.mode.value == "servers"
    assert s.bootstrap == "kafka:9092"
    assert s.registry_url.startswith("http://schema-registry:")
    assert s.warehouse.startswith("clickhouse://")


def test_hosts_match_service_names(compose: dict[str, Any]) -> None:
    env = _tahub_env(compose)
    services = compose["services"]
    assert (
        env["TAHUB_KAFKA_BOOTSTRAP"]
        == services["kafka"]["environment"]["KAFKA_ADVERTISED_LISTENERS"].split("//")[1]
    )
    assert "schema-registry:8081" in env["TAHUB_SCHEMA_REGISTRY_URL"]
    assert "@clickhouse:9000" in env["TAHUB_WAREHOUSE_URL"]
    assert services["schema-registry"]["environment"][
        "SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS"
    ].endswith("kafka:9092")
    port = env["TAHUB_HTTP_PORT"]
    assert f"{port}:{port}" in services["tahub"]["ports"]


def test_scale_out_sinks_share_the_main_jobs_settings(compose: dict[str, Any]) -> None:
    sink = compose["services"]["sink"]
    assert sink["environment"] == compose["services"]["tahub"]["environment"]
    assert sink["command"] == ["sink", "run"]  # the image's entrypoint is `tahub`
    assert "profiles" not in sink  # one runs by default; `--scale sink=3` adds more
