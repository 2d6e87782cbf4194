-- The survey's in-context learning results (its figure 6): the eight-task average at 0, 1 and
-- 5 examples (6a, one model per family) and the gain from 0 to 5 examples (6b, most models).
CREATE VIEW in_context_learning AS
SELECT
    m.id AS model_id,
    m.name,
    m.parameters,
    max(CASE WHEN s.benchmark = 'survey-icl-average' AND s.shots = 0 THEN s.value END) AS average_0_shot,  -- The survey's eight-task average with no examples (figure 6a).
    max(CASE WHEN s.benchmark = 'survey-icl-average' AND s.shots = 1 THEN s.value END) AS average_1_shot,  -- The same average with one example.
    max(CASE WHEN s.benchmark = 'survey-icl-average' AND s.shots = 5 THEN s.value END) AS average_5_shot,  -- The same average with five examples.
    max(CASE WHEN s.benchmark = 'survey-icl-gain' AND s.shots = 5 THEN s.value END) AS gain_0_to_5_shots  -- The score gained from 0 to 5 examples (figure 6b).
FROM models AS m
JOIN scores AS s ON s.model_id = m.id
WHERE s.benchmark IN ('survey-icl-average', 'survey-icl-gain')
GROUP BY ALL
ORDER BY gain_0_to_5_shots DESC NULLS LAST, m.id;
