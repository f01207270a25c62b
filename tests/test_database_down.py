"""Database down: the application answers a friendly 503 (never a trace), and nginx keeps
serving the static export and the last printed editions from disk.

a) In-process: the connection's ensure_connection raises OperationalError, as psycopg and
   sqlite do when the server is gone, for public, staff and admin pages.
b) End to end: nginx (docs/deploy/nginx.conf.example, ports and paths filled in) in front of
   a gunicorn whose DATABASE_URL points at a closed port. Skipped when nginx is absent.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import OperationalError, connections
from django.test import Client

from tests.records import one_of_each
from tests.servers import free_port, wait_for

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
NGINX_EXAMPLE = ROOT / "docs" / "deploy" / "nginx.conf.example"


def assert_friendly_503(status: int, headers, body: str) -> None:
    assert status == 503, body[:300]
    assert headers["Retry-After"].isdigit()
    assert "tijdelijk niet beschikbaar" in body
    assert "temporarily unavailable" in body
    assert 'href="/offline/"' in body and 'href="/edities/"' in body
    for leak in ("Traceback", "OperationalError", "connection refused", "psycopg", "sqlite"):
        assert leak not in body


@pytest.fixture
def database_down(monkeypatch):
    """Every new query fails the way a lost database server fails."""

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused: server closed the connection unexpectedly")

    def down():
        wrapper = connections["default"]
        wrapper.close()
        monkeypatch.setattr(wrapper, "ensure_connection", refuse)

    return down


PUBLIC_PATHS = ["/testgemeente/", "/testgemeente/kernen/noorddorp/", "/en/testgemeente/"]
STAFF_PATHS = ["/werkruimte/", "/werkruimte/edities/", "/beheer/places/community/", "/login/"]


@pytest.mark.django_db(transaction=True)
def test_public_and_staff_pages_answer_503_when_the_database_is_gone(
        settings, municipality, communities, organisations, role_users, database_down):
    settings.DEBUG = False
    one_of_each(municipality, communities[0], organisations[0])
    staff = Client(raise_request_exception=False)
    staff.force_login(role_users["programme"])
    public = Client(raise_request_exception=False)
    assert public.get(PUBLIC_PATHS[0]).status_code == 200  # the database is up: the real page
    cache.clear()  # a public page still in the portal's cache would (rightly) be served as is
    database_down()
    for client, paths in ((public, PUBLIC_PATHS), (staff, STAFF_PATHS)):
        for path in paths:
            response = client.get(path)
            assert_friendly_503(response.status_code, response, response.content.decode())
    response = staff.post("/beheer/places/community/add/", {"name": "Nieuwdorp"})
    assert_friendly_503(response.status_code, response, response.content.decode())


@pytest.mark.django_db(transaction=True)
def test_readiness_says_whether_the_database_answers_and_liveness_does_not_ask(
        settings, database_down):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    ready = client.get("/health/ready/")
    assert (ready.status_code, ready.content) == (200, b"ok")
    database_down()
    ready = client.get("/health/ready/")
    assert (ready.status_code, ready.content) == (503, b"database unreachable")
    assert ready["Retry-After"].isdigit() and ready["Cache-Control"] == "no-store"
    alive = client.get("/health/")
    assert (alive.status_code, alive.content) == (200, b"ok")  # the process still answers


def test_error_raised_outside_the_view_is_also_a_503(rf, settings):
    """A database error in another middleware (the session saving after the view) reaches
    Django's 500 handling first; the middleware still answers 503."""
    from django.core.handlers.exception import convert_exception_to_response

    from weerbaar.core.dbdown import DatabaseDownMiddleware

    settings.DEBUG = False

    def failing_middleware(request):
        raise OperationalError("could not connect to server")

    handler = DatabaseDownMiddleware(convert_exception_to_response(failing_middleware))
    response = handler(rf.get("/werkruimte/"))
    assert_friendly_503(response.status_code, response, response.content.decode())

    def other_failure(request):
        raise RuntimeError("not the database")

    handler = DatabaseDownMiddleware(convert_exception_to_response(other_failure))
    response = handler(rf.get("/werkruimte/"))
    assert response.status_code == 500  # a real bug stays a 500, with the friendly 500 page
    assert "Traceback" not in response.content.decode()


# ------------------------------------------------------------------ nginx end to end


def closed_port() -> int:
    """A loopback port nothing listens on (bound and released, so it is free right now)."""
    return free_port()


def fetch(url: str, cookie: str | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def nginx_config(template: str, *, port: int, app_port: int, site: Path, editions: Path,
                 run_dir: Path) -> str:
    """The documented example, with this test's ports and folders filled in, run in the
    foreground as an unprivileged-path instance (own pid file, logs and temp folders)."""
    config = (template.replace("__LISTEN__", f"127.0.0.1:{port}")
              .replace("__APP__", f"127.0.0.1:{app_port}")
              .replace("__SITE__", str(site))
              .replace("__EDITIONS__", str(editions)))
    for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (run_dir / name).mkdir(exist_ok=True)
    head = (f"daemon off; pid {run_dir}/nginx.pid; error_log {run_dir}/error.log;\n"
            "events { worker_connections 256; }\n")
    if os.geteuid() == 0:  # workers would drop to 'nobody' and not read the test's folders
        head = "user root;\n" + head
    temp = "".join(f"  {name}_temp_path {run_dir}/{name};\n"
                   for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    http_start = config.index("\nhttp {") + len("\nhttp {")
    return head + config[:http_start] + "\n" + temp + f"  access_log {run_dir}/access.log;\n" \
        + config[http_start:]


@pytest.mark.skipif(shutil.which("nginx") is None,
                    reason="nginx is not installed (Debian: apt-get install nginx)")
def test_nginx_serves_the_export_and_editions_while_the_app_answers_503(tmp_path):
    site, editions, run_dir = tmp_path / "site", tmp_path / "edities", tmp_path / "run"
    (site / "bernheze").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>Statische export</title>Weerbaar")
    (site / "bernheze" / "index.html").write_text("<!doctype html><title>Bernheze</title>Heesch")
    (editions / "vertrouwelijk").mkdir(parents=True)
    (editions / "boekje-bernheze-heesch.pdf").write_bytes(b"%PDF-1.7\nboekje\n%%EOF\n")
    (editions / "vertrouwelijk" / "crisiseditie-bernheze.pdf").write_bytes(b"%PDF-1.7\ngeheim\n")
    run_dir.mkdir()
    port, app_port = free_port(), free_port()
    conf = run_dir / "nginx.conf"
    conf.write_text(nginx_config(NGINX_EXAMPLE.read_text(), port=port, app_port=app_port,
                                 site=site, editions=editions, run_dir=run_dir))
    env = {**os.environ, "DEBUG": "false", "ALLOWED_HOSTS": "127.0.0.1,localhost",
           "WEERBAAR_VAR_DIR": str(tmp_path / "var"), "DATABASE_CONN_MAX_AGE": "60",  # as in production
           "DATABASE_URL": f"postgres://weerbaar@127.0.0.1:{closed_port()}/weerbaar"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    processes = []
    try:
        processes.append(subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "weerbaar.wsgi:application", "-w", "1",
             "-b", f"127.0.0.1:{app_port}", "--log-level", "warning"],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
        processes.append(subprocess.Popen(["nginx", "-c", str(conf), "-p", str(run_dir)],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
        wait_for(app_port)
        wait_for(port)
        base = f"http://127.0.0.1:{port}"

        status, _headers, body = fetch(f"{base}/offline/bernheze/")
        assert (status, b"Heesch" in body) == (200, True)
        status, headers, body = fetch(f"{base}/edities/boekje-bernheze-heesch.pdf")
        assert status == 200 and body.startswith(b"%PDF")
        assert headers["Content-Type"] == "application/pdf"
        status, _headers, body = fetch(f"{base}/edities/vertrouwelijk/crisiseditie-bernheze.pdf")
        assert status == 404 and b"geheim" not in body  # restricted editions never public

        for path in ("/bernheze/", "/en/bernheze/kernen/heesch/",
                     "/bernheze/noodsteunpunt/?postcode=5384"):
            status, headers, body = fetch(f"{base}{path}")
            assert_friendly_503(status, headers, body.decode())
        # A logged-in staff member: the session itself lives in the database.
        for path in ("/werkruimte/", "/beheer/", "/werkruimte/edities/"):
            status, headers, body = fetch(f"{base}{path}", cookie="sessionid=abcdef0123456789")
            assert_friendly_503(status, headers, body.decode())
        status, _headers, body = fetch(f"{base}/health/")
        assert status == 200  # the health check needs no database: the app itself is alive
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
