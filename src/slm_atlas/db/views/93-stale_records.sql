-- Records a maintainer should re-check, one row per reason: the Hub repository changed after the
-- atlas last read the record's sources (hub-changed), or its sources carry no reading date to
-- compare with (sources-undated); the Hub's config.json, card licence or safetensors count
-- disagree with the record (hub-disagrees); or the repository is gone or gated (hub-unreachable).
-- Only models with a Hub snapshot (`slm-atlas hub refresh`) can be stale.
CREATE VIEW stale_records AS
WITH read AS (
    SELECT p.model_id, max(CASE WHEN length(s.accessed) = 7 THEN s.accessed || '-01' ELSE s.accessed END) AS sources_read
    FROM (SELECT DISTINCT model_id, source FROM provenance WHERE source IS NOT NULL) AS p
    JOIN sources AS s ON s.id = p.source
    GROUP BY p.model_id
),
reasons AS (
    SELECT h.model_id, 'hub-changed' AS reason,
           'the repository changed on ' || CAST(CAST(h.last_modified AS DATE) AS VARCHAR)
           || ', after the sources were last read on ' || r.sources_read AS detail
    FROM hub_snapshots AS h JOIN read AS r ON r.model_id = h.model_id
    WHERE h.last_modified IS NOT NULL AND CAST(h.last_modified AS DATE) > CAST(r.sources_read AS DATE)
    UNION ALL
    SELECT h.model_id, 'sources-undated', 'no source of the record says when it was read (references.accessed)'
    FROM hub_snapshots AS h LEFT JOIN read AS r ON r.model_id = h.model_id
    WHERE h.last_modified IS NOT NULL AND r.sources_read IS NULL
    UNION ALL
    SELECT model_id, 'hub-disagrees', count(*) || ' value(s) differ: ' || string_agg(field, ', ' ORDER BY field)
    FROM hub_disagreements GROUP BY model_id
    UNION ALL
    SELECT model_id, 'hub-unreachable', 'the last refresh got ' || status || coalesce(': ' || status_detail, '')
    FROM hub_snapshots WHERE status <> 'ok'
)
SELECT
    x.model_id,  -- The record to re-check (models.id).
    m.name,  -- Its display name.
    x.reason,  -- hub-changed, sources-undated, hub-disagrees or hub-unreachable.
    x.detail,  -- What changed or differs.
    h.last_modified AS hub_last_modified,  -- The repository's last commit, as the Hub reported it.
    r.sources_read,  -- The latest day the atlas read one of the record's sources (references.accessed).
    h.checked_at AS hub_checked_at  -- When the snapshot was last refreshed.
FROM reasons AS x
JOIN models AS m ON m.id = x.model_id
LEFT JOIN hub_snapshots AS h ON h.model_id = x.model_id
LEFT JOIN read AS r ON r.model_id = x.model_id
ORDER BY x.model_id, x.reason;
