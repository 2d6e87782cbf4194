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
    END AS size_class   -- Size bucket by total parameters: 0.1-0.5B, 0.5-1B, 1-2B, 2-3B, 3-5B (unknown when undisclosed).
FROM models AS m
LEFT JOIN organizations AS o ON o.id = m.organization
LEFT JOIN architecture AS a ON a.model_id = m.id
LEFT JOIN training AS t ON t.model_id = m.id
LEFT JOIN licenses AS l ON l.id = m.license;
