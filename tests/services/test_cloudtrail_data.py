"""CloudTrail Lake imports that read real trail log files, and the event data store operations."""

from __future__ import annotations

import bz2
import gzip
import json
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from fakeimports import FakeCloudTrail, ManualClock, ObjectStore, mock_imports

from ..helpers import MOTO_ORDERS, with_moto

NOW = datetime(2026, 3, 10, 12, tzinfo=timezone.utc)
ACCOUNT = "123456789012"
TRAIL = f"s3://trail-logs/AWSLogs/{ACCOUNT}"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/import"


def source(uri: str = "s3://trail-logs/") -> dict[str, Any]:
    return {
        "S3": {"S3LocationUri": uri, "S3BucketRegion": "us-east-1", "S3BucketAccessRoleArn": ROLE}
    }


def event(event_id: str, when: datetime) -> dict[str, Any]:
    return {
        "eventVersion": "1.09",
        "eventTime": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "eventSource": "s3.amazonaws.com",
        "eventName": "GetObject",
        "eventID": event_id,
    }


def log(*events: dict[str, Any]) -> bytes:
    return gzip.compress(json.dumps({"Records": list(events)}).encode())


def log_url(region: str, day: datetime, suffix: str = "a" * 16, folder: str = "CloudTrail") -> str:
    stamp = day.strftime("%Y%m%dT%H%MZ")
    return (
        f"{TRAIL}/{folder}/{region}/{day:%Y/%m/%d}/"
        f"{ACCOUNT}_{folder}_{region}_{stamp}_{suffix}.json.gz"
    )


D1, D2, D3 = (NOW - timedelta(days=n) for n in (3, 2, 1))
OLD = NOW - timedelta(days=40)  # outside a 30-day store's retention
BAD = log_url("eu-west-1", D2)


def realistic_trail() -> dict[str, bytes]:
    """Several days, two Regions, a digest folder, one uncompressed file, one file outside
    the time range, events older than the store's retention, a duplicate."""
    return {
        log_url("us-east-1", D1): log(event("e1", D1), event("e2", D1)),
        log_url("us-east-1", D2): log(event("e3", D2), event("e3", D2)),  # a duplicate: kept
        log_url("us-east-1", D3): log(event("e4", D3), event("old", OLD)),  # one too old
        log_url("eu-west-1", D1): log(event("e5", D1)),
        BAD: json.dumps({"Records": [event("e6", D2)]}).encode(),  # not compressed
        log_url("eu-west-1", NOW - timedelta(days=9)): log(event("early", NOW)),  # before range
        log_url("us-east-1", D1, folder="CloudTrail-Digest"): log(),  # skipped: digest folder
    }


START, END = NOW - timedelta(days=5), NOW


def _store(ct: Any) -> str:
    arn: str = ct.create_event_data_store(Name="lake", RetentionPeriod=30)["EventDataStoreArn"]
    return arn


def _check_first_run(ct: Any, import_id: str, events: list[dict[str, Any]]) -> None:
    done = ct.get_import(ImportId=import_id)
    assert done["ImportStatus"] == "FAILED"
    assert done["ImportStatistics"] == {
        "PrefixesFound": 5,
        "PrefixesCompleted": 4,
        "FilesCompleted": 4,
        "EventsCompleted": 6,
        "FailedEntries": 1,
    }
    (failure,) = ct.list_import_failures(ImportId=import_id)["Failures"]
    assert failure["Location"] == BAD and failure["Status"] == "FAILED"
    assert failure["ErrorType"] == "InvalidFileFormat"
    assert "not compressed" in failure["ErrorMessage"]
    assert sorted(e["eventID"] for e in events) == ["e1", "e2", "e3", "e3", "e4", "e5"]


def _check_retry(ct: Any, import_id: str, events: list[dict[str, Any]]) -> None:
    done = ct.get_import(ImportId=import_id)
    assert done["ImportStatus"] == "COMPLETED"
    assert done["ImportStatistics"] == {
        "PrefixesFound": 5,
        "PrefixesCompleted": 5,
        "FilesCompleted": 5,
        "EventsCompleted": 7,
        "FailedEntries": 0,
    }
    (failure,) = ct.list_import_failures(ImportId=import_id)["Failures"]
    assert failure["Status"] == "SUCCEEDED"
    assert sorted(e["eventID"] for e in events) == ["e1", "e2", "e3", "e3", "e4", "e5", "e6"]


# --- the scenario, three ways ---------------------------------------------------------


@pytest.mark.parametrize("order", MOTO_ORDERS)
def test_application_code_writes_a_trail_to_moto_s3_and_imports_through_a_real_client(
    order: str,
) -> None:
    import boto3

    def check(fakes: Any) -> None:
        fakes.clock.set(NOW)
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="trail-logs")
        for url, body in realistic_trail().items():
            s3.put_object(Bucket="trail-logs", Key=url.split("/", 3)[3], Body=body)
        ct = boto3.client("cloudtrail", region_name="us-east-1")
        arn = _store(ct)
        started = ct.start_import(
            Destinations=[arn], ImportSource=source(), StartEventTime=START, EndEventTime=END
        )
        assert "ImportStatistics" not in started
        fakes.clock.advance(hours=1)
        events = fakes.cloudtrail().control.events(arn)
        _check_first_run(ct, started["ImportId"], events)
        fixed = gzip.compress(json.dumps({"Records": [event("e6", D2)]}).encode())
        s3.put_object(Bucket="trail-logs", Key=BAD.split("/", 3)[3], Body=fixed)
        ct.start_import(ImportId=started["ImportId"])
        assert ct.list_import_failures(ImportId=started["ImportId"])["Failures"][0]["Status"] == (
            "RETRY"
        )
        fakes.clock.advance(hours=1)
        _check_retry(ct, started["ImportId"], fakes.cloudtrail().control.events(arn))

    with_moto(order, check)


def test_the_same_through_a_blocks_store_and_a_served_client() -> None:
    import boto3

    with mock_imports(clock=ManualClock(NOW)) as fakes:
        for url, body in realistic_trail().items():
            fakes.objects.put(url, body)
        ct = boto3.client("cloudtrail", region_name="us-east-1")
        arn = _store(ct)
        import_id = ct.start_import(
            Destinations=[arn], ImportSource=source(), StartEventTime=START, EndEventTime=END
        )["ImportId"]
        fakes.clock.advance(hours=1)
        _check_first_run(ct, import_id, fakes.cloudtrail().control.events(arn))
        fakes.objects.put(BAD, log(event("e6", D2)))
        ct.start_import(ImportId=import_id)
        fakes.clock.advance(hours=1)
        _check_retry(ct, import_id, fakes.cloudtrail().control.events(arn))


@pytest.fixture
def ct() -> FakeCloudTrail:
    return FakeCloudTrail(clock=ManualClock(NOW), seed=4)


def _run(ct: FakeCloudTrail, uri: str = "s3://trail-logs/", **times: Any) -> str:
    """Import ``uri`` into a new 30-day store and let it run its course: the import id."""
    arn = _store(ct) if not ct._stores else next(iter(ct._stores))
    import_id: str = ct.start_import(Destinations=[arn], ImportSource=source(uri), **times)[
        "ImportId"
    ]
    ct.clock.advance(hours=1)
    return import_id


def _events(ct: FakeCloudTrail) -> list[str]:
    return [e["eventID"] for e in ct.control.events(next(iter(ct._stores)))]


def test_the_same_directly_on_a_fake(ct: FakeCloudTrail) -> None:
    for url, body in realistic_trail().items():
        ct.objects.put(url, body)
    import_id = _run(ct, StartEventTime=START, EndEventTime=END)
    arn = next(iter(ct._stores))
    _check_first_run(ct, import_id, ct.control.events(arn))
    ct.objects.put(BAD, log(event("e6", D2)))
    ct.start_import(ImportId=import_id)
    ct.clock.advance(hours=1)
    _check_retry(ct, import_id, ct.control.events(arn))


# --- which objects ---------------------------------------------------------------------------


def test_the_default_scope_is_the_cloudtrail_folders(ct: FakeCloudTrail) -> None:
    ct.objects.put(log_url("us-east-1", D1), log(event("trail", D1)))
    ct.objects.put(log_url("us-east-1", D1, folder="CloudTrail-Digest"), log())
    ct.objects.put(log_url("us-east-1", D1, folder="CloudTrail-Insight"), log(event("i", D1)))
    ct.objects.put("s3://trail-logs/AWSLogs/123456789012/Config/x.json.gz", b"config")
    ct.objects.put("s3://trail-logs/notes.txt", b"hello")
    for uri in ("s3://trail-logs", "s3://trail-logs/AWSLogs/", f"{TRAIL}/"):
        ct.control.reset()
        before = len(_events(ct)) if ct._stores else 0
        import_id = _run(ct, uri)
        assert ct.get_import(ImportId=import_id)["ImportStatus"] == "COMPLETED", uri
        assert len(_events(ct)) == before + 1


def test_a_source_naming_another_folder_is_read_whole(ct: FakeCloudTrail) -> None:
    digest_file = gzip.compress(json.dumps({"awsAccountId": ACCOUNT, "logFiles": []}).encode())
    ct.objects.put(log_url("us-east-1", D1, folder="CloudTrail-Digest"), digest_file)
    ct.objects.put("s3://trail-logs/my-copies/2026/file.json.gz", log(event("mine", D1)))
    digest = _run(ct, f"{TRAIL}/CloudTrail-Digest/")
    (failure,) = ct.list_import_failures(ImportId=digest)["Failures"]
    assert failure["ErrorType"] == "InvalidLogFile"
    copies = _run(ct, "s3://trail-logs/my-copies/")
    assert ct.get_import(ImportId=copies)["ImportStatus"] == "COMPLETED"
    assert _events(ct) == ["mine"]


def test_an_organization_trail_layout(ct: FakeCloudTrail) -> None:
    url = (
        f"s3://trail-logs/AWSLogs/o-abcdefghij/{ACCOUNT}/CloudTrail/us-east-1/2026/03/07/f.json.gz"
    )
    ct.objects.put(url, log(event("org", D1)))
    ct.objects.put(
        f"s3://trail-logs/AWSLogs/o-abcdefghij/{ACCOUNT}/CloudTrail-Digest/d.json.gz", b""
    )
    _run(ct, f"s3://trail-logs/AWSLogs/o-abcdefghij/{ACCOUNT}/")
    assert _events(ct) == ["org"]


def test_a_time_range_reads_file_names_then_folders(ct: FakeCloudTrail) -> None:
    ct.objects.put(log_url("us-east-1", D1.replace(hour=23)), log(event("late-d1", D1)))
    ct.objects.put(log_url("us-east-1", D2.replace(hour=1)), log(event("d2", D2)))
    ct.objects.put(
        f"{TRAIL}/CloudTrail/us-east-1/{D3:%Y/%m/%d}/unnamed.json.gz", log(event("d3", D3))
    )
    start = D2.replace(hour=0)
    import_id = _run(ct, StartEventTime=start, EndEventTime=D3.replace(hour=0))
    assert sorted(_events(ct)) == ["d2", "d3"]  # the d3 folder's day overlaps the end
    assert ct.get_import(ImportId=import_id)["ImportStatistics"]["PrefixesFound"] == 2


@pytest.mark.parametrize(
    ("body", "error_type", "why"),
    [
        (json.dumps({"Records": []}).encode(), "InvalidFileFormat", "not compressed"),
        (bz2.compress(b"{}"), "InvalidFileFormat", "compressed with bzip2"),
        (b"PK\x03\x04zipped", "InvalidFileFormat", "compressed with zip"),
        (b"\x1f\x8b\x08\x00broken", "InvalidLogFile", "not a readable gzip file"),
        (gzip.compress(b"{not json"), "InvalidLogFile", "does not hold valid JSON"),
        (gzip.compress(b'{"digestS3Object": "x"}'), "InvalidLogFile", "not a CloudTrail log file"),
        (gzip.compress(b'{"Records": [1, 2]}'), "InvalidLogFile", "not a CloudTrail log file"),
    ],
)
def test_each_kind_of_bad_file_is_one_failure_row(
    ct: FakeCloudTrail, body: bytes, error_type: str, why: str
) -> None:
    ct.objects.put(log_url("us-east-1", D1), log(event("good", D1)))
    ct.objects.put(log_url("us-east-1", D2), body)
    import_id = _run(ct)
    done = ct.get_import(ImportId=import_id)
    assert done["ImportStatus"] == "FAILED" and done["ImportStatistics"]["FailedEntries"] == 1
    (failure,) = ct.list_import_failures(ImportId=import_id)["Failures"]
    assert (failure["ErrorType"], failure["Location"]) == (error_type, log_url("us-east-1", D2))
    assert why in failure["ErrorMessage"]
    assert _events(ct) == ["good"]


# --- time, stop, retry --------------------------------------------------------------------------


def test_statistics_grow_with_the_files_processed(ct: FakeCloudTrail) -> None:
    for i, day in enumerate((D1, D2, D3)):
        ct.objects.put(log_url("us-east-1", day), log(event(f"e{i}", day), event(f"f{i}", day)))
    arn = _store(ct)
    import_id = ct.start_import(Destinations=[arn], ImportSource=source())["ImportId"]
    ct.clock.advance(minutes=1 + 9 * 2 / 3)  # IN_PROGRESS, past the second of three files
    running = ct.get_import(ImportId=import_id)
    assert running["ImportStatus"] == "IN_PROGRESS"
    assert running["ImportStatistics"] == {
        "PrefixesFound": 3,
        "PrefixesCompleted": 2,
        "FilesCompleted": 2,
        "EventsCompleted": 4,
        "FailedEntries": 0,
    }
    assert len(ct.control.events(arn)) == 4


def test_a_stopped_import_resumes_where_it_stopped(ct: FakeCloudTrail) -> None:
    for i, day in enumerate((D1, D2, D3)):
        ct.objects.put(log_url("us-east-1", day), log(event(f"e{i}", day)))
    arn = _store(ct)
    import_id = ct.start_import(Destinations=[arn], ImportSource=source())["ImportId"]
    ct.clock.advance(minutes=1 + 9 / 3)
    stopped = ct.stop_import(ImportId=import_id)
    assert stopped["ImportStatistics"]["FilesCompleted"] == 1
    ct.clock.advance(hours=1)
    assert ct.get_import(ImportId=import_id)["ImportStatistics"]["FilesCompleted"] == 1
    ct.start_import(ImportId=import_id)
    ct.clock.advance(hours=1)
    done = ct.get_import(ImportId=import_id)
    assert done["ImportStatus"] == "COMPLETED"
    assert done["ImportStatistics"]["FilesCompleted"] == 3
    assert _events(ct) == ["e0", "e1", "e2"]  # each copied once


def test_a_file_that_fails_again_keeps_its_row_failed(ct: FakeCloudTrail) -> None:
    ct.objects.put(log_url("us-east-1", D1), b"plain text")
    import_id = _run(ct)
    ct.objects.put(log_url("us-east-1", D1), gzip.compress(b"still not json"))
    ct.start_import(ImportId=import_id)
    ct.clock.advance(hours=1)
    (failure,) = ct.list_import_failures(ImportId=import_id)["Failures"]
    assert failure["Status"] == "FAILED" and failure["ErrorType"] == "InvalidLogFile"
    assert failure["LastUpdatedTime"] > ct.get_import(ImportId=import_id)["CreatedTimestamp"]
    ct.objects.delete(log_url("us-east-1", D1))  # cleaned up: nothing left to copy
    ct.start_import(ImportId=import_id)
    ct.clock.advance(hours=1)
    assert ct.list_import_failures(ImportId=import_id)["Failures"][0]["Status"] == "SUCCEEDED"
    assert ct.get_import(ImportId=import_id)["ImportStatus"] == "COMPLETED"


# --- sources -------------------------------------------------------------------------------


def test_an_empty_source_is_data_optional_unless_sources_are_required() -> None:
    relaxed = FakeCloudTrail(clock=ManualClock(NOW))
    import_id = _run(relaxed)
    assert relaxed.get_import(ImportId=import_id)["ImportStatistics"]["EventsCompleted"] == 1000
    strict = FakeCloudTrail(clock=ManualClock(NOW), require_sources=True)
    arn = _store(strict)
    with pytest.raises(strict.exceptions.InvalidImportSourceException, match="holds no objects"):
        strict.start_import(Destinations=[arn], ImportSource=source())
    assert strict.list_imports()["Imports"] == []


def test_a_script_wins_over_the_trail(ct: FakeCloudTrail) -> None:
    ct.objects.put(log_url("us-east-1", D1), log(event("e", D1)))
    ct.control.script_next_import(statistics={"EventsCompleted": 7})
    import_id = _run(ct)
    assert ct.get_import(ImportId=import_id)["ImportStatistics"]["EventsCompleted"] == 7
    assert _events(ct) == []


def test_a_store_shared_between_fakes() -> None:
    store = ObjectStore()
    store.put(log_url("us-east-1", D1), log(event("shared", D1)))
    ct = FakeCloudTrail(clock=ManualClock(NOW), objects=store)
    _run(ct)
    assert _events(ct) == ["shared"]


# --- event data stores ------------------------------------------------------------------------


def test_deleting_restoring_and_the_seven_days(ct: FakeCloudTrail) -> None:
    protected = ct.create_event_data_store(Name="kept")["EventDataStoreArn"]
    with pytest.raises(ct.exceptions.EventDataStoreTerminationProtectedException):
        ct.delete_event_data_store(EventDataStore=protected)
    arn = ct.create_event_data_store(Name="gone", TerminationProtectionEnabled=False)[
        "EventDataStoreArn"
    ]
    ct.delete_event_data_store(EventDataStore=arn)
    assert ct.get_event_data_store(EventDataStore=arn)["Status"] == "PENDING_DELETION"
    with pytest.raises(ct.exceptions.InactiveEventDataStoreException):
        ct.delete_event_data_store(EventDataStore=arn)
    with pytest.raises(ct.exceptions.InactiveEventDataStoreException):
        ct.start_import(Destinations=[arn], ImportSource=source())
    ct.restore_event_data_store(EventDataStore=arn)
    assert ct.get_event_data_store(EventDataStore=arn)["Status"] == "ENABLED"
    with pytest.raises(ct.exceptions.InvalidEventDataStoreStatusException):
        ct.restore_event_data_store(EventDataStore=arn)
    ct.delete_event_data_store(EventDataStore=arn)
    ct.clock.advance(days=7)
    with pytest.raises(ct.exceptions.EventDataStoreNotFoundException):
        ct.get_event_data_store(EventDataStore=arn)
    listed = [s["Name"] for s in ct.list_event_data_stores()["EventDataStores"]]
    assert listed == ["kept"]


def test_updating_a_store(ct: FakeCloudTrail) -> None:
    arn = ct.create_event_data_store(Name="lake")["EventDataStoreArn"]
    ct.create_event_data_store(Name="other")
    with pytest.raises(ct.exceptions.InvalidParameterException, match="At least one"):
        ct.update_event_data_store(EventDataStore=arn)
    with pytest.raises(ct.exceptions.EventDataStoreAlreadyExistsException):
        ct.update_event_data_store(EventDataStore=arn, Name="other")
    with pytest.raises(ct.exceptions.InvalidParameterException):
        ct.update_event_data_store(
            EventDataStore=arn, BillingMode="FIXED_RETENTION_PRICING", RetentionPeriod=3000
        )
    clock_before = ct.get_event_data_store(EventDataStore=arn)["UpdatedTimestamp"]
    ct.clock.advance(minutes=1)
    updated = ct.update_event_data_store(EventDataStore=arn, Name="renamed", RetentionPeriod=90)
    assert (updated["Name"], updated["RetentionPeriod"]) == ("renamed", 90)
    assert updated["UpdatedTimestamp"] > clock_before


def test_a_store_with_an_import_running_cannot_be_changed(ct: FakeCloudTrail) -> None:
    ct.objects.put(log_url("us-east-1", D1), log(event("e", D1)))
    arn = ct.create_event_data_store(Name="lake", TerminationProtectionEnabled=False)[
        "EventDataStoreArn"
    ]
    import_id = ct.start_import(Destinations=[arn], ImportSource=source())["ImportId"]
    with pytest.raises(ct.exceptions.EventDataStoreHasOngoingImportException):
        ct.delete_event_data_store(EventDataStore=arn)
    with pytest.raises(ct.exceptions.EventDataStoreHasOngoingImportException):
        ct.update_event_data_store(EventDataStore=arn, RetentionPeriod=90)
    ct.control.set_event_data_store_status(arn, "PENDING_DELETION")
    failed = ct.get_import(ImportId=import_id)
    assert failed["ImportStatus"] == "FAILED"
    (failure,) = ct.list_import_failures(ImportId=import_id)["Failures"]
    assert failure["ErrorType"] == "InactiveEventDataStore" and failure["Location"] == arn


def test_the_list_of_stores_pages(ct: FakeCloudTrail) -> None:
    for name in ("one", "two", "three"):
        ct.create_event_data_store(Name=name)
    first = ct.list_event_data_stores(MaxResults=2)
    rest = ct.list_event_data_stores(MaxResults=2, NextToken=first["NextToken"])
    names = [s["Name"] for s in first["EventDataStores"] + rest["EventDataStores"]]
    assert names == ["one", "two", "three"] and "NextToken" not in rest
    assert set(first["EventDataStores"][0]) >= {"EventDataStoreArn", "Name", "Status"}


def test_selection_and_retention_edges() -> None:
    from fakeimports.services.cloudtrail.trail import read_log, select

    base = f"{TRAIL}/CloudTrail/us-east-1/"
    urls = [
        f"{base}",  # a folder marker, not an object
        f"{base}2026/13/45/{ACCOUNT}_CloudTrail_us-east-1_20261345T9999Z_x.json.gz",  # no date
        f"{base}undated.json.gz",
        "s3://elsewhere/AWSLogs/x.json.gz",  # not under the source
    ]
    chosen = select(urls, f"{TRAIL}/CloudTrail/", START, END)
    assert [f.url.rsplit("/", 1)[1] for f in chosen] == [
        f"{ACCOUNT}_CloudTrail_us-east-1_20261345T9999Z_x.json.gz",
        "undated.json.gz",
    ]  # nothing says they fall outside the range
    records = [
        {"eventID": "no-time"},
        {"eventID": "bad-time", "eventTime": "yesterday"},
        {"eventID": "naive", "eventTime": "2026-03-09T00:00:00"},
        {"eventID": "too-old", "eventTime": "2020-01-01T00:00:00Z"},
    ]
    kept = read_log("s3://b/k", log(*records), NOW - timedelta(days=30))
    assert isinstance(kept, list)
    assert [r["eventID"] for r in kept] == ["no-time", "bad-time", "naive"]


def _parsed_retained(text: str, oldest: datetime) -> bool:
    """Retention judged by parsing the time, as for any form: what the text shortcut must match."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return True
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)) >= oldest


_MOMENTS = st.datetimes(datetime(1990, 1, 1), datetime(2100, 1, 1), timezones=st.just(timezone.utc))


@given(
    when=_MOMENTS,
    oldest=_MOMENTS,
    noise=st.text(alphabet="0123456789-:TZ+ .W", min_size=20, max_size=20),
)
def test_retention_reads_cloudtrail_times_as_text_exactly(
    when: datetime, oldest: datetime, noise: str
) -> None:
    """Times in CloudTrail's own form are judged on their text: always as parsing them would."""
    from fakeimports.services.cloudtrail.trail import _cut, _retained

    cut = _cut(oldest)
    for text in (when.strftime("%Y-%m-%dT%H:%M:%SZ"), oldest.strftime("%Y-%m-%dT%H:%M:%SZ"), noise):
        assert _retained({"eventTime": text}, oldest, cut) == _parsed_retained(text, oldest), text


@pytest.mark.parametrize(
    "text",
    [
        "2026-W09-1T00:00:00Z",  # an ISO week date, as long: 23 February, too old
        "2026-03-01 00:00:00Z",  # a space for the T: parsed alike
        "2026-03-01T00:00:00z",  # not a time Python reads: kept
        "2026-02-28T23:59:59Z",  # a second too old
        "2026-03-01T00:00:00Z",  # the cut itself, a fraction of a second too old
        "2026-03-01T00:00:01Z",
    ],
)
def test_retention_shortcut_edges(text: str) -> None:
    from fakeimports.services.cloudtrail.trail import _cut, _retained

    oldest = datetime(2026, 3, 1, 0, 0, 0, 500_000, tzinfo=timezone.utc)
    assert _retained({"eventTime": text}, oldest, _cut(oldest)) == _parsed_retained(text, oldest)


_CLOUDTRAIL_TIMES = _MOMENTS.map(lambda m: m.strftime("%Y-%m-%dT%H:%M:%SZ"))
_TIMES = st.one_of(
    _CLOUDTRAIL_TIMES,
    st.text(alphabet="0123456789-:TZ+ .W", min_size=19, max_size=21),
    st.none(),
    st.integers(),
)


@given(
    times=st.lists(_CLOUDTRAIL_TIMES, min_size=1, max_size=6) | st.lists(_TIMES, max_size=6),
    oldest=_MOMENTS,
)
@example(
    times=["2026-03-02T00:00:00Z", "2026-W09-1T00:00:00Z"],
    oldest=datetime(2026, 3, 1, tzinfo=timezone.utc),
)
@example(
    times=["2026-03-02T00:00:00Z", "2026-03-01T00:00:00Z"],
    oldest=datetime(2026, 3, 2, tzinfo=timezone.utc),
)
def test_a_files_events_are_kept_as_each_alone_would_be(times: list[Any], oldest: datetime) -> None:
    """A file's events are judged at once when they allow it: the same events, in order."""
    from fakeimports.services.cloudtrail.trail import within

    records = [{"eventID": str(i), "eventTime": t} for i, t in enumerate(times)]
    expected = [
        r
        for r in records
        if not isinstance(r["eventTime"], str) or _parsed_retained(r["eventTime"], oldest)
    ]
    assert within(records, oldest) == expected
