"""Time `validate` and `build` on synthetic catalogs of 1,000 and 10,000 valid records.

Each synthetic record is a copy of one of the five seed records under a new id, so records have
real size and shape (about 90 lines, 40 facts, 13 scores). Prints seconds per phase and the cost
per record; the targets (10,000 records in under 30 s; per-record cost at 10k within 1.2x of 1k)
are checked here, not in the test suite.

    .venv/bin/python benchmarks/validate_build.py [--sizes 1000 10000]
"""

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from slm_atlas.catalog.validate import validate
from slm_atlas.db.build import build

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ["smollm-135m", "qwen2-0.5b", "pythia-160m", "gemma-2b", "openelm-270m"]


def make_catalog(root: Path, count: int) -> Path:
    shutil.copytree(ROOT / "survey", root / "survey")
    catalog = root / "catalog"
    shutil.copytree(ROOT / "catalog", catalog, ignore=shutil.ignore_patterns("models", "hub"))
    (catalog / "models").mkdir()
    texts = [(seed, (ROOT / "catalog" / "models" / f"{seed}.yaml").read_text()) for seed in SEEDS]
    for i in range(count):
        seed, text = texts[i % len(texts)]
        new_id = f"{seed}-copy-{i:05d}"
        (catalog / "models" / f"{new_id}.yaml").write_text(text.replace(f"id: {seed}\n", f"id: {new_id}\n", 1))
    return catalog


def run(count: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        catalog = make_catalog(Path(tmp), count)
        started = time.perf_counter()
        result = validate(catalog)
        validated = time.perf_counter()
        assert not result.diagnostics, result.diagnostics[:3]
        report = build(catalog, Path(tmp) / "atlas.duckdb", Path(tmp) / "export")
        built = time.perf_counter()
        assert report.rows["models"] == count
    return {"validate": validated - started, "build": built - validated, "total": built - started}


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    sizes = args.parse_args().sizes
    per_record = {}
    print(f"{'records':>8}  {'validate s':>10}  {'build s':>8}  {'total s':>8}  {'ms/record':>9}")
    for count in sizes:
        t = run(count)
        per_record[count] = t["total"] / count * 1000
        print(f"{count:>8}  {t['validate']:>10.2f}  {t['build']:>8.2f}  {t['total']:>8.2f}  {per_record[count]:>9.3f}")
        if count == 10000:
            print(f"target: 10,000 records in under 30 s -> {'met' if t['total'] < 30 else 'MISSED'} ({t['total']:.1f} s)")
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        ratio = per_record[large] / per_record[small]
        print(f"per-record cost at {large} vs {small}: {ratio:.2f}x (target <= 1.2x) -> {'met' if ratio <= 1.2 else 'MISSED'}")


if __name__ == "__main__":
    main()
