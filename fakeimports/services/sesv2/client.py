"""``FakeSESv2``: SES v2 contact-list and suppression-list import jobs, boto3-shaped.

Behaviour AWS leaves open, as decided here:

* ``ImportDestination`` must hold exactly one of ``SuppressionListDestination`` and
  ``ContactListDestination`` (``BadRequestException``).
* At most ``max_active_import_jobs`` (default 20) jobs may be unfinished at once per account
  and Region; one more -> ``LimitExceededException``.
* ``list_import_jobs``: ``PageSize`` from 1 to 1000 (``BadRequestException`` outside it),
  default 100; jobs ordered by ``CreatedTimestamp`` then ``JobId``.
* Deleting a contact list fails the unfinished jobs that import into it.
* Service-side validation -> ``BadRequestException`` in AWS's ``1 validation error detected``
  wording with lowerCamel paths (``importDataSource.s3Url``).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from ...core.errors import AwsError, Violation, validation_message
from ...core.lifecycle import Unfinished
from ...core.pagination import SortedIndex, time_key
from ...core.service import FakeService, ServiceModel, operation
from ...core.shapes import copy_data
from . import shapes
from .control import SESv2Control
from .models import DEFAULT_DURATIONS, JOB_LIFECYCLE, ContactList, ImportJob

_LIST_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
MAX_PAGE_SIZE = 1000
DEFAULT_PAGE_SIZE = 100
MAX_TOPICS = 20


def _bad_request(violations: list[Violation]) -> AwsError:
    return AwsError("BadRequestException", validation_message(violations))


MODEL = ServiceModel(
    name="sesv2",
    content_type="application/json",
    errors=shapes.ERRORS,
    validation=_bad_request,
    invalid_token=lambda: AwsError("BadRequestException", "Invalid Next Token"),
    durations=DEFAULT_DURATIONS,
    rest=True,
)


class FakeSESv2(FakeService):
    """In-memory SES v2 import jobs, a drop-in for ``boto3.client("sesv2")``.

    >>> from datetime import datetime, timezone
    >>> from fakeimports import FakeSESv2, ManualClock
    >>> clock = ManualClock(datetime(2026, 1, 1, tzinfo=timezone.utc))
    >>> ses = FakeSESv2(clock=clock)
    >>> job = ses.create_import_job(
    ...     ImportDestination={
    ...         "SuppressionListDestination": {"SuppressionListImportAction": "PUT"}
    ...     },
    ...     ImportDataSource={"S3Url": "s3://bucket/suppressed.csv", "DataFormat": "CSV"},
    ... )["JobId"]
    >>> _ = clock.advance(hours=1)
    >>> ses.get_import_job(JobId=job)["JobStatus"]
    'COMPLETED'
    """

    model = MODEL
    control_class = SESv2Control
    control: SESv2Control

    def __init__(self, *, max_active_import_jobs: int = 20, **options: Any) -> None:
        """Takes the common options (``clock``, ``region_name``, …) and the job quota."""
        self.max_active_import_jobs = max_active_import_jobs
        super().__init__(**options)

    def _reset_state(self) -> None:
        self._jobs: dict[str, ImportJob] = {}
        self._index: SortedIndex[ImportJob] = SortedIndex()
        self._lists: dict[str, ContactList] = {}
        self._running = Unfinished()

    # --- contact lists ---------------------------------------------------------------------

    @staticmethod
    def _check_list_name(name: str) -> None:
        if not name.strip():
            raise AwsError("BadRequestException", "ContactListName can't be blank.")
        if not _LIST_NAME.match(name):
            raise AwsError(
                "BadRequestException",
                "ContactListName can contain up to 64 characters. Only alphanumeric characters, "
                "underscores(_) and hyphens(-) are allowed.",
            )

    def _contact_list(self, name: str) -> ContactList:
        self._check_list_name(name)
        found = self._lists.get(name)
        if found is None:
            raise AwsError("NotFoundException", f"List with name: {name} doesn't exist.")
        return found

    @operation(shapes.CREATE_CONTACT_LIST)
    def create_contact_list(self, params: dict[str, Any]) -> dict[str, Any]:
        """Create the account's one contact list (AWS allows one per account and Region)."""
        name = params["ContactListName"]
        self._check_list_name(name)
        if self._lists:
            raise AwsError("BadRequestException", "A maximum of 1 Lists allowed per account.")
        topics = params.get("Topics", [])
        if len(topics) > MAX_TOPICS:
            raise AwsError(
                "BadRequestException", f"Maximum of <{MAX_TOPICS}> topics allowed per ContactList"
            )
        if len({t["TopicName"] for t in topics}) != len(topics):
            raise AwsError(
                "BadRequestException", "Duplicate topic names are not allowed within a List."
            )
        if any(len(t["DisplayName"]) > 128 for t in topics):
            raise AwsError(
                "BadRequestException", "Topic DisplayName can contain up to <128> characters."
            )
        if len(params.get("Description", "")) > 500:
            raise AwsError(
                "BadRequestException", "List description can contain up to 500 characters."
            )
        now = self._now()
        self._lists[name] = ContactList(
            name, topics, params.get("Description"), params.get("Tags", []), now, now
        )
        return {}

    @operation(shapes.GET_CONTACT_LIST)
    def get_contact_list(self, params: dict[str, Any]) -> dict[str, Any]:
        found = self._contact_list(params["ContactListName"])
        view: dict[str, Any] = {"ContactListName": found.name, "Topics": copy_data(found.topics)}
        if found.description is not None:
            view["Description"] = found.description
        view["CreatedTimestamp"] = found.created
        view["LastUpdatedTimestamp"] = found.updated
        view["Tags"] = copy_data(found.tags)
        return view

    @operation(shapes.DELETE_CONTACT_LIST)
    def delete_contact_list(self, params: dict[str, Any]) -> dict[str, Any]:
        """Delete the list; unfinished jobs importing into it fail, as AWS's do."""
        found = self._contact_list(params["ContactListName"])
        del self._lists[found.name]
        now = self._now()
        for job in self._jobs.values():
            target = job.destination.get("ContactListDestination", {}).get("ContactListName")
            if target == found.name and job.timeline.status(now) not in JOB_LIFECYCLE.terminal:
                job.failure_message = f"ContactList <{found.name}> doesn't exist"
                job.timeline.force(job.job_id, now, "FAILED")
        return {}

    # --- import jobs -----------------------------------------------------------------------

    @operation(shapes.CREATE_IMPORT_JOB)
    def create_import_job(self, params: dict[str, Any]) -> dict[str, Any]:
        destination = params["ImportDestination"]
        if len(destination) != 1:
            raise AwsError(
                "BadRequestException",
                "ImportDestination must contain exactly one of SuppressionListDestination and "
                "ContactListDestination.",
            )
        contact = destination.get("ContactListDestination")
        if contact is not None and contact["ContactListName"] not in self._lists:
            raise AwsError(
                "NotFoundException", f"ContactList <{contact['ContactListName']}> doesn't exist"
            )
        now = self._now()
        if len(self._running.at(now)) >= self.max_active_import_jobs:
            raise AwsError(
                "LimitExceededException",
                f"Too many import jobs in progress; the limit is {self.max_active_import_jobs}.",
            )
        outcome = self.control._next_outcome()
        job = ImportJob(
            job_id=self._uuid(),
            destination=destination,
            source=params["ImportDataSource"],
            created=now,
            timeline=JOB_LIFECYCLE.begin(now, outcome),
            outcome=outcome,
        )
        self._jobs[job.job_id] = job
        self._running.add(job.job_id, job.timeline)
        self._index.add(time_key(now, job.job_id), job)
        return {"JobId": job.job_id}

    def _summary(self, job: ImportJob, now: datetime) -> dict[str, Any]:
        status = job.timeline.status(now)
        done = job.timeline.progress(now, status)  # counts grow with the work done
        totals = job.outcome.totals
        ((kind, target),) = job.destination.items()  # exactly one destination
        return {
            "JobId": job.job_id,
            "ImportDestination": {kind: dict(target)},
            "JobStatus": status,
            "CreatedTimestamp": job.created,
            "ProcessedRecordsCount": int(done * totals["ProcessedRecordsCount"]),
            "FailedRecordsCount": int(done * totals["FailedRecordsCount"]),
        }

    @operation(shapes.GET_IMPORT_JOB)
    def get_import_job(self, params: dict[str, Any]) -> dict[str, Any]:
        job = self._jobs.get(params["JobId"])
        if job is None:
            raise AwsError("NotFoundException", f"Import job {params['JobId']} does not exist.")
        now = self._now()
        view = self._summary(job, now)
        view["ImportDataSource"] = dict(job.source)
        status = view["JobStatus"]
        failure: dict[str, str] = {}
        if status == "FAILED" or (status == "COMPLETED" and view["FailedRecordsCount"]):
            if job.outcome.failed_records_s3_url is not None:
                failure["FailedRecordsS3Url"] = job.outcome.failed_records_s3_url
            message = job.failure_message or job.outcome.error_message
            if status == "FAILED" and message is not None:
                failure["ErrorMessage"] = message
        if failure:
            view["FailureInfo"] = failure
        if status in JOB_LIFECYCLE.terminal:
            view["CompletedTimestamp"] = job.timeline.changed_at(now)
        return view

    @operation(shapes.LIST_IMPORT_JOBS)
    def list_import_jobs(self, params: dict[str, Any]) -> dict[str, Any]:
        size = params.get("PageSize", DEFAULT_PAGE_SIZE)
        if size < 1 or size > MAX_PAGE_SIZE:
            bound = (
                "greater than or equal to 1"
                if size < 1
                else f"less than or equal to {MAX_PAGE_SIZE}"
            )
            raise _bad_request([Violation("pageSize", size, f"Member must have value {bound}")])
        wanted = params.get("ImportDestinationType")
        page = self._pager.page(
            "ListImportJobs",
            self._index,
            filters={"ImportDestinationType": wanted},
            token=params.get("NextToken"),
            limit=size,
            keep=None if wanted is None else (lambda job: job.destination_type == wanted),
        )
        now = self._now()
        out: dict[str, Any] = {"ImportJobs": [self._summary(job, now) for job in page.items]}
        if page.next_token is not None:
            out["NextToken"] = page.next_token
        return out
