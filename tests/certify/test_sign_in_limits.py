"""Sign-in rate limits hold across web processes and behind the proxy.

The limits live in the default cache. Each test here that crosses processes runs a second Python
process on the test database, the way a second gunicorn worker would.
"""

import importlib
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from tests.factories.certify import PASSWORD, TOTP_SECRET, EnablementAdminFactory, RepFactory

ROOT = Path(__file__).resolve().parents[2]
# The limits production runs with (certify/settings.py); the test settings turn limits off.
LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
LOCKED = "Too many failed login attempts"


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _in_another_process(body: str) -> dict:
    """Run `body` (which sets `result`) in a fresh process with the production limits on the test database."""
    script = "import django, json\ndjango.setup()\nfrom django.test import Client\n" + textwrap.dedent(body)
    script += "\nprint(json.dumps(result))\n"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))},
        "DJANGO_SETTINGS_MODULE": "certify.test_settings",
        "DATABASE_URL": _database_url(),
        "DISABLE_RATE_LIMITS": "false",
    }
    completed = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _fail_password(client, email, **headers):
    response = client.post(reverse("account_login"), {"login": email, "password": "not-the-password"}, **headers)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(ACCOUNT_RATE_LIMITS=LIMITS)
def test_a_password_lockout_recorded_by_one_process_holds_in_another(client):
    RepFactory(email="riley@example.com")
    for _ in range(5):
        assert LOCKED not in _fail_password(client, "riley@example.com")

    result = _in_another_process(
        f"""
        response = Client().post("/accounts/login/", {{"login": "riley@example.com", "password": {PASSWORD!r}}})
        result = {{"status": response.status_code, "locked": {LOCKED!r} in response.content.decode()}}
        """
    )

    assert result == {"status": 200, "locked": True}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(ACCOUNT_RATE_LIMITS=LIMITS)
def test_a_second_factor_lockout_recorded_by_one_process_holds_in_another(client):
    EnablementAdminFactory(email="boss@example.com")
    response = client.post(reverse("account_login"), {"login": "boss@example.com", "password": PASSWORD})
    assert response.url == reverse("mfa_authenticate")
    for _ in range(5):
        response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
        assert response.status_code == 200 and LOCKED not in response.content.decode()

    # The right code, sent by the same browser (its session cookie) to another worker.
    code = format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // 30))
    session = client.cookies["sessionid"].value
    result = _in_another_process(
        f"""
        browser = Client()
        browser.cookies["sessionid"] = {session!r}
        response = browser.post("/accounts/2fa/authenticate/", {{"code": {code!r}}})
        result = {{"status": response.status_code, "locked": {LOCKED!r} in response.content.decode()}}
        """
    )

    assert result == {"status": 200, "locked": True}


def test_the_default_cache_is_one_every_process_shares(settings):
    backend = settings.CACHES["default"]["BACKEND"]
    assert backend in {
        "django.core.cache.backends.db.DatabaseCache",
        "django.core.cache.backends.redis.RedisCache",
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migrate_creates_the_cache_table_so_no_other_setup_step_is_needed():
    migration = importlib.import_module("certify.migrations.0008_cache_table")
    with connection.schema_editor() as editor:
        migration.drop_cache_table(None, editor)
    assert migration.CACHE_TABLE not in connection.introspection.table_names()

    with connection.schema_editor() as editor:
        migration.create_cache_table(None, editor)

    assert migration.CACHE_TABLE in connection.introspection.table_names()
    cache.set("probe", "kept", 60)
    assert cache.get("probe") == "kept"
    cache.clear()
    assert cache.get("probe") is None


@pytest.mark.django_db
@override_settings(ACCOUNT_RATE_LIMITS=LIMITS, ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_a_trusted_proxy_two_clients_are_limited_apart(client):
    attacker = {"HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    for number in range(10):  # ten accounts, so that only the per-address limit applies
        assert LOCKED not in _fail_password(client, f"person{number}@example.com", **attacker)
    assert LOCKED in _fail_password(client, "person10@example.com", **attacker)

    colleague = {"HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    assert LOCKED not in _fail_password(client, "person11@example.com", **colleague)


@pytest.mark.django_db
@override_settings(ACCOUNT_RATE_LIMITS=LIMITS, ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_a_trusted_proxy_an_address_the_client_wrote_itself_is_not_believed(client):
    # The proxy appends the address it saw; whatever the client sent sits before it.
    for number in range(10):
        spoofed = {"HTTP_X_FORWARDED_FOR": f"10.0.0.{number}, 203.0.113.5"}
        assert LOCKED not in _fail_password(client, f"person{number}@example.com", **spoofed)
    assert LOCKED in _fail_password(client, "person10@example.com", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.5")


@pytest.mark.django_db
@override_settings(ACCOUNT_RATE_LIMITS=LIMITS)
def test_without_a_trusted_proxy_a_spoofed_forwarded_for_is_ignored(client, settings):
    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == 0
    for number in range(10):
        spoofed = {"HTTP_X_FORWARDED_FOR": f"198.51.100.{number}"}
        assert LOCKED not in _fail_password(client, f"person{number}@example.com", **spoofed)
    assert LOCKED in _fail_password(client, "person10@example.com", HTTP_X_FORWARDED_FOR="198.51.100.99")
