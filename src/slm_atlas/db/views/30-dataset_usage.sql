-- How many models each corpus trained (the survey's figure 3), pre-training and fine-tuning apart.
CREATE VIEW dataset_usage AS
SELECT
    d.id,
    d.name,
    d.openness,
    md.role,
    count(md.model_id) AS models,  -- How many catalog models list the corpus in this role.
    list(md.model_id ORDER BY md.model_id) AS model_ids  -- Their ids.
FROM datasets AS d
JOIN model_datasets AS md ON md.dataset_id = d.id
GROUP BY d.id, d.name, d.openness, md.role
ORDER BY models DESC, d.id;
