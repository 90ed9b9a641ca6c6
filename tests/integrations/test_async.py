"""aiobotocore (and aioboto3) clients served as boto3's are: inside ``mock_imports()``, through
``attach``, and in async pytest tests with the plugin's fixtures. Runs where aiobotocore is
installed (the CI matrix); skipped elsewhere."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest

aiobotocore_session = pytest.importorskip("aiobotocore.session")

from fakeimports import FakeCloudTrail, ManualClock, attach, mock_imports  # noqa: E402

from ..helpers import SOURCE, T0  # noqa: E402

LEX_BOT = {
    "botImportSpecification": {
        "botName": "Async",
        "roleArn": "arn:aws:iam::123456789012:role/LexImportRole",
        "dataPrivacy": {"childDirected": False},
    }
}


@pytest.fixture(autouse=True)
def no_network_but_credentials(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Credentials in the environment, as on a developer's machine; sockets are refused."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAREALLOOKING00000")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "real/looking/secret")

    def refused(*args: Any, **kwargs: Any) -> None:
        raise ConnectionRefusedError("the network is not for tests")

    monkeypatch.setattr(socket.socket, "connect", refused)
    yield


async def _full_import(cloudtrail: Any, lex: Any) -> None:
    """A CloudTrail import with a paginator and a modeled error, and a Lex waiter."""
    store = (await cloudtrail.create_event_data_store(Name="lake"))["EventDataStoreArn"]
    started = await cloudtrail.start_import(Destinations=[store], ImportSource=SOURCE)
    assert started["ImportStatus"] == "INITIALIZING"
    with pytest.raises(cloudtrail.exceptions.AccountHasOngoingImportException):
        await cloudtrail.start_import(Destinations=[store], ImportSource=SOURCE)
    ids = [
        imp["ImportId"]
        async for page in cloudtrail.get_paginator("list_imports").paginate(
            PaginationConfig={"PageSize": 1}
        )
        for imp in page["Imports"]
    ]
    assert ids == [started["ImportId"]]
    upload = await lex.create_upload_url()
    await lex.start_import(
        importId=upload["importId"], resourceSpecification=LEX_BOT, mergeStrategy="Overwrite"
    )
    await lex.get_waiter("bot_import_completed").wait(importId=upload["importId"])  # the clock
    running = await cloudtrail.get_import(ImportId=started["ImportId"])
    assert running["ImportStatus"] == "IN_PROGRESS"  # the waiter's minute moved the clock on


@pytest.mark.asyncio
async def test_a_client_made_inside_a_block_is_served() -> None:
    with mock_imports(clock=ManualClock(T0)):
        session = aiobotocore_session.get_session()
        async with (
            session.create_client("cloudtrail", region_name="us-east-1") as cloudtrail,
            session.create_client("lexv2-models", region_name="us-east-1") as lex,
        ):
            await _full_import(cloudtrail, lex)


@pytest.mark.asyncio
async def test_attach_serves_an_async_client() -> None:
    clock = ManualClock(T0)
    session = aiobotocore_session.get_session()
    async with session.create_client("cloudtrail", region_name="us-east-1") as cloudtrail:
        fake = attach(cloudtrail, FakeCloudTrail(clock=clock))
        store = (await cloudtrail.create_event_data_store(Name="lake"))["EventDataStoreArn"]
        with pytest.raises(cloudtrail.exceptions.EventDataStoreNotFoundException):
            await cloudtrail.get_event_data_store(EventDataStore="a" * 36)
        assert fake.control.calls[-1].operation == "get_event_data_store"
        assert store in [
            s["EventDataStoreArn"] for s in fake.list_event_data_stores()["EventDataStores"]
        ]


@pytest.mark.asyncio
async def test_aioboto3_sessions_are_served() -> None:
    aioboto3 = pytest.importorskip("aioboto3")
    with mock_imports(clock=ManualClock(T0)):
        session = aioboto3.Session()
        async with (
            session.client("cloudtrail", region_name="us-east-1") as cloudtrail,
            session.client("lexv2-models", region_name="us-east-1") as lex,
        ):
            await _full_import(cloudtrail, lex)


@pytest.mark.asyncio
async def test_an_async_test_with_the_plugins_fixtures(
    mocked_imports: Any, fake_clock: Any
) -> None:
    session = aiobotocore_session.get_session()
    async with session.create_client("mgn", region_name="us-east-1") as mgn:
        task = (await mgn.start_import(s3BucketSource={"s3Bucket": "b", "s3Key": "k.csv"}))[
            "importTask"
        ]
        fake_clock.advance(hours=1)
        listed = await mgn.list_imports()
        assert listed["items"][0]["importID"] == task["importID"]
        assert listed["items"][0]["status"] == "SUCCEEDED"
    assert mocked_imports.mgn().control.call_count == 2


@pytest.mark.asyncio
async def test_unserved_operations_are_refused_without_the_network() -> None:
    from fakeimports.integrations.boto import UnservedOperationError

    with mock_imports(clock=ManualClock(T0)):
        session = aiobotocore_session.get_session()
        async with session.create_client("cloudtrail", region_name="us-east-1") as cloudtrail:
            with pytest.raises(UnservedOperationError):
                await cloudtrail.describe_trails()


@pytest.mark.asyncio
async def test_unserved_operations_are_refused_even_with_moto_active() -> None:
    moto = pytest.importorskip("moto")
    from fakeimports.integrations.boto import UnservedOperationError

    with moto.mock_aws(), mock_imports(clock=ManualClock(T0)):
        session = aiobotocore_session.get_session()
        async with session.create_client("cloudtrail", region_name="us-east-1") as cloudtrail:
            with pytest.raises(UnservedOperationError):
                await cloudtrail.describe_trails()
