"""SLM Atlas: a sourced catalog of small language models, validated, built into DuckDB, published as a site."""
