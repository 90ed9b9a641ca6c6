"""``FakeMgn``: Application Migration Service imports, boto3-shaped.

Behaviour AWS leaves open, as decided here:

* ``FakeMgn(initialized=True)`` by default; with ``initialized=False`` the import operations
  raise ``UninitializedAccountException`` until ``initialize_service()`` (idempotent).
* Idempotency: a ``clientToken`` seen before with the same ``s3BucketSource`` (owner defaulted)
  and ``tags`` returns that task and creates nothing; with other parameters ->
  ``ConflictException``. Tokens are remembered for the life of the fake. Calls without a
  token (boto3 always sends one) are never deduplicated.
* An S3 object declared missing with ``control.set_s3_object_missing`` ->
  ``ResourceNotFoundException``; a quota set with ``control.set_import_quota`` counts
  unfinished tasks -> ``ServiceQuotaExceededException`` (402).
* ``list_imports`` is ordered by creation time, then the order tasks were started; 1000 a page;
  ``list_import_errors`` of an unknown id is an empty list (no not-found error is modeled).
* Service-side validation -> ``ValidationException`` with ``reason`` ``fieldValidationFailed``
  and a ``fieldList`` entry per broken constraint.
* A task is ``PENDING`` for 1 minute, ``STARTED`` for 9 minutes, then ``SUCCEEDED`` (or
  ``FAILED`` when scripted); ``progressPercentage`` and the summary counts grow while
  ``STARTED``; ``endDateTime`` appears once the task is final (``durations=``).
* Scripted import errors appear in ``ListImportErrors`` when the task ends.
* MGN dates are ISO-8601 strings with milliseconds: ``2026-03-01T12:00:00.000Z``.
* An empty ``nextToken`` reads as none (the first page), as in every fake; the model allows it
  (minimum length 0).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ...core.errors import AwsError
from ...core.pagination import SortedIndex
from ...core.resources import ResourceTable, Row
from ...core.service import ALNUM, FakeOptions, FakeService, ServiceModel, locked, operation
from . import shapes
from .control import MgnControl
from .models import (
    DEFAULT_DURATIONS,
    DEFAULT_SUMMARY,
    TASK_LIFECYCLE,
    ImportTask,
    TaskOutcome,
    iso,
)

if TYPE_CHECKING:
    from typing_extensions import Unpack

MODEL = ServiceModel(
    name="mgn",
    content_type="application/json",
    errors=shapes.ERRORS,
    validation_code="ValidationException",
    invalid_token_code="ValidationException",
    invalid_token_message="Invalid nextToken.",
    durations=DEFAULT_DURATIONS,
    paginators=shapes.PAGINATORS,
    rest=True,
    field_list=True,
)


class FakeMgn(FakeService):
    """In-memory MGN imports, a drop-in for ``boto3.client("mgn")``.

    >>> from datetime import datetime, timezone
    >>> from fakeimports import FakeMgn, ManualClock
    >>> clock = ManualClock(datetime(2026, 3, 1, 12, tzinfo=timezone.utc))
    >>> mgn = FakeMgn(clock=clock)
    >>> task = mgn.start_import(s3BucketSource={"s3Bucket": "b", "s3Key": "servers.csv"})
    >>> task["importTask"]["status"], task["importTask"]["creationDateTime"]
    ('PENDING', '2026-03-01T12:00:00.000Z')
    >>> _ = clock.advance(hours=1)
    >>> mgn.list_imports()["items"][0]["status"]
    'SUCCEEDED'
    """

    model = MODEL
    lifecycle = TASK_LIFECYCLE
    control_class = MgnControl
    control: MgnControl
    _table: ResourceTable[ImportTask]

    def __init__(self, *, initialized: bool = True, **options: Unpack[FakeOptions]) -> None:
        """Takes the common options (``clock``, ``region_name``, …) and ``initialized``."""
        self._start_initialized = initialized
        super().__init__(**options)

    def _reset_state(self) -> None:
        self.initialized = self._start_initialized
        self._tokens: dict[str, tuple[str, str]] = {}  # clientToken -> (request digest, id)
        self._missing: set[tuple[str, str | None]] = set()
        self._quota: int | None = None

    def _default_outcome(self) -> TaskOutcome:
        return TaskOutcome("SUCCEEDED", DEFAULT_SUMMARY, (), self.durations)

    # --- the control's levers ----------------------------------------------------------------

    @locked
    def _add_errors(self, import_id: str, rows: list[dict[str, Any]]) -> None:
        task = self._table.lookup(import_id)
        now = self._now()
        for row in rows:
            task.rows.add(row, 1, now)

    @locked
    def _mark_missing(self, bucket: str, key: str | None) -> None:
        self._missing.add((bucket, key))

    @locked
    def _set_quota(self, max_unfinished: int | None) -> None:
        self._quota = max_unfinished

    def _require_initialized(self) -> None:
        if not self.initialized:
            raise AwsError(
                "UninitializedAccountException",
                "Account is not initialized. Call InitializeService first.",
            )

    @operation(shapes.INITIALIZE_SERVICE)
    def initialize_service(self, params: dict[str, Any]) -> dict[str, Any]:
        """Initialize the account for MGN in this Region (idempotent; HTTP 204)."""
        self.initialized = True
        return {}

    @operation(shapes.START_IMPORT)
    def start_import(self, params: dict[str, Any]) -> dict[str, Any]:
        """Start an import task of an inventory CSV in S3 (idempotent per ``clientToken``)."""
        self._require_initialized()
        now = self._now()
        source = {"s3BucketOwner": self.account_id, **params["s3BucketSource"]}
        tags = params.get("tags")
        token = params.get("clientToken")
        import hashlib

        digest = hashlib.sha256(json.dumps([source, tags], sort_keys=True).encode()).hexdigest()
        if token is not None and token in self._tokens:
            seen_digest, import_id = self._tokens[token]
            if seen_digest != digest:
                raise AwsError(
                    "ConflictException",
                    f"Client token {token} was already used with different parameters.",
                    resourceId=import_id,
                    resourceType="IMPORT_TASK",
                )
            return {"importTask": self._table.lookup(import_id).view(now)}
        bucket, key = source["s3Bucket"], source["s3Key"]
        if (bucket, key) in self._missing or (bucket, None) in self._missing:
            raise AwsError(
                "ResourceNotFoundException",
                f"S3 object s3://{bucket}/{key} was not found or is not readable.",
                resourceId=f"s3://{bucket}/{key}",
                resourceType="S3_OBJECT",
            )
        if self._quota is not None and self._table.unfinished(now) >= self._quota:
            raise AwsError(
                "ServiceQuotaExceededException",
                f"The quota of {self._quota} concurrent imports has been reached.",
                resourceType="IMPORT_TASK",
                serviceCode="mgn",
                quotaCode="L-MGN-IMPORTS",
                quotaValue=self._quota,
            )
        outcome = self._next_outcome()
        import_id = "import-" + self._token(ALNUM, 17)
        task = ImportTask(
            import_id=import_id,
            arn=f"arn:{self.partition}:mgn:{self.region_name}:{self.account_id}:import/{import_id}",
            source=source,
            tags=tags,
            created=now,
            timeline=TASK_LIFECYCLE.begin(now, outcome),
            outcome=outcome,
        )
        for row in outcome.errors:
            task.rows.add(row, 1)
        self._table.add(import_id, now, task)
        if token is not None:
            self._tokens[token] = (digest, import_id)
        return {"importTask": task.view(now)}

    @operation(shapes.LIST_IMPORTS)
    def list_imports(self, params: dict[str, Any]) -> dict[str, Any]:
        """List import tasks, oldest first, optionally only the given ids."""
        self._require_initialized()
        wanted = params.get("filters", {}).get("importIDs") or None
        chosen = None if wanted is None else sorted(set(wanted))
        index = self._table.index
        if chosen is not None:  # at most 10 ids: look them up instead of scanning
            found = [t for t in map(self._table.get, chosen) if t is not None]
            index = SortedIndex.of([(self._table.key(t.import_id), t) for t in found])
        now = self._now()
        return self._list(
            shapes.LIST_IMPORTS,
            params,
            index,
            lambda task: task.view(now),
            filters={"importIDs": chosen},
        )

    @operation(shapes.LIST_IMPORT_ERRORS)
    def list_import_errors(self, params: dict[str, Any]) -> dict[str, Any]:
        """List the rows a task rejected (an unknown id lists none: no not-found is modeled)."""
        self._require_initialized()

        def render(task: ImportTask, row: Row[Mapping[str, Any]], now: datetime) -> dict[str, Any]:
            return {
                "errorDateTime": iso(row.at or task.timeline.changed_at(now)),
                "errorType": row.data["errorType"],
                "errorData": dict(row.data["errorData"]),
            }

        return self._list_rows(shapes.LIST_IMPORT_ERRORS, params, params["importID"], render)
