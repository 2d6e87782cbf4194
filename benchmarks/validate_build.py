"""Time `validate` and `build` on synthetic catalogs of 1,000 and 10,000 valid records.

`build` validates the catalog itself before writing, so the `build` column is the whole
validate-and-build job; the README's main command runs `validate` first as well, which the
`both` column adds up.

The catalog holds the real records plus copies of them under new ids up to the requested count,
so records have real size and shape (on average about 120 lines, 25 facts, 19 scores). Prints seconds per phase and
the cost
per record; the targets (10,000 records validated and built in under 30 s; per-record cost at
10k within 1.2x of 1k) are checked here, not in the test suite.

    .venv/bin/python benchmarks/validate_build.py [--sizes 1000 10000]
"""

import argparse
import re
import shutil
import tempfile
import time
from pathlib import Path

from slm_atlas.catalog.validate import validate
from slm_atlas.db.build import build

ROOT = Path(__file__).resolve().parents[1]


def make_catalog(root: Path, count: int) -> Path:
    shutil.copytree(ROOT / "survey", root / "survey")
    catalog = root / "catalog"
    shutil.copytree(ROOT / "catalog", catalog, ignore=shutil.ignore_patterns("hub"))
    texts = [(p.stem, p.read_text()) for p in sorted((catalog / "models").glob("*.yaml"))]
    seeds = [(stem, text) for stem, text in texts if "fine_tuning_tokens:" not in text]
    for i in range(count - len(texts)):
        seed, text = seeds[i % len(seeds)]
        new_id = f"{seed}-copy-{i:05d}"
        copy = text.replace(f"id: {seed}\n", f"id: {new_id}\n", 1)
        # the catalog refuses two records of one repository, or with identical architecture and
        # training: each copy gets a repository and a fine-tuning token count of its own
        copy = re.sub(r"^hub_repo: .*$", f"hub_repo: synthetic/{new_id}", copy, count=1, flags=re.M)
        copy = copy.replace(
            "\ntraining:\n",
            f"\ntraining:\n  fine_tuning_tokens: {{value: {i + 1}, source: derived, note: a copy}}\n",
            1,
        )
        (catalog / "models" / f"{new_id}.yaml").write_text(copy)
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
    return {"validate": validated - started, "build": built - validated, "both": built - started}


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    sizes = args.parse_args().sizes
    per_record = {}
    print(f"{'records':>8}  {'validate s':>10}  {'build s':>8}  {'both s':>7}  {'build ms/record':>15}")
    for count in sizes:
        t = run(count)
        per_record[count] = t["build"] / count * 1000
        print(f"{count:>8}  {t['validate']:>10.2f}  {t['build']:>8.2f}  {t['both']:>7.2f}  {per_record[count]:>15.3f}")
        if count == 10000:
            verdict = "met" if t["build"] < 30 else "MISSED"
            print(
                f"target: 10,000 records validated and built (`build`) in under 30 s -> {verdict} ({t['build']:.1f} s);"
                f" `validate` then `build`: {t['both']:.1f} s"
            )
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        ratio = per_record[large] / per_record[small]
        print(
            f"per-record cost at {large} vs {small}: {ratio:.2f}x (target <= 1.2x)"
            f" -> {'met' if ratio <= 1.2 else 'MISSED'}"
        )


if __name__ == "__main__":
    main()
