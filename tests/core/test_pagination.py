"""Cursor tokens, sorted and timed indexes."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fakeimports import FakeCloudTrail, FakeLexModelsV2, FakeMgn, FakeSESv2
from fakeimports.core.errors import AwsError
from fakeimports.core.pagination import Pager, SortedIndex

from ..helpers import T0

# --- pagination -----------------------------------------------------------------------------


def _page(pager: Pager, operation: str, index: Any, *, filters: Any, token: Any, limit: int) -> Any:
    """What a list operation does: decode the token, then walk on from its cursor."""
    cursor = None if token is None else pager.decode(operation, filters, token)
    return pager.walk(operation, index, filters=filters, cursor=cursor, limit=limit)


def _invalid() -> AwsError:
    return AwsError("InvalidNextTokenException", "bad")


@given(keys=st.lists(st.integers(0, 10_000), unique=True), size=st.integers(1, 7), data=st.data())
def test_pages_concatenate_to_the_whole_list(
    keys: list[int], size: int, data: st.DataObject
) -> None:
    index: SortedIndex[int] = SortedIndex()
    for key in keys:
        index.add((key,), key)
    pager = Pager(b"secret", _invalid)
    seen: list[int] = []
    token = None
    added = 0
    while True:
        page = _page(pager, "List", index, filters={}, token=token, limit=size)
        seen += page.items
        if page.next_token is None:
            break
        token = page.next_token
        if data.draw(st.booleans()):  # new items arrive between pages, after the cursor
            added += 1
            index.add((20_000 + added,), 20_000 + added)
    assert seen == sorted(keys) + [20_000 + i for i in range(1, added + 1)]
    assert page.items or not seen  # the last page is never an empty one a token led to


@given(keys=st.lists(st.integers(0, 10_000), unique=True), size=st.integers(1, 7))
def test_reverse_pages_concatenate_to_the_whole_list_newest_first(
    keys: list[int], size: int
) -> None:
    index: SortedIndex[int] = SortedIndex()
    for key in keys:
        index.add((key,), key)
    pager = Pager(b"secret", _invalid)
    seen: list[int] = []
    cursor = None
    while True:
        page = pager.walk("List", index, filters={}, cursor=cursor, limit=size, reverse=True)
        seen += page.items
        assert len(page.items) <= size
        if page.next_token is None:
            break
        cursor = pager.decode("List", {}, page.next_token)
    assert seen == sorted(keys, reverse=True)
    assert page.items or not seen  # the last page is never an empty one a token led to


@given(
    held=st.lists(st.integers(0, 1_000), unique=True),
    added=st.lists(st.integers(0, 2_000), unique=True),
)
def test_extend_keeps_the_order_a_key_at_a_time_would(held: list[int], added: list[int]) -> None:
    """A run of ascending keys is appended whole after the last key held, or else added one
    by one where each belongs."""
    added = sorted(set(added) - set(held))
    index: SortedIndex[int] = SortedIndex()
    for key in held:
        index.add((key,), key)
    index.extend([(key,) for key in added], added)
    assert list(index) == sorted(held + added)
    assert index._keys == [(key,) for key in sorted(held + added)]


def test_tokens_are_signed_and_scoped() -> None:
    index: SortedIndex[int] = SortedIndex()
    for key in range(5):
        index.add((key,), key)
    pager = Pager(b"one", _invalid)
    token = _page(pager, "List", index, filters={"a": 1}, token=None, limit=2).next_token
    assert token is not None and "List" not in token
    assert _page(pager, "List", index, filters={"a": 1}, token=token, limit=2).items == [2, 3]
    for bad in (token + "x", "x" + token, "nope", "", token.replace(".", "")):
        with pytest.raises(AwsError):
            _page(pager, "List", index, filters={"a": 1}, token=bad, limit=2)
    with pytest.raises(AwsError):
        _page(pager, "Other", index, filters={"a": 1}, token=token, limit=2)
    with pytest.raises(AwsError):
        _page(pager, "List", index, filters={"a": 2}, token=token, limit=2)
    with pytest.raises(AwsError):
        _page(Pager(b"two", _invalid), "List", index, filters={"a": 1}, token=token, limit=2)


@given(
    plans=st.lists(
        st.tuples(st.lists(st.integers(0, 50), min_size=1, max_size=4), st.integers(0, 60)),
        min_size=1,
        max_size=12,
    ),
    reads=st.lists(st.integers(-5, 70), min_size=1, max_size=10),
)
def test_timed_index_matches_a_fresh_sort(
    plans: list[tuple[list[int], int]], reads: list[int]
) -> None:
    """Items whose keys change at known minutes (and vanish at an expiry), read at any
    moments, forwards or back: the index always equals sorting everything from scratch."""
    from fakeimports.core.pagination import TimedIndex

    def at(m: int) -> datetime:
        return T0 + timedelta(minutes=m)

    items = [(n, sorted(set(changes)), expiry) for n, (changes, expiry) in enumerate(plans)]

    def key(item: tuple[int, list[int], int], now: datetime) -> tuple[int, int] | None:
        n, changes, expiry = item
        if now >= at(expiry):
            return None
        past = [c for c in changes if at(c) <= now]
        return (past[-1] if past else changes[0], n)

    def next_change(item: tuple[int, list[int], int], now: datetime) -> datetime | None:
        _, changes, expiry = item
        later = [at(c) for c in [*changes, expiry] if at(c) > now]
        return min(later) if later else None

    index: TimedIndex[tuple[int, list[int], int]] = TimedIndex(key, next_change)
    for item in items:
        index.add(item, at(0))
    for minute in reads:
        now = at(minute)
        expected = sorted((k, item[0]) for item in items if (k := key(item, now)) is not None)
        assert [item[0] for item in index.at(now)] == [n for _, n in expected]


@pytest.mark.parametrize("cls", [FakeCloudTrail, FakeSESv2, FakeMgn, FakeLexModelsV2])
def test_a_non_ascii_token_is_the_services_invalid_token_error(cls: Any) -> None:
    from botocore.exceptions import ClientError

    fake = cls()
    required = {  # what each list operation needs besides its token
        "list_import_failures": {"ImportId": "a" * 36},
        "list_import_errors": {"importID": "import-" + "a" * 17},
        "list_contacts": {"ContactListName": "news"},
        "list_bot_locales": {"botId": "A" * 10, "botVersion": "DRAFT"},
    }
    if cls is FakeSESv2:
        fake.create_contact_list(ContactListName="news")
    for method, op in fake._operations.items():
        if op.listing is None:
            continue
        params = required.get(method, {})
        with pytest.raises(ClientError) as caught:
            getattr(fake, method)(**params, **{op.listing.token: "abcd.é"})
        code = op.listing.invalid_token or fake.model.invalid_token_code
        assert caught.value.response["Error"]["Code"] == code
