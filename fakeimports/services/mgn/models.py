"""MGN import tasks, their errors, their lifecycle and its defaults."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from ...core.described import described
from ...core.lifecycle import Lifecycle, Timeline, grow
from ...core.resources import Rows

if TYPE_CHECKING:
    from .imports import Tally

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
    failure="FAILED",
    partial_success=True,  # a task may succeed with rows it rejected
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
DEFAULT_ERROR: Mapping[str, Any] = {
    "errorType": "PROCESSING_ERROR",
    "errorData": {"rowNumber": 1, "rawError": "The import file could not be read."},
}


def iso(moment: datetime) -> str:
    """MGN's date strings: ``2026-03-01T12:00:00.000Z`` (``moment`` is UTC)."""
    return moment.replace(tzinfo=None).isoformat(timespec="milliseconds") + "Z"


@described
@attrs.frozen(repr=False, eq=False)
class TaskOutcome:
    status: str
    summary: Mapping[str, Mapping[str, int]]
    errors: tuple[Mapping[str, Any], ...]
    durations: Mapping[str, timedelta]


@described
@attrs.define(eq=False, repr=False)
class ImportTask:
    import_id: str
    arn: str
    source: dict[str, str]
    tags: dict[str, str] | None
    created: datetime
    timeline: Timeline
    outcome: TaskOutcome
    rows: Rows[Mapping[str, Any]] | None = None  # ListImportErrors, made with the first
    created_iso: str = attrs.field(init=False)
    ended: tuple[datetime, str] | None = None
    tally: Tally | None = None  # what a task that reads its template has done so far
    attempt: ClassVar[int] = 1  # a task is never retried

    @created_iso.default
    def _created_iso(self) -> str:
        return iso(self.created)

    def view(self, now: datetime) -> dict[str, Any]:
        """The task as ``ImportTask`` (a fresh dict each time: the caller may change it)."""
        timeline = self.timeline
        since, status = timeline.current(now)
        ended = self.ended
        if ended is None or ended[0] is not since:
            if status in TASK_LIFECYCLE.terminal:
                ended = self.ended = (since, iso(since))  # formatted once, not on every read
            else:
                ended = None
        # the common case, one literal: ended as planned (no held progress), no rows read
        if ended is not None and timeline.frozen is None and self.tally is None:
            final = self.outcome.summary
            view = {
                "importID": self.import_id,
                "arn": self.arn,
                "s3BucketSource": {**self.source},
                "creationDateTime": self.created_iso,
                "endDateTime": ended[1],
                "status": status,
                "progressPercentage": 100.0,
                "summary": {
                    "waves": {**final["waves"]},
                    "applications": {**final["applications"]},
                    "servers": {**final["servers"]},
                },
            }
            if self.tags is not None:
                view["tags"] = {**self.tags}
            return view
        done = timeline.progress(now, status)
        final = self.outcome.summary
        source = self.source
        view = {
            "importID": self.import_id,
            "arn": self.arn,
            "s3BucketSource": {**source},
            "creationDateTime": self.created_iso,
        }
        if status in TASK_LIFECYCLE.terminal:
            assert self.ended is not None
            view["endDateTime"] = self.ended[1]
        view["status"] = status
        view["progressPercentage"] = round(done * 100.0, 2)
        if self.tally is not None:  # what the rows processed so far did
            view["summary"] = self.tally.summary()
        else:
            view["summary"] = {kind: grow({}, counts, done) for kind, counts in final.items()}
        if self.tags is not None:
            view["tags"] = {**self.tags}
        return view
