"""MGN import tasks, their errors and lifecycle.

Decisions where AWS documents nothing (see also the README):

* A task is ``PENDING`` for 1 minute, ``STARTED`` for 9 minutes, then ``SUCCEEDED`` (or
  ``FAILED`` when scripted); ``progressPercentage`` and the summary counts grow while
  ``STARTED``; ``endDateTime`` appears once the task is final.
* Scripted import errors appear in ``ListImportErrors`` when the task ends.
* MGN dates are ISO-8601 strings with milliseconds: ``2026-03-01T12:00:00.000Z``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

import attrs

from ...core.lifecycle import Lifecycle, Timeline
from ...core.pagination import SortedIndex

TASK_LIFECYCLE = Lifecycle(
    kind="import task",
    transitions={
        "PENDING": frozenset({"STARTED", "FAILED"}),
        "STARTED": frozenset({"SUCCEEDED", "FAILED"}),
        "SUCCEEDED": frozenset(),
        "FAILED": frozenset(),
    },
    terminal=frozenset({"SUCCEEDED", "FAILED"}),
    running="STARTED",
    success="SUCCEEDED",
)
DEFAULT_DURATIONS: Mapping[str, timedelta] = {
    "PENDING": timedelta(minutes=1),
    "STARTED": timedelta(minutes=9),
}
SUMMARY_KEYS = ("waves", "applications", "servers")
DEFAULT_SUMMARY: Mapping[str, Mapping[str, int]] = {
    "waves": {"createdCount": 1, "modifiedCount": 0},
    "applications": {"createdCount": 1, "modifiedCount": 0},
    "servers": {"createdCount": 2, "modifiedCount": 0},
}


def iso(moment: datetime) -> str:
    """MGN's date strings: ``2026-03-01T12:00:00.000Z`` (``moment`` is UTC)."""
    return moment.replace(tzinfo=None).isoformat(timespec="milliseconds") + "Z"


@attrs.frozen
class TaskOutcome:
    status: str
    summary: Mapping[str, Mapping[str, int]]
    errors: tuple[Mapping[str, Any], ...]
    durations: Mapping[str, timedelta]


@attrs.define
class ErrorRow:
    row: Mapping[str, Any]  # errorType and errorData as they will be listed
    at: datetime | None  # None: appears when the task ends


@attrs.define(eq=False)
class ImportTask:
    import_id: str
    arn: str
    source: dict[str, str]
    tags: dict[str, str] | None
    created: datetime
    timeline: Timeline
    outcome: TaskOutcome
    errors: SortedIndex[ErrorRow] = attrs.field(factory=SortedIndex)
    created_iso: str = attrs.field(init=False)
    ended: tuple[datetime, str] | None = None

    @created_iso.default
    def _created_iso(self) -> str:
        return iso(self.created)

    def error_visible(self, row: ErrorRow, now: datetime) -> bool:
        return row.at is not None or self.timeline.status(now) in TASK_LIFECYCLE.terminal

    def view(self, now: datetime) -> dict[str, Any]:
        since, status = self.timeline.current(now)
        done = self.timeline.progress(now, status)
        if done >= 1.0:
            final = self.outcome.summary
            summary = {
                "waves": dict(final["waves"]),
                "applications": dict(final["applications"]),
                "servers": dict(final["servers"]),
            }
        else:
            summary = {
                kind: {name: int(done * count) for name, count in counts.items()}
                for kind, counts in self.outcome.summary.items()
            }
        view: dict[str, Any] = {
            "importID": self.import_id,
            "arn": self.arn,
            "s3BucketSource": dict(self.source),
            "creationDateTime": self.created_iso,
        }
        if status in TASK_LIFECYCLE.terminal:
            if self.ended is None or self.ended[0] != since:
                self.ended = (since, iso(since))  # formatted once, not on every read
            view["endDateTime"] = self.ended[1]
        view["status"] = status
        view["progressPercentage"] = round(done * 100.0, 2)
        view["summary"] = summary
        if self.tags is not None:
            view["tags"] = dict(self.tags)
        return view
