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
