"""The release package as an official handles it (tests/release): unpacked into a fresh folder, configured
with the shipped site-config.ini and configure.py by the system's Python (not the build's 3.12, with no
packages and no network), and uploaded under a sub-path. Shared by the release tests through `support`, not
through `conftest` (another folder's conftest would shadow it in a whole-suite run)."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

SUBPATH = "/zt/syqpt/"
SYSTEM_PYTHON = "/usr/bin/python3"
PORTAL = "https://portal.example.gov.cn"
# A made-up official host: every value is the test's own, none a real filing.
OFFICIAL = {
    "official": "true",
    "organizer": "某某市工业和信息化局",
    "site_code": "4400000099",
    "icp": "粤ICP备00000000号",
    "public_security": "粤公网安备 44000000000000号",
    "public_security_link": "https://beian.example.gov.cn/query?code=44000000000000",
    "contact": "020-00000000",
    "gov_mark_image": "gov-mark.png",
    "gov_mark_link": "https://bszs.example.gov.cn/mark?id=4400000099",
    "error_report_link": "https://zfwzzc.example.gov.cn/check?site=4400000099",
}
# A 1×1 PNG, standing in for the 党政机关网站标识 image the host is given.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def unpack(release: Path, dest: Path) -> Path:
    """The release unzipped into `dest`: its one folder."""
    archive = next(release.glob("*.zip"))
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(dest)
    (folder,) = dest.iterdir()
    return folder


def set_ini(folder: Path, site: dict[str, str], host: dict[str, str]) -> None:
    """Fill in site-config.ini as an official would in Notepad: the value after `key =`."""
    lines = []
    for line in (folder / "site-config.ini").read_text("utf-8").splitlines():
        key = line.split("=", 1)[0].strip()
        values = {**site, **host}
        lines.append(f"{key} = {values[key]}" if "=" in line and not line.startswith(";") and key in values else line)
    (folder / "site-config.ini").write_text("\n".join(lines) + "\n", "utf-8")


def configure(folder: Path) -> subprocess.CompletedProcess:
    """`python3 configure.py` in the folder, with the server's Python and nothing else on its path."""
    version = subprocess.run([SYSTEM_PYTHON, "-c", "import sys; print(sys.version_info[:2] < (3, 12))"],
                             capture_output=True, text=True).stdout.strip()
    assert version == "True", "the release must be configured by a Python older than the build's"
    return subprocess.run([SYSTEM_PYTHON, "-I", "configure.py"], cwd=folder, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})


def published(folder: Path, root: Path) -> Path:
    """Upload site/ to SUBPATH under a web root, as an official would (hidden files too)."""
    target = root / SUBPATH.strip("/")
    shutil.copytree(folder / "site", target)
    return target


def configured_official(release: Path, dest: Path, port: int) -> Path:
    """The release unpacked into `dest` and configured for an official host at http://127.0.0.1:PORT/zt/syqpt/
    that lets PORTAL frame it."""
    folder = unpack(release, dest)
    (folder / "gov-mark.png").write_bytes(PNG)
    set_ini(folder, {"address": f"http://127.0.0.1:{port}{SUBPATH}", "frame_origins": PORTAL}, OFFICIAL)
    done = configure(folder)
    assert done.returncode == 0, done.stderr
    return folder
