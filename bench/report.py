"""The Markdown report of `python -m bench` (bench/report.md)."""

from __future__ import annotations

import os
import platform
from datetime import date

from bench.pages import BYTES_BEFORE


def report(results: dict, runs: int, factor: int) -> str:
    lines = [
        f"# 性能报告 / Performance report ({date.today().isoformat()})",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, Chromium headless on 127.0.0.1 "
        f"(python http.server, no compression). Each figure is the median of {runs} runs.",
        "",
        "| Measure | Value |",
        "|---|---|",
    ]
    if "build" in results:
        b = results["build"]
        lines += [
            f"| Full build, real catalogue (27 products) | {b['real']:.2f} s |",
            f"| Full build, synthetic catalogue ({27 * factor} products) | {b['large']:.2f} s |",
            f"| Build ratio, {factor}× catalogue ÷ real | {b['ratio']:.1f} |",
        ]
    if "calculator" in results:
        c, r = results["calculator"], results["recalc"]
        lines += [
            f"| Calculator, navigation to first result, cold | {c['cold']:.2f} s |",
            f"| Calculator, navigation to first result, warm | {c['warm']:.2f} s |",
            f"| Bare Pyodide page (boot in a module worker, print 1+1), cold / warm | {c['bare_cold']:.2f} s / {c['bare_warm']:.2f} s |",
            f"| **Calculator ÷ bare Pyodide, cold / warm** | **{c['ratio_cold']:.2f} / {c['ratio_warm']:.2f}** |",
            f"| Recalculation after an edit, median / p95 (50 edits, incl. 120 ms debounce) | {r['median']:.0f} ms / {r['p95']:.0f} ms |",
            f"| of which the engine in the worker, median / p95 | {r['engine_median']:.1f} ms / {r['engine_p95']:.1f} ms |",
        ]
    if "bytes" in results:
        for name, (raw, gz) in results["bytes"].items():
            before = BYTES_BEFORE.get(name)
            was = f" (was {before[0]} KiB / {before[1]} KiB)" if before else ""
            lines.append(f"| Bytes transferred, {name} (raw / gzip -6) | {raw / 1024:,.0f} KiB / {gz / 1024:,.0f} KiB{was} |")
    if "boot" in results:
        b = results["boot"]
        lines += [
            f"| nginx + gzip: calculator, first visit (new on-disk profile) / returning visitor (same profile) | {b['calc_first']:.2f} s / {b['calc_again']:.2f} s |",
            f"| nginx + gzip: bare Pyodide, first visit / returning visitor | {b['bare_first']:.2f} s / {b['bare_again']:.2f} s |",
            f"| **nginx + gzip: calculator ÷ bare Pyodide, first visit / returning visitor** | **{b['ratio_first']:.2f} / {b['ratio_again']:.2f}** |",
            f"| Bytes on the wire, calculator page, first visit: nginx gzip / no compression | {b['bytes_gzip'] / 1024:,.0f} KiB / {b['bytes_plain'] / 1024:,.0f} KiB |",
            f"| Bytes on the wire, calculator page, repeat visit: nginx gzip / no compression | {b['bytes_gzip_again'] / 1024:,.0f} KiB / {b['bytes_plain_again'] / 1024:,.0f} KiB |",
            f"| Bytes on the wire, calculator page, first visit: the build's .gz copies (gzip_static, no on-the-fly gzip) | {b['bytes_static'] / 1024:,.0f} KiB |",
            f"| How the calculator booted, over all its visits | {b['boots']} |",
        ]
        for link, label in (("local", "local link"), ("5mbit", "5 Mbit/s, 40 ms per request"),
                            ("slow4g", "slow 4G, 1.6 Mbit/s, 150 ms per request")):
            for visit, who in (("first", "first visit"), ("again", "returning visitor")):
                key = f"{visit}_{link}"
                lines.append(f"| {label}, nginx gzip on the fly, {who}: calculator / bare (ratio); bytes on the wire "
                             f"| {b['calc_' + key]:.2f} s / {b['bare_' + key]:.2f} s (**{b['ratio_' + key]:.2f}**); "
                             f"{b['calc_' + key + '_bytes'] / 1024:,.0f} KiB / {b['bare_' + key + '_bytes'] / 1024:,.0f} KiB |")
            lines.append(f"| {label}, first visit: the chosen city's 可申领一览 on screen (build's table, before the engine) "
                         f"| {b['figure_' + link]:.2f} s |")
        for key, steps in sorted(b.get("steps", {}).items()):
            order = " → ".join(f"{name} {ms / 1000:.2f}" for name, ms in sorted(steps.items(), key=lambda item: item[1]))
            lines.append(f"| Where the calculator's time goes, {key.replace('_', ', ')} (s from navigation, medians) | {order} |")
    if "decode" in results:
        for name, d in sorted(results["decode"].items()):
            lines.append(f"| Decoding {name} ({d['packed'] / 1e6:.2f} MB → {d['size'] / 1e6:.2f} MB) in Chromium, "
                         f"no CPU slowdown / 4× | {d['ms'][1]:.0f} ms / {d['ms'][4]:.0f} ms |")
    if "search" in results:
        s = results["search"]
        raw, gz = s["lazy"]
        lines += [
            f"| Search, input to results painted, median / p95 / slowest over the {s['queries']} queries of the table "
            f"| {s['median']:.1f} ms / {s['p95']:.1f} ms / {s['max']:.1f} ms |",
            f"| of which segmenting, ranking and rendering the results, median / slowest | {s['handler_median']:.1f} ms / {s['handler_max']:.1f} ms |",
            f"| Search, first use (loads engine and index), focus to first results | {s['first']:.0f} ms |",
            f"| Search, loaded on first use only ({', '.join(s['lazy_files'])}; raw / gzip -6) "
            f"| {raw / 1024:,.0f} KiB / {gz / 1024:,.0f} KiB |",
        ]
    return "\n".join(lines) + "\n"
