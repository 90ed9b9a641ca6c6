"""``FakeCloudTrail.control``: test-only levers, kept apart from the AWS operations."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from ...core.lifecycle import merge_durations
from ...core.service import Control
from . import shapes
from .models import DEFAULT_FAILURE, DEFAULT_TOTALS, IMPORT_LIFECYCLE, STATISTICS, Failure, Outcome

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


def _check_store_status(status: str) -> None:
    if status not in shapes.EVENT_DATA_STORE_STATUSES:
        raise ValueError(
            f"{status!r} is not an event data store status; "
            f"statuses: {', '.join(shapes.EVENT_DATA_STORE_STATUSES)}"
        )


class CloudTrailControl(Control["FakeCloudTrail"]):
    """Script outcomes, force statuses, add failure rows and event data stores, inject faults.

    Forcing ``INITIALIZING`` on a ``FAILED`` or ``STOPPED`` import is a retry that stays
    initializing; forcing a final status freezes its statistics.
    """

    _fake: FakeCloudTrail

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
        final, rows = IMPORT_LIFECYCLE.scripted_end(
            status, tuple(_failure(row) for row in failures), DEFAULT_FAILURE
        )
        unknown = set(statistics or {}) - set(STATISTICS)
        if unknown:
            raise ValueError(
                f"unknown statistics {sorted(unknown)}; known: {', '.join(STATISTICS)}"
            )
        totals = {**DEFAULT_TOTALS, "FailedEntries": len(rows), **(statistics or {})}
        outcome = Outcome(final, totals, rows, merge_durations(self._fake.durations, durations))
        self._script(outcome, times)

    def add_failures(self, import_id: str, failures: Iterable[Mapping[str, str]]) -> None:
        """Add ``ListImportFailures`` rows to an import now, whatever its status."""
        self._fake._add_failures(import_id, [_failure(row) for row in failures])

    def add_event_data_store(
        self, name: str, *, status: str = "ENABLED", category: str = "Management"
    ) -> str:
        """Add a store in any status and event category; returns its ARN.

        ``category`` is the ``eventCategory`` it collects: ``Management``, ``Data`` or
        ``NetworkActivity`` hold CloudTrail events; ``ConfigurationItem``, ``Insight`` or
        ``ActivityAuditLog`` do not, so imports into them fail.
        """
        _check_store_status(status)
        selectors = [
            {
                "Name": f"{category} events",
                "FieldSelectors": [{"Field": "eventCategory", "Equals": [category]}],
            }
        ]
        params: dict[str, Any] = {"Name": name, "AdvancedEventSelectors": selectors}
        return self._fake._add_store(params, status).arn

    def set_event_data_store_status(self, arn: str, status: str) -> None:
        """Put a store into any of the model's statuses (``PENDING_DELETION``, …)."""
        _check_store_status(status)
        self._fake._set_store_status(arn, status)

    def events(self, arn: str) -> list[dict[str, Any]]:
        """The events imports copied into a store, in the order they were copied (copies)."""
        return self._fake._store_events(arn)
