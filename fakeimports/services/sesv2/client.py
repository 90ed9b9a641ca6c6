"""``FakeSESv2``: SES v2 contact-list and suppression-list import jobs, boto3-shaped.

Behaviour AWS leaves open, as decided here:

* ``ImportDestination`` must hold exactly one of ``SuppressionListDestination`` and
  ``ContactListDestination`` (``BadRequestException``).
* At most ``max_active_import_jobs`` (default 20) jobs may be unfinished at once per account
  and Region; one more -> ``LimitExceededException``.
* ``list_import_jobs``: ``PageSize`` from 1 to 1000 (``BadRequestException`` outside it),
  default 100; jobs ordered by ``CreatedTimestamp``, then the order they were created.
* Deleting a contact list fails the unfinished jobs that import into it.
* Service-side validation -> ``BadRequestException`` in AWS's ``1 validation error detected``
  wording with lowerCamel paths (``importDataSource.s3Url``).
* A job is ``CREATED`` for 1 minute, ``PROCESSING`` for 9 minutes, then ``COMPLETED`` (or
  ``FAILED`` when scripted): final within ten minutes of clock time; ``durations=`` changes it.
* ``ProcessedRecordsCount``/``FailedRecordsCount`` grow linearly while ``PROCESSING`` and end
  at the scripted totals (100 processed, 0 failed by default).
* ``FailureInfo`` appears on a ``FAILED`` job, and (``FailedRecordsS3Url`` only) on a
  ``COMPLETED`` job that has failed records.
* A ``NextToken`` goes on with the same ``ImportDestinationType`` (reusing it repeats that
  page); with another filter, or forged -> ``BadRequestException`` ``Invalid Next Token``.
* An empty ``NextToken`` reads as none (the first page), as in every fake.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from ...core.clock import local
from ...core.errors import AwsError
from ...core.lifecycle import grow
from ...core.resources import ResourceTable
from ...core.service import FakeOptions, FakeService, ServiceModel, operation
from ...core.shapes import aws_regex, copy_data
from . import shapes
from .control import SESv2Control
from .models import (
    DEFAULT_DURATIONS,
    DEFAULT_TOTALS,
    JOB_LIFECYCLE,
    ContactList,
    ImportJob,
    JobOutcome,
)

if TYPE_CHECKING:
    from typing_extensions import Unpack

_LIST_NAME = aws_regex(r"[A-Za-z0-9_-]{1,64}")
MAX_TOPICS = 20

MODEL = ServiceModel(
    name="sesv2",
    content_type="application/json",
    errors=shapes.ERRORS,
    validation_code="BadRequestException",
    invalid_token_code="BadRequestException",
    invalid_token_message="Invalid Next Token",
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
    lifecycle = JOB_LIFECYCLE
    not_found = ("NotFoundException", "Import job {id} does not exist.")
    control_class = SESv2Control
    control: SESv2Control
    _table: ResourceTable[ImportJob]

    def __init__(self, *, max_active_import_jobs: int = 20, **options: Unpack[FakeOptions]) -> None:
        """Takes the common options (``clock``, ``region_name``, …) and the job quota."""
        self.max_active_import_jobs = max_active_import_jobs
        super().__init__(**options)

    def _reset_state(self) -> None:
        self._lists: dict[str, ContactList] = {}

    def _default_outcome(self) -> JobOutcome:
        return JobOutcome("COMPLETED", DEFAULT_TOTALS, None, None, self.durations)

    # --- contact lists ---------------------------------------------------------------------

    @staticmethod
    def _check_list_name(name: str) -> None:
        if not name.strip():
            raise AwsError("BadRequestException", "ContactListName can't be blank.")
        if not _LIST_NAME.fullmatch(name):
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
        """Describe the contact list: topics, description, tags and timestamps."""
        found = self._contact_list(params["ContactListName"])
        view: dict[str, Any] = {"ContactListName": found.name, "Topics": copy_data(found.topics)}
        if found.description is not None:
            view["Description"] = found.description
        view["CreatedTimestamp"] = local(found.created)
        view["LastUpdatedTimestamp"] = local(found.updated)
        view["Tags"] = copy_data(found.tags)
        return view

    @operation(shapes.DELETE_CONTACT_LIST)
    def delete_contact_list(self, params: dict[str, Any]) -> dict[str, Any]:
        """Delete the list; unfinished jobs importing into it fail, as AWS's do."""
        found = self._contact_list(params["ContactListName"])
        del self._lists[found.name]
        now = self._now()
        for job in self._table:
            target = job.destination.get("ContactListDestination", {}).get("ContactListName")
            if target == found.name and job.timeline.status(now) not in JOB_LIFECYCLE.terminal:
                job.failure_message = f"ContactList <{found.name}> doesn't exist"
                job.timeline.force(job.job_id, now, "FAILED")
                self._table.replanned(job.job_id)
        return {}

    # --- import jobs -----------------------------------------------------------------------

    @operation(shapes.CREATE_IMPORT_JOB)
    def create_import_job(self, params: dict[str, Any]) -> dict[str, Any]:
        """Start importing a CSV or JSON object into the suppression list or a contact list."""
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
        if self._table.unfinished(now) >= self.max_active_import_jobs:
            raise AwsError(
                "LimitExceededException",
                f"Too many import jobs in progress; the limit is {self.max_active_import_jobs}.",
            )
        outcome = self._next_outcome()
        job = ImportJob(
            job_id=self._uuid(),
            destination=destination,
            source=params["ImportDataSource"],
            created=now,
            timeline=JOB_LIFECYCLE.begin(now, outcome),
            outcome=outcome,
        )
        self._table.add(job.job_id, now, job)
        return {"JobId": job.job_id}

    def _summary(self, job: ImportJob, now: datetime) -> dict[str, Any]:
        status = job.timeline.status(now)
        counts = grow({}, job.outcome.totals, job.timeline.progress(now, status))
        ((kind, target),) = job.destination.items()  # exactly one destination
        return {
            "JobId": job.job_id,
            "ImportDestination": {kind: dict(target)},
            "JobStatus": status,
            "CreatedTimestamp": local(job.created),
            "ProcessedRecordsCount": counts["ProcessedRecordsCount"],
            "FailedRecordsCount": counts["FailedRecordsCount"],
        }

    @operation(shapes.GET_IMPORT_JOB)
    def get_import_job(self, params: dict[str, Any]) -> dict[str, Any]:
        """Describe one import job: status, counts, and ``FailureInfo`` once it has failures."""
        job = self._table.find(params["JobId"])
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
            view["CompletedTimestamp"] = local(job.timeline.changed_at(now))
        return view

    @operation(shapes.LIST_IMPORT_JOBS)
    def list_import_jobs(self, params: dict[str, Any]) -> dict[str, Any]:
        """List import jobs, oldest first, optionally of one destination type."""
        wanted = params.get("ImportDestinationType")
        now = self._now()
        return self._list(
            shapes.LIST_IMPORT_JOBS,
            params,
            self._table.index,
            lambda job: self._summary(job, now),
            keep=None if wanted is None else (lambda job: job.destination_type == wanted),
        )
