-- Every value of the provenance table in typed columns, so queries need not know that provenance.value is JSON text: text unquoted, numbers as DOUBLE, true/false as BOOLEAN, lists as lists of text.
CREATE VIEW provenance_values AS
SELECT
    p.model_id,  -- The model's id.
    p.field,  -- Dotted field path, e.g. architecture.kv_heads.
    CASE json_type(p.value::JSON)
        WHEN 'VARCHAR' THEN 'text' WHEN 'ARRAY' THEN 'list' WHEN 'BOOLEAN' THEN 'boolean'
        WHEN 'UBIGINT' THEN 'number' WHEN 'BIGINT' THEN 'number' WHEN 'DOUBLE' THEN 'number'
        ELSE 'null'
    END AS value_kind,  -- What the value is: text, number, boolean, list, or null (no value).
    CASE WHEN json_type(p.value::JSON) = 'ARRAY' THEN NULL ELSE p.value::JSON ->> '$' END AS value_text,  -- The value as text, strings unquoted (null for lists; see value_list).
    CASE WHEN json_type(p.value::JSON) IN ('UBIGINT', 'BIGINT', 'DOUBLE') THEN CAST(p.value AS DOUBLE) END AS value_number,  -- The value as a DOUBLE when it is a number.
    CASE WHEN json_type(p.value::JSON) = 'BOOLEAN' THEN CAST(p.value AS BOOLEAN) END AS value_boolean,  -- The value when it is true or false.
    CASE WHEN json_type(p.value::JSON) = 'ARRAY' THEN CAST(p.value::JSON ->> '$[*]' AS VARCHAR[]) END AS value_list,  -- The value when it is a list (e.g. dataset ids), as a list of text.
    p.source,  -- Where the value comes from: a references key, a URL, derived or measured.
    p.status,  -- reported, derived, measured, estimated, undisclosed or not_applicable.
    p.note  -- Why the value is what it is, when a note says.
FROM provenance AS p;
