"""Read the survey's runtime figures (7, 8a/8b, 9a/9b, 11a/11b) from their vector PDFs into values.csv.

The PDFs are the matplotlib originals in the authors' repository UbiquitousLearning/SLM_Survey
(figs/, commit 6fb9db9). Nothing is read from pixels: the content streams are decompressed with
pypdf and interpreted here (q/Q/cm, path construction and painting, text showing, form XObjects),
which gives every marker, polyline vertex and bar corner in page coordinates. Each axis is
calibrated from its own tick marks and the tick labels drawn right after them (a least-squares
linear fit; the residuals are printed and stay under 1e-5 pt, the precision the file writes), and
each series is named through its legend entry (same marker shape, colour and size, or same line
colour). The checks the values must pass (the figure's printed comparisons, figures drawn twice)
are asserted here and listed in the CSV's header.

Run from the repository root with a Python that has pypdf (a tool for this script only, not a
dependency of the atlas):

    python survey/runtime/extract_figures.py FIGS_DIR > survey/runtime/values.csv

where FIGS_DIR holds the PDFs, e.g. `git --git-dir=SLM_Survey.git show 6fb9db9:"figs/<name>.pdf"`.
"""

import csv
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ContentStream

REPOSITORY = "UbiquitousLearning/SLM_Survey@6fb9db9"
FILES = {
    "7": "Figure-7-[Latency and memory overview].pdf",
    "8a": "Figure-8a-[The relationship between the latency and quantization methods].pdf",
    "8b": "Figure-8b-[The relationship between the latency and quantization methods].pdf",
    "9a": "Figure-9a-[Latency under different hardware].pdf",
    "9b": "Figure-9b-[Latency under different hardware].pdf",
    "11a": "Figure-11a-[Memory Breakdown].pdf",
    "11b": "Figure-11b-[Memory Breakdown].pdf",
}


# --- a small PDF content-stream interpreter ------------------------------------------------------

def mul(m: tuple, n: tuple) -> tuple:
    """The matrix product m x n of two PDF matrices [a b c d e f]."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def apply(m: tuple, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


@dataclass
class Path_:
    op: str                       # the painting operator: S, f, B, ...
    points: list                  # every vertex (curve end points included) in page coordinates
    kinds: list                   # segment kinds: m, l, c, re, h
    fill: tuple | None
    stroke: tuple | None


@dataclass
class Text:
    text: str
    x: float
    y: float
    size: float
    vertical: bool


@dataclass
class Mark:
    name: str
    x: float
    y: float
    fill: tuple | None


@dataclass
class Page:
    events: list = field(default_factory=list)


def interpret(pdf: Path) -> Page:
    reader = PdfReader(pdf)
    page = reader.pages[0]
    xobjects = page["/Resources"].get("/XObject", {})
    out = Page()
    ctm, fill, stroke = (1, 0, 0, 1, 0, 0), None, None
    stack: list = []
    points: list = []
    kinds: list = []
    text_matrix, font_size = (1, 0, 0, 1, 0, 0), 0.0
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        op = operator.decode()
        nums = [float(v) for v in operands if isinstance(v, (int, float)) or type(v).__name__ in ("FloatObject", "NumberObject")]
        if op == "q":
            stack.append((ctm, fill, stroke))
        elif op == "Q":
            ctm, fill, stroke = stack.pop()
        elif op == "cm":
            ctm = mul(tuple(nums), ctm)
        elif op == "rg":
            fill = tuple(round(v, 6) for v in nums)
        elif op == "RG":
            stroke = tuple(round(v, 6) for v in nums)
        elif op == "g":
            fill = (nums[0],) * 3
        elif op == "G":
            stroke = (nums[0],) * 3
        elif op == "m" or op == "l":
            points.append(apply(ctm, *nums))
            kinds.append(op)
        elif op == "c":
            points.append(apply(ctm, nums[4], nums[5]))
            kinds.append("c")
        elif op == "re":
            x, y, w, h = nums
            points.extend(apply(ctm, px, py) for px, py in ((x, y), (x + w, y), (x + w, y + h), (x, y + h)))
            kinds.append("re")
        elif op == "h":
            kinds.append("h")
        elif op in ("S", "s", "f", "F", "f*", "B", "B*", "b", "b*"):
            out.events.append(Path_(op, points, kinds, fill if op not in ("S", "s") else None,
                                    stroke if op not in ("f", "F", "f*") else None))
            points, kinds = [], []
        elif op == "n":
            points, kinds = [], []
        elif op == "BT":
            text_matrix = (1, 0, 0, 1, 0, 0)
        elif op == "Tf":
            font_size = nums[-1]
        elif op == "Td":
            text_matrix = mul((1, 0, 0, 1, nums[0], nums[1]), text_matrix)
        elif op == "Tm":
            text_matrix = tuple(nums)
        elif op in ("TJ", "Tj"):
            parts = operands[0] if op == "TJ" else [operands[0]]
            text = "".join(p.decode("latin-1") if isinstance(p, bytes) else str(p) for p in parts
                           if not isinstance(p, (int, float)) and type(p).__name__ not in ("FloatObject", "NumberObject"))
            m = mul(text_matrix, ctm)
            out.events.append(Text(text, m[4], m[5], font_size, abs(m[1]) > abs(m[0])))
        elif op == "Do":
            name = operands[0]
            if name in xobjects:
                out.events.append(Mark(str(name), ctm[4], ctm[5], fill))
    return out


# --- axes ---------------------------------------------------------------------------------------

@dataclass
class Axis:
    along: str                    # "x" or "y": the page coordinate the axis maps
    ticks: list                   # (page coordinate, label text)
    scale: float = 0.0
    offset: float = 0.0
    residual: float = 0.0

    def fit(self) -> "Axis":
        pairs = [(c, float(t.replace("\u2212", "-"))) for c, t in self.ticks]
        n = len(pairs)
        mc = sum(c for c, _ in pairs) / n
        mv = sum(v for _, v in pairs) / n
        self.scale = sum((c - mc) * (v - mv) for c, v in pairs) / sum((c - mc) ** 2 for c, _ in pairs)
        self.offset = mv - self.scale * mc
        self.residual = max(abs(self.value(c) - v) for c, v in pairs)
        return self

    def value(self, coordinate: float) -> float:
        return self.offset + self.scale * coordinate


def axes(page: Page) -> list[Axis]:
    """Every tick mark (a 3.5-point black stroke) with the label drawn right after it, grouped into
    axes: consecutive ticks of one orientation at one position."""
    found: list[Axis] = []
    events = page.events
    last_key = None
    for i, e in enumerate(events):
        if not (isinstance(e, Path_) and len(e.points) == 2 and e.stroke == (0.0, 0.0, 0.0)):
            continue
        (x0, y0), (x1, y1) = e.points
        if abs(math.hypot(x1 - x0, y1 - y0) - 3.5) > 1e-6:
            continue
        label = next((t for t in events[i + 1:i + 3] if isinstance(t, Text)), None)
        if label is None:
            continue
        along = "x" if abs(x1 - x0) < 1e-9 else "y"
        coordinate = x0 if along == "x" else y0
        key = (along, round(max(y0, y1) if along == "x" else max(x0, x1), 3))
        if key != last_key:
            found.append(Axis(along, []))
            last_key = key
        found[-1].ticks.append((coordinate, label.text))
    return found


def numeric(axis: Axis) -> bool:
    try:
        [float(t.replace("\u2212", "-")) for _, t in axis.ticks]
        return True
    except ValueError:
        return False


CALIBRATION: list[str] = []


def report(figure: str, axis: Axis) -> None:
    CALIBRATION.append(f"figure {figure}: {axis.along} axis from {len(axis.ticks)} ticks ({axis.ticks[0][1]}..{axis.ticks[-1][1]}),"
                       f" linear fit residual {axis.residual:.0e} units ({axis.residual / abs(axis.scale):.0e} pt)")
    assert axis.residual / abs(axis.scale) < 1e-5, axis  # the file writes coordinates to 1e-6 pt


# --- figures ------------------------------------------------------------------------------------

def shape(p: Path_) -> str:
    if "re" in p.kinds:
        return "square"
    if "c" in p.kinds:
        return "circle"
    return "triangle"


def center(p: Path_) -> tuple[float, float]:
    xs, ys = [x for x, _ in p.points], [y for _, y in p.points]
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def width(p: Path_) -> float:
    xs = [x for x, _ in p.points]
    return round(max(xs) - min(xs), 3)


def scatter_overview(page: Page) -> list[dict]:
    """Figure 7: three panels (a prefill ms, b decode ms per token, c memory MB) of 20 markers each;
    the legend (below the panels in the stream) names each by shape, colour and size."""
    markers = [e for e in page.events if isinstance(e, Path_) and e.op == "B" and e.fill not in (None, (0.0, 0.0, 0.0), (1.0, 1.0, 1.0))]
    assert len(markers) == 80, len(markers)
    texts = [e for e in page.events if isinstance(e, Text)]
    legend_markers = markers[60:]
    legend_labels = texts[-20:]
    legend = {}
    for m, label in zip(legend_markers, legend_labels):
        (mx, my), (lx, ly) = center(m), (label.x, label.y)
        assert lx > mx and abs((ly + label.size * 0.3) - my) < 6, (label.text, mx, my, lx, ly)
        key = (shape(m), m.fill, width(m))
        assert key not in legend, key
        legend[key] = label.text
    found = [a.fit() for a in axes(page)]
    xs = [a for a in found if a.along == "x"]
    ys = [a for a in found if a.along == "y"]
    assert len(xs) == 3 and len(ys) == 3
    rows = []
    for panel, metric, x_axis, y_axis, group in zip("abc", ("prefill_ms", "decode_ms_per_token", "memory_mb"), xs, ys,
                                                      (markers[0:20], markers[20:40], markers[40:60])):
        report(f"7{panel}", x_axis)
        report(f"7{panel}", y_axis)
        assert sorted(legend[(shape(m), m.fill, width(m))] for m in group) == sorted(legend.values()), panel  # each once
        for m in group:
            name = legend[(shape(m), m.fill, width(m))]
            cx, cy = center(m)
            rows.append({"figure": f"7{panel}", "series": name, "x": x_axis.value(cx), "metric": metric, "value": y_axis.value(cy)})
    return rows


def lines(page: Page, figure: str, metric: str) -> list[dict]:
    """Figures 8 and 9: one polyline per series over integer token counts, with a marker on each
    vertex (checked: the markers sit on the vertices); the legend's short sample line has the
    series' colour and is followed by its label."""
    strokes = [e for e in page.events if isinstance(e, Path_) and e.op == "S" and e.stroke and e.stroke != (0.0, 0.0, 0.0)]
    series = [s for s in strokes if len(s.points) > 5]
    names = {}
    for s in strokes:
        if len(s.points) <= 3 and len({round(y, 6) for _, y in s.points}) == 1:
            label = next(t for t in page.events[page.events.index(s) + 1:] if isinstance(t, Text))
            names[s.stroke] = label.text
    assert len(names) == len(series), (names, len(series))
    marks = [e for e in page.events if isinstance(e, Mark)]
    found = [a.fit() for a in axes(page) if numeric(a)]
    (x_axis,), (y_axis,) = [a for a in found if a.along == "x"], [a for a in found if a.along == "y"]
    report(figure, x_axis)
    report(figure, y_axis)
    rows = []
    for s in series:
        coloured = [(m.x, m.y) for m in marks if m.fill == s.stroke]  # the line's markers (and the legend's, if drawn so)
        on_line = [(x, y) for x, y in coloured if min(math.hypot(x - vx, y - vy) for vx, vy in s.points) < 1e-4]
        assert len(on_line) == len(s.points) and len(coloured) - len(on_line) in (0, 1), f"{figure} {names[s.stroke]}: markers off the line"
        for px, py in s.points:
            tokens = x_axis.value(px)
            assert abs(tokens - round(tokens)) < 1e-6, tokens
            rows.append({"figure": figure, "series": names[s.stroke], "x": round(tokens), "metric": metric, "value": y_axis.value(py)})
    return rows


def bars(page: Page, figure: str) -> list[dict]:
    """Figure 11: stacked bars (one colour per part) over the models named by the x tick labels;
    a legend patch is a filled rectangle away from every tick, followed by its label."""
    all_axes = axes(page)
    models = next(a for a in all_axes if a.along == "x")
    y_axis = next(a for a in all_axes if a.along == "y").fit()
    report(figure, y_axis)
    parts, rows = {}, []
    for i, e in enumerate(page.events):
        if not (isinstance(e, Path_) and e.op == "f" and e.fill and len(e.points) == 4 and e.fill != (1.0, 1.0, 1.0)):
            continue
        xs = sorted({x for x, _ in e.points})
        ys = sorted({y for _, y in e.points})
        mid = (xs[0] + xs[-1]) / 2
        tick = min(models.ticks, key=lambda t: abs(t[0] - mid))
        if abs(tick[0] - mid) > 1e-3:
            parts[e.fill] = next(t for t in page.events[i + 1:] if isinstance(t, Text)).text
            continue
        rows.append({"figure": figure, "series": tick[1], "x": None, "part": e.fill,
                     "value": y_axis.value(ys[-1]) - y_axis.value(ys[0]), "bottom": y_axis.value(ys[0])})
    return rows, parts


# --- the data file ------------------------------------------------------------------------------

MODELS = {  # the figures' names -> catalog ids (catalog/models/<id>.yaml)
    "SmolLM-135M": "smollm-135m", "Pythia-160M": "pythia-160m", "OpenELM-270M": "openelm-270m", "SmolLM-360M": "smollm-360m",
    "OpenELM-450M": "openelm-450m", "Qwen2-0.5B": "qwen2-0.5b", "Qwen1.5-0.5B": "qwen1.5-0.5b", "Bloom-560M": "bloom-560m",
    "OpenELM-1.1B": "openelm-1.1b", "OpenELM-1_1B": "openelm-1.1b", "Pythia-1.4B": "pythia-1.4b", "Phi-1": "phi-1",
    "Phi-1.5": "phi-1.5", "Phi-1_5": "phi-1.5", "Bloom-1B1": "bloom-1b1", "Qwen2-1.5B": "qwen2-1.5b",
    "SmolLM-1.7B": "smollm-1.7b", "Qwen-1_8B": "qwen-1.8b", "Qwen1.5-1.8B": "qwen1.5-1.8b", "Gemma-2B": "gemma-2b",
    "Phi-2": "phi-2", "Pythia-2.8B": "pythia-2.8b", "Stablelm-zephyr-3B": "stablelm-zephyr-3b", "StableLM-zephyr-3B": "stablelm-zephyr-3b",
    "OpenELM-3B": "openelm-3b",
}
DEVICES = {"Jetson Orin NX 16GB": "jetson-orin-nx-16gb", "Meizu 18 Pro": "meizu-18-pro"}
PARTS = {"Model Parameter": "memory_weights_mib", "KV Cache": "memory_kv_cache_mib",
         "Compute Buffer": "memory_compute_buffer_mib", "Other Memory": "memory_other_mib"}
UNITS = {"prefill_ms": "ms", "decode_ms_per_token": "ms/token"}
# Figure 8's legend names as llama.cpp's quantizer names the types (Q5_K and Q3_K are its aliases
# of Q5_K_M and Q3_K_M; FP16 is F16); the label column keeps the legend's text.
FORMATS = {"FP16": "f16", "Q8_0": "q8_0", "Q6_K": "q6_k", "Q5_K": "q5_k_m", "Q4_K_M": "q4_k_m", "Q3_K": "q3_k_m"}

# What each figure states (its own text: legends, tick labels, axis titles, panel captions) and
# what is inferred; the reasons are in measure/README.md and in the header this script writes.
OVERVIEW = {"device": "jetson-orin-nx-16gb", "format": "q4_k_m", "context_tokens": 2048}
SETUPS = {
    "7a": {**OVERVIEW, "stated": "model;metric;unit", "inferred": "device;engine;format;context_tokens"},
    "7b": {**OVERVIEW, "stated": "model;metric;unit", "inferred": "device;engine;format;context_tokens"},
    "7c": {**OVERVIEW, "stated": "model;metric", "inferred": "device;engine;format;context_tokens;unit"},
    "11b": {**OVERVIEW, "stated": "model;metric", "inferred": "device;engine;format;context_tokens;unit"},
    "8a": {"stated": "format;unit", "inferred": "device;engine;metric;prompt_tokens"},
    "8b": {"stated": "format;unit", "inferred": "device;engine;metric;generated_tokens"},
    "9a": {"format": "q4_k_m", "stated": "device;unit", "inferred": "engine;format;metric;prompt_tokens"},
    "9b": {"format": "q4_k_m", "stated": "device;unit", "inferred": "engine;format;metric;generated_tokens"},
}
COLUMNS = ["figure", "label", "model", "device", "engine", "format", "metric", "value", "unit",
           "prompt_tokens", "generated_tokens", "context_tokens", "run", "stated", "inferred"]


def number(value: float) -> str:
    text = f"{round(value, 4):.4f}".rstrip("0").rstrip(".")
    return text


def percent(a: float, b: float) -> str:
    return f"{abs(a - b) / b * 100:.1f}%"


def check_overview(rows: list[dict]) -> list[str]:
    """The notes printed on figure 7 ("25.4% more params but 31.9% faster", ...) against the values."""
    value = {(r["figure"], r["series"]): r for r in rows}
    notes = [("7a", "Qwen1.5-0.5B", "Qwen2-0.5B", "25.4%", "31.9%"), ("7a", "Qwen1.5-1.8B", "Pythia-1.4B", "30.5%", "18.5%"),
             ("7a", "OpenELM-3B", "Phi-2", "9.4%", "9.9%"), ("7b", "Qwen1.5-0.5B", "Qwen2-0.5B", "25.4%", "11.8%"),
             ("7c", "OpenELM-1.1B", "Bloom-560M", "32.3%", "23.8%"), ("7c", "OpenELM-3B", "Gemma-2B", "21.1%", "13.8%")]
    out = []
    for figure, bigger, smaller, params, gain in notes:
        big, small = value[(figure, bigger)], value[(figure, smaller)]
        got = (percent(big["x"], small["x"]), percent(big["value"], small["value"]))
        assert got == (params, gain), (figure, bigger, smaller, got)
        out.append(f"{figure}: {bigger} vs {smaller}: {params} more parameters, {gain} {'less memory' if figure == '7c' else 'faster'}")
    return out


def main(folder: Path) -> None:
    overview = scatter_overview(interpret(folder / FILES["7"]))
    notes = check_overview(overview)
    curves = []
    for figure, metric in (("8a", "prefill_ms"), ("8b", "decode_ms_per_token"), ("9a", "prefill_ms"), ("9b", "decode_ms_per_token")):
        curves += lines(interpret(folder / FILES[figure]), figure, metric)
    bars_b, parts_b = bars(interpret(folder / FILES["11b"]), "11b")
    bars_a, _ = bars(interpret(folder / FILES["11a"]), "11a")

    # cross-checks: figure 11a draws the bars of 11b; 11b's stacks add up to 7c's memory; 9's
    # Jetson series is 8's Q4_K_M series.
    assert sorted((MODELS[r["series"]], round(r["value"], 3)) for r in bars_a) == \
        sorted((MODELS[r["series"]], round(r["value"], 3)) for r in bars_b)
    totals: dict[str, float] = {}
    for r in bars_b:
        totals[MODELS[r["series"]]] = totals.get(MODELS[r["series"]], 0.0) + r["value"]
    memory = {MODELS[r["series"]]: r["value"] for r in overview if r["figure"] == "7c"}
    assert all(abs(totals[m] - v) < 1e-4 for m, v in memory.items()), "figure 11b's stacks differ from figure 7c"
    curve = {(r["figure"], r["series"], r["x"]): r["value"] for r in curves}
    for fig9, fig8 in (("9a", "8a"), ("9b", "8b")):
        same = [x for (f, s, x) in curve if f == fig9 and s == "Jetson Orin NX 16GB"]
        assert all(abs(curve[(fig9, "Jetson Orin NX 16GB", x)] - curve[(fig8, "Q4_K_M", x)]) < 1e-4 for x in same if (fig8, "Q4_K_M", x) in curve)
        assert all((fig8, "Q4_K_M", x) in curve for x in same if 8 <= x <= 50)

    out = []
    for r in overview:
        metric = "memory_total_mib" if r["figure"] == "7c" else r["metric"]
        out.append({"figure": r["figure"], "label": r["series"], "model": MODELS[r["series"]], "metric": metric,
                    "value": r["value"], "unit": "MiB" if metric.startswith("memory") else UNITS[metric], "run": "fig7",
                    **SETUPS[r["figure"]]})
    tops: dict[str, float] = {}
    for r in bars_b:
        out.append({"figure": "11b", "label": r["series"], "model": MODELS[r["series"]], "metric": PARTS[parts_b[r["part"]]],
                    "value": r["value"], "unit": "MiB", "run": "fig7", **SETUPS["11b"]})
        tops[r["series"]] = max(tops.get(r["series"], 0.0), r["bottom"] + r["value"])
    for label, top in tops.items():  # the stack's top: the total, which figure 7c also plots for 20 of the 22 models
        out.append({"figure": "11b", "label": label, "model": MODELS[label], "metric": "memory_total_mib", "value": top,
                    "unit": "MiB", "run": "fig7", **SETUPS["11b"]})
    for r in curves:
        setup = dict(SETUPS[r["figure"]])
        device = DEVICES.get(r["series"], "jetson-orin-nx-16gb")
        fmt = setup.pop("format", None) or FORMATS[r["series"]]
        lengths = {"prompt_tokens": r["x"]} if r["metric"] == "prefill_ms" else {"generated_tokens": r["x"]}
        out.append({"figure": r["figure"], "label": r["series"], "model": "", "device": device, "format": fmt,
                    "metric": r["metric"], "value": r["value"], "unit": UNITS[r["metric"]], "run": "fig8-9", **lengths, **setup})
    for r in out:
        r.setdefault("engine", "llama.cpp")
        r["value"] = number(r["value"])

    print(f"# The survey's runtime figures, read from the vector PDFs of {REPOSITORY} (figs/) by survey/runtime/extract_figures.py.")
    print("# One row per plotted value. stated/inferred name the setup items the figure states in its own text or that")
    print("# are inferred (measure/README.md says why). Blank model: the figure names no model (figures 8 and 9).")
    print("# Checks passed while extracting:")
    for line in notes:
        print(f"#   figure {line} (as printed on the figure)")
    print("#   figure 11b's stacks add up to figure 7c's memory for all 20 models of figure 7 (same runs); 11a draws 11b's bars")
    print("#   figure 9's Jetson series equals figure 8's Q4_K_M series at every shared token count (same runs)")
    print("# Axis calibration (tick marks against their labels):")
    for line in CALIBRATION:
        print(f"#   {line}")
    writer = csv.DictWriter(sys.stdout, COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(out)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
