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
