"""``FakeLexModelsV2.control``: test-only levers, kept apart from the AWS operations."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import TYPE_CHECKING

from ...core.lifecycle import merge_durations
from ...core.service import Control
from .models import DEFAULT_FAILURE_REASON, IMPORT_LIFECYCLE, SUPPORTED_LOCALES, LexOutcome

if TYPE_CHECKING:
    from .client import FakeLexModelsV2


class LexControl(Control["FakeLexModelsV2"]):
    """Script outcomes, force statuses, declare existing bots, inject faults."""

    _fake: FakeLexModelsV2

    def script_next_import(
        self,
        *,
        status: str = "Completed",
        failure_reasons: Iterable[str] = (),
        durations: Mapping[str, timedelta] | None = None,
        times: int = 1,
    ) -> None:
        """Decide how the next ``times`` imports end; ``Failed`` ones list ``failure_reasons``."""
        final, reasons = IMPORT_LIFECYCLE.scripted_end(
            status, tuple(failure_reasons), DEFAULT_FAILURE_REASON
        )
        outcome = LexOutcome(final, reasons, merge_durations(self._fake.durations, durations))
        self._script(outcome, times)

    def add_bot(self, name: str, *, locales: Iterable[str] = ()) -> str:
        """Declare an existing bot (as if built in the console) with its ``locales``; returns
        its 10-character id. Such a bot has exactly those locales (and those imported later)."""
        wanted = tuple(locales)
        unsupported = [locale for locale in wanted if locale not in SUPPORTED_LOCALES]
        if unsupported:
            raise ValueError(f"not locales Lex V2 supports: {unsupported}")
        return self._fake._add_bot(name, wanted)

    def upload(self, import_id: str, data: bytes) -> None:
        """Upload the .zip archive of an import, as an HTTP PUT to its ``uploadUrl`` would:
        ``ValueError`` with S3's answer when the URL was never issued or has expired."""
        status, code, message = self._fake._receive_upload(import_id, bytes(data))
        if status != 200:
            raise ValueError(f"the upload was refused: {status} {code}: {message}")
