from slm_atlas.catalog.diagnostics import Diagnostic, render, summary

D1 = Diagnostic(
    "catalog/models/b.yaml",
    14,
    3,
    "architecture.kv_heads",
    "must divide attention_heads (got 5 for 9 heads)",
    "kv-heads-divide",
)
D2 = Diagnostic("catalog/models/a.yaml", 2, 1, "", "duplicate key 'a', again: 100%", "yaml", "see line 1")


def test_text_format_sorts_by_file_and_line():
    assert render([D1, D2], "text") == (
        "catalog/models/a.yaml:2:1: error[yaml]: duplicate key 'a', again: 100%\n  hint: see line 1\n"
        "catalog/models/b.yaml:14:3: error[architecture.kv_heads]: must divide attention_heads (got 5 for 9 heads)"
    )


def test_github_format_escapes_properties_and_data():
    assert (
        D2.github()
        == "::error file=catalog/models/a.yaml,line=2,col=1,title=yaml::duplicate key 'a', again: 100%25 (hint: see "
        "line 1)"
    )
    assert D1.github().startswith("::error file=catalog/models/b.yaml,line=14,col=3,title=architecture.kv_heads::")


def test_summary_counts_files_and_finders():
    assert summary([D1, D2], "2 files") == "failed: 2 errors in 2 files (kv-heads-divide 1, yaml 1); checked 2 files"
    assert summary([], "2 files") == "ok: 2 files, no errors"
