"""Records that machines write: Hub metadata snapshots and on-device measurements.

`slm-atlas hub refresh` writes one `HubSnapshot` per model to catalog/hub/<id>.json and
`slm-atlas measure` writes `Measurement`s under measure/results/; `slm-atlas survey import-runtime`
writes the survey's own numbers there too, as `Measurement`s whose `source` names the survey.
Humans never edit them; the build reads them into their own tables, which stay empty (but
defined) until files exist.
"""

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field

from .fact import Strict
from .types import Id

Count = Annotated[int, Field(ge=0)]


HubStatus = Literal["ok", "not_found", "gated", "error"]
MeasurementStatus = Literal["ok", "error", "unsupported"]
Weights = Literal["random", "local", "hub"]


class HubSnapshot(Strict):
    """What the Hugging Face Hub said about a model's repository, and how the last try went.

    The metadata fields and `config` hold the last good answer (fetched at `fetched_at`); a later
    failure only updates `status`, `status_detail` and `checked_at`, so a renamed, removed or gated
    repository never erases what was known.
    """

    model_id: Id = Field(description="The catalog model this snapshot describes.")
    hub_repo: str = Field(description="The repository asked for, owner/name.")
    endpoint: str = Field(description="The Hub endpoint that answered, e.g. https://huggingface.co.")
    status: HubStatus = Field(
        description="How the last try went: ok, not_found (404: renamed or removed), gated (401/403) or error (the "
        "detail says)."
    )
    status_detail: str | None = Field(None, description="What went wrong on the last try; null when it succeeded.")
    checked_at: datetime = Field(description="When the last try was made (UTC).")
    fetched_at: datetime | None = Field(
        None, description="When the Hub last answered with the data below (UTC); null if it never did."
    )
    sha: str | None = Field(
        None, description="Commit of the repository's main revision; config.json is read at this commit."
    )
    created_at: datetime | None = Field(None, description="When the repository was created, as the Hub reports.")
    last_modified: datetime | None = Field(None, description="Last commit time the Hub reports.")
    downloads: Count | None = Field(None, description="Downloads over the last 30 days, as the Hub counts them.")
    likes: Count | None = Field(None, description="Likes on the Hub.")
    gated: str | None = Field(None, description="Access gating: null when open, else the Hub's mode (auto, manual).")
    license: str | None = Field(None, description="Licence tag in the model card metadata.")
    pipeline_tag: str | None = Field(None, description="The Hub's task tag.")
    library_name: str | None = Field(None, description="The library the Hub associates with the weights.")
    safetensors_parameters: Count | None = Field(
        None, description="Total parameters counted by the Hub from the safetensors headers."
    )
    tags: list[str] = Field(default_factory=list, description="The Hub's tags for the repository.")
    config: dict[str, Any] | None = Field(
        None, description="The repository's config.json at `sha`, as published (JSON text in the database)."
    )


class Measurement(Strict):
    """One latency/memory measurement of one model on one machine, with its raw samples."""

    model_id: Id = Field(description="The catalog model measured.")
    run_id: str = Field(min_length=1, description="Identifies the run (shared by all its measurements).")
    measured_at: datetime = Field(description="When the run started (UTC).")
    model_revision: str = Field(min_length=1, description="Commit of the weights measured.")
    machine: str = Field(min_length=1, description="CPU or accelerator model name.")
    device: str = Field(min_length=1, description="Where the model ran: cpu, cuda, mps, ...")
    backend: str = Field(min_length=1, description="Inference engine, e.g. transformers or llama.cpp.")
    backend_version: str = Field(min_length=1, description="Version (or build commit) of the engine.")
    dtype: str = Field(min_length=1, description="Weight format: float32, bfloat16, q4_0, ...")
    threads: Count | None = Field(None, description="CPU threads used, when the engine takes a count.")
    batch_size: Annotated[int, Field(gt=0)] = Field(description="Sequences per forward pass.")
    prompt_tokens: Annotated[int, Field(gt=0)] | None = Field(
        description="Prompt length in tokens; null only where a `source` does not state it."
    )
    generated_tokens: Count | None = Field(
        description="Tokens generated after the prompt; null only where a `source` does not state it."
    )
    prefill_ms: list[float] = Field(description="Raw samples: time to process the prompt, in milliseconds.")
    decode_ms_per_token: list[float] = Field(description="Raw samples: mean time per generated token, in milliseconds.")
    peak_memory_bytes: Count | None = Field(None, description="Peak resident memory of the run, in bytes.")
    environment: dict[str, str] = Field(
        default_factory=dict, description="Versions and settings that shaped the numbers (python, torch, OS, flags)."
    )
    status: MeasurementStatus = Field(
        "ok", description="ok, error (the run failed: see `error`) or unsupported (no module can stand in)."
    )
    error: str | None = Field(None, description="Why the run failed or is unsupported; null when it succeeded.")
    hardware: str | None = Field(None, description="The machine's profile in measure/hardware/<hardware>.yaml.")
    scenario: str | None = Field(
        None, description="The named scenario (measure/scenarios/<name>.yaml) the lengths come from."
    )
    weights: Weights | None = Field(
        None,
        description="random (built from the record's architecture), local (a checkpoint) or hub (the published "
        "weights).",
    )
    module: str | None = Field(
        None, description="The transformers module that ran, and how the record's design maps to it."
    )
    module_exact: bool | None = Field(
        None,
        description="Whether the module's blocks have the record's shapes and kinds as recorded (the cost is the "
        "model's);"
        " false where the stand-in approximates, as `module` says.",
    )
    parameters_built: Count | None = Field(
        None, description="Parameters of the model as built (compare with models.parameters_computed)."
    )
    weight_bytes: Count | None = Field(
        None, description="Bytes of the weights as run (analytic: parameters x bytes per parameter)."
    )
    kv_cache_bytes: Count | None = Field(None, description="Bytes of the KV cache at the end of decoding (analytic).")
    peak_vram_bytes: Count | None = Field(None, description="Peak GPU memory allocated (CUDA max_memory_allocated).")
    bandwidth_bytes_per_s: float | None = Field(
        None, description="The machine's measured memory bandwidth at the sweep's start."
    )
    matmul_flops_per_s: float | None = Field(
        None, description="The machine's measured matrix-multiply rate at the sweep's start, in the run's dtype."
    )
    prefill_floor_ms: float | None = Field(
        None, description="Lower bound on prefill: about 2 x parameters x prompt FLOPs / matmul rate."
    )
    decode_floor_ms: float | None = Field(
        None,
        description="Lower bound per decoded token: (weight bytes a token reads, the input embedding table but one row "
        "left out,"
        " + KV cache bytes) / bandwidth.",
    )
    source: str | None = Field(
        None,
        description="Whose numbers these are: null for runs of `slm-atlas measure`; else the key in "
        "survey/references.yaml of the"
        " document that published them (slm-survey: the survey's own measurements).",
    )
    source_detail: str | None = Field(
        None, description="Where in `source` the numbers are and how they were read (figure, panel); null for our runs."
    )
    inferred: list[str] = Field(
        default_factory=list,
        description="Fields whose values `source` does not state but were inferred (`source_detail` and"
        " measure/README.md say how); empty for our runs.",
    )
