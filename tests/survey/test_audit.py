from slm_atlas.catalog.loader import load_catalog
from slm_atlas.survey import audit
from tests.conftest import edit, make_catalog


def catalog_with(tmp_path, text):
    return load_catalog(make_catalog(tmp_path, {"smollm-135m.yaml": text}))


def test_differences_carry_both_values_and_the_reason(tmp_path, base_record):
    [diff] = audit.differences(catalog_with(tmp_path, base_record))
    assert (diff.model_id, diff.field, diff.atlas_source) == ("smollm-135m", "training.datasets", "smollm-blog")
    assert diff.survey_reported == ["FineWeb-Edu", "Python-Edu", "Cosmopedia v3"]
    assert diff.reason.startswith('The survey\'s data writes "Cosmopedia v3"')


def test_ffn_ratio_differences_compare_with_the_derived_ratio(tmp_path, base_record):
    text = edit(
        base_record, "ffn_ratio: {survey_reported: 2.6667}", "ffn_ratio: {survey_reported: 5.33, note: fused width}"
    )
    found = {d.field: d for d in audit.differences(catalog_with(tmp_path, text))}
    assert (found["architecture.ffn_ratio"].survey_reported, found["architecture.ffn_ratio"].atlas_source) == (
        5.33,
        "derived",
    )


def test_survey_averages_are_checked_against_their_tasks(tmp_path, base_record):
    checks = {c.benchmark: c for c in audit.aggregate_checks(catalog_with(tmp_path, base_record))}
    assert set(checks) == {"survey-commonsense", "survey-problem-solving"}  # math has no task scores
    assert all(c.agrees for c in checks.values())
    text = edit(
        base_record,
        "{benchmark: survey-commonsense, value: 0.4298944496,",
        "{benchmark: survey-commonsense, value: 0.44,",
    )
    [bad] = [c for c in audit.aggregate_checks(catalog_with(tmp_path / "b", text)) if not c.agrees]
    assert (bad.benchmark, round(bad.recomputed, 6)) == ("survey-commonsense", 0.429894)


def test_report_lines_group_by_model(tmp_path, base_record):
    lines = audit.report_lines(audit.differences(catalog_with(tmp_path, base_record)))
    assert lines[0] == "smollm-135m"
    assert lines[1].startswith("  training.datasets: survey FineWeb-Edu")
    assert lines[2].startswith("    The survey's data writes")


def test_summary_counts_read_in_plain_english():
    def diff(model, field):
        return audit.Difference(model, field, 1, 2, "derived", None)

    check = audit.AggregateCheck("a", "survey-commonsense", 0.5, 0.5)
    assert audit.summary([diff("a", "parameters")], [check]) == (
        "1 value in 1 model differs from the survey's data (parameters 1); "
        "1 of 1 survey average equals the mean of its published task scores"
    )
    found = [diff("a", "parameters"), diff("b", "released")]
    assert audit.summary(found, [check, check]).startswith(
        "2 values in 2 models differ from the survey's data (parameters 1, released 1); 2 of 2 survey averages equal"
    )
    assert (
        audit.summary([], [])
        == "0 values in 0 models differ from the survey's data; 0 of 0 survey averages equal the mean of their "
        "published task scores"
    )
