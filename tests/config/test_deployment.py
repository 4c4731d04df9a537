"""The production files, checked by reading them (there is no Docker here): only the buffering
proxy faces clients, and it hands gunicorn whole requests over the addresses the app trusts."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_only_the_proxy_is_published_and_it_waits_for_a_healthy_web():
    services = _compose()["services"]
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"proxy"}
    proxy = services["proxy"]
    assert proxy["image"].startswith("nginx:")
    assert {"80:80", "443:443"} <= set(proxy["ports"])
    assert proxy["depends_on"]["web"]["condition"] == "service_healthy"
    assert services["web"]["expose"] == ["8000"]
    assert "healthcheck" in services["web"]


def test_the_proxy_mounts_a_configuration_that_exists():
    mounts = dict(volume.split(":", 1) for volume in _compose()["services"]["proxy"]["volumes"])
    assert mounts["./deploy/nginx.conf"] == "/etc/nginx/nginx.conf:ro"
    assert (ROOT / "deploy" / "nginx.conf").is_file()
    assert mounts["./deploy/certs"] == "/etc/nginx/certs:ro"


def test_the_proxy_buffers_requests_terminates_tls_and_passes_the_client_address():
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    directives = [line.split("#")[0].strip() for line in conf.splitlines()]
    assert "server web:8000;" in directives
    assert "proxy_pass http://register;" in directives
    assert "proxy_request_buffering on;" in directives
    assert "proxy_buffering on;" in directives
    assert not any(re.match(r"proxy_(request_)?buffering off", d) for d in directives)
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in directives
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in directives
    assert any(d.startswith("client_body_timeout") for d in directives)
    assert any(d.startswith("client_header_timeout") for d in directives)
    assert "ssl_protocols TLSv1.2 TLSv1.3;" in directives
    assert "ssl_certificate /etc/nginx/certs/fullchain.pem;" in directives


def test_the_example_environment_trusts_exactly_that_one_proxy():
    example = dict(
        line.split("=", 1)
        for line in (ROOT / ".env.example").read_text().splitlines()
        if "=" in line and not line.startswith("#")
    )
    assert example["TRUST_X_FORWARDED_PROTO"] == "true"
    assert example["AXES_PROXY_COUNT"] == "1"


def test_the_image_runs_gunicorn_on_the_port_the_proxy_uses():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert '"gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000"' in dockerfile
    assert "deploy/certs" in (ROOT / ".dockerignore").read_text().split()
