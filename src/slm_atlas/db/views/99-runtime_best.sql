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
