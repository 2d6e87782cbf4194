-- The best model at or under each size ceiling (0.5B, 1B, 2B, 3B, 5B parameters) for each
-- benchmark, among results that share a source and a shot count: scores from different sources
-- or settings are never compared. For another ceiling, filter `comparable_scores` yourself.
CREATE VIEW best_under_size AS
WITH ceilings(max_parameters) AS (VALUES (500000000), (1000000000), (2000000000), (3000000000), (5000000000)),
comparable AS (
    SELECT s.benchmark, s.source, s.shots, s.model_id, m.name, m.parameters, s.value,
           count(*) OVER (PARTITION BY s.benchmark, s.source, s.shots) AS models_compared
    FROM scores AS s
    JOIN models AS m ON m.id = s.model_id
    WHERE m.parameters IS NOT NULL
)
SELECT
    c.max_parameters,  -- The size ceiling: models with at most this many parameters compete.
    x.benchmark,  -- The benchmark (benchmarks.id).
    x.source,  -- The source every compared score comes from.
    x.shots,  -- The shot count every compared score shares (null: the source does not say).
    x.model_id,  -- The best model at or under the ceiling (models.id).
    x.name,  -- Its display name.
    x.parameters,  -- Its total parameters.
    x.value,  -- Its score, as a fraction.
    count(*) OVER (PARTITION BY c.max_parameters, x.benchmark, x.source, x.shots) AS candidates  -- Models at or under the ceiling with a score from this source and shot count.
FROM ceilings AS c
JOIN comparable AS x ON x.parameters <= c.max_parameters
WHERE x.models_compared >= 2
QUALIFY row_number() OVER (PARTITION BY c.max_parameters, x.benchmark, x.source, x.shots ORDER BY x.value DESC, x.parameters) = 1
ORDER BY x.benchmark, x.source, x.shots, c.max_parameters;
