"""How a CloudTrail Lake import reads a trail's log files: which objects it copies, what one
"prefix" of its statistics is, and what a log file must hold. The decisions are listed in
``client.py``'s docstring.
"""

from __future__ import annotations

import gzip
import json
import operator
import re
import zlib
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from itertools import repeat
from typing import TYPE_CHECKING, Any

import attrs

from ...core.described import described
from .models import Failure

if TYPE_CHECKING:
    from ...core.records import RecordPlan

# The file name carries its delivery time: <account>_CloudTrail_<region>_YYYYMMDDTHHmmZ_<x>.
_DELIVERED = re.compile(r"_(\d{8}T\d{4})Z_")
_ACCOUNT = re.compile(r"\d{12}")
_ORGANIZATION = re.compile(r"o-[a-z0-9]{10,32}")
_COMPRESSIONS = (  # what a log file can be that CloudTrail does not read
    (b"PK\x03\x04", "zip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
)
NOT_GZIP = "InvalidFileFormat"
NOT_A_LOG = "InvalidLogFile"


@described
@attrs.frozen(repr=False, eq=False)
class LogFile:
    """One object an import copies: its 1-based number in the import, and its prefix (the
    folder that holds it, one "prefix" of ``ImportStatistics``)."""

    number: int
    url: str
    prefix: str


@described
@attrs.define(eq=False, repr=False)
class Copy:
    """What an import that reads its trail has done, across attempts: the files it selected,
    what this attempt read in each, what was copied and what failed (the statistics)."""

    files: list[LogFile]  # every file selected, in key order
    remaining: dict[str, int]  # prefix -> its files not copied yet
    read: dict[str, list[Any] | Failure] = attrs.field(factory=dict)  # this attempt's reading
    copied: set[str] = attrs.field(factory=set)
    failed: dict[str, Failure] = attrs.field(factory=dict)  # files failed now
    reported: set[str] = attrs.field(factory=set)  # files with a failure row
    # Rows of earlier attempts that a later attempt settled: url -> (status, when, failure).
    settled: dict[str, tuple[str, datetime, Failure | None]] = attrs.field(factory=dict)
    events: int = 0
    completed: int = 0  # prefixes whose every file was copied
    plan: RecordPlan[LogFile] | None = None  # this attempt's files still to copy

    def statistics(self) -> dict[str, int]:
        return {
            "PrefixesFound": len(self.remaining),
            "PrefixesCompleted": self.completed,
            "FilesCompleted": len(self.copied),
            "EventsCompleted": self.events,
            "FailedEntries": len(self.failed),
        }


def select(
    urls: Iterable[str], source: str, start: datetime | None, end: datetime | None
) -> list[LogFile]:
    """The objects under ``source`` the import copies, in key order.

    In the default scope (a source at the bucket, at ``AWSLogs/`` or at an account or
    organization folder under it) only objects in a ``CloudTrail`` folder are read, so the
    ``CloudTrail-Digest`` and ``CloudTrail-Insight`` folders and other services' folders are
    skipped; a source that names any other folder is read whole. A time range keeps the files
    whose name carries a delivery time inside it (else whose ``YYYY/MM/DD`` folder overlaps it).
    """
    base = source if source.endswith("/") else source + "/"
    explicit = _explicit(base[5:].partition("/")[2])
    chosen: list[LogFile] = []
    for url in urls:
        if not url.startswith(source) or url.endswith("/"):
            continue
        key = url[5:].partition("/")[2]
        folders = key.split("/")[:-1]
        if not explicit and "CloudTrail" not in folders:
            continue
        if not _in_range(key, start, end):
            continue
        chosen.append(LogFile(len(chosen) + 1, url, url[: url.rindex("/") + 1]))
    return chosen


def _explicit(prefix: str) -> bool:
    """Does the source name a folder of its own (not a root of the default scope)?"""
    parts = [p for p in prefix.split("/") if p]
    if "CloudTrail" in parts:
        return True
    if not parts:
        return False
    if parts[0] != "AWSLogs" or len(parts) > 3:
        return True
    rest = parts[1:]
    if not rest:
        return False
    if len(rest) == 1:
        return not (_ACCOUNT.fullmatch(rest[0]) or _ORGANIZATION.fullmatch(rest[0]))
    return not (_ORGANIZATION.fullmatch(rest[0]) and _ACCOUNT.fullmatch(rest[1]))


def _in_range(key: str, start: datetime | None, end: datetime | None) -> bool:
    if start is None and end is None:
        return True
    name = key.rsplit("/", 1)[-1]
    found = _DELIVERED.search(name)
    if found is not None:
        try:
            delivered = datetime.strptime(found[1], "%Y%m%dT%H%M").replace(tzinfo=timezone.utc)
        except ValueError:
            delivered = None
        if delivered is not None:
            return (start is None or delivered >= start) and (end is None or delivered <= end)
    day = _folder_day(key.split("/")[:-1])
    if day is None:
        return True  # no date to judge by
    return (start is None or day + timedelta(days=1) > start) and (end is None or day <= end)


def _folder_day(folders: list[str]) -> datetime | None:
    for i in range(len(folders) - 2):
        year, month, day = folders[i : i + 3]
        if len(year) == 4 and len(month) == 2 and len(day) == 2 and (year + month + day).isdigit():
            try:
                return datetime(int(year), int(month), int(day), tzinfo=timezone.utc)
            except ValueError:
                return None
    return None


def read_log(url: str, data: bytes, oldest: datetime) -> list[Any] | Failure:
    """The events of a log file newer than ``oldest`` (the destination's retention), or why
    the file can't be copied."""
    if data[:2] != b"\x1f\x8b":
        kind = next((name for magic, name in _COMPRESSIONS if data.startswith(magic)), None)
        if kind is None:
            return Failure(
                url,
                NOT_GZIP,
                "The file is not compressed. CloudTrail copies events only from "
                "gzip-compressed log files.",
            )
        return Failure(
            url,
            NOT_GZIP,
            f"The file is compressed with {kind}. CloudTrail copies events only from "
            "gzip-compressed log files.",
        )
    try:
        document = json.loads(gzip.decompress(data))
    except (OSError, EOFError, zlib.error) as err:
        return Failure(url, NOT_A_LOG, f"The file is not a readable gzip file: {err}.")
    except ValueError as err:
        return Failure(url, NOT_A_LOG, f"The file does not hold valid JSON: {err}.")
    records = document.get("Records") if isinstance(document, dict) else None
    if not isinstance(records, list) or not all(map(isinstance, records, repeat(dict))):
        return Failure(
            url,
            NOT_A_LOG,
            'The file is not a CloudTrail log file: it holds no {"Records": [...]} array of '
            "events.",
        )
    return within(records, oldest)


def within(records: list[Any], oldest: datetime) -> list[Any]:
    """The events within the destination's retention (``oldest`` and after)."""
    cut = _cut(oldest)
    if _all_retained(records, cut):
        return records
    return [record for record in records if _retained(record, oldest, cut)]


_EVENT_TIME = operator.methodcaller("get", "eventTime")
_TIME = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"  # CloudTrail's own form: fixed widths, UTC
_CLOUDTRAIL_TIME = re.compile(_TIME, re.ASCII)
_CLOUDTRAIL_TIMES = re.compile(f"(?:{_TIME})*", re.ASCII)


def _all_retained(records: list[Any], cut: str) -> bool:
    """Does every event of a file have a time in CloudTrail's own form, none before ``cut``?

    The common file, answered for all its events at once: their times, each 20 characters,
    read as one text by one pattern, and the earliest compared with ``cut``.
    """
    times = list(map(_EVENT_TIME, records))
    try:
        return (
            set(map(len, times)) == {20}
            and min(times) >= cut
            and _CLOUDTRAIL_TIMES.fullmatch("".join(times)) is not None
        )
    except TypeError:  # a time that is not text: judged one by one
        return False


def _cut(oldest: datetime) -> str:
    """``oldest`` rounded up to the second, as CloudTrail writes event times."""
    whole = oldest.replace(microsecond=0)
    return (whole + timedelta(seconds=whole != oldest)).strftime("%Y-%m-%dT%H:%M:%SZ")


def _retained(record: dict[str, Any], oldest: datetime, cut: str) -> bool:
    """Within the destination's retention period, judged on ``eventTime`` (an event whose
    time can't be read is kept: nothing says it is too old).

    A time in CloudTrail's own form (``2026-03-01T12:00:00Z``: fixed widths, UTC) orders as
    its text does, so one at or after ``cut`` is kept without being parsed; any other is
    parsed (an impossible date in that form, such as month 13, is kept either way).
    """
    text = record.get("eventTime")
    if not isinstance(text, str):
        return True
    if len(text) == 20 and text >= cut and _CLOUDTRAIL_TIME.fullmatch(text):
        return True
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return True
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment >= oldest
