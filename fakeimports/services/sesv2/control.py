"""``FakeSESv2.control``: test-only levers, kept apart from the AWS operations."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import TYPE_CHECKING

from ...core.lifecycle import merge_durations
from ...core.service import Control
from .models import (
    DEFAULT_ERROR,
    DEFAULT_FAILED_RECORDS_URL,
    DEFAULT_PROCESSED,
    JOB_LIFECYCLE,
    JobOutcome,
)

if TYPE_CHECKING:
    from .client import FakeSESv2


class SESv2Control(Control["FakeSESv2"]):
    """Script job outcomes, force statuses (``CANCELLED`` only exists here), inject faults."""

    _fake: FakeSESv2

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
        status, messages = JOB_LIFECYCLE.scripted_end(
            status, (error_message,) if error_message else (), DEFAULT_ERROR
        )
        if processed < 0 or failed < 0:
            raise ValueError("record counts cannot be negative")
        if failed_records_s3_url is None and (failed or status == "FAILED"):
            failed_records_s3_url = DEFAULT_FAILED_RECORDS_URL
        outcome = JobOutcome(
            status,
            {"ProcessedRecordsCount": processed, "FailedRecordsCount": failed},
            messages[0] if messages else None,
            failed_records_s3_url,
            merge_durations(self._fake.durations, durations),
        )
        self._script(outcome, times)
