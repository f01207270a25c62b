"""Loopback helpers for tests and benchmarks that start real servers (gunicorn, nginx)."""

from __future__ import annotations

import socket
import time


def free_port() -> int:
    """A loopback port nothing listens on right now (bound and released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, timeout: float = 30) -> None:
    """Return once something accepts connections on the port; RuntimeError after ``timeout``."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port}")
