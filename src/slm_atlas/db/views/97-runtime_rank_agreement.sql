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
