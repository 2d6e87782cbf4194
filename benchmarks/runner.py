"""The measurement runner against its goals, with numbers (no pass/fail in the test suite).

1. Overhead: the runner's timing code (`timing.run` for torch, `llamacpp_worker.time_file` for
   llama.cpp) against a bare loop of the same calls, on the same loaded model in one process,
   interleaved. Goal: under 3%.
2. Floors: each backend's median decode time over its bandwidth floor, for our results of models
   of 0.5B parameters and up (from measure/results/; run `slm-atlas measure run` first), and how
   often the best backend is within 1.3x of the floor.
3. Memory: peak resident memory over the analytic weight bytes, per backend and format.
4. Repeatability: the coefficient of variation of decode and prefill within each result (its
   repetitions), and across fresh processes (the same variant run --repeat times). Goal: under 3%.
5. Gaps (`--profile ID ...` only): where a torch bf16 decode spends its time, by operator, for
   the models furthest from their floor.

    .venv/bin/python benchmarks/runner.py [--model qwen2-0.5b] [--repeat 5] [--skip-overhead]
    .venv/bin/python benchmarks/runner.py --profile falcon-h1-0.5b-base recurrentgemma-2b minicpm3-4b qwen2-0.5b
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _record(model_id: str):
    from slm_atlas.catalog.loader import load_catalog

    return {e.record.id: e.record for e in load_catalog(ROOT / "catalog").entries}[model_id]


def torch_overhead(model_id: str, prompt: int, gen: int, rounds: int) -> tuple[float, float]:
    """(runner ms/token, bare ms/token), medians over interleaved rounds, bf16."""
    import torch

    from slm_atlas.measure.build import build
    from slm_atlas.measure.families import plan
    from slm_atlas.measure.timing import run

    layout = plan(_record(model_id))
    model, _, _ = build(layout, "bf16")
    ids = torch.randint(0, layout.config.vocab_size, (1, prompt), generator=torch.Generator().manual_seed(0))

    def bare() -> float:
        with torch.inference_mode():
            out = model(input_ids=ids, use_cache=True)
            past, token = out.past_key_values, out.logits[:, -1:].argmax(-1)
            began = time.perf_counter()
            for _ in range(gen):
                out = model(input_ids=token, past_key_values=past, use_cache=True)
                past, token = out.past_key_values, out.logits[:, -1:].argmax(-1)
            return (time.perf_counter() - began) * 1000 / gen

    runner, plain = [], []
    for _ in range(rounds):
        runner.append(run(model, layout.config.vocab_size, prompt, gen, 1, 0, "cpu").decode_ms_per_token[0])
        plain.append(bare())
    return statistics.median(runner), statistics.median(plain)


def llamacpp_overhead(model_id: str, prompt: int, gen: int, rounds: int) -> tuple[float, float] | None:
    try:
        from llama_cpp import Llama
    except ImportError:
        return None
    from slm_atlas.measure.gguf_file import shape, write_f16
    from slm_atlas.measure.llamacpp_worker import time_file

    s = shape(_record(model_id))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f16.gguf"
        write_f16(s, path)
        spec = {"file": str(path), "prompt": prompt, "gen": gen, "reps": 1, "warmup": 0, "threads": 2, "vocab": s.vocab}
        llm = Llama(
            model_path=str(path),
            n_ctx=prompt + gen + 16,
            n_batch=max(prompt, 32),
            n_threads=2,
            n_threads_batch=2,
            use_mmap=False,
            verbose=False,
        )
        tokens = list(range(3, 3 + prompt))

        def bare() -> float:
            llm.reset()
            llm.eval(tokens)
            began = time.perf_counter()
            for _ in range(gen):
                llm.eval([tokens[-1]])
            return (time.perf_counter() - began) * 1000 / gen

        runner, plain = [], []
        for _ in range(rounds):
            runner.append(time_file(spec)["decode_ms_per_token"][0])  # loads its own copy, as a worker does
            plain.append(bare())
        return statistics.median(runner), statistics.median(plain)


def profile(model_id: str, top: int) -> None:
    """Where a torch bf16 decode spends its time: operators by self CPU time over 16 decoded
    tokens after an 8-token prompt (a short prompt, so that decoding dominates)."""
    import torch

    from slm_atlas.measure.build import build
    from slm_atlas.measure.families import plan
    from slm_atlas.measure.timing import run

    layout = plan(_record(model_id))
    model, _, _ = build(layout, "bf16")
    vocab = model.config.get_text_config().vocab_size
    run(model, vocab, 8, 4, 1, 0, "cpu")  # warm up outside the profile
    with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU]) as prof:
        run(model, vocab, 8, 16, 1, 0, "cpu")
    events = [e for e in prof.key_averages() if e.self_cpu_time_total > 0]
    total = sum(e.self_cpu_time_total for e in events)
    calls = sum(e.count for e in events)
    print(
        f"\n{model_id} ({layout.module}), per decoded token (its share of the prompt included): "
        f"{total / 16 / 1000:.1f} ms in {calls / 16:.0f} operator calls; top operators by self CPU time"
    )
    for e in sorted(events, key=lambda e: -e.self_cpu_time_total)[:top]:
        print(f"  {e.key:42} {e.self_cpu_time_total / total:6.1%} {e.count:7d} calls")
    del model


def results() -> list[dict]:
    out = []
    for path in (ROOT / "measure" / "results").rglob("*.json"):
        data = json.loads(path.read_text())
        if data.get("status") == "ok" and data.get("source") is None and data.get("decode_floor_ms"):
            out.append(data)
    return out


def cv(samples: list[float]) -> float | None:
    return statistics.stdev(samples) / statistics.mean(samples) if len(samples) > 1 else None


def floors_report(rows: list[dict]) -> None:
    large = [r for r in rows if (r.get("parameters_built") or 0) >= 500_000_000]
    by_backend: dict[tuple[str, str], list[float]] = {}
    best: dict[str, tuple[float, str]] = {}
    for r in large:
        ratio = statistics.median(r["decode_ms_per_token"]) / r["decode_floor_ms"]
        by_backend.setdefault((r["backend"], r["dtype"]), []).append(ratio)
        if r["model_id"] not in best or ratio < best[r["model_id"]][0]:
            best[r["model_id"]] = (ratio, f"{r['backend']} {r['dtype']}")
    print("\n2. decode over its bandwidth floor, models of 0.5B parameters and up (goal: best backend within 1.3x)")
    print(f"{'backend':10} {'format':8} {'results':>7} {'median':>7} {'min':>6} {'max':>6}")
    for (backend, dtype), ratios in sorted(by_backend.items()):
        print(
            f"{backend:10} {dtype:8} {len(ratios):7d} {statistics.median(ratios):7.2f} {min(ratios):6.2f} "
            f"{max(ratios):6.2f}"
        )
    if best:
        within = sum(1 for v, _ in best.values() if v <= 1.3)
        print(
            f"best format per model: median {statistics.median(v for v, _ in best.values()):.2f}x; "
            f"{within} of {len(best)} models within 1.3x"
        )
        for model_id, (ratio, how) in sorted(best.items(), key=lambda item: -item[1][0]):
            if ratio > 1.3:
                print(f"  beyond 1.3x: {model_id} {ratio:.2f}x at best ({how})")


def repeatability_report(rows: list[dict], model_id: str, repeat: int) -> None:
    print("\n4. repeatability (goal: CV under 3%)")
    for metric in ("decode_ms_per_token", "prefill_ms"):
        values = [c for r in rows if (c := cv(r[metric])) is not None]
        if values:
            under = sum(1 for v in values if v < 0.03)
            print(
                f"within a result, {metric}: median CV {statistics.median(values):.3f} over {len(values)} results;"
                f" {under} under 3%"
            )
    if repeat < 2:
        return
    medians = []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(repeat):
            spec = {
                "record": str(ROOT / "catalog" / "models" / f"{model_id}.yaml"),
                "format": "bf16",
                "device": "cpu",
                "prompt": 64,
                "gen": 16,
                "reps": 3,
                "warmup": 1,
                "threads": None,
            }
            done = subprocess.run(
                [sys.executable, "-m", "slm_atlas.measure.worker", json.dumps(spec)],
                capture_output=True,
                text=True,
                cwd=folder,
            )
            result = json.loads(done.stdout.strip().splitlines()[-1])
            medians.append(statistics.median(result["decode_ms_per_token"]))
    print(
        f"across {repeat} fresh processes, {model_id} torch bf16 decode medians (ms/token): "
        f"{', '.join(f'{m:.1f}' for m in medians)}; CV {cv(medians):.3f}"
    )


def memory_report(rows: list[dict]) -> None:
    """Peak resident memory against the analytic weight bytes, for results that measured the
    worker's own peak (environment.peak_memory; older results carried the sweep process's)."""
    own = [
        r for r in rows if "peak_memory" in r["environment"] and r.get("peak_memory_bytes") and r.get("weight_bytes")
    ]
    print(f"\n3. peak memory over the weights ({len(own)} results measured with the worker's own peak)")
    print(
        f"{'backend':10} {'format':8} {'results':>7} {'median extra MiB':>16} {'min':>6} {'max':>6}"
        f" {'median ratio':>12}"
    )
    groups: dict[tuple[str, str], list[dict]] = {}
    for r in own:
        groups.setdefault((r["backend"], r["dtype"]), []).append(r)
    for (backend, dtype), items in sorted(groups.items()):
        extra = [(r["peak_memory_bytes"] - r["weight_bytes"]) / 2**20 for r in items]
        ratio = [r["peak_memory_bytes"] / r["weight_bytes"] for r in items]
        print(
            f"{backend:10} {dtype:8} {len(items):7d} {statistics.median(extra):16.0f} {min(extra):6.0f} "
            f"{max(extra):6.0f}"
            f" {statistics.median(ratio):12.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="qwen2-0.5b")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--skip-overhead", action="store_true")
    parser.add_argument(
        "--profile",
        nargs="*",
        default=[],
        metavar="ID",
        help="profile these models' torch bf16 decode (explains gaps to the floor), then stop",
    )
    args = parser.parse_args()
    if args.profile:
        print("5. where the decode time goes (torch bf16, operators by self CPU time)")
        for model_id in args.profile:
            profile(model_id, 8)
        return
    if not args.skip_overhead:
        print(
            f"1. runner overhead on {args.model} (prompt 64, 16 tokens, {args.rounds} interleaved rounds; goal: under "
            f"3%)"
        )
        runner, bare = torch_overhead(args.model, 64, 16, args.rounds)
        print(f"torch bf16: runner {runner:.2f} ms/token, bare loop {bare:.2f}: overhead {runner / bare - 1:+.1%}")
        llama = llamacpp_overhead(args.model, 64, 16, args.rounds)
        if llama:
            print(
                f"llama.cpp f16: runner {llama[0]:.2f} ms/token, bare loop {llama[1]:.2f}:"
                f" overhead {llama[0] / llama[1] - 1:+.1%}"
            )
        else:
            print("llama.cpp: the llamacpp extra is not installed")
    rows = results()
    floors_report(rows)
    memory_report(rows)
    repeatability_report(rows, args.model, args.repeat)


if __name__ == "__main__":
    main()
