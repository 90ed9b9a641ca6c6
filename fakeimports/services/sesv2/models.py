"""SES v2 entities: contacts and their rules, contact lists, import jobs, the job lifecycle
and its defaults."""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

import attrs

from ...core.clock import local
from ...core.described import described
from ...core.lifecycle import Lifecycle, Timeline, grow
from ...core.pagination import SortedIndex


def _address_parts(possessive: bool = False) -> tuple[str, str]:
    """An address as SES takes it, ``local@`` and a domain with a dot inside: no space and
    one ``@``. The domain reads ``[^@\\s]+\\.[^@\\s]+`` written so that each run is followed
    by what it cannot match (its first dot, the line's end), which lets Python 3.11 make the
    runs ``possessive``: the same addresses, checked without giving characters back."""
    p = "+" if possessive else ""
    return rf"[^@\s]+{p}@", rf"[^@\s][^@\s.]*{p}\.[^@\s]+{p}"


def _emails_pattern(possessive: bool) -> re.Pattern[str]:
    """One address a line, each as ``EMAIL`` takes it (a block of rows read at once)."""
    local, domain = _address_parts(possessive)
    p = "+" if possessive else ""
    return re.compile(f"(?:{local}{domain}\n)*{p}{local}{domain}", re.ASCII)


POSSESSIVE = sys.version_info >= (3, 11)  # ``*+``, ``++``, ``?+``: Python 3.11 on
_LOCAL, _DOMAIN = _address_parts()
EMAIL = re.compile(f"({_LOCAL})({_DOMAIN})", re.ASCII)  # local@, domain
EMAILS = _emails_pattern(POSSESSIVE)


@functools.cache
def json_scanner() -> Callable[[str, int], tuple[Any, int]]:
    """json's scanner: one JSON value at a position (json loads with the first import)."""
    import json

    scan: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
    return scan


def check_attributes(text: str, member: str) -> None:
    """A contact's attributes must be a JSON object, as for ``CreateContact``."""
    if not is_json_object(text):
        raise ValueError(f"{member} must be a valid JSON object.")


def is_json_object(text: str) -> bool:
    # The scanner alone answers the common case (an object with nothing around it) at a
    # fifth of ``json.loads``'s cost; anything else gets the full parse.
    if text[:1] == "{":
        try:
            value, end = json_scanner()(text, 0)
        except (StopIteration, ValueError):
            return False
        if end == len(text):
            return isinstance(value, dict)
    try:
        import json

        return isinstance(json.loads(text), dict)
    except ValueError:
        return False


def normalize_email(text: str) -> str:
    """The address as SES keys it: trimmed, domain lower-cased (the local part keeps its case).

    Raises ``ValueError`` with SES's message for a blank or malformed address.
    """
    match = EMAIL.fullmatch(text)
    if match is None:
        address = text.strip()
        if not address:
            raise ValueError("EmailAddress can't be blank.")
        match = EMAIL.fullmatch(address)
        if match is None:
            raise ValueError(f"EmailAddress {address} is invalid")
    return match[1] + match[2].lower()


# A contact's explicit topic preferences, ``((topic, status), ...)``: records read alike
# share one.
Topics = tuple[tuple[str, str], ...]
# One contact a contact-list import writes (PUT) or removes (DELETE), or a request gives:
# ``(number, email, topics, unsubscribe_all, attributes)``; ``number`` is the record's in its
# object (0 for a request).
ContactRecord = tuple[int, str, Topics, bool, str | None]
# A contact of a list: the record that wrote it, when (milliseconds since the epoch), and its
# place in the list (creation time, then order). Plain tuples of strings, numbers and tuples
# only: an import makes a million of them in C, and once CPython's collector has seen them
# it no longer tracks them, so they never slow its later passes.
Contact = tuple[ContactRecord, int, tuple[int, int]]


JOB_LIFECYCLE = Lifecycle(
    kind="import job",
    transitions={
        "CREATED": frozenset({"PROCESSING", "FAILED", "CANCELLED"}),
        "PROCESSING": frozenset({"COMPLETED", "FAILED", "CANCELLED"}),
        "COMPLETED": frozenset(),
        "FAILED": frozenset(),
        "CANCELLED": frozenset(),
    },
    terminal=frozenset({"COMPLETED", "FAILED", "CANCELLED"}),
    running="PROCESSING",
    success="COMPLETED",
    failure="FAILED",
)
DEFAULT_DURATIONS: Mapping[str, timedelta] = {
    "CREATED": timedelta(minutes=1),
    "PROCESSING": timedelta(minutes=9),
}
DEFAULT_PROCESSED = 100
DEFAULT_TOTALS: Mapping[str, int] = {
    "ProcessedRecordsCount": DEFAULT_PROCESSED,
    "FailedRecordsCount": 0,
}
DEFAULT_ERROR = "The import job failed to process the data source."
DEFAULT_FAILED_RECORDS_URL = "s3://ses-import-failures/failed-records.csv"


@described
@attrs.frozen(repr=False, eq=False)
class JobOutcome:
    """How a job ends: its final status, record counts and failure details."""

    status: str
    totals: Mapping[str, int]
    error_message: str | None
    failed_records_s3_url: str | None
    durations: Mapping[str, timedelta]


@described
@attrs.define(eq=False, repr=False)
class ImportJob:
    job_id: str
    # the request's one destination, as (its kind, its members): a summary reads both
    target: tuple[str, dict[str, Any]]
    source: dict[str, str]
    created: datetime
    timeline: Timeline
    outcome: JobOutcome
    failure_message: str | None = None  # set when the job failed for a reason of its own

    @property
    def destination(self) -> dict[str, Any]:
        """``ImportDestination`` as the request gave it."""
        kind, members = self.target
        return {kind: members}

    def summary(self, now: datetime) -> dict[str, Any]:
        """The job as ``ImportJobSummary``: fresh dicts (the caller may change them), built
        in one literal, as a page of 100 builds 100 of them."""
        timeline = self.timeline
        status = timeline.current(now)[1]
        totals = self.outcome.totals
        if status != "COMPLETED" or timeline.frozen is not None:  # else all done: progress 1
            done = timeline.progress(now, status)
            if done < 1.0:  # counts still growing, or held where a stop left them
                totals = grow({}, totals, done)
        kind, target = self.target
        return {
            "JobId": self.job_id,
            "ImportDestination": {kind: {**target}},
            "JobStatus": status,
            "CreatedTimestamp": local(self.created),
            "ProcessedRecordsCount": totals["ProcessedRecordsCount"],
            "FailedRecordsCount": totals["FailedRecordsCount"],
        }

    @property
    def destination_type(self) -> str:
        return "CONTACT_LIST" if self.target[0] == "ContactListDestination" else "SUPPRESSION_LIST"


@described
@attrs.define(eq=False, repr=False)
class ContactList:
    name: str
    topics: list[dict[str, str]]
    description: str | None
    tags: list[dict[str, str]]
    created: datetime
    updated: datetime
    contacts: dict[str, Contact] = attrs.field(factory=dict)
    index: SortedIndex[Contact] = attrs.field(factory=SortedIndex)

    @property
    def defaults(self) -> dict[str, str]:
        """Each topic's default subscription status."""
        return {t["TopicName"]: t["DefaultSubscriptionStatus"] for t in self.topics}


@described
@attrs.define(eq=False, repr=False)
class Suppression:
    """An address on the account's suppression list."""

    email: str
    reason: str
    updated: datetime
    key: tuple[int, int]  # its place in the list, by last update
