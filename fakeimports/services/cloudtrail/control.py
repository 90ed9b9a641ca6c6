"""``FakeCloudTrail.control``: test-only levers, kept apart from the AWS operations."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from ...core.lifecycle import merge_durations
from ...core.service import Control
from . import shapes
from .models import DEFAULT_TOTALS, ONGOING, STATISTICS, Failure, Import, Outcome

if TYPE_CHECKING:
    from .client import FakeCloudTrail

_FAILURE_KEYS = {"Location", "ErrorType", "ErrorMessage"}


def _failure(row: Mapping[str, str]) -> Failure:
    unknown = set(row) - _FAILURE_KEYS
    if unknown or not {"Location", "ErrorMessage"} <= set(row):
        raise ValueError(
            f"a failure row has Location and ErrorMessage, optionally ErrorType; got {sorted(row)}"
        )
    return Failure(row["Location"], row.get("ErrorType", "ImportFailure"), row["ErrorMessage"])


class CloudTrailControl(Control["FakeCloudTrail"]):
    """Script outcomes, force statuses, add failure rows and event data stores, inject faults."""

    _fake: FakeCloudTrail
    _kind = "import"

    # --- outcomes --------------------------------------------------------------------------

    def script_next_import(
        self,
        *,
        status: str | None = None,
        failures: Iterable[Mapping[str, str]] = (),
        statistics: Mapping[str, int] | None = None,
        durations: Mapping[str, timedelta] | None = None,
        times: int = 1,
    ) -> None:
        """Decide how the next ``times`` imports (or retries) end.

        ``failures`` are ``ListImportFailures`` rows (``Location``, ``ErrorMessage``,
        ``ErrorType``) that appear when the import ends; any failure makes it ``FAILED``.
        ``status="FAILED"`` with no rows adds one ``AccessDenied`` row. ``statistics`` sets the
        final ``ImportStatistics``; ``durations`` how long ``INITIALIZING``/``IN_PROGRESS`` last.
        """
        rows = tuple(_failure(row) for row in failures)
        final = status or ("FAILED" if rows else "COMPLETED")
        if final not in ("COMPLETED", "FAILED"):
            raise ValueError(f"an import ends COMPLETED or FAILED, not {final!r}")
        if final == "COMPLETED" and rows:
            raise ValueError("an import with failures ends FAILED, not COMPLETED")
        if final == "FAILED" and not rows:
            rows = (
                Failure(
                    "s3://unknown/",
                    "AccessDenied",
                    "Access denied to the S3 location of the trail events.",
                ),
            )
        unknown = set(statistics or {}) - set(STATISTICS)
        if unknown:
            raise ValueError(
                f"unknown statistics {sorted(unknown)}; known: {', '.join(STATISTICS)}"
            )
        totals = {**DEFAULT_TOTALS, "FailedEntries": len(rows), **(statistics or {})}
        outcome = Outcome(final, totals, rows, merge_durations(self._fake.durations, durations))
        self._queue_script(outcome, times)

    def _next_outcome(self, resumed: Import | None) -> Outcome:
        scripted: Outcome | None = self._pop_script()
        if scripted is not None:
            return scripted
        if resumed is None:  # one shared outcome for every plain import (memory)
            return Outcome("COMPLETED", DEFAULT_TOTALS, (), self._fake.durations)
        done = resumed.statistics(self._fake._now())  # a retry carries on: counts never go back
        totals = {k: max(v, done[k]) for k, v in DEFAULT_TOTALS.items()}
        totals["FailedEntries"] = 0
        return Outcome("COMPLETED", totals, (), self._fake.durations)

    # --- statuses and rows -----------------------------------------------------------------

    def _resources(self) -> Mapping[str, Import]:
        return self._fake._imports

    def _force(self, resource: Import, resource_id: str, now: datetime, status: str) -> None:
        """Forcing ``INITIALIZING`` (from FAILED/STOPPED) is a retry that stays initializing."""
        resource.timeline.lifecycle.check(resource_id, resource.status(now), status)
        if status == "INITIALIZING":
            self._fake._new_attempt(resource, now, pinned=True)
        else:
            self._settle(resource, now, status)

    def _settle(self, imp: Import, now: datetime, status: str) -> None:
        """Move ``imp`` to ``status`` now and hold it there, freezing its statistics."""
        imp.timeline.force(imp.import_id, now, status)
        if status not in ONGOING:
            imp.settle_rows(now, keep=status == "FAILED")
        else:
            self._fake._running.add(imp.import_id, imp.timeline)

    def add_failures(self, import_id: str, failures: Iterable[Mapping[str, str]]) -> None:
        """Add ``ListImportFailures`` rows to an import now, whatever its status."""
        with self._fake._lock:
            imp = self._find(import_id)
            now = self._fake._now()
            for row in failures:
                self._fake._add_row(imp, _failure(row), at=now)

    # --- event data stores -----------------------------------------------------------------

    def add_event_data_store(
        self, name: str, *, status: str = "ENABLED", category: str = "Management"
    ) -> str:
        """Add a store in any status and event category; returns its ARN.

        ``category`` is the ``eventCategory`` it collects: ``Management``, ``Data`` or
        ``NetworkActivity`` hold CloudTrail events; ``ConfigurationItem``, ``Insight`` or
        ``ActivityAuditLog`` do not, so imports into them fail.
        """
        self._check_store_status(status)
        selectors = [
            {
                "Name": f"{category} events",
                "FieldSelectors": [{"Field": "eventCategory", "Equals": [category]}],
            }
        ]
        with self._fake._lock:
            params: dict[str, Any] = {"Name": name, "AdvancedEventSelectors": selectors}
            return self._fake._add_store(params, status).arn

    def set_event_data_store_status(self, arn: str, status: str) -> None:
        """Put a store into any of the model's statuses (``PENDING_DELETION``, …)."""
        self._check_store_status(status)
        with self._fake._lock:
            store = self._fake._stores.get(arn)
            if store is None:
                raise KeyError(f"no event data store {arn!r} in this fake")
            store.status = status
            store.updated = self._fake._now()

    @staticmethod
    def _check_store_status(status: str) -> None:
        if status not in shapes.EVENT_DATA_STORE_STATUSES:
            raise ValueError(
                f"{status!r} is not an event data store status; "
                f"statuses: {', '.join(shapes.EVENT_DATA_STORE_STATUSES)}"
            )
