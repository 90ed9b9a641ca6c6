"""SES v2 import jobs that read their object: the suppression list."""

from __future__ import annotations

from datetime import timedelta

import pytest

from fakeimports import FakeSESv2, ManualClock, ObjectStore, mock_imports

from ..helpers import T0

PUT = {"SuppressionListDestination": {"SuppressionListImportAction": "PUT"}}
DELETE = {"SuppressionListDestination": {"SuppressionListImportAction": "DELETE"}}
GOOD_AND_BAD = (
    "alice@Example.COM,BOUNCE\n"
    "bob@example.com,COMPLAINT\n"
    "\n"
    "not-an-address,BOUNCE\n"
    "carol@example.com,SPAM\n"
    "dave@example.com\n"
)


@pytest.fixture
def ses(clock: ManualClock) -> FakeSESv2:
    return FakeSESv2(clock=clock, seed=3)


def _addresses(ses: FakeSESv2) -> dict[str, str]:
    page = ses.list_suppressed_destinations()["SuppressedDestinationSummaries"]
    return {s["EmailAddress"]: s["Reason"] for s in page}


def test_a_csv_put_applies_its_records_as_the_clock_passes_them(
    ses: FakeSESv2, clock: ManualClock
) -> None:
    ses.objects.put("s3://lists/suppress.csv", GOOD_AND_BAD)
    job = ses.create_import_job(
        ImportDestination=PUT,
        ImportDataSource={"S3Url": "s3://lists/suppress.csv", "DataFormat": "CSV"},
    )["JobId"]
    assert _addresses(ses) == {}  # CREATED: nothing applied yet
    clock.advance(minutes=1 + 9 * 2 / 5)  # PROCESSING, past the 2nd of 5 records
    assert _addresses(ses) == {"alice@example.com": "BOUNCE", "bob@example.com": "COMPLAINT"}
    running = ses.get_import_job(JobId=job)
    assert running["JobStatus"] == "PROCESSING" and 0 < running["ProcessedRecordsCount"] < 5
    clock.advance(hours=1)
    done = ses.get_import_job(JobId=job)
    assert (done["JobStatus"], done["ProcessedRecordsCount"], done["FailedRecordsCount"]) == (
        "COMPLETED",
        5,
        3,
    )
    url = done["FailureInfo"]["FailedRecordsS3Url"]
    assert (
        url == f"s3://lists/failed-records/{job}.csv" and "ErrorMessage" not in done["FailureInfo"]
    )
    failed = ses.objects.get(url).decode().splitlines()
    assert failed[0] == "recordNumber,record,errorMessage"
    assert [line.split(",")[0] for line in failed[1:]] == ["3", "4", "5"]
    assert "Expected 2 column(s) but found 1." in failed[3]
    assert "[BOUNCE, COMPLAINT]" in failed[2]
    entry = ses.get_suppressed_destination(EmailAddress="alice@EXAMPLE.com")[
        "SuppressedDestination"
    ]
    assert entry["Reason"] == "BOUNCE" and entry["LastUpdateTime"] < clock.now()


def test_a_json_delete_removes_listed_addresses_and_fails_the_absent_ones(
    ses: FakeSESv2, clock: ManualClock
) -> None:
    for address in ("a@example.com", "b@example.com"):
        ses.put_suppressed_destination(EmailAddress=address, Reason="BOUNCE")
    ses.objects.put(
        "s3://lists/remove.json",
        '\ufeff{"emailAddress":"a@example.com"}\n{"emailAddress":"zed@example.com"}\n[1]\n{oops\n',
    )
    job = ses.create_import_job(
        ImportDestination=DELETE,
        ImportDataSource={"S3Url": "s3://lists/remove.json", "DataFormat": "JSON"},
    )["JobId"]
    clock.advance(hours=1)
    assert _addresses(ses) == {"b@example.com": "BOUNCE"}
    done = ses.get_import_job(JobId=job)
    assert (done["ProcessedRecordsCount"], done["FailedRecordsCount"]) == (4, 3)
    failed = ses.objects.get(done["FailureInfo"]["FailedRecordsS3Url"]).decode()
    assert "zed@example.com does not exist on your suppression list" in failed
    assert "Each line must be a JSON object." in failed and "Malformed JSON" in failed


def test_an_unreadable_object_fails_the_job(ses: FakeSESv2, clock: ManualClock) -> None:
    ses.objects.put("s3://lists/broken.csv", 'a@example.com,BOUNCE\n"unterminated,BOUNCE\n')
    job = ses.create_import_job(
        ImportDestination=PUT,
        ImportDataSource={"S3Url": "s3://lists/broken.csv", "DataFormat": "CSV"},
    )["JobId"]
    clock.advance(hours=1)
    done = ses.get_import_job(JobId=job)
    assert done["JobStatus"] == "FAILED" and done["FailureInfo"]["ErrorMessage"].startswith(
        "Malformed CSV"
    )
    assert _addresses(ses) == {}  # a failed job applies nothing


def test_a_missing_object_is_data_optional_unless_sources_are_required(clock: ManualClock) -> None:
    source = {"S3Url": "s3://lists/nowhere.csv", "DataFormat": "CSV"}
    relaxed, strict = FakeSESv2(clock=clock), FakeSESv2(clock=clock, require_sources=True)
    first = relaxed.create_import_job(ImportDestination=PUT, ImportDataSource=source)["JobId"]
    second = strict.create_import_job(ImportDestination=PUT, ImportDataSource=source)["JobId"]
    clock.advance(hours=1)
    assert relaxed.get_import_job(JobId=first)["ProcessedRecordsCount"] == 100  # the default
    failed = strict.get_import_job(JobId=second)
    assert failed["JobStatus"] == "FAILED"
    assert failed["FailureInfo"]["ErrorMessage"] == "The specified key does not exist."


def test_a_script_wins_over_the_data(ses: FakeSESv2, clock: ManualClock) -> None:
    ses.objects.put("s3://lists/suppress.csv", GOOD_AND_BAD)
    ses.control.script_next_import_job(processed=7)
    job = ses.create_import_job(
        ImportDestination=PUT,
        ImportDataSource={"S3Url": "s3://lists/suppress.csv", "DataFormat": "CSV"},
    )["JobId"]
    clock.advance(hours=1)
    assert ses.get_import_job(JobId=job)["ProcessedRecordsCount"] == 7 and _addresses(ses) == {}


def test_a_forced_failure_stops_the_records_still_to_come(
    ses: FakeSESv2, clock: ManualClock
) -> None:
    ses.objects.put("s3://lists/s.csv", "".join(f"u{i}@example.com,BOUNCE\n" for i in range(10)))
    job = ses.create_import_job(
        ImportDestination=PUT, ImportDataSource={"S3Url": "s3://lists/s.csv", "DataFormat": "CSV"}
    )["JobId"]
    clock.advance(minutes=1 + 9 * 0.35)
    ses.control.set_status(job, "FAILED")
    clock.advance(hours=1)
    assert len(_addresses(ses)) == 3


def test_the_documented_limit_of_a_delete_import(ses: FakeSESv2, clock: ManualClock) -> None:
    ses.objects.put("s3://lists/big.csv", "x@example.com\n" * 10_001)
    job = ses.create_import_job(
        ImportDestination=DELETE,
        ImportDataSource={"S3Url": "s3://lists/big.csv", "DataFormat": "CSV"},
    )["JobId"]
    clock.advance(hours=1)
    assert "at most 10000" in ses.get_import_job(JobId=job)["FailureInfo"]["ErrorMessage"]


def test_suppression_operations(ses: FakeSESv2, clock: ManualClock) -> None:
    ses.put_suppressed_destination(EmailAddress=" Ann@Example.com ", Reason="BOUNCE")
    clock.advance(minutes=5)
    ses.put_suppressed_destination(EmailAddress="ben@example.com", Reason="COMPLAINT")
    assert _addresses(ses) == {"Ann@example.com": "BOUNCE", "ben@example.com": "COMPLAINT"}
    later = ses.list_suppressed_destinations(StartDate=T0 + timedelta(minutes=1))
    assert [s["EmailAddress"] for s in later["SuppressedDestinationSummaries"]] == [
        "ben@example.com"
    ]
    complaints = ses.list_suppressed_destinations(Reasons=["COMPLAINT"])
    assert len(complaints["SuppressedDestinationSummaries"]) == 1
    with pytest.raises(ses.exceptions.BadRequestException, match="EmailAddress nope is invalid"):
        ses.put_suppressed_destination(EmailAddress="nope", Reason="BOUNCE")
    with pytest.raises(ses.exceptions.NotFoundException, match="Tenant t1"):
        ses.get_suppressed_destination(EmailAddress="ben@example.com", TenantName="t1")
    ses.delete_suppressed_destination(EmailAddress="ann@example.com".replace("ann", "Ann"))
    with pytest.raises(
        ses.exceptions.NotFoundException, match="does not exist on your suppression"
    ):
        ses.delete_suppressed_destination(EmailAddress="Ann@example.com")
    page = ses.list_suppressed_destinations(PageSize=1)
    assert "NextToken" not in page
    with pytest.raises(ses.exceptions.InvalidNextTokenException):
        ses.list_suppressed_destinations(NextToken="forged")


@pytest.mark.parametrize("order", ["moto outside", "moto inside"])
def test_application_code_writes_to_moto_s3_and_imports_through_a_real_client(order: str) -> None:
    moto = pytest.importorskip("moto")
    import boto3

    def run() -> None:
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="lists")
        s3.put_object(Bucket="lists", Key="suppress.csv", Body=GOOD_AND_BAD.encode())
        ses = boto3.client("sesv2", region_name="us-east-1")
        job = ses.create_import_job(
            ImportDestination=PUT,
            ImportDataSource={"S3Url": "s3://lists/suppress.csv", "DataFormat": "CSV"},
        )["JobId"]
        fakes.clock.advance(hours=1)
        done = ses.get_import_job(JobId=job)
        assert (done["ProcessedRecordsCount"], done["FailedRecordsCount"]) == (5, 3)
        listed = ses.list_suppressed_destinations()["SuppressedDestinationSummaries"]
        assert {s["EmailAddress"] for s in listed} == {"alice@example.com", "bob@example.com"}
        failures = fakes.objects.get(done["FailureInfo"]["FailedRecordsS3Url"])
        assert failures.startswith(b"recordNumber,record,errorMessage")

    clock = ManualClock(T0)
    if order == "moto outside":
        with moto.mock_aws(), mock_imports(clock=clock) as fakes:
            run()
    else:
        with mock_imports(clock=clock) as fakes, moto.mock_aws():
            run()


def test_the_store_of_a_block_feeds_its_fakes() -> None:
    store = ObjectStore()
    store.put("s3://lists/s.csv", "x@example.com,BOUNCE\n")
    clock = ManualClock(T0)
    with mock_imports(objects=store, clock=clock) as fakes:
        ses = fakes.sesv2()
        ses.create_import_job(
            ImportDestination=PUT,
            ImportDataSource={"S3Url": "s3://lists/s.csv", "DataFormat": "CSV"},
        )
        clock.advance(hours=1)
        assert _addresses(ses) == {"x@example.com": "BOUNCE"}
