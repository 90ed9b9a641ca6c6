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

Imports that read the trail (objects under ``S3LocationUri`` in ``objects``, else in moto's
S3 of the fake's account); the rules are CloudTrail's, the rest decided:

* A source with no objects at all keeps the scripted or default outcome; with
  ``require_sources=True`` it is refused at ``start_import`` (``InvalidImportSourceException``).
  A script (``control.script_next_import``) wins over the data.
* Scope: a source at the bucket, at ``AWSLogs/``, or at an account or organization folder
  under it reads only objects in a ``CloudTrail`` folder (``CloudTrail-Digest``,
  ``CloudTrail-Insight`` and other services' folders are skipped, not failed); a source that
  names any other folder (``.../CloudTrail/us-east-1/``, ``my-copies/``) is read whole.
* A time range keeps the files whose name carries a delivery time in it
  (``..._20260301T0105Z_...``, minute precision), else whose ``YYYY/MM/DD`` folder overlaps it;
  events are not filtered by ``eventTime`` (AWS says it checks the names). Files left out are
  not counted anywhere.
* One "prefix" is the folder holding a file (``.../CloudTrail/<region>/YYYY/MM/DD/`` in a
  trail's layout; AWS's published figures fit one per Region and day). ``PrefixesFound``
  counts them from the start; ``PrefixesCompleted`` those whose every file was copied.
* The files are read when the import starts (again at each retry) and copied one by one as
  the clock passes them (file n of N at n/N of ``IN_PROGRESS``): ``FilesCompleted``,
  ``EventsCompleted`` and ``FailedEntries`` (failed files, not events) count what has been
  processed, never more. The import ends ``FAILED`` if a file failed, else ``COMPLETED``.
* One failure row per file, ``Location`` its ``s3://bucket/key`` (which holds its prefix).
  ``ErrorType`` ``InvalidFileFormat``: not gzip (uncompressed, or zip, bzip2, xz, zstd);
  ``InvalidLogFile``: not readable gzip, not JSON, or no ``{"Records": [...]}`` array (a
  digest file, another service's file). A file removed from the bucket before a retry has
  nothing left to copy: its row reads ``SUCCEEDED``.
* Copied events: every record of a copied file whose ``eventTime`` is within the
  destination's retention period, counted back from the start of the import (an unreadable
  ``eventTime`` is kept); duplicates are kept; in key order, then record order. Tests read
  them with ``control.events(store_arn)``.
* A retry copies the files that failed (as they are now) and those not reached. Their earlier
  rows read ``RETRY`` until the retry reaches them, then ``SUCCEEDED`` or ``FAILED`` (with
  this attempt's error and time). ``FailedEntries`` drops as files are copied.
* Event data stores: ``delete_event_data_store`` makes a store ``PENDING_DELETION`` (refused
  with termination protection on, or during an import into it:
  ``EventDataStoreHasOngoingImportException``, as for ``update_event_data_store``); seven
  days later on the clock it is gone; ``restore_event_data_store`` brings it back to the
  status it had within those days (``InvalidEventDataStoreStatusException`` for a store not
  pending deletion). ``update_event_data_store`` needs a member besides the store. The list
  shows every store, pending deletion too, oldest first, with the summary members the model
  still has (marked deprecated). A store put ``PENDING_DELETION`` by the control during an
  import fails that import with an ``InactiveEventDataStore`` row.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import attrs

from ...core.clock import local
from ...core.errors import AwsError, Violation
from ...core.pagination import SortedIndex, from_ms, ms
from ...core.resources import ResourceTable, Row, add_row
from ...core.service import Controls, FakeService, ServiceModel, locked, operation
from ...core.shapes import LINE_TERMINATORS, LazyRegex, copy_data, to_ms
from . import shapes
from .control import CloudTrailControl

if TYPE_CHECKING:
    from ...core.records import RecordPlan
    from .trail import Copy, LogFile

from .models import (
    DEFAULT_DURATIONS,
    DEFAULT_SELECTORS,
    DEFAULT_TOTALS,
    IMPORT_LIFECYCLE,
    ONGOING,
    ZEROS,
    EventDataStore,
    Failure,
    Import,
    Outcome,
)

_BUCKET = LazyRegex(r"[a-z0-9][a-z0-9.\-]*[a-z0-9]")
_EDS_ID = LazyRegex(r"[a-f0-9\-]{36}")
MAX_EVENT_DATA_STORES = 10
IMPORTABLE_STATUSES = frozenset({"ENABLED", "STOPPED_INGESTION"})
DELETION_WAIT = timedelta(days=7)
# What ListEventDataStores shows of each store: every member its summary shape models.
_LISTED_STORE_MEMBERS = (
    "EventDataStoreArn",
    "Name",
    "TerminationProtectionEnabled",
    "Status",
    "AdvancedEventSelectors",
    "MultiRegionEnabled",
    "OrganizationEnabled",
    "RetentionPeriod",
    "CreatedTimestamp",
    "UpdatedTimestamp",
)  # documented: a deleted store can be restored for 7 days


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
    control = Controls(CloudTrailControl)
    _table: ResourceTable[Import]

    def _reset_state(self) -> None:
        self._stores: dict[str, EventDataStore] = {}
        self._store_order = 0

    def _default_outcome(self, resumed: Import | None = None) -> Outcome:
        if resumed is None:  # one shared outcome for every plain import (memory)
            return self._plain(
                lambda durations: Outcome("COMPLETED", DEFAULT_TOTALS, (), durations)
            )
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
        self._check_retention(billing, retention)
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
        self._store_order += 1
        store.order = self._store_order
        self._stores[store.arn] = store
        return store

    def _check_retention(self, billing: str, retention: int) -> None:
        """Fixed-retention pricing keeps events at most 2557 days (documented)."""
        if billing == "FIXED_RETENTION_PRICING" and retention > 2557:
            raise self.model.validation(
                [
                    Violation(
                        "retentionPeriod",
                        retention,
                        "Member must have value less than or equal to 2557",
                    )
                ]
            )

    @locked
    def _store_events(self, arn: str) -> list[Any]:
        store = self._stores.get(arn)
        if store is None:
            raise KeyError(f"no event data store {arn!r} in this fake")
        self._catch_up()
        return copy_data(store.events)  # type: ignore[no-any-return]

    @locked
    def _set_store_status(self, arn: str, status: str) -> None:
        store = self._stores.get(arn)
        if store is None:
            raise KeyError(f"no event data store {arn!r} in this fake")
        self._catch_up()
        now = self._now()
        store.status = status
        store.updated = now
        if status == "PENDING_DELETION":
            store.deleted = now
            imp = self._importing_into(store)
            if imp is not None:  # the import can't go on: it fails, saying why
                add_row(
                    imp,
                    Failure(
                        arn,
                        "InactiveEventDataStore",
                        f"The destination event data store {arn} is PENDING_DELETION.",
                    ),
                    at=now,
                )
                self._settle(imp, now, "FAILED")
                self._table.replanned(imp.import_id)

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

    def _store(self, arn: str) -> EventDataStore:
        """The store behind an ARN (or id), or the service's not-found error."""
        store = self._resolve_store(arn, allow_id=True)
        if store is None:
            raise AwsError("EventDataStoreNotFoundException", "The event data store was not found.")
        return store

    def _catch_up(self) -> None:
        """Besides due records: stores deleted seven days ago are gone for good."""
        super()._catch_up()
        if any(store.deleted is not None for store in self._stores.values()):
            now = self._now()
            for arn, store in list(self._stores.items()):
                if store.deleted is not None and now >= store.deleted + DELETION_WAIT:
                    del self._stores[arn]

    def _importing_into(self, store: EventDataStore) -> Import | None:
        ongoing = self._table.first_unfinished(self._now())
        if ongoing is None:
            return None
        imp = self._table.lookup(ongoing[0])
        return imp if imp.destination == store.arn else None

    def _check_no_import(self, store: EventDataStore) -> None:
        imp = self._importing_into(store)
        if imp is not None:
            raise AwsError(
                "EventDataStoreHasOngoingImportException",
                f"The event data store {store.arn} has an import in progress ({imp.import_id}).",
            )

    @operation(shapes.LIST_EVENT_DATA_STORES)
    def list_event_data_stores(self, params: dict[str, Any]) -> dict[str, Any]:
        """List the account's stores in this Region, oldest first (pending deletion too)."""
        index: SortedIndex[EventDataStore] = SortedIndex.of(
            [((ms(store.created), store.order), store) for store in self._stores.values()]
        )

        def render(store: EventDataStore) -> dict[str, Any]:
            view = self._store_view(store, store.status)
            return {key: view[key] for key in _LISTED_STORE_MEMBERS}

        return self._list(shapes.LIST_EVENT_DATA_STORES, params, index, render)

    @operation(shapes.UPDATE_EVENT_DATA_STORE)
    def update_event_data_store(self, params: dict[str, Any]) -> dict[str, Any]:
        """Change a store's name, selectors, retention, protection, key or billing mode."""
        store = self._store(params["EventDataStore"])
        changes = {k: v for k, v in params.items() if k != "EventDataStore"}
        if not changes:
            raise AwsError(
                "InvalidParameterException",
                "At least one parameter besides EventDataStore must be given.",
            )
        if store.status == "PENDING_DELETION":
            raise AwsError(
                "InactiveEventDataStoreException", f"The event data store {store.arn} is inactive."
            )
        self._check_no_import(store)
        name = changes.get("Name", store.name)
        if any(s.name == name and s is not store for s in self._stores.values()):
            raise AwsError(
                "EventDataStoreAlreadyExistsException",
                f"An event data store named {name} already exists.",
            )
        billing = changes.get("BillingMode", store.billing_mode)
        retention = changes.get("RetentionPeriod", store.retention)
        self._check_retention(billing, retention)
        store.name = name
        store.billing_mode = billing
        store.retention = retention
        store.selectors = changes.get("AdvancedEventSelectors", store.selectors)
        store.multi_region = changes.get("MultiRegionEnabled", store.multi_region)
        store.organization = changes.get("OrganizationEnabled", store.organization)
        store.termination_protection = changes.get(
            "TerminationProtectionEnabled", store.termination_protection
        )
        store.kms_key_id = changes.get("KmsKeyId", store.kms_key_id)
        store.updated = self._now()
        return self._store_view(store, store.status)

    @operation(shapes.DELETE_EVENT_DATA_STORE)
    def delete_event_data_store(self, params: dict[str, Any]) -> dict[str, Any]:
        """Delete a store: ``PENDING_DELETION`` for seven days (restorable), then gone."""
        store = self._store(params["EventDataStore"])
        if store.status == "PENDING_DELETION":
            raise AwsError(
                "InactiveEventDataStoreException", f"The event data store {store.arn} is inactive."
            )
        if store.termination_protection:
            raise AwsError(
                "EventDataStoreTerminationProtectedException",
                f"The event data store {store.arn} cannot be deleted because termination "
                "protection is enabled for it.",
            )
        self._check_no_import(store)
        now = self._now()
        store.restored_status, store.status = store.status, "PENDING_DELETION"
        store.deleted = store.updated = now
        return {}

    @operation(shapes.RESTORE_EVENT_DATA_STORE)
    def restore_event_data_store(self, params: dict[str, Any]) -> dict[str, Any]:
        """Bring back a store deleted less than seven days ago, as it was."""
        store = self._store(params["EventDataStore"])
        if store.status != "PENDING_DELETION":
            raise AwsError(
                "InvalidEventDataStoreStatusException",
                f"The event data store {store.arn} is {store.status}; only a store that is "
                "PENDING_DELETION can be restored.",
            )
        active = sum(1 for s in self._stores.values() if s.status != "PENDING_DELETION")
        if active >= MAX_EVENT_DATA_STORES:
            raise AwsError(
                "EventDataStoreMaxLimitExceededException",
                f"This Region already has {MAX_EVENT_DATA_STORES} event data stores, the maximum.",
            )
        store.status, store.deleted, store.updated = store.restored_status, None, self._now()
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
        s3 = params["ImportSource"]["S3"]
        store = self._stores[params["Destinations"][0]]
        copy = None if self._outcomes else self._discover(s3["S3LocationUri"], start, end)
        if copy is None:
            outcome = self._next_outcome()
        else:
            outcome = self._read_files(copy, copy.files, store, now)
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
        if copy is not None:
            imp.copy = copy
            self._plan_copy(imp, copy.files)
        return self._view(imp, now, statistics=False)

    # --- imports that read the trail ----------------------------------------------------------

    def _discover(self, uri: str, start: datetime | None, end: datetime | None) -> Copy | None:
        """The trail files under ``uri`` the import copies; ``None`` when the source holds no
        objects at all and sources are optional (the scripted or default outcome applies)."""
        from .trail import Copy, select

        prefix = uri if uri.endswith("/") or "/" in uri[5:] else uri + "/"
        urls = self.objects.scan(prefix, self.account_id)
        if not urls:
            if not self.require_sources:
                return None
            raise AwsError(
                "InvalidImportSourceException",
                f"The import source {uri} holds no objects; it is not valid for import.",
            )
        files = select(urls, prefix, start, end)
        remaining: dict[str, int] = {}
        for log in files:
            remaining[log.prefix] = remaining.get(log.prefix, 0) + 1
        return Copy(files, remaining)

    def _read_files(
        self, copy: Copy, files: Sequence[LogFile], store: EventDataStore, now: datetime
    ) -> Outcome:
        """Read the files this attempt copies (as they are in the store now): the attempt
        ends ``FAILED`` if any of them can't be copied."""
        from ...core.records import bulk
        from .trail import read_log

        oldest = now - timedelta(days=store.retention)
        with bulk():
            for log in files:
                data = self.objects.read(log.url, self.account_id)
                # A file removed since (a retry after the bucket was cleaned up) has nothing
                # left to copy: it no longer fails.
                copy.read[log.url] = [] if data is None else read_log(log.url, data, oldest)
        failed = any(isinstance(result, Failure) for result in copy.read.values())
        return Outcome("FAILED" if failed else "COMPLETED", ZEROS, (), self.durations)

    def _plan_copy(self, imp: Import, files: Sequence[LogFile]) -> None:
        """This attempt copies ``files``, file n of N at n/N of ``IN_PROGRESS``."""
        from ...core.records import RecordPlan

        assert imp.copy is not None
        numbered = [attrs.evolve(log, number=i) for i, log in enumerate(files, start=1)]
        plan = RecordPlan.over(imp, imp.timeline, "copy", numbered, len(numbered))
        imp.copy.plan = plan
        if numbered:
            self._schedule_records(plan)

    def _apply_records(self, plan: RecordPlan[LogFile], first: int, stop: int) -> None:
        """Copy files ``first`` to ``stop`` of ``plan`` into the destination, or fail them."""
        imp: Import = plan.owner
        copy = imp.copy
        if copy is None or copy.plan is not plan:
            return  # an attempt since replaced by a retry
        store = self._stores.get(imp.destination)
        for i in range(first, stop):
            log = plan.records[i]
            at = from_ms(plan.due(i))
            result = copy.read.pop(log.url)
            if isinstance(result, Failure):
                copy.failed[log.url] = result
                if log.url in copy.reported:  # failed again on a retry: its row says so
                    copy.settled[log.url] = ("FAILED", at, result)
                else:
                    copy.reported.add(log.url)
                    add_row(imp, result, at=at)
                continue
            if store is not None:
                store.events.extend(result)
            copy.events += len(result)
            copy.copied.add(log.url)
            copy.failed.pop(log.url, None)
            copy.remaining[log.prefix] -= 1
            if copy.remaining[log.prefix] == 0:
                copy.completed += 1
            if log.url in copy.reported:
                copy.settled[log.url] = ("SUCCEEDED", at, None)

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
        """Resume ``imp`` from FAILED/STOPPED: a retry, or a forced ``INITIALIZING`` (pinned).

        A retry of an import that reads its trail copies what is left: the files that failed
        (read again, as they are now) and those it never reached.
        """
        copy = imp.copy
        todo: list[LogFile] = []
        if copy is not None and not pinned and not self._outcomes:
            todo = [log for log in copy.files if log.url not in copy.copied]
            for log in todo:
                copy.settled.pop(log.url, None)  # RETRY until this attempt reaches it
            copy.read.clear()
            outcome = self._read_files(copy, todo, self._stores[imp.destination], now)
        else:
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
        if copy is not None:
            self._plan_copy(imp, todo)

    @staticmethod
    def _add_scripted_rows(imp: Import) -> None:
        for failure in imp.outcome.failures:
            add_row(imp, failure, at=None)

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
            add_row(imp, failure, at=now)

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

        filtered = destination is not None or wanted is not None
        return self._list(
            shapes.LIST_IMPORTS,
            params,
            self._table.index,
            Import.summary,
            keep=keep if filtered else None,
            now=now,
        )

    @operation(shapes.LIST_IMPORT_FAILURES)
    def list_import_failures(self, params: dict[str, Any]) -> dict[str, Any]:
        """List an import's failed files (an unknown id lists none: no not-found is modeled)."""

        def render(imp: Import, row: Row[Failure], now: datetime) -> dict[str, Any]:
            failure, updated = row.data, row.at or imp.timeline.changed_at(now)
            settled = None if imp.copy is None else imp.copy.settled.get(failure.location)
            if settled is not None:  # a retry reached this file again
                updated = settled[1]
                if settled[2] is not None:  # failed again: as it failed this time
                    failure = settled[2]
            return {
                "Location": failure.location,
                "Status": imp.row_status(row, now),
                "ErrorType": failure.error_type,
                "ErrorMessage": failure.error_message,
                "LastUpdatedTime": local(updated),
            }

        return self._list_rows(shapes.LIST_IMPORT_FAILURES, params, params["ImportId"], render)
