"""Request shapes and the two validation layers."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fakeimports import (
    FakeCloudTrail,
    FakeLexModelsV2,
    FakeMgn,
    FakeSESv2,
)
from fakeimports.core.errors import Violation, validation_message
from fakeimports.core.service import FakeService
from fakeimports.core.shapes import to_ms, validate

from ..contract.botomodel import PINNED, botocore_report, comparable, service_model
from ..helpers import SOURCE, plain_values

# --- validation layers ----------------------------------------------------------------------

garbage = plain_values


@pytest.mark.parametrize(
    ("fake", "method"),
    [
        (cls, method)
        for cls in (FakeCloudTrail, FakeSESv2, FakeMgn, FakeLexModelsV2)
        for method in sorted(cls._operations)
    ],
)
@given(data=st.data())
def test_client_layer_report_is_botocores_own(
    fake: type[FakeService], method: str, data: st.DataObject
) -> None:
    op = fake._operations[method]
    members = list(op.input.members) + ["Bogus"]
    model = service_model(fake.model.name).operation_model(op.name)
    if not PINNED:  # another botocore: only the members it has (and an unknown one)
        members = [m for m in members if m in model.input_shape.members or m == "Bogus"]
    params = data.draw(st.dictionaries(st.sampled_from(members), garbage, max_size=4))
    ours, _, _ = validate(op.input, params)
    assert comparable("\n".join(ours)) == comparable(botocore_report(params, model))


def test_service_messages_read_like_aws() -> None:
    one = Violation("maxResults", 1001, "Member must have value less than or equal to 1000")
    assert validation_message([one]) == (
        "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy "
        "constraint: Member must have value less than or equal to 1000"
    )
    two = validation_message([one, Violation("tags", ["a", True], "x", show_value=True)])
    assert (
        two.startswith("2 validation errors detected: ") and "; Value '[a, true]' at 'tags'" in two
    )
    assert Violation("name", None, "Member must not be null", show_value=False).clause() == (
        "Value at 'name' failed to satisfy constraint: Member must not be null"
    )


def test_service_paths_are_lower_camel() -> None:
    shape = FakeCloudTrail._operations["create_event_data_store"].input
    _, violations, _ = validate(
        shape, {"Name": "lake", "TagsList": [{"Key": "k", "Value": "v" * 300}]}
    )
    assert [v.path for v in violations] == ["tagsList.1.member.value"]


def test_validation_copies_the_request() -> None:
    shape = FakeCloudTrail._operations["start_import"].input
    request: dict[str, Any] = {"Destinations": ["arn"], "StartEventTime": 0}
    _, _, params = validate(shape, request)
    assert params["StartEventTime"] == datetime(1970, 1, 1, tzinfo=timezone.utc)
    params["Destinations"].append("x")
    assert request["Destinations"] == ["arn"]


@pytest.mark.parametrize(
    ("pattern", "value", "matches"),
    [
        (r"\d+", "١٢٣", False),  # Arabic-Indic digits are not \d
        (r"\d+", "123", True),
        (r"[\w/]+", "key/über", False),  # \w is ASCII
        (r"\s", "\u00a0", False),  # Java's \s: ASCII white space only (not ECMA's)
        (r"\s", "\t", True),
        (r"arn:.*", "arn:a\rb", False),  # "." stops at every line terminator
        (r"arn:.*", "arn:a\u2028b", False),
        (r"arn:.*", "arn:ab", True),
        (r"^s3://.+$", "s3://bucket\n", False),  # the whole value, no newline before $
        (r"[.]", "x", False),  # a dot in a class stays a dot
        (r"a\.b", "a.b", True),
    ],
)
def test_patterns_follow_the_services_dialect(pattern: str, value: str, matches: bool) -> None:
    from fakeimports.core.shapes import aws_regex

    assert (aws_regex(pattern).fullmatch(value) is not None) is matches


def test_service_side_patterns_use_that_dialect() -> None:
    from botocore.exceptions import ClientError

    lex = FakeLexModelsV2()
    with pytest.raises(ClientError, match="roleArn"):
        lex.start_import(
            importId="A" * 10,
            resourceSpecification={
                "botImportSpecification": {
                    "botName": "B",
                    "roleArn": "arn:aws:iam::123456789012:role/Lex\rRole",
                    "dataPrivacy": {"childDirected": False},
                }
            },
            mergeStrategy="Overwrite",
        )
    with pytest.raises(ValueError, match="12 digits"):
        FakeCloudTrail(account_id="123456789012\n")
    with pytest.raises(ValueError, match="12 digits"):
        FakeCloudTrail(account_id="١٢٣٤٥٦٧٨٩٠١٢")


@pytest.mark.parametrize("value", [float("inf"), 10**20, 2**63, "1e400"])
def test_a_timestamp_botocore_cannot_place_fails_as_botocore_fails(value: Any) -> None:
    from botocore.validate import ParamValidator

    shape = service_model("cloudtrail").operation_model("StartImport").input_shape
    with pytest.raises(RuntimeError) as theirs:
        ParamValidator().validate({"StartEventTime": value}, shape)
    with pytest.raises(RuntimeError) as ours:
        FakeCloudTrail().start_import(StartEventTime=value)
    assert str(ours.value) == str(theirs.value)


def test_bytes_are_a_timestamp_as_botocore_takes_them(ct: FakeCloudTrail, store: str) -> None:
    started = ct.start_import(
        Destinations=[store], ImportSource=SOURCE, StartEventTime=b"2025-01-01"
    )
    assert started["StartEventTime"] == datetime(2025, 1, 1, tzinfo=timezone.utc)
    assert (
        botocore_report(
            {"StartEventTime": b"2025-01-01"},
            service_model("cloudtrail").operation_model("StartImport"),
        )
        == ""
    )


@given(st.datetimes(timezones=st.sampled_from([timezone.utc, timezone(timedelta(hours=-7))])))
def test_to_ms_cuts_to_the_millisecond_below(moment: datetime) -> None:
    cut = to_ms(moment)
    assert cut.microsecond % 1000 == 0 and cut.tzinfo is moment.tzinfo
    assert timedelta(0) <= moment - cut < timedelta(milliseconds=1)
