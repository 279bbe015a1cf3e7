"""nginx serving the built site under a sub-path, from a config written to a temporary directory."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from support.nginx import free_port, nginx_config


@pytest.fixture(scope="session")
def nginx(site, tmp_path_factory):
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        pytest.fail("未找到 nginx。请运行 make test（以 root 身份会通过 apt 安装 nginx）。", pytrace=False)
    tmp = tmp_path_factory.mktemp("nginx")
    port = free_port()
    csp = (site / "csp.txt").read_text("utf-8").strip()
    conf = tmp / "nginx.conf"
    conf.write_text(nginx_config(tmp, site, port, csp), "utf-8")
    process = subprocess.Popen([binary, "-c", str(conf), "-p", str(tmp), "-e", str(tmp / "error.log")],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"nginx 启动失败：{process.stdout.read().decode()}{(tmp / 'error.log').read_text()}", pytrace=False)
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)  # polling for the listening socket, not waiting on a fixed delay
    yield base
    process.terminate()
    process.wait(timeout=10)
