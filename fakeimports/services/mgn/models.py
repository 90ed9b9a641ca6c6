"""MGN entities: the inventory (waves, applications, source servers) and import tasks, their
errors, their lifecycle and its defaults. The rules an import applies to the inventory are in
``imports.py``, loaded with the first row applied."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from ...core.described import described
from ...core.lifecycle import Lifecycle, Timeline
from ...core.pagination import SortedIndex, ms
from ...core.resources import Rows
from ...core.shapes import LazyRegex
from . import shapes

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
    # the summary's six counts in ``summary_view``'s order, read by every view of the task
    counts: tuple[int, ...] = attrs.field(init=False)

    @counts.default
    def _counts(self) -> tuple[int, ...]:
        return tuple(
            self.summary[kind][count]
            for kind in SUMMARY_KEYS
            for count in ("createdCount", "modifiedCount")
        )


def summary_view(  # noqa: PLR0917 - the six counts of one summary
    waves: int,
    waves_modified: int,
    apps: int,
    apps_modified: int,
    servers: int,
    servers_modified: int,
) -> dict[str, dict[str, int]]:
    """``ImportTaskSummary``, one literal: a view of each of a page's tasks makes one."""
    return {
        "waves": {"createdCount": waves, "modifiedCount": waves_modified},
        "applications": {"createdCount": apps, "modifiedCount": apps_modified},
        "servers": {"createdCount": servers, "modifiedCount": servers_modified},
    }


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
    # once the task is seen ended: (its final step, the end as MGN writes it, and whether the
    # view is settled: ended as planned, no held progress, no rows read)
    ended: tuple[tuple[datetime, str], str, bool] | None = None
    tally: Tally | None = None  # what a task that reads its template has done so far
    attempt: ClassVar[int] = 1  # a task is never retried

    @created_iso.default
    def _created_iso(self) -> str:
        return iso(self.created)

    def view(self, now: datetime) -> dict[str, Any]:
        """The task as ``ImportTask`` (a fresh dict each time: the caller may change it).

        A task seen ended stays ended: a fake's time never runs back, and a forced status
        replans the timeline (a new final step). So one identity check finds the common case,
        a settled task, and it renders in one literal (a page of a hundred reads mostly these).
        """
        ended = self.ended
        if ended is not None and ended[2] and ended[0] is self.timeline.steps[-1]:
            w, w_mod, a, a_mod, s, s_mod = self.outcome.counts  # ``summary_view``, inlined
            view = {
                "importID": self.import_id,
                "arn": self.arn,
                "s3BucketSource": {**self.source},
                "creationDateTime": self.created_iso,
                "endDateTime": ended[1],
                "status": ended[0][1],
                "progressPercentage": 100.0,
                "summary": {
                    "waves": {"createdCount": w, "modifiedCount": w_mod},
                    "applications": {"createdCount": a, "modifiedCount": a_mod},
                    "servers": {"createdCount": s, "modifiedCount": s_mod},
                },
            }
            if self.tags is not None:
                view["tags"] = {**self.tags}
            return view
        return self._changing_view(now)

    def _changing_view(self, now: datetime) -> dict[str, Any]:
        timeline = self.timeline
        step, done = timeline.reading(now)
        since, status = step
        ended = self.ended
        if status not in TASK_LIFECYCLE.terminal:
            ended = None
        elif ended is None or ended[0] is not step:  # formatted once, not on every read
            settled = timeline.frozen is None and self.tally is None
            ended = self.ended = (step, iso(since), settled)
            if settled:
                return self.view(now)  # the settled literal, now that it is known
        view: dict[str, Any] = {
            "importID": self.import_id,
            "arn": self.arn,
            "s3BucketSource": {**self.source},
            "creationDateTime": self.created_iso,
        }
        if ended is not None:
            view["endDateTime"] = ended[1]
        view["status"] = status
        view["progressPercentage"] = round(done * 10_000.0) / 100  # to the hundredth
        if self.tally is not None:  # what the rows processed so far did
            view["summary"] = self.tally.summary()
        else:  # ``grow`` from nothing: each count in proportion to the progress
            w, w_mod, a, a_mod, s, s_mod = self.outcome.counts
            view["summary"] = summary_view(
                int(done * w), int(done * w_mod), int(done * a), int(done * a_mod),
                int(done * s), int(done * s_mod),
            )  # fmt: skip
        if self.tags is not None:
            view["tags"] = {**self.tags}
        return view


# --- the inventory ---------------------------------------------------------------------------


@described
@attrs.frozen(repr=False, eq=False)
class Kind:
    """One kind of inventory resource, as the template and the API name it."""

    name: str  # the template's namespace: mgn:<name>:...
    noun: str  # in messages
    prefix: str  # of its ids
    id_member: str  # its id in errorData and in the API
    arn_type: str
    alt: str  # the property that identifies it without an id
    fold: bool  # the alternative identifier matches case-insensitively
    properties: frozenset[str]
    parent: str | None  # the kind a row can tie it to


WAVE = Kind(
    "wave", "wave", "wave-", "waveID", "wave", "name", True,
    frozenset({"name", "description"}), None,
)  # fmt: skip
APP = Kind(
    "app", "application", "app-", "applicationID", "application", "name", True,
    frozenset({"name", "description"}), "wave",
)  # fmt: skip
SERVER = Kind(
    "server", "source server", "s-", "sourceServerID", "source-server", "user-provided-id",
    False, frozenset({"user-provided-id", "platform", "fqdn-for-action-framework"}), "app",
)  # fmt: skip
KINDS = {kind.name: kind for kind in (WAVE, APP, SERVER)}  # the order rows are applied in

# The ids as the model writes them (errorData's members too), and errorData's accountID.
ID_PATTERNS = {
    kind.id_member: LazyRegex(shape.pattern or "")
    for kind, shape in (
        (WAVE, shapes.WAVE_ID),
        (APP, shapes.APPLICATION_ID),
        (SERVER, shapes.SOURCE_SERVER_ID),
    )
}
ACCOUNT = LazyRegex(r"[0-9]{12}")


@described
@attrs.define(eq=False, repr=False)
class Resource:
    """A wave, an application or a source server, with its properties as the template names
    them (``name``, ``description``, ``user-provided-id``, ``launch:...``, ...)."""

    kind: Kind
    resource_id: str
    arn: str
    properties: dict[str, str]
    tags: dict[str, str]
    parent: str | None  # a server's application, an application's wave
    created: datetime
    modified: datetime
    version: int = 0  # bumped by every change
    _texts: tuple[datetime, datetime, str, str] | None = None  # the two, as MGN writes them

    def texts(self) -> tuple[str, str]:
        """``(creationDateTime, lastModifiedDateTime)`` as MGN writes them: formatted when
        first read, not for each of the thousands of resources an import makes."""
        texts = self._texts
        if texts is None or texts[0] is not self.created or texts[1] is not self.modified:
            created = iso(self.created)
            modified = created if self.modified == self.created else iso(self.modified)
            texts = self._texts = (self.created, self.modified, created, modified)
        return texts[2], texts[3]


class Inventory:
    """The account's waves, applications and source servers, and their indexes: the one place
    that changes them (``imports.apply`` decides what changes)."""

    def __init__(self, new_id: Callable[[Kind], str], arn: Callable[[Kind, str], str]) -> None:
        self._new_id = new_id
        self._arn = arn
        self.by_id: dict[str, Resource] = {}
        self._alt: dict[tuple[str, str], Resource] = {}  # (kind, folded alt id) -> resource
        self.indexes: dict[str, SortedIndex[Resource]] = {k: SortedIndex() for k in KINDS}
        self.children: dict[str, int] = {}  # parent id -> how many resources it ties
        self._order = 0

    def lookup(self, kind: Kind, alt: str) -> Resource | None:
        return self._alt.get((kind.name, alt.casefold() if kind.fold else alt))

    def create(self, kind: Kind, fields: list[tuple[str, str | None]], at: datetime) -> Resource:
        resource_id = self._new_id(kind)
        resource = Resource(kind, resource_id, self._arn(kind, resource_id), {}, {}, None, at, at)
        self._set(resource, fields)
        self.by_id[resource_id] = resource
        self._order += 1
        self.indexes[kind.name].add((ms(at), self._order), resource)
        return resource

    def update(
        self, resource: Resource, fields: list[tuple[str, str | None]], at: datetime
    ) -> None:
        self._set(resource, fields)
        resource.modified = at
        resource.version += 1

    def _set(self, resource: Resource, fields: list[tuple[str, str | None]]) -> None:
        kind = resource.kind
        for field, value in fields:
            if field.startswith("tag:"):
                if value is None:
                    resource.tags.pop(field[4:], None)
                else:
                    resource.tags[field[4:]] = value
                continue
            if field == kind.alt:
                old = resource.properties.get(field)
                if old is not None:
                    del self._alt[(kind.name, old.casefold() if kind.fold else old)]
                if value is not None:
                    self._alt[(kind.name, value.casefold() if kind.fold else value)] = resource
            if value is None:
                resource.properties.pop(field, None)
            else:
                resource.properties[field] = value

    def tie(self, resource: Resource, parent: str) -> None:
        resource.version += 1
        if resource.parent is not None:
            self.children[resource.parent] -= 1
        resource.parent = parent
        self.children[parent] = self.children.get(parent, 0) + 1
