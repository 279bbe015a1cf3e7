"""Debian's apache2 for the release tests: a private server whose document root is a folder, with the
modules the shipped .htaccess needs, started and stopped by the test. Run as root, apache2 serves as
www-data, so the document root must be readable by others (`readable_root`)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from support.listening import wait_until_listening

BINARY = Path("/usr/sbin/apache2")
MODULES = Path("/usr/lib/apache2/modules")
NEEDED = ("mpm_event", "authz_core", "authz_host", "mime", "headers", "rewrite", "dir", "setenvif", "filter", "deflate")


def apache_config(tmp: Path, root: Path, port: int) -> str:
    loads = "\n".join(f"LoadModule {name}_module {MODULES}/mod_{name}.so" for name in NEEDED)
    user = "User www-data\nGroup www-data" if os.geteuid() == 0 else ""
    return f"""
ServerRoot {tmp}
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile {tmp}/apache.pid
ErrorLog {tmp}/error.log
LogLevel warn
{user}
{loads}
TypesConfig /etc/mime.types
DocumentRoot {root}
<Directory />
  AllowOverride None
  Require all denied
</Directory>
<Directory {root}>
  AllowOverride All
  Require all granted
</Directory>
"""


@contextmanager
def readable_root() -> Iterator[Path]:
    """A fresh folder www-data can read (pytest's own temporary folders are private to root)."""
    root = Path(tempfile.mkdtemp(prefix="apache-root-", dir=os.environ.get("TMPDIR")))
    root.chmod(0o755)
    try:
        yield root
    finally:
        shutil.rmtree(root)


@contextmanager
def running_apache(tmp: Path, root: Path, port: int) -> Iterator[str]:
    """Start apache2 serving `root` on `port`, yield its base URL once it listens, and stop it afterwards."""
    if not BINARY.exists():
        pytest.fail("未找到 apache2。请运行 make system-deps。", pytrace=False)
    conf = tmp / "apache.conf"
    conf.write_text(apache_config(tmp, root, port), "utf-8")
    env = {**os.environ, "APACHE_RUN_DIR": str(tmp), "APACHE_LOCK_DIR": str(tmp), "APACHE_LOG_DIR": str(tmp)}
    process = subprocess.Popen([str(BINARY), "-f", str(conf), "-DFOREGROUND"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    wait_until_listening(process, port, "apache2", tmp / "error.log")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)
