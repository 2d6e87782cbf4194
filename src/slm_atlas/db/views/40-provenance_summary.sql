-- Values per kind of source and status: how much of the catalog is reported, derived, undisclosed...
CREATE VIEW provenance_summary AS
SELECT
    CASE
        WHEN p.source IN ('derived', 'measured') THEN p.source
        WHEN p.source LIKE 'http%' THEN 'url'
        WHEN p.source IS NULL THEN 'none'
        ELSE r.kind
    END AS source_kind,  -- The kind of source (a reference kind, url, derived, measured or none).
    p.status,
    count(*) AS "values"  -- How many values.
FROM provenance AS p
LEFT JOIN sources AS r ON r.id = p.source
GROUP BY ALL
ORDER BY source_kind, p.status;
