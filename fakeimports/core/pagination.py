"""Cursor pagination shared by every list operation.

A token encodes *where the last page ended* (the sort key of its last item, never an offset),
signed together with the request's filters by a secret of the fake that issued it. Hence
tokens stay valid while items are added, a page costs O(page + log n) (a bisect into a sorted
index, then a walk), and a token that was tampered with, came from another fake,
region or operation, or is replayed with different filters is refused with the service's own
modeled error.
"""

from __future__ import annotations

import bisect
import functools
import operator
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime, timedelta, timezone
from typing import Any, Generic, TypeVar

import attrs

from .described import described
from .errors import AwsError

__all__ = ["Listing", "Page", "Pager", "SortedIndex", "TimedIndex", "from_ms", "ms"]

T = TypeVar("T")
Key = tuple[Any, ...]


_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


_MS = timedelta(milliseconds=1)


def ms(moment: datetime) -> int:
    """Milliseconds since the epoch: how keys and tokens hold a moment."""
    return (moment - _EPOCH) // _MS


def from_ms(value: int) -> datetime:
    return _EPOCH + timedelta(milliseconds=value)


class SortedIndex(Generic[T]):
    """Items in ascending key order; keys are tuples of ints and strings (JSON-safe).

    Keys and items sit in two parallel lists: a page is a bisect and a slice walk, with no
    per-item hashing, which keeps the cost per item flat from 10 to 100,000 items.
    """

    def __init__(self) -> None:
        self._keys: list[Key] = []
        self._values: list[T] = []

    @classmethod
    def of(cls, keyed: list[tuple[Key, T]]) -> SortedIndex[T]:
        """An index of ``(key, item)`` pairs built in one sort (for orders that change); the
        keys are distinct (ids are part of every key)."""
        index: SortedIndex[T] = cls.__new__(cls)
        if len(keyed) > 1:
            keyed = sorted(keyed, key=_first)
        index._keys = list(map(_first, keyed))
        index._values = list(map(_second, keyed))
        return index

    def add(self, key: Key, item: T) -> None:
        keys = self._keys
        if not keys or key > keys[-1]:  # the common case: newest last, O(1)
            keys.append(key)
            self._values.append(item)
            return
        at = bisect.bisect_left(keys, key)
        if at < len(keys) and keys[at] == key:
            raise KeyError(f"duplicate key {key!r}")
        keys.insert(at, key)
        self._values.insert(at, item)

    def extend(self, keys: list[Key], items: list[T]) -> None:
        """Add items whose ``keys`` ascend: one append of each list when they all come after
        the last key held (an import writing records in time order), else one by one."""
        held = self._keys
        if keys and (not held or keys[0] > held[-1]):
            held.extend(keys)
            self._values.extend(items)
            return
        for key, item in zip(keys, items, strict=True):
            self.add(key, item)

    def update(self, removed: list[Key], added: list[tuple[Key, T]]) -> None:
        """Remove ``removed`` keys and add ``added`` items in one pass: O(n + k log k).

        One at a time, k changes in a list of n cost O(k x n); a clock move that re-keys
        many items at once (Lex imports completing together) comes here instead.
        """
        if len(removed) + len(added) < 64:
            for key in removed:
                self.discard(key)
            for key, item in added:
                self.add(key, item)
            return
        gone = set(removed)
        kept = [(k, v) for k, v in zip(self._keys, self._values, strict=True) if k not in gone]
        merged = sorted(kept + sorted(added, key=lambda pair: pair[0]), key=lambda p: p[0])
        self._keys = [k for k, _ in merged]
        self._values = [v for _, v in merged]

    def replace(self, key: Key, item: T) -> None:
        """Put ``item`` in the place of the item at ``key`` (which must be there): O(log n)."""
        at = bisect.bisect_left(self._keys, key)
        if at == len(self._keys) or self._keys[at] != key:
            raise KeyError(key)
        self._values[at] = item

    def discard(self, key: Key) -> None:
        at = bisect.bisect_left(self._keys, key)
        if at < len(self._keys) and self._keys[at] == key:
            del self._keys[at]
            del self._values[at]

    def __len__(self) -> int:
        return len(self._keys)

    def __iter__(self) -> Iterator[T]:
        return iter(list(self._values))

    def slice_after(
        self, key: Key | None, count: int, *, reverse: bool = False
    ) -> tuple[list[T], Key | None]:
        """Up to ``count`` items past ``key`` in key (or ``reverse``) order, one list slice,
        and the key of the last of them when more items follow it (else ``None``)."""
        keys = self._keys
        if reverse:
            stop = len(keys) if key is None else bisect.bisect_left(keys, key)
            start = max(stop - count, 0)
            return self._values[start:stop][::-1], keys[start] if start > 0 else None
        start = 0 if key is None else bisect.bisect_right(keys, key)
        stop = start + count
        return self._values[start:stop], keys[stop - 1] if stop < len(keys) else None

    def after(self, key: Key | None, *, reverse: bool = False) -> Iterator[tuple[Key, T]]:
        """Items past ``key`` (all of them for ``None``), in key order or ``reverse`` order."""
        keys = self._keys
        values = self._values
        if reverse:
            stop = len(keys) if key is None else bisect.bisect_left(keys, key)
            for i in range(stop - 1, -1, -1):
                yield keys[i], values[i]
            return
        start = 0 if key is None else bisect.bisect_right(keys, key)
        for i in range(start, len(keys)):
            yield keys[i], values[i]


class TimedIndex(Generic[T]):
    """A sorted index whose keys change with time, at moments known in advance.

    Lex lists imports by *last update*, which moves when an import's status does. Each item
    says its key at a time (``None``: no longer listed) and when that key next changes; the
    index re-keys only the items whose moment has come, in one merge (O(n + k log k) for k
    changes; O(k log n)-ish when few), not a sort of everything. A clock moved backwards
    triggers one full rebuild.
    """

    def __init__(
        self,
        key: Callable[[T, datetime], Key | None],
        next_change: Callable[[T, datetime], datetime | None],
    ) -> None:
        self._key = key
        self._next_change = next_change
        self._all: list[T] = []
        self._index: SortedIndex[T] = SortedIndex()
        self._current: dict[int, Key] = {}  # id(item) -> its key in the index
        self._version: dict[int, int] = {}
        self._heap: list[tuple[datetime, int, int, int]] = []  # (when, seq, id, version)
        self._by_id: dict[int, T] = {}
        self._seq = 0
        self._at: datetime | None = None
        self._stale = False
        self._moved: datetime | None = None  # when a listed item last changed its key
        self._snapshot: tuple[datetime, SortedIndex[T]] | None = None

    def __getstate__(self) -> dict[str, Any]:
        """Copies rebuild the index: its bookkeeping is keyed by ``id()`` of the items."""
        return {"key": self._key, "next_change": self._next_change, "all": self._all}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["key"], state["next_change"])  # type: ignore[misc]
        self._all = state["all"]
        self._by_id = {id(item): item for item in self._all}
        self._stale = True  # rebuilt on the next read, once the owner is whole again

    def add(self, item: T, now: datetime) -> None:
        self._all.append(item)
        self._by_id[id(item)] = item
        self.touch(item, now)

    def touch(self, item: T, now: datetime) -> None:
        """Re-key ``item`` now (after anything that changed it outside its plan)."""
        if self._at is None or now > self._at:
            self._at = now  # the index now reflects this moment
        removed: list[Key] = []
        added: list[tuple[Key, T]] = []
        self._rekey(item, now, removed, added)
        self._index.update(removed, added)

    def _rekey(
        self, item: T, now: datetime, removed: list[Key], added: list[tuple[Key, T]]
    ) -> None:
        """Work out ``item``'s move at ``now`` and schedule its next one."""
        import heapq

        ident = id(item)
        old = self._current.pop(ident, None)
        key = self._key(item, now)
        if old is not None:
            removed.append(old)
            if old != key:
                self._moved = now
        version = self._version.get(ident, 0) + 1
        self._version[ident] = version
        if key is not None:
            added.append((key, item))
            self._current[ident] = key
        # even an item no longer listed may come back (a later status change): keep watching
        when = self._next_change(item, now)
        if when is not None:
            self._seq += 1
            heapq.heappush(self._heap, (when, self._seq, ident, version))

    def at(self, now: datetime) -> SortedIndex[T]:
        """The index as of ``now``."""
        import heapq

        if self._stale or (self._at is not None and now < self._at):
            self._stale = False
            self._current, self._version, self._heap = {}, {}, []
            self._index = SortedIndex()
            added: list[tuple[Key, T]] = []
            for item in self._all:
                self._rekey(item, now, [], added)
            self._index = SortedIndex.of(added)
        heap = self._heap
        due: dict[int, T] = {}
        while heap and heap[0][0] <= now:
            _when, _seq, ident, version = heapq.heappop(heap)
            if self._version.get(ident) == version:
                due[ident] = self._by_id[ident]
        if due:
            removed: list[Key] = []
            moved: list[tuple[Key, T]] = []
            for item in due.values():
                self._rekey(item, now, removed, moved)
            self._index.update(removed, moved)
        self._at = now
        return self._index

    def as_of(self, moment: datetime, now: datetime) -> SortedIndex[T]:
        """The items in the order they had at ``moment`` (a walk's first page), read at ``now``.

        While no listed item has moved since ``moment`` this is the live index; otherwise a
        snapshot sorted once per walk (cached), so a walk over pages meets every item that
        was listed when it began exactly once, however the clock moves between pages.
        """
        current = self.at(now)
        if self._moved is None or self._moved <= moment:
            return current
        cached = self._snapshot
        if cached is None or cached[0] != moment:
            keyed = [
                (key, item) for item in self._all if (key := self._key(item, moment)) is not None
            ]
            cached = (moment, SortedIndex.of(keyed))
            self._snapshot = cached
        return cached[1]


@described
@attrs.frozen(repr=False, eq=False)
class Listing:
    """How one list operation pages: its members and page sizes (declared in ``shapes.py``).

    ``maximum`` is checked by the service only where the model sets no bound of its own
    (SES's ``PageSize``); elsewhere the shape's ``max`` already rejects a larger page.
    """

    token: str  # the request's and the response's token member
    limit: str  # the page-size member
    items: str  # the member holding the page's items
    default: int = 1000
    maximum: int | None = None
    # the operation's own bad-token error code and message, and page-size message, where
    # they differ from the service's
    invalid_token: str | None = None
    invalid_token_message: str | None = None
    size_message: str | None = None


class Page(Generic[T]):
    """One page: its items, and the token of the next page (``None`` on the last).

    A plain slotted class, not an attrs one: a page is made on every list call, and an attrs
    class costs a fake's import a quarter of a millisecond to create (see ``described``).
    """

    __slots__ = ("items", "next_token")

    def __init__(self, items: list[T], next_token: str | None) -> None:
        self.items = items
        self.next_token = next_token


# binascii, hashlib and json load on the first token, keeping ``import fakeimports`` fast.


class _Codec:
    """The token codec's tools, made once on first use (a token costs a few microseconds)."""

    def __init__(self) -> None:
        import binascii
        import hashlib
        import json

        self.error = binascii.Error
        self.to_b64 = binascii.b2a_base64
        self.from_b64 = binascii.a2b_base64
        self.blake2b = hashlib.blake2b
        self.quote = json.encoder.encode_basestring_ascii
        self.canonical = json.JSONEncoder(sort_keys=True, default=str, separators=(",", ":")).encode
        self.scan = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


_first = operator.itemgetter(0)
_second = operator.itemgetter(1)
_URLSAFE = bytes.maketrans(b"+/", b"-_")
_STANDARD = str.maketrans("-_", "+/")
_codec = functools.cache(_Codec)


def _b64(data: bytes) -> str:
    """URL-safe base64 without padding."""
    return _codec().to_b64(data, newline=False).translate(_URLSAFE).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    """Its bytes; ``ValueError`` (``binascii.Error`` is one) for what is not base64. Lenient
    as ``base64.urlsafe_b64decode``: the signature, not the alphabet, makes a token valid."""
    return _codec().from_b64((text + "=" * (-len(text) % 4)).translate(_STANDARD))


class Pager:
    """Issues and checks the tokens of one fake.

    A token is the cursor in JSON and URL-safe base64, and a MAC (keyed BLAKE2b, one call)
    over the operation, the request's filters and that cursor, keyed with the fake's secret:
    a token of another fake, operation or set of filters, or one tampered with, fails the
    MAC. ``invalid`` builds the service's modeled error for a bad token (CloudTrail's
    InvalidNextTokenException, SES's BadRequestException, …).
    """

    def __init__(self, secret: bytes, invalid: Callable[[], AwsError]) -> None:
        self._secret = secret
        self._invalid = invalid

    def _sign(self, operation: str, filters: Mapping[str, Any], payload: bytes) -> str:
        codec = _codec()
        # a filter given as None is no filter: such requests bind alike, without any JSON
        given = {key: value for key, value in filters.items() if value is not None}
        bound = codec.canonical(given) if given else "{}"
        mac = codec.blake2b(payload, key=self._secret, digest_size=12)
        mac.update(f"\0{operation}\0{bound}".encode())
        return _b64(mac.digest())

    def encode(self, operation: str, filters: Mapping[str, Any], cursor: Key) -> str:
        quote = _codec().quote  # a cursor holds ints and strings: JSON by hand, in one join
        text = ",".join([str(part) if type(part) is int else quote(part) for part in cursor])
        raw = f"[{text}]".encode()
        return f"{_b64(raw)}.{self._sign(operation, filters, raw)}"

    def decode(self, operation: str, filters: Mapping[str, Any], token: str) -> Key:
        codec = _codec()
        try:
            body, signature = token.split(".")
            raw = _unb64(body)
        except (ValueError, codec.error):  # a non-ASCII body is a ValueError too
            raise self._invalid() from None
        # both ASCII once signed: a plain compare will do
        if signature != self._sign(operation, filters, raw):
            raise self._invalid()
        cursor, _ = codec.scan(raw.decode(), 0)  # signed by this fake: its own JSON
        return tuple(cursor)

    def walk(
        self,
        operation: str,
        index: SortedIndex[T],
        *,
        filters: Mapping[str, Any],
        cursor: Key | None,
        limit: int,
        keep: Callable[[T], bool] | None = None,
        reverse: bool = False,
        prefix: Key = (),
    ) -> Page[T]:
        """One page of ``index`` after the key ``cursor``; the next token carries ``prefix``."""
        if keep is None:  # no filter: the page is a slice, found by one bisect
            items, last_key = index.slice_after(cursor, limit, reverse=reverse)
            if last_key is None:
                return Page(items, None)
            return Page(items, self.encode(operation, filters, prefix + last_key))
        items = []
        last: Key | None = None
        for key, item in index.after(cursor, reverse=reverse):
            if keep is not None and not keep(item):
                continue
            if len(items) == limit:
                assert last is not None
                return Page(items, self.encode(operation, filters, prefix + last))
            items.append(item)
            last = key
        return Page(items, None)
