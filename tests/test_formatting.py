def test_bytes_read_in_binary_units():
    from slm_atlas.formatting import size

    assert [size(n) for n in (None, 512, 2048, 612_000_000, 2_583_691_264, 2**40)] == [
        "—",
        "512 B",
        "2 KiB",
        "584 MiB",
        "2.41 GiB",
        "1 TiB",
    ]
