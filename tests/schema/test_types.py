import pytest

from slm_atlas.schema.types import check_date, check_id, parse_count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("600B", 600_000_000_000),
        ("1.5T", 1_500_000_000_000),
        ("135M", 135_000_000),
        ("2K", 2000),
        (42, 42),
        ("600", "600"),
    ],
)
def test_parse_count_is_exact(text, expected):
    assert parse_count(text) == expected


def test_parse_count_refuses_fractions_of_a_token():
    with pytest.raises(ValueError, match=r"^'1.2345K' is not a whole number of tokens$"):
        parse_count("1.2345K")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-13", "'2024-13' is not a date: month 13 does not exist"),
        ("2024-02-30", "'2024-02-30' is not a date: February 2024 has 29 days"),
    ],
)
def test_check_date_follows_the_calendar(text, message):
    with pytest.raises(ValueError) as err:
        check_date(text)
    assert str(err.value) == message


def test_check_date_accepts_month_and_day_precision():
    assert [check_date(d) for d in ("2024-02", "2024-02-29")] == ["2024-02", "2024-02-29"]


@pytest.mark.parametrize("good", ["smollm-135m", "qwen2.5-0.5b", "gpt2"])
def test_ids_are_lower_case_slugs(good):
    assert check_id(good) == good


@pytest.mark.parametrize("bad", ["SmolLM", "a--b", "-a", "a_b", "a.", ""])
def test_bad_ids_are_refused(bad):
    with pytest.raises(ValueError, match="is not a valid id"):
        check_id(bad)
