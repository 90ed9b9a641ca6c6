"""FakeCloudTrail behaviour, operation by operation, with the clock as the driver."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from botocore.exceptions import ClientError, OperationNotPageableError, ParamValidationError

from fakeimports import FakeCloudTrail, ManualClock

from ..helpers import SOURCE, T0


def start(ct: FakeCloudTrail, store: str, **extra: Any) -> str:
    import_id: str = ct.start_import(Destinations=[store], ImportSource=SOURCE, **extra)["ImportId"]
    return import_id


def code(err: pytest.ExceptionInfo[ClientError]) -> str:
    value: str = err.value.response["Error"]["Code"]
    return value


# --- start_import ---------------------------------------------------------------------------


def test_start_returns_the_new_import(ct: FakeCloudTrail, store: str) -> None:
    response = ct.start_import(
        Destinations=[store],
        ImportSource=SOURCE,
        StartEventTime="2025-12-01T00:00:00Z",
        EndEventTime=datetime(2025, 12, 31),
    )
    assert len(response["ImportId"]) == 36
    assert response["ImportStatus"] == "INITIALIZING"
    assert response["Destinations"] == [store]
    assert response["ImportSource"] == SOURCE
    assert response["StartEventTime"] == datetime(2025, 12, 1, tzinfo=timezone.utc)
    assert response["EndEventTime"] == datetime(2025, 12, 31, tzinfo=timezone.utc)
    assert response["CreatedTimestamp"] == response["UpdatedTimestamp"] == T0
    assert "ImportStatistics" not in response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_new_import_needs_destinations_and_source(ct: FakeCloudTrail, store: str) -> None:
    with pytest.raises(ct.exceptions.InvalidParameterException):
        ct.start_import(Destinations=[store])
    with pytest.raises(ct.exceptions.InvalidParameterException):
        ct.start_import(ImportSource=SOURCE)
    assert ct.list_imports()["Imports"] == []


def test_start_after_end_is_invalid(ct: FakeCloudTrail, store: str) -> None:
    with pytest.raises(ct.exceptions.InvalidParameterException, match="StartEventTime"):
        start(ct, store, StartEventTime=T0, EndEventTime=T0 - timedelta(seconds=1))


def test_source_must_be_an_s3_location(ct: FakeCloudTrail, store: str) -> None:
    source = {"S3": {**SOURCE["S3"], "S3LocationUri": "https://bucket/x"}}
    with pytest.raises(ct.exceptions.InvalidImportSourceException):
        ct.start_import(Destinations=[store], ImportSource=source)


@pytest.mark.parametrize(
    "arn",
    [
        "not-an-arn",
        "arn:aws:cloudtrail:eu-west-1:123456789012:eventdatastore/" + "a" * 36,
        "arn:aws:cloudtrail:us-east-1:999999999999:eventdatastore/" + "a" * 36,
    ],
)
def test_foreign_or_malformed_destination(ct: FakeCloudTrail, arn: str) -> None:
    with pytest.raises(ct.exceptions.EventDataStoreARNInvalidException):
        ct.start_import(Destinations=[arn], ImportSource=SOURCE)


def test_unknown_destination(ct: FakeCloudTrail) -> None:
    arn = "arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/" + "a" * 36
    with pytest.raises(ct.exceptions.EventDataStoreNotFoundException) as err:
        ct.start_import(Destinations=[arn], ImportSource=SOURCE)
    assert err.value.response["Error"]["Message"] == "The event data store was not found."


@pytest.mark.parametrize(
    ("status", "error"),
    [
        ("CREATED", "InvalidEventDataStoreStatusException"),
        ("STARTING_INGESTION", "InvalidEventDataStoreStatusException"),
        ("STOPPING_INGESTION", "InvalidEventDataStoreStatusException"),
        ("PENDING_DELETION", "InactiveEventDataStoreException"),
    ],
)
def test_destination_status(ct: FakeCloudTrail, status: str, error: str) -> None:
    arn = ct.control.add_event_data_store("odd", status=status)
    with pytest.raises(ClientError) as err:
        ct.start_import(Destinations=[arn], ImportSource=SOURCE)
    assert code(err) == error


@pytest.mark.parametrize("status", ["ENABLED", "STOPPED_INGESTION"])
def test_destination_may_be_enabled_or_stopped_ingestion(ct: FakeCloudTrail, status: str) -> None:
    arn = ct.control.add_event_data_store("fine", status=status)
    assert start(ct, arn)


@pytest.mark.parametrize("category", ["ConfigurationItem", "Insight", "ActivityAuditLog"])
def test_destination_must_hold_cloudtrail_events(ct: FakeCloudTrail, category: str) -> None:
    arn = ct.control.add_event_data_store("config", category=category)
    with pytest.raises(ct.exceptions.InvalidEventDataStoreCategoryException):
        ct.start_import(Destinations=[arn], ImportSource=SOURCE)


def test_one_ongoing_import_per_account(ct: FakeCloudTrail, store: str, clock: ManualClock) -> None:
    first = start(ct, store)
    with pytest.raises(ct.exceptions.AccountHasOngoingImportException, match=first):
        start(ct, store)  # INITIALIZING counts
    clock.advance(minutes=2)
    with pytest.raises(ct.exceptions.AccountHasOngoingImportException):
        start(ct, store)  # so does IN_PROGRESS
    clock.advance(hours=1)
    assert start(ct, store) != first
    assert len(ct.list_imports()["Imports"]) == 2


def test_regions_do_not_share_imports(clock: ManualClock) -> None:
    east = FakeCloudTrail(clock=clock, region_name="us-east-1")
    west = FakeCloudTrail(clock=clock, region_name="eu-west-1")
    start(east, east.create_event_data_store(Name="lake")["EventDataStoreArn"])
    arn = west.create_event_data_store(Name="lake")["EventDataStoreArn"]
    assert arn.startswith("arn:aws:cloudtrail:eu-west-1:123456789012:eventdatastore/")
    assert start(west, arn)  # east's ongoing import does not block west
    assert len(west.list_imports()["Imports"]) == 1


# --- status over time -----------------------------------------------------------------------


def test_status_follows_the_clock(ct: FakeCloudTrail, store: str, clock: ManualClock) -> None:
    import_id = start(ct, store)
    seen = []
    for _ in range(12):
        response = ct.get_import(ImportId=import_id)
        seen.append(response["ImportStatus"])
        clock.advance(minutes=1)
    assert seen[0] == "INITIALIZING"
    assert seen[1:10] == ["IN_PROGRESS"] * 9
    assert seen[10:] == ["COMPLETED"] * 2
    final = ct.get_import(ImportId=import_id)
    assert final["UpdatedTimestamp"] == T0 + timedelta(minutes=10)
    assert final["ImportStatistics"] == {
        "PrefixesFound": 1,
        "PrefixesCompleted": 1,
        "FilesCompleted": 10,
        "EventsCompleted": 1000,
        "FailedEntries": 0,
    }


def test_statistics_grow_while_in_progress(
    ct: FakeCloudTrail, store: str, clock: ManualClock
) -> None:
    ct.control.script_next_import(statistics={"EventsCompleted": 9000})
    import_id = start(ct, store)
    events = []
    for minutes in (0, 1, 4, 7, 10):
        clock.set(T0 + timedelta(minutes=minutes))
        events.append(ct.get_import(ImportId=import_id)["ImportStatistics"]["EventsCompleted"])
    assert events == [0, 0, 3000, 6000, 9000]


def test_durations_are_configurable_per_fake_and_per_import(clock: ManualClock) -> None:
    ct = FakeCloudTrail(clock=clock, durations={"IN_PROGRESS": timedelta(hours=2)})
    store = ct.create_event_data_store(Name="lake")["EventDataStoreArn"]
    slow = start(ct, store)
    clock.advance(hours=1)
    assert ct.get_import(ImportId=slow)["ImportStatus"] == "IN_PROGRESS"
    clock.advance(hours=2)
    ct.control.script_next_import(
        durations={"INITIALIZING": timedelta(0), "IN_PROGRESS": timedelta(0)}
    )
    fast = start(ct, store)
    assert ct.get_import(ImportId=fast)["ImportStatus"] == "COMPLETED"
    with pytest.raises(ValueError, match="timed statuses"):
        FakeCloudTrail(durations={"COMPLETED": timedelta(1)})


def test_scripted_failures_make_the_import_fail(
    ct: FakeCloudTrail, store: str, clock: ManualClock
) -> None:
    rows = [
        {
            "Location": f"s3://trail-bucket/AWSLogs/{i}.json",
            "ErrorType": "NotGzip",
            "ErrorMessage": "x",
        }
        for i in range(3)
    ]
    ct.control.script_next_import(failures=rows)
    import_id = start(ct, store)
    clock.advance(minutes=5)
    assert ct.list_import_failures(ImportId=import_id)["Failures"] == []  # not yet
    clock.advance(minutes=5)
    got = ct.get_import(ImportId=import_id)
    assert got["ImportStatus"] == "FAILED"
    assert got["ImportStatistics"]["FailedEntries"] == 3
    failures = ct.list_import_failures(ImportId=import_id)["Failures"]
    assert [f["Location"] for f in failures] == [r["Location"] for r in rows]
    assert {f["Status"] for f in failures} == {"FAILED"}
    assert {f["LastUpdatedTime"] for f in failures} == {T0 + timedelta(minutes=10)}


# --- retry ----------------------------------------------------------------------------------


def test_retry_resumes_a_failed_import(ct: FakeCloudTrail, store: str, clock: ManualClock) -> None:
    ct.control.script_next_import(status="FAILED")
    import_id = start(ct, store)
    clock.advance(hours=1)
    retried = ct.start_import(ImportId=import_id)
    assert retried["ImportId"] == import_id
    assert retried["ImportStatus"] == "INITIALIZING"
    assert retried["UpdatedTimestamp"] == clock.now()
    assert [f["Status"] for f in ct.list_import_failures(ImportId=import_id)["Failures"]] == [
        "RETRY"
    ]
    clock.advance(hours=1)
    assert ct.get_import(ImportId=import_id)["ImportStatus"] == "COMPLETED"
    assert [f["Status"] for f in ct.list_import_failures(ImportId=import_id)["Failures"]] == [
        "SUCCEEDED"
    ]
    assert len(ct.list_imports()["Imports"]) == 1


def test_retry_of_a_stopped_import(ct: FakeCloudTrail, store: str, clock: ManualClock) -> None:
    import_id = start(ct, store)
    clock.advance(minutes=4)
    stopped = ct.stop_import(ImportId=import_id)
    assert stopped["ImportStatus"] == "STOPPED"
    done_at_stop = stopped["ImportStatistics"]["EventsCompleted"]
    assert 0 < done_at_stop < 1000
    clock.advance(minutes=30)
    assert ct.get_import(ImportId=import_id)["ImportStatistics"]["EventsCompleted"] == done_at_stop
    ct.start_import(ImportId=import_id)
    assert ct.get_import(ImportId=import_id)["ImportStatistics"]["EventsCompleted"] == done_at_stop
    clock.advance(hours=1)
    assert ct.get_import(ImportId=import_id)["ImportStatus"] == "COMPLETED"


@pytest.mark.parametrize("status", ["INITIALIZING", "IN_PROGRESS", "COMPLETED"])
def test_retry_needs_failed_or_stopped(
    ct: FakeCloudTrail, store: str, clock: ManualClock, status: str
) -> None:
    import_id = start(ct, store)
    clock.advance(minutes={"INITIALIZING": 0, "IN_PROGRESS": 3, "COMPLETED": 30}[status])
    with pytest.raises(ct.exceptions.OperationNotPermittedException, match=status):
        ct.start_import(ImportId=import_id)


def test_retry_of_unknown_import(ct: FakeCloudTrail) -> None:
    with pytest.raises(ct.exceptions.ImportNotFoundException):
        ct.start_import(ImportId="0" * 36)


def test_retry_blocked_by_another_ongoing_import(
    ct: FakeCloudTrail, store: str, clock: ManualClock
) -> None:
    first = start(ct, store)
    ct.stop_import(ImportId=first)
    second = start(ct, store)
    with pytest.raises(ct.exceptions.AccountHasOngoingImportException, match=second):
        ct.start_import(ImportId=first)


def test_retry_takes_no_destination(ct: FakeCloudTrail, store: str) -> None:
    import_id = start(ct, store)
    ct.stop_import(ImportId=import_id)
    with pytest.raises(ct.exceptions.InvalidParameterException):
        ct.start_import(ImportId=import_id, Destinations=[store])


# --- get / stop -----------------------------------------------------------------------------


def test_get_and_stop_of_unknown_import(ct: FakeCloudTrail) -> None:
    for method in (ct.get_import, ct.stop_import):
        with pytest.raises(ct.exceptions.ImportNotFoundException) as err:
            method(ImportId="a" * 36)
        assert err.value.operation_name in ("GetImport", "StopImport")
        assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_stop_of_a_finished_import(ct: FakeCloudTrail, store: str, clock: ManualClock) -> None:
    import_id = start(ct, store)
    clock.advance(hours=1)
    with pytest.raises(ct.exceptions.OperationNotPermittedException, match="COMPLETED"):
        ct.stop_import(ImportId=import_id)


def test_import_id_case_is_the_models(ct: FakeCloudTrail) -> None:
    with pytest.raises(ct.exceptions.InvalidParameterException, match="regular expression"):
        ct.get_import(ImportId="A" * 36)
    with pytest.raises(ParamValidationError, match="valid min length: 36"):
        ct.get_import(ImportId="abc")


def test_responses_are_copies(ct: FakeCloudTrail, store: str) -> None:
    import_id = start(ct, store)
    got = ct.get_import(ImportId=import_id)
    got["Destinations"].append("x")
    got["ImportSource"]["S3"]["S3LocationUri"] = "changed"
    again = ct.get_import(ImportId=import_id)
    assert again["Destinations"] == [store]
    assert again["ImportSource"] == SOURCE


# --- list_imports ---------------------------------------------------------------------------


def _many(ct: FakeCloudTrail, store: str, clock: ManualClock, n: int) -> list[str]:
    ids = []
    for _ in range(n):
        ids.append(start(ct, store))
        clock.advance(hours=1)
    return ids


def test_list_pages_in_creation_order(ct: FakeCloudTrail, store: str, clock: ManualClock) -> None:
    ids = _many(ct, store, clock, 5)
    seen: list[str] = []
    kwargs: dict[str, Any] = {"MaxResults": 2}
    pages = 0
    while True:
        page = ct.list_imports(**kwargs)
        pages += 1
        seen += [i["ImportId"] for i in page["Imports"]]
        if "NextToken" not in page:
            break
        kwargs["NextToken"] = page["NextToken"]
    assert seen == ids
    assert pages == 3


def test_list_filters(ct: FakeCloudTrail, store: str, clock: ManualClock) -> None:
    other = ct.create_event_data_store(Name="other")["EventDataStoreArn"]
    done = start(ct, store)
    clock.advance(hours=1)
    running = start(ct, other)
    assert [i["ImportId"] for i in ct.list_imports(Destination=other)["Imports"]] == [running]
    assert [i["ImportId"] for i in ct.list_imports(ImportStatus="COMPLETED")["Imports"]] == [done]
    assert ct.list_imports(ImportStatus="FAILED")["Imports"] == []
    unknown = "arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/" + "b" * 36
    assert ct.list_imports(Destination=unknown)["Imports"] == []
    with pytest.raises(ct.exceptions.EventDataStoreARNInvalidException):
        ct.list_imports(Destination="arn:aws:cloudtrail:us-east-1:1:eventdatastore/x")


def test_token_survives_new_imports(ct: FakeCloudTrail, store: str, clock: ManualClock) -> None:
    ids = _many(ct, store, clock, 3)
    first = ct.list_imports(MaxResults=2)
    ids += _many(ct, store, clock, 2)
    rest = ct.list_imports(MaxResults=10, NextToken=first["NextToken"])
    assert [i["ImportId"] for i in first["Imports"] + rest["Imports"]] == ids


def test_token_bound_to_filters_not_page_size(
    ct: FakeCloudTrail, store: str, clock: ManualClock
) -> None:
    _many(ct, store, clock, 3)
    token = ct.list_imports(MaxResults=1, ImportStatus="COMPLETED")["NextToken"]
    assert ct.list_imports(MaxResults=5, ImportStatus="COMPLETED", NextToken=token)["Imports"]
    with pytest.raises(ct.exceptions.InvalidNextTokenException):
        ct.list_imports(MaxResults=1, NextToken=token)
    with pytest.raises(ct.exceptions.InvalidNextTokenException):
        ct.list_imports(NextToken=token[:-2] + "xx")
    with pytest.raises(ct.exceptions.InvalidNextTokenException):
        ct.list_imports(NextToken="garbage-token")
    other = FakeCloudTrail(clock=clock, seed=1, region_name="eu-west-1")
    with pytest.raises(other.exceptions.InvalidNextTokenException):
        other.list_imports(MaxResults=1, ImportStatus="COMPLETED", NextToken=token)


def test_failure_tokens_are_bound_to_their_import(
    ct: FakeCloudTrail, store: str, clock: ManualClock
) -> None:
    ct.control.script_next_import(status="FAILED")
    failed = start(ct, store)
    clock.advance(hours=1)
    ct.control.add_failures(failed, [{"Location": "s3://b/1", "ErrorMessage": "m"}] * 2)
    page = ct.list_import_failures(ImportId=failed, MaxResults=2)
    rest = ct.list_import_failures(ImportId=failed, NextToken=page["NextToken"])
    assert len(page["Failures"]) + len(rest["Failures"]) == 3
    other = start(ct, store)
    with pytest.raises(ct.exceptions.InvalidNextTokenException):
        ct.list_import_failures(ImportId=other, NextToken=page["NextToken"])
    with pytest.raises(ct.exceptions.InvalidNextTokenException):
        ct.list_imports(NextToken=page["NextToken"])


def test_failures_of_unknown_import_are_empty(ct: FakeCloudTrail) -> None:
    assert ct.list_import_failures(ImportId="c" * 36)["Failures"] == []


def test_paginators(ct: FakeCloudTrail, store: str, clock: ManualClock) -> None:
    ids = _many(ct, store, clock, 5)
    paginator = ct.get_paginator("list_imports")
    pages = list(paginator.paginate(PaginationConfig={"PageSize": 2}))
    assert [len(p["Imports"]) for p in pages] == [2, 2, 1]
    result = paginator.paginate(PaginationConfig={"MaxItems": 3, "PageSize": 2}).build_full_result()
    assert [i["ImportId"] for i in result["Imports"]] == ids[:3]
    rest = paginator.paginate(
        PaginationConfig={"StartingToken": result["NextToken"], "PageSize": 2}
    ).build_full_result()
    assert [i["ImportId"] for i in rest["Imports"]] == ids[3:]
    assert ct.can_paginate("list_import_failures")
    assert not ct.can_paginate("get_import")
    with pytest.raises(OperationNotPageableError):
        ct.get_paginator("get_import")


# --- event data stores ----------------------------------------------------------------------


def test_event_data_store_lifecycle(ct: FakeCloudTrail) -> None:
    created = ct.create_event_data_store(Name="lake", TagsList=[{"Key": "k", "Value": "v"}])
    assert created["Status"] == "CREATED"
    assert created["RetentionPeriod"] == 366
    assert created["TagsList"] == [{"Key": "k", "Value": "v"}]
    arn = created["EventDataStoreArn"]
    got = ct.get_event_data_store(EventDataStore=arn)
    assert got["Status"] == "ENABLED"
    assert ct.get_event_data_store(EventDataStore=arn.rsplit("/", 1)[1])["Name"] == "lake"
    paused = ct.create_event_data_store(Name="paused", StartIngestion=False)
    assert (
        ct.get_event_data_store(EventDataStore=paused["EventDataStoreArn"])["Status"]
        == "STOPPED_INGESTION"
    )


def test_event_data_store_errors(ct: FakeCloudTrail) -> None:
    ct.create_event_data_store(Name="lake")
    with pytest.raises(ct.exceptions.EventDataStoreAlreadyExistsException):
        ct.create_event_data_store(Name="lake")
    for i in range(9):
        ct.create_event_data_store(Name=f"lake-{i}")
    with pytest.raises(ct.exceptions.EventDataStoreMaxLimitExceededException):
        ct.create_event_data_store(Name="eleventh")
    with pytest.raises(ct.exceptions.EventDataStoreNotFoundException):
        ct.get_event_data_store(EventDataStore="d" * 36)
    with pytest.raises(ct.exceptions.EventDataStoreARNInvalidException):
        ct.get_event_data_store(EventDataStore="arn:aws:s3:::bucket")
    with pytest.raises(ct.exceptions.InvalidParameterException, match="2557"):
        FakeCloudTrail().create_event_data_store(
            Name="fixed", BillingMode="FIXED_RETENTION_PRICING", RetentionPeriod=3000
        )


# --- identity, seeds, threads ---------------------------------------------------------------


def test_seed_repeats_ids(clock: ManualClock) -> None:
    def ids(seed: int) -> list[str]:
        fake = FakeCloudTrail(clock=ManualClock(T0), seed=seed)
        arn = fake.create_event_data_store(Name="lake")["EventDataStoreArn"]
        return [arn, start(fake, arn)]

    assert ids(5) == ids(5)
    assert ids(5) != ids(6)
    assert FakeCloudTrail()._uuid() != FakeCloudTrail()._uuid()


def test_keyword_arguments_only(ct: FakeCloudTrail) -> None:
    with pytest.raises(TypeError, match="only accepts keyword arguments"):
        ct.get_import("a" * 36)


def test_bad_construction() -> None:
    with pytest.raises(ValueError, match="12 digits"):
        FakeCloudTrail(account_id="123")


def test_threads_share_one_fake(clock: ManualClock) -> None:
    import threading

    ct = FakeCloudTrail(
        clock=clock, durations={"INITIALIZING": timedelta(0), "IN_PROGRESS": timedelta(0)}
    )
    store = ct.create_event_data_store(Name="lake")["EventDataStoreArn"]
    started: list[str] = []

    def worker() -> None:
        for _ in range(50):
            started.append(start(ct, store))
            ct.list_imports(MaxResults=5)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    listed = ct.get_paginator("list_imports").paginate().build_full_result()["Imports"]
    assert len(started) == len(set(started)) == len(listed) == 200


def test_system_clock_follows_freezegun(store: str) -> None:
    freezegun = pytest.importorskip("freezegun")
    with freezegun.freeze_time("2026-03-01 12:00:00") as frozen:
        ct = FakeCloudTrail()
        arn = ct.create_event_data_store(Name="lake")["EventDataStoreArn"]
        import_id = start(ct, arn)
        assert ct.get_import(ImportId=import_id)["CreatedTimestamp"] == datetime(
            2026, 3, 1, 12, tzinfo=timezone.utc
        )
        frozen.tick(timedelta(minutes=5))
        assert ct.get_import(ImportId=import_id)["ImportStatus"] == "IN_PROGRESS"
        frozen.tick(timedelta(minutes=5))
        assert ct.get_import(ImportId=import_id)["ImportStatus"] == "COMPLETED"


def test_system_clock_follows_time_machine() -> None:
    time_machine = pytest.importorskip("time_machine")
    with time_machine.travel(datetime(2026, 6, 1, tzinfo=timezone.utc), tick=False) as traveller:
        ct = FakeCloudTrail()
        arn = ct.create_event_data_store(Name="lake")["EventDataStoreArn"]
        import_id = start(ct, arn)
        traveller.shift(timedelta(hours=1))
        assert ct.get_import(ImportId=import_id)["ImportStatus"] == "COMPLETED"


@pytest.mark.parametrize(
    ("uri", "says"),
    [
        ("s3://b/p", "the bucket name 'b' must be 3 to 63 characters long"),
        ("s3://" + "b" * 64, "must be 3 to 63 characters long"),
        ("s3://Bucket/p", "may hold only lower-case letters"),
        ("https://bucket/p", "it must start with s3://"),
        ("s3://bucket/key\n", "must not contain control characters"),
    ],
)
def test_a_bad_source_says_what_is_wrong(
    ct: FakeCloudTrail, store: str, uri: str, says: str
) -> None:
    source = {"S3": {**SOURCE["S3"], "S3LocationUri": uri}}
    with pytest.raises(ct.exceptions.InvalidImportSourceException, match=says):
        ct.start_import(Destinations=[store], ImportSource=source)


def test_event_times_come_back_in_milliseconds(ct: FakeCloudTrail, store: str) -> None:
    precise = T0 + timedelta(microseconds=123_456)
    started = ct.start_import(
        Destinations=[store], ImportSource=SOURCE, StartEventTime=precise, EndEventTime=precise
    )
    assert started["StartEventTime"] == T0 + timedelta(milliseconds=123)
    assert ct.get_import(ImportId=started["ImportId"])["EndEventTime"].microsecond == 123_000
