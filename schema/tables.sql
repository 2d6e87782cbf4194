-- generated from the Pydantic models in src/slm_atlas/schema; do not edit; run `slm-atlas schema`
-- The DuckDB tables and views of build/slm-atlas.duckdb.

CREATE TABLE models (
    "id" VARCHAR NOT NULL,
    "name" VARCHAR NOT NULL,
    "family" VARCHAR NOT NULL,
    "organization" VARCHAR NOT NULL,
    "hub_repo" VARCHAR NOT NULL,
    "kind" VARCHAR NOT NULL CHECK ("kind" IN ('base', 'instruct', 'chat')),
    "released" VARCHAR,
    "license" VARCHAR,
    "license_at_release" VARCHAR,
    "parameters" BIGINT,
    "active_parameters" BIGINT,
    "parameter_check_exemption" VARCHAR,
    "survey_group" VARCHAR CHECK ("survey_group" IN ('survey-v1', 'survey-evaluated', 'survey-leaderboard')),
    "survey_reconstructed" BOOLEAN,
    "survey_note" VARCHAR,
    "references" VARCHAR[],
    "notes" VARCHAR,
    "parameters_computed" BIGINT,
    "parameters_embedding" BIGINT,
    "parameters_non_embedding" BIGINT,
    "parameters_active_computed" BIGINT,
    "released_event" VARCHAR CHECK ("released_event" IN ('weights-on-hub', 'weights-release-post', 'announcement')),
    "license_changed" VARCHAR,
    PRIMARY KEY (id)
);

CREATE TABLE architecture (
    "model_id" VARCHAR NOT NULL,
    "layers" BIGINT,
    "hidden_size" BIGINT,
    "attention_heads" BIGINT,
    "kv_heads" BIGINT,
    "head_dim" BIGINT,
    "attention_kind" VARCHAR CHECK ("attention_kind" IN ('MHA', 'GQA', 'MQA', 'MLA')),
    "ffn_kind" VARCHAR CHECK ("ffn_kind" IN ('standard', 'gated')),
    "activation" VARCHAR CHECK ("activation" IN ('ReLU', 'GELU', 'GELU-tanh', 'SiLU')),
    "intermediate_size" BIGINT,
    "ffn_ratio" DOUBLE,
    "norm" VARCHAR CHECK ("norm" IN ('LayerNorm', 'RMSNorm', 'non-parametric LayerNorm')),
    "position_encoding" VARCHAR CHECK ("position_encoding" IN ('RoPE', 'ALiBi', 'learned', 'none')),
    "rotary_fraction" DOUBLE,
    "rope_theta" DOUBLE,
    "vocab_size" BIGINT,
    "context_length_tokens" BIGINT,
    "tied_embeddings" BOOLEAN,
    "linear_bias" VARCHAR CHECK ("linear_bias" IN ('none', 'qkv', 'all')),
    "qk_norm" BOOLEAN,
    "embedding_dim" BIGINT,
    "attention_window_tokens" BIGINT,
    "parameter_sharing" VARCHAR CHECK ("parameter_sharing" IN ('none', 'shared-ffn')),
    "per_layer_attention_heads" BIGINT[],
    "per_layer_kv_heads" BIGINT[],
    "per_layer_intermediate_size" BIGINT[],
    "mla_q_lora_rank" BIGINT,
    "mla_kv_lora_rank" BIGINT,
    "mla_qk_nope_head_dim" BIGINT,
    "mla_qk_rope_head_dim" BIGINT,
    "mla_v_head_dim" BIGINT,
    "layer_types" VARCHAR[],
    "nope_layers" BIGINT[],
    "ssm_kind" VARCHAR CHECK ("ssm_kind" IN ('mamba', 'mamba2')),
    "ssm_inner_size" BIGINT,
    "ssm_state_size" BIGINT,
    "ssm_conv_kernel" BIGINT,
    "ssm_heads" BIGINT,
    "ssm_groups" BIGINT,
    "ssm_dt_rank" BIGINT,
    "ssm_bias" BOOLEAN,
    "conv_kernel" BIGINT,
    "conv_bias" BOOLEAN,
    "moe_experts" BIGINT,
    "moe_active_experts" BIGINT,
    "moe_expert_intermediate_size" BIGINT,
    "moe_shared_experts" BIGINT,
    "moe_shared_expert_intermediate_size" BIGINT,
    "moe_dense_layers" BIGINT[],
    "per_layer_inputs_width" BIGINT,
    "per_layer_inputs_vocab_size" BIGINT,
    "weight_bits" DOUBLE,
    "mtp_modules" BIGINT,
    "notes" VARCHAR,
    PRIMARY KEY (model_id)
);

CREATE TABLE training (
    "model_id" VARCHAR NOT NULL,
    "tokens" BIGINT,
    "fine_tuning_tokens" BIGINT,
    "fine_tuned_from" VARCHAR,
    "data_openness" VARCHAR CHECK ("data_openness" IN ('open', 'partial', 'closed')),
    "notes" VARCHAR,
    PRIMARY KEY (model_id)
);

CREATE TABLE model_datasets (
    "model_id" VARCHAR NOT NULL,
    "dataset_id" VARCHAR NOT NULL,
    "role" VARCHAR NOT NULL CHECK ("role" IN ('pre-training', 'fine-tuning')),
    PRIMARY KEY (model_id, dataset_id, role)
);

CREATE TABLE model_techniques (
    "model_id" VARCHAR NOT NULL,
    "technique_id" VARCHAR NOT NULL,
    PRIMARY KEY (model_id, technique_id)
);

CREATE TABLE scores (
    "model_id" VARCHAR NOT NULL,
    "benchmark" VARCHAR NOT NULL,
    "value" DOUBLE NOT NULL,
    "shots" BIGINT,
    "source" VARCHAR,
    "status" VARCHAR CHECK ("status" IN ('reported', 'derived', 'measured', 'estimated', 'undisclosed', 'not_applicable')),
    "note" VARCHAR
);

CREATE TABLE provenance (
    "model_id" VARCHAR NOT NULL,
    "field" VARCHAR NOT NULL,
    "value" VARCHAR,
    "survey_reported" VARCHAR,
    "survey_differs" BOOLEAN,
    "source" VARCHAR,
    "status" VARCHAR CHECK ("status" IN ('reported', 'derived', 'measured', 'estimated', 'undisclosed', 'not_applicable')),
    "note" VARCHAR,
    PRIMARY KEY (model_id, field)
);

CREATE TABLE organizations (
    "id" VARCHAR NOT NULL,
    "name" VARCHAR NOT NULL,
    "kind" VARCHAR NOT NULL CHECK ("kind" IN ('industry', 'academia', 'non-profit', 'community', 'government')),
    "country" VARCHAR,
    "url" VARCHAR NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE datasets (
    "id" VARCHAR NOT NULL,
    "name" VARCHAR NOT NULL,
    "url" VARCHAR,
    "tokens" BIGINT,
    "tokens_note" VARCHAR,
    "openness" VARCHAR NOT NULL CHECK ("openness" IN ('open', 'partial', 'closed')),
    "year" BIGINT,
    "aliases" VARCHAR[],
    "reference" VARCHAR,
    PRIMARY KEY (id)
);

CREATE TABLE techniques (
    "id" VARCHAR NOT NULL,
    "name" VARCHAR NOT NULL,
    "definition" VARCHAR NOT NULL,
    "reference" VARCHAR NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE licenses (
    "id" VARCHAR NOT NULL,
    "name" VARCHAR NOT NULL,
    "url" VARCHAR NOT NULL,
    "spdx" BOOLEAN NOT NULL,
    "commercial_use" BOOLEAN,
    "note" VARCHAR,
    PRIMARY KEY (id)
);

CREATE TABLE benchmarks (
    "id" VARCHAR NOT NULL,
    "name" VARCHAR NOT NULL,
    "kind" VARCHAR NOT NULL CHECK ("kind" IN ('task', 'aggregate', 'gain')),
    "metric" VARCHAR NOT NULL,
    "description" VARCHAR NOT NULL,
    "reference" VARCHAR,
    PRIMARY KEY (id)
);

CREATE TABLE benchmark_components (
    "benchmark_id" VARCHAR NOT NULL,
    "component_id" VARCHAR NOT NULL,
    PRIMARY KEY (benchmark_id, component_id)
);

CREATE TABLE sources (
    "id" VARCHAR NOT NULL,
    "kind" VARCHAR NOT NULL CHECK ("kind" IN ('survey', 'survey-data', 'technical-report', 'paper', 'model-card', 'config', 'blog', 'repository', 'dataset-card', 'website')),
    "title" VARCHAR NOT NULL,
    "url" VARCHAR NOT NULL,
    "year" BIGINT,
    "authors" VARCHAR,
    "accessed" VARCHAR,
    "copy_of" VARCHAR,
    "note" VARCHAR,
    PRIMARY KEY (id)
);

CREATE TABLE fields (
    "field" VARCHAR NOT NULL,
    "section" VARCHAR NOT NULL,
    "ordinal" BIGINT NOT NULL,
    "label" VARCHAR NOT NULL,
    "description" VARCHAR NOT NULL,
    PRIMARY KEY (field)
);

CREATE TABLE hub_snapshots (
    "model_id" VARCHAR NOT NULL,
    "hub_repo" VARCHAR NOT NULL,
    "endpoint" VARCHAR NOT NULL,
    "status_detail" VARCHAR,
    "checked_at" TIMESTAMPTZ NOT NULL,
    "fetched_at" TIMESTAMPTZ,
    "sha" VARCHAR,
    "created_at" TIMESTAMPTZ,
    "last_modified" TIMESTAMPTZ,
    "downloads" BIGINT,
    "likes" BIGINT,
    "gated" VARCHAR,
    "license" VARCHAR,
    "pipeline_tag" VARCHAR,
    "library_name" VARCHAR,
    "safetensors_parameters" BIGINT,
    "tags" VARCHAR[],
    "config" VARCHAR,
    "status" VARCHAR NOT NULL CHECK ("status" IN ('ok', 'not_found', 'gated', 'error')),
    PRIMARY KEY (model_id)
);

CREATE TABLE hub_checks (
    "model_id" VARCHAR NOT NULL,
    "check" VARCHAR NOT NULL,
    "field" VARCHAR NOT NULL,
    "hub_key" VARCHAR NOT NULL,
    "record_value" VARCHAR,
    "hub_value" VARCHAR,
    "agrees" BOOLEAN NOT NULL,
    "revision" VARCHAR
);

CREATE TABLE build_inputs (
    "path" VARCHAR NOT NULL,
    "sha256" VARCHAR NOT NULL,
    PRIMARY KEY (path)
);

CREATE TABLE measurements (
    "model_id" VARCHAR NOT NULL,
    "run_id" VARCHAR NOT NULL,
    "measured_at" TIMESTAMPTZ NOT NULL,
    "model_revision" VARCHAR NOT NULL,
    "machine" VARCHAR NOT NULL,
    "device" VARCHAR NOT NULL,
    "backend" VARCHAR NOT NULL,
    "backend_version" VARCHAR NOT NULL,
    "dtype" VARCHAR NOT NULL,
    "threads" BIGINT,
    "batch_size" BIGINT NOT NULL,
    "prompt_tokens" BIGINT,
    "generated_tokens" BIGINT,
    "prefill_ms" DOUBLE[] NOT NULL,
    "decode_ms_per_token" DOUBLE[] NOT NULL,
    "peak_memory_bytes" BIGINT,
    "environment" MAP(VARCHAR, VARCHAR),
    "error" VARCHAR,
    "hardware" VARCHAR,
    "scenario" VARCHAR,
    "weights" VARCHAR CHECK ("weights" IN ('random', 'local', 'hub')),
    "module" VARCHAR,
    "module_exact" BOOLEAN,
    "parameters_built" BIGINT,
    "weight_bytes" BIGINT,
    "kv_cache_bytes" BIGINT,
    "peak_vram_bytes" BIGINT,
    "bandwidth_bytes_per_s" DOUBLE,
    "matmul_flops_per_s" DOUBLE,
    "prefill_floor_ms" DOUBLE,
    "decode_floor_ms" DOUBLE,
    "source_detail" VARCHAR,
    "inferred" VARCHAR[],
    "status" VARCHAR CHECK ("status" IN ('ok', 'error', 'unsupported')),
    "source" VARCHAR
);

-- One row per model with the values most pages and queries need, joined and named plainly.
CREATE VIEW model_overview AS
SELECT
    m.id,
    m.name,
    m.family,
    o.name AS organization,  -- The maker's display name (organizations.name).
    m.kind,
    m.released,
    CAST(substr(m.released, 1, 4) AS INTEGER) AS year,  -- Release year; null when the release date is undisclosed.
    m.parameters,
    m.parameters_computed,
    m.parameters_embedding,
    m.parameters_non_embedding,
    a.layers,
    a.hidden_size,
    a.attention_heads,
    a.kv_heads,
    a.head_dim,
    a.attention_kind,
    a.ffn_kind,
    a.activation,
    a.intermediate_size,
    a.ffn_ratio,
    a.norm,
    a.position_encoding,
    a.vocab_size,
    a.context_length_tokens,
    a.tied_embeddings,
    a.parameter_sharing,
    t.tokens AS training_tokens,  -- Pre-training tokens seen (training.tokens).
    round(t.tokens / m.parameters, 1) AS tokens_per_parameter,  -- Training tokens per parameter (Chinchilla-optimal is about 20).
    t.data_openness,
    m.license,
    l.commercial_use AS license_allows_commercial_use,  -- Whether the licence allows commercial use without a separate agreement.
    m.survey_group,
    m.hub_repo,
    m.organization AS organization_id,  -- The maker's id (organizations.id).
    CASE
        WHEN m.parameters IS NULL THEN 'unknown'
        WHEN m.parameters < 100000000 THEN '<0.1B'
        WHEN m.parameters < 500000000 THEN '0.1-0.5B'
        WHEN m.parameters < 1000000000 THEN '0.5-1B'
        WHEN m.parameters < 2000000000 THEN '1-2B'
        WHEN m.parameters < 3000000000 THEN '2-3B'
        WHEN m.parameters <= 5000000000 THEN '3-5B'
        ELSE '>5B'
    END AS size_class,  -- Size bucket by total parameters: 0.1-0.5B, 0.5-1B, 1-2B, 2-3B, 3-5B (unknown when undisclosed).
    CASE
        WHEN m.survey_group IS NOT NULL THEN 'survey'
        WHEN m.released >= '2024-09-25' THEN 'post-survey'
        ELSE 'not surveyed'
    END AS cohort,  -- survey: covered by the survey (arXiv 2409.15790); post-survey: released after its first version (2024-09-24); not surveyed: older models it left out.
    coalesce(m.active_parameters, m.parameters) AS active_parameters,  -- Parameters a token uses (the total but for mixture-of-experts models).
    a.qk_norm IS TRUE AS qk_norm,  -- Whether queries and keys are normalised per head.
    coalesce(list_count(list_filter(a.layer_types, lambda x: x LIKE '%ssm%' OR x IN ('conv', 'recurrent'))) > 0, false) AS hybrid,  -- Whether some layers mix tokens without attention (SSM, convolution or recurrence).
    coalesce(list_count(list_filter(a.layer_types, lambda x: x LIKE 'sliding%')) > 0
             AND list_count(list_filter(a.layer_types, lambda x: x LIKE 'full%')) > 0, false) AS local_global,  -- Whether sliding-window layers alternate with global ones.
    coalesce(len(a.nope_layers) > 0, false) AS has_nope_layers,  -- Whether some layers use no position encoding.
    a.moe_experts IS NOT NULL AS moe,  -- Whether the FFNs are mixtures of experts.
    a.weight_bits AS native_weight_bits,  -- Bits per weight of natively low-bit models (BitNet: 1.58); null for 16/32-bit checkpoints.
    m.released_event  -- Which event the release date marks: weights-on-hub, weights-release-post or announcement.
FROM models AS m
LEFT JOIN organizations AS o ON o.id = m.organization
LEFT JOIN architecture AS a ON a.model_id = m.id
LEFT JOIN training AS t ON t.model_id = m.id
LEFT JOIN licenses AS l ON l.id = m.license;

-- How architecture choices shift by release year (the survey's figure 2 trends).
-- Shares are over the models of that year whose value is known.
CREATE VIEW architecture_by_year AS
SELECT
    year,
    count(*) AS models,  -- Models released that year.
    round(avg(CAST(attention_kind = 'MHA' AS INTEGER)), 3) AS share_mha,  -- Share using multi-head attention.
    round(avg(CAST(attention_kind = 'GQA' AS INTEGER)), 3) AS share_gqa,  -- Share using grouped-query attention.
    round(avg(CAST(attention_kind = 'MQA' AS INTEGER)), 3) AS share_mqa,  -- Share using multi-query attention.
    round(avg(CAST(attention_kind = 'MLA' AS INTEGER)), 3) AS share_mla,  -- Share using multi-head latent attention.
    round(avg(CAST(ffn_kind = 'gated' AS INTEGER)), 3) AS share_gated_ffn,  -- Share with a gated (GLU) FFN.
    round(avg(CAST(activation = 'SiLU' AS INTEGER)), 3) AS share_silu,  -- Share whose FFN activation is SiLU.
    round(avg(CAST(norm = 'RMSNorm' AS INTEGER)), 3) AS share_rmsnorm,  -- Share normalising with RMSNorm.
    round(avg(CAST(position_encoding = 'RoPE' AS INTEGER)), 3) AS share_rope,  -- Share encoding positions with RoPE.
    round(avg(CAST(tied_embeddings AS INTEGER)), 3) AS share_tied_embeddings,  -- Share whose output head shares the input embedding.
    median(vocab_size) AS median_vocab_size,  -- Median vocabulary size.
    median(context_length_tokens) AS median_context_length_tokens,  -- Median context length, in tokens.
    round(median(ffn_ratio), 3) AS median_ffn_ratio,  -- Median FFN ratio (intermediate / hidden size).
    median(parameters) AS median_parameters,  -- Median total parameters.
    median(training_tokens) AS median_training_tokens,  -- Median pre-training tokens (of the models that disclose them).
    median(tokens_per_parameter) AS median_tokens_per_parameter,  -- Median training tokens per parameter (Chinchilla-optimal is about 20).
    round(avg(CAST(hybrid AS INTEGER)), 3) AS share_hybrid,  -- Share mixing attention with SSM, convolution or recurrent layers.
    round(avg(CAST(local_global AS INTEGER)), 3) AS share_local_global,  -- Share alternating sliding-window and global attention layers.
    round(avg(CAST(qk_norm AS INTEGER)), 3) AS share_qk_norm,  -- Share normalising queries and keys.
    round(avg(CAST(has_nope_layers AS INTEGER)), 3) AS share_nope_layers,  -- Share with layers that use no position encoding.
    round(avg(CAST(moe AS INTEGER)), 3) AS share_moe,  -- Share with mixture-of-experts FFNs.
    round(avg(CAST(vocab_size > 150000 AS INTEGER)), 3) AS share_vocab_over_150k,  -- Share with a vocabulary above 150,000 rows.
    count(*) FILTER (WHERE cohort = 'post-survey') AS post_survey_models  -- Models of that year the survey does not cover.
FROM model_overview
GROUP BY year
ORDER BY year;

-- How many models each corpus trained (the survey's figure 3), pre-training and fine-tuning apart.
CREATE VIEW dataset_usage AS
SELECT
    d.id,
    d.name,
    d.openness,
    md.role,
    count(md.model_id) AS models,  -- How many catalog models list the corpus in this role.
    list(md.model_id ORDER BY md.model_id) AS model_ids  -- Their ids.
FROM datasets AS d
JOIN model_datasets AS md ON md.dataset_id = d.id
GROUP BY d.id, d.name, d.openness, md.role
ORDER BY models DESC, d.id;

-- Values per kind of source and status: how much of the catalog is reported, derived, undisclosed...
CREATE VIEW provenance_summary AS
SELECT
    CASE
        WHEN p.source IN ('derived', 'measured') THEN p.source
        WHEN p.source LIKE 'http%' THEN 'url'
        WHEN p.source IS NULL THEN 'none'
        ELSE r.kind
    END AS source_kind,  -- The kind of source (a reference kind, url, derived, measured or none).
    p.status,
    count(*) AS "values"  -- How many values.
FROM provenance AS p
LEFT JOIN sources AS r ON r.id = p.source
GROUP BY ALL
ORDER BY source_kind, p.status;

-- Every value where the survey's data differs from the atlas's (beyond rounding), with the reason.
CREATE VIEW survey_differences AS
SELECT
    p.model_id,
    m.name,
    p.field,
    p.survey_reported,
    p.value AS atlas_value,  -- The atlas's value, as JSON text.
    p.source AS atlas_source,  -- Where the atlas's value comes from.
    p.note AS reason  -- Why the two differ (the record's note).
FROM provenance AS p
JOIN models AS m ON m.id = p.model_id
WHERE p.survey_differs
ORDER BY p.model_id, p.field;

-- The survey's three capability averages per model (its figure 5), as fractions in [0, 1].
CREATE VIEW capabilities AS
SELECT
    m.id AS model_id,
    m.name,
    CAST(substr(m.released, 1, 4) AS INTEGER) AS year,
    m.parameters,
    max(CASE WHEN s.benchmark = 'survey-commonsense' THEN s.value END) AS commonsense_reasoning,  -- The survey's commonsense-reasoning average.
    max(CASE WHEN s.benchmark = 'survey-problem-solving' THEN s.value END) AS problem_solving,  -- The survey's problem-solving average.
    max(CASE WHEN s.benchmark = 'survey-math' THEN s.value END) AS mathematics  -- The survey's mathematics score.
FROM models AS m
JOIN scores AS s ON s.model_id = m.id
WHERE s.benchmark IN ('survey-commonsense', 'survey-problem-solving', 'survey-math')
GROUP BY ALL
ORDER BY m.id;

-- The survey's in-context learning results (its figure 6): the eight-task average at 0, 1 and
-- 5 examples (6a, one model per family) and the gain from 0 to 5 examples (6b, most models).
CREATE VIEW in_context_learning AS
SELECT
    m.id AS model_id,
    m.name,
    m.parameters,
    max(CASE WHEN s.benchmark = 'survey-icl-average' AND s.shots = 0 THEN s.value END) AS average_0_shot,  -- The survey's eight-task average with no examples (figure 6a).
    max(CASE WHEN s.benchmark = 'survey-icl-average' AND s.shots = 1 THEN s.value END) AS average_1_shot,  -- The same average with one example.
    max(CASE WHEN s.benchmark = 'survey-icl-average' AND s.shots = 5 THEN s.value END) AS average_5_shot,  -- The same average with five examples.
    max(CASE WHEN s.benchmark = 'survey-icl-gain' AND s.shots = 5 THEN s.value END) AS gain_0_to_5_shots  -- The score gained from 0 to 5 examples (figure 6b).
FROM models AS m
JOIN scores AS s ON s.model_id = m.id
WHERE s.benchmark IN ('survey-icl-average', 'survey-icl-gain')
GROUP BY ALL
ORDER BY gain_0_to_5_shots DESC NULLS LAST, m.id;

-- The five models nearest to each model by architecture. The distance adds the doublings (log2
-- differences) of parameters, layers, hidden size and, at half weight, vocabulary; plus 0.5 for
-- each differing choice of attention kind, FFN kind, activation, norm and position encoding.
-- A size or choice that one of the two does not disclose counts as one doubling or one difference.
CREATE VIEW nearest_models AS
WITH pairs AS (
    SELECT
        a.id AS model_id,
        b.id AS neighbour_id,
        b.name AS neighbour_name,
        b.parameters AS neighbour_parameters,
        coalesce(abs(log2(a.parameters) - log2(b.parameters)), 1)
        + coalesce(abs(log2(a.layers) - log2(b.layers)), 1)
        + coalesce(abs(log2(a.hidden_size) - log2(b.hidden_size)), 1)
        + 0.5 * coalesce(abs(log2(a.vocab_size) - log2(b.vocab_size)), 1) AS size_distance,
        coalesce(CAST(a.attention_kind = b.attention_kind AS INTEGER), 0)
        + coalesce(CAST(a.ffn_kind = b.ffn_kind AS INTEGER), 0)
        + coalesce(CAST(a.activation = b.activation AS INTEGER), 0)
        + coalesce(CAST(a.norm = b.norm AS INTEGER), 0)
        + coalesce(CAST(a.position_encoding = b.position_encoding AS INTEGER), 0) AS shared_choices
    FROM model_overview AS a
    JOIN model_overview AS b ON a.id <> b.id
)
SELECT
    model_id,  -- The model whose neighbours these are (models.id).
    neighbour_id,  -- A near model (models.id).
    neighbour_name,  -- Its display name.
    neighbour_parameters,  -- Its total parameters.
    shared_choices,  -- How many of attention kind, FFN kind, activation, norm and position encoding the two share (0-5).
    round(size_distance + 0.5 * (5 - shared_choices), 3) AS distance,  -- The architecture distance (see the view's description); 0 is identical.
    row_number() OVER (PARTITION BY model_id ORDER BY size_distance + 0.5 * (5 - shared_choices), neighbour_id) AS rank  -- 1 for the nearest.
FROM pairs
QUALIFY rank <= 5
ORDER BY model_id, rank;

-- The best model at or under each size ceiling (0.5B, 1B, 2B, 3B, 5B parameters) for each
-- benchmark, among results that share a source and a shot count: scores from different sources
-- or settings are never compared. For another ceiling, filter `comparable_scores` yourself.
CREATE VIEW best_under_size AS
WITH ceilings(max_parameters) AS (VALUES (500000000), (1000000000), (2000000000), (3000000000), (5000000000)),
comparable AS (
    SELECT s.benchmark, s.source, s.shots, s.model_id, m.name, m.parameters, s.value,
           count(*) OVER (PARTITION BY s.benchmark, s.source, s.shots) AS models_compared
    FROM scores AS s
    JOIN models AS m ON m.id = s.model_id
    WHERE m.parameters IS NOT NULL
)
SELECT
    c.max_parameters,  -- The size ceiling: models with at most this many parameters compete.
    x.benchmark,  -- The benchmark (benchmarks.id).
    x.source,  -- The source every compared score comes from.
    x.shots,  -- The shot count every compared score shares (null: the source does not say).
    x.model_id,  -- The best model at or under the ceiling (models.id).
    x.name,  -- Its display name.
    x.parameters,  -- Its total parameters.
    x.value,  -- Its score, as a fraction.
    count(*) OVER (PARTITION BY c.max_parameters, x.benchmark, x.source, x.shots) AS candidates  -- Models at or under the ceiling with a score from this source and shot count.
FROM ceilings AS c
JOIN comparable AS x ON x.parameters <= c.max_parameters
WHERE x.models_compared >= 2
QUALIFY row_number() OVER (PARTITION BY c.max_parameters, x.benchmark, x.source, x.shots ORDER BY x.value DESC, x.parameters) = 1
ORDER BY x.benchmark, x.source, x.shots, c.max_parameters;

-- The Hugging Face Hub snapshot of each model that has one (the last good answer and the last try).
CREATE VIEW hub_latest AS
SELECT *
FROM hub_snapshots
QUALIFY row_number() OVER (PARTITION BY model_id ORDER BY checked_at DESC) = 1
ORDER BY model_id;

-- Every value where a model's Hub repository (its safetensors count, card licence or config.json
-- at the snapshot's revision) disagrees with the record.
CREATE VIEW hub_disagreements AS
SELECT
    c.model_id,
    m.name,  -- The model's display name.
    c."check",
    c.field,
    c.hub_key,
    c.record_value,
    c.hub_value,
    c.revision,
    h.fetched_at  -- When the Hub's values were fetched.
FROM hub_checks AS c
JOIN models AS m ON m.id = c.model_id
LEFT JOIN hub_snapshots AS h ON h.model_id = c.model_id
WHERE NOT c.agrees
ORDER BY c.model_id, c."check", c.field;

-- Records a maintainer should re-check, one row per reason: the Hub repository changed after the
-- atlas last read the record's sources (hub-changed), or its sources carry no reading date to
-- compare with (sources-undated); the Hub's config.json, card licence or safetensors count
-- disagree with the record (hub-disagrees); or the repository is gone or gated (hub-unreachable).
-- Only models with a Hub snapshot (`slm-atlas hub refresh`) can be stale.
CREATE VIEW stale_records AS
WITH read AS (
    SELECT p.model_id, max(CASE WHEN length(s.accessed) = 7 THEN s.accessed || '-01' ELSE s.accessed END) AS sources_read
    FROM (SELECT DISTINCT model_id, source FROM provenance WHERE source IS NOT NULL) AS p
    JOIN sources AS s ON s.id = p.source
    GROUP BY p.model_id
),
reasons AS (
    SELECT h.model_id, 'hub-changed' AS reason,
           'the repository changed on ' || CAST(CAST(h.last_modified AS DATE) AS VARCHAR)
           || ', after the sources were last read on ' || r.sources_read AS detail
    FROM hub_snapshots AS h JOIN read AS r ON r.model_id = h.model_id
    WHERE h.last_modified IS NOT NULL AND CAST(h.last_modified AS DATE) > CAST(r.sources_read AS DATE)
    UNION ALL
    SELECT h.model_id, 'sources-undated', 'no source of the record says when it was read (references.accessed)'
    FROM hub_snapshots AS h LEFT JOIN read AS r ON r.model_id = h.model_id
    WHERE h.last_modified IS NOT NULL AND r.sources_read IS NULL
    UNION ALL
    SELECT model_id, 'hub-disagrees', count(*) || ' value(s) differ: ' || string_agg(field, ', ' ORDER BY field)
    FROM hub_disagreements GROUP BY model_id
    UNION ALL
    SELECT model_id, 'hub-unreachable', 'the last refresh got ' || status || coalesce(': ' || status_detail, '')
    FROM hub_snapshots WHERE status <> 'ok'
)
SELECT
    x.model_id,  -- The record to re-check (models.id).
    m.name,  -- Its display name.
    x.reason,  -- hub-changed, sources-undated, hub-disagrees or hub-unreachable.
    x.detail,  -- What changed or differs.
    h.last_modified AS hub_last_modified,  -- The repository's last commit, as the Hub reported it.
    r.sources_read,  -- The latest day the atlas read one of the record's sources (references.accessed).
    h.checked_at AS hub_checked_at  -- When the snapshot was last refreshed.
FROM reasons AS x
JOIN models AS m ON m.id = x.model_id
LEFT JOIN hub_snapshots AS h ON h.model_id = x.model_id
LEFT JOIN read AS r ON r.model_id = x.model_id
ORDER BY x.model_id, x.reason;

-- One row per measured setting that ran: the median of each run's raw samples, with the model's
-- size and how far the medians sit above the machine's floors. Rows with a source are published
-- numbers (the survey's, one value per point, setup partly inferred), not our runs: they have no
-- floors, so their ratios stay null.
CREATE VIEW runtime AS
SELECT
    r.model_id,  -- The model measured (models.id).
    r.source,  -- null: our run (slm-atlas measure); else the reference whose numbers these are (slm-survey: the survey's figures).
    m.name,  -- Its display name.
    m.parameters,  -- Its total parameters.
    r.machine,
    r.hardware,
    r.device,
    r.backend,
    r.backend_version,
    r.dtype,
    r.weights,  -- random (built from the record), local or hub (real checkpoints; the survey's published numbers are hub).
    r.module,  -- The module that ran (a stand-in where module_exact is false).
    r.module_exact,  -- Whether that module is the model's own design (false: a stand-in of equal cost).
    r.threads,
    r.batch_size,
    r.prompt_tokens,
    r.generated_tokens,
    len(r.prefill_ms) AS samples,  -- How many timed repetitions the run kept.
    list_aggregate(r.prefill_ms, 'median') AS prefill_ms_median,  -- Median time to process the prompt (first token), in milliseconds.
    list_aggregate(r.decode_ms_per_token, 'median') AS decode_ms_per_token_median,  -- Median time per generated token, in milliseconds.
    1000.0 / list_aggregate(r.decode_ms_per_token, 'median') AS decode_tokens_per_second,  -- Generation speed: tokens per second at the median.
    list_aggregate(r.decode_ms_per_token, 'stddev_samp') / list_aggregate(r.decode_ms_per_token, 'avg') AS decode_cv,  -- Coefficient of variation of the decode samples.
    list_aggregate(r.decode_ms_per_token, 'median') / r.decode_floor_ms AS decode_over_floor,  -- Median decode time over its bandwidth floor (1 is the ceiling).
    list_aggregate(r.prefill_ms, 'median') / r.prefill_floor_ms AS prefill_over_floor,  -- Median prefill time over its compute floor.
    r.peak_memory_bytes,
    r.weight_bytes,
    r.measured_at,
    r.run_id,
    r.inferred  -- Fields the source does not state (empty for our runs).
FROM measurements AS r
JOIN models AS m ON m.id = r.model_id
WHERE r.status = 'ok'
ORDER BY r.model_id, r.source NULLS FIRST, r.machine, r.backend, r.dtype, r.prompt_tokens;

-- Every value of the provenance table in typed columns, so queries need not know that provenance.value is JSON text: text unquoted, numbers as DOUBLE, true/false as BOOLEAN, lists as lists of text.
CREATE VIEW provenance_values AS
SELECT
    p.model_id,  -- The model's id.
    p.field,  -- Dotted field path, e.g. architecture.kv_heads.
    CASE json_type(p.value::JSON)
        WHEN 'VARCHAR' THEN 'text' WHEN 'ARRAY' THEN 'list' WHEN 'BOOLEAN' THEN 'boolean'
        WHEN 'UBIGINT' THEN 'number' WHEN 'BIGINT' THEN 'number' WHEN 'DOUBLE' THEN 'number'
        ELSE 'null'
    END AS value_kind,  -- What the value is: text, number, boolean, list, or null (no value).
    CASE WHEN json_type(p.value::JSON) = 'ARRAY' THEN NULL ELSE p.value::JSON ->> '$' END AS value_text,  -- The value as text, strings unquoted (null for lists; see value_list).
    CASE WHEN json_type(p.value::JSON) IN ('UBIGINT', 'BIGINT', 'DOUBLE') THEN CAST(p.value AS DOUBLE) END AS value_number,  -- The value as a DOUBLE when it is a number.
    CASE WHEN json_type(p.value::JSON) = 'BOOLEAN' THEN CAST(p.value AS BOOLEAN) END AS value_boolean,  -- The value when it is true or false.
    CASE WHEN json_type(p.value::JSON) = 'ARRAY' THEN CAST(p.value::JSON ->> '$[*]' AS VARCHAR[]) END AS value_list,  -- The value when it is a list (e.g. dataset ids), as a list of text.
    p.source,  -- Where the value comes from: a references key, a URL, derived or measured.
    p.status,  -- reported, derived, measured, estimated, undisclosed or not_applicable.
    p.note  -- Why the value is what it is, when a note says.
FROM provenance AS p;

-- How far our machines rank the models as the survey's devices do: Spearman's rank correlation of
-- the median decode time per token (and of the prefill time) over the models both measured, one
-- row per pair of settings (ours: machine, backend, format, lengths; the survey's: device, engine,
-- format). Ties share their mean rank; pairs with fewer than 3 shared models are left out.
CREATE VIEW runtime_rank_agreement AS
WITH settings AS (
    SELECT 'decode' AS metric, source, hardware, machine, backend, dtype, prompt_tokens, generated_tokens, model_id,
           median(decode_ms_per_token_median) AS value
    FROM runtime WHERE decode_ms_per_token_median IS NOT NULL GROUP BY ALL
    UNION ALL
    SELECT 'prefill', source, hardware, machine, backend, dtype, prompt_tokens, generated_tokens, model_id,
           median(prefill_ms_median)
    FROM runtime WHERE prefill_ms_median IS NOT NULL GROUP BY ALL
),
pairs AS (
    SELECT o.metric, o.hardware AS our_hardware, o.machine AS our_machine, o.backend AS our_backend, o.dtype AS our_dtype,
           o.prompt_tokens AS our_prompt_tokens, o.generated_tokens AS our_generated_tokens, s.source AS reference,
           s.hardware AS reference_hardware, s.machine AS reference_machine, s.backend AS reference_backend,
           s.dtype AS reference_dtype, o.model_id, o.value AS ours, s.value AS theirs
    FROM settings AS o
    JOIN settings AS s ON s.model_id = o.model_id AND s.metric = o.metric AND s.source IS NOT NULL
    WHERE o.source IS NULL
),
ranked AS (
    SELECT *,
        (rank() OVER (PARTITION BY metric, our_hardware, our_backend, our_dtype, our_prompt_tokens, our_generated_tokens,
                      reference, reference_hardware, reference_backend, reference_dtype ORDER BY ours)
         + count(*) OVER (PARTITION BY metric, our_hardware, our_backend, our_dtype, our_prompt_tokens, our_generated_tokens,
                          reference, reference_hardware, reference_backend, reference_dtype) + 1
         - rank() OVER (PARTITION BY metric, our_hardware, our_backend, our_dtype, our_prompt_tokens, our_generated_tokens,
                        reference, reference_hardware, reference_backend, reference_dtype ORDER BY ours DESC)) / 2.0 AS our_rank,
        (rank() OVER (PARTITION BY metric, our_hardware, our_backend, our_dtype, our_prompt_tokens, our_generated_tokens,
                      reference, reference_hardware, reference_backend, reference_dtype ORDER BY theirs)
         + count(*) OVER (PARTITION BY metric, our_hardware, our_backend, our_dtype, our_prompt_tokens, our_generated_tokens,
                          reference, reference_hardware, reference_backend, reference_dtype) + 1
         - rank() OVER (PARTITION BY metric, our_hardware, our_backend, our_dtype, our_prompt_tokens, our_generated_tokens,
                        reference, reference_hardware, reference_backend, reference_dtype ORDER BY theirs DESC)) / 2.0 AS their_rank
    FROM pairs
)
SELECT
    metric,  -- decode (median ms per generated token) or prefill (median ms to the first token).
    our_hardware,  -- Our machine's profile (measure/hardware/<slug>.yaml).
    our_machine,  -- Our machine's CPU or accelerator name.
    our_backend,  -- Our inference engine.
    our_dtype,  -- Our weight format.
    our_prompt_tokens,  -- Our runs' prompt length in tokens.
    our_generated_tokens,  -- Our runs' generated tokens.
    reference,  -- Whose numbers we compare with (a survey/references.yaml key).
    reference_hardware,  -- Their device's profile (measure/hardware/<slug>.yaml).
    reference_machine,  -- Their device, as they name it.
    reference_backend,  -- Their inference engine (inferred for the survey: see measurements.inferred).
    reference_dtype,  -- Their weight format (inferred for the survey's overview figure).
    count(*) AS models,  -- Models both settings measured.
    corr(our_rank, their_rank) AS spearman,  -- Spearman's rank correlation: 1 same order, 0 none, -1 reversed.
    list(model_id ORDER BY their_rank, model_id) AS models_by_reference_rank  -- The shared models, fastest first on their device.
FROM ranked
GROUP BY ALL
HAVING count(*) >= 3
ORDER BY metric, our_hardware, our_backend, our_dtype, our_prompt_tokens, reference, reference_hardware, reference_dtype;

-- How much each lower-precision format speeds up prefill and decode, and shrinks peak memory, against
-- its engine's 16-bit format for the same model, machine, source and lengths: torch int8 against
-- bf16, llama.cpp's quantizations against f16.
CREATE VIEW quantization_speedups AS
SELECT
    q.model_id,  -- The model (models.id).
    q.source,  -- null: our run; else the reference whose numbers these are.
    q.hardware,  -- The machine's profile (measure/hardware/<hardware>.yaml).
    q.backend,  -- The engine.
    q.dtype,  -- The lower-precision format.
    b.dtype AS baseline_dtype,  -- The engine's 16-bit format it is compared with.
    q.prompt_tokens,
    q.generated_tokens,
    round(b.prefill_ms_median / q.prefill_ms_median, 3) AS prefill_speedup,  -- Baseline prefill time over this format's (above 1: faster).
    round(b.decode_ms_per_token_median / q.decode_ms_per_token_median, 3) AS decode_speedup,  -- Baseline decode time per token over this format's (above 1: faster).
    round(CAST(b.peak_memory_bytes AS DOUBLE) / q.peak_memory_bytes, 3) AS memory_reduction  -- Baseline peak memory over this format's (above 1: smaller).
FROM runtime AS q
JOIN runtime AS b
    ON b.model_id = q.model_id AND b.backend = q.backend AND b.hardware IS NOT DISTINCT FROM q.hardware
    AND b.source IS NOT DISTINCT FROM q.source AND b.prompt_tokens = q.prompt_tokens
    AND b.generated_tokens = q.generated_tokens
    AND lower(b.dtype) = CASE WHEN q.backend = 'torch' THEN 'bf16' ELSE 'f16' END
WHERE lower(q.dtype) <> lower(b.dtype)
ORDER BY q.model_id, q.source NULLS FIRST, q.hardware, q.backend, q.dtype, q.prompt_tokens;

-- The best run per model, machine, engine, format and prompt length: the one with the fastest median
-- decode (a machine measured twice keeps its quieter run).
CREATE VIEW runtime_best AS
SELECT
    model_id,  -- The model (models.id).
    source,  -- null: our run; else the reference whose numbers these are.
    hardware,  -- The machine's profile (measure/hardware/<hardware>.yaml).
    backend,  -- The engine.
    dtype,  -- The weight format.
    prompt_tokens,
    generated_tokens,
    prefill_ms_median,  -- Median time to process the prompt, in milliseconds.
    decode_ms_per_token_median,  -- Median time per generated token, in milliseconds.
    decode_over_floor,  -- Median decode time over its bandwidth floor.
    peak_memory_bytes,  -- Peak resident memory of the run.
    run_id  -- The run kept.
FROM runtime
QUALIFY row_number() OVER (
    PARTITION BY model_id, source, hardware, backend, dtype, prompt_tokens, generated_tokens
    ORDER BY decode_ms_per_token_median, measured_at DESC) = 1
ORDER BY model_id, source NULLS FIRST, hardware, backend, dtype, prompt_tokens;

-- Every setting of ours that ran no timing, with the reason: designs an engine has no block for
-- (unsupported) and runs that stopped (error, for example a build that would not fit in memory).
-- A model missing here and from runtime was never tried on that engine and format.
CREATE VIEW runtime_not_run AS
SELECT
    r.model_id,  -- The model (models.id).
    m.name,  -- Its display name.
    m.parameters,  -- Its total parameters.
    r.machine,
    r.hardware,  -- The machine's profile (measure/hardware/<hardware>.yaml).
    r.device,
    r.backend,  -- The engine.
    r.backend_version,
    r.dtype,  -- The weight format.
    r.prompt_tokens,
    r.status,  -- unsupported: the engine has no block for a design of the model; error: the run stopped.
    r.error,  -- The reason, as the runner wrote it.
    r.measured_at,
    r.run_id
FROM measurements AS r
JOIN models AS m ON m.id = r.model_id
WHERE r.status <> 'ok'
ORDER BY r.model_id, r.hardware, r.backend, r.dtype, r.prompt_tokens;
