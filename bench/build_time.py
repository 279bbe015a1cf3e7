"""Build time: the real catalogue against a synthetic one `factor` times its size, interleaved."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from bench.common import ROOT, build, median


def synthetic_catalogue(dest: Path, factor: int) -> Path:
    """The real catalogue with every product repeated `factor` times under new ids and slugs."""
    shutil.copytree(ROOT / "catalog", dest)
    doc = yaml.safe_load((dest / "products.yaml").read_text("utf-8"))
    base = doc["products"]
    products = []
    for copy in range(factor):
        for product in base:
            products.append({**product, "id": copy * len(base) + product["id"],
                             "slug": product["slug"] if copy == 0 else f"{product['slug']}-{copy}",
                             "name": product["name"] if copy == 0 else f"{product['name']}（{copy}）"})
    doc["products"] = products
    (dest / "products.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")
    return dest


def bench_build(runs: int, factor: int, work: Path) -> dict[str, float]:
    big = synthetic_catalogue(work / "catalog-big", factor)
    real, large = [], []
    for i in range(runs):  # interleaved, so both see the same machine state
        real.append(build(work / f"real-{i}"))
        large.append(build(work / f"big-{i}", big))
        shutil.rmtree(work / f"real-{i}")
        shutil.rmtree(work / f"big-{i}")
    return {"real": median(real), "large": median(large), "ratio": median(large) / median(real)}
