"""Status machines read against the clock."""

from __future__ import annotations

from datetime import timedelta

import pytest

from fakeimports.core.lifecycle import Lifecycle, Timeline

from ..helpers import T0

# --- lifecycle ------------------------------------------------------------------------------

LIFE = Lifecycle(
    "job",
    {"A": frozenset({"B"}), "B": frozenset({"C", "D"}), "C": frozenset(), "D": frozenset({"A"})},
    frozenset({"C", "D"}),
    running="B",
    success="C",
    failure="D",
)


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
