from __future__ import annotations

import pytest


def test_liveness_touches_no_database(client):
    # No django_db mark: any query here would raise instead of answering.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readiness_checks_database_cache_and_broker(client, settings, redis_url):
    settings.CELERY_BROKER_URL = redis_url
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readiness_without_a_broker_is_ready(client, settings):
    settings.CELERY_BROKER_URL = None
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readiness_fails_when_the_broker_is_unreachable_and_says_why_only_in_the_log(
    client, settings, caplog
):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}
    assert "127.0.0.1" not in response.content.decode()
    assert any("readiness check broker failed" in r.getMessage() for r in caplog.records)


@pytest.mark.django_db
def test_readiness_fails_when_the_cache_is_unreachable(client, settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}
    assert any("readiness check cache failed" in r.getMessage() for r in caplog.records)


@pytest.mark.django_db
def test_readiness_writes_nothing_to_the_cache(client, settings, monkeypatch):
    from django.core.cache import cache

    settings.CELERY_BROKER_URL = None
    writes = []
    for method in ("set", "add", "delete", "incr", "set_many", "touch"):
        monkeypatch.setattr(cache, method, lambda *a, _m=method, **k: writes.append(_m))
    for _ in range(3):
        assert client.get("/readyz").status_code == 200
    assert writes == []


def test_health_endpoints_are_exempt_from_https_redirect(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/en/").status_code == 301
