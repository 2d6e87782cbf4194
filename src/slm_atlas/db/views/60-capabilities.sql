-- The survey's three capability averages per model (its figure 5), as fractions in [0, 1].
CREATE VIEW capabilities AS
SELECT
    m.id AS model_id,
    m.name,
    CAST(substr(m.released, 1, 4) AS INTEGER) AS year,
    m.parameters,
    max(CASE WHEN s.benchmark = 'survey-commonsense' THEN s.value END) AS commonsense_reasoning,  -- The survey's commonsense-reasoning average.
    max(CASE WHEN s.benchmark = 'survey-problem-solving' THEN s.value END) AS problem_solving,  -- The survey's problem-solving average.
    max(CASE WHEN s.benchmark = 'survey-math' THEN s.value END) AS mathematics  -- The survey's mathematics score.
FROM models AS m
JOIN scores AS s ON s.model_id = m.id
WHERE s.benchmark IN ('survey-commonsense', 'survey-problem-solving', 'survey-math')
GROUP BY ALL
ORDER BY m.id;
