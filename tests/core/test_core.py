"""The shared core: clocks, the two validation layers, tokens, lifecycles, errors."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fakeimports import (
    FakeCloudTrail,
    FakeLexModelsV2,
    FakeMgn,
    FakeSESv2,
    ManualClock,
    SystemClock,
)
from fakeimports.core.errors import AwsError, Violation, validation_message
from fakeimports.core.lifecycle import Lifecycle, Timeline
from fakeimports.core.pagination import Pager, SortedIndex
from fakeimports.core.service import FakeService
from fakeimports.core.shapes import validate

from ..conftest import SOURCE
from ..contract.botomodel import botocore_report, service_model

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)


# --- clocks ---------------------------------------------------------------------------------


def test_manual_clock_moves_only_when_told() -> None:
    clock = ManualClock(datetime(2026, 1, 1))  # naive means UTC
    assert clock.now() == T0 and clock.now().tzinfo is not None
    assert clock.advance(minutes=5) == T0 + timedelta(minutes=5)
    assert clock.advance(timedelta(hours=1)) == T0 + timedelta(minutes=65)
    assert clock.set(T0) == T0
    with pytest.raises(TypeError):
        clock.advance(timedelta(1), minutes=1)


def test_system_clock_reads_real_time_plus_offset() -> None:
    clock = SystemClock()
    before = datetime.now(timezone.utc)
    clock.advance(hours=2)
    now = clock.now()
    assert before + timedelta(hours=2) <= now <= datetime.now(timezone.utc) + timedelta(hours=2)


# --- validation layers ----------------------------------------------------------------------

garbage = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 5000)
    | st.floats(-1e9, 1e9)
    | st.text(max_size=40)
    | st.datetimes(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


@pytest.mark.parametrize(
    ("fake", "method"),
    [
        (cls, method)
        for cls in (FakeCloudTrail, FakeSESv2, FakeMgn, FakeLexModelsV2)
        for method in sorted(cls._operations)
    ],
)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_client_layer_report_is_botocores_own(
    fake: type[FakeService], method: str, data: st.DataObject
) -> None:
    op = fake._operations[method]
    members = list(op.input.members) + ["Bogus"]
    params = data.draw(st.dictionaries(st.sampled_from(members), garbage, max_size=4))
    ours = validate(op.input, params).client_errors
    model = service_model(fake.model.name).operation_model(op.name)
    assert "\n".join(ours) == botocore_report(params, model)


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
    result = validate(shape, {"Name": "lake", "TagsList": [{"Key": "k", "Value": "v" * 300}]})
    assert [v.path for v in result.violations] == ["tagsList.1.member.value"]


def test_validation_copies_the_request() -> None:
    shape = FakeCloudTrail._operations["start_import"].input
    request: dict[str, Any] = {"Destinations": ["arn"], "StartEventTime": 0}
    result = validate(shape, request)
    assert result.params["StartEventTime"] == datetime(1970, 1, 1, tzinfo=timezone.utc)
    result.params["Destinations"].append("x")
    assert request["Destinations"] == ["arn"]


# --- pagination -----------------------------------------------------------------------------


def _invalid() -> AwsError:
    return AwsError("InvalidNextTokenException", "bad")


@settings(max_examples=50, deadline=None)
@given(keys=st.lists(st.integers(0, 10_000), unique=True), size=st.integers(1, 7), data=st.data())
def test_pages_concatenate_to_the_whole_list(
    keys: list[int], size: int, data: st.DataObject
) -> None:
    index: SortedIndex[int] = SortedIndex()
    for key in keys:
        index.add((key,), key)
    pager = Pager(b"secret", _invalid)
    seen: list[int] = []
    token = None
    added = 0
    while True:
        page = pager.page("List", index, filters={}, token=token, limit=size)
        seen += page.items
        if page.next_token is None:
            break
        token = page.next_token
        if data.draw(st.booleans()):  # new items arrive between pages, after the cursor
            added += 1
            index.add((20_000 + added,), 20_000 + added)
    assert seen == sorted(keys) + [20_000 + i for i in range(1, added + 1)]


def test_tokens_are_signed_and_scoped() -> None:
    index: SortedIndex[int] = SortedIndex()
    for key in range(5):
        index.add((key,), key)
    pager = Pager(b"one", _invalid)
    token = pager.page("List", index, filters={"a": 1}, token=None, limit=2).next_token
    assert token is not None and "List" not in token
    assert pager.page("List", index, filters={"a": 1}, token=token, limit=2).items == [2, 3]
    for bad in (token + "x", "x" + token, "nope", "", token.replace(".", "")):
        with pytest.raises(AwsError):
            pager.page("List", index, filters={"a": 1}, token=bad, limit=2)
    with pytest.raises(AwsError):
        pager.page("Other", index, filters={"a": 1}, token=token, limit=2)
    with pytest.raises(AwsError):
        pager.page("List", index, filters={"a": 2}, token=token, limit=2)
    with pytest.raises(AwsError):
        Pager(b"two", _invalid).page("List", index, filters={"a": 1}, token=token, limit=2)


# --- lifecycle ------------------------------------------------------------------------------

LIFE = Lifecycle(
    "job",
    {"A": frozenset({"B"}), "B": frozenset({"C", "D"}), "C": frozenset(), "D": frozenset({"A"})},
    frozenset({"C", "D"}),
    running="B",
    success="C",
    failure="D",
)


def test_timeline_is_read_against_the_clock() -> None:
    line = Timeline.start(LIFE, T0, [("A", timedelta(minutes=1)), ("B", timedelta(minutes=2))], "C")
    assert [line.status(T0 + timedelta(minutes=m)) for m in (-1, 0, 1, 2, 3, 9)] == list("AABBCC")
    assert line.changed_at(T0 + timedelta(minutes=9)) == T0 + timedelta(minutes=3)
    line.force("j1", T0 + timedelta(minutes=2), "D")
    assert line.status(T0 + timedelta(minutes=9)) == "D"
    with pytest.raises(ValueError, match="legal from D: A"):
        line.force("j1", T0 + timedelta(minutes=9), "C")
    with pytest.raises(ValueError, match="not a job status"):
        line.force("j1", T0 + timedelta(minutes=9), "Z")


def test_control_set_status_names_legal_moves(ct: FakeCloudTrail, store: str) -> None:
    import_id = ct.start_import(
        Destinations=[store],
        ImportSource=SOURCE,
    )["ImportId"]
    with pytest.raises(ValueError, match="legal from INITIALIZING: FAILED, IN_PROGRESS, STOPPED"):
        ct.control.set_status(import_id, "COMPLETED")
    ct.control.set_status(import_id, "IN_PROGRESS")
    ct.clock.advance(hours=5)
    assert ct.get_import(ImportId=import_id)["ImportStatus"] == "IN_PROGRESS"  # pinned
    ct.control.set_status(import_id, "FAILED")
    failures = ct.list_import_failures(ImportId=import_id)["Failures"]
    assert ct.get_import(ImportId=import_id)["ImportStatus"] == "FAILED" and failures == []
    ct.control.set_status(import_id, "INITIALIZING")
    assert ct.get_import(ImportId=import_id)["ImportStatus"] == "INITIALIZING"
    with pytest.raises(KeyError):
        ct.control.set_status("e" * 36, "FAILED")


# --- errors and faults ----------------------------------------------------------------------


def test_fail_next_raises_modeled_errors(ct: FakeCloudTrail) -> None:
    ct.control.fail_next("list_imports", "ThrottlingException", times=2)
    for _ in range(2):
        with pytest.raises(ct.exceptions.ThrottlingException) as err:
            ct.list_imports()
        assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
        assert err.value.response["Error"]["Message"] == "Rate exceeded"
    assert ct.list_imports()["Imports"] == []
    with pytest.raises(ValueError, match="not an error of the cloudtrail model"):
        ct.control.fail_next("list_imports", "NoSuchException")
    with pytest.raises(ValueError, match="not an operation"):
        ct.control.fail_next("describe_trails", "ThrottlingException")


def test_client_validation_comes_before_faults(ct: FakeCloudTrail) -> None:
    from botocore.exceptions import ParamValidationError

    ct.control.fail_next("get_import", "ThrottlingException")
    with pytest.raises(ParamValidationError):
        ct.get_import()
    with pytest.raises(ct.exceptions.ThrottlingException):
        ct.get_import(ImportId="a" * 36)


def test_calls_are_recorded(ct: FakeCloudTrail) -> None:
    ct.list_imports(MaxResults=3)
    with pytest.raises(ct.exceptions.ImportNotFoundException):
        ct.get_import(ImportId="a" * 36)
    first, second = ct.control.calls
    assert (first.operation, first.params, first.error) == ("list_imports", {"MaxResults": 3}, None)
    assert first.response is not None and first.response["Imports"] == []
    assert second.operation == "get_import" and second.error is not None
    assert ct.control.calls_to("get_import") == [second]
    ct.control.reset()
    assert ct.control.call_count == 0


def test_exceptions_are_botocore_client_errors(ct: FakeCloudTrail) -> None:
    from botocore.exceptions import ClientError

    assert issubclass(ct.exceptions.ImportNotFoundException, ClientError)
    assert ct.exceptions.ClientError is ClientError
    assert (
        FakeCloudTrail.exceptions.ImportNotFoundException is ct.exceptions.ImportNotFoundException
    )
    with pytest.raises(AttributeError):
        _ = ct.exceptions.NotAnError


NO_BOTOCORE = textwrap.dedent(
    """
    import sys
    class Block:
        def find_spec(self, name, path=None, target=None):
            if name == "botocore" or name.startswith("botocore.") or name == "boto3":
                raise ImportError("botocore is not installed")
    sys.meta_path.insert(0, Block())
    import fakeimports
    ct = fakeimports.FakeCloudTrail()
    try:
        ct.get_import(ImportId="a" * 36)
    except ct.exceptions.ImportNotFoundException as e:
        assert e.response["Error"]["Code"] == "ImportNotFoundException", e.response
        assert isinstance(e, ct.exceptions.ClientError)
        assert e.operation_name == "GetImport"
        assert str(e).startswith("An error occurred (ImportNotFoundException) when calling")
    try:
        ct.get_import()
    except Exception as e:
        assert type(e).__name__ == "ParamValidationError"
        assert 'Missing required parameter in input: "ImportId"' in str(e)
    assert "botocore" not in sys.modules
    print("ok")
    """
)


def test_works_without_botocore() -> None:
    out = subprocess.run([sys.executable, "-c", NO_BOTOCORE], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_import_does_not_load_botocore() -> None:
    code = "import sys, fakeimports; print('botocore' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@settings(max_examples=80, deadline=None)
@given(
    plans=st.lists(
        st.tuples(st.lists(st.integers(0, 50), min_size=1, max_size=4), st.integers(0, 60)),
        min_size=1,
        max_size=12,
    ),
    reads=st.lists(st.integers(-5, 70), min_size=1, max_size=10),
)
def test_timed_index_matches_a_fresh_sort(
    plans: list[tuple[list[int], int]], reads: list[int]
) -> None:
    """Items whose keys change at known minutes (and vanish at an expiry), read at any
    moments, forwards or back: the index always equals sorting everything from scratch."""
    from fakeimports.core.pagination import TimedIndex

    def at(m: int) -> datetime:
        return T0 + timedelta(minutes=m)

    items = [(n, sorted(set(changes)), expiry) for n, (changes, expiry) in enumerate(plans)]

    def key(item: tuple[int, list[int], int], now: datetime) -> tuple[int, int] | None:
        n, changes, expiry = item
        if now >= at(expiry):
            return None
        past = [c for c in changes if at(c) <= now]
        return (past[-1] if past else changes[0], n)

    def next_change(item: tuple[int, list[int], int], now: datetime) -> datetime | None:
        _, changes, expiry = item
        later = [at(c) for c in [*changes, expiry] if at(c) > now]
        return min(later) if later else None

    index: TimedIndex[tuple[int, list[int], int]] = TimedIndex(key, next_change)
    for item in items:
        index.add(item, at(0))
    for minute in reads:
        now = at(minute)
        expected = sorted((k, item[0]) for item in items if (k := key(item, now)) is not None)
        assert [item[0] for item in index.at(now)] == [n for _, n in expected]


@pytest.mark.parametrize(
    ("cls", "kind", "status"),
    [
        (FakeCloudTrail, "import", "FAILED"),
        (FakeSESv2, "import job", "CANCELLED"),
        (FakeMgn, "import task", "FAILED"),
        (FakeLexModelsV2, "import", "Failed"),
    ],
)
def test_set_status_of_an_unknown_resource_names_it(cls: Any, kind: str, status: str) -> None:
    with pytest.raises(KeyError, match=f"no {kind} 'nope' in this fake"):
        cls().control.set_status("nope", status)
