"""``FakeCloudTrail``: the CloudTrail Lake import family, boto3-shaped.

Behaviour AWS leaves open, as decided here:

* One import at a time per account and Region: starting or retrying while another import is
  ``INITIALIZING`` or ``IN_PROGRESS`` raises ``AccountHasOngoingImportException``.
* A retry (``start_import(ImportId=...)``) is allowed from ``FAILED`` and ``STOPPED`` only
  (``OperationNotPermittedException`` otherwise) and may not repeat ``Destinations`` or
  ``ImportSource`` (``InvalidParameterException``).
* ``StartEventTime`` later than ``EndEventTime`` -> ``InvalidParameterException``.
* ``S3LocationUri`` must look like ``s3://bucket[/prefix]``, else ``InvalidImportSourceException``.
* Destination ARNs must name this fake's account and Region (``EventDataStoreARNInvalidException``
  otherwise); a well-formed ARN with no store -> ``EventDataStoreNotFoundException``. An import
  may target a store that is ``ENABLED`` or ``STOPPED_INGESTION``.
* ``stop_import`` of a finished import -> ``OperationNotPermittedException``.
* ``list_import_failures`` of an unknown id -> an empty list (the model declares no not-found).
* Lists are ordered by creation time, then the order imports were started; 1000 a page.
* Service-side validation (``max``, ``pattern``, ``enum``) -> ``InvalidParameterException``.
* An import plans ``INITIALIZING`` (1 minute) then ``IN_PROGRESS`` (9 minutes) then its
  outcome, so it is final ten minutes of clock time after it starts (``durations=``).
* ``ImportStatistics`` grow linearly while ``IN_PROGRESS`` and end at the scripted totals.
* A retry resumes: statistics continue from where the last attempt stopped; failure rows of
  the earlier attempt read ``RETRY`` while it runs, then ``SUCCEEDED`` (or ``FAILED`` again).
* A created event data store answers ``CREATED`` in the create response and is ``ENABLED``
  (``STOPPED_INGESTION`` with ``StartIngestion=False``) on every later read. Stores whose
  selectors collect ``Management``, ``Data`` or ``NetworkActivity`` events hold CloudTrail
  events; an import into any other store fails.
* An empty ``NextToken`` is refused by botocore itself (the model's minimum length is 4).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ...core.clock import local
from ...core.errors import AwsError, Violation
from ...core.resources import ResourceTable, Row
from ...core.service import FakeService, ServiceModel, locked, operation
from ...core.shapes import LINE_TERMINATORS, aws_regex, copy_data, to_ms
from . import shapes
from .control import CloudTrailControl
from .models import (
    DEFAULT_DURATIONS,
    DEFAULT_SELECTORS,
    DEFAULT_TOTALS,
    IMPORT_LIFECYCLE,
    ONGOING,
    EventDataStore,
    Failure,
    Import,
    Outcome,
)

_BUCKET = aws_regex(r"[a-z0-9][a-z0-9.\-]*[a-z0-9]")
_EDS_ID = aws_regex(r"[a-f0-9\-]{36}")
MAX_EVENT_DATA_STORES = 10
IMPORTABLE_STATUSES = frozenset({"ENABLED", "STOPPED_INGESTION"})


MODEL = ServiceModel(
    name="cloudtrail",
    content_type="application/x-amz-json-1.1",
    errors=shapes.ERRORS,
    validation_code="InvalidParameterException",
    invalid_token_code="InvalidNextTokenException",
    invalid_token_message="Invalid NextToken.",
    durations=DEFAULT_DURATIONS,
    paginators=shapes.PAGINATORS,
)


def _check_source(uri: str) -> None:
    """``s3://bucket[/prefix]`` with a valid S3 bucket name, else say what is wrong."""
    problem = None
    if not uri.startswith("s3://"):
        problem = "it must start with s3://"
    else:
        bucket = uri[5:].split("/", 1)[0]
        if not 3 <= len(bucket) <= 63:
            problem = f"the bucket name {bucket!r} must be 3 to 63 characters long"
        elif not _BUCKET.fullmatch(bucket):
            problem = (
                f"the bucket name {bucket!r} may hold only lower-case letters, digits, dots and "
                "hyphens, and must begin and end with a letter or digit"
            )
        elif any(ord(c) < 32 or c in LINE_TERMINATORS for c in uri):
            problem = "it must not contain control characters or line breaks"
    if problem is not None:
        raise AwsError(
            "InvalidImportSourceException",
            f"The import source {uri} is not a valid S3 location (s3://bucket/prefix): {problem}.",
        )


class FakeCloudTrail(FakeService):
    """In-memory CloudTrail Lake imports, a drop-in for ``boto3.client("cloudtrail")``.

    >>> from datetime import datetime, timezone
    >>> from fakeimports import FakeCloudTrail, ManualClock
    >>> clock = ManualClock(datetime(2026, 1, 1, tzinfo=timezone.utc))
    >>> ct = FakeCloudTrail(clock=clock, seed=1)
    >>> store = ct.create_event_data_store(Name="lake")["EventDataStoreArn"]
    >>> started = ct.start_import(
    ...     Destinations=[store],
    ...     ImportSource={"S3": {"S3LocationUri": "s3://trail-bucket/AWSLogs/",
    ...                          "S3BucketRegion": "us-east-1",
    ...                          "S3BucketAccessRoleArn": "arn:aws:iam::123456789012:role/r"}},
    ... )
    >>> started["ImportStatus"]
    'INITIALIZING'
    >>> _ = clock.advance(hours=1)
    >>> ct.get_import(ImportId=started["ImportId"])["ImportStatus"]
    'COMPLETED'

    ``durations`` overrides how long ``INITIALIZING`` and ``IN_PROGRESS`` last for every import
    of this fake; ``control.script_next_import`` changes one import.
    """

    model = MODEL
    lifecycle = IMPORT_LIFECYCLE
    not_found = ("ImportNotFoundException", "Import {id} was not found.")
    control_class = CloudTrailControl
    control: CloudTrailControl
    _table: ResourceTable[Import]

    def _reset_state(self) -> None:
        self._stores: dict[str, EventDataStore] = {}

    def _default_outcome(self, resumed: Import | None = None) -> Outcome:
        if resumed is None:  # one shared outcome for every plain import (memory)
            return Outcome("COMPLETED", DEFAULT_TOTALS, (), self.durations)
        done = resumed.statistics(self._now())  # a retry carries on: counts never go back
        totals = {k: max(v, done[k]) for k, v in DEFAULT_TOTALS.items()}
        totals["FailedEntries"] = 0
        return Outcome("COMPLETED", totals, (), self.durations)

    # --- event data stores -----------------------------------------------------------------

    def _store_arn(self, store_id: str) -> str:
        return (
            f"arn:{self.partition}:cloudtrail:{self.region_name}:"
            f"{self.account_id}:eventdatastore/{store_id}"
        )

    def _resolve_store(self, arn: str, *, allow_id: bool = False) -> EventDataStore | None:
        """The store behind ``arn``; ``None`` if well-formed but unknown; raises if not ours."""
        if allow_id and _EDS_ID.fullmatch(arn):
            arn = self._store_arn(arn)
        if not arn.startswith(self._store_arn("")) or not _EDS_ID.fullmatch(arn.rsplit("/", 1)[1]):
            raise AwsError(
                "EventDataStoreARNInvalidException",
                f"The event data store ARN {arn} is not valid or does not belong to account "
                f"{self.account_id} in {self.region_name}.",
            )
        return self._stores.get(arn)

    @locked
    def _add_store(self, params: dict[str, Any], status: str) -> EventDataStore:
        name = params["Name"]
        if any(s.name == name for s in self._stores.values()):
            raise AwsError(
                "EventDataStoreAlreadyExistsException",
                f"An event data store named {name} already exists.",
            )
        if len(self._stores) >= MAX_EVENT_DATA_STORES:
            raise AwsError(
                "EventDataStoreMaxLimitExceededException",
                f"This Region already has {MAX_EVENT_DATA_STORES} event data stores, the maximum.",
            )
        billing = params.get("BillingMode", "EXTENDABLE_RETENTION_PRICING")
        fixed = billing == "FIXED_RETENTION_PRICING"
        retention = params.get("RetentionPeriod", 2557 if fixed else 366)
        if fixed and retention > 2557:
            raise self.model.validation(
                [
                    Violation(
                        "retentionPeriod",
                        retention,
                        "Member must have value less than or equal to 2557",
                    )
                ]
            )
        now = self._now()
        store = EventDataStore(
            arn=self._store_arn(self._uuid()),
            name=name,
            status=status,
            selectors=params.get("AdvancedEventSelectors") or DEFAULT_SELECTORS,
            multi_region=params.get("MultiRegionEnabled", True),
            organization=params.get("OrganizationEnabled", False),
            retention=retention,
            termination_protection=params.get("TerminationProtectionEnabled", True),
            billing_mode=billing,
            kms_key_id=params.get("KmsKeyId"),
            tags=params.get("TagsList"),
            created=now,
            updated=now,
        )
        self._stores[store.arn] = store
        return store

    @locked
    def _set_store_status(self, arn: str, status: str) -> None:
        store = self._stores.get(arn)
        if store is None:
            raise KeyError(f"no event data store {arn!r} in this fake")
        store.status = status
        store.updated = self._now()

    @staticmethod
    def _store_view(store: EventDataStore, status: str) -> dict[str, Any]:
        view: dict[str, Any] = {
            "EventDataStoreArn": store.arn,
            "Name": store.name,
            "Status": status,
            "AdvancedEventSelectors": copy_data(store.selectors),
            "MultiRegionEnabled": store.multi_region,
            "OrganizationEnabled": store.organization,
            "RetentionPeriod": store.retention,
            "TerminationProtectionEnabled": store.termination_protection,
            "CreatedTimestamp": local(store.created),
            "UpdatedTimestamp": local(store.updated),
            "BillingMode": store.billing_mode,
        }
        if store.kms_key_id is not None:
            view["KmsKeyId"] = store.kms_key_id
        return view

    @operation(shapes.CREATE_EVENT_DATA_STORE)
    def create_event_data_store(self, params: dict[str, Any]) -> dict[str, Any]:
        """Create a store (what imports need); it answers ``CREATED``, then is ``ENABLED``."""
        status = "ENABLED" if params.get("StartIngestion", True) else "STOPPED_INGESTION"
        store = self._add_store(params, status)
        view = self._store_view(store, "CREATED")
        if store.tags is not None:
            view["TagsList"] = copy_data(store.tags)
        return view

    @operation(shapes.GET_EVENT_DATA_STORE)
    def get_event_data_store(self, params: dict[str, Any]) -> dict[str, Any]:
        """Describe a store by ARN or by the id at the end of its ARN."""
        store = self._resolve_store(params["EventDataStore"], allow_id=True)
        if store is None:
            raise AwsError("EventDataStoreNotFoundException", "The event data store was not found.")
        return self._store_view(store, store.status)

    # --- imports ---------------------------------------------------------------------------

    def _check_no_ongoing(self, now: datetime) -> None:
        ongoing = self._table.first_unfinished(now)
        if ongoing is not None:
            import_id, status = ongoing
            raise AwsError(
                "AccountHasOngoingImportException",
                f"Import {import_id} is still {status}; this account can run one import at a time.",
            )

    def _check_destination(self, arn: str) -> None:
        store = self._resolve_store(arn)
        if store is None:
            raise AwsError("EventDataStoreNotFoundException", "The event data store was not found.")
        if store.status == "PENDING_DELETION":
            raise AwsError(
                "InactiveEventDataStoreException", f"The event data store {arn} is inactive."
            )
        if store.status not in IMPORTABLE_STATUSES:
            raise AwsError(
                "InvalidEventDataStoreStatusException",
                f"The event data store {arn} is {store.status}; an import needs it "
                "ENABLED or STOPPED_INGESTION.",
            )
        if not store.holds_cloudtrail_events:
            raise AwsError(
                "InvalidEventDataStoreCategoryException",
                f"The event data store {arn} does not hold CloudTrail events, so it cannot "
                "receive an import.",
            )

    def _view(self, imp: Import, now: datetime, *, statistics: bool) -> dict[str, Any]:
        view: dict[str, Any] = {
            "ImportId": imp.import_id,
            "Destinations": [imp.destination],
            "ImportSource": imp.import_source(),
        }
        if imp.start_event_time is not None:
            view["StartEventTime"] = local(imp.start_event_time)
        if imp.end_event_time is not None:
            view["EndEventTime"] = local(imp.end_event_time)
        updated, status = imp.timeline.current(now)
        view["ImportStatus"] = status
        view["CreatedTimestamp"] = local(imp.created)
        view["UpdatedTimestamp"] = local(updated)
        if statistics:
            view["ImportStatistics"] = imp.statistics(now, status)
        return view

    @operation(shapes.START_IMPORT)
    def start_import(self, params: dict[str, Any]) -> dict[str, Any]:
        """Start a new import, or retry a ``FAILED``/``STOPPED`` one when ``ImportId`` is given."""
        now = self._now()
        if "ImportId" in params:
            return self._retry(params, now)
        if "Destinations" not in params or "ImportSource" not in params:
            raise AwsError(
                "InvalidParameterException",
                "Destinations and ImportSource are required to start a new import.",
            )
        start, end = params.get("StartEventTime"), params.get("EndEventTime")
        if start is not None and end is not None and start > end:
            raise AwsError(
                "InvalidParameterException", "StartEventTime must not be later than EndEventTime."
            )
        start = None if start is None else to_ms(start)  # AWS keeps milliseconds
        end = None if end is None else to_ms(end)
        _check_source(params["ImportSource"]["S3"]["S3LocationUri"])
        self._check_destination(params["Destinations"][0])
        self._check_no_ongoing(now)
        outcome = self._next_outcome()
        s3 = params["ImportSource"]["S3"]
        imp = Import(
            import_id=self._uuid(),
            destination=params["Destinations"][0],
            source=(s3["S3LocationUri"], s3["S3BucketRegion"], s3["S3BucketAccessRoleArn"]),
            start_event_time=start,
            end_event_time=end,
            created=now,
            timeline=IMPORT_LIFECYCLE.begin(now, outcome),
            outcome=outcome,
        )
        self._add_scripted_rows(imp)
        self._table.add(imp.import_id, now, imp)
        return self._view(imp, now, statistics=False)

    def _retry(self, params: dict[str, Any], now: datetime) -> dict[str, Any]:
        if "Destinations" in params or "ImportSource" in params:
            raise AwsError(
                "InvalidParameterException",
                "ImportId retries an existing import; do not pass Destinations or ImportSource.",
            )
        imp = self._table.find(params["ImportId"])
        status = imp.status(now)
        if status not in ("FAILED", "STOPPED"):
            raise AwsError(
                "OperationNotPermittedException",
                f"Import {imp.import_id} is {status}; only FAILED or STOPPED imports can be "
                "retried.",
            )
        self._check_no_ongoing(now)
        self._new_attempt(imp, now, pinned=False)
        return self._view(imp, now, statistics=False)

    def _new_attempt(self, imp: Import, now: datetime, *, pinned: bool) -> None:
        """Resume ``imp`` from FAILED/STOPPED: a retry, or a forced ``INITIALIZING`` (pinned)."""
        outcome = self._next_outcome(imp)
        stages = list(outcome.durations.items())
        imp.settle_rows(now, keep=imp.status(now) == "FAILED")
        imp.base = imp.statistics(now)
        if pinned:
            imp.timeline.force(imp.import_id, now, "INITIALIZING")
        else:
            imp.timeline.replan(imp.import_id, now, stages, outcome.status)
        imp.attempt += 1
        imp.outcome = outcome
        self._add_scripted_rows(imp)
        self._table.replanned(imp.import_id)

    @staticmethod
    def _add_scripted_rows(imp: Import) -> None:
        for failure in imp.outcome.failures:
            imp.add_row(failure, at=None)

    def _forced(self, resource: Import, resource_id: str, now: datetime, status: str) -> None:
        """Forcing ``INITIALIZING`` (from FAILED/STOPPED) is a retry that stays initializing."""
        resource.timeline.lifecycle.check(resource_id, resource.status(now), status)
        if status == "INITIALIZING":
            self._new_attempt(resource, now, pinned=True)
        else:
            self._settle(resource, now, status)

    @staticmethod
    def _settle(imp: Import, now: datetime, status: str) -> None:
        """Move ``imp`` to ``status`` now and hold it there, freezing its statistics."""
        imp.timeline.force(imp.import_id, now, status)
        if status not in ONGOING:
            imp.settle_rows(now, keep=status == "FAILED")

    @locked
    def _add_failures(self, import_id: str, failures: list[Failure]) -> None:
        imp = self._table.lookup(import_id)
        now = self._now()
        for failure in failures:
            imp.add_row(failure, at=now)

    @operation(shapes.GET_IMPORT)
    def get_import(self, params: dict[str, Any]) -> dict[str, Any]:
        """Describe one import, with its ``ImportStatistics``."""
        imp = self._table.find(params["ImportId"])
        return self._view(imp, self._now(), statistics=True)

    @operation(shapes.STOP_IMPORT)
    def stop_import(self, params: dict[str, Any]) -> dict[str, Any]:
        """Stop an import that is ``INITIALIZING`` or ``IN_PROGRESS``; it can be retried."""
        now = self._now()
        imp = self._table.find(params["ImportId"])
        status = imp.status(now)
        if status not in ONGOING:
            raise AwsError(
                "OperationNotPermittedException",
                f"Import {imp.import_id} is already {status} and cannot be stopped.",
            )
        self._settle(imp, now, "STOPPED")
        self._table.replanned(imp.import_id)
        return self._view(imp, now, statistics=True)

    @operation(shapes.LIST_IMPORTS)
    def list_imports(self, params: dict[str, Any]) -> dict[str, Any]:
        """List imports, oldest first, optionally of one destination or status."""
        now = self._now()
        destination = params.get("Destination")
        wanted = params.get("ImportStatus")
        if destination is not None:
            self._resolve_store(destination)

        def keep(imp: Import) -> bool:
            return (destination is None or imp.destination == destination) and (
                wanted is None or imp.status(now) == wanted
            )

        def render(imp: Import) -> dict[str, Any]:
            updated, status = imp.timeline.current(now)
            return {
                "ImportId": imp.import_id,
                "ImportStatus": status,
                "Destinations": [imp.destination],
                "CreatedTimestamp": local(imp.created),
                "UpdatedTimestamp": local(updated),
            }

        filtered = destination is not None or wanted is not None
        return self._list(
            shapes.LIST_IMPORTS, params, self._table.index, render, keep=keep if filtered else None
        )

    @operation(shapes.LIST_IMPORT_FAILURES)
    def list_import_failures(self, params: dict[str, Any]) -> dict[str, Any]:
        """List an import's failed files (an unknown id lists none: no not-found is modeled)."""

        def render(imp: Import, row: Row[Failure], now: datetime) -> dict[str, Any]:
            return {
                "Location": row.data.location,
                "Status": imp.row_status(row, now),
                "ErrorType": row.data.error_type,
                "ErrorMessage": row.data.error_message,
                "LastUpdatedTime": local(row.at or imp.timeline.changed_at(now)),
            }

        return self._list_rows(shapes.LIST_IMPORT_FAILURES, params, params["ImportId"], render)
