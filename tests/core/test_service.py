"""The base of every fake: controls, faults, recorded calls."""

from __future__ import annotations

import copy
from datetime import timedelta
from typing import Any

import pytest

from fakeimports import (
    FakeCloudTrail,
    FakeLexModelsV2,
    FakeMgn,
    FakeSESv2,
    ManualClock,
)
from fakeimports.core.service import sleep

from ..helpers import SOURCE


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
    answer = ct.list_imports(MaxResults=3)
    assert ct.control.calls[-1].response is answer  # the latest call keeps what it returned
    with pytest.raises(ct.exceptions.ImportNotFoundException):
        ct.get_import(ImportId="a" * 36)
    first, second = ct.control.calls
    assert (first.operation, first.params, first.error) == ("list_imports", {"MaxResults": 3}, None)
    assert first.response is None  # released by the next call
    assert second.operation == "get_import" and second.error is not None
    assert ct.control.calls_to("get_import") == [second]
    assert repr(first) == (  # what a failing assertion shows
        "Call(operation='list_imports', params={'MaxResults': 3}, response=None, error=None)"
    )
    ct.control.reset()
    assert ct.control.call_count == 0


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


def test_time_never_runs_backwards_for_a_fake(
    ct: FakeCloudTrail, store: str, clock: ManualClock
) -> None:
    from datetime import timedelta

    from fakeimports import FakeMgn

    mgn = FakeMgn(clock=clock)
    task = mgn.start_import(s3BucketSource={"s3Bucket": "b", "s3Key": "k.csv"})["importTask"]
    first = ct.start_import(Destinations=[store], ImportSource=SOURCE)["ImportId"]
    start = clock.now()
    clock.advance(hours=1)
    assert mgn.list_imports()["items"][0]["status"] == "SUCCEEDED"
    assert ct.get_import(ImportId=first)["ImportStatus"] == "COMPLETED"
    clock.set(start - timedelta(days=1))  # a test jumps back
    assert mgn.list_imports()["items"][0]["status"] == "SUCCEEDED"  # not PENDING again
    assert mgn.list_imports()["items"][0]["importID"] == task["importID"]
    later = ct.start_import(Destinations=[store], ImportSource=SOURCE)  # not blocked
    assert later["CreatedTimestamp"] == start + timedelta(hours=1)  # the latest time seen
    clock.set(start + timedelta(hours=3))
    assert ct.get_import(ImportId=later["ImportId"])["ImportStatus"] == "COMPLETED"


def test_the_call_record_is_bounded_and_copies_the_request(ct: FakeCloudTrail, store: str) -> None:
    filters: dict[str, Any] = {"MaxResults": 5}
    ct.list_imports(**filters)
    filters["MaxResults"] = 7  # the caller reuses its dict
    assert ct.control.calls[-1].params == {"MaxResults": 5}
    destinations, source = [store], copy.deepcopy(SOURCE)
    ct.start_import(Destinations=destinations, ImportSource=source)
    with pytest.raises(ct.exceptions.ClientError):  # a refused call is recorded alike
        ct.start_import(Destinations=destinations, ImportSource=source)
    destinations.append("later")  # the caller changes what it sent, nested
    source["S3"]["S3BucketRegion"] = "eu-west-1"
    for call in ct.control.calls[-2:]:
        assert call.params == {"Destinations": [store], "ImportSource": SOURCE}
    ct.control.reset()
    for _ in range(ct.control.history + 5):
        ct.list_imports()
    assert len(ct.control.calls) == ct.control.history
    assert ct.control.call_count == ct.control.history + 5
    ct.control.reset()
    assert ct.control.calls == [] and ct.control.call_count == 0


@pytest.mark.parametrize("how", ["deepcopy", "pickle"])
def test_a_copied_fake_is_independent_and_in_the_same_state(
    ct: FakeCloudTrail, store: str, how: str
) -> None:
    import copy
    import pickle

    first = ct.start_import(Destinations=[store], ImportSource=SOURCE)["ImportId"]
    ct.control.fail_next("get_import", "AccessDeniedException", message="queued")
    twin = copy.deepcopy(ct) if how == "deepcopy" else pickle.loads(pickle.dumps(ct))
    for fake in (ct, twin):  # a queued fault is copied with the rest
        with pytest.raises(fake.exceptions.ClientError, match="queued"):
            fake.get_import(ImportId=first)
    assert twin.get_import(ImportId=first)["ImportStatus"] == "INITIALIZING"
    twin.clock.advance(hours=1)  # the twin has its own clock
    assert twin.get_import(ImportId=first)["ImportStatus"] == "COMPLETED"
    assert ct.get_import(ImportId=first)["ImportStatus"] == "INITIALIZING"
    ct.control.set_status(first, "FAILED")
    assert twin.get_import(ImportId=first)["ImportStatus"] == "COMPLETED"


@pytest.mark.parametrize("how", ["deepcopy", "pickle"])
def test_every_fake_copies(how: str) -> None:
    import copy
    import pickle

    for cls in (FakeCloudTrail, FakeSESv2, FakeMgn, FakeLexModelsV2):
        fake = cls()
        twin = copy.deepcopy(fake) if how == "deepcopy" else pickle.loads(pickle.dumps(fake))
        assert type(twin) is cls and twin.control._fake is twin


@pytest.mark.parametrize(
    "config",
    [{"MaxAttempts": 0}, {"MaxAttempts": 1}, {"Delay": -1, "MaxAttempts": 3}, {"Delay": 0}],
)
def test_waiter_matches_botocore_for_any_config(config: dict[str, Any]) -> None:
    """The fake's waiter against botocore's own Waiter on the same fake, degenerate configs too."""
    from unittest import mock

    from botocore.waiter import NormalizedOperationMethod, SingleWaiterConfig, Waiter

    from fakeimports import FakeLexModelsV2, ManualClock

    from ..helpers import T0

    def outcome(use_botocore: bool) -> tuple[str, int, Any]:
        clock = ManualClock(T0)
        lex = FakeLexModelsV2(clock=clock)
        lex.control.script_next_import(durations={"InProgress": timedelta(minutes=10)})
        import_id = lex.create_upload_url()["importId"]
        lex.start_import(
            importId=import_id,
            resourceSpecification={
                "botImportSpecification": {
                    "botName": "B",
                    "roleArn": "arn:aws:iam::123456789012:role/LexRole",
                    "dataPrivacy": {"childDirected": False},
                }
            },
            mergeStrategy="Overwrite",
        )
        waiter = lex.get_waiter("bot_import_completed")
        if use_botocore:
            theirs = Waiter(
                "BotImportCompleted",
                SingleWaiterConfig(dict(waiter.config._config)),
                NormalizedOperationMethod(lex.describe_import),
            )
            with mock.patch("botocore.waiter.time.sleep", lambda s: sleep(clock, s)):
                run = theirs.wait
                return _result(run, import_id, config, lex)
        return _result(waiter.wait, import_id, config, lex)

    assert outcome(use_botocore=False) == outcome(use_botocore=True)


def _result(run: Any, import_id: str, config: dict[str, Any], lex: Any) -> tuple[str, int, Any]:
    try:
        run(importId=import_id, WaiterConfig=dict(config))
        result = "ok"
    except Exception as err:
        result = f"{type(err).__name__}: {err}"
    return result, lex.control.call_count, lex.clock.now()
