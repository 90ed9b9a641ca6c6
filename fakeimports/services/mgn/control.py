"""``FakeMgn.control``: test-only levers, kept apart from the AWS operations."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from ...core.lifecycle import merge_durations
from ...core.service import Control
from ...core.shapes import LazyRegex
from . import shapes
from .models import (
    ACCOUNT,
    DEFAULT_ERROR,
    DEFAULT_SUMMARY,
    ID_PATTERNS,
    SUMMARY_KEYS,
    TASK_LIFECYCLE,
    TaskOutcome,
)

if TYPE_CHECKING:
    from .client import FakeMgn

# errorData members and the formats MGN gives them (from the model).
_ERROR_DATA = {
    **ID_PATTERNS,
    "ec2LaunchTemplateID": LazyRegex(r".{0,256}"),
    "rawError": LazyRegex(r"(?s:.{0,65536})"),
    "accountID": ACCOUNT,
}


def _error_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """Check one ``ImportTaskError`` row (``errorType``, ``errorData``) given by a test."""
    unknown = set(row) - {"errorType", "errorData"}
    error_type = row.get("errorType", "VALIDATION_ERROR")
    if unknown or error_type not in shapes.ERROR_TYPES:
        raise ValueError(
            "an import error is {'errorType': VALIDATION_ERROR|PROCESSING_ERROR, 'errorData': "
            f"{{...}}}}; got {dict(row)!r}"
        )
    data = dict(row.get("errorData", {}))
    for name, value in data.items():
        if name == "rowNumber":
            if not isinstance(value, int) or value < 0:
                raise ValueError(f"rowNumber must be a non-negative int, got {value!r}")
        elif name not in _ERROR_DATA or not _ERROR_DATA[name].fullmatch(str(value)):
            raise ValueError(f"errorData.{name}={value!r} is not in MGN's format")
    return {"errorType": error_type, "errorData": data}


class MgnControl(Control["FakeMgn"]):
    """Script task outcomes and errors, force statuses, missing S3 objects, quotas, faults."""

    _fake: FakeMgn

    def script_next_import(
        self,
        *,
        status: str | None = None,
        errors: Iterable[Mapping[str, Any]] = (),
        summary: Mapping[str, Mapping[str, int]] | None = None,
        durations: Mapping[str, timedelta] | None = None,
        times: int = 1,
    ) -> None:
        """Decide how the next ``times`` import tasks end.

        ``errors`` are ``ImportTaskError`` rows (``errorType``, ``errorData``) listed once the
        task ends; with errors a task ends ``FAILED`` unless ``status="SUCCEEDED"`` says it
        succeeded in part. ``status="FAILED"`` with no rows adds one ``PROCESSING_ERROR``.
        ``summary`` gives final created/modified counts per ``waves``/``applications``/``servers``.
        """
        final, rows = TASK_LIFECYCLE.scripted_end(
            status, tuple(_error_row(row) for row in errors), DEFAULT_ERROR
        )
        totals = {kind: dict(counts) for kind, counts in DEFAULT_SUMMARY.items()}
        for kind, counts in (summary or {}).items():
            if kind not in SUMMARY_KEYS or set(counts) - {"createdCount", "modifiedCount"}:
                raise ValueError(
                    "summary is {waves|applications|servers: {createdCount, modifiedCount}}"
                )
            totals[kind].update(counts)
        durations_ = merge_durations(self._fake.durations, durations)
        self._script(TaskOutcome(final, totals, rows, durations_), times)

    def add_import_errors(self, import_id: str, errors: Iterable[Mapping[str, Any]]) -> None:
        """Add ``ListImportErrors`` rows to a task now, whatever its status."""
        self._fake._add_errors(import_id, [_error_row(row) for row in errors])

    def set_s3_object_missing(self, s3_bucket: str, s3_key: str | None = None) -> None:
        """Make ``start_import`` of this object (or any key in the bucket) not find it."""
        self._fake._mark_missing(s3_bucket, s3_key)

    def set_import_quota(self, max_unfinished: int | None) -> None:
        """Cap unfinished import tasks; one more -> ``ServiceQuotaExceededException``."""
        if max_unfinished is not None and max_unfinished < 1:
            raise ValueError("a quota is at least 1 (quotaValue is a positive integer)")
        self._fake._set_quota(max_unfinished)

    # --- an inventory to start from --------------------------------------------------------

    def add_wave(
        self, name: str, *, description: str | None = None, tags: Mapping[str, str] | None = None
    ) -> str:
        """Add (or update, by name) a wave now, by the import rules; returns its ``waveID``."""
        columns = {"mgn:wave:name": name, **_described("wave", description, tags)}
        return self._fake._add_inventory(columns)["wave"]

    def add_application(
        self,
        name: str,
        *,
        description: str | None = None,
        tags: Mapping[str, str] | None = None,
        wave_id: str | None = None,
    ) -> str:
        """Add (or update, by name) an application now, by the import rules, optionally in a
        wave; returns its ``applicationID``."""
        columns = {"mgn:app:name": name, **_described("app", description, tags)}
        if wave_id is not None:
            columns["mgn:wave:id"] = wave_id
        return self._fake._add_inventory(columns)["app"]

    def add_source_server(
        self,
        user_provided_id: str,
        *,
        fqdn_for_action_framework: str | None = None,
        tags: Mapping[str, str] | None = None,
        application_id: str | None = None,
    ) -> str:
        """Add (or update, by user-provided id) a source server now, by the import rules, as
        an import leaves it (waiting for its agent); returns its ``sourceServerID``."""
        columns = {
            "mgn:server:user-provided-id": user_provided_id,
            **_described("server", None, tags),
        }
        if fqdn_for_action_framework is not None:
            columns["mgn:server:fqdn-for-action-framework"] = fqdn_for_action_framework
        if application_id is not None:
            columns["mgn:app:id"] = application_id
        return self._fake._add_inventory(columns)["server"]


def _described(
    kind: str, description: str | None, tags: Mapping[str, str] | None
) -> dict[str, str]:
    """The template columns of a description and tags."""
    columns = {} if description is None else {f"mgn:{kind}:description": description}
    columns.update({f"mgn:{kind}:tag:{key}": value for key, value in (tags or {}).items()})
    return columns
