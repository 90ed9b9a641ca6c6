"""The resource table and failure rows every service keeps its imports in."""

from __future__ import annotations

from datetime import timedelta

import attrs
import pytest

from fakeimports.core.errors import AwsError
from fakeimports.core.lifecycle import Timeline
from fakeimports.core.resources import ResourceTable, Rows

from ..helpers import LIFE, T0


@attrs.define
class Job:
    timeline: Timeline


def _job(minutes: int, final: str = "C") -> Job:
    return Job(Timeline.start(LIFE, T0, [("A", timedelta(minutes=minutes))], final))


def test_table_finds_lists_and_counts_the_unfinished() -> None:
    table: ResourceTable[Job] = ResourceTable(LIFE, lambda i: AwsError("NotFound", f"no {i}"))
    short, long = _job(1, final="D"), _job(10)
    table.add("b", T0, short)
    table.add("a", T0 + timedelta(seconds=1), long)
    assert list(table.index) == [short, long]  # creation order, not id order
    assert table.find("a") is long and "a" in table and len(table) == 2
    with pytest.raises(AwsError, match="no zzz"):
        table.find("zzz")
    with pytest.raises(KeyError, match="no job 'zzz' in this fake"):
        table.lookup("zzz")
    assert table.unfinished(T0) == 2 and table.first_unfinished(T0) == ("b", "A")
    assert table.unfinished(T0 + timedelta(minutes=5)) == 1
    assert table.first_unfinished(T0 + timedelta(minutes=5)) == ("a", "A")
    short.timeline.force("b", T0 + timedelta(minutes=6), "A")  # a retry of the failed job
    assert table.unfinished(T0 + timedelta(minutes=6)) == 1  # not yet told
    table.replanned("b")  # held in A: it never ends on its own
    assert table.unfinished(T0 + timedelta(days=9)) == 1
    long.timeline.force("a", T0 + timedelta(minutes=7), "B")
    long.timeline.force("a", T0 + timedelta(minutes=7), "C")  # finished early...
    table.replanned("a")
    assert table.unfinished(T0 + timedelta(minutes=7)) == 1  # ...and no longer counted
    assert table.first_unfinished(T0 + timedelta(minutes=7)) == ("b", "A")
    short.timeline.force("b", T0 + timedelta(minutes=8), "B")
    short.timeline.force("b", T0 + timedelta(minutes=8), "D")
    assert table.unfinished(T0 + timedelta(minutes=8)) == 0  # a held one is re-read


def test_resources_made_at_one_moment_list_in_the_order_they_were_made() -> None:
    table: ResourceTable[Job] = ResourceTable(LIFE)
    jobs = [_job(1) for _ in range(5)]
    for name, job in zip("edcba", jobs, strict=True):
        table.add(name, T0, job)  # the clock stands still: keys still only grow (appends)
    assert list(table.index) == jobs
    assert [table.key(n) for n in "edcba"] == sorted(table.key(n) for n in "edcba")


def test_table_without_a_modeled_not_found_refuses_find() -> None:
    table: ResourceTable[Job] = ResourceTable(LIFE)
    assert table.get("x") is None
    with pytest.raises(AssertionError):
        table.find("x")


def test_rows_wait_for_their_attempt_to_end() -> None:
    rows: Rows[str] = Rows()
    rows.add("scripted", attempt=1)
    rows.add("added", attempt=1, at=T0)
    listed = [row for _, row in rows.index.after(None)]
    assert [Rows.visible(r, 1, ended=False) for r in listed] == [False, True]
    assert [Rows.visible(r, 1, ended=True) for r in listed] == [True, True]
    assert [Rows.visible(r, 2, ended=True) for r in listed] == [False, True]  # a later attempt
    rows.settle(1, T0, keep=False)  # the attempt never failed: its plan is dropped
    assert [r.data for _, r in rows.index.after(None)] == ["added"]
    rows.add("again", attempt=2)
    rows.settle(2, T0 + timedelta(minutes=1), keep=True)
    assert [r.at for _, r in rows.index.after(None)] == [T0, T0 + timedelta(minutes=1)]
