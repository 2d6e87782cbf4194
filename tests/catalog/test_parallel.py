from slm_atlas.catalog.parallel import PARALLEL_FROM, read_many
from slm_atlas.catalog.yaml_reader import Document, Mark, YamlError


def test_parallel_reading_matches_serial_reading_in_order(tmp_path):
    paths = []
    for i in range(PARALLEL_FROM + 5):
        path = tmp_path / f"f{i:04d}.yaml"
        path.write_text(f"id: f{i}\nn: {i}\n" if i != 7 else "id: x\nid: y\n")
        paths.append(path)
    missing = tmp_path / "missing.yaml"
    paths.append(missing)
    parallel = list(read_many(paths, workers=2))
    serial = list(read_many(paths, workers=1))
    assert [p for p, _ in parallel] == paths == [p for p, _ in serial]

    def outcome(result):  # what a reader of the result uses: the data, or the error's place and words
        if isinstance(result, Document):
            return ("data", result.data)
        if isinstance(result, YamlError):
            return ("yaml", result.mark, result.code, result.message)
        return ("os", result.errno)

    assert [outcome(o) for _, o in parallel] == [outcome(o) for _, o in serial]
    assert parallel[3][1].data == {"id": "f3", "n": 3}
    error = parallel[7][1]
    assert isinstance(error, YamlError) and (error.mark, error.message) == (
        Mark(2, 1),
        "duplicate key 'id' (first defined at line 1)",
    )
    assert isinstance(parallel[-1][1], FileNotFoundError)


def test_positions_of_a_document_parsed_elsewhere_are_reread(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("a:\n  b: 1\n")
    doc = Document(path=path, data={"a": {"b": 1}})
    assert doc.values[("a", "b")] == Mark(2, 6)
    assert doc.keys[("a",)] == Mark(1, 1)
