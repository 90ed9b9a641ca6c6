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

Imports that read their template (``s3://<s3Bucket>/<s3Key>`` in ``objects``, else in moto's
S3 of ``s3BucketOwner``); the rules are AWS's "Additional considerations", the rest decided:

* No object: the scripted or default outcome, as before; with ``require_sources=True``,
  ``ResourceNotFoundException`` at ``start_import`` (as for ``control.set_s3_object_missing``).
  A script (``control.script_next_import``) wins over the data.
* The template is RFC 4180 CSV (a UTF-8 byte order mark and blank lines are skipped) with a
  header of ``mgn:`` parameters. Columns MGN does not document, or that an export writes but an
  import can't set (``mgn:server:lifecycle-state``, ``...:replication-type``,
  ``...:replication-state``), are ignored: AWS calls its list non-exhaustive, and an export
  can be imported back. Every ``mgn:launch:...`` column is taken as a setting of the row's
  server (kept; no served operation shows launch settings). A file that is empty, not CSV, or
  whose header names no MGN parameter fails the task (``FAILED``) with one
  ``PROCESSING_ERROR`` whose ``rowNumber`` is 0 (the file as a whole).
* ``rowNumber`` counts data rows from 1; the header is not a row.
* Rows take effect one by one as the clock passes them (row n of N at n/N of ``STARTED``), so
  inventory, ``summary`` counts and errors grow with the clock, never ahead of the rows
  processed. The task ends ``SUCCEEDED`` even when rows were rejected (MGN's task succeeds in
  part); every rejected row is one ``VALIDATION_ERROR`` listed from the moment it was processed,
  with ``rowNumber``, ``rawError`` and the ids it concerns (``sourceServerID``,
  ``applicationID``, ``waveID``, ``accountID``). A rejected row changes nothing.
* The rules: a property (``name`` aside, ``description``, ``tag:<key>``, the server's
  ``platform``, ``fqdn-for-action-framework``, launch settings) needs its resource's id or
  alternative identifier in the same row; an id that does not exist rejects the row (rule 3
  says "the import will fail": decided per row, as with every rejected row); without an id, an
  application or wave is matched by name case-insensitively (names are unique per account and
  Region) and a server by ``user-provided-id`` exactly; a match is updated with what changes,
  no match is created; rows about one resource may leave a value blank but not give another
  (the later row is rejected, naming the earlier); a row ties its server to its application
  and its application to its wave. With an id, a name renames (refused if another resource
  has it); a server's ``user-provided-id``, once set, can't change. Values follow the model
  (names 1-256 characters without stray whitespace, descriptions up to 600, at most 50 tags of
  up to 256 characters); ``[RESET_VALUE]`` clears a property and ``[DELETE_TAG]`` removes a
  tag; an application holds at most 200 servers (documented).
* ``mgn:account-id`` other than the fake's account, or ``mgn:region`` other than its Region,
  rejects the row (no managed accounts are modeled); blank means the caller's. "Server entries
  must include either the server IP address, or the FQDN" is not enforced: no IP column is
  documented.
* ``summary`` counts each resource once: created, or modified when a row changed it (a matched
  resource left as it was is not counted).
* Imported servers wait for their agent: ``lifeCycle.state`` ``PENDING_INSTALLATION``,
  ``replicationType`` ``AGENT_BASED``; ``mgn:server:platform`` is kept but shown nowhere (the
  model has no member for it). Applications and waves are ``NOT_STARTED`` and count their
  servers and applications. Nothing is archived. ARNs are
  ``arn:aws:mgn:<region>:<account>:source-server/<id>`` and ``.../wave/<id>``, as IAM's
  service authorization reference writes them, and ``.../application/<id>`` likewise.
* ``describe_source_servers``, ``list_applications`` and ``list_waves`` list oldest first;
  an empty filter list filters nothing; another ``accountID`` lists nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ...core.errors import AwsError
from ...core.pagination import SortedIndex, from_ms
from ...core.resources import ResourceTable, Row, add_row
from ...core.service import (
    ALNUM,
    Controls,
    FakeOptions,
    FakeService,
    ServiceModel,
    locked,
    operation,
    weakly,
)
from . import shapes
from .control import MgnControl
from .models import (
    APP,
    DEFAULT_DURATIONS,
    DEFAULT_SUMMARY,
    SERVER,
    TASK_LIFECYCLE,
    WAVE,
    ImportTask,
    Inventory,
    Kind,
    Resource,
    TaskOutcome,
    iso,
)

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ...core.records import RecordPlan
    from .imports import Header, TemplateRow

_IMPORTED_STATE = "PENDING_INSTALLATION"  # imported, waiting for its replication agent
_REPLICATION_TYPE = "AGENT_BASED"
_ZERO_SUMMARY = {kind: {"createdCount": 0, "modifiedCount": 0} for kind in DEFAULT_SUMMARY}


def _file_error(message: str) -> dict[str, Any]:
    """The one error of a task whose template can't be read: row 0 is the file as a whole."""
    return {"errorType": "PROCESSING_ERROR", "errorData": {"rowNumber": 0, "rawError": message}}


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
    control = Controls(MgnControl)
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
        self._inventory = Inventory(weakly(self._new_resource_id), weakly(self._resource_arn))

    def _new_resource_id(self, kind: Kind) -> str:
        return kind.prefix + self._token(ALNUM, 17)

    def _resource_arn(self, kind: Kind, resource_id: str) -> str:
        return f"{self._arn_prefix}:{kind.arn_type}/{resource_id}"

    @functools.cached_property
    def _arn_prefix(self) -> str:
        return f"arn:{self.partition}:mgn:{self.region_name}:{self.account_id}"

    def _default_outcome(self) -> TaskOutcome:
        return self._plain(
            lambda durations: TaskOutcome("SUCCEEDED", DEFAULT_SUMMARY, (), durations)
        )

    # --- the control's levers ----------------------------------------------------------------

    @locked
    def _add_errors(self, import_id: str, rows: list[dict[str, Any]]) -> None:
        task = self._table.lookup(import_id)
        now = self._now()
        for row in rows:
            add_row(task, row, now)

    @locked
    def _mark_missing(self, bucket: str, key: str | None) -> None:
        self._missing.add((bucket, key))

    @locked
    def _set_quota(self, max_unfinished: int | None) -> None:
        self._quota = max_unfinished

    @locked
    def _add_inventory(self, columns: Mapping[str, str]) -> dict[str, str]:
        """One template row applied now, by the import rules: ``{kind: id}`` it concerns."""
        from . import imports

        self._catch_up()
        now = self._now()
        try:
            header = imports.parse_header(list(columns))
        except imports.TemplateError as err:
            raise ValueError(str(err)) from None
        row = imports.TemplateRow(1, list(columns.values()))
        try:
            done = imports.apply(
                self._inventory, header, row, imports.Tally(), at=now, scope=self._scope
            )
        except imports.RowError as err:
            raise ValueError(str(err)) from None
        return {name: resource.resource_id for name, resource in done.items()}

    @property
    def _scope(self) -> tuple[str, str]:
        return self.account_id, self.region_name

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
        import hashlib  # with json: loaded by the first import, not by importing the fake
        import json

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
        data = None if self._outcomes else self._source(source)
        if (bucket, key) in self._missing or (bucket, None) in self._missing:
            data = None
        if data is None and (self.require_sources or (bucket, key) in self._missing
                             or (bucket, None) in self._missing):  # fmt: skip
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
        template = None if data is None else self._template(data)
        if isinstance(template, str):  # unreadable: the task fails, with one error
            outcome = TaskOutcome("FAILED", _ZERO_SUMMARY, (_file_error(template),), self.durations)
        elif template is not None:
            outcome = TaskOutcome("SUCCEEDED", _ZERO_SUMMARY, (), self.durations)
        else:
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
            add_row(task, row)
        self._table.add(import_id, now, task)
        if isinstance(template, tuple):
            from .imports import Tally

            header, rows = template
            task.tally = Tally()
            from ...core.records import RecordPlan  # loads with the first template read

            plan = RecordPlan.over((task, header), task.timeline, "rows", rows, len(rows))
            self._schedule_records(plan)
        if token is not None:
            self._tokens[token] = (digest, import_id)
        return {"importTask": task.view(now)}

    def _source(self, source: Mapping[str, str]) -> bytes | None:
        url = f"s3://{source['s3Bucket']}/{source['s3Key']}"
        return self.objects.read(url, source["s3BucketOwner"])

    @staticmethod
    def _template(data: bytes) -> tuple[Header, list[TemplateRow]] | str:
        """The template's header and rows, or why it can't be read."""
        from .imports import TemplateError, read_template  # with the first template read

        try:
            return read_template(data)
        except TemplateError as err:
            return str(err)

    def _apply_records(self, plan: RecordPlan[TemplateRow], first: int, stop: int) -> None:
        from .imports import RowError, apply, row_error

        task, header = plan.owner
        scope = self._scope
        inventory = self._inventory
        for i in range(first, stop):
            row = plan.records[i]
            at = from_ms(plan.due(i))
            try:
                apply(inventory, header, row, task.tally, at=at, scope=scope)
            except RowError as err:
                add_row(task, row_error(err, row.number, {}), at)

    @operation(shapes.LIST_IMPORTS)
    def list_imports(self, params: dict[str, Any]) -> dict[str, Any]:
        """List import tasks, oldest first, optionally only the given ids."""
        self._require_initialized()
        chosen = params.get("filters", {}).get("importIDs") or None
        if chosen is not None and len(chosen) > 1:  # (one id is sorted and distinct already)
            chosen = sorted(set(chosen))
        index = self._table.index if chosen is None else self._table.chosen(chosen)
        now = self._now()
        return self._list(
            shapes.LIST_IMPORTS,
            params,
            index,
            ImportTask.view,
            filters={"importIDs": chosen},
            now=now,
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

    # --- the inventory: what imports created ------------------------------------------------

    def _inventory_page(
        self,
        op: Any,
        params: dict[str, Any],
        kind: Kind,
        render: Callable[[Resource], dict[str, Any]],
        keep: Callable[[Resource], bool] | None,
    ) -> dict[str, Any]:
        """A page of one kind of resource, oldest first; another account's is empty."""
        self._require_initialized()
        index = self._inventory.indexes[kind.name]
        if params.get("accountID", self.account_id) != self.account_id:
            index = SortedIndex()  # no managed accounts are modeled
        return self._list(op, params, index, render, keep=keep)

    @operation(shapes.DESCRIBE_SOURCE_SERVERS)
    def describe_source_servers(self, params: dict[str, Any]) -> dict[str, Any]:
        """List source servers (imported ones are waiting for their agent), with filters."""
        wanted = params.get("filters", {})
        ids = set(wanted.get("sourceServerIDs") or ()) or None
        apps = set(wanted.get("applicationIDs") or ()) or None
        types = set(wanted.get("replicationTypes") or ()) or None
        states = set(wanted.get("lifeCycleStates") or ()) or None
        archived = wanted.get("isArchived")

        def keep(server: Resource) -> bool:
            return (
                (ids is None or server.resource_id in ids)
                and (apps is None or server.parent in apps)
                and (types is None or _REPLICATION_TYPE in types)
                and (states is None or _IMPORTED_STATE in states)
                and archived is not True
            )

        filtered = any(v is not None for v in (ids, apps, types, states, archived))
        return self._inventory_page(
            shapes.DESCRIBE_SOURCE_SERVERS,
            params,
            SERVER,
            self._server_view,
            keep if filtered else None,
        )

    @staticmethod
    def _server_view(server: Resource) -> dict[str, Any]:
        view: dict[str, Any] = {
            "sourceServerID": server.resource_id,
            "arn": server.arn,
            "isArchived": False,
            "tags": dict(server.tags),
            "lifeCycle": {
                "addedToServiceDateTime": server.texts()[0],
                "state": _IMPORTED_STATE,
            },
            "replicationType": _REPLICATION_TYPE,
        }
        if server.parent is not None:
            view["applicationID"] = server.parent
        properties = server.properties
        if "user-provided-id" in properties:
            view["userProvidedID"] = properties["user-provided-id"]
        if "fqdn-for-action-framework" in properties:
            view["fqdnForActionFramework"] = properties["fqdn-for-action-framework"]
        return view

    @operation(shapes.LIST_APPLICATIONS)
    def list_applications(self, params: dict[str, Any]) -> dict[str, Any]:
        """List applications, with their wave and how many source servers they hold."""
        wanted = params.get("filters", {})
        ids = set(wanted.get("applicationIDs") or ()) or None
        waves = set(wanted.get("waveIDs") or ()) or None
        archived = wanted.get("isArchived")

        def keep(app: Resource) -> bool:
            return (
                (ids is None or app.resource_id in ids)
                and (waves is None or app.parent in waves)
                and archived is not True
            )

        def render(app: Resource) -> dict[str, Any]:
            view = self._grouping_view(app)
            view["applicationAggregatedStatus"] = {
                "progressStatus": "NOT_STARTED",
                "totalSourceServers": self._inventory.children.get(app.resource_id, 0),
            }
            if app.parent is not None:
                view["waveID"] = app.parent
            return view

        filtered = any(v is not None for v in (ids, waves, archived))
        return self._inventory_page(
            shapes.LIST_APPLICATIONS, params, APP, render, keep if filtered else None
        )

    @operation(shapes.LIST_WAVES)
    def list_waves(self, params: dict[str, Any]) -> dict[str, Any]:
        """List waves, with how many applications they hold."""
        wanted = params.get("filters", {})
        ids = set(wanted.get("waveIDs") or ()) or None
        archived = wanted.get("isArchived")

        def keep(wave: Resource) -> bool:
            return (ids is None or wave.resource_id in ids) and archived is not True

        def render(wave: Resource) -> dict[str, Any]:
            view = self._grouping_view(wave)
            view["waveAggregatedStatus"] = {
                "progressStatus": "NOT_STARTED",
                "totalApplications": self._inventory.children.get(wave.resource_id, 0),
            }
            return view

        filtered = ids is not None or archived is not None
        return self._inventory_page(
            shapes.LIST_WAVES, params, WAVE, render, keep if filtered else None
        )

    @staticmethod
    def _grouping_view(resource: Resource) -> dict[str, Any]:
        """What applications and waves share: id, ARN, name, description, dates, tags."""
        view: dict[str, Any] = {
            resource.kind.id_member: resource.resource_id,
            "arn": resource.arn,
            "name": resource.properties["name"],
        }
        if "description" in resource.properties:
            view["description"] = resource.properties["description"]
        view["isArchived"] = False
        view["creationDateTime"], view["lastModifiedDateTime"] = resource.texts()
        view["tags"] = dict(resource.tags)
        return view
