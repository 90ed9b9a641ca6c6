"""Request shapes and the two validation layers."""

from __future__ import annotations

import functools
import re
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
from fakeimports.core.shapes import (
    _MISS,
    _PASSED,
    Blob,
    Boolean,
    Integer,
    ListOf,
    MapOf,
    Shape,
    String,
    Structure,
    Timestamp,
    to_ms,
    validate,
)

from ..contract.botomodel import PINNED, botocore_report, comparable, service_model
from ..helpers import SOURCE, plain_values

# --- validation layers ----------------------------------------------------------------------

garbage = plain_values
OPERATIONS = [
    (cls, method)
    for cls in (FakeCloudTrail, FakeSESv2, FakeMgn, FakeLexModelsV2)
    for method in sorted(cls._operations)
]


@pytest.mark.parametrize(("fake", "method"), OPERATIONS)
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


@functools.cache
def _near(shape: Shape) -> st.SearchStrategy[Any]:
    """Values shaped like ``shape``, at and past its bounds, now and then anything at all."""
    shaped = _shaped(shape)
    return st.one_of(shaped, shaped, shaped, garbage)


def _few(pattern: str) -> str:
    """``pattern`` with its long repeats cut short: generating 1,020 characters is slow."""
    return re.sub(
        r"\{(\d+),(\d+)\}", lambda m: f"{{{m[1]},{min(int(m[2]), int(m[1]) + 3)}}}", pattern
    )


@functools.cache
def _shaped(shape: Shape) -> st.SearchStrategy[Any]:
    low, high = shape.min, shape.max
    if shape.type == "structure":
        members = {key: _near(member) for key, member in shape.members.items()}
        required = {key: members.pop(key) for key in shape.required}
        return st.fixed_dictionaries(required, optional=members)
    if shape.type in ("list", "map"):
        size = int(high or 3) + 1
        if shape.type == "list":
            assert shape.member is not None
            return st.lists(_near(shape.member), max_size=min(size, 4)) | st.lists(
                _shaped(shape.member), min_size=size, max_size=size
            )
        assert shape.key is not None and shape.value is not None
        return st.dictionaries(_shaped(shape.key), _near(shape.value), max_size=min(size, 4))
    if shape.type == "string":
        if shape.enum:
            return st.sampled_from(shape.enum) | st.sampled_from(shape.enum).map(str.lower)
        texts = st.text(min_size=int(low or 0), max_size=int(high or 30) + 1)
        if high is not None:  # at the bound and just past it
            texts |= st.sampled_from([int(high), int(high) + 1]).map(lambda n: "7" * n)
        if shape.pattern:
            return st.from_regex(_few(shape.pattern.strip("^$")), fullmatch=True) | texts
        return texts
    if shape.type in ("integer", "long"):
        return st.integers(int(low or 0) - 2, int(high or 2000) + 2)
    if shape.type in ("double", "float"):
        return st.floats(allow_nan=False, allow_infinity=False, max_value=1e9, min_value=-1e9)
    if shape.type == "boolean":
        return st.booleans()
    if shape.type == "timestamp":
        return st.datetimes() | st.integers(0, 2**31) | st.sampled_from(["2025-01-01", "x"])
    return st.binary(max_size=8)


def _layers(shape: Shape, params: Any) -> tuple[list[str], list[Violation], Any]:
    """The two layers alone, as ``validate`` runs them when the quick accept declines."""
    client_check, service_check, _ = shape._compiled_checks()
    errors: list[str] = []
    copy = client_check(params, "", errors)
    violations: list[Violation] = []
    if not errors and service_check is not None:
        service_check(copy, "", violations)
    return errors, violations, copy


@pytest.mark.parametrize(("fake", "method"), OPERATIONS)
@given(data=st.data())
def test_the_quick_accept_agrees_with_both_layers(
    fake: type[FakeService], method: str, data: st.DataObject
) -> None:
    """A request passes ``accept`` exactly when both layers find nothing, with the same copy."""
    shape = fake._operations[method].input
    params = data.draw(_near(shape))
    errors, violations, copy = _layers(shape, params)
    quick = shape.accept(params)
    if errors or violations:
        assert quick is _MISS, (errors, violations)
    else:
        assert quick is not _MISS and quick == copy


# Each rule once, just past its bound (refused), and a value that passes it (kept as is).
_RULES: list[tuple[Shape, Any, Any]] = [
    (MapOf(String(max=3), String()), {"abcd": "x"}, {"abc": "x"}),
    (MapOf(String(min=1), String()), {"": "x"}, {"a": "x"}),
    (MapOf(String(), String(max=1)), {"a": "xy"}, {"a": "x"}),
    (MapOf(String(), String(), max=1), {"a": "x", "b": "y"}, {"a": "x"}),
    (ListOf(String(), max=1), ["a", "b"], ("a",)),
    (ListOf(String(), min=2), ["a"], ["a", "b"]),
    (ListOf(String(pattern="[a-z]+")), ["a", "B"], ["a", "b"]),
    (String(enum=("A", "B")), "C", "B"),
    (String(pattern="[a-z]+"), "ab\n", "ab"),
    (String(min=2), "a", "ab"),
    (String(max=1), "ab", "a"),
    (Integer(min=1), 0, 1),
    (Integer(max=1), 2, 1),
    (Integer(), "1", 1),
    (Boolean(), 1, True),
    (Timestamp(), "nope", "2025-01-01T00:00:00Z"),
    (Blob(), 5, b"x"),
    (Structure({"a": String()}, required=("a",)), {}, {"a": "x"}),
    (Structure({"a": String()}), {"b": "x"}, {"a": "x"}),
    (Structure({"a": String(), "b": String()}, union=True), {"a": "x", "b": "y"}, {"b": "y"}),
]


@pytest.mark.parametrize(("shape", "refused", "taken"), _RULES)
def test_the_quick_accept_holds_each_rule(shape: Shape, refused: Any, taken: Any) -> None:
    request = Structure({"x": shape})
    errors, violations, _ = _layers(request, {"x": refused})
    assert errors or violations
    assert request.accept({"x": refused}) is _MISS
    errors, violations, copy = _layers(request, {"x": taken})
    assert (errors, violations) == ([], [])
    assert request.accept({"x": taken}) == copy == validate(request, {"x": taken})[2]


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


def test_a_patterned_string_remembers_a_bounded_few_that_passed() -> None:
    """A string that passed its pattern passes again without a match; one that fails is never
    remembered, and the memory holds a few hundred at most."""
    shape = String(max=24, pattern=r"^import-[0-9a-zA-Z]{17}$")
    good = [f"import-{i:017d}" for i in range(600)]
    assert [shape.accept(v) for v in good] == good
    for bad in ("import-1", "import-0000000000000000٣", "import-00000000000000000\n", 7):
        assert shape.accept(bad) is _MISS
    assert shape.accept(good[0]) == good[0] and shape.accept(good[599]) == good[599]
    closure = shape.accept.__closure__ or ()
    (passed,) = [c.cell_contents for c in closure if isinstance(c.cell_contents, dict)]
    assert good[599] in passed and "import-1" not in passed and len(passed) <= _PASSED
