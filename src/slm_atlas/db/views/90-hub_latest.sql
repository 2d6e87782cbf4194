-- The Hugging Face Hub snapshot of each model that has one (the last good answer and the last try).
CREATE VIEW hub_latest AS
SELECT *
FROM hub_snapshots
QUALIFY row_number() OVER (PARTITION BY model_id ORDER BY checked_at DESC) = 1
ORDER BY model_id;
