"""CloudTrail Lake entities: event data stores, imports, their failures, the import lifecycle."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import attrs

from ...core.clock import local
from ...core.described import described
from ...core.lifecycle import Lifecycle, Timeline, grow
from ...core.resources import Row, Rows

if TYPE_CHECKING:
    from .trail import Copy

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
    failure="FAILED",
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


@described
@attrs.frozen(repr=False, eq=False)
class Failure:
    """What one row of ``ListImportFailures`` says."""

    location: str
    error_type: str
    error_message: str


DEFAULT_FAILURE = Failure(
    "s3://unknown/", "AccessDenied", "Access denied to the S3 location of the trail events."
)


@described
@attrs.frozen(repr=False, eq=False)
class Outcome:
    """How one import attempt ends: ``FAILED`` exactly when it has failure rows (or is told so)."""

    status: str
    totals: Mapping[str, int]
    failures: tuple[Failure, ...]
    durations: Mapping[str, timedelta]


ZEROS: Mapping[str, int] = dict.fromkeys(STATISTICS, 0)  # shared: never mutated


@described
@attrs.define(eq=False, repr=False)
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
    rows: Rows[Failure] | None = None  # made on the first row (most imports have none)
    copy: Copy | None = None  # an import that reads its trail

    def import_source(self) -> dict[str, Any]:
        uri, region, role = self.source
        return {
            "S3": {"S3LocationUri": uri, "S3BucketRegion": region, "S3BucketAccessRoleArn": role}
        }

    def summary(self, now: datetime) -> dict[str, Any]:
        """The import as ``ListImports`` shows it (fresh dicts: the caller may change them)."""
        updated, status = self.timeline.current(now)
        return {
            "ImportId": self.import_id,
            "ImportStatus": status,
            "Destinations": [self.destination],
            "CreatedTimestamp": local(self.created),
            "UpdatedTimestamp": local(updated),
        }

    def status(self, now: datetime) -> str:
        return self.timeline.status(now)

    def statistics(self, now: datetime, status: str | None = None) -> dict[str, int]:
        if self.copy is not None:  # what the files processed so far did
            return self.copy.statistics()
        return grow(self.base, self.outcome.totals, self.timeline.progress(now, status))

    def row_status(self, row: Row[Failure], now: datetime) -> str:
        if self.copy is not None and row.data.location in self.copy.settled:
            return self.copy.settled[row.data.location][0]
        if row.attempt == self.attempt:
            return "FAILED"
        status = self.status(now)
        if status in ONGOING:
            return "RETRY"
        return "SUCCEEDED" if status == "COMPLETED" else "FAILED"

    def settle_rows(self, now: datetime, *, keep: bool) -> None:
        """Fix this attempt's scripted rows: they happened (``keep``) or never will."""
        if self.rows is not None:
            self.rows.settle(self.attempt, self.timeline.changed_at(now), keep=keep)


@described
@attrs.define(eq=False, repr=False)
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
    events: list[Any] = attrs.field(factory=list)  # what imports copied into it, in order
    deleted: datetime | None = None  # when it went PENDING_DELETION
    restored_status: str = "ENABLED"  # what a restore brings it back to
    order: int = 0  # creation order, for the list (stores made in one millisecond)

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
