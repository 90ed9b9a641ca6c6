"""Clocks: the only source of "now"."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from fakeimports import (
    ManualClock,
    SystemClock,
)

from ..helpers import T0

# --- clocks ---------------------------------------------------------------------------------


def test_manual_clock_moves_only_when_told() -> None:
    clock = ManualClock(datetime(2026, 1, 1))  # naive means UTC
    assert clock.now() == T0 and clock.now().tzinfo is not None
    assert clock.advance(minutes=5) == T0 + timedelta(minutes=5)
    assert clock.advance(timedelta(hours=1)) == T0 + timedelta(minutes=65)
    assert clock.set(T0) == T0
    with pytest.raises(TypeError):
        clock.advance(timedelta(1), minutes=1)


def test_system_clock_reads_real_time_plus_offset() -> None:
    clock = SystemClock()
    before = datetime.now(timezone.utc)
    clock.advance(hours=2)
    now = clock.now()
    assert before + timedelta(hours=2) <= now <= datetime.now(timezone.utc) + timedelta(hours=2)
