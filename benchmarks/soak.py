"""Soak run: mixed public and staff traffic at a fixed rate against gunicorn with PostgreSQL,
for minutes, to show that nothing fails and memory does not creep.

Target (issue 7): 10 minutes at 200 requests/s, 0 errors, memory growth under 10 %.

    createdb -h 127.0.0.1 -U postgres h_soak        # once
    .venv/bin/python benchmarks/soak.py [--seconds 600] [--rate 200] [--workers 4]
        [--database-url postgres://postgres@127.0.0.1:5432/h_soak] [--no-reset]

Only the project's own dependencies are used (requests for the login; the load generator is
a pool of threads sending with the standard library's http.client, which costs the shared
two cores far less than requests, with open-loop pacing: request i is due at t0 + i/rate
whatever the earlier ones did, and its latency counts from that due time, so a stalled server
cannot hide behind a slowed-down client, as with wrk2). The database is emptied and the demo loaded first
(--no-reset keeps it). Everything binds to 127.0.0.1 and stops by itself.

Errors: any status other than 2xx/3xx, or a connection error or time-out (10 s). Memory:
the resident set (RSS) of the gunicorn master and all its workers, after the warm-up and at
the end. The baseline is the run's own first 10 % (latency) and the warm-up (memory),
printed beside the last 10 % and the end, with the ratio.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, TimeoutError
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import free_port, wait_for  # noqa: E402

VENV_BIN = Path(sys.executable).parent
DEMO_USER, DEMO_PASSWORD = "programma", "weerbaar-demo-2026"  # the demo's own account
TIMEOUT = 10

KERNEN = ["heesch", "heeswijk-dinther", "nistelrode", "vorstenbosch", "loosbroek", "vinkel"]
PUBLIC = [f"/bernheze/kernen/{k}/" for k in KERNEN] + [
    "/bernheze/", "/en/bernheze/", "/bernheze/hulp/", "/bernheze/wat-te-doen/",
    "/bernheze/noodpakket/", "/bernheze/noodplan/", "/en/bernheze/kernen/heesch/"]
FIND = [f"/bernheze/noodsteunpunt/?postcode={pc}&huisnummer={n}"
        for pc, n in itertools.product(["5383", "5384 AB", "5473", "5388", "5476", "5471",
                                        "9999", "abc"], ["", "12", "3a"])]
STAFF = ["/werkruimte/", "/beheer/", "/beheer/places/community/", "/beheer/network/keyfigure/",
         "/beheer/vital/vitalasset/", "/beheer/vital/vulnerablelocation/",
         "/beheer/supportpoints/supportpoint/", "/werkruimte/edities/"]
REPORTS = ["/werkruimte/edities/rapportage/", "/werkruimte/edities/rapportage/voortgangsrapportage/"]
# (share of requests, paths, needs the staff session). A crisis day: residents make nearly all
# the traffic; 5 % staff is 10 staff requests a second at 200 req/s, e.g. 50 people clicking
# every 5 seconds, more than a municipality's programme office and crisis team together.
MIX = [(0.85, PUBLIC, False, "public"), (0.10, FIND, False, "find"), (0.04, STAFF, True, "staff"),
       (0.01, REPORTS, True, "reports")]


@dataclass
class Sample:
    due: float  # seconds since start
    latency: float  # seconds from due time to the end of the response
    status: int  # 0: connection error or time-out
    staff: bool
    kind: str = ""


def weerbaar(env: dict, *args: str) -> None:
    subprocess.run([str(VENV_BIN / "weerbaar"), *args], env=env, check=True,
                   stdout=subprocess.DEVNULL)


def rss_kib(master_pid: int) -> int:
    """Resident memory of the gunicorn master plus its worker processes, in KiB."""
    pids = [master_pid]
    try:
        children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
        pids += [int(pid) for pid in children]
    except OSError:
        pass
    total = 0
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
        total += int(match.group(1)) if match else 0
    return total


def login(base: str) -> dict[str, str]:
    """Log in through the real login form (CSRF token and all); return the cookies."""
    session = requests.Session()
    page = session.get(f"{base}/login/", timeout=120)  # a fresh worker imports everything first
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = session.post(f"{base}/login/", timeout=120, allow_redirects=False,
                            data={"username": DEMO_USER, "password": DEMO_PASSWORD,
                                  "csrfmiddlewaretoken": token},
                            headers={"Referer": f"{base}/login/"})
    if response.status_code != 302 or "sessionid" not in session.cookies:
        raise RuntimeError(f"login failed ({response.status_code}); is the demo loaded?")
    return session.cookies.get_dict()


class Load:
    """Open-loop load at a fixed rate from a pool of threads."""

    def __init__(self, base: str, cookies: dict[str, str], threads: int, seed: int = 7):
        self.port = int(base.rsplit(":", 1)[1])
        self.cookie = "; ".join(f"{name}={value}" for name, value in cookies.items())
        self.pool = ThreadPoolExecutor(max_workers=threads)
        self.random = random.Random(seed)
        self.samples: list[Sample] = []
        self.lock = threading.Lock()
        self.late = 0  # requests the generator itself could not start on time (> 50 ms)
        self.dropped = 0  # never sent or not answered before the end (counted as errors)

    def pick(self) -> tuple[str, bool, str]:
        roll, upto = self.random.random(), 0.0
        for share, paths, staff, kind in MIX:
            upto += share
            if roll < upto:
                return self.random.choice(paths), staff, kind
        return MIX[0][1][0], False, MIX[0][3]

    def one(self, t0: float, due: float, path: str, staff: bool, kind: str) -> None:
        # gunicorn's sync workers close every connection, so each request opens its own.
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        try:
            connection.request("GET", quote(path, safe="/?=&"),
                               headers={"Cookie": self.cookie} if staff else {})
            response = connection.getresponse()
            response.read()  # the whole body
            status = response.status
        except (OSError, http.client.HTTPException):
            status = 0
        finally:
            connection.close()
        sample = Sample(due, time.perf_counter() - t0 - due, status, staff, kind)
        with self.lock:
            self.samples.append(sample)

    def run(self, seconds: float, rate: float) -> float:
        """Send for `seconds`; return the wall time until the last response."""
        t0 = time.perf_counter()
        futures = []
        for i in itertools.count():
            due = i / rate
            if due >= seconds:
                break
            wait = t0 + due - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
            elif wait < -0.05:
                self.late += 1
            path, staff, kind = self.pick()
            futures.append(self.pool.submit(self.one, t0, due, path, staff, kind))
        # An overloaded server must not stretch the run without end: what has not finished
        # within the time-out after the last send counts as failed, queued requests are dropped.
        deadline = time.perf_counter() + TIMEOUT + 5
        for future in futures:
            if future.cancel():
                self.dropped += 1
                continue
            try:
                future.result(timeout=max(0.0, deadline - time.perf_counter()))
            except TimeoutError:
                self.dropped += 1
        wall = time.perf_counter() - t0
        self.pool.shutdown(wait=False, cancel_futures=True)
        return wall


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--rate", type=float, default=200, help="requests per second")
    parser.add_argument("--warmup", type=float, default=15, help="seconds, not measured")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--threads", type=int, default=64, help="load generator threads")
    parser.add_argument("--database-url", default=os.getenv(
        "SOAK_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/h_soak"))
    parser.add_argument("--no-reset", action="store_true", help="keep the database as it is")
    options = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop gunicorn on the way out

    tmp = Path(tempfile.mkdtemp(prefix="weerbaar-soak-"))
    env = {**os.environ, "WEERBAAR_VAR_DIR": str(tmp / "var"), "DEBUG": "false",
           "ALLOWED_HOSTS": "127.0.0.1,localhost", "DATABASE_URL": options.database_url,
           "LOG_LEVEL": "ERROR",
           # production settings from docs/operations.md: connections kept between requests
           "DATABASE_CONN_MAX_AGE": "60"}
    (tmp / "var").mkdir()
    gunicorn = None
    try:
        weerbaar(env, "migrate", "-v0")
        if not options.no_reset:
            weerbaar(env, "flush", "--no-input")
            weerbaar(env, "load-demo", "--no-account-list")
        port = free_port()
        gunicorn = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "weerbaar.wsgi:application", "-w", str(options.workers),
             "-b", f"127.0.0.1:{port}", "--log-level", "warning", "--timeout", "60"],
            env=env, cwd=ROOT, stderr=subprocess.PIPE, text=True)
        wait_for(port, timeout=60)
        base = f"http://127.0.0.1:{port}"
        cookies = login(base)
        Load(base, cookies, options.threads, seed=1).run(options.warmup, options.rate)
        rss_start = rss_kib(gunicorn.pid)
        load = Load(base, cookies, options.threads)
        cpu0 = time.process_time()
        wall = load.run(options.seconds, options.rate)
        client_cpu = time.process_time() - cpu0
        rss_end = rss_kib(gunicorn.pid)
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            try:
                gunicorn.wait(timeout=30)
            except subprocess.TimeoutExpired:
                gunicorn.kill()
        shutil.rmtree(tmp, ignore_errors=True)

    samples = load.samples
    errors = [s for s in samples if not 200 <= s.status < 400] + [Sample(0, 0, -1, False)] * load.dropped
    tenth = options.seconds / 10
    first = [s.latency * 1000 for s in samples if s.due < tenth]
    last = [s.latency * 1000 for s in samples if s.due >= options.seconds - tenth]
    every = [s.latency * 1000 for s in samples]
    growth = (rss_end - rss_start) / rss_start * 100
    print(f"soak: {options.seconds:.0f} s at {options.rate:.0f} req/s wanted, gunicorn "
          f"{options.workers} sync workers, PostgreSQL, {os.cpu_count()} cores; "
          f"load average {os.getloadavg()[0]:.2f}")
    print(f"requests {len(samples)}, achieved {len(samples) / wall:.1f} req/s, errors "
          f"{len(errors)}, late starts {load.late}, staff share "
          f"{sum(s.staff for s in samples) / max(len(samples), 1):.0%}")
    print(f"load generator: {client_cpu:.0f} s CPU, {client_cpu / wall:.2f} of a core on the "
          f"same machine")
    if errors:
        by_status = {}
        for s in errors:
            by_status[s.status] = by_status.get(s.status, 0) + 1
        print(f"errors by status (0 = connection or time-out, -1 = not answered by the end of "
              f"the run): {by_status}")
    print(f"{'latency ms':<14}{'first 10 %':>12}{'last 10 %':>12}{'ratio':>8}{'whole run':>12}")
    for p in (50, 95, 99):
        a, b = percentile(first, p), percentile(last, p)
        print(f"{'p' + str(p):<14}{a:>12.1f}{b:>12.1f}{b / a:>8.2f}{percentile(every, p):>12.1f}")
    print("p50 ms by kind: " + ", ".join(
        f"{kind} {percentile([s.latency * 1000 for s in samples if s.kind == kind], 50):.0f}"
        for *_rest, kind in MIX))
    print(f"{'RSS MiB':<14}{'after warm-up':>14}{'end':>10}{'growth':>10}")
    print(f"{'master+workers':<14}{rss_start / 1024:>14.1f}{rss_end / 1024:>10.1f}{growth:>9.1f}%")
    ok = not errors and growth < 10
    print("targets (0 errors, memory growth < 10 %):", "met" if ok else "NOT met")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
