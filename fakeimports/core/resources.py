"""Where a fake keeps the resources an import API creates, and their failure rows.

* :class:`ResourceTable` holds one kind of resource (imports, import jobs, import tasks): by
  id, in creation order for listing, and the unfinished ones for quotas and "one at a time"
  rules. It raises the service's not-found error, and the control's ``KeyError``.
* :class:`Rows` holds the failure or error rows of one import (CloudTrail's
  ``ListImportFailures``, MGN's ``ListImportErrors``): scripted rows wait, unseen, until the
  attempt that planned them ends; rows added by a test show at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Generic, Protocol, TypeVar

from .described import described
from .errors import AwsError
from .lifecycle import Lifecycle, Timeline, Unfinished
from .pagination import SortedIndex, ms

__all__ = ["ResourceTable", "Row", "RowOwner", "Rows", "Timed", "add_row"]


class Timed(Protocol):
    """A resource that moves through a lifecycle: it has a ``timeline``."""

    @property
    def timeline(self) -> Timeline: ...


R = TypeVar("R", bound=Timed)
T = TypeVar("T")


class ResourceTable(Generic[R]):
    """One kind of resource of one fake, by id and in creation order."""

    def __init__(
        self, lifecycle: Lifecycle, not_found: Callable[[str], AwsError] | None = None
    ) -> None:
        self.lifecycle = lifecycle
        self._not_found = not_found
        self._by_id: dict[str, R] = {}
        self._keys: dict[str, tuple[int, int]] = {}
        self.index: SortedIndex[R] = SortedIndex()
        self._unfinished = Unfinished()

    def add(self, resource_id: str, created: datetime, resource: R) -> R:
        """Keep a new resource; it counts as unfinished until its plan ends.

        The list order is creation time (ms), then the order resources were made: a key
        that only grows, so adding costs an append even while the clock stands still.
        """
        key = (ms(created), len(self._keys))
        self._by_id[resource_id] = resource
        self._keys[resource_id] = key
        self.index.add(key, resource)
        self._unfinished.add(resource_id, resource.timeline)
        return resource

    def chosen(self, resource_ids: Iterable[str]) -> SortedIndex[R]:
        """An index of just these resources, in list order (an unknown id is left out): a
        filter by a few ids looks them up instead of scanning."""
        by_id, keys = self._by_id, self._keys
        return SortedIndex.of([(keys[i], by_id[i]) for i in resource_ids if i in by_id])

    def key(self, resource_id: str) -> tuple[int, int]:
        """Where the resource sorts in ``index``."""
        return self._keys[resource_id]

    def replanned(self, resource_id: str) -> None:
        """Call after a resource's timeline changed (forced, stopped, retried, failed)."""
        self._unfinished.add(resource_id, self._by_id[resource_id].timeline)

    def get(self, resource_id: str) -> R | None:
        return self._by_id.get(resource_id)

    def find(self, resource_id: str) -> R:
        """The resource, or the service's modeled not-found error."""
        found = self._by_id.get(resource_id)
        if found is None:
            assert self._not_found is not None, "this resource has no modeled not-found error"
            raise self._not_found(resource_id)
        return found

    def lookup(self, resource_id: str) -> R:
        """The resource, for a test control: ``KeyError`` when the fake has none."""
        found = self._by_id.get(resource_id)
        if found is None:
            raise KeyError(f"no {self.lifecycle.kind} {resource_id!r} in this fake")
        return found

    def unfinished(self, now: datetime) -> int:
        """How many resources are not yet in a terminal status at ``now``."""
        return self._unfinished.count(now)

    def first_unfinished(self, now: datetime) -> tuple[str, str] | None:
        """``(id, status)`` of one resource not yet in a terminal status at ``now``."""
        return self._unfinished.first(now)

    def __contains__(self, resource_id: object) -> bool:
        return resource_id in self._by_id

    def __iter__(self) -> Iterator[R]:
        return iter(list(self._by_id.values()))

    def __len__(self) -> int:
        return len(self._by_id)


@described
class Row(Generic[T]):
    """One failure or error row: what it says, the attempt it belongs to, when it appeared.

    ``at`` is ``None`` for a scripted row: it appears when its attempt ends. A plain slotted
    class: an import may add thousands (see ``described`` on what an attrs class costs).
    """

    __slots__ = ("at", "attempt", "data")

    def __init__(self, data: T, attempt: int, at: datetime | None) -> None:
        self.data = data
        self.attempt = attempt
        self.at = at


class Rows(Generic[T]):
    """The failure or error rows of one import, in the order they were added."""

    def __init__(self) -> None:
        self.index: SortedIndex[Row[T]] = SortedIndex()
        self._added = 0

    def add(self, data: T, attempt: int, at: datetime | None = None) -> None:
        self._added += 1
        self.index.add((self._added,), Row(data, attempt, at))

    @staticmethod
    def visible(row: Row[T], attempt: int, ended: bool) -> bool:
        """A row shows once it happened: added by a test, or its (current) attempt has ended."""
        return row.at is not None or (row.attempt == attempt and ended)

    def settle(self, attempt: int, at: datetime, *, keep: bool) -> None:
        """Fix the scripted rows of ``attempt``: they happened at ``at`` (``keep``) or never."""
        for key, row in list(self.index.after(None)):
            if row.at is None and row.attempt == attempt:
                if keep:
                    row.at = at
                else:
                    self.index.discard(key)


class RowOwner(Protocol[T]):
    """A resource with failure or error rows: ``None`` until the first (most have none), and
    the attempt its new rows belong to."""

    rows: Rows[T] | None

    @property
    def attempt(self) -> int: ...


def add_row(owner: RowOwner[T], data: T, at: datetime | None = None) -> None:
    """One row of ``owner``'s current attempt (``at``: when it appeared; ``None``: scripted,
    it appears when its attempt ends); the rows are made with the first."""
    rows = owner.rows
    if rows is None:
        rows = owner.rows = Rows()
    rows.add(data, owner.attempt, at)
