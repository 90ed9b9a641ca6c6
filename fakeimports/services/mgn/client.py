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
* ``list_imports`` is ordered by creation time then id, 1000 a page by default;
  ``list_import_errors`` of an unknown id is an empty list (no not-found error is modeled).
* Service-side validation -> ``ValidationException`` with ``reason`` ``fieldValidationFailed``
  and a ``fieldList`` entry per broken constraint.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from ...core.errors import AwsError, Violation, validation_message
from ...core.lifecycle import Unfinished
from ...core.pagination import SortedIndex, time_key
from ...core.service import FakeService, ServiceModel, operation
from . import shapes
from .control import MgnControl
from .models import DEFAULT_DURATIONS, TASK_LIFECYCLE, ErrorRow, ImportTask, iso

_ALNUM = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _field_validation(violations: list[Violation]) -> AwsError:
    return AwsError(
        "ValidationException",
        validation_message(violations),
        reason="fieldValidationFailed",
        fieldList=[{"name": v.path, "message": v.constraint} for v in violations],
    )


MODEL = ServiceModel(
    name="mgn",
    content_type="application/json",
    errors=shapes.ERRORS,
    validation=_field_validation,
    invalid_token=lambda: AwsError(
        "ValidationException",
        "Invalid nextToken.",
        reason="fieldValidationFailed",
        fieldList=[{"name": "nextToken", "message": "Invalid nextToken."}],
    ),
    durations=DEFAULT_DURATIONS,
    paginators=shapes.PAGINATORS,
    rest=True,
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
    control_class = MgnControl
    control: MgnControl

    def __init__(self, *, initialized: bool = True, **options: Any) -> None:
        """Takes the common options (``clock``, ``region_name``, …) and ``initialized``."""
        self._start_initialized = initialized
        super().__init__(**options)

    def _reset_state(self) -> None:
        self.initialized = self._start_initialized
        self._tasks: dict[str, ImportTask] = {}
        self._index: SortedIndex[ImportTask] = SortedIndex()
        self._tokens: dict[str, tuple[str, str]] = {}  # clientToken -> (request digest, id)
        self._missing: set[tuple[str, str | None]] = set()
        self._quota: int | None = None
        self._running = Unfinished()
        self._error_seq = 0

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
            return {"importTask": self._tasks[import_id].view(now)}
        bucket, key = source["s3Bucket"], source["s3Key"]
        if (bucket, key) in self._missing or (bucket, None) in self._missing:
            raise AwsError(
                "ResourceNotFoundException",
                f"S3 object s3://{bucket}/{key} was not found or is not readable.",
                resourceId=f"s3://{bucket}/{key}",
                resourceType="S3_OBJECT",
            )
        if self._quota is not None and len(self._running.at(now)) >= self._quota:
            raise AwsError(
                "ServiceQuotaExceededException",
                f"The quota of {self._quota} concurrent imports has been reached.",
                resourceType="IMPORT_TASK",
                serviceCode="mgn",
                quotaCode="L-MGN-IMPORTS",
                quotaValue=self._quota,
            )
        outcome = self.control._next_outcome()
        import_id = "import-" + self._token(_ALNUM, 17)
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
            self._add_error(task, row, at=None)
        self._tasks[import_id] = task
        self._running.add(import_id, task.timeline)
        self._index.add(time_key(now, import_id), task)
        if token is not None:
            self._tokens[token] = (digest, import_id)
        return {"importTask": task.view(now)}

    def _add_error(self, task: ImportTask, row: Mapping[str, Any], at: datetime | None) -> None:
        self._error_seq += 1
        task.errors.add((self._error_seq,), ErrorRow(row, at))

    @operation(shapes.LIST_IMPORTS)
    def list_imports(self, params: dict[str, Any]) -> dict[str, Any]:
        self._require_initialized()
        wanted = params.get("filters", {}).get("importIDs") or None
        chosen = None if wanted is None else sorted(set(wanted))
        index = self._index
        if chosen is not None:  # at most 10 ids: look them up instead of scanning
            found = [self._tasks[i] for i in chosen if i in self._tasks]
            index = SortedIndex.of([(time_key(t.created, t.import_id), t) for t in found])
        page = self._pager.page(
            "ListImports",
            index,
            filters={"importIDs": chosen},
            token=params.get("nextToken") or None,
            limit=params.get("maxResults", 1000),
        )
        now = self._now()
        out: dict[str, Any] = {"items": [task.view(now) for task in page.items]}
        if page.next_token is not None:
            out["nextToken"] = page.next_token
        return out

    @operation(shapes.LIST_IMPORT_ERRORS)
    def list_import_errors(self, params: dict[str, Any]) -> dict[str, Any]:
        self._require_initialized()
        task = self._tasks.get(params["importID"])
        now = self._now()
        page = self._pager.page(
            "ListImportErrors",
            task.errors if task is not None else SortedIndex(),
            filters={"importID": params["importID"]},
            token=params.get("nextToken") or None,
            limit=params.get("maxResults", 1000),
            keep=None if task is None else (lambda row: task.error_visible(row, now)),
        )
        items = []
        for row in page.items:
            assert task is not None
            at = row.at or task.timeline.changed_at(now)
            items.append({"errorDateTime": iso(at), **_copy_row(row.row)})
        out: dict[str, Any] = {"items": items}
        if page.next_token is not None:
            out["nextToken"] = page.next_token
        return out


def _copy_row(row: Any) -> dict[str, Any]:
    return {"errorType": row["errorType"], "errorData": dict(row["errorData"])}
