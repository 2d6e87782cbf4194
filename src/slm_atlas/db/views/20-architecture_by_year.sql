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
