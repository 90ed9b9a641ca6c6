"""Lex V2 imports, the resources they create, their lifecycle, retention and defaults."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

import attrs

from ...core.clock import local
from ...core.described import described
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
ID_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # every real id: IQU3BOJ9BH, S45AWRRHVE
RESOURCE_TYPES = ("Bot", "BotLocale", "CustomVocabulary", "TestSet")
# The locales Lex V2 supports (Languages and locales supported by Amazon Lex V2).
SUPPORTED_LOCALES = frozenset(
    (
        "af_ZA",
        "ar_AE",
        "ar_SA",
        "bg_BG",
        "ca_ES",
        "cs_CZ",
        "cy_GB",
        "da_DK",
        "de_AT",
        "de_CH",
        "de_DE",
        "en_AB",
        "en_AU",
        "en_GB",
        "en_IE",
        "en_IN",
        "en_NZ",
        "en_US",
        "en_WL",
        "en_ZA",
        "es_419",
        "es_ES",
        "es_MX",
        "es_US",
        "et_ET",
        "fa_IR",
        "fi_FI",
        "fr_BE",
        "fr_CA",
        "fr_FR",
        "he_IL",
        "hi_IN",
        "hr_HR",
        "hu_HU",
        "id_ID",
        "is_IS",
        "it_IT",
        "ja_JP",
        "km_KH",
        "ko_KR",
        "lt_LT",
        "lv_LV",
        "ms_MY",
        "nl_BE",
        "nl_NL",
        "no_NO",
        "pl_PL",
        "pt_BR",
        "pt_PT",
        "ro_RO",
        "ru_RU",
        "sk_SK",
        "sl_SI",
        "so_SO",
        "sr_RS",
        "su_ID",
        "sv_SE",
        "th_TH",
        "tl_PH",
        "tr_TR",
        "uk_UA",
        "vi_VN",
        "zh_CN",
        "zh_HK",
        "zu_ZA",
    )
)
DEFAULT_FAILURE_REASON = "The import file could not be processed."
LOCALE_SCOPED = frozenset({"BotLocale", "CustomVocabulary"})


@described
@attrs.frozen(repr=False, eq=False)
class LexOutcome:
    status: str
    failure_reasons: tuple[str, ...]
    durations: Mapping[str, timedelta]

    def failed(self, reason: str) -> LexOutcome:
        """The same timing, ending ``Failed`` for ``reason``."""
        return LexOutcome("Failed", (*self.failure_reasons, reason), self.durations)


@described
@attrs.define(eq=False, repr=False)
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

    def summary(self, now: datetime) -> dict[str, Any]:
        """The import as ``ImportSummary``, in one literal (a page builds 100 of them)."""
        updated, status = self.timeline.current(now)
        if status == "Completed" or self.resource_known(now):
            return {
                "importId": self.import_id,
                "importedResourceId": self.resource_id,
                "importedResourceName": self.resource_name,
                "importStatus": status,
                "mergeStrategy": self.merge_strategy,
                "creationDateTime": local(self.created),
                "lastUpdatedDateTime": local(updated),
                "importedResourceType": self.resource_type,
            }
        return {
            "importId": self.import_id,
            "importStatus": status,
            "mergeStrategy": self.merge_strategy,
            "creationDateTime": local(self.created),
            "lastUpdatedDateTime": local(updated),
            "importedResourceType": self.resource_type,
        }

    def resource_known(self, now: datetime) -> bool:
        """True once the import has completed (also while it is being deleted afterwards)."""
        timeline = self.timeline
        return timeline.status(now) == "Completed" or timeline.span("Completed", now) is not None


@described
@attrs.define(eq=False, repr=False)
class BotLocale:
    """A locale of a bot's ``DRAFT`` version, as imports (or a test) left it."""

    locale_id: str
    name: str
    description: str | None
    voice: dict[str, Any] | None
    threshold: float | None
    intents: set[str]
    slot_types: set[str]
    vocabulary: int | None  # custom vocabulary items, None without one
    created: datetime
    updated: datetime
    writer: LexImport | None = None  # the import that last wrote it

    def status(self, now: datetime) -> str:
        """``Importing`` while the import writing it runs, then ``NotBuilt`` (ready to build)."""
        return "Importing" if _importing(self.writer, now) else "NotBuilt"


@described
@attrs.define(eq=False, repr=False)
class Bot:
    """A bot, as imports (or a test) left it."""

    bot_id: str
    name: str
    description: str | None
    role_arn: str | None
    data_privacy: dict[str, Any] | None
    idle_ttl: int
    error_logs: dict[str, Any] | None
    created: datetime
    updated: datetime
    locales: dict[str, BotLocale] = attrs.field(factory=dict)
    writer: LexImport | None = None

    def status(self, now: datetime) -> str:
        """``Importing`` while the import writing it runs, then ``Available``."""
        return "Importing" if _importing(self.writer, now) else "Available"


def _importing(writer: LexImport | None, now: datetime) -> bool:
    return writer is not None and writer.timeline.status(now) == "InProgress"
