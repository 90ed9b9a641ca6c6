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

Import jobs read their object (``objects``, else moto's S3) when they are created.

Suppression-list imports:

* CSV rows have no header: ``email,reason`` for PUT, ``email`` for DELETE (another column
  count fails the record, "Expected N column(s) but found M."); JSON is one object a line
  (``emailAddress``, ``reason``). A UTF-8 byte order mark and blank lines are skipped.
* A record fails (the job goes on) for a blank or malformed address, a reason outside
  ``BOUNCE``/``COMPLAINT``, a line that is not a JSON object, or a DELETE of an address not on
  the list when the job is created. Addresses are trimmed and their domain lower-cased.
* ``ProcessedRecordsCount`` counts every record, failed ones included; both counts grow while
  ``PROCESSING``. Record n of N takes effect at n/N of ``PROCESSING``: a suppressed address
  shows once the clock has passed it; records after a forced ``FAILED``/``CANCELLED`` never do.
* The failed records are written, when the job is created, to
  ``s3://<source bucket>/failed-records/<JobId>.csv`` in the store (``recordNumber,record,
  errorMessage``), which ``FailureInfo.FailedRecordsS3Url`` names once the job ends.
* The job ends ``FAILED`` with ``FailureInfo.ErrorMessage`` for an unreadable object (not
  UTF-8, an unterminated quoted field), more records than documented for one object (100,000
  for PUT, 10,000 for DELETE), or, with ``require_sources=True``, a missing object ("The
  specified key does not exist."). Without ``require_sources`` a missing object keeps the
  scripted or default outcome; a script (``control.script_next_import_job``) always wins.
* Suppression operations: tenants are not modelled (``TenantName`` -> ``NotFoundException``);
  ``list_suppressed_destinations`` orders by last update, 1000 a page, ``StartDate`` and
  ``EndDate`` inclusive; a bad token -> ``InvalidNextTokenException``, as the model declares.

Contact-list imports:

* CSV has a header naming ``emailAddress`` (else the job fails: "The CSV header line must
  contain an emailAddress column."), and optionally ``unsubscribeAll``, ``attributesData`` and
  one ``topicPreferences.<Topic>`` column per topic; other columns are ignored. An empty cell
  is no value: no preference for that topic, no attributes, ``unsubscribeAll`` false. JSON is
  one object a line (``emailAddress``, ``unsubscribeAll``, ``attributesData`` as a string,
  ``topicPreferences`` as ``[{"topicName", "subscriptionStatus"}]``).
* A record fails for a malformed address, a non-boolean ``unsubscribeAll``, ``attributesData``
  that is not a JSON object, a status outside ``OPT_IN``/``OPT_OUT``, a topic the list does not
  define, a wrong column count, or a DELETE of an address not in the list when the job is
  created. More than 1,000,000 records fail the job.
* PUT replaces the contact outright (what the record omits is cleared; its creation time and
  place in the list stay); DELETE removes it. Deleting the list stops the job: no later record
  lands, not even in a list created again under the same name.

Contacts:

* ``update_contact`` merges ``TopicPreferences`` by topic and replaces ``UnsubscribeAll`` and
  ``AttributesData`` with what the request gives (omitted: false, none).
* ``list_contacts`` lists in creation order, 1000 a page by default; ``FilteredStatus`` alone
  selects by ``UnsubscribeAll``; with a ``TopicFilter`` an unsubscribed contact is ``OPT_OUT``
  for every topic, an explicit preference decides, else the topic's default when
  ``UseDefaultIfPreferenceUnavailable`` (the rules probed on SES). Its token is a position, not
  bound to the filter; a bad one -> "Provided NextToken is invalid"; a page size outside 1 to 1000
  -> "The page size must be between 1 and 1000".
* ``update_contact_list`` replaces the topics (and description) given; contacts' preferences
  for topics no longer on the list are dropped.
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import attrs

from ...core.clock import local
from ...core.errors import AwsError
from ...core.pagination import SortedIndex, from_ms, ms
from ...core.resources import ResourceTable
from ...core.service import Controls, FakeOptions, FakeService, ServiceModel, operation
from ...core.shapes import LazyRegex, copy_data
from . import shapes
from .control import SESv2Control
from .models import (
    DEFAULT_DURATIONS,
    DEFAULT_TOTALS,
    JOB_LIFECYCLE,
    Contact,
    ContactList,
    ContactRecord,
    ImportJob,
    JobOutcome,
    Suppression,
    check_attributes,
    normalize_email,
)

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ...core.records import RecordPlan
    from .imports import Parsed

_LIST_NAME = LazyRegex(r"[A-Za-z0-9_-]{1,64}")
MAX_TOPICS = 20
_NUMBER, _EMAIL = operator.itemgetter(0), operator.itemgetter(1)  # of a ContactRecord
_APPLYING = frozenset({"PROCESSING", "COMPLETED"})  # a record lands while its job is in these

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
    control = Controls(SESv2Control)
    _table: ResourceTable[ImportJob]

    def __init__(
        self,
        *,
        max_active_import_jobs: int = 20,
        **options: Unpack[FakeOptions],
    ) -> None:
        """Takes the common options (``clock``, ``region_name``, ``objects``,
        ``require_sources``, …) and the job quota."""
        self.max_active_import_jobs = max_active_import_jobs
        super().__init__(**options)

    def _reset_state(self) -> None:
        self._lists: dict[str, ContactList] = {}
        self._suppressed: dict[str, Suppression] = {}
        self._suppressed_index: SortedIndex[Suppression] = SortedIndex()
        self._seq = 0

    def _default_outcome(self) -> JobOutcome:
        return self._plain(
            lambda durations: JobOutcome("COMPLETED", DEFAULT_TOTALS, None, None, durations)
        )

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

    @staticmethod
    def _check_topics(topics: list[dict[str, str]], description: str) -> None:
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
        if len(description) > 500:
            raise AwsError(
                "BadRequestException", "List description can contain up to 500 characters."
            )

    @operation(shapes.CREATE_CONTACT_LIST)
    def create_contact_list(self, params: dict[str, Any]) -> dict[str, Any]:
        """Create the account's one contact list (AWS allows one per account and Region)."""
        name = params["ContactListName"]
        self._check_list_name(name)
        if self._lists:
            raise AwsError("BadRequestException", "A maximum of 1 Lists allowed per account.")
        topics = params.get("Topics", [])
        self._check_topics(topics, params.get("Description", ""))
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
        job_id = self._uuid()
        source = params["ImportDataSource"]
        parsed = None if self._outcomes else self._read(job_id, destination, source)
        outcome = self._next_outcome() if parsed is None else self._data_outcome(parsed, source)
        job = ImportJob(
            job_id=job_id,
            target=next(iter(destination.items())),  # exactly one, checked above
            source=source,
            created=now,
            timeline=JOB_LIFECYCLE.begin(now, outcome),
            outcome=outcome,
        )
        self._table.add(job.job_id, now, job)
        if parsed is not None and not isinstance(parsed, str) and parsed.error is None:
            self._plan_records(job, parsed)
        return {"JobId": job.job_id}

    # --- reading the object ----------------------------------------------------------------

    def _read(
        self, job_id: str, destination: dict[str, Any], source: dict[str, str]
    ) -> Parsed | str | None:
        """What the job reads: records, why it fails (a message), or ``None`` (no object, and
        data-optional sources: the scripted or default outcome applies)."""
        data = self.objects.read(source["S3Url"], self.account_id)
        if data is None:
            return "The specified key does not exist." if self.require_sources else None
        # the readers (and csv, json) load with the first import that reads an object
        from ...core.records import bulk
        from .imports import ContactList as ImportTarget
        from .imports import failed_records_file, read_contacts, read_suppression

        suppression = destination.get("SuppressionListDestination")
        with bulk():
            if suppression is None:
                contacts = destination["ContactListDestination"]
                found = self._lists[contacts["ContactListName"]]
                target = ImportTarget(found.name, found.defaults, found.contacts.__contains__)
                action = contacts["ContactListImportAction"]
                parsed = read_contacts(data, source["DataFormat"], action, target)
            else:
                action = suppression["SuppressionListImportAction"]
                parsed = read_suppression(data, source["DataFormat"], action, self._is_suppressed)
        if parsed.failures:
            self.objects.put(
                self._failures_url(job_id, source), failed_records_file(parsed.failures)
            )
        return parsed

    @staticmethod
    def _failures_url(job_id: str, source: dict[str, str]) -> str:
        bucket = source["S3Url"][5:].split("/", 1)[0]
        return f"s3://{bucket}/failed-records/{job_id}.csv"

    def _data_outcome(self, parsed: Parsed | str, source: dict[str, str]) -> JobOutcome:
        if isinstance(parsed, str) or parsed.error is not None:
            message = parsed if isinstance(parsed, str) else parsed.error
            zero = {"ProcessedRecordsCount": 0, "FailedRecordsCount": 0}
            return JobOutcome("FAILED", zero, message, None, self.durations)
        totals = {"ProcessedRecordsCount": parsed.count, "FailedRecordsCount": len(parsed.failures)}
        url = None
        if parsed.failures:
            url = "pending"  # named once the job has its id: see _plan_records
        return JobOutcome("COMPLETED", totals, None, url, self.durations)

    def _plan_records(self, job: ImportJob, parsed: Parsed) -> None:
        """Each record takes effect when the clock passes its share of ``PROCESSING``."""
        if job.outcome.failed_records_s3_url is not None:
            job.outcome = attrs.evolve(
                job.outcome, failed_records_s3_url=self._failures_url(job.job_id, job.source)
            )
        if not parsed.records:
            return
        kind, target = job.target
        if kind == "SuppressionListDestination":
            action = target["SuppressionListImportAction"]
        else:
            action = f"{target['ContactListImportAction']} {target['ContactListName']}"
        from ...core.records import RecordPlan

        number = None if kind == "SuppressionListDestination" else _NUMBER  # a tuple: item 0
        self._schedule_records(
            RecordPlan.over(job, job.timeline, action, parsed.records, parsed.count, number=number)
        )

    def _apply_records(self, plan: RecordPlan[Any], first: int, stop: int) -> None:
        """Records ``first`` to ``stop`` (excluded) of ``plan``, each at its own moment."""
        action = plan.action
        if action == "PUT":
            for i in range(first, stop):
                record = plan.records[i]
                self._suppress(record.email, record.reason, from_ms(plan.due(i)))
        elif action == "DELETE":
            for i in range(first, stop):
                self._unsuppress(plan.records[i].email)
        else:  # a contact list's record: "PUT <list>" or "DELETE <list>"
            verb, _, name = action.partition(" ")
            found = self._lists.get(name)
            if found is None:
                return
            records = plan.records[first:stop]
            if verb == "DELETE":
                for record in records:
                    self._remove_contact(found, record[1])
                return
            start, span, total = plan.start, plan.span, plan.total
            self._put_contacts(found, records, [start + span * r[0] // total for r in records])

    @operation(shapes.GET_IMPORT_JOB)
    def get_import_job(self, params: dict[str, Any]) -> dict[str, Any]:
        """Describe one import job: status, counts, and ``FailureInfo`` once it has failures."""
        job = self._table.find(params["JobId"])
        now = self._now()
        view = job.summary(now)
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
            ImportJob.summary,
            keep=None if wanted is None else (lambda job: job.destination_type == wanted),
            now=now,
        )

    # --- the suppression list ----------------------------------------------------------------

    def _is_suppressed(self, email: str) -> bool:
        return email in self._suppressed

    def _suppress(self, email: str, reason: str | None, at: datetime) -> None:
        assert reason is not None
        self._unsuppress(email)
        self._seq += 1
        entry = Suppression(email, reason, at, (ms(at), self._seq))
        self._suppressed[email] = entry
        self._suppressed_index.add(entry.key, entry)

    def _unsuppress(self, email: str) -> bool:
        entry = self._suppressed.pop(email, None)
        if entry is not None:
            self._suppressed_index.discard(entry.key)
        return entry is not None

    def _address(self, params: dict[str, Any]) -> str:
        """The request's address as SES keys it; tenants are not modelled (``NotFound``)."""
        tenant = params.get("TenantName")
        if tenant is not None:
            raise AwsError("NotFoundException", f"Tenant {tenant} doesn't exist.")
        try:
            return normalize_email(params["EmailAddress"])
        except ValueError as err:
            raise AwsError("BadRequestException", str(err)) from None

    def _entry(self, email: str) -> Suppression:
        entry = self._suppressed.get(email)
        if entry is None:
            raise AwsError(
                "NotFoundException",
                f"Email address {email} does not exist on your suppression list.",
            )
        return entry

    @operation(shapes.PUT_SUPPRESSED_DESTINATION)
    def put_suppressed_destination(self, params: dict[str, Any]) -> dict[str, Any]:
        """Add an address to the account's suppression list (or update its reason)."""
        email = self._address(params)
        now = self._now()
        self._suppress(email, params["Reason"], now)
        return {}

    @operation(shapes.GET_SUPPRESSED_DESTINATION)
    def get_suppressed_destination(self, params: dict[str, Any]) -> dict[str, Any]:
        """Describe an address on the suppression list."""
        entry = self._entry(self._address(params))
        return {
            "SuppressedDestination": {
                "EmailAddress": entry.email,
                "Reason": entry.reason,
                "LastUpdateTime": local(entry.updated),
            }
        }

    @operation(shapes.DELETE_SUPPRESSED_DESTINATION)
    def delete_suppressed_destination(self, params: dict[str, Any]) -> dict[str, Any]:
        """Remove an address from the suppression list."""
        self._unsuppress(self._entry(self._address(params)).email)
        return {}

    @operation(shapes.LIST_SUPPRESSED_DESTINATIONS)
    def list_suppressed_destinations(self, params: dict[str, Any]) -> dict[str, Any]:
        """List suppressed addresses by last update, optionally by reason and date."""
        if params.get("TenantName") is not None:
            raise AwsError("NotFoundException", f"Tenant {params['TenantName']} doesn't exist.")
        reasons = params.get("Reasons") or None
        start, end = params.get("StartDate"), params.get("EndDate")

        def keep(entry: Suppression) -> bool:
            return (
                (reasons is None or entry.reason in reasons)
                and (start is None or entry.updated >= start)
                and (end is None or entry.updated <= end)
            )

        def render(entry: Suppression) -> dict[str, Any]:
            return {
                "EmailAddress": entry.email,
                "Reason": entry.reason,
                "LastUpdateTime": local(entry.updated),
            }

        filtered = reasons is not None or start is not None or end is not None
        return self._list(
            shapes.LIST_SUPPRESSED_DESTINATIONS,
            params,
            self._suppressed_index,
            render,
            keep=keep if filtered else None,
        )

    # --- contacts -------------------------------------------------------------------------

    def _put_contacts(
        self, found: ContactList, records: Sequence[ContactRecord], times: Sequence[int]
    ) -> None:
        """Write ``records``, each at its time (milliseconds): a PUT replaces the contact
        outright, which keeps its place in the list. New contacts join the index in one step,
        as their keys ascend with the clock (an import may write 1,000,000)."""
        contacts, seq = found.contacts, self._seq
        if len(records) > 1 and self._put_new_contacts(found, records, times):
            return
        keys: list[tuple[int, int]] = []
        added: list[Contact] = []
        for record, at in zip(records, times, strict=True):
            email = record[1]
            old = contacts.get(email)
            if old is None:
                seq += 1
                key = (at, seq)
                contact = (record, at, key)
                keys.append(key)
                added.append(contact)
            else:
                key = old[2]  # created then: it keeps its place
                contact = (record, at, key)
                if keys and key >= keys[0]:  # written earlier in this run
                    added[bisect.bisect_left(keys, key)] = contact
                else:
                    found.index.replace(key, contact)
            contacts[email] = contact
        self._seq = seq
        found.index.extend(keys, added)

    def _put_new_contacts(
        self, found: ContactList, records: Sequence[ContactRecord], times: Sequence[int]
    ) -> bool:
        """``_put_contacts`` when every record is a new address, met once (an import into a
        fresh list): written in whole-list steps, not record by record. ``False``, with
        nothing written, when one is not."""
        contacts, n, seq = found.contacts, len(records), self._seq
        emails = list(map(_EMAIL, records))
        if not contacts.keys().isdisjoint(emails):
            return False
        keys = list(zip(times, range(seq + 1, seq + 1 + n), strict=True))
        written = list(zip(records, times, keys, strict=True))
        before = len(contacts)
        contacts.update(zip(emails, written, strict=True))
        if len(contacts) != before + n:  # an address twice: written one by one instead
            for email in emails:
                contacts.pop(email, None)
            return False
        self._seq = seq + n
        found.index.extend(keys, written)
        return True

    @staticmethod
    def _remove_contact(found: ContactList, email: str) -> None:
        old = found.contacts.pop(email, None)
        if old is not None:
            found.index.discard(old[2])

    def _contact_request(self, params: dict[str, Any]) -> tuple[ContactList, str]:
        found = self._contact_list(params["ContactListName"])
        try:
            email = normalize_email(params["EmailAddress"])
        except ValueError as err:
            raise AwsError("BadRequestException", str(err)) from None
        return found, email

    def _contact_record(
        self, found: ContactList, email: str, params: dict[str, Any]
    ) -> ContactRecord:
        """The request's contact, checked as SES checks it."""
        topics: dict[str, str] = {}
        for preference in params.get("TopicPreferences", []):
            if preference["TopicName"] not in found.defaults:
                raise AwsError(
                    "BadRequestException",
                    f"List: {found.name} doesn't contain Topic: {preference['TopicName']}",
                )
            topics[preference["TopicName"]] = preference["SubscriptionStatus"]
        attributes = params.get("AttributesData")
        if attributes is not None:
            try:
                check_attributes(attributes, "AttributesData")
            except ValueError as err:
                raise AwsError("BadRequestException", str(err)) from None
        unsubscribe = params.get("UnsubscribeAll", False)
        return (0, email, tuple(topics.items()), unsubscribe, attributes)

    def _contact(self, found: ContactList, email: str) -> Contact:
        contact = found.contacts.get(email)
        if contact is None:
            raise AwsError("NotFoundException", f"{email} doesn't exist in List.")
        return contact

    @staticmethod
    def _preferences(found: ContactList, contact: Contact) -> dict[str, Any]:
        defaults, explicit = found.defaults, dict(contact[0][2])
        return {
            "TopicPreferences": [
                {"TopicName": topic, "SubscriptionStatus": status}
                for topic, status in explicit.items()
                if topic in defaults
            ],
            "TopicDefaultPreferences": [
                {"TopicName": topic, "SubscriptionStatus": status}
                for topic, status in defaults.items()
                if topic not in explicit
            ],
        }

    @operation(shapes.CREATE_CONTACT)
    def create_contact(self, params: dict[str, Any]) -> dict[str, Any]:
        """Add a contact to the contact list."""
        found, email = self._contact_request(params)
        if email in found.contacts:
            raise AwsError(
                "AlreadyExistsException", f"Contact already exists in List: {found.name}"
            )
        record = self._contact_record(found, email, params)
        self._put_contacts(found, [record], [ms(self._now())])
        return {}

    @operation(shapes.GET_CONTACT)
    def get_contact(self, params: dict[str, Any]) -> dict[str, Any]:
        """Describe a contact: preferences, the topics' defaults, attributes, timestamps."""
        found, email = self._contact_request(params)
        contact = self._contact(found, email)
        (_, address, _, unsubscribe, attributes), updated, (created, _) = contact
        view: dict[str, Any] = {"ContactListName": found.name, "EmailAddress": address}
        view.update(self._preferences(found, contact))
        view["UnsubscribeAll"] = unsubscribe
        if attributes is not None:
            view["AttributesData"] = attributes
        view["CreatedTimestamp"] = local(from_ms(created))
        view["LastUpdatedTimestamp"] = local(from_ms(updated))
        return view

    @operation(shapes.UPDATE_CONTACT)
    def update_contact(self, params: dict[str, Any]) -> dict[str, Any]:
        """Update a contact: topic preferences merge by topic; the rest is replaced."""
        found, email = self._contact_request(params)
        contact = self._contact(found, email)
        number, _, topics, unsubscribe, attributes = self._contact_record(found, email, params)
        merged = tuple({**dict(contact[0][2]), **dict(topics)}.items())
        self._put_contacts(
            found, [(number, email, merged, unsubscribe, attributes)], [ms(self._now())]
        )
        return {}

    @operation(shapes.DELETE_CONTACT)
    def delete_contact(self, params: dict[str, Any]) -> dict[str, Any]:
        """Remove a contact from the contact list."""
        found, email = self._contact_request(params)
        self._contact(found, email)
        self._remove_contact(found, email)
        return {}

    @operation(shapes.LIST_CONTACTS)
    def list_contacts(self, params: dict[str, Any]) -> dict[str, Any]:
        """List a contact list's contacts, optionally by subscription status (for a topic)."""
        wanted = params.get("Filter", {})
        status = wanted.get("FilteredStatus")
        topic_filter = wanted.get("TopicFilter")
        if topic_filter is not None and status is None:
            raise AwsError("BadRequestException", "Invalid FilteredStatus <null>")
        topic = None if topic_filter is None else topic_filter.get("TopicName")
        if topic_filter is not None and not (topic or "").strip():
            raise AwsError("BadRequestException", "TopicName can't be blank in TopicFilter.")
        found = self._contact_list(params["ContactListName"])
        defaults = found.defaults
        if topic is not None and topic not in defaults:
            raise AwsError(
                "NotFoundException", f"List: {found.name} doesn't contain Topic: {topic}"
            )
        use_default = bool(topic_filter and topic_filter.get("UseDefaultIfPreferenceUnavailable"))

        wanted_status: str = status or ""

        def keep(contact: Contact) -> bool:
            _, _, topics, unsubscribe, _ = contact[0]
            if topic is None:  # FilteredStatus alone: all topics, by UnsubscribeAll
                return (wanted_status == "OPT_OUT") == unsubscribe
            if unsubscribe:
                return wanted_status == "OPT_OUT"
            for name, chosen in topics:
                if name == topic:
                    return chosen == wanted_status
            return use_default and defaults[topic] == wanted_status

        def render(contact: Contact) -> dict[str, Any]:
            record, updated, _ = contact
            view: dict[str, Any] = {"EmailAddress": record[1]}
            view.update(self._preferences(found, contact))
            view["UnsubscribeAll"] = record[3]
            view["LastUpdatedTimestamp"] = local(from_ms(updated))
            return view

        return self._list(
            shapes.LIST_CONTACTS,
            params,
            found.index,
            render,
            filters={"ContactListName": found.name},  # a position, not bound to the filter
            keep=None if status is None else keep,
        )

    @operation(shapes.LIST_CONTACT_LISTS)
    def list_contact_lists(self, params: dict[str, Any]) -> dict[str, Any]:
        """List the account's contact lists."""
        index: SortedIndex[ContactList] = SortedIndex.of(
            [((ms(found.created), found.name), found) for found in self._lists.values()]
        )

        def render(found: ContactList) -> dict[str, Any]:
            return {
                "ContactListName": found.name,
                "LastUpdatedTimestamp": local(found.updated),
            }

        return self._list(shapes.LIST_CONTACT_LISTS, params, index, render)

    @operation(shapes.UPDATE_CONTACT_LIST)
    def update_contact_list(self, params: dict[str, Any]) -> dict[str, Any]:
        """Replace the list's topics and description (preferences for dropped topics go)."""
        found = self._contact_list(params["ContactListName"])
        topics = params.get("Topics", found.topics)
        description = params.get("Description", found.description)
        self._check_topics(topics, description or "")
        found.topics = topics
        found.description = description
        found.updated = self._now()
        kept = found.defaults
        for email, contact in found.contacts.items():  # a contact is replaced, never edited
            (number, _, topics, unsubscribe, attributes), updated, key = contact
            if any(topic not in kept for topic, _ in topics):
                left = tuple((topic, status) for topic, status in topics if topic in kept)
                kept_only = ((number, email, left, unsubscribe, attributes), updated, key)
                found.contacts[email] = kept_only
                found.index.replace(key, kept_only)
        return {}
