"""``FakeLexModelsV2.control``: test-only levers, kept apart from the AWS operations."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ...core.lifecycle import merge_durations
from ...core.service import Control
from .models import LexImport, LexOutcome

if TYPE_CHECKING:
    from .client import FakeLexModelsV2


class LexControl(Control["FakeLexModelsV2"]):
    """Script outcomes, force statuses, declare existing bots, inject faults."""

    _fake: FakeLexModelsV2
    _kind = "import"

    def script_next_import(
        self,
        *,
        status: str = "Completed",
        failure_reasons: Iterable[str] = (),
        durations: Mapping[str, timedelta] | None = None,
        times: int = 1,
    ) -> None:
        """Decide how the next ``times`` imports end; ``Failed`` ones list ``failure_reasons``."""
        reasons = tuple(failure_reasons)
        if status not in ("Completed", "Failed"):
            raise ValueError(f"an import ends Completed or Failed, not {status!r}")
        if status == "Completed" and reasons:
            raise ValueError("only a Failed import has failure reasons")
        if status == "Failed" and not reasons:
            reasons = ("The import file could not be processed.",)
        outcome = LexOutcome(status, reasons, merge_durations(self._fake.durations, durations))
        self._queue_script(outcome, times)

    def _next_outcome(self) -> LexOutcome:
        scripted: LexOutcome | None = self._pop_script()
        if scripted is not None:
            return scripted
        return LexOutcome("Completed", (), self._fake.durations)

    def add_bot(self, name: str) -> str:
        """Declare an existing bot (as if built in the console); returns its 10-character id."""
        with self._fake._lock:
            if name not in self._fake._bots:
                self._fake._bots[name] = self._fake._new_id()
            return self._fake._bots[name]

    def _resources(self) -> Mapping[str, LexImport]:
        return self._fake._imports

    def _force(self, resource: LexImport, resource_id: str, now: datetime, status: str) -> None:
        super()._force(resource, resource_id, now, status)
        self._fake._listing.touch(resource, now)  # its place in the list moves with it
