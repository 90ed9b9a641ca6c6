"""Status machines read against the clock."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fakeimports.core.lifecycle import Lifecycle, Timeline

from ..helpers import LIFE, T0

# --- lifecycle ------------------------------------------------------------------------------


def test_timeline_is_read_against_the_clock() -> None:
    line = Timeline.start(LIFE, T0, [("A", timedelta(minutes=1)), ("B", timedelta(minutes=2))], "C")
    assert [line.status(T0 + timedelta(minutes=m)) for m in (-1, 0, 1, 2, 3, 9)] == list("AABBCC")
    assert line.changed_at(T0 + timedelta(minutes=9)) == T0 + timedelta(minutes=3)
    line.force("j1", T0 + timedelta(minutes=2), "D")
    assert line.status(T0 + timedelta(minutes=9)) == "D"
    with pytest.raises(ValueError, match="legal from D: A"):
        line.force("j1", T0 + timedelta(minutes=9), "C")
    with pytest.raises(ValueError, match="not a job status"):
        line.force("j1", T0 + timedelta(minutes=9), "Z")


def test_a_scripted_end_is_success_or_failure_with_rows() -> None:
    assert LIFE.scripted_end(None, (), "dflt") == ("C", ())
    assert LIFE.scripted_end(None, ("x",), "dflt") == ("D", ("x",))
    assert LIFE.scripted_end("D", (), "dflt") == ("D", ("dflt",))  # a failure lists a row
    with pytest.raises(ValueError, match="an job with failures ends D, not C"):
        LIFE.scripted_end("C", ("x",), "dflt")
    with pytest.raises(ValueError, match="ends C or D, not 'B'"):
        LIFE.scripted_end("B", (), "dflt")
    partial = Lifecycle(
        "task", LIFE.transitions, LIFE.terminal, "B", "C", "D", partial_success=True
    )
    assert partial.scripted_end("C", ("x",), "dflt") == ("C", ("x",))


@given(
    st.lists(st.integers(0, 5), min_size=2, max_size=2),
    st.integers(-2, 12),
    st.sampled_from([None, 4, 6]),
)
def test_reading_gives_the_step_and_the_share_done_from_one_look_up(
    minutes: list[int], at: int, forced_at: int | None
) -> None:
    """The share done, worked out from the plan: 0 before the running stage, linear through
    it, 1 once ended; a forced status holds the share of the moment it was forced."""
    a, b = (timedelta(minutes=m) for m in minutes)
    line = Timeline.start(LIFE, T0, [("A", a), ("B", b)], "C")

    def share(moment: timedelta) -> float:
        if moment < a:
            return 0.0
        if moment >= a + b:
            return 1.0
        return (moment - a) / b

    held = None
    if forced_at is not None and line.status(T0 + timedelta(minutes=forced_at)) == "B":
        held = share(timedelta(minutes=forced_at))
        line.force("j1", T0 + timedelta(minutes=forced_at), "D")
    now = T0 + timedelta(minutes=at)
    step, done = line.reading(now)
    assert step == line.current(now)
    assert done == pytest.approx(held if held is not None else share(timedelta(minutes=at)))
    assert line.progress(now) == done == line.progress(now, step[1])
