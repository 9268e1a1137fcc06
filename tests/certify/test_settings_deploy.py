import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "x7#p!2kq9v$wz4m8r@t6y^u1i3o5e0a-b=n&c*d(f)g_h+j~l%Q2Zr8Lw",
    "ALLOWED_HOSTS": "certify.example.com",
    "SITE_URL": "https://certify.example.com",
    "DATABASE_URL": "sqlite:////tmp/certify-deploy-check.sqlite3",
}


def _manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DEBUG", "SECRET_KEY", "DATABASE_URL"))}
    environment.update(env)
    environment["DJANGO_SETTINGS_MODULE"] = "certify.settings"
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_production_configuration_passes_the_deploy_check_with_no_warnings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = _manage("check", **env)
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    "url, engine",
    [
        ("postgres://u:p@db.internal:5432/certify", "django.db.backends.postgresql"),
        ("sqlite:////tmp/x.sqlite3", "django.db.backends.sqlite3"),
    ],
)
def test_database_is_chosen_by_database_url(url, engine):
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    result = _manage("shell", "--no-imports", "-c", code, **{**PRODUCTION_ENV, "DATABASE_URL": url})
    assert result.stdout.strip() == engine, result.stderr


def test_sqlite_default_uses_wal_and_immediate_transactions():
    code = "from django.conf import settings; o=settings.DATABASES['default']['OPTIONS']; print(o['transaction_mode'], 'WAL' in o['init_command'])"
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DATABASE_URL"}
    result = _manage("shell", "--no-imports", "-c", code, **env, CERTIFY_VAR_DIR="/tmp/certify-var-check")
    assert result.stdout.strip() == "IMMEDIATE True", result.stderr


def test_redis_broker_is_chosen_by_environment():
    code = "from django.conf import settings; print(settings.Q_CLUSTER.get('redis'), settings.Q_CLUSTER.get('orm'))"
    result = _manage("shell", "--no-imports", "-c", code, **PRODUCTION_ENV, Q_REDIS_URL="redis://127.0.0.1:6379/0")
    assert result.stdout.strip() == "redis://127.0.0.1:6379/0 None", result.stderr


def test_migrations_can_be_checked_without_any_configuration():
    result = _manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout


@pytest.mark.parametrize(
    "extra, backend",
    [
        ({}, "django.core.cache.backends.db.DatabaseCache"),
        ({"CACHE_REDIS_URL": "redis://127.0.0.1:6379/1"}, "django.core.cache.backends.redis.RedisCache"),
    ],
)
def test_production_cache_is_shared_by_every_process_never_per_process_memory(extra, backend):
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    result = _manage("shell", "--no-imports", "-c", code, **PRODUCTION_ENV, **extra)
    assert result.stdout.strip() == backend, result.stderr
    assert "LocMemCache" not in result.stdout


@pytest.mark.parametrize("value, count", [(None, "0"), ("1", "1"), ("2", "2")])
def test_trusted_proxy_count_is_read_from_the_environment(value, count):
    code = "from django.conf import settings; print(settings.ALLAUTH_TRUSTED_PROXY_COUNT)"
    extra = {} if value is None else {"TRUSTED_PROXY_COUNT": value}
    result = _manage("shell", "--no-imports", "-c", code, **PRODUCTION_ENV, **extra)
    assert result.stdout.strip() == count, result.stderr
