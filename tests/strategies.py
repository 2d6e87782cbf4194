"""Hypothesis strategies: valid model records whose references resolve against the fixture lists."""

import datetime

from hypothesis import strategies as st

from slm_atlas.catalog.parameters import compute_parameters
from slm_atlas.schema.model import Architecture, ModelRecord

ORGS = ["hugging-face", "alibaba", "google", "eleutherai"]
LICENSES = ["Apache-2.0", "MIT", "other:gemma-terms-of-use"]
DATASETS = ["the-pile", "refinedweb", "redpajama-v1", "cosmopedia-v2", "qwen-corpus"]
TECHNIQUES = ["mup", "wsd-schedule", "knowledge-distillation", "layer-wise-scaling"]
BENCHMARKS = ["hellaswag", "piqa", "mmlu", "gsm8k", "survey-commonsense"]
SOURCES = ["smollm-blog", "smollm-135m-config", "smollm-135m-card", "slm-survey-data", "https://example.org/card"]

# one line of visible text (what names and notes accept: schema.types.check_name)
text = (
    st.text(
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cf", "Zl", "Zp", "Co", "Cn")),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(bool)
)
slug = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)
# the dates the catalog accepts: from 2015 to today
_days = st.dates(min_value=datetime.date(2015, 1, 1), max_value=datetime.date.today())
date = _days.map(lambda d: d.isoformat()) | _days.map(lambda d: d.isoformat()[:7])


@st.composite
def fact(draw, values, source=True):
    value = draw(values)
    if not draw(st.booleans()):
        return value
    out = {"value": value}
    if source and draw(st.booleans()):
        out["source"] = draw(st.sampled_from(SOURCES))
    if draw(st.booleans()):
        out["note"] = draw(text)
    return out


def released(value, event):
    """A release fact always names its event (survey/scope.md, "Release dates")."""
    return {**(value if isinstance(value, dict) else {"value": value}), "event": event}


@st.composite
def architecture(draw):
    heads = draw(st.integers(1, 32))
    kv = draw(st.sampled_from([d for d in range(1, heads + 1) if heads % d == 0]))
    kind = "MHA" if kv == heads else ("MQA" if kv == 1 else "GQA")
    arch = {
        "source": draw(st.sampled_from(SOURCES)),
        "layers": draw(fact(st.integers(1, 64))),
        "hidden_size": draw(fact(st.integers(8, 8192))),
        "attention_heads": heads,
        "kv_heads": kv,
        "head_dim": draw(fact(st.integers(8, 256))),
        "attention_kind": kind,
        "ffn_kind": draw(fact(st.sampled_from(["standard", "gated"]))),
        "activation": draw(fact(st.sampled_from(["ReLU", "GELU", "GELU-tanh", "SiLU"]))),
        "intermediate_size": draw(fact(st.integers(8, 32768))),
        "norm": draw(fact(st.sampled_from(["LayerNorm", "RMSNorm", "non-parametric LayerNorm"]))),
        "position_encoding": draw(fact(st.sampled_from(["RoPE", "ALiBi", "learned", "none"]))),
        "vocab_size": draw(fact(st.integers(256, 300_000))),
        "context_length_tokens": draw(fact(st.integers(128, 262_144))),
        "tied_embeddings": draw(fact(st.booleans())),
        "linear_bias": draw(fact(st.sampled_from(["none", "qkv", "all"]))),
    }
    if draw(st.booleans()):
        arch["rope_theta"] = draw(st.floats(1, 1e7, allow_nan=False, allow_infinity=False))
    if draw(st.booleans()):
        arch["rotary_fraction"] = draw(st.sampled_from([0.25, 0.4, 0.5, 1.0]))
    if draw(st.booleans()):
        arch["qk_norm"] = draw(st.booleans())
    if draw(st.booleans()):
        arch["notes"] = draw(text)
    return arch


@st.composite
def records(draw):
    """A record dict that validates and passes every rule against the fixture catalog."""
    record_id = draw(slug)
    arch = draw(architecture())
    counts = compute_parameters(Architecture.model_validate(arch))
    data = {
        "id": record_id,
        "name": draw(text),
        "family": draw(text),
        "organization": draw(st.sampled_from(ORGS)),
        "hub_repo": f"org/{record_id}",
        "kind": draw(st.sampled_from(["base", "instruct", "chat"])),
        "source": draw(st.sampled_from(SOURCES)),
        "released": released(
            draw(fact(date)), draw(st.sampled_from(["weights-on-hub", "weights-release-post", "announcement"]))
        ),
        "license": draw(st.sampled_from(LICENSES)),
        "parameters": {"value": counts.total, "source": "derived"},
        "architecture": arch,
        "training": {
            "source": draw(st.sampled_from(SOURCES)),
            "tokens": draw(fact(st.integers(0, 20 * 10**12))),
            "datasets": draw(st.lists(st.sampled_from(DATASETS), unique=True, max_size=3)),
            "techniques": draw(st.lists(st.sampled_from(TECHNIQUES), unique=True, max_size=2)),
            "data_openness": draw(st.sampled_from(["open", "partial", "closed"])),
        },
    }
    if draw(st.booleans()):
        results = draw(
            st.lists(
                st.tuples(st.sampled_from(BENCHMARKS), st.floats(0, 1), st.integers(0, 25)),
                max_size=4,
                unique_by=lambda r: (r[0], r[2]),
            )
        )
        data["scores"] = [
            {
                "source": draw(st.sampled_from(SOURCES)),
                "results": [{"benchmark": b, "value": v, "shots": s} for b, v, s in results],
            }
        ]
    return ModelRecord.model_validate(data)
