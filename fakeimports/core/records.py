"""What the imports that read data share: readers of RFC 4180 CSV and newline-delimited
JSON, and the schedule on which the records read take effect.

The readers take the object's bytes and yield records with the record's 1-based number
among the non-blank records (what a failed-records file points at). A UTF-8 byte order mark
is skipped; blank lines are not records.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import heapq
import itertools
import operator
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta
from typing import Any, Generic, TypeVar

import attrs

from .described import described
from .lifecycle import Timeline
from .pagination import from_ms, ms

__all__ = [
    "MalformedData",
    "RecordPlan",
    "Schedule",
    "bulk",
    "csv_records",
    "csv_rows",
    "is_blank",
    "json_records",
]

_MS = timedelta(milliseconds=1)


class bulk:
    """Pause the cyclic garbage collector while an import reads or applies many records.

    Reading 100,000 records makes some 500,000 objects, none in a reference cycle; with the
    collector on, it scans the growing heap again and again and the read costs about twice as
    much. The collector is restored as it was (left off if the caller had turned it off);
    the objects made meanwhile are collected as usual afterwards.
    """

    def __enter__(self) -> None:
        self._enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc: object) -> None:
        if self._enabled:
            gc.enable()


class MalformedData(ValueError):
    """The object as a whole cannot be read (an import that reads it fails as a job)."""


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise MalformedData(
            f"The file is not UTF-8 text: {err.reason} at byte {err.start}."
        ) from err


_BLANK: tuple[list[str], ...] = (
    [],
    [""],
)  # a blank line, or one holding an empty field alone: not a record


def csv_records(data: bytes) -> Iterator[tuple[int, list[str]]]:
    """RFC 4180 rows: quoted fields may hold commas, quotes (``""``) and line breaks."""
    with csv_rows(data) as rows:
        yield from enumerate(itertools.filterfalse(is_blank, rows), 1)


@contextlib.contextmanager
def csv_rows(data: bytes) -> Iterator[Iterator[list[str]]]:
    """The raw rows of a CSV, blank ones included, for loops too hot for ``csv_records``'s
    numbering (skip ``is_blank`` rows and count the rest); a malformed file raises
    ``MalformedData`` naming its line."""
    import csv  # here: importing a fake need not load what only data imports use
    import io

    text = _text(data)
    stand_in = _nul_stand_in(text)
    if stand_in is not None:  # pragma: no cover - Python 3.10 only
        text = text.replace("\x00", stand_in)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        if stand_in is None:
            yield reader
        else:  # pragma: no cover - Python 3.10 only
            yield ([field.replace(stand_in, "\x00") for field in row] for row in reader)
    except csv.Error as err:
        raise MalformedData(f"Malformed CSV: {err} (line {reader.line_num}).") from err


is_blank = _BLANK.__contains__


def _nul_stand_in(text: str) -> str | None:
    """A character to read a NUL as, where Python's csv refuses NUL (before 3.11): a private
    use character the text does not hold, so every Python reads a file alike."""
    if sys.version_info >= (3, 11) or "\x00" not in text:
        return None
    return next(  # pragma: no cover - Python 3.10 only
        (c for c in map(chr, range(0xE000, 0xF900)) if c not in text), None
    )


def json_records(data: bytes) -> Iterator[tuple[int, str, Any]]:
    """``(number, line, value)``: one JSON value a line; a line that is not JSON has a
    ``ValueError`` for its value."""
    import json

    number = 0
    for line in _text(data).splitlines():
        if not line.strip():
            continue
        number += 1
        try:
            yield number, line, json.loads(line)
        except ValueError as err:
            yield number, line, ValueError(f"Malformed JSON: {err}.")


# --- records that take effect as the clock passes them --------------------------------------


R = TypeVar("R")
# A record's number among the records of its object (1-based), for a record that knows it.
_OWN_NUMBER: Callable[[Any], int] = operator.attrgetter("number")


@described
@attrs.define(eq=False, repr=False)
class RecordPlan(Generic[R]):
    """The records of one import still to take effect: record n of N at n/N of the import's
    running stage, to the millisecond, while the import is running or has succeeded.

    ``owner`` is the import and ``action`` what its records do; both are the service's to read.
    """

    owner: Any
    timeline: Timeline
    action: str
    records: Sequence[R]
    start: int  # when the running stage begins, in milliseconds since the epoch
    span: int  # how long it lasts, in milliseconds
    total: int  # every record read, failed ones included: they take their share of time
    number: Callable[[R], int] = attrs.field(default=_OWN_NUMBER, kw_only=True)  # of a record
    next: int = 0

    @classmethod
    def over(
        cls,
        owner: Any,
        timeline: Timeline,
        action: str,
        records: Sequence[R],
        total: int,
        *,
        number: Callable[[R], int] | None = None,
    ) -> RecordPlan[R]:
        """A plan spread over the latest running stage of ``timeline`` (a retry's own).
        ``number`` reads a record's number among its object's (1-based), for records that do
        not carry it as their ``number`` (plain tuples)."""
        running, steps = timeline.lifecycle.running, timeline.steps
        begins, ends = next(
            (steps[i][0], steps[i + 1][0])
            for i in range(len(steps) - 2, -1, -1)
            if steps[i][1] == running
        )
        start = ms(begins) + (from_ms(ms(begins)) != begins)  # not before the stage does
        span = (ends - begins) // _MS
        return cls(
            owner, timeline, action, records, start, span, total, number=number or _OWN_NUMBER
        )

    def due(self, index: int | None = None) -> int:
        """When record ``index`` (the next one by default) takes effect, in milliseconds."""
        number = self.number(self.records[self.next if index is None else index])
        return self.start + self.span * number // self.total

    def through(self, moment: int, first: int) -> int:
        """The index past the last record due by ``moment`` (ms), searching from ``first``."""
        if moment < self.start:
            return first
        if self.span == 0:
            return len(self.records)
        # due(n) <= moment  <=>  span * n < (moment - start + 1) * total
        highest = ((moment - self.start + 1) * self.total - 1) // self.span
        return bisect.bisect_right(self.records, highest, lo=first, key=self.number)


class Schedule:
    """Every import's records still to take effect, applied in time order across imports.

    ``run(now, apply)`` calls ``apply(plan, first, stop)`` for each run of a plan's records
    whose moment has come and over which its import's status holds (one status look-up a
    run, not a record), skipping the runs of an import forced to stop or fail before them.
    A plan's records due before any other plan's go in one call.
    """

    def __init__(self) -> None:
        self._heap: list[tuple[int, int, RecordPlan[Any]]] = []  # (next due, order, plan)
        self._order = 0

    def add(self, plan: RecordPlan[Any]) -> None:
        if plan.next < len(plan.records):
            self._order += 1
            heapq.heappush(self._heap, (plan.due(), self._order, plan))

    def __bool__(self) -> bool:
        return bool(self._heap)

    def run(self, now: datetime, apply: Callable[[RecordPlan[Any], int, int], None]) -> None:
        heap = self._heap
        now_ms = ms(now)
        if not heap or heap[0][0] > now_ms:
            return
        with bulk():
            while heap and heap[0][0] <= now_ms:
                _, _, plan = heapq.heappop(heap)
                limit = now_ms if not heap else min(now_ms, heap[0][0])
                self._run(plan, limit, apply)
                self.add(plan)

    @staticmethod
    def _run(
        plan: RecordPlan[Any], limit: int, apply: Callable[[RecordPlan[Any], int, int], None]
    ) -> None:
        timeline = plan.timeline
        applying = (timeline.lifecycle.running, timeline.lifecycle.success)
        i = plan.next
        while i < len(plan.records) and plan.due(i) <= limit:
            at = from_ms(plan.due(i))
            change = timeline.next_change(at)
            last = limit  # the run: records due before the status next changes
            if change is not None:
                last = min(limit, ms(change) - (from_ms(ms(change)) == change))
            stop = plan.through(last, i + 1)
            # A plan as made applies whole (its last record is due the moment the running
            # stage ends, whatever follows); once forced (stopped, failed, cancelled), only the
            # records due while the import was still running or done.
            if timeline.frozen is None or timeline.status(at) in applying:
                apply(plan, i, stop)
            i = stop
        plan.next = i
