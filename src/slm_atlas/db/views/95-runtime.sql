-- One row per measured setting: the median of each run's raw samples, with the model's size.
CREATE VIEW runtime AS
SELECT
    r.model_id,  -- The model measured (models.id).
    m.name,  -- Its display name.
    m.parameters,  -- Its total parameters.
    r.machine,
    r.device,
    r.backend,
    r.backend_version,
    r.dtype,
    r.threads,
    r.batch_size,
    r.prompt_tokens,
    r.generated_tokens,
    len(r.prefill_ms) AS samples,  -- How many timed repetitions the run kept.
    list_aggregate(r.prefill_ms, 'median') AS prefill_ms_median,  -- Median time to process the prompt (first token), in milliseconds.
    list_aggregate(r.decode_ms_per_token, 'median') AS decode_ms_per_token_median,  -- Median time per generated token, in milliseconds.
    1000.0 / list_aggregate(r.decode_ms_per_token, 'median') AS decode_tokens_per_second,  -- Generation speed: tokens per second at the median.
    r.peak_memory_bytes,
    r.measured_at,
    r.run_id
FROM measurements AS r
JOIN models AS m ON m.id = r.model_id
ORDER BY r.model_id, r.machine, r.backend, r.dtype, r.prompt_tokens;
