-- Every value where a model's Hub repository (its safetensors count, card licence or config.json
-- at the snapshot's revision) disagrees with the record.
CREATE VIEW hub_disagreements AS
SELECT
    c.model_id,
    m.name,  -- The model's display name.
    c."check",
    c.field,
    c.hub_key,
    c.record_value,
    c.hub_value,
    c.revision,
    h.fetched_at  -- When the Hub's values were fetched.
FROM hub_checks AS c
JOIN models AS m ON m.id = c.model_id
LEFT JOIN hub_snapshots AS h ON h.model_id = c.model_id
WHERE NOT c.agrees
ORDER BY c.model_id, c."check", c.field;
