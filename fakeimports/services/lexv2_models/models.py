"""Lex V2 imports, the resources they create, their lifecycle, retention and defaults."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

import attrs

from ...core.lifecycle import Lifecycle, Timeline

IMPORT_LIFECYCLE = Lifecycle(
    kind="import",
    transitions={
        "InProgress": frozenset({"Completed", "Failed"}),
        "Completed": frozenset({"Deleting"}),
        "Failed": frozenset({"Deleting"}),
        "Deleting": frozenset(),
    },
    terminal=frozenset({"Completed", "Failed", "Deleting"}),
    running="InProgress",
    success="Completed",
    failure="Failed",
)
DEFAULT_DURATIONS: Mapping[str, timedelta] = {"InProgress": timedelta(minutes=1)}
DEFAULT_RETENTION = timedelta(days=7)
DELETION_DELAY = timedelta(seconds=5)
DEFAULT_FAILURE_REASON = "The import file could not be processed."
LOCALE_SCOPED = frozenset({"BotLocale", "CustomVocabulary"})


@attrs.frozen
class LexOutcome:
    status: str
    failure_reasons: tuple[str, ...]
    durations: Mapping[str, timedelta]

    def failed(self, reason: str) -> LexOutcome:
        """The same timing, ending ``Failed`` for ``reason``."""
        return LexOutcome("Failed", (*self.failure_reasons, reason), self.durations)


@attrs.define(eq=False)
class LexImport:
    import_id: str
    spec_name: str  # which member of resourceSpecification was given
    spec: dict[str, Any]
    resource_type: str
    merge_strategy: str
    created: datetime
    timeline: Timeline
    outcome: LexOutcome
    resource_id: str | None
    resource_name: str | None
    bot_id: str | None  # the bot this import concerns (None for test sets)
    locale_id: str | None

    def visible(self, now: datetime, retention: timedelta) -> bool:
        """Still listed and describable: within retention, and not deleted for good."""
        status = self.timeline.status(now)
        changed = self.timeline.changed_at(now)
        keep = DELETION_DELAY if status == "Deleting" else retention
        return now < changed + keep

    def resource_known(self, now: datetime) -> bool:
        """True once the import has completed (also while it is being deleted afterwards)."""
        return self.timeline.span("Completed", now) is not None
