"""The model record: one YAML file in catalog/models/ per small language model.

This module is the one hand-written field list for a model. The JSON Schema for editors, the
DuckDB tables, the field reference and the contributor template are all generated from it.
Units live in field names (`context_length_tokens`) or are plain counts.
"""

import re
from typing import Annotated

from pydantic import Field

from .enums import (
    Activation,
    AttentionKind,
    DataOpenness,
    FfnKind,
    LayerType,
    LinearBias,
    ModelKind,
    Norm,
    ParameterSharing,
    PositionEncoding,
    ReleaseEvent,
    SsmKind,
    SurveyGroup,
)
from .fact import Fact, Provenance, Strict
from .types import (
    ContextLength,
    Id,
    LayerCount,
    LayerIndex,
    Name,
    NonNegativeInt,
    ParameterCount,
    PositiveInt,
    ReleaseDate,
    RopeBase,
    Source,
    Text,
    TokenCount,
)

Fraction = Annotated[float, Field(gt=0, le=1, allow_inf_nan=False)]
HUB_REPO_PATTERN = r"^[A-Za-z0-9][\w.-]*/[\w.-]+$"
HUB_REPO = re.compile(HUB_REPO_PATTERN, re.ASCII)
HubRepo = Annotated[str, Field(pattern=HUB_REPO_PATTERN)]
LicenseId = Annotated[str, Field(pattern=r"^(?:[A-Za-z0-9.+-]+|other:[a-z0-9.-]+)$")]
SOURCE_DEFAULT = "Default source for every value in this block that names none (a references key or a URL)."


class PerLayer(Strict):
    """Per-layer sizes, for models whose layers differ (OpenELM's layer-wise scaling)."""

    source: Source | None = Field(None, description=SOURCE_DEFAULT)
    attention_heads: Fact[list[PositiveInt]] = Field(description="Query heads of each layer, first layer first.")
    kv_heads: Fact[list[PositiveInt]] = Field(description="Key/value heads of each layer, first layer first.")
    intermediate_size: Fact[list[PositiveInt]] = Field(
        description="FFN intermediate width of each layer (per branch for gated FFNs), first layer first."
    )


class Mla(Strict):
    """Multi-head latent attention sizes (MiniCPM3, DeepSeek-V2 style): low-rank Q and compressed KV."""

    source: Source | None = Field(None, description=SOURCE_DEFAULT)
    q_lora_rank: Fact[PositiveInt] = Field(description="Rank of the low-rank query projection.")
    kv_lora_rank: Fact[PositiveInt] = Field(description="Width of the compressed key/value latent that is cached.")
    qk_nope_head_dim: Fact[PositiveInt] = Field(description="Per-head query/key width without rotary encoding.")
    qk_rope_head_dim: Fact[PositiveInt] = Field(description="Per-head query/key width carrying rotary encoding.")
    v_head_dim: Fact[PositiveInt] = Field(description="Per-head value width.")


class Ssm(Strict):
    """State-space (Mamba) mixer sizes, for layers whose `layer_types` entry contains `ssm`."""

    source: Source | None = Field(None, description=SOURCE_DEFAULT)
    kind: Fact[SsmKind] = Field(description="mamba (selective scan, Mamba-1) or mamba2 (multi-head SSD, Mamba-2).")
    inner_size: Fact[PositiveInt] = Field(description="Width the SSM runs at (d_inner, usually expand x hidden_size).")
    state_size: Fact[PositiveInt] = Field(description="State width per channel or head (d_state).")
    conv_kernel: Fact[PositiveInt] = Field(
        description="Width of the causal depthwise convolution before the scan (d_conv)."
    )
    heads: Fact[PositiveInt] | None = Field(
        None, description="Mamba-2 heads (inner_size / head width); omit for Mamba-1."
    )
    groups: Fact[PositiveInt] | None = Field(
        None, description="Mamba-2 groups sharing B and C (n_groups); omit for Mamba-1."
    )
    dt_rank: Fact[PositiveInt] | None = Field(
        None, description="Rank of the Mamba-1 step-size projection; omit for Mamba-2."
    )
    bias: Fact[bool] | None = Field(
        None, description="Whether the input and output projections carry a bias; omit when not."
    )


class ShortConv(Strict):
    """Gated short-convolution mixer sizes (LFM2), for layers whose `layer_types` entry is `conv`."""

    source: Source | None = Field(None, description=SOURCE_DEFAULT)
    kernel: Fact[PositiveInt] = Field(description="Length of the causal depthwise convolution (LFM2: L_cache).")
    bias: Fact[bool] | None = Field(
        None, description="Whether the convolution and projections carry biases; omit when not."
    )


class Moe(Strict):
    """Mixture-of-experts FFN sizes: routed experts, how many a token uses, and shared experts."""

    source: Source | None = Field(None, description=SOURCE_DEFAULT)
    experts: Fact[PositiveInt] = Field(description="Routed experts per MoE layer.")
    active_experts: Fact[PositiveInt] = Field(description="Routed experts each token uses (top-k).")
    expert_intermediate_size: Fact[PositiveInt] = Field(
        description="FFN inner width of one routed expert (per branch when gated)."
    )
    shared_experts: Fact[NonNegativeInt] | None = Field(
        None, description="Experts every token uses besides the routed ones; omit when there are none."
    )
    shared_expert_intermediate_size: Fact[PositiveInt] | None = Field(
        None,
        description="Inner width of the shared experts together (per branch when gated); required with shared_experts.",
    )
    dense_layers: Fact[list[LayerIndex]] | None = Field(
        None,
        description="Layers (0-based) that keep a dense FFN of intermediate_size instead of experts; omit when none.",
    )


class PerLayerInputs(Strict):
    """Per-layer embeddings (Gemma 3n): every layer also reads its own small embedding of the token."""

    source: Source | None = Field(None, description=SOURCE_DEFAULT)
    width: Fact[PositiveInt] = Field(description="Width of each layer's token embedding (hidden_size_per_layer_input).")
    vocab_size: Fact[PositiveInt] = Field(
        description="Rows of the per-layer embedding table (vocab_size_per_layer_input)."
    )


class Architecture(Strict):
    """The network's shape, as its config.json and technical report give it."""

    source: Source | None = Field(None, description=SOURCE_DEFAULT)
    layers: Fact[LayerCount] = Field(description="Number of transformer (decoder) blocks.")
    hidden_size: Fact[PositiveInt] = Field(description="Width of the residual stream (d_model).")
    attention_heads: Fact[PositiveInt] = Field(description="Query heads per layer.")
    kv_heads: Fact[PositiveInt] = Field(
        description="Key/value heads per layer (equal to attention_heads for MHA, 1 for MQA)."
    )
    head_dim: Fact[PositiveInt] = Field(description="Width of one attention head.")
    attention_kind: Fact[AttentionKind] = Field(
        description="MHA, GQA, MQA or MLA; must agree with attention_heads and kv_heads."
    )
    ffn_kind: Fact[FfnKind] = Field(description="standard (up, activation, down) or gated (GLU: gate * up, then down).")
    activation: Fact[Activation] = Field(description="FFN activation (the gate's activation for gated FFNs).")
    intermediate_size: Fact[PositiveInt] = Field(
        description="FFN inner width per branch (a gated FFN has two branches of this width)."
    )
    ffn_ratio: Fact[float] | None = Field(
        None,
        description=(
            "Derived by the build as intermediate_size / hidden_size; give only `survey_reported` and `note`"
            " here when the survey's ratio differs (it often counts the fused gate+up width)."
        ),
    )
    norm: Fact[Norm] = Field(description="Normalisation layer kind.")
    position_encoding: Fact[PositionEncoding] = Field(description="How token positions enter the model.")
    rotary_fraction: Fact[Fraction] | None = Field(
        None, description="Fraction of each head's width that is rotated by RoPE, when less than 1."
    )
    rope_theta: Fact[RopeBase] | None = Field(None, description="RoPE base frequency.")
    vocab_size: Fact[PositiveInt] = Field(
        description="Rows of the token embedding matrix (as configured, padding included)."
    )
    context_length_tokens: Fact[ContextLength] = Field(
        description="Longest sequence the released model supports, in tokens."
    )
    tied_embeddings: Fact[bool] = Field(description="Whether the output head shares the input embedding matrix.")
    linear_bias: Fact[LinearBias] = Field(
        description="Which linear layers carry a bias: none, qkv (the attention input projections only) or all."
    )
    qk_norm: Fact[bool] | None = Field(
        None, description="Whether queries and keys are normalised per head before attention; omit when not."
    )
    embedding_dim: Fact[PositiveInt] | None = Field(
        None,
        description="Width of the token embedding when it differs from hidden_size (projected in and out, as in "
        "OPT-350M).",
    )
    attention_window_tokens: Fact[ContextLength] | None = Field(
        None, description="Sliding or local attention window, for models whose (some) layers attend locally."
    )
    parameter_sharing: Fact[ParameterSharing] | None = Field(
        None, description="Weights shared across layers; omit when there is none (shared-ffn: one FFN for all layers)."
    )
    per_layer: PerLayer | None = Field(None, description="Per-layer sizes, when layers differ.")
    mla: Mla | None = Field(None, description="Latent-attention sizes; required when attention_kind is MLA.")
    layer_types: Fact[list[LayerType]] | None = Field(
        None,
        description="The token mixer of each layer, first layer first, when not every layer is full attention"
        " (local/global patterns, hybrids with SSM, convolution or recurrent layers). Omit when every layer attends "
        "fully;"
        " attention_heads, kv_heads and head_dim then describe the attention layers only.",
    )
    nope_layers: Fact[list[LayerIndex]] | None = Field(
        None,
        description="Layers (0-based) that use no position encoding (NoPE) while the others use position_encoding.",
    )
    ssm: Ssm | None = Field(None, description="State-space mixer sizes; required when layer_types has ssm layers.")
    conv: ShortConv | None = Field(
        None, description="Short-convolution mixer sizes; required when layer_types has conv layers."
    )
    moe: Moe | None = Field(
        None,
        description="Mixture-of-experts FFN sizes; intermediate_size then gives the dense FFN width of dense_layers.",
    )
    per_layer_inputs: PerLayerInputs | None = Field(None, description="Per-layer embedding sizes (Gemma 3n).")
    weight_bits: Fact[Annotated[float, Field(gt=0, lt=16)]] | None = Field(
        None,
        description="Bits per weight the released linear layers natively hold when below 16 (BitNet b1.58: 1.58 for"
        " ternary weights); omit for 16- and 32-bit checkpoints.",
    )
    mtp_modules: Fact[PositiveInt] | None = Field(
        None,
        description="Multi-token prediction modules shipped with the weights (each predicts one more future token);"
        " omit when there are none.",
    )
    notes: Text | None = Field(None, description="Anything about the architecture the fields above cannot say.")


class DatasetsFact(Fact[list[Id]]):
    """A list of dataset ids whose survey value keeps the survey's own spelling."""

    survey_reported: list[Name] | None = Field(
        None,
        description="The survey's dataset names verbatim; compared through the aliases in catalog/datasets.yaml.",
    )


class Training(Strict):
    """How the released weights were trained."""

    source: Source | None = Field(None, description=SOURCE_DEFAULT)
    tokens: Fact[TokenCount] = Field(
        description="Pre-training tokens seen (all epochs and stages); YAML may write 600B or 1.5T."
    )
    datasets: DatasetsFact = Field(description="Pre-training corpora: ids in catalog/datasets.yaml.")
    fine_tuning_datasets: Fact[list[Id]] | None = Field(
        None, description="Fine-tuning data of instruct/chat models: ids in catalog/datasets.yaml."
    )
    fine_tuning_tokens: Fact[TokenCount] | None = Field(
        None, description="Tokens seen in fine-tuning (instruct/chat models), when stated."
    )
    fine_tuned_from: Fact[HubRepo] | None = Field(
        None, description="Hub repo of the base model that was fine-tuned, for instruct/chat models."
    )
    techniques: Fact[list[Id]] = Field(
        description="Training techniques: ids in catalog/techniques.yaml (an empty list when none is reported)."
    )
    data_openness: Fact[DataOpenness] = Field(
        description="open: every pre-training corpus is public; partial: some are; closed: none or undisclosed."
    )
    notes: Text | None = Field(None, description="Anything about training the fields above cannot say.")


class Score(Provenance):
    """One benchmark result."""

    benchmark: Id = Field(description="Benchmark id in catalog/benchmarks.yaml (a task or an aggregate).")
    value: float = Field(
        ge=-1,
        le=1,
        description="The score as a fraction (accuracy 0.45, not 45): in [0, 1], or in [-1, 1] for a gain benchmark.",
    )
    shots: Annotated[int, Field(ge=0)] | None = Field(
        description="In-context examples given; null when the source does not say (then `note` says so)."
    )


class Scores(Strict):
    """A block of benchmark results from one source, with a default note."""

    source: Source | None = Field(None, description=SOURCE_DEFAULT)
    note: Text | None = Field(
        None, description="Default note for every result that has none (e.g. how the source ran them)."
    )
    results: list[Score] = Field(description="One entry per benchmark, shot count and source.")


class SurveyMembership(Strict):
    """How the model relates to the survey (arXiv 2409.15790)."""

    group: SurveyGroup = Field(
        description="survey-v1: one of the 59 models of the first version; survey-evaluated: evaluated by the"
        " authors in figures or data; survey-leaderboard: added to the authors' leaderboard later."
    )
    reconstructed: bool = Field(
        description="True when membership is reconstructed from the authors' companion data, not read from the paper."
    )
    source: Source = Field(description="Where the membership comes from (a references key).")
    note: Text | None = Field(None, description="How the membership was established, when not obvious.")


class ReleaseFact(Fact[ReleaseDate]):
    """A release date together with the event it marks (survey/scope.md, "Release dates")."""

    event: ReleaseEvent = Field(
        description="weights-on-hub (first public commit of the weights), weights-release-post (a post or page that"
        " links the downloadable weights) or announcement (the earliest announcement, when no weights day is known).",
    )


class LicenseAtRelease(Fact[LicenseId]):
    """The licence the weights were first released under (`value`), when it has changed since."""

    changed: ReleaseDate = Field(description="When the licence changed to today's: YYYY-MM or YYYY-MM-DD.")


class ModelRecord(Strict):
    """One small language model."""

    id: Id = Field(description="Lower-case slug, equal to the file name without .yaml; never reused.")
    name: Name = Field(description="Display name, as the makers write it.")
    family: Name = Field(description="Model family, e.g. Qwen2 or Pythia.")
    organization: Id = Field(description="Maker: an id in catalog/organizations.yaml.")
    hub_repo: HubRepo = Field(description="Hugging Face repo id of these weights, owner/name.")
    kind: ModelKind = Field(
        description="base (pre-trained only), instruct or chat (fine-tuned to follow instructions)."
    )
    source: Source | None = Field(
        None, description="Default source for the top-level facts (released, license, parameters)."
    )
    released: ReleaseFact = Field(
        description="The day the weights became public (YYYY-MM or YYYY-MM-DD), else the earliest announcement; "
        "`event` says which."
    )
    license: Fact[LicenseId] = Field(description="Licence of the weights today: an id in catalog/licenses.yaml.")
    license_at_release: LicenseAtRelease | None = Field(
        None, description="The licence at release and when it changed, for weights whose licence has changed since."
    )
    parameters: Fact[ParameterCount] = Field(
        description="Exact total parameter count (embeddings included), as its source gives it."
    )
    active_parameters: Fact[ParameterCount] | None = Field(
        None,
        description="Parameters a token uses, for mixture-of-experts models (routed experts left out); required with"
        " architecture.moe.",
    )
    parameter_check_exemption: Text | None = Field(
        None,
        description="Why the computed-vs-declared parameter check cannot apply (e.g. an architecture the"
        " formula does not model). Leave out otherwise.",
    )
    survey: SurveyMembership | None = Field(
        None, description="Survey membership; leave out for models the survey does not cover."
    )
    references: list[Id] = Field(
        default_factory=list,
        description="Keys in survey/references.yaml of documents about this model that no value cites, such as its"
        " technical report, or documents its notes name.",
    )
    architecture: Architecture = Field(description="The network's shape.")
    training: Training = Field(description="Training data and techniques.")
    scores: list[Scores] = Field(
        default_factory=list, description="Benchmark results, in blocks whose results share a source and a note."
    )
    notes: Text | None = Field(None, description="Anything a reader should know that no field holds.")
