-- Every value where the survey's data differs from the atlas's (beyond rounding), with the reason.
CREATE VIEW survey_differences AS
SELECT
    p.model_id,
    m.name,
    p.field,
    p.survey_reported,
    p.value AS atlas_value,
    p.source AS atlas_source,
    p.note AS reason
FROM provenance AS p
JOIN models AS m ON m.id = p.model_id
WHERE p.survey_differs
ORDER BY p.model_id, p.field;
