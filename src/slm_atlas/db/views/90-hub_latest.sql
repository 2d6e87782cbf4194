-- The newest Hugging Face Hub snapshot of each model (one row per model that has one).
CREATE VIEW hub_latest AS
SELECT *
FROM hub_snapshots
QUALIFY row_number() OVER (PARTITION BY model_id ORDER BY fetched_at DESC) = 1
ORDER BY model_id;
