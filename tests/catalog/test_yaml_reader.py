from pathlib import Path

import pytest
import yaml

from slm_atlas.catalog.yaml_reader import Mark, YamlError, parse_yaml, read_yaml, resolve_plain

LOADERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("~", None),
        ("null", None),
        ("true", True),
        ("False", False),
        ("30", 30),
        ("-5", -5),
        ("1_100_000_000", 1_100_000_000),
        ("2.5", 2.5),
        ("1e-5", 1e-5),
        (".5", 0.5),
        ("2024-07-16", "2024-07-16"),
        ("2024-13-01", "2024-13-01"),
        ("yes", "yes"),
        ("on", "on"),
        ("600B", "600B"),
        ("0x1F", "0x1F"),
        (".inf", ".inf"),
        ("007", "007"),
    ],
)
def test_plain_scalars_follow_a_small_core_schema(text, expected):
    assert resolve_plain(text) == expected


@pytest.mark.parametrize("loader", LOADERS, ids=lambda loader: loader.__name__)
def test_both_parsers_give_the_same_data_and_positions(loader):
    text = "a: 1\nb:\n  - x\n  - {c: '2', d: null}\n"
    doc = parse_yaml(text, Path("f.yaml"), loader)
    assert doc.data == {"a": 1, "b": ["x", {"c": "2", "d": None}]}
    assert doc.values[("b", 1, "c")] == Mark(4, 9)
    assert doc.keys[("b",)] == Mark(2, 1)
    assert doc.values[("b", 0)] == Mark(3, 5)


@pytest.mark.parametrize("loader", LOADERS, ids=lambda loader: loader.__name__)
@pytest.mark.parametrize(
    ("text", "mark", "message"),
    [
        ("a: 1\na: 2\n", Mark(2, 1), "duplicate key 'a' (first defined at line 1)"),
        ("a: !!str 1\n", Mark(1, 4), "YAML tags are not allowed (found 'tag:yaml.org,2002:str')"),
        ("a: &x 1\nb: *x\n", Mark(1, 4), "YAML anchors and aliases are not allowed (found anchor '&x')"),
        ("? [a]\n: 1\n", Mark(1, 3), "mapping keys must be plain words, not lists or mappings"),
        ("a: 1\n---\nb: 2\n", Mark(2, 1), "one YAML document per file (found a second '---')"),
    ],
)
def test_forbidden_input_is_located(loader, text, mark, message):
    with pytest.raises(YamlError) as err:
        parse_yaml(text, Path("f.yaml"), loader)
    assert (err.value.mark, err.value.message) == (mark, message)


def test_quoted_scalars_stay_text():
    assert parse_yaml("a: '30'\nb: \"true\"\n", Path("f.yaml")).data == {"a": "30", "b": "true"}


def test_oversize_file_is_refused_before_parsing(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 1_000_001, encoding="utf-8")
    with pytest.raises(YamlError) as err:
        read_yaml(path)
    assert err.value.code == "file"
    assert err.value.message == "file is 1,000,004 bytes; the limit is 1,000,000 bytes"


def test_invalid_utf8_points_at_the_byte(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"a: 1\nb: x\xff\n")
    with pytest.raises(YamlError) as err:
        read_yaml(path)
    assert (err.value.mark, err.value.message) == (Mark(2, 5), "file is not valid UTF-8")


def test_locate_falls_back_to_the_deepest_known_place():
    doc = parse_yaml("a:\n  b: 1\n", Path("f.yaml"))
    assert doc.locate(("a", "b", "value")) == (("a", "b"), Mark(2, 6))
    assert doc.locate(("a", "zzz"), at_key=True) == (("a",), Mark(1, 1))


@pytest.mark.parametrize("loader", LOADERS, ids=lambda loader: loader.__name__)
def test_syntax_errors_carry_the_parser_position(loader):
    # the two parsers word the problem differently; the position and the context agree
    with pytest.raises(YamlError) as err:
        parse_yaml("a: [1, 2\n", Path("f.yaml"), loader)
    assert err.value.mark == Mark(2, 1)
    assert err.value.message.endswith("(while parsing a flow sequence)")
    assert "expected ',' or ']'" in err.value.message


@pytest.mark.parametrize("loader", LOADERS, ids=lambda loader: loader.__name__)
@pytest.mark.parametrize(
    ("text", "mark", "cause"),
    [
        (
            "a:\n\tb: 1\n",
            Mark(2, 1),
            "; likely cause: a tab character: YAML indents with spaces only; replace the tab with spaces",
        ),
        (
            "title: Qwen2: a report\n",
            Mark(1, 13),
            "; likely cause: an unquoted colon followed by a space inside a value: "
            'quote the whole value, e.g. title: "Qwen2: a report"',
        ),
        (
            "a:\n  - x: 1\n   y: 2\n",
            Mark(3, 4),
            "; likely cause: the indentation: keys of one mapping (and items of one list) start in the same column",
        ),
    ],
)
def test_common_syntax_errors_name_their_likely_cause(loader, text, mark, cause):
    with pytest.raises(YamlError) as err:
        parse_yaml(text, Path("f.yaml"), loader)
    assert err.value.mark == mark
    assert err.value.message.endswith(cause)


def test_other_syntax_errors_guess_no_cause():
    with pytest.raises(YamlError) as err:
        parse_yaml("a: [1, 2\n", Path("f.yaml"))
    assert "likely cause" not in err.value.message
