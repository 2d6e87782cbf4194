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
