"""Clocks: the only source of "now" for every fake.

Statuses, timestamps and retention are all computed from a clock when they are read, so moving
the clock moves every import along with it. No thread ever runs in the background.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any, ClassVar, Protocol, runtime_checkable

__all__ = ["Clock", "Copyable", "ManualClock", "SystemClock", "as_utc", "local"]


def as_utc(moment: datetime) -> datetime:
    """``moment`` as an aware UTC datetime; a naive one is taken to be UTC, as botocore does."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


class _LocalZone:
    """The machine's zone as botocore's parser sees it, with what ``local`` worked out."""

    def __init__(self) -> None:
        self.tzname: object = None
        self.zone: tzinfo | None = None
        self.offsets: dict[int, timedelta] = {}
        self.seen: dict[datetime, datetime] = {}

    def refresh(self) -> None:
        self.tzname = time.tzname  # time.tzset() binds a new tuple: a changed TZ is noticed
        self.offsets = {}
        self.seen = {}
        try:
            from dateutil.tz import tzlocal
        except ImportError:  # pragma: no cover - only where botocore is not installed
            self.zone = None
        else:
            self.zone = tzlocal()


_LOCAL = _LocalZone()
_BUCKET = 900  # local offsets change only on 15-minute boundaries
_SEEN_MAX = 16_384  # moments recently rendered: a bounded cache (~3 MiB), not one per item stored


def local(moment: datetime) -> datetime:
    """``moment`` as botocore's parser returns a timestamp: the same instant, in the machine's
    local zone (``dateutil.tz.tzlocal()``, so ``isoformat()`` and ``str()`` match too).

    Cheap enough for every timestamp a fake returns: a moment already seen is a dict look-up,
    the zone's offset is worked out once per quarter hour, and a change of ``TZ`` (with
    ``time.tzset()``) is noticed. Without dateutil (botocore absent) the zone is a fixed offset.
    """
    state = _LOCAL
    if time.tzname is not state.tzname:
        state.refresh()
    seen = state.seen.get(moment)
    if seen is not None:
        return seen
    zone = state.zone
    if zone is None:  # pragma: no cover - only where botocore is not installed
        return moment.astimezone()
    seconds = int(moment.timestamp())
    bucket = seconds - seconds % _BUCKET
    offset = state.offsets.get(bucket)
    if offset is None:
        offset = state.offsets[bucket] = timedelta(seconds=time.localtime(bucket).tm_gmtoff)
    result = (moment + offset).replace(tzinfo=zone)
    if len(state.seen) >= _SEEN_MAX:
        state.seen = {}
    state.seen[moment] = result
    return result


def _delta(delta: timedelta | None, parts: dict[str, float]) -> timedelta:
    if delta is not None and parts:
        raise TypeError("advance() takes a timedelta or keyword parts (minutes=5), not both")
    return delta if delta is not None else timedelta(**parts)


@runtime_checkable
class Clock(Protocol):
    """What a fake needs from a clock."""

    def now(self) -> datetime:
        """The current time, timezone-aware UTC."""
        ...

    def advance(self, delta: timedelta | None = None, /, **parts: float) -> datetime:
        """Move the clock forward (waiters and retries "sleep" with this); returns the new now."""
        ...


class Copyable:
    """For objects that hold a lock (clocks, stores, fakes): ``copy.deepcopy`` and ``pickle``
    give an independent object in the same state, with a new lock of the same kind."""

    _new_lock: ClassVar[Callable[[], Any]] = threading.Lock
    _lock: Any

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        del state["_lock"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = type(self)._new_lock()


class SystemClock(Copyable):
    """Real time, read on every call, plus whatever it has been advanced by.

    Because it calls ``datetime.now()`` each time, freezegun and time-machine move it.
    """

    def __init__(self) -> None:
        self._offset = timedelta(0)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        return datetime.now(timezone.utc) + self._offset

    def advance(self, delta: timedelta | None = None, /, **parts: float) -> datetime:
        step = _delta(delta, parts)
        with self._lock:
            self._offset += step
        return self.now()

    def __repr__(self) -> str:
        return f"SystemClock(offset={self._offset!r})"


class ManualClock(Copyable):
    """A clock that moves only when told: ``advance()`` or ``set()``.

    >>> clock = ManualClock(datetime(2026, 1, 1, tzinfo=timezone.utc))
    >>> clock.advance(minutes=5).isoformat()
    '2026-01-01T00:05:00+00:00'
    """

    def __init__(self, start: datetime | None = None) -> None:
        self._now = as_utc(start) if start is not None else datetime.now(timezone.utc)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta | None = None, /, **parts: float) -> datetime:
        step = _delta(delta, parts)
        with self._lock:
            self._now += step
            return self._now

    def set(self, moment: datetime) -> datetime:
        """Jump to ``moment`` (naive means UTC); going backwards is allowed."""
        with self._lock:
            self._now = as_utc(moment)
            return self._now

    def __repr__(self) -> str:
        return f"ManualClock({self._now.isoformat()!r})"
