"""Benchmark the key pages against a bare "floor" view, on a small and a large dataset.

    .venv/bin/python bench/run.py          # or: make bench

For each dataset: build it in var/bench/, count each page's queries in-process,
then for each page start gunicorn (2 workers, production settings, 127.0.0.1 only),
warm up, load it with wrk for a few seconds and read the workers' peak memory.
Prints one table and writes var/bench/results.json. Targets are reported, not asserted.

Environment: BENCH_DURATION (seconds per page, default 5), BENCH_CONNECTIONS (default 4),
BENCH_SIZES (default "small,large"), BENCH_MINUTES (stop measuring after this long, default 25).
"""

import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pages import pages_for  # noqa: E402

VAR = ROOT / "var" / "bench"
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
DURATION = int(os.environ.get("BENCH_DURATION", "5"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "4"))
SIZES = [s for s in os.environ.get("BENCH_SIZES", "small,large").split(",") if s]
# Stop measuring (and report what we have) after BENCH_MINUTES (default 25): about 45 pages on two datasets.
DEADLINE = time.monotonic() + int(os.environ.get("BENCH_MINUTES", "25")) * 60

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(64),  # new per run; sessions are created with it below
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",
    "SESSION_COOKIE_SECURE": "false",
    "CSRF_COOKIE_SECURE": "false",
    "SECURE_HSTS_SECONDS": "0",
    "STATIC_ROOT": str(VAR / "static"),
    "LOG_LEVEL": "WARNING",
    # The public verification page is rate-limited per address; wrk's load all comes from one.
    "VERIFICATION_RATE_LIMIT": "0",
}

_servers = []  # running gunicorn masters (Popen), stopped on any exit


def log(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def run(args, *, db=None, timeout=300, capture=False):
    env = dict(ENV, DATABASE_URL=f"sqlite:///{db}") if db else ENV
    result = subprocess.run(
        args, cwd=ROOT, env=env, timeout=timeout, check=True, text=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
    )
    return result.stdout


# --- gunicorn -----------------------------------------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path, cookie, timeout=10):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Cookie": f"sessionid={cookie}"})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def start_server(db, logfile, cookie):
    port = free_port()
    server = subprocess.Popen(
        [GUNICORN, "certify.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}", "--timeout", "30",
         "--control-socket", str(VAR / "gunicorn.ctl")],
        cwd=ROOT, env=dict(ENV, DATABASE_URL=f"sqlite:///{db}"),
        stdout=logfile, stderr=subprocess.STDOUT, start_new_session=True,
    )
    _servers.append(server)
    until = time.monotonic() + 60
    while time.monotonic() < until:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}; see {logfile.name}")
        try:
            if get(port, "/__bench_floor__/", cookie, timeout=2) == 200:
                return server, port
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer within 60s")


def stop_server(server):
    if server.poll() is None:
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=5)
        except ProcessLookupError:
            pass
    if server in _servers:
        _servers.remove(server)


def stop_all(*_args):
    for server in list(_servers):
        stop_server(server)


def worker_pids(master_pid):
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == master_pid:
                pids.append(int(entry.name))
    return pids


def peak_memory_mb(master_pid):
    """The highest peak resident size (VmHWM) among the workers, in MB."""
    peak = 0
    for pid in worker_pids(master_pid):
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        except OSError:
            pass
    return round(peak / 1024, 1)


# --- load -----------------------------------------------------------------------------

def wrk(port, path, cookie, seconds):
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s", "-s", str(ROOT / "bench" / "wrk.lua"),
         f"http://127.0.0.1:{port}{path}"],
        env=dict(os.environ, BENCH_COOKIE=cookie), capture_output=True, text=True, timeout=seconds + 30, check=True,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("BENCH_JSON "))
    return json.loads(line[len("BENCH_JSON "):])


def measure_page(db, dataset, name, who, path, logfile):
    cookie = dataset["sessions"][who]
    server, port = start_server(db, logfile, cookie)
    try:
        status = get(port, path, cookie)
        if status != 200:
            return {"status": status, "error": f"expected 200, got {status}"}
        wrk(port, path, cookie, 1)  # warm-up: both workers, caches, first-view writes
        result = wrk(port, path, cookie, DURATION)
        result["status"] = status
        if not result["requests"]:
            result["error"] = f"no request completed in {DURATION}s"
            del result["p50_ms"], result["p95_ms"], result["p99_ms"]
        result["peak_worker_mb"] = peak_memory_mb(server.pid)
        return result
    finally:
        stop_server(server)


# --- datasets ---------------------------------------------------------------------------

def prepare():
    if VAR.exists():
        for item in VAR.iterdir():
            if item.name.endswith((".sqlite3", ".sqlite3-wal", ".sqlite3-shm", ".json", ".log")):
                item.unlink()
    VAR.mkdir(parents=True, exist_ok=True)
    base = VAR / "base.sqlite3"
    log("migrating the base database")
    run([PY, "manage.py", "migrate", "--noinput"], db=base, timeout=240)
    log("creating demo content and extra pages")
    run([PY, "bench/dataset.py", "pages"], db=base, timeout=240)
    log("collectstatic")
    run([PY, "manage.py", "collectstatic", "--noinput"], timeout=240)
    return base


def bench_size(base, size):
    db = VAR / f"{size}.sqlite3"
    shutil.copyfile(base, db)
    dataset_json = VAR / f"{size}.json"
    log(f"{size}: adding people, teams and views")
    run([PY, "bench/dataset.py", "people", size, str(dataset_json)], db=db, timeout=300)
    dataset = json.loads(dataset_json.read_text())
    log(f"{size}: counting queries")
    queries = json.loads(run([PY, "bench/queries.py", str(dataset_json)], db=db, timeout=180, capture=True))
    pages = {}
    with open(VAR / f"gunicorn-{size}.log", "w") as logfile:
        for name, who, path, target in pages_for(dataset):
            if time.monotonic() > DEADLINE:
                pages[name] = {"error": "skipped: time limit"}
                continue
            log(f"{size}: {name} {path}")
            try:
                pages[name] = measure_page(db, dataset, name, who, path, logfile)
            except Exception as error:  # report the failure and go on with the next page
                pages[name] = {"error": f"{type(error).__name__}: {error}"}
            pages[name].update(who=who, path=path, target=target, **{f"q_{k}": v for k, v in queries[name].items()})
    return {"counts": dataset["counts"], "pages": pages}


# --- report -------------------------------------------------------------------------------

def summarise(results):
    """Ratios to the floor, growth small→large and target misses, added to `results`."""
    for data in results["sizes"].values():
        floor = data["pages"].get("floor", {})
        for page in data["pages"].values():
            if "p50_ms" in page and "p50_ms" in floor:
                page["p50_x_floor"] = round(page["p50_ms"] / floor["p50_ms"], 2)
                page["rps_x_floor"] = round(floor["rps"] / page["rps"], 2) if page["rps"] else None
    small = results["sizes"].get("small", {}).get("pages", {})
    large = results["sizes"].get("large", {}).get("pages", {})
    rows = []
    for name, who, _path, target in pages_for():
        s, l = small.get(name, {}), large.get(name, {})
        misses = []
        for label, page in (("small", s), ("large", l)):
            if page.get("error"):
                misses.append(f"{label}: {page['error']}")
            elif page.get("not_200") or page.get("socket_errors"):
                misses.append(f"{label}: {page.get('not_200', 0)} non-200, {page.get('socket_errors', 0)} socket errors")
            if page.get("q_status") not in (None, 200):
                misses.append(f"{label}: test client got {page['q_status']}")
            if target and page.get("p50_x_floor", 0) > target:
                misses.append(f"{label} p50 {page['p50_x_floor']}x > {target}x")
        if s.get("q_queries") is not None and l.get("q_queries") is not None and s["q_queries"] != l["q_queries"]:
            misses.append(f"queries {s['q_queries']} -> {l['q_queries']}")
        growth = {
            "p50": round(l["p50_ms"] / s["p50_ms"], 2) if "p50_ms" in s and "p50_ms" in l else None,
            "queries": (l["q_queries"] - s["q_queries"]) if "q_queries" in s and "q_queries" in l else None,
        }
        rows.append({"page": name, "who": who, "target_x": target, "growth": growth, "misses": misses})
    results["summary"] = rows
    return results


def fmt(value, spec=""):
    return "-" if value is None else format(value, spec)


def table(results):
    sizes = results["sizes"]
    head = ["page", "target"]
    for size in sizes:
        head += [f"{size} rps", "p50 ms", "p95 ms", "p50 x", "rps x", "queries", "peak MB"]
    head += ["p50 growth", "query growth", "misses"]
    lines = []
    for row in results["summary"]:
        cells = [row["page"], f"<={row['target_x']}x" if row["target_x"] else "-"]
        for size in sizes:
            p = sizes[size]["pages"].get(row["page"], {})
            cells += [fmt(p.get("rps"), ".0f"), fmt(p.get("p50_ms"), ".1f"), fmt(p.get("p95_ms"), ".1f"),
                      fmt(p.get("p50_x_floor"), ".1f"), fmt(p.get("rps_x_floor"), ".1f"),
                      fmt(p.get("q_queries")), fmt(p.get("peak_worker_mb"), ".0f")]
        growth = row["growth"]
        cells += [fmt(growth["p50"], ".2f") + "x" if growth["p50"] is not None else "-",
                  fmt(growth["queries"], "+d"), "MISS: " + "; ".join(row["misses"]) if row["misses"] else "ok"]
        lines.append(cells)
    widths = [max(len(str(c)) for c in column) for column in zip(head, *lines)]
    render = lambda cells: "  ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    counts = "; ".join(
        f"{size}: {d['counts']['users']} users, {d['counts']['teams']} teams, "
        f"{d['counts']['content_pages']} pages, {d['counts']['page_views']} page views"
        for size, d in sizes.items()
    )
    legend = (
        f"wrk -t2 -c{CONNECTIONS} -d{DURATION}s per page, gunicorn 2 sync workers, SQLite, DEBUG=false. "
        "p50 x = p50 / floor p50; rps x = floor rps / rps; queries counted in-process after one warm-up; "
        "peak MB = highest worker VmHWM; growth = large / small (p50), large - small (queries)."
    )
    return "\n".join([counts, legend, "", render(head), render(["-" * w for w in widths]), *map(render, lines)])


def main():
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.monotonic()
    results = {"settings": {"duration_s": DURATION, "connections": CONNECTIONS, "threads": 2, "workers": 2},
               "sizes": {}}
    try:
        base = prepare()
        for size in SIZES:
            results["sizes"][size] = bench_size(base, size)
        log("a rep's writes while the largest question file is imported")
        try:
            results["import"] = json.loads(run([PY, "bench/imports.py"], db=VAR / f"{SIZES[-1]}.sqlite3",
                                               timeout=180, capture=True))
        except Exception as error:  # report it and keep the page results
            results["import"] = {"error": f"{type(error).__name__}: {error}"}
    finally:
        stop_all()
    summarise(results)
    results["seconds"] = round(time.monotonic() - started, 1)
    text = table(results)
    if (imp := results.get("import")) and "error" not in imp:
        text += (f"\n\nDuring an import of {imp['questions']} questions ({imp['import_s']} s): {imp['writes']} rep writes, "
                 f"{imp['errors']} errors, p50 {imp['p50_ms']} ms, p95 {imp['p95_ms']} ms, max {imp['max_ms']} ms")
    elif imp:
        text += f"\n\nDuring an import: {imp['error']}"
    results["table"] = text
    (VAR / "results.json").write_text(json.dumps(results, indent=2))
    print(text)
    print(f"\n{results['seconds']}s; results in {VAR / 'results.json'}")


if __name__ == "__main__":
    main()
