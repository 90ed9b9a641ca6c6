"""Status machines read against the clock."""

from __future__ import annotations

from datetime import timedelta

import pytest

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
