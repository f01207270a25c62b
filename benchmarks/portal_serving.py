"""The public portal under load: the static export served by nginx versus the same pages
served dynamically by gunicorn, in one run on this machine; plus export and PDF times.

Needs nginx and wrk on the PATH (Debian: apt-get install nginx wrk). Run:
    .venv/bin/python benchmarks/portal_serving.py [--seconds 15] [--connections 50] [--workers 4]

Targets from issue 3: dynamic pages >= 500 requests/s with p99 < 100 ms at 50 connections;
full export < 10 s; a booklet < 3 s. Everything binds to 127.0.0.1 and stops by itself.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import free_port, wait_for  # noqa: E402

VENV_BIN = Path(sys.executable).parent


def weerbaar(env: dict, *args: str) -> float:
    start = time.perf_counter()
    subprocess.run([str(VENV_BIN / "weerbaar"), *args], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def wrk(url: str, seconds: int, connections: int) -> tuple[float, float, int]:
    """requests/s, p99 in ms, non-2xx/3xx responses."""
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
                         capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", out).groups()
    p99 = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return rps, p99, int(bad.group(1)) if bad else 0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    options = parser.parse_args()
    for tool in ("nginx", "wrk"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is not installed (apt-get install nginx wrk)")

    tmp = Path(tempfile.mkdtemp(prefix="weerbaar-bench-"))
    env = {**os.environ, "WEERBAAR_VAR_DIR": str(tmp / "var"), "DEBUG": "false",
           "ALLOWED_HOSTS": "127.0.0.1,localhost"}
    processes = []
    try:
        (tmp / "var").mkdir()
        weerbaar(env, "migrate", "-v0")
        weerbaar(env, "load-demo", "--no-account-list")
        site = tmp / "site"
        export_seconds = weerbaar(env, "export-site", str(site))
        pages = sum(1 for _ in site.rglob("index.html"))
        editions = tmp / "editions"
        editions_seconds = weerbaar(env, "print-editions", str(editions))
        booklets = sorted((editions).glob("*.pdf"))

        static_port, app_port = free_port(), free_port()
        conf = tmp / "nginx.conf"
        conf.write_text(f"""
user root; worker_processes 2; daemon off; pid {tmp}/nginx.pid; error_log {tmp}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{ include /etc/nginx/mime.types; access_log off; sendfile on;
  server {{ listen 127.0.0.1:{static_port}; root {site}; index index.html; }} }}
""")
        processes.append(subprocess.Popen(["nginx", "-c", str(conf)]))
        processes.append(subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "weerbaar.wsgi:application", "-w", str(options.workers),
             "-b", f"127.0.0.1:{app_port}", "--log-level", "warning"], env=env, cwd=ROOT))
        wait_for(static_port)
        wait_for(app_port)

        rows = []
        paths = ("/bernheze/", "/bernheze/kernen/heesch/")
        for port in (static_port, app_port):  # warm-up, not measured: workers start, caches fill
            for path in paths:
                wrk(f"http://127.0.0.1:{port}{path}", 2, options.connections)
        for label, path in (("home", "/bernheze/"), ("kern page", "/bernheze/kernen/heesch/")):
            static = wrk(f"http://127.0.0.1:{static_port}{path}", options.seconds,
                         options.connections)
            dynamic = wrk(f"http://127.0.0.1:{app_port}{path}", options.seconds,
                          options.connections)
            rows.append((label, static, dynamic))
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"{options.connections} connections, {options.seconds} s each, gunicorn "
          f"{options.workers} sync workers, nginx 2 workers, on {os.cpu_count()} cores")
    print(f"{'page':<12}{'nginx req/s':>12}{'p99 ms':>8}{'app req/s':>11}{'p99 ms':>8}"
          f"{'ratio':>7}{'errors':>8}")
    for label, (s_rps, s_p99, s_bad), (d_rps, d_p99, d_bad) in rows:
        print(f"{label:<12}{s_rps:>12.0f}{s_p99:>8.1f}{d_rps:>11.0f}{d_p99:>8.1f}"
              f"{s_rps / d_rps:>7.1f}{s_bad + d_bad:>8}")
    print(f"static export: {pages} pages in {export_seconds:.1f} s (target < 10 s)")
    count = max(len(booklets), 1)
    print(f"print-editions: {len(booklets)} public booklets + crisis editions in "
          f"{editions_seconds:.1f} s; {editions_seconds / count:.2f} s per file on average "
          f"(target < 3 s per booklet)")


if __name__ == "__main__":
    main()
