"""SES v2 import jobs that read their object: the suppression list."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from fakeimports import FakeSESv2, ManualClock, ObjectStore, mock_imports
from fakeimports.core.records import RecordPlan, csv_records
from fakeimports.services.sesv2 import imports as sesv2_imports
from fakeimports.services.sesv2 import models as sesv2_models
from fakeimports.services.sesv2.client import _NUMBER
from fakeimports.services.sesv2.imports import ContactList as ImportTarget
from fakeimports.services.sesv2.imports import (
    Record,
    _columns,
    _csv_fields,
    _Taken,
    read_contacts,
)

from ..helpers import T0, with_moto

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


def _run_import(
    ses: FakeSESv2, clock: ManualClock, destination: Any, url: str, *, body: str, data_format: str
) -> str:
    """Put ``body`` at ``url``, import it into ``destination``, let the job run its course."""
    ses.objects.put(url, body)
    job: str = ses.create_import_job(
        ImportDestination=destination, ImportDataSource={"S3Url": url, "DataFormat": data_format}
    )["JobId"]
    clock.advance(hours=1)
    return job


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
    broken = 'a@example.com,BOUNCE\n"unterminated,BOUNCE\n'
    job = _run_import(ses, clock, PUT, "s3://lists/broken.csv", body=broken, data_format="CSV")
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
    job = _run_import(
        ses, clock, DELETE, "s3://lists/big.csv", body="x@example.com\n" * 10_001, data_format="CSV"
    )
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


def _served_import(fakes: Any, destination: Any, key: str) -> tuple[Any, dict[str, Any]]:
    """Import ``s3://lists/<key>`` through a real client; the job once it has run its course."""
    import boto3

    ses = boto3.client("sesv2", region_name="us-east-1")
    job = ses.create_import_job(
        ImportDestination=destination,
        ImportDataSource={"S3Url": f"s3://lists/{key}", "DataFormat": "CSV"},
    )["JobId"]
    fakes.clock.advance(hours=1)
    return ses, ses.get_import_job(JobId=job)


def _upload(key: str, body: str) -> None:
    """What application code does: write the object to S3 (moto's) with boto3."""
    import boto3

    s3 = boto3.client("s3", region_name="us-east-1")
    s3.create_bucket(Bucket="lists")
    s3.put_object(Bucket="lists", Key=key, Body=body.encode())


@pytest.mark.parametrize("order", ["moto outside", "moto inside"])
def test_application_code_writes_to_moto_s3_and_imports_through_a_real_client(order: str) -> None:

    def check(fakes: Any) -> None:
        _upload("suppress.csv", GOOD_AND_BAD)
        ses, done = _served_import(fakes, PUT, "suppress.csv")
        assert (done["ProcessedRecordsCount"], done["FailedRecordsCount"]) == (5, 3)
        listed = ses.list_suppressed_destinations()["SuppressedDestinationSummaries"]
        assert {s["EmailAddress"] for s in listed} == {"alice@example.com", "bob@example.com"}
        failures = fakes.objects.get(done["FailureInfo"]["FailedRecordsS3Url"])
        assert failures.startswith(b"recordNumber,record,errorMessage")

    with_moto(order, check)


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


TOPICS = [
    {"TopicName": "Sports", "DisplayName": "Sports", "DefaultSubscriptionStatus": "OPT_IN"},
    {"TopicName": "Cycling", "DisplayName": "Cycling", "DefaultSubscriptionStatus": "OPT_OUT"},
]
CONTACTS_CSV = (
    "\ufeffemailAddress,unsubscribeAll,attributesData,topicPreferences.Sports,topicPreferences.Cycling\n"
    'alice@example.com,false,"{""name"": ""Alice""}",OPT_IN,OPT_OUT\n'
    "bob@example.com,true,,,\n"
    "\n"
    "carol@example.com,maybe,,OPT_IN,\n"
    'dave@example.com,false,"{not json}",,\n'
    "erin@example.com,false,,SOMETIMES,\n"
    "short@example.com,false\n"
)
TO_NEWS = {"ContactListDestination": {"ContactListName": "news", "ContactListImportAction": "PUT"}}


def _emails(ses: FakeSESv2, **filters: object) -> list[str]:
    return [
        c["EmailAddress"] for c in ses.list_contacts(ContactListName="news", **filters)["Contacts"]
    ]


def test_a_contact_csv_with_good_and_bad_rows(ses: FakeSESv2, clock: ManualClock) -> None:
    ses.create_contact_list(ContactListName="news", Topics=TOPICS)
    ses.objects.put("s3://lists/contacts.csv", CONTACTS_CSV)
    job = ses.create_import_job(
        ImportDestination=TO_NEWS,
        ImportDataSource={"S3Url": "s3://lists/contacts.csv", "DataFormat": "CSV"},
    )["JobId"]
    clock.advance(minutes=1 + 9 * 1 / 6)  # the first of six records
    assert _emails(ses) == ["alice@example.com"]
    clock.advance(hours=1)
    done = ses.get_import_job(JobId=job)
    assert (done["ProcessedRecordsCount"], done["FailedRecordsCount"]) == (6, 4)
    assert _emails(ses) == ["alice@example.com", "bob@example.com"]
    alice = ses.get_contact(ContactListName="news", EmailAddress="alice@example.com")
    assert alice["AttributesData"] == '{"name": "Alice"}' and alice["UnsubscribeAll"] is False
    assert alice["TopicPreferences"] == [
        {"TopicName": "Sports", "SubscriptionStatus": "OPT_IN"},
        {"TopicName": "Cycling", "SubscriptionStatus": "OPT_OUT"},
    ]
    bob = ses.get_contact(ContactListName="news", EmailAddress="bob@example.com")
    assert bob["TopicPreferences"] == [] and bob["UnsubscribeAll"] is True
    assert bob["TopicDefaultPreferences"] == [
        {"TopicName": "Sports", "SubscriptionStatus": "OPT_IN"},
        {"TopicName": "Cycling", "SubscriptionStatus": "OPT_OUT"},
    ]
    failed = ses.objects.get(done["FailureInfo"]["FailedRecordsS3Url"]).decode()
    for why in (
        "unsubscribeAll must be true or false.",
        "attributesData must be a valid JSON object.",
        "Member must satisfy enum value set: [OPT_OUT, OPT_IN]",
        "Expected 5 column(s) but found 2.",
    ):
        assert why in failed


def test_a_contact_put_replaces_outright_and_a_delete_removes(
    ses: FakeSESv2, clock: ManualClock
) -> None:
    ses.create_contact_list(ContactListName="news", Topics=TOPICS)
    ses.create_contact(
        ContactListName="news",
        EmailAddress="alice@example.com",
        TopicPreferences=[{"TopicName": "Cycling", "SubscriptionStatus": "OPT_IN"}],
        AttributesData='{"a": 1}',
    )
    ses.objects.put(
        "s3://lists/put.json",
        '{"emailAddress":"alice@example.com","topicPreferences":[{"topicName":"Sports",'
        '"subscriptionStatus":"OPT_OUT"}]}\n{"emailAddress":"x@example.com","topicPreferences":'
        '[{"topicName":"Chess","subscriptionStatus":"OPT_IN"}]}\n',
    )
    ses.create_import_job(
        ImportDestination=TO_NEWS,
        ImportDataSource={"S3Url": "s3://lists/put.json", "DataFormat": "JSON"},
    )
    clock.advance(hours=1)
    alice = ses.get_contact(ContactListName="news", EmailAddress="alice@example.com")
    assert alice["TopicPreferences"] == [{"TopicName": "Sports", "SubscriptionStatus": "OPT_OUT"}]
    assert "AttributesData" not in alice  # replaced, not merged
    ses.objects.put(
        "s3://lists/remove.csv", "emailAddress\nalice@example.com\nnobody@example.com\n"
    )
    removal = {
        "ContactListDestination": {"ContactListName": "news", "ContactListImportAction": "DELETE"}
    }
    job = ses.create_import_job(
        ImportDestination=removal,
        ImportDataSource={"S3Url": "s3://lists/remove.csv", "DataFormat": "CSV"},
    )["JobId"]
    clock.advance(hours=1)
    assert _emails(ses) == [] and ses.get_import_job(JobId=job)["FailedRecordsCount"] == 1


def test_a_contact_csv_without_an_email_column_fails_the_job(
    ses: FakeSESv2, clock: ManualClock
) -> None:
    ses.create_contact_list(ContactListName="news")
    job = _run_import(
        ses,
        clock,
        TO_NEWS,
        "s3://lists/bad.csv",
        body="email,name\na@example.com,A\n",
        data_format="CSV",
    )
    failed = ses.get_import_job(JobId=job)
    assert failed["JobStatus"] == "FAILED"
    assert (
        failed["FailureInfo"]["ErrorMessage"]
        == "The CSV header line must contain an emailAddress column."
    )


def test_deleting_the_list_stops_its_import(ses: FakeSESv2, clock: ManualClock) -> None:
    ses.create_contact_list(ContactListName="news")
    ses.objects.put(
        "s3://lists/c.csv", "emailAddress\n" + "".join(f"u{i}@example.com\n" for i in range(4))
    )
    job = ses.create_import_job(
        ImportDestination=TO_NEWS,
        ImportDataSource={"S3Url": "s3://lists/c.csv", "DataFormat": "CSV"},
    )["JobId"]
    clock.advance(minutes=3)
    ses.delete_contact_list(ContactListName="news")
    clock.advance(hours=1)
    assert ses.get_import_job(JobId=job)["JobStatus"] == "FAILED"
    ses.create_contact_list(ContactListName="news")
    assert _emails(ses) == []  # nothing from the stopped job lands in the new list


def test_list_contacts_filters_as_ses_does(ses: FakeSESv2) -> None:
    ses.create_contact_list(ContactListName="news", Topics=TOPICS)
    add = ses.create_contact
    add(
        ContactListName="news",
        EmailAddress="in@example.com",
        TopicPreferences=[{"TopicName": "Cycling", "SubscriptionStatus": "OPT_IN"}],
    )
    add(ContactListName="news", EmailAddress="default@example.com")
    add(
        ContactListName="news",
        EmailAddress="gone@example.com",
        UnsubscribeAll=True,
        TopicPreferences=[{"TopicName": "Cycling", "SubscriptionStatus": "OPT_IN"}],
    )
    assert _emails(ses, Filter={"FilteredStatus": "OPT_OUT"}) == ["gone@example.com"]
    cycling_in = {"FilteredStatus": "OPT_IN", "TopicFilter": {"TopicName": "Cycling"}}
    assert _emails(ses, Filter=cycling_in) == ["in@example.com"]
    cycling_out = {
        "FilteredStatus": "OPT_OUT",
        "TopicFilter": {"TopicName": "Cycling", "UseDefaultIfPreferenceUnavailable": True},
    }
    assert _emails(ses, Filter=cycling_out) == ["default@example.com", "gone@example.com"]
    with pytest.raises(ses.exceptions.BadRequestException, match="Invalid FilteredStatus"):
        ses.list_contacts(ContactListName="news", Filter={"TopicFilter": {"TopicName": "Sports"}})
    with pytest.raises(ses.exceptions.NotFoundException, match="doesn't contain Topic: Chess"):
        ses.list_contacts(
            ContactListName="news",
            Filter={"FilteredStatus": "OPT_IN", "TopicFilter": {"TopicName": "Chess"}},
        )
    with pytest.raises(ses.exceptions.BadRequestException, match="between 1 and 1000"):
        ses.list_contacts(ContactListName="news", PageSize=0)
    first = ses.list_contacts(ContactListName="news", PageSize=1)
    rest = ses.list_contacts(
        ContactListName="news",
        PageSize=5,
        NextToken=first["NextToken"],
        Filter={"FilteredStatus": "OPT_IN"},
    )  # the token is a position: another filter may go on from it
    assert [c["EmailAddress"] for c in rest["Contacts"]] == ["default@example.com"]
    with pytest.raises(ses.exceptions.BadRequestException, match="Provided NextToken is invalid"):
        ses.list_contacts(ContactListName="news", NextToken="forged")


def test_contact_operations(ses: FakeSESv2, clock: ManualClock) -> None:
    ses.create_contact_list(ContactListName="news", Topics=TOPICS)
    ses.create_contact(
        ContactListName="news",
        EmailAddress="a@example.com",
        TopicPreferences=[{"TopicName": "Sports", "SubscriptionStatus": "OPT_OUT"}],
    )
    with pytest.raises(ses.exceptions.AlreadyExistsException):
        ses.create_contact(ContactListName="news", EmailAddress="a@example.com")
    clock.advance(minutes=1)
    ses.update_contact(
        ContactListName="news",
        EmailAddress="a@example.com",
        TopicPreferences=[{"TopicName": "Cycling", "SubscriptionStatus": "OPT_IN"}],
    )
    contact = ses.get_contact(ContactListName="news", EmailAddress="a@example.com")
    assert {p["TopicName"] for p in contact["TopicPreferences"]} == {"Sports", "Cycling"}  # merged
    assert contact["LastUpdatedTimestamp"] > contact["CreatedTimestamp"]
    with pytest.raises(ses.exceptions.BadRequestException, match="doesn't contain Topic: Chess"):
        ses.update_contact(
            ContactListName="news",
            EmailAddress="a@example.com",
            TopicPreferences=[{"TopicName": "Chess", "SubscriptionStatus": "OPT_IN"}],
        )
    with pytest.raises(ses.exceptions.BadRequestException, match="valid JSON object"):
        ses.create_contact(
            ContactListName="news", EmailAddress="b@example.com", AttributesData="[1]"
        )
    ses.update_contact_list(ContactListName="news", Topics=TOPICS[:1])
    contact = ses.get_contact(ContactListName="news", EmailAddress="a@example.com")
    assert contact["TopicPreferences"] == [{"TopicName": "Sports", "SubscriptionStatus": "OPT_OUT"}]
    assert ses.list_contact_lists()["ContactLists"][0]["ContactListName"] == "news"
    ses.delete_contact(ContactListName="news", EmailAddress="a@example.com")
    with pytest.raises(ses.exceptions.NotFoundException, match="doesn't exist in List"):
        ses.get_contact(ContactListName="news", EmailAddress="a@example.com")


@pytest.mark.parametrize("order", ["moto outside", "moto inside"])
def test_the_issue_scenario_application_code_moto_s3_and_a_real_client(order: str) -> None:
    """A CSV with good and bad rows written to moto's S3 by application code, imported
    through a real boto3 client: counts, contacts, topic preferences and failed records."""
    import boto3

    def check(fakes: Any) -> None:
        _upload("contacts.csv", CONTACTS_CSV)
        boto3.client("sesv2", region_name="us-east-1").create_contact_list(
            ContactListName="news", Topics=TOPICS
        )
        ses, done = _served_import(fakes, TO_NEWS, "contacts.csv")
        assert (done["ProcessedRecordsCount"], done["FailedRecordsCount"]) == (6, 4)
        contacts = ses.list_contacts(
            ContactListName="news",
            Filter={"FilteredStatus": "OPT_IN", "TopicFilter": {"TopicName": "Sports"}},
        )["Contacts"]
        assert [c["EmailAddress"] for c in contacts] == ["alice@example.com"]
        failed = fakes.objects.get(done["FailureInfo"]["FailedRecordsS3Url"]).decode()
        assert failed.count("\n") == 5  # the header and four failed records

    with_moto(order, check)


def test_a_contact_import_through_a_blocks_store_and_a_served_client() -> None:
    import boto3

    clock = ManualClock(T0)
    with mock_imports(clock=clock) as fakes:
        fakes.objects.put("s3://lists/contacts.csv", CONTACTS_CSV)
        ses = boto3.client("sesv2", region_name="us-east-1")
        ses.create_contact_list(ContactListName="news", Topics=TOPICS)
        job = ses.create_import_job(
            ImportDestination=TO_NEWS,
            ImportDataSource={"S3Url": "s3://lists/contacts.csv", "DataFormat": "CSV"},
        )["JobId"]
        clock.advance(hours=1)
        done = ses.get_import_job(JobId=job)
        assert (done["ProcessedRecordsCount"], done["FailedRecordsCount"]) == (6, 4)
        listed = ses.list_contacts(ContactListName="news")["Contacts"]
        assert [c["EmailAddress"] for c in listed] == ["alice@example.com", "bob@example.com"]
        assert (
            "Expected 5 column(s)"
            in fakes.objects.get(done["FailureInfo"]["FailedRecordsS3Url"]).decode()
        )


# --- the fast CSV path agrees with the rules ------------------------------------------------

_KNOWN = ("Sports", "Cycling")

_CELLS = {
    "email": st.sampled_from(
        ["a@example.com", "B@Example.COM", " c@x.io ", "", "no-at", "two@@x.io", "d@x", "é@x.io"]
        + ["e@x.io", "f@x.io\ng@x.io", "3@4.56"]  # a line break joins two good ones
    ),
    "flag": st.sampled_from(["true", "false", "", "TRUE", " false", "maybe"]),
    "attributes": st.sampled_from(
        ["", '{"n": 1}', " {} ", "[1]", "{bad", '{"a": 1} x', "{ }", '{"k": true, "l": null}']
        + ['{"a": "x\\"y"}', '{"a": "\\u00e9"}', '{"a": "\\x"}', '{"a": "\t"}']  # escapes
        + ['{"n": 01}', '{"n": -0.5e+3}', '{"n": NaN}', '{"n": \u0661}', '{"a": 1,}']  # numbers
        + ['{"a": {"b": 1}}', '{"n": 1}\x00{"m": 2}', '{"a": [1', "2]}"]  # nesting, joins
    ),
    "status": st.sampled_from(["", "OPT_IN", "OPT_OUT", "opt_in", "SOMETIMES"]),
}


@given(
    rows=st.lists(
        st.one_of(
            st.tuples(*(_CELLS[k] for k in ("email", "flag", "attributes", "status", "status"))),
            st.tuples(_CELLS["email"]),  # a short row
        ),
        max_size=12,
    ),
    topics=st.sampled_from([_KNOWN, ("Sports", "Chess")]),  # Chess: unknown
    action=st.sampled_from(["PUT", "DELETE"]),
    block=st.sampled_from([1, 3, 256]),  # rows taken at once when they all plainly pass
)
# what a block joins must not join two records into one: a line break in an address, a NUL
# between two objects in one attribute
@example(rows=[("f@x.io\ng@x.io", "false", "", "", "")], topics=_KNOWN, action="PUT", block=1)
@example(
    rows=[("e@x.io", "", '{"n": 1}\x00{"m": 2}', "", "")], topics=_KNOWN, action="PUT", block=1
)
def test_the_fast_csv_path_takes_and_fails_exactly_what_the_rules_do(
    rows: list[tuple[str, ...]], topics: tuple[str, str], action: str, block: int
) -> None:
    header = ["emailAddress", "unsubscribeAll", "attributesData"]
    header += [f"topicPreferences.{t}" for t in topics]
    # every field quoted by hand: Python 3.10's csv writer refuses a NUL
    lines = (
        ",".join('"' + cell.replace('"', '""') + '"' for cell in row) for row in [header, *rows]
    )
    data = "\r\n".join(lines).encode()
    target = ImportTarget(
        "news", {"Sports": "OPT_IN", "Cycling": "OPT_OUT"}, {"a@example.com"}.__contains__
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sesv2_imports, "_BLOCK", block)
        parsed = read_contacts(data, "CSV", action, target)

    rules = _Taken(action, target)  # every record through the rules, one by one
    records = csv_records(data)
    columns = _columns(next(records))
    for number, row in records:
        rules.take(number - 1, row, _csv_fields(row, columns))
    assert list(parsed.records) == rules.records
    assert list(parsed.failures) == rules.failures


@given(
    start=st.integers(0, 10**6),
    span=st.integers(0, 10**6),
    numbers=st.lists(st.integers(1, 500), unique=True, min_size=1).map(sorted),
    moment=st.integers(-10, 3 * 10**6),
    first=st.integers(0, 5),
    contacts=st.booleans(),
)
def test_a_plan_finds_the_records_due_by_a_moment_as_a_scan_would(
    *, start: int, span: int, numbers: list[int], moment: int, first: int, contacts: bool
) -> None:
    """Records that know their number (suppression entries), or whose number the plan is
    told how to read (contact records, plain tuples)."""
    if contacts:
        records: tuple[Any, ...] = tuple((n, f"{n}@x.io", (), False, None) for n in numbers)
        plan = RecordPlan(None, None, "PUT", records, start, span, numbers[-1], number=_NUMBER)  # type: ignore[arg-type]
    else:
        records = tuple(Record(n, f"{n}@x.io", None) for n in numbers)
        plan = RecordPlan(None, None, "PUT", records, start, span, numbers[-1])  # type: ignore[arg-type]
    first = min(first, len(records))
    expected = first
    while expected < len(records) and plan.due(expected) <= moment:
        expected += 1
    assert plan.through(moment, first) == expected


def test_imported_contacts_keep_aws_millisecond_times_and_a_replaced_one_its_place(
    ses: FakeSESv2, clock: ManualClock
) -> None:
    ses.create_contact_list(ContactListName="news", Topics=TOPICS)
    for address in ("first@example.com", "second@example.com"):
        ses.create_contact(ContactListName="news", EmailAddress=address)
    clock.advance(seconds=1)
    rows = "".join(f"user{i}@example.com\n" for i in range(7))  # 7 into 9 min: odd moments
    _run_import(
        ses,
        clock,
        TO_NEWS,
        "s3://lists/replace.csv",
        body=f"emailAddress\nfirst@example.com\n{rows}",
        data_format="CSV",
    )
    assert _emails(ses)[:3] == ["first@example.com", "second@example.com", "user0@example.com"]
    for address in ("first@example.com", "user3@example.com"):
        contact = ses.get_contact(ContactListName="news", EmailAddress=address)
        assert contact["LastUpdatedTimestamp"].microsecond % 1000 == 0
    first = ses.get_contact(ContactListName="news", EmailAddress="first@example.com")
    assert first["CreatedTimestamp"] < first["LastUpdatedTimestamp"]  # replaced, not re-created


def test_an_address_written_twice_in_one_clock_step_keeps_its_first_place(
    ses: FakeSESv2, clock: ManualClock
) -> None:
    """Records applied together join the list in one step; the later PUT of an address
    still replaces the earlier one in its place (one contact, the later attributes)."""
    ses.create_contact_list(ContactListName="news", Topics=TOPICS)
    ses.create_contact(ContactListName="news", EmailAddress="old@example.com")
    body = (
        "emailAddress,attributesData\n"
        'a@example.com,"{""v"": 1}"\nb@example.com,\nold@example.com,"{""v"": 9}"\n'
        'a@example.com,"{""v"": 2}"\nc@example.com,\n'
    )
    _run_import(ses, clock, TO_NEWS, "s3://lists/twice.csv", body=body, data_format="CSV")
    assert _emails(ses) == ["old@example.com", "a@example.com", "b@example.com", "c@example.com"]
    a = ses.get_contact(ContactListName="news", EmailAddress="a@example.com")
    assert a["AttributesData"] == '{"v": 2}'
    old = ses.get_contact(ContactListName="news", EmailAddress="old@example.com")
    assert old["AttributesData"] == '{"v": 9}'


def test_new_addresses_written_together_are_one_step_and_one_written_twice_is_not(
    ses: FakeSESv2, clock: ManualClock
) -> None:
    """New addresses applied together join the list at once; when one of them comes twice,
    the list is as if each were written in turn: first place, later record."""
    ses.create_contact_list(ContactListName="news", Topics=TOPICS)
    body = (
        'emailAddress,attributesData\nx@example.com,"{""v"": 1}"\ny@example.com,\n'
        'x@example.com,"{""v"": 2}"\nz@example.com,\n'
    )
    _run_import(ses, clock, TO_NEWS, "s3://lists/twice.csv", body=body, data_format="CSV")
    assert _emails(ses) == ["x@example.com", "y@example.com", "z@example.com"]
    x = ses.get_contact(ContactListName="news", EmailAddress="x@example.com")
    assert x["AttributesData"] == '{"v": 2}'
    ses.delete_contact(ContactListName="news", EmailAddress="x@example.com")
    assert _emails(ses) == ["y@example.com", "z@example.com"]
    body = 'emailAddress,attributesData\na@example.com,"{""v"": 3}"\nb@example.com,\n'
    _run_import(ses, clock, TO_NEWS, "s3://lists/new.csv", body=body, data_format="CSV")
    assert _emails(ses) == ["y@example.com", "z@example.com", "a@example.com", "b@example.com"]
    a = ses.get_contact(ContactListName="news", EmailAddress="a@example.com")
    assert a["AttributesData"] == '{"v": 3}' and a["CreatedTimestamp"] > x["CreatedTimestamp"]


_JSON_BITS = [
    "{", "}", '"', "\\", ":", ",", " ", "\n", "\x00", "\x01", "0", "7", "-", "+", ".", "e",
    "E", "u", "00e9", "a", "true", "false", "null", '"k"', '"v"', "[", "]",
]  # fmt: skip
_plain_objects = st.dictionaries(
    st.text(max_size=3), st.one_of(st.text(max_size=3), st.integers(), st.floats(), st.none())
).map(json.dumps)


@pytest.mark.skipif(not sesv2_models.POSSESSIVE, reason="possessive quantifiers: Python 3.11")
@given(
    st.one_of(
        st.lists(st.sampled_from(_JSON_BITS), max_size=30).map("".join),
        st.lists(_plain_objects, min_size=1, max_size=4).map("\x00".join),
        st.tuples(
            st.lists(_plain_objects, min_size=1, max_size=3).map("\x00".join),
            st.integers(0, 40),
            st.sampled_from(_JSON_BITS),
        ).map(lambda t: t[0][: t[1]] + t[2] + t[0][t[1] :]),
    )
)
def test_the_possessive_object_pattern_takes_exactly_what_the_plain_one_does(text: str) -> None:
    """Python 3.11's possessive runs only spare the engine work: the same texts pass."""
    fast, plain = sesv2_imports._objects_pattern(True), sesv2_imports._objects_pattern(False)
    assert (fast.fullmatch(text) is None) == (plain.fullmatch(text) is None)


@given(st.lists(st.text("ab.@ \t\n\u00a0", max_size=8), min_size=1, max_size=4).map("\n".join))
def test_a_block_of_addresses_passes_when_each_line_is_an_address_as_ses_takes_it(
    text: str,
) -> None:
    """The documented rule, ``[^@\\s]+@[^@\\s]+\\.[^@\\s]+`` a line (ASCII spaces), against
    the block pattern as written for speed, in both its forms."""
    rule = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+", re.ASCII)
    expected = all(rule.fullmatch(line) for line in text.split("\n"))
    forms = [False, True] if sesv2_models.POSSESSIVE else [False]
    for possessive in forms:
        assert (sesv2_models._emails_pattern(possessive).fullmatch(text) is not None) == expected
    for line in text.split("\n"):
        assert (sesv2_models.EMAIL.fullmatch(line) is not None) == (
            rule.fullmatch(line) is not None
        )
