"""The pieces of rendering: escaping helpers, the README's examples, number formats."""

import json

from slm_atlas.formatting import grouped, human, percent, tokens, value_text
from slm_atlas.site.render import front_matter_title, json_script, readme_examples
from tests.conftest import REPO


def test_json_script_cannot_close_its_script_element():
    text = str(json_script({"name": "</script><script>alert(1)</script>", "a&b": 1}))
    assert "</script>" not in text and "<" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script>", "a&b": 1}


def test_front_matter_title_is_escaped_html_in_yaml_quotes():
    import yaml

    quoted = str(front_matter_title("</title><script>x</script> & co"))
    assert yaml.safe_load(f"title: {quoted}") == {"title": "&lt;/title&gt;&lt;script&gt;x&lt;/script&gt; &amp; co"}


def test_readme_examples_are_the_statements_of_the_marked_block(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(
        "# X\n\n```sql\nselect 'not this block';\n```\n\n<!-- sql-examples -->\n```sql\n"
        "-- First: one line\nselect 1 as a;\n\n-- Second, over\n-- two comment lines\nselect 2\nfrom t;\n```\n",
        encoding="utf-8",
    )
    assert readme_examples(readme) == [
        {"title": "First: one line", "sql": "select 1 as a;"},
        {"title": "Second, over two comment lines", "sql": "select 2\nfrom t;"},
    ]


def test_the_real_readme_examples_are_found():
    examples = readme_examples(REPO / "README.md")
    assert len(examples) >= 7
    assert examples[0] == {
        "title": "The attention kind and size of every model, largest first",
        "sql": "select name, attention_kind, parameters from model_overview order by parameters desc limit 5;",
    }
    assert examples[2]["sql"].count("\n") == 1  # a statement over two lines keeps its lines


def test_numbers_read_as_people_write_them():
    assert [human(494_032_768), human(1.5e12), human(50_257), human(None), human(12)] == [
        "494M",
        "1.5T",
        "50.3K",
        "—",
        "12",
    ]
    assert [grouped(494_032_768), grouped(50257.0), tokens(8192), tokens(131072), tokens(2000)] == [
        "494,032,768",
        "50,257",
        "8K",
        "128K",
        "2,000",
    ]
    assert percent(0.38368) == "38.4%"


def test_values_are_shown_with_names_and_exact_counts():
    names = {"the-pile": "The Pile", "Apache-2.0": "Apache License 2.0"}
    assert value_text("parameters", "494032768", names) == "494M (494,032,768)"
    assert value_text("training.datasets", '["the-pile", "other"]', names) == "The Pile, other"
    assert value_text("license", '"Apache-2.0"', names) == "Apache License 2.0"
    assert value_text("architecture.tied_embeddings", "true", names) == "yes"
    assert value_text("architecture.vocab_size", "151936", names) == "151,936"
    assert (
        value_text("architecture.rope_theta", "10000.0", names),
        value_text("architecture.ffn_ratio", "5.428571", names),
    ) == ("10,000", "5.429")
    assert value_text("training.techniques", "[]", names) == "none"
    assert value_text("architecture.kv_heads", None, names) == "—"


def test_vendored_vega_is_the_version_the_specs_are_compiled_for():
    import vl_convert

    head = (REPO / "site" / "assets" / "vendor" / "vega" / "vega.min.js").read_text(encoding="utf-8")[-2000:]
    assert f'"{vl_convert.get_vega_version()}"' in head
