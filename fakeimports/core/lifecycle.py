"""Status machines evaluated lazily against the clock.

A :class:`Lifecycle` declares a resource's statuses and legal transitions. Each resource owns
a :class:`Timeline`: a list of ``(moment, status)`` steps planned ahead of time. Reading the
status finds the last step at or before ``now`` — nothing runs in the background, and moving
the clock (forwards or back) is all it takes for a resource to move on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Protocol, TypeVar

import attrs

from .described import described


class Planned(Protocol):
    """What every service's scripted outcome says: how long each stage lasts, how it ends."""

    @property
    def status(self) -> str: ...

    @property
    def durations(self) -> Mapping[str, timedelta]: ...


T = TypeVar("T")

__all__ = ["Lifecycle", "Timeline", "Unfinished", "grow", "merge_durations"]


@described
@attrs.frozen(repr=False, eq=False)
class Lifecycle:
    """States and legal transitions of one kind of resource."""

    kind: str
    transitions: Mapping[str, frozenset[str]]
    terminal: frozenset[str]
    running: str  # the status during which work progresses (counts grow)
    success: str  # the terminal status reached when all the work is done
    failure: str  # the terminal status of work that failed
    partial_success: bool = False  # may a successful end still list failure rows (MGN)?

    def begin(self, now: datetime, outcome: Planned) -> Timeline:
        """A new resource's timeline: ``outcome``'s stages from ``now``, then its status."""
        return Timeline.start(self, now, list(outcome.durations.items()), outcome.status)

    def scripted_end(
        self, status: str | None, failures: tuple[T, ...], default_failure: T
    ) -> tuple[str, tuple[T, ...]]:
        """Check a test's scripted end: ``(status, failures)`` as the resource will end.

        No status means ``failure`` when there are failures, else ``success``. A failure
        always lists at least one row (``default_failure`` when none is given).
        """
        final = status or (self.failure if failures else self.success)
        if final not in (self.success, self.failure):
            raise ValueError(f"an {self.kind} ends {self.success} or {self.failure}, not {final!r}")
        if final == self.success and failures and not self.partial_success:
            raise ValueError(f"an {self.kind} with failures ends {self.failure}, not {final}")
        if final == self.failure and not failures:
            failures = (default_failure,)
        return final, failures

    def check(self, resource_id: str, current: str, target: str) -> None:
        """Raise ``ValueError`` naming the legal targets unless ``current -> target`` is legal."""
        if target not in self.transitions:
            raise ValueError(
                f"{target!r} is not a {self.kind} status; statuses: {', '.join(self.transitions)}"
            )
        legal = self.transitions[current]
        if target not in legal:
            allowed = ", ".join(sorted(legal)) or "none (it is final)"
            raise ValueError(
                f"{self.kind} {resource_id} cannot go from {current} to {target}; "
                f"legal from {current}: {allowed}"
            )


@described
@attrs.define(repr=False, eq=False)
class Timeline:
    """The planned statuses of one resource, oldest first."""

    lifecycle: Lifecycle
    steps: list[tuple[datetime, str]]
    frozen: float | None = None  # progress held by a forced status

    @classmethod
    def start(
        cls,
        lifecycle: Lifecycle,
        now: datetime,
        stages: Sequence[tuple[str, timedelta]],
        final: str,
    ) -> Timeline:
        """A new timeline: each stage lasts its duration, then ``final`` holds."""
        timeline = cls(lifecycle, [])
        timeline._append(now, stages, final)
        return timeline

    def _current(self, now: datetime) -> int:
        steps = self.steps
        last = len(steps) - 1
        if steps[last][0] <= now:  # the common case: the plan has run its course
            return last
        for i in range(last - 1, 0, -1):
            if steps[i][0] <= now:
                return i
        return 0

    def current(self, now: datetime) -> tuple[datetime, str]:
        """``(since, status)``: the status at ``now`` and when it began, in one look-up."""
        steps = self.steps
        last = steps[-1]
        if last[0] <= now:  # the common case, without a further call: a page reads 100
            return last
        return steps[self._current(now)]

    def next_change(self, now: datetime) -> datetime | None:
        """When the planned status next changes after ``now`` (``None``: it never will)."""
        i = self._current(now) + 1
        while i < len(self.steps):
            if self.steps[i][0] > now:
                return self.steps[i][0]
            i += 1
        return None

    def status(self, now: datetime) -> str:
        return self.current(now)[1]

    def changed_at(self, now: datetime) -> datetime:
        """When the status read at ``now`` began (the resource's last update)."""
        return self.steps[self._current(now)][0]

    def span(self, status: str, now: datetime) -> tuple[datetime, datetime | None] | None:
        """Start and (planned) end of the latest stretch in ``status`` begun by ``now``."""
        for i in range(self._current(now), -1, -1):
            at, state = self.steps[i]
            if state == status:
                end = self.steps[i + 1][0] if i + 1 < len(self.steps) else None
                return at, end
        return None

    def reading(self, now: datetime) -> tuple[tuple[datetime, str], float]:
        """The step current at ``now`` and the share of the work done then, from one look-up
        (a view of a resource still running reads both).

        The share is 0 before ``running``, linear through it, 1 once ended; a forced status
        holds the share it had when it was forced.
        """
        steps = self.steps
        i = self._current(now)
        step = steps[i]
        if self.frozen is not None:
            return step, self.frozen
        status, lifecycle = step[1], self.lifecycle
        if status != lifecycle.running:
            return step, 1.0 if status in lifecycle.terminal else 0.0
        # running: the stretch is this step, ended by the next planned one
        if i + 1 == len(steps) or steps[i + 1][0] <= step[0]:
            return step, 0.0
        began = step[0]
        return step, min(1.0, (now - began) / (steps[i + 1][0] - began))

    def progress(self, now: datetime, status: str | None = None) -> float:
        """The share of the work done at ``now`` (see ``reading``). ``status``, when the
        caller has read it at ``now`` already, answers a resource not running without a
        look-up."""
        if self.frozen is not None:
            return self.frozen
        lifecycle = self.lifecycle
        if status is not None and status != lifecycle.running:
            return 1.0 if status in lifecycle.terminal else 0.0
        return self.reading(now)[1]

    def _append(self, now: datetime, stages: Sequence[tuple[str, timedelta]], final: str) -> None:
        if self.steps:
            del self.steps[self._current(now) + 1 :]
        at = now
        for state, duration in stages:
            self.steps.append((at, state))
            at += duration
        self.steps.append((at, final))

    def force(self, resource_id: str, now: datetime, target: str) -> None:
        """Move to ``target`` now, if legal, and stay there (the rest of the plan is dropped)."""
        self.lifecycle.check(resource_id, self.status(now), target)
        life = self.lifecycle
        if target == life.success:
            self.frozen = 1.0
        elif target in life.terminal or target == life.running:
            self.frozen = self.progress(now)
        else:
            self.frozen = 0.0  # back before the work starts
        self._append(now, (), target)

    def replan(
        self,
        resource_id: str,
        now: datetime,
        stages: Sequence[tuple[str, timedelta]],
        final: str,
    ) -> None:
        """Start a new plan now (a retry), checking the first move is legal."""
        first = stages[0][0] if stages else final
        self.lifecycle.check(resource_id, self.status(now), first)
        self.frozen = None
        self._append(now, stages, final)


def merge_durations(
    defaults: Mapping[str, timedelta], overrides: Mapping[str, timedelta] | None
) -> dict[str, timedelta]:
    """The running stages of a plan: ``defaults`` with some stages' durations overridden."""
    merged = dict(defaults)
    for status, duration in (overrides or {}).items():
        if status not in defaults:
            raise ValueError(
                f"{status!r} is not a timed status; timed statuses: {', '.join(defaults)}"
            )
        if not isinstance(duration, timedelta) or duration < timedelta(0):
            raise ValueError(f"duration of {status} must be a non-negative timedelta")
        merged[status] = duration
    return merged


def grow(base: Mapping[str, int], totals: Mapping[str, int], progress: float) -> dict[str, int]:
    """Counts that move from ``base`` to ``totals`` as ``progress`` goes from 0 to 1."""
    if progress >= 1.0:
        return dict(totals)
    if not base:  # the common case, asked first: from nothing
        return {k: int(progress * v) for k, v in totals.items()}
    if progress <= 0.0 and base.keys() == totals.keys():
        return dict(base)
    return {k: base.get(k, 0) + int(progress * (v - base.get(k, 0))) for k, v in totals.items()}


class Unfinished:
    """The resources that may still be running, for "one at a time" rules and quotas.

    Each is filed under the moment its plan reaches a terminal status (a heap), or, when its
    plan never ends on its own (a forced running status), among the held ones. Reading at
    ``now`` drops those whose moment has passed, so a check costs O(log n) amortised, not a
    scan of every resource. ``add`` again after a resource's plan changes (a retry, a forced
    status): the older filing is then ignored.
    """

    def __init__(self) -> None:
        self._heap: list[tuple[datetime, int, str]] = []  # (ends, version, id)
        self._held: dict[str, Timeline] = {}
        self._live: dict[str, tuple[int, Timeline]] = {}  # id -> (version, timeline)
        self._version = 0

    def add(self, resource_id: str, timeline: Timeline) -> None:
        import heapq

        self._version += 1
        self._live[resource_id] = (self._version, timeline)
        self._held.pop(resource_id, None)
        at, final = timeline.steps[-1]
        if final in timeline.lifecycle.terminal:
            heapq.heappush(self._heap, (at, self._version, resource_id))
        else:
            self._held[resource_id] = timeline

    def _settle(self, now: datetime) -> None:
        import heapq

        heap = self._heap
        while heap and heap[0][0] <= now:
            _, version, resource_id = heapq.heappop(heap)
            if self._live.get(resource_id, (0,))[0] == version:
                del self._live[resource_id]
        for resource_id, timeline in list(self._held.items()):
            if timeline.status(now) in timeline.lifecycle.terminal:
                del self._held[resource_id]
                del self._live[resource_id]

    def count(self, now: datetime) -> int:
        """How many resources are unfinished at ``now``."""
        self._settle(now)
        return len(self._live)

    def first(self, now: datetime) -> tuple[str, str] | None:
        """``(id, status)`` of one resource unfinished at ``now`` (the earliest filed)."""
        self._settle(now)
        for resource_id, (_version, timeline) in self._live.items():
            return resource_id, timeline.status(now)
        return None
