"""Cursor pagination shared by every list operation.

A token encodes *where the last page ended* (the sort key of its last item, never an offset)
plus a fingerprint of the request's filters, and is signed with a secret of the fake that issued
it. Hence tokens stay valid while items are added, a page costs O(page + log n) (a bisect into
a sorted index, then a walk), and a token that was tampered with, came from another fake,
region or operation, or is replayed with different filters is refused with the service's own
modeled error.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime, timedelta, timezone
from typing import Any, Generic, TypeVar

import attrs

from .errors import AwsError

__all__ = ["Page", "Pager", "SortedIndex", "time_key"]

T = TypeVar("T")
Key = tuple[Any, ...]


_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def time_key(created: datetime, resource_id: str) -> tuple[int, str]:
    """Index key ordering by creation time (ms), then id: the list order of every service."""
    return (created - _EPOCH) // timedelta(milliseconds=1), resource_id


class SortedIndex(Generic[T]):
    """Items in ascending key order; keys are tuples of ints and strings (JSON-safe)."""

    def __init__(self) -> None:
        self._keys: list[Key] = []
        self._items: dict[Key, T] = {}

    @classmethod
    def of(cls, keyed: list[tuple[Key, T]]) -> SortedIndex[T]:
        """An index of ``(key, item)`` pairs built in one sort (for orders that change)."""
        index: SortedIndex[T] = cls()
        for key, item in sorted(keyed, key=lambda pair: pair[0]):
            index.add(key, item)
        return index

    def add(self, key: Key, item: T) -> None:
        if key in self._items:
            raise KeyError(f"duplicate key {key!r}")
        if not self._keys or key > self._keys[-1]:
            self._keys.append(key)  # the common case: newest last, O(1)
        else:
            bisect.insort(self._keys, key)
        self._items[key] = item

    def discard(self, key: Key) -> None:
        if self._items.pop(key, None) is not None:
            del self._keys[bisect.bisect_left(self._keys, key)]

    def __len__(self) -> int:
        return len(self._keys)

    def __iter__(self) -> Iterator[T]:
        return (self._items[k] for k in self._keys)

    def after(self, key: Key | None) -> Iterator[tuple[Key, T]]:
        """Items whose key is greater than ``key`` (all of them for ``None``), in order."""
        start = 0 if key is None else bisect.bisect_right(self._keys, key)
        items = self._items
        keys = self._keys
        for i in range(start, len(keys)):
            k = keys[i]
            yield k, items[k]


@attrs.frozen
class Page(Generic[T]):
    items: list[T]
    next_token: str | None


# base64, hashlib, hmac and json load on the first token, keeping ``import fakeimports`` fast.


def _b64(data: bytes) -> str:
    import base64

    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    import base64

    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def fingerprint(filters: Mapping[str, Any]) -> str:
    """A short digest of the request parameters a token is bound to."""
    import hashlib
    import json

    canonical = json.dumps(filters, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


class Pager:
    """Issues and checks the tokens of one fake.

    ``invalid`` builds the service's modeled error for a bad token (CloudTrail's
    InvalidNextTokenException, SES's BadRequestException, …).
    """

    def __init__(self, secret: bytes, invalid: Callable[[str], AwsError]) -> None:
        self._secret = secret
        self._invalid = invalid

    def _sign(self, payload: bytes) -> str:
        import hashlib
        import hmac

        return _b64(hmac.new(self._secret, payload, hashlib.sha256).digest()[:12])

    def encode(self, operation: str, filters: Mapping[str, Any], cursor: Key) -> str:
        import json

        payload = json.dumps([operation, fingerprint(filters), list(cursor)], separators=(",", ":"))
        raw = payload.encode()
        return f"{_b64(raw)}.{self._sign(raw)}"

    def decode(self, operation: str, filters: Mapping[str, Any], token: str) -> Key:
        import binascii
        import hmac
        import json

        try:
            body, signature = token.split(".")
            raw = _unb64(body)
        except (ValueError, binascii.Error):
            raise self._invalid(token) from None
        if not hmac.compare_digest(signature, self._sign(raw)):
            raise self._invalid(token)
        op, digest, cursor = json.loads(raw)
        if op != operation or digest != fingerprint(filters):
            raise self._invalid(token)
        return tuple(cursor)

    def page(
        self,
        operation: str,
        index: SortedIndex[T],
        *,
        filters: Mapping[str, Any],
        token: str | None,
        limit: int,
        keep: Callable[[T], bool] | None = None,
    ) -> Page[T]:
        """One page of ``index`` after ``token``; ``keep`` filters items on the way."""
        cursor = None if token is None else self.decode(operation, filters, token)
        items: list[T] = []
        last: Key | None = None
        for key, item in index.after(cursor):
            if keep is not None and not keep(item):
                continue
            if len(items) == limit:
                assert last is not None
                return Page(items, self.encode(operation, filters, last))
            items.append(item)
            last = key
        return Page(items, None)
