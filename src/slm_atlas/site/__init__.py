"""The static site: pages rendered from the database through Jinja templates, built by MkDocs.

The only input is build/slm-atlas.duckdb (its tables and views); the templates, hand-written
pages and assets live in the repository's top-level site/ folder, which is not a package.
"""
