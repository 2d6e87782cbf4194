-- One row per measured setting that ran: the median of each run's raw samples, with the model's
-- size and how far the medians sit above the machine's floors. Rows with a source are published
-- numbers (the survey's, one value per point, setup partly inferred), not our runs: they have no
-- floors, so their ratios stay null.
CREATE VIEW runtime AS
SELECT
    r.model_id,  -- The model measured (models.id).
    r.source,  -- null: our run (slm-atlas measure); else the reference whose numbers these are (slm-survey: the survey's figures).
    m.name,  -- Its display name.
    m.parameters,  -- Its total parameters.
    r.machine,
    r.hardware,
    r.device,
    r.backend,
    r.backend_version,
    r.dtype,
    r.weights,  -- random (built from the record), local or hub (real checkpoints; the survey's published numbers are hub).
    r.module,  -- The module that ran (a stand-in where module_exact is false).
    r.module_exact,  -- Whether that module is the model's own design (false: a stand-in of equal cost).
    r.threads,
    r.batch_size,
    r.prompt_tokens,
    r.generated_tokens,
    len(r.prefill_ms) AS samples,  -- How many timed repetitions the run kept.
    list_aggregate(r.prefill_ms, 'median') AS prefill_ms_median,  -- Median time to process the prompt (first token), in milliseconds.
    list_aggregate(r.decode_ms_per_token, 'median') AS decode_ms_per_token_median,  -- Median time per generated token, in milliseconds.
    1000.0 / list_aggregate(r.decode_ms_per_token, 'median') AS decode_tokens_per_second,  -- Generation speed: tokens per second at the median.
    list_aggregate(r.decode_ms_per_token, 'stddev_samp') / list_aggregate(r.decode_ms_per_token, 'avg') AS decode_cv,  -- Coefficient of variation of the decode samples.
    list_aggregate(r.decode_ms_per_token, 'median') / r.decode_floor_ms AS decode_over_floor,  -- Median decode time over its bandwidth floor (1 is the ceiling).
    list_aggregate(r.prefill_ms, 'median') / r.prefill_floor_ms AS prefill_over_floor,  -- Median prefill time over its compute floor.
    r.peak_memory_bytes,
    r.weight_bytes,
    r.measured_at,
    r.run_id,
    r.inferred  -- Fields the source does not state (empty for our runs).
FROM measurements AS r
JOIN models AS m ON m.id = r.model_id
WHERE r.status = 'ok'
ORDER BY r.model_id, r.source NULLS FIRST, r.machine, r.backend, r.dtype, r.prompt_tokens;
