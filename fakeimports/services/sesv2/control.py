"""``FakeSESv2.control``: test-only levers, kept apart from the AWS operations."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import TYPE_CHECKING

from ...core.lifecycle import merge_durations
from ...core.service import Control
from .models import ImportJob, JobOutcome

if TYPE_CHECKING:
    from .client import FakeSESv2

DEFAULT_PROCESSED = 100
DEFAULT_TOTALS = {"ProcessedRecordsCount": DEFAULT_PROCESSED, "FailedRecordsCount": 0}


class SESv2Control(Control["FakeSESv2"]):
    """Script job outcomes, force statuses (``CANCELLED`` only exists here), inject faults."""

    _fake: FakeSESv2
    _kind = "import job"

    def _resources(self) -> Mapping[str, ImportJob]:
        return self._fake._jobs

    def script_next_import_job(
        self,
        *,
        status: str = "COMPLETED",
        processed: int = DEFAULT_PROCESSED,
        failed: int = 0,
        error_message: str | None = None,
        failed_records_s3_url: str | None = None,
        durations: Mapping[str, timedelta] | None = None,
        times: int = 1,
    ) -> None:
        """Decide how the next ``times`` jobs end.

        ``processed``/``failed`` are the final ``ProcessedRecordsCount``/``FailedRecordsCount``;
        a ``FAILED`` job reports ``error_message`` and ``failed_records_s3_url`` in
        ``FailureInfo`` (defaults are filled in for it).
        """
        if status not in ("COMPLETED", "FAILED"):
            raise ValueError(f"a job ends COMPLETED or FAILED, not {status!r}")
        if processed < 0 or failed < 0:
            raise ValueError("record counts cannot be negative")
        if status == "FAILED":
            error_message = error_message or "The import job failed to process the data source."
        if failed_records_s3_url is None and (failed or status == "FAILED"):
            failed_records_s3_url = "s3://ses-import-failures/failed-records.csv"
        outcome = JobOutcome(
            status,
            {"ProcessedRecordsCount": processed, "FailedRecordsCount": failed},
            error_message,
            failed_records_s3_url,
            merge_durations(self._fake.durations, durations),
        )
        self._queue_script(outcome, times)

    def _next_outcome(self) -> JobOutcome:
        scripted: JobOutcome | None = self._pop_script()
        if scripted is not None:
            return scripted
        return JobOutcome("COMPLETED", DEFAULT_TOTALS, None, None, self._fake.durations)
