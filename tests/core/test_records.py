"""The shared record readers and the collector pause around bulk reads."""

from __future__ import annotations

import gc

import pytest

from fakeimports.core.records import MalformedData, bulk, csv_records, json_records


def test_csv_records_number_the_records_and_skip_blank_lines() -> None:
    data = '\ufeffa,b\n\n"x\ny",z\n""\nlast,\n'.encode()
    assert list(csv_records(data)) == [(1, ["a", "b"]), (2, ["x\ny", "z"]), (3, ["last", ""])]


def test_a_malformed_csv_or_non_utf8_object_is_malformed_data() -> None:
    with pytest.raises(MalformedData, match="Malformed CSV"):
        list(csv_records(b'a,"unterminated\n'))
    with pytest.raises(MalformedData, match="not UTF-8"):
        list(csv_records(b"\xff\xfe"))


def test_json_records_give_each_lines_value_or_why_it_is_not_json() -> None:
    records = list(json_records(b'{"a": 1}\n\n[\n'))
    assert records[0] == (1, '{"a": 1}', {"a": 1})
    assert records[1][:2] == (2, "[") and isinstance(records[1][2], ValueError)


@pytest.mark.parametrize("enabled", [True, False])
def test_bulk_pauses_the_collector_and_restores_it_as_it_was(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        with pytest.raises(RuntimeError), bulk():
            assert not gc.isenabled()
            raise RuntimeError  # restored on the way out of a failure too
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
