"""A fake no longer used is freed at once, by reference counting.

Were a fake part of a reference cycle, everything it holds (a million imported contacts, a
bot's intents) would wait for the cyclic garbage collector, and every test after it would
run slower while the heap it must scan grows.
"""

from __future__ import annotations

import copy
import gc
import weakref
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from typing import Any

import pytest

from fakeimports import FakeCloudTrail, FakeLexModelsV2, FakeMgn, FakeSESv2, ManualClock
from tests.helpers import bot_archive
from tests.services import test_cloudtrail_data as trail
from tests.services import test_lexv2_models_data as lex_data
from tests.services import test_mgn_data as mgn_data

T0 = datetime(2026, 3, 10, 12, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def _no_cyclic_collector() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    yield
    if enabled:
        gc.enable()


def _ses() -> FakeSESv2:
    ses = FakeSESv2(clock=ManualClock(T0))
    ses.create_contact_list(ContactListName="news")
    ses.objects.put("s3://l/c.csv", "emailAddress\na@example.com\nb@example.com\n")
    destination = {
        "ContactListDestination": {"ContactListName": "news", "ContactListImportAction": "PUT"}
    }
    ses.create_import_job(
        ImportDestination=destination,
        ImportDataSource={"S3Url": "s3://l/c.csv", "DataFormat": "CSV"},
    )
    ses.clock.advance(hours=1)
    ses.list_contacts(ContactListName="news", PageSize=1)
    ses.control.fail_next("get_import_job", "TooManyRequestsException")
    return ses


def _cloudtrail() -> FakeCloudTrail:
    ct = FakeCloudTrail(clock=ManualClock(trail.NOW), seed=4)
    for url, body in trail.realistic_trail().items():
        ct.objects.put(url, body)
    trail._run(ct)
    list(ct.get_paginator("list_imports").paginate())
    return ct


def _mgn() -> FakeMgn:
    clock = ManualClock(T0)
    mgn = FakeMgn(clock=clock, seed=5)
    mgn.initialize_service()
    mgn_data._run(mgn, clock, mgn_data.TEMPLATE)
    mgn.describe_source_servers(maxResults=1)
    return mgn


def _lex() -> FakeLexModelsV2:
    lex = FakeLexModelsV2(clock=ManualClock(T0), seed=2)
    lex_data._import(lex, bot_archive())
    lex.list_imports(maxResults=1)
    return lex


SCENARIOS: dict[str, Callable[[], Any]] = {
    "sesv2": _ses,
    "cloudtrail": _cloudtrail,
    "mgn": _mgn,
    "lexv2-models": _lex,
}


@pytest.mark.parametrize("service", SCENARIOS)
def test_a_fake_dropped_after_an_import_is_freed_without_the_cyclic_collector(
    service: str,
) -> None:
    fake = SCENARIOS[service]()
    gone = weakref.ref(fake)
    copied = copy.deepcopy(fake)
    gone_copy = weakref.ref(copied)
    del fake
    assert gone() is None
    del copied
    assert gone_copy() is None


def test_a_control_is_a_view_of_its_fake_however_it_is_reached() -> None:
    ses = FakeSESv2()
    kept = ses.control
    kept.fail_next("list_import_jobs", "TooManyRequestsException")
    with pytest.raises(ses.exceptions.TooManyRequestsException):
        ses.list_import_jobs()
    ses.list_import_jobs()
    assert (
        [c.error is None for c in ses.control.calls]
        == [False, True]
        == [c.error is None for c in kept.calls]
    )
    assert FakeSESv2().control.call_count == 0  # a control of a fake nobody holds still works
