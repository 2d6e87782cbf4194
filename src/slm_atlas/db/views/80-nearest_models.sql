-- The five models nearest to each model by architecture. The distance adds the doublings (log2
-- differences) of parameters, layers, hidden size and, at half weight, vocabulary; plus 0.5 for
-- each differing choice of attention kind, FFN kind, activation, norm and position encoding.
-- A size or choice that one of the two does not disclose counts as one doubling or one difference.
CREATE VIEW nearest_models AS
WITH pairs AS (
    SELECT
        a.id AS model_id,
        b.id AS neighbour_id,
        b.name AS neighbour_name,
        b.parameters AS neighbour_parameters,
        coalesce(abs(log2(a.parameters) - log2(b.parameters)), 1)
        + coalesce(abs(log2(a.layers) - log2(b.layers)), 1)
        + coalesce(abs(log2(a.hidden_size) - log2(b.hidden_size)), 1)
        + 0.5 * coalesce(abs(log2(a.vocab_size) - log2(b.vocab_size)), 1) AS size_distance,
        coalesce(CAST(a.attention_kind = b.attention_kind AS INTEGER), 0)
        + coalesce(CAST(a.ffn_kind = b.ffn_kind AS INTEGER), 0)
        + coalesce(CAST(a.activation = b.activation AS INTEGER), 0)
        + coalesce(CAST(a.norm = b.norm AS INTEGER), 0)
        + coalesce(CAST(a.position_encoding = b.position_encoding AS INTEGER), 0) AS shared_choices
    FROM model_overview AS a
    JOIN model_overview AS b ON a.id <> b.id
)
SELECT
    model_id,  -- The model whose neighbours these are (models.id).
    neighbour_id,  -- A near model (models.id).
    neighbour_name,  -- Its display name.
    neighbour_parameters,  -- Its total parameters.
    shared_choices,  -- How many of attention kind, FFN kind, activation, norm and position encoding the two share (0-5).
    round(size_distance + 0.5 * (5 - shared_choices), 3) AS distance,  -- The architecture distance (see the view's description); 0 is identical.
    row_number() OVER (PARTITION BY model_id ORDER BY size_distance + 0.5 * (5 - shared_choices), neighbour_id) AS rank  -- 1 for the nearest.
FROM pairs
QUALIFY rank <= 5
ORDER BY model_id, rank;
