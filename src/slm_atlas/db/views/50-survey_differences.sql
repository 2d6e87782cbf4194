-- Every value where the survey's data differs from the atlas's (beyond rounding), with the reason.
CREATE VIEW survey_differences AS
SELECT
    p.model_id,
    m.name,
    p.field,
    p.survey_reported,
    p.value AS atlas_value,  -- The atlas's value, as JSON text.
    p.source AS atlas_source,  -- Where the atlas's value comes from.
    p.note AS reason  -- Why the two differ (the record's note).
FROM provenance AS p
JOIN models AS m ON m.id = p.model_id
WHERE p.survey_differs
ORDER BY p.model_id, p.field;
