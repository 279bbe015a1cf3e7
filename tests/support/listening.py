"""Waiting for a server the tests started (nginx, apache2) to listen: on the condition, not a fixed delay."""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

import pytest

from support.waits import WAIT_S


def wait_until_listening(process: subprocess.Popen, port: int, name: str, error_log: Path) -> None:
    """Return once 127.0.0.1:`port` accepts a connection; fail with the server's own words if it exits."""
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = error_log.read_text() if error_log.exists() else ""
            pytest.fail(f"{name} 启动失败：{process.stdout.read().decode()}{log}", pytrace=False)
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)  # polling for the listening socket, not waiting on a fixed delay
    pytest.fail(f"{name} 在 {WAIT_S} 秒内未开始监听端口 {port}", pytrace=False)
