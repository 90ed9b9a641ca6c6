"""CloudTrail Lake entities: event data stores, imports, import failures, and the import lifecycle.

Decisions where AWS documents nothing (see also the README):

* An import plans ``INITIALIZING`` (1 minute) then ``IN_PROGRESS`` (9 minutes) then its outcome,
  so it is final ten minutes of clock time after it starts; both durations are configurable.
* ``ImportStatistics`` grow linearly while ``IN_PROGRESS`` and end at the scripted totals.
* A retry resumes: statistics continue from where the last attempt stopped, failure rows of the
  earlier attempt read ``RETRY`` while it runs, then ``SUCCEEDED`` (or ``FAILED`` again).
* A created event data store answers ``CREATED`` in the create response and is ``ENABLED``
  (``STOPPED_INGESTION`` with ``StartIngestion=False``) on every later read.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import Any

import attrs

from ...core.lifecycle import Lifecycle, Timeline, grow
from ...core.pagination import SortedIndex

IMPORT_LIFECYCLE = Lifecycle(
    kind="import",
    transitions={
        "INITIALIZING": frozenset({"IN_PROGRESS", "FAILED", "STOPPED"}),
        "IN_PROGRESS": frozenset({"COMPLETED", "FAILED", "STOPPED"}),
        "FAILED": frozenset({"INITIALIZING"}),
        "STOPPED": frozenset({"INITIALIZING"}),
        "COMPLETED": frozenset(),
    },
    terminal=frozenset({"COMPLETED", "FAILED", "STOPPED"}),
    running="IN_PROGRESS",
    success="COMPLETED",
)
ONGOING = frozenset({"INITIALIZING", "IN_PROGRESS"})
DEFAULT_DURATIONS: Mapping[str, timedelta] = {
    "INITIALIZING": timedelta(minutes=1),
    "IN_PROGRESS": timedelta(minutes=9),
}
STATISTICS = (
    "PrefixesFound",
    "PrefixesCompleted",
    "FilesCompleted",
    "EventsCompleted",
    "FailedEntries",
)
DEFAULT_TOTALS: Mapping[str, int] = {
    "PrefixesFound": 1,
    "PrefixesCompleted": 1,
    "FilesCompleted": 10,
    "EventsCompleted": 1000,
    "FailedEntries": 0,
}
# Event categories whose stores hold CloudTrail events (the only ones an import can fill).
CLOUDTRAIL_EVENT_CATEGORIES = frozenset({"Management", "Data", "NetworkActivity"})
DEFAULT_SELECTORS: list[dict[str, Any]] = [
    {
        "Name": "Default management events",
        "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}],
    }
]


@attrs.frozen
class Failure:
    """A scripted or added row of ``ListImportFailures``."""

    location: str
    error_type: str
    error_message: str


@attrs.frozen
class Outcome:
    """How one import attempt ends: ``FAILED`` exactly when it has failure rows (or is told so)."""

    status: str
    totals: Mapping[str, int]
    failures: tuple[Failure, ...]
    durations: Mapping[str, timedelta]


@attrs.define
class FailureRow:
    seq: int
    failure: Failure
    attempt: int
    at: datetime | None  # None: appears when the attempt ends FAILED


NO_ROWS: SortedIndex[FailureRow] = SortedIndex()  # shared and never added to
ZEROS: Mapping[str, int] = MappingProxyType(dict.fromkeys(STATISTICS, 0))


@attrs.define(eq=False)
class Import:
    """One import. Kept small (a few hundred bytes): fakes may hold 100,000 of them."""

    import_id: str
    destination: str
    source: tuple[str, str, str]  # S3LocationUri, S3BucketRegion, S3BucketAccessRoleArn
    start_event_time: datetime | None
    end_event_time: datetime | None
    created: datetime
    timeline: Timeline
    outcome: Outcome
    attempt: int = 1
    base: Mapping[str, int] = ZEROS  # statistics when this attempt began
    rows: SortedIndex[FailureRow] = NO_ROWS  # replaced by its own index on the first row

    def import_source(self) -> dict[str, Any]:
        uri, region, role = self.source
        return {
            "S3": {"S3LocationUri": uri, "S3BucketRegion": region, "S3BucketAccessRoleArn": role}
        }

    def status(self, now: datetime) -> str:
        return self.timeline.status(now)

    def statistics(self, now: datetime, status: str | None = None) -> dict[str, int]:
        return grow(self.base, self.outcome.totals, self.timeline.progress(now, status))

    def row_visible(self, row: FailureRow, now: datetime) -> bool:
        return row.at is not None or (row.attempt == self.attempt and self.status(now) == "FAILED")

    def row_status(self, row: FailureRow, now: datetime) -> str:
        if row.attempt == self.attempt:
            return "FAILED"
        status = self.status(now)
        if status in ONGOING:
            return "RETRY"
        return "SUCCEEDED" if status == "COMPLETED" else "FAILED"

    def settle_rows(self, now: datetime, *, keep: bool) -> None:
        """Fix this attempt's scripted rows: they happened (``keep``) or never will."""
        for key, row in list(self.rows.after(None)):
            if row.at is None and row.attempt == self.attempt:
                if keep:
                    row.at = self.timeline.changed_at(now)
                else:
                    self.rows.discard(key)


@attrs.define(eq=False)
class EventDataStore:
    arn: str
    name: str
    status: str
    selectors: list[dict[str, Any]]
    multi_region: bool
    organization: bool
    retention: int
    termination_protection: bool
    billing_mode: str
    kms_key_id: str | None
    tags: list[dict[str, str]] | None
    created: datetime
    updated: datetime

    @property
    def holds_cloudtrail_events(self) -> bool:
        categories = {
            value
            for selector in self.selectors
            for field in selector.get("FieldSelectors", [])
            if field.get("Field") == "eventCategory"
            for value in field.get("Equals", [])
        }
        return bool(categories) and categories <= CLOUDTRAIL_EVENT_CATEGORIES
