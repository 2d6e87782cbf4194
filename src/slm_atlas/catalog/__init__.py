"""Reading and checking the catalog: YAML with positions, Pydantic validation, cross-record rules."""
