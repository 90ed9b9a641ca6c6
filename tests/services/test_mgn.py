"""FakeMgn behaviour: initialization, idempotency, task lifecycle, errors, listing, quotas."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from botocore.exceptions import ClientError

from fakeimports import FakeMgn, ManualClock

from ..helpers import MGN_SOURCE as SOURCE


@pytest.fixture
def mgn(clock: ManualClock) -> FakeMgn:
    return FakeMgn(clock=clock, seed=4)


def start(mgn: FakeMgn, **extra: Any) -> dict[str, Any]:
    task: dict[str, Any] = mgn.start_import(s3BucketSource=SOURCE, **extra)["importTask"]
    return task


def test_start_returns_a_pending_task(mgn: FakeMgn) -> None:
    response = mgn.start_import(s3BucketSource=SOURCE, tags={"team": "x"})
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 202
    task = response["importTask"]
    assert task["importID"].startswith("import-") and len(task["importID"]) == 24
    assert task["arn"] == f"arn:aws:mgn:us-east-1:123456789012:import/{task['importID']}"
    assert task["s3BucketSource"] == {**SOURCE, "s3BucketOwner": "123456789012"}
    assert task["creationDateTime"] == "2026-01-01T00:00:00.000Z"
    assert (task["status"], task["progressPercentage"]) == ("PENDING", 0.0)
    assert "endDateTime" not in task
    assert task["tags"] == {"team": "x"}
    assert task["summary"]["servers"] == {"createdCount": 0, "modifiedCount": 0}


def test_task_progresses_with_the_clock(mgn: FakeMgn, clock: ManualClock) -> None:
    mgn.control.script_next_import(summary={"servers": {"createdCount": 10, "modifiedCount": 4}})
    import_id = start(mgn)["importID"]

    def read() -> dict[str, Any]:
        items = mgn.list_imports(filters={"importIDs": [import_id]})["items"]
        assert len(items) == 1
        return items[0]

    clock.advance(minutes=1 + 3)  # a third of STARTED's nine minutes: to the hundredth
    third = read()
    assert (third["status"], third["progressPercentage"]) == ("STARTED", 33.33)
    assert third["summary"]["servers"] == {"createdCount": 3, "modifiedCount": 1}
    clock.advance(minutes=1.5)
    half = read()
    assert (half["status"], half["progressPercentage"]) == ("STARTED", 50.0)
    assert half["summary"]["servers"] == {"createdCount": 5, "modifiedCount": 2}
    clock.advance(hours=1)
    done = read()
    assert (done["status"], done["progressPercentage"]) == ("SUCCEEDED", 100.0)
    assert done["endDateTime"] == "2026-01-01T00:10:00.000Z"
    assert done["summary"]["servers"] == {"createdCount": 10, "modifiedCount": 4}


def test_an_ended_task_reads_alike_on_every_read(mgn: FakeMgn, clock: ManualClock) -> None:
    """A task read once ended is rendered from what that read kept: later reads must agree
    with it, hand out fresh dicts, and a task failed mid-run must keep its held progress."""
    finished, failed = start(mgn)["importID"], start(mgn)["importID"]
    clock.advance(minutes=1 + 4.5)
    mgn.control.set_status(failed, "FAILED")  # at 50 %: the progress is held
    clock.advance(hours=1)
    first = {t["importID"]: t for t in mgn.list_imports()["items"]}
    first[finished]["summary"]["servers"]["createdCount"] = 99  # the caller's own copy
    first[finished]["s3BucketSource"]["s3Key"] = "changed"
    clock.advance(hours=1)
    again = {t["importID"]: t for t in mgn.list_imports()["items"]}
    assert again[finished]["summary"]["servers"] == {"createdCount": 2, "modifiedCount": 0}
    assert again[finished]["s3BucketSource"]["s3Key"] == SOURCE["s3Key"]
    assert (again[finished]["status"], again[finished]["progressPercentage"]) == (
        "SUCCEEDED",
        100.0,
    )
    assert again[finished]["endDateTime"] == "2026-01-01T00:10:00.000Z"
    assert (again[failed]["status"], again[failed]["progressPercentage"]) == ("FAILED", 50.0)
    assert again[failed]["endDateTime"] == "2026-01-01T00:05:30.000Z"
    assert again[failed] == first[failed]


def test_uninitialized_account(clock: ManualClock) -> None:
    mgn = FakeMgn(clock=clock, initialized=False)
    for call in (
        lambda: mgn.start_import(s3BucketSource=SOURCE),
        mgn.list_imports,
        lambda: mgn.list_import_errors(importID="import-" + "a" * 17),
    ):
        with pytest.raises(mgn.exceptions.UninitializedAccountException) as err:
            call()
        assert err.value.response["code"] == "UninitializedAccountException"
    assert mgn.initialize_service()["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert mgn.initialize_service()["ResponseMetadata"]["HTTPStatusCode"] == 204  # idempotent
    assert start(mgn)["status"] == "PENDING"
    mgn.control.reset()
    with pytest.raises(mgn.exceptions.UninitializedAccountException):
        mgn.list_imports()


def test_client_token_idempotency(mgn: FakeMgn, clock: ManualClock) -> None:
    first = start(mgn, clientToken="abc", tags={"a": "1"})
    clock.advance(hours=1)
    again = start(mgn, clientToken="abc", tags={"a": "1"})
    assert again["importID"] == first["importID"]
    assert again["status"] == "SUCCEEDED"  # the current state, not a copy of the first answer
    assert len(mgn.list_imports()["items"]) == 1
    with pytest.raises(mgn.exceptions.ConflictException) as err:
        start(mgn, clientToken="abc", tags={"a": "2"})
    assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 409
    assert err.value.response["resourceId"] == first["importID"]
    owner_given = mgn.start_import(
        clientToken="abc",
        s3BucketSource={**SOURCE, "s3BucketOwner": "123456789012"},
        tags={"a": "1"},
    )
    assert owner_given["importTask"]["importID"] == first["importID"]
    assert start(mgn)["importID"] != start(mgn)["importID"]  # no token: never deduplicated


def test_validation_exception_shape(mgn: FakeMgn) -> None:
    with pytest.raises(mgn.exceptions.ValidationException) as err:
        mgn.start_import(s3BucketSource={"s3Bucket": "b", "s3Key": "servers.txt"})
    response = err.value.response
    assert response["code"] == "ValidationException"
    assert response["reason"] == "fieldValidationFailed"
    assert response["fieldList"] == [
        {
            "name": "s3BucketSource.s3Key",
            "message": r"Member must satisfy regular expression pattern: [^\x00]{1,1020}\.csv",
        }
    ]
    assert response["ResponseMetadata"]["HTTPHeaders"]["x-amzn-errortype"] == "ValidationException"
    with pytest.raises(mgn.exceptions.ValidationException):
        mgn.start_import(s3BucketSource=SOURCE, tags={f"k{i}": "v" for i in range(51)})


def test_scripted_errors_appear_when_the_task_ends(mgn: FakeMgn, clock: ManualClock) -> None:
    rows = [
        {"errorType": "VALIDATION_ERROR", "errorData": {"rowNumber": n, "rawError": "bad"}}
        for n in (2, 5)
    ]
    mgn.control.script_next_import(errors=rows)
    import_id = start(mgn)["importID"]
    clock.advance(minutes=5)
    assert mgn.list_import_errors(importID=import_id)["items"] == []
    clock.advance(minutes=5)
    items = mgn.list_import_errors(importID=import_id)["items"]
    assert [i["errorData"]["rowNumber"] for i in items] == [2, 5]
    assert {i["errorDateTime"] for i in items} == {"2026-01-01T00:10:00.000Z"}
    assert mgn.list_imports()["items"][0]["status"] == "FAILED"


def test_error_rows_are_checked(mgn: FakeMgn) -> None:
    with pytest.raises(ValueError, match="sourceServerID"):
        mgn.control.script_next_import(errors=[{"errorData": {"sourceServerID": "server-1"}}])
    with pytest.raises(ValueError):
        mgn.control.script_next_import(errors=[{"errorType": "OOPS"}])


def test_added_errors_page(mgn: FakeMgn) -> None:
    import_id = start(mgn)["importID"]
    mgn.control.add_import_errors(import_id, [{"errorData": {"rowNumber": n}} for n in range(1, 6)])
    paginator = mgn.get_paginator("list_import_errors")
    pages = list(paginator.paginate(importID=import_id, PaginationConfig={"PageSize": 2}))
    assert [len(p["items"]) for p in pages] == [2, 2, 1]
    assert mgn.list_import_errors(importID="import-" + "Z" * 17)["items"] == []


def test_missing_s3_object(mgn: FakeMgn) -> None:
    mgn.control.set_s3_object_missing("migration-bucket", "inventory/servers.csv")
    with pytest.raises(mgn.exceptions.ResourceNotFoundException) as err:
        start(mgn)
    assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert mgn.start_import(s3BucketSource={**SOURCE, "s3Key": "other.csv"})["importTask"]
    mgn.control.set_s3_object_missing("empty-bucket")
    with pytest.raises(mgn.exceptions.ResourceNotFoundException):
        mgn.start_import(s3BucketSource={"s3Bucket": "empty-bucket", "s3Key": "x.csv"})


def test_import_quota(mgn: FakeMgn, clock: ManualClock) -> None:
    mgn.control.set_import_quota(1)
    start(mgn)
    with pytest.raises(mgn.exceptions.ServiceQuotaExceededException) as err:
        start(mgn)
    response = err.value.response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 402
    assert (response["serviceCode"], response["quotaValue"]) == ("mgn", 1)
    assert response["quotaCode"]
    clock.advance(hours=1)
    assert start(mgn)


def test_list_order_filters_and_tokens(mgn: FakeMgn, clock: ManualClock) -> None:
    ids = []
    for _ in range(4):
        ids.append(start(mgn)["importID"])
        clock.advance(seconds=1)
    everything = mgn.get_paginator("list_imports").paginate(PaginationConfig={"PageSize": 3})
    assert [t["importID"] for t in everything.build_full_result()["items"]] == ids
    picked = mgn.list_imports(filters={"importIDs": [ids[2], ids[0]]})["items"]
    assert [t["importID"] for t in picked] == [ids[0], ids[2]]
    token = mgn.list_imports(maxResults=1)["nextToken"]
    with pytest.raises(mgn.exceptions.ValidationException):
        mgn.list_imports(maxResults=1, filters={"importIDs": [ids[0]]}, nextToken=token)
    with pytest.raises(mgn.exceptions.ValidationException):
        mgn.list_imports(nextToken="forged")


def test_forced_status_and_throttling(mgn: FakeMgn) -> None:
    import_id = start(mgn)["importID"]
    with pytest.raises(ValueError, match="legal from PENDING: FAILED, STARTED"):
        mgn.control.set_status(import_id, "SUCCEEDED")
    mgn.control.set_status(import_id, "FAILED")
    assert mgn.list_imports()["items"][0]["status"] == "FAILED"
    mgn.control.fail_next("list_imports", "ThrottlingException", quotaCode="L-1")
    with pytest.raises(ClientError) as err:
        mgn.list_imports()
    assert err.value.response["Error"]["Code"] == "ThrottlingException"
    assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 429
    assert err.value.response["quotaCode"] == "L-1"


def test_durations_option(clock: ManualClock) -> None:
    mgn = FakeMgn(clock=clock, durations={"STARTED": timedelta(hours=3)})
    start(mgn)
    clock.advance(hours=2)
    assert mgn.list_imports()["items"][0]["status"] == "STARTED"
