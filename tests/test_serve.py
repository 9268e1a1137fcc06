"""`make serve` (and so `make demo`): Ctrl-C or TERM stops the web server and the django-q2 worker within 10 s.

Runs bin/serve.sh, the script the Makefile's serve target runs, on a free port against a copy of the test
database's schema, then sends it TERM or INT."""

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "bin" / "serve.sh"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _schema_copy(target: Path) -> None:
    """A consistent copy of the migrated test database (SQLite's backup, safe while the test holds it open)."""
    source = sqlite3.connect(connection.settings_dict["NAME"])
    copy = sqlite3.connect(target)
    with copy:
        source.backup(copy)
    source.close()
    copy.close()


def _answers(port: int) -> bool:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False
    return True


def _alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def _groups_of(session: int) -> set[int]:
    """The process groups of everything running in the session the script leads (itself, runserver, qcluster)."""
    out = subprocess.run(["ps", "-eo", "pgid=,sid="], capture_output=True, text=True, check=True).stdout
    return {int(pgid) for pgid, sid in (line.split() for line in out.splitlines()) if int(sid) == session}


@pytest.fixture
def serving(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the demo runs on SQLite")
    if shutil.which("bash") is None or shutil.which("ps") is None:
        pytest.skip("needs bash and ps")
    _schema_copy(tmp_path / "certify.sqlite3")
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "certify.settings",
        "CERTIFY_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'certify.sqlite3'}",
        "PY": sys.executable,
        "PORT": str(port),
        "Q_WORKERS": "1",
    }
    with open(tmp_path / "serve.log", "wb") as log:
        process = subprocess.Popen([str(SCRIPT)], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            deadline = time.monotonic() + 40
            while not _answers(port):
                assert process.poll() is None, (tmp_path / "serve.log").read_text()
                assert time.monotonic() < deadline, "the web server did not start within 40 s"
                time.sleep(0.2)
            groups = _groups_of(process.pid) - {process.pid}
            assert len(groups) == 2, groups  # runserver and the worker, each in its own group
            yield process, groups, port
        finally:
            for group in _groups_of(process.pid):
                os.killpg(group, signal.SIGKILL)
            process.wait(timeout=5)


@pytest.mark.parametrize("sent", [signal.SIGTERM, signal.SIGINT], ids=["TERM", "Ctrl-C"])
def test_stopping_serve_stops_the_web_server_and_the_worker_within_ten_seconds(serving, sent):
    process, groups, port = serving
    process.send_signal(sent)
    started = time.monotonic()

    def running():
        return process.poll() is None or any(_alive(group) for group in groups)

    while running() and time.monotonic() - started < 15:
        time.sleep(0.1)
    took = time.monotonic() - started
    assert not running(), f"still running {took:.1f} s after the signal"
    assert took < 10
    assert process.returncode == 0 and not _answers(port)


def test_make_serve_runs_the_script_that_stops_both():
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    dry_run = subprocess.run(
        ["make", "-n", "--no-print-directory", "serve", "VENV=/nonexistent-venv", "PYTHON=true"],
        cwd=ROOT, capture_output=True, text=True, timeout=20,
    ).stdout
    assert "bin/serve.sh" in dry_run and "qcluster" not in dry_run
