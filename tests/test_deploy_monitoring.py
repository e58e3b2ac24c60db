"""Prometheus and Grafana for deployments (tahub/deploy/, docker-compose.yml): no Docker
engine here, so the files are checked: they parse, hang together with the compose file,
every metric they name is in the README's metrics table (and, in
tests/test_metrics_scrape.py, in a live scrape of the main job), and the alerting rules
mirror tahub/health's conditions at its default thresholds."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tahub.health.rules import Thresholds

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "tahub" / "deploy"
RULES = DEPLOY / "prometheus" / "tahub.rules.yml"
PROMETHEUS = DEPLOY / "prometheus" / "prometheus.yml"
DASHBOARD = DEPLOY / "grafana" / "dashboards" / "tahub.json"
DATASOURCES = DEPLOY / "grafana" / "provisioning" / "datasources" / "prometheus.yml"
PROVIDERS = DEPLOY / "grafana" / "provisioning" / "dashboards" / "tahub.yml"
SUFFIXES = ("_bucket", "_count", "_sum")


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text())


def rules() -> list[dict[str, Any]]:
    return [r for g in _yaml(RULES)["groups"] for r in g["rules"]]


def dashboard() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DASHBOARD.read_text())
    return data


def expressions() -> list[str]:
    exprs = [str(r["expr"]) for r in rules()]
    exprs += [t["expr"] for p in dashboard()["panels"] for t in p.get("targets", [])]
    return exprs


def referenced_metrics() -> set[str]:
    """Every tahub metric family the rules and the dashboard name (histogram series
    reduced to their family)."""
    out = set()
    for expr in expressions():
        for found in re.findall(r"\btahub_[a-z0-9_]+", expr):
            name = str(found)
            for suffix in SUFFIXES:  # no tahub metric ends so but a histogram's series
                name = name.removesuffix(suffix)
            out.add(name)
    return out


def readme_metrics() -> set[str]:
    text = (ROOT / "README.md").read_text()
    section = text.split("### Metrics", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `(tahub_[a-z0-9_]+)` \|", section, re.MULTILINE))


def test_the_files_parse() -> None:
    assert _yaml(PROMETHEUS)["scrape_configs"]
    assert rules()
    assert dashboard()["panels"]
    assert _yaml(DATASOURCES)["datasources"]
    assert _yaml(PROVIDERS)["providers"]


def test_every_metric_named_is_in_the_readme_table() -> None:
    named, documented = referenced_metrics(), readme_metrics()
    assert len(documented) > 40
    assert named - documented == set()
    # the rules and the dashboard name a fair share of what there is
    assert len(named) >= 25, sorted(named)


def test_every_rule_is_complete_and_named_once() -> None:
    names = [r["alert"] for r in rules()]
    assert len(names) == len(set(names))
    for rule in rules():
        assert rule["labels"]["severity"] in {"warning", "critical"}, rule["alert"]
        assert rule["annotations"]["summary"], rule["alert"]
        assert len(rule["annotations"]["description"]) > 30, rule["alert"]
        expr = str(rule["expr"])
        assert expr.count("(") == expr.count(")"), rule["alert"]
        assert re.search(r"(==|>=|<=|>|<)\s*[0-9.]", expr) or "tahub_news_feeds" in expr, expr


def _rule(name: str) -> dict[str, Any]:
    return next(r for r in rules() if r["alert"] == name)


def _numbers(expr: str) -> list[float]:
    return [float(x) for x in re.findall(r"(?:>=|<=|==|>|<)\s*([0-9.]+)", expr)]


def test_the_rules_mirror_tahub_status_at_its_default_thresholds() -> None:
    t = Thresholds()
    assert _numbers(_rule("TahubStageStalled")["expr"])[0] == t.stall_seconds
    assert _numbers(_rule("TahubStageBehind")["expr"]) == [t.lag_seconds_yellow]
    assert _numbers(_rule("TahubStageFarBehind")["expr"]) == [t.lag_seconds_red]
    assert _numbers(_rule("TahubLagGrowing")["expr"])[0] == t.lag_floor
    rising = _numbers(_rule("TahubDeadLettersRising")["expr"])
    assert rising == [t.dlq_min, t.dlq_ratio_yellow]
    assert _numbers(_rule("TahubDeadLettersFlood")["expr"]) == [t.dlq_min, t.dlq_ratio_red]
    assert _numbers(_rule("TahubDiskLow")["expr"]) == [t.disk_free_yellow / 100]
    assert _numbers(_rule("TahubDiskFull")["expr"]) == [t.disk_free_red / 100]
    # yellow is a warning, red is critical, as `tahub status` colours them
    for name in ("TahubStageBehind", "TahubLagGrowing", "TahubDeadLettersRising",
                 "TahubNewsFeedsFailing", "TahubAlertChannelFailing", "TahubDiskLow"):  # fmt: skip
        assert _rule(name)["labels"]["severity"] == "warning", name
    for name in ("TahubCheckFailing", "TahubStageStalled", "TahubStageFarBehind",
                 "TahubDeadLettersFlood", "TahubNewsAllFeedsFailing", "TahubWarehouseFailing",
                 "TahubDiskFull"):  # fmt: skip
        assert _rule(name)["labels"]["severity"] == "critical", name


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data: dict[str, Any] = _yaml(ROOT / "docker-compose.yml")
    return data


def _mounts(service: dict[str, Any]) -> dict[str, Path]:
    """Container path -> host path of the service's bind mounts (relative to the repo)."""
    out = {}
    for volume in service.get("volumes", []):
        host, inside = volume.split(":")[:2]
        if host.startswith("./"):
            out[inside] = ROOT / host[2:]
    return out


def test_compose_runs_prometheus_on_the_rules_and_grafana_on_the_dashboard(
    compose: dict[str, Any],
) -> None:
    services = compose["services"]
    prom, grafana = services["prometheus"], services["grafana"]
    mounts = _mounts(prom)
    config_arg = next(a for a in prom["command"] if a.startswith("--config.file="))
    config = config_arg.split("=", 1)[1]
    folder = str(Path(config).parent)
    assert mounts[folder] == PROMETHEUS.parent
    for path in _yaml(PROMETHEUS)["rule_files"]:
        assert (mounts[folder] / Path(path).relative_to(folder)).is_file(), path
    # the scrape target is the main job's HTTP port under its service name
    target = _yaml(PROMETHEUS)["scrape_configs"][0]["static_configs"][0]["targets"][0]
    env = services["tahub"]["environment"]
    assert target == f"tahub:{env['TAHUB_HTTP_PORT']}"
    assert env["TAHUB_HTTP_HOST"] == "0.0.0.0"  # reachable from Prometheus
    assert any(r["alert"] == "TahubDown" and 'job="tahub"' in r["expr"] for r in rules())
    # Grafana: the provisioning folder, and the dashboards where the provider looks
    gmounts = _mounts(grafana)
    assert gmounts["/etc/grafana/provisioning"] == DATASOURCES.parents[1]
    where = _yaml(PROVIDERS)["providers"][0]["options"]["path"]
    assert (gmounts[where] / DASHBOARD.name).is_file()
    assert grafana["environment"]["GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"] == (
        f"{where}/{DASHBOARD.name}"
    )
    source = _yaml(DATASOURCES)["datasources"][0]
    assert source["url"] == "http://prometheus:9090"
    assert "9090:9090" in prom["ports"]
    for name in ("prometheus-data", "grafana-data"):
        assert name in compose["volumes"]


def test_the_dashboard_uses_the_provisioned_source_and_fits_its_grid() -> None:
    uid = _yaml(DATASOURCES)["datasources"][0]["uid"]
    dash = dashboard()
    ids = [p["id"] for p in dash["panels"]]
    assert len(ids) == len(set(ids))
    for p in dash["panels"]:
        pos = p["gridPos"]
        assert pos["x"] + pos["w"] <= 24, p["title"]
        if p["type"] == "row":
            continue
        assert p["datasource"]["uid"] == uid, p["title"]
        assert p["targets"], p["title"]
        for t in p["targets"]:
            assert t["expr"].count("(") == t["expr"].count(")"), t["expr"]
    # every hop of the end-to-end latency is drawn
    text = DASHBOARD.read_text()
    for hop in ("report_to_signal", "signal_to_detection", "detection_to_notification",
                "notification_to_delivery"):  # fmt: skip
        assert f"tahub_latency_{hop}_seconds_bucket" in text


def test_prometheus_sends_the_metrics_token_tahub_serves_behind(
    compose: dict[str, Any], tmp_path: Path
) -> None:
    """/metrics wants a token (tahub.metrics_auth): Prometheus reads the file tahub reads,
    made once by the metrics-token service, readable by Prometheus's group only."""
    import os
    import stat
    import subprocess
    import sys

    services = compose["services"]
    path = services["tahub"]["environment"]["TAHUB_METRICS_TOKEN_FILE"]
    auth = _yaml(PROMETHEUS)["scrape_configs"][0]["authorization"]
    assert auth == {"type": "Bearer", "credentials_file": path}
    folder = str(Path(path).parent)
    maker = services["metrics-token"]
    for name in ("tahub", "prometheus", "metrics-token"):
        assert f"metrics-token:{folder}" in " ".join(services[name]["volumes"]), name
    # Prometheus starts after tahub, which starts after the token is made
    made = services["tahub"]["depends_on"]["metrics-token"]["condition"]
    assert made == "service_completed_successfully"
    assert "tahub" in services["prometheus"]["depends_on"]
    assert "metrics-token" in compose["volumes"]
    # the service's script, run here on a folder of ours: a token, 0640, made only once
    script = maker["command"][-1].replace(path, str(tmp_path / "token"))
    if os.geteuid() != 0:
        script = script.replace("os.chown", "(lambda *a: None)")
    for _ in range(2):
        subprocess.run([sys.executable, "-c", script], check=True)
    token = (tmp_path / "token").read_text()
    assert len(token) >= 40
    assert stat.S_IMODE((tmp_path / "token").stat().st_mode) == 0o640
    subprocess.run([sys.executable, "-c", script], check=True)
    assert (tmp_path / "token").read_text() == token  # kept: Prometheus's config stays valid
