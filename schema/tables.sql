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
    "parameters" BIGINT,
    "parameter_check_exemption" VARCHAR,
    "survey_group" VARCHAR CHECK ("survey_group" IN ('survey-v1', 'survey-evaluated', 'survey-leaderboard')),
    "survey_reconstructed" BOOLEAN,
    "survey_note" VARCHAR,
    "references" VARCHAR[],
    "notes" VARCHAR,
    "parameters_computed" BIGINT,
    "parameters_embedding" BIGINT,
    "parameters_non_embedding" BIGINT,
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
    "note" VARCHAR,
    PRIMARY KEY (id)
);

CREATE TABLE hub_snapshots (
    "model_id" VARCHAR NOT NULL,
    "hub_repo" VARCHAR NOT NULL,
    "fetched_at" TIMESTAMPTZ NOT NULL,
    "sha" VARCHAR,
    "last_modified" TIMESTAMPTZ,
    "downloads" BIGINT,
    "likes" BIGINT,
    "gated" VARCHAR,
    "license" VARCHAR,
    "pipeline_tag" VARCHAR,
    "library_name" VARCHAR,
    "safetensors_parameters" BIGINT,
    "tags" VARCHAR[],
    PRIMARY KEY (model_id, fetched_at)
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
    "prompt_tokens" BIGINT NOT NULL,
    "generated_tokens" BIGINT NOT NULL,
    "prefill_ms" DOUBLE[] NOT NULL,
    "decode_ms_per_token" DOUBLE[] NOT NULL,
    "peak_memory_bytes" BIGINT,
    "environment" MAP(VARCHAR, VARCHAR),
    PRIMARY KEY (model_id, run_id, dtype, prompt_tokens, generated_tokens, batch_size)
);

-- One row per model with the values most pages and queries need, joined and named plainly.
CREATE VIEW model_overview AS
SELECT
    m.id,
    m.name,
    m.family,
    o.name AS organization,
    m.kind,
    m.released,
    CAST(substr(m.released, 1, 4) AS INTEGER) AS year,
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
    t.tokens AS training_tokens,
    round(t.tokens / m.parameters, 1) AS tokens_per_parameter,
    t.data_openness,
    m.license,
    l.commercial_use AS license_allows_commercial_use,
    m.survey_group,
    m.hub_repo
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
    count(*) AS models,
    round(avg(CAST(attention_kind = 'MHA' AS INTEGER)), 3) AS share_mha,
    round(avg(CAST(attention_kind = 'GQA' AS INTEGER)), 3) AS share_gqa,
    round(avg(CAST(attention_kind = 'MQA' AS INTEGER)), 3) AS share_mqa,
    round(avg(CAST(attention_kind = 'MLA' AS INTEGER)), 3) AS share_mla,
    round(avg(CAST(ffn_kind = 'gated' AS INTEGER)), 3) AS share_gated_ffn,
    round(avg(CAST(activation = 'SiLU' AS INTEGER)), 3) AS share_silu,
    round(avg(CAST(norm = 'RMSNorm' AS INTEGER)), 3) AS share_rmsnorm,
    round(avg(CAST(position_encoding = 'RoPE' AS INTEGER)), 3) AS share_rope,
    round(avg(CAST(tied_embeddings AS INTEGER)), 3) AS share_tied_embeddings,
    median(vocab_size) AS median_vocab_size,
    median(context_length_tokens) AS median_context_length_tokens,
    round(median(ffn_ratio), 3) AS median_ffn_ratio,
    median(parameters) AS median_parameters,
    median(training_tokens) AS median_training_tokens
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
    count(md.model_id) AS models,
    list(md.model_id ORDER BY md.model_id) AS model_ids
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
    END AS source_kind,
    p.status,
    count(*) AS "values"
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
    p.value AS atlas_value,
    p.source AS atlas_source,
    p.note AS reason
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
    max(CASE WHEN s.benchmark = 'survey-commonsense' THEN s.value END) AS commonsense_reasoning,
    max(CASE WHEN s.benchmark = 'survey-problem-solving' THEN s.value END) AS problem_solving,
    max(CASE WHEN s.benchmark = 'survey-math' THEN s.value END) AS mathematics
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
    max(CASE WHEN s.benchmark = 'survey-icl-average' AND s.shots = 0 THEN s.value END) AS average_0_shot,
    max(CASE WHEN s.benchmark = 'survey-icl-average' AND s.shots = 1 THEN s.value END) AS average_1_shot,
    max(CASE WHEN s.benchmark = 'survey-icl-average' AND s.shots = 5 THEN s.value END) AS average_5_shot,
    max(CASE WHEN s.benchmark = 'survey-icl-gain' AND s.shots = 5 THEN s.value END) AS gain_0_to_5_shots
FROM models AS m
JOIN scores AS s ON s.model_id = m.id
WHERE s.benchmark IN ('survey-icl-average', 'survey-icl-gain')
GROUP BY ALL
ORDER BY gain_0_to_5_shots DESC NULLS LAST, m.id;
