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
