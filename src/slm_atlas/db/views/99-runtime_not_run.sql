-- Every setting of ours that ran no timing, with the reason: designs an engine has no block for
-- (unsupported) and runs that stopped (error, for example a build that would not fit in memory).
-- A model missing here and from runtime was never tried on that engine and format.
CREATE VIEW runtime_not_run AS
SELECT
    r.model_id,  -- The model (models.id).
    m.name,  -- Its display name.
    m.parameters,  -- Its total parameters.
    r.machine,
    r.hardware,  -- The machine's profile (measure/hardware/<hardware>.yaml).
    r.device,
    r.backend,  -- The engine.
    r.backend_version,
    r.dtype,  -- The weight format.
    r.prompt_tokens,
    r.status,  -- unsupported: the engine has no block for a design of the model; error: the run stopped.
    r.error,  -- The reason, as the runner wrote it.
    r.measured_at,
    r.run_id
FROM measurements AS r
JOIN models AS m ON m.id = r.model_id
WHERE r.status <> 'ok'
ORDER BY r.model_id, r.hardware, r.backend, r.dtype, r.prompt_tokens;
