"""FakeSESv2 behaviour: contact lists, import jobs over time, listing, quotas and faults."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from botocore.exceptions import OperationNotPageableError

from fakeimports import FakeSESv2, ManualClock

from ..helpers import SES_SOURCE as SOURCE
from ..helpers import T0

TO_LIST = {"ContactListDestination": {"ContactListName": "news", "ContactListImportAction": "PUT"}}
TO_SUPPRESSION = {"SuppressionListDestination": {"SuppressionListImportAction": "PUT"}}


@pytest.fixture
def ses(clock: ManualClock) -> FakeSESv2:
    fake = FakeSESv2(clock=clock, seed=3)
    fake.create_contact_list(ContactListName="news")
    return fake


def job(ses: FakeSESv2, destination: dict[str, Any] = TO_SUPPRESSION) -> str:
    job_id: str = ses.create_import_job(ImportDestination=destination, ImportDataSource=SOURCE)[
        "JobId"
    ]
    return job_id


def test_job_moves_through_its_statuses(ses: FakeSESv2, clock: ManualClock) -> None:
    job_id = job(ses, TO_LIST)
    first = ses.get_import_job(JobId=job_id)
    assert first["JobStatus"] == "CREATED"
    assert (first["ProcessedRecordsCount"], first["FailedRecordsCount"]) == (0, 0)
    assert "CompletedTimestamp" not in first and "FailureInfo" not in first
    assert first["ImportDataSource"] == SOURCE and first["ImportDestination"] == TO_LIST
    clock.advance(minutes=1 + 9 / 2)
    half = ses.get_import_job(JobId=job_id)
    assert half["JobStatus"] == "PROCESSING" and half["ProcessedRecordsCount"] == 50
    clock.advance(hours=1)
    done = ses.get_import_job(JobId=job_id)
    assert done["JobStatus"] == "COMPLETED"
    assert done["ProcessedRecordsCount"] == 100
    assert done["CompletedTimestamp"] == T0 + timedelta(minutes=10)


def test_scripted_failure(ses: FakeSESv2, clock: ManualClock) -> None:
    ses.control.script_next_import_job(
        status="FAILED", processed=40, failed=7, error_message="Bad header row"
    )
    job_id = job(ses)
    clock.advance(hours=1)
    got = ses.get_import_job(JobId=job_id)
    assert got["JobStatus"] == "FAILED"
    assert (got["ProcessedRecordsCount"], got["FailedRecordsCount"]) == (40, 7)
    assert got["FailureInfo"]["ErrorMessage"] == "Bad header row"
    assert got["FailureInfo"]["FailedRecordsS3Url"].startswith("s3://")


def test_cancelled_only_through_control(ses: FakeSESv2, clock: ManualClock) -> None:
    job_id = job(ses)
    clock.advance(minutes=4)
    ses.control.set_status(job_id, "CANCELLED")
    clock.advance(hours=1)
    got = ses.get_import_job(JobId=job_id)
    assert got["JobStatus"] == "CANCELLED"
    assert got["CompletedTimestamp"] == T0 + timedelta(minutes=4)
    assert 0 < got["ProcessedRecordsCount"] < 100
    with pytest.raises(ValueError, match="legal from CANCELLED: none"):
        ses.control.set_status(job_id, "PROCESSING")


def test_destination_needs_exactly_one_kind(ses: FakeSESv2) -> None:
    for destination in ({}, {**TO_LIST, **TO_SUPPRESSION}):
        with pytest.raises(ses.exceptions.BadRequestException, match="exactly one"):
            ses.create_import_job(ImportDestination=destination, ImportDataSource=SOURCE)
    assert ses.list_import_jobs()["ImportJobs"] == []


def test_missing_contact_list(ses: FakeSESv2) -> None:
    to_missing = {
        "ContactListDestination": {"ContactListName": "gone", "ContactListImportAction": "PUT"}
    }
    with pytest.raises(ses.exceptions.NotFoundException) as err:
        ses.create_import_job(ImportDestination=to_missing, ImportDataSource=SOURCE)
    assert err.value.response["Error"]["Message"] == "ContactList <gone> doesn't exist"
    assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert (
        err.value.response["ResponseMetadata"]["HTTPHeaders"]["x-amzn-errortype"]
        == "NotFoundException"
    )


def test_service_validation_wording(ses: FakeSESv2) -> None:
    with pytest.raises(ses.exceptions.BadRequestException) as err:
        ses.create_import_job(
            ImportDestination=TO_SUPPRESSION,
            ImportDataSource={"S3Url": "s3:/x", "DataFormat": "CSV"},
        )
    assert err.value.response["Error"]["Message"] == (
        "1 validation error detected: Value 's3:/x' at 'importDataSource.s3Url' failed to "
        "satisfy constraint: Member must satisfy regular expression pattern: "
        r"^s3:\/\/([^\/]+)\/(.*?([^\/]+)\/?)$"
    )


def test_active_job_quota(clock: ManualClock) -> None:
    ses = FakeSESv2(clock=clock, max_active_import_jobs=2)
    job(ses)
    job(ses)
    with pytest.raises(ses.exceptions.LimitExceededException):
        job(ses)
    clock.advance(hours=1)  # both finished: room again
    assert job(ses)


def test_get_unknown_job(ses: FakeSESv2) -> None:
    with pytest.raises(ses.exceptions.NotFoundException):
        ses.get_import_job(JobId="nope")


def test_list_pages_filters_and_shape(ses: FakeSESv2, clock: ManualClock) -> None:
    ids = []
    for i in range(5):
        ids.append(job(ses, TO_LIST if i % 2 else TO_SUPPRESSION))
        clock.advance(seconds=1)
    seen, token = [], None
    while True:
        page = ses.list_import_jobs(PageSize=2, **({"NextToken": token} if token else {}))
        seen += [j["JobId"] for j in page["ImportJobs"]]
        token = page.get("NextToken")
        if token is None:
            break
    assert seen == ids
    contact = ses.list_import_jobs(ImportDestinationType="CONTACT_LIST")["ImportJobs"]
    assert [j["JobId"] for j in contact] == ids[1::2]
    assert set(contact[0]) == {
        "JobId",
        "ImportDestination",
        "JobStatus",
        "CreatedTimestamp",
        "ProcessedRecordsCount",
        "FailedRecordsCount",
    }


def test_list_page_size_bounds_and_tokens(ses: FakeSESv2) -> None:
    job(ses)
    job(ses)
    for size, phrase in ((0, "greater than or equal to 1"), (1001, "less than or equal to 1000")):
        with pytest.raises(ses.exceptions.BadRequestException, match=phrase):
            ses.list_import_jobs(PageSize=size)
    token = ses.list_import_jobs(PageSize=1)["NextToken"]
    with pytest.raises(ses.exceptions.BadRequestException, match="Invalid Next Token"):
        ses.list_import_jobs(PageSize=1, ImportDestinationType="CONTACT_LIST", NextToken=token)
    with pytest.raises(ses.exceptions.BadRequestException, match="Invalid Next Token"):
        ses.list_import_jobs(NextToken="forged")


def test_no_paginator_as_in_botocore(ses: FakeSESv2) -> None:
    assert ses.can_paginate("list_import_jobs") is False
    with pytest.raises(OperationNotPageableError):
        ses.get_paginator("list_import_jobs")


def test_throttling_is_429(ses: FakeSESv2) -> None:
    ses.control.fail_next("list_import_jobs", "TooManyRequestsException")
    with pytest.raises(ses.exceptions.TooManyRequestsException) as err:
        ses.list_import_jobs()
    assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 429
    assert ses.list_import_jobs()["ImportJobs"] == []


def test_contact_list_rules(ses: FakeSESv2) -> None:
    with pytest.raises(ses.exceptions.BadRequestException, match="A maximum of 1 Lists"):
        ses.create_contact_list(ContactListName="second")
    got = ses.get_contact_list(ContactListName="news")
    assert got["ContactListName"] == "news" and got["CreatedTimestamp"] == T0
    with pytest.raises(
        ses.exceptions.NotFoundException, match=r"List with name: other doesn.t exist\."
    ):
        ses.get_contact_list(ContactListName="other")
    with pytest.raises(ses.exceptions.BadRequestException, match="up to 64 characters"):
        ses.get_contact_list(ContactListName="bad name!")
    with pytest.raises(ses.exceptions.BadRequestException, match="can't be blank"):
        ses.delete_contact_list(ContactListName=" ")
    assert (
        ses.delete_contact_list(ContactListName="news")["ResponseMetadata"]["HTTPStatusCode"] == 200
    )
    topics = [
        {"TopicName": f"t{i}", "DisplayName": "d", "DefaultSubscriptionStatus": "OPT_IN"}
        for i in range(21)
    ]
    with pytest.raises(ses.exceptions.BadRequestException, match="Maximum of <20> topics"):
        ses.create_contact_list(ContactListName="news", Topics=topics)
    with pytest.raises(ses.exceptions.BadRequestException, match="Duplicate topic names"):
        ses.create_contact_list(ContactListName="news", Topics=[topics[0], topics[0]])
    ses.create_contact_list(ContactListName="news", Topics=topics[:2])
    assert len(ses.get_contact_list(ContactListName="news")["Topics"]) == 2


def test_deleting_the_list_fails_its_running_jobs(ses: FakeSESv2, clock: ManualClock) -> None:
    running = job(ses, TO_LIST)
    other = job(ses, TO_SUPPRESSION)
    clock.advance(minutes=3)
    ses.delete_contact_list(ContactListName="news")
    clock.advance(hours=1)
    failed = ses.get_import_job(JobId=running)
    assert failed["JobStatus"] == "FAILED"
    assert failed["FailureInfo"]["ErrorMessage"] == "ContactList <news> doesn't exist"
    assert ses.get_import_job(JobId=other)["JobStatus"] == "COMPLETED"
