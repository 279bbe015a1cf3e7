"""The issue-14 boot run through Debian's nginx: first visit in a new on-disk profile and the returning
visitor, calculator against the bare page, throttled cold runs, and the bytes nginx sends."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

from support.browser import CHROMIUM_ARGS, chromium_path

from bench.common import CASE_HASH, FIGURE_HASH, bare_result, first_figure, first_result, median

NGINX = """
worker_processes 1; daemon off; pid {tmp}/nginx.pid; error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
  include /etc/nginx/mime.types; default_type application/octet-stream;
  log_format sent '$bytes_sent'; access_log {tmp}/sent.log sent;
  client_body_temp_path {tmp}/cb; proxy_temp_path {tmp}/px; fastcgi_temp_path {tmp}/fc; uwsgi_temp_path {tmp}/uw; scgi_temp_path {tmp}/sc;
  server {{
    listen 127.0.0.1:{port};
    location /gzip/ {{ alias {site}/; gzip on; gzip_comp_level 6;
      gzip_types text/css text/javascript application/javascript application/json application/wasm application/zip; }}
    location /plain/ {{ alias {site}/; gzip off; }}
    location /static/ {{ alias {site}/; gzip off; gzip_static on; }}
  }}
}}
"""


def nginx(site: Path, work: Path):
    """Debian's nginx serving the site three times: /gzip/ (gzip -6 on text, wasm and zip), /plain/
    (nothing) and /static/ (the build's own .gz copies, gzip_static, nothing compressed on the fly)."""
    from support.nginx import free_port

    port = free_port()
    conf = work / "nginx.conf"
    conf.write_text(NGINX.format(tmp=work, port=port, site=site), "utf-8")
    user = ["-g", "user root;"] if os.geteuid() == 0 else []
    SENT_LOG[:] = [work / "sent.log"]
    process = subprocess.Popen(["/usr/sbin/nginx", "-c", str(conf), "-p", str(work), *user])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    return process, f"http://127.0.0.1:{port}"


def throttle(page, link: tuple[float, float] | None) -> None:
    """Chromium's network emulation for the page and its workers: (Mbit/s, ms per request), or None (local)."""
    if link is None:
        return
    mbit, rtt_ms = link
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": rtt_ms,
             "downloadThroughput": mbit * 1e6 / 8, "uploadThroughput": mbit * 1e6 / 8})


# The links of the issue-24 run: the local link, 5 Mbit/s (40 ms per request) and slow 4G (1.6 Mbit/s,
# 150 ms per request), each with nginx compressing on the fly with gzip, as most hosts over plain http do.
LINKS: dict[str, tuple[float, float] | None] = {"local": None, "5mbit": (5, 40), "slow4g": (1.6, 150)}


SENT_LOG: list[Path] = []


def _sent() -> int:
    """Bytes nginx has sent so far (headers and body, as on the wire), from its access log."""
    log = SENT_LOG[0]
    return sum(int(line) for line in log.read_text().split()) if log.exists() else 0


BOOTS_SEEN: list[str] = []
# The worker's boot marks (ms from navigation) of each calculator visit, by (visit, link).
MARKS_SEEN: dict[tuple[str, str], list[dict[str, float]]] = {}


def visit(context, url: str, measure, link: tuple[float, float] | None = None, marks: tuple[str, str] | None = None) -> tuple[float, int]:
    """Time to first result, and bytes the server sent during the visit (the page and its workers)."""
    page = context.new_page()
    throttle(page, link)
    before = _sent()
    seconds = measure(page, url)
    if "calculator" in url:
        seen = page.evaluate("window.gdSeen")
        BOOTS_SEEN.append(str(seen["boot"]))
        if marks and seen["marks"]:
            MARKS_SEEN.setdefault(marks, []).append({**seen["marks"], "first result": seen["done"]})
    page.wait_for_load_state("networkidle")
    sent = _sent() - before
    if "calculator" in url:  # a returning visitor comes back later: let the service worker settle first
        page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=60000)
        page.wait_for_timeout(1000)
    page.close()
    return seconds, sent


def figure_visit(p, url: str, link: tuple[float, float] | None, profile: Path) -> float:
    """Seconds to the first figure of the 可申领一览, a first visit in a new on-disk profile."""
    context = p.chromium.launch_persistent_context(str(profile), executable_path=chromium_path(), args=CHROMIUM_ARGS)
    page = context.new_page()
    throttle(page, link)
    seconds = first_figure(page, url)
    context.close()
    shutil.rmtree(profile, ignore_errors=True)
    return seconds


def step_medians(runs: list[dict[str, float]]) -> dict[str, float]:
    """The median time of each boot mark over the visits that have it, in ms from navigation."""
    names = {name for marks in runs for name in marks}
    return {name: median([m[name] for m in runs if name in m]) for name in names}


def bench_boot(p, base: str, runs: int, work: Path) -> dict:
    """The issue's interleaved run: on each link of LINKS, the calculator and the bare page, first visit in a
    new on-disk profile and the returning visitor in the same profile, through nginx with gzip on the fly,
    with the bytes nginx sent for each visit; then the bytes of a first and a repeat visit from nginx
    compressing nothing, from the build's own .gz copies, and with gzip."""
    calc, bare = base + "/gzip/calculator/#" + CASE_HASH, base + "/gzip/bench/bare.html"
    out: dict[str, list[float]] = {}
    for i in range(runs):
        for link_name, link in LINKS.items():
            for name, url, measure in (("calc", calc, first_result), ("bare", bare, bare_result)):
                profile = work / f"profile-{name}-{link_name}-{i}"
                context = p.chromium.launch_persistent_context(str(profile), executable_path=chromium_path(), args=CHROMIUM_ARGS)
                for visit_name in ("first", "again"):
                    seconds, sent = visit(context, url, measure, link, (visit_name, link_name))
                    out.setdefault(f"{name}_{visit_name}_{link_name}", []).append(seconds)
                    out.setdefault(f"{name}_{visit_name}_{link_name}_bytes", []).append(sent)
                context.close()
                shutil.rmtree(profile, ignore_errors=True)
            # The chosen city's figures before the engine: a plan naming only the city, a new profile.
            figure = figure_visit(p, base + "/gzip/calculator/#" + FIGURE_HASH, link, work / f"profile-figure-{link_name}-{i}")
            out.setdefault(f"figure_{link_name}", []).append(figure)
    result = {k: median(v) for k, v in out.items()}
    result["steps"] = {f"{visit_name}_{link_name}": step_medians(runs) for (visit_name, link_name), runs in MARKS_SEEN.items()}
    for link_name in LINKS:
        for visit_name in ("first", "again"):
            key = f"{visit_name}_{link_name}"
            result[f"ratio_{key}"] = result[f"calc_{key}"] / result[f"bare_{key}"]
    # The names of the issue-14 report: the local link.
    for key in ("calc_first", "calc_again", "bare_first", "bare_again", "ratio_first", "ratio_again"):
        result[key] = result[f"{key}_local"]
    for where in ("gzip", "plain", "static"):
        profile = work / f"profile-bytes-{where}"
        context = p.chromium.launch_persistent_context(str(profile), executable_path=chromium_path(), args=CHROMIUM_ARGS)
        url = base + f"/{where}/calculator/#" + CASE_HASH
        result[f"bytes_{where}"] = visit(context, url, first_result)[1]
        result[f"bytes_{where}_again"] = visit(context, url, first_result)[1]
        context.close()
        shutil.rmtree(profile, ignore_errors=True)
    result["boots"] = ", ".join(f"{name} ×{BOOTS_SEEN.count(name)}" for name in sorted(set(BOOTS_SEEN)))
    return result
