"""CPU cost and query count per URL of the soak mix, in-process, so before/after is one command.

Runs every URL of benchmarks/soak.py's MIX through django.test.Client against DATABASE_URL
(the demo loaded: ``weerbaar migrate && weerbaar load-demo``), with the same environment as
soak.py (DEBUG=false, ALLOWED_HOSTS, the demo secret key so 2FA is off). Staff URLs are
requested after a real login of the demo user through the login form (a POST to /login/, no
force_login).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME \\
        .venv/bin/python benchmarks/request_costs.py [-n 20] [--kind find] [--profile URL]

CPU is time.process_time() per request (the server's share only: no network, no load
generator), mean and median over N repetitions after a warm-up (the machine is shared: compare
before and after in one run, and trust the median when one request was unlucky). "calls" is
the number of Python function calls of one request (cProfile): it does not move with the
machine's load, so it shows a change in work even when the CPU times are noisy. Queries are
counted with CaptureQueriesContext. The summary weighs each kind by its share in the mix and gives the
cores needed at 200 req/s for the app code alone. The privacy log's lines (key figures'
contact details listed) go to stderr, as in production; add 2>/dev/null to hide them.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weerbaar.settings")
os.environ["DEBUG"] = "false"
os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost"
os.environ.setdefault("LOG_LEVEL", "ERROR")
os.environ.pop("DJANGO_SECRET_KEY", None)  # soak.py runs with the demo key: 2FA is off
os.environ.setdefault("WEERBAAR_VAR_DIR", tempfile.mkdtemp(prefix="weerbaar-costs-"))

warnings.filterwarnings("ignore", "No directory at", UserWarning)  # no collectstatic here

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from benchmarks.soak import DEMO_PASSWORD, DEMO_USER, MIX  # noqa: E402


def client_for(staff: bool) -> Client:
    client = Client(HTTP_HOST="127.0.0.1")
    if staff:
        # Through the login form, as soak.py does (the test client skips the CSRF check).
        response = client.post("/login/", {"username": DEMO_USER, "password": DEMO_PASSWORD})
        if response.status_code != 302 or "sessionid" not in client.cookies:
            raise SystemExit("login failed: is the demo loaded in DATABASE_URL?")
    return client


def python_calls(client: Client, path: str) -> int:
    """Python function calls of one request: a cost that does not depend on the machine's load."""
    profiler = cProfile.Profile()
    profiler.enable()
    client.get(path)
    profiler.disable()
    return pstats.Stats(profiler).total_calls


def measure(client: Client, path: str, repeat: int) -> tuple[float, float, int, int, int]:
    """(mean CPU ms, median CPU ms, Python calls, queries of the last request, status)."""
    response = client.get(path)  # warm-up: imports, templates, caches
    client.get(path)
    times = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            start = time.process_time()
            response = client.get(path)
            times.append(time.process_time() - start)
    count = len(queries)  # before the next request resets the connection's query log
    return (statistics.mean(times) * 1000, statistics.median(times) * 1000,
            python_calls(client, path), count, response.status_code)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", "--repeat", type=int, default=20)
    parser.add_argument("--kind", action="append", help="only these kinds (public, find, ...)")
    parser.add_argument("--profile", metavar="PATH", help="cProfile one URL instead")
    parser.add_argument("--staff", action="store_true", help="with --profile: log in first")
    options = parser.parse_args()

    if options.profile:
        client = client_for(options.staff)
        measure(client, options.profile, 2)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(options.repeat):
            client.get(options.profile)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
        return

    clients = {False: client_for(False), True: client_for(True)}
    weighted = 0.0
    summary = []
    print(f"{'kind':<8}{'cpu ms':>9}{'median':>9}{'calls':>9}{'queries':>9}{'status':>8}  url")
    for share, paths, staff, kind in MIX:
        if options.kind and kind not in options.kind:
            continue
        costs = []
        for path in paths:
            cpu, median, calls, queries, status = measure(clients[staff], path, options.repeat)
            costs.append(cpu)
            print(f"{kind:<8}{cpu:>9.1f}{median:>9.1f}{calls:>9}{queries:>9}{status:>8}  {path}")
        mean = sum(costs) / len(costs)
        weighted += share * mean
        summary.append(f"{kind} {mean:.1f}")
    print("mean cpu ms by kind: " + ", ".join(summary))
    if not options.kind:
        print(f"mix-weighted {weighted:.2f} ms/request; at 200 req/s {weighted * 200 / 1000:.2f} "
              "cores (in-process, without gunicorn and the network)")


if __name__ == "__main__":
    main()
