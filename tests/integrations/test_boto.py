"""Real boto3 clients served by the fakes: attach, detach and mock_imports."""

from __future__ import annotations

import asyncio
import threading
import unittest
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import boto3
import botocore.session
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError, ParamValidationError, WaiterError

from fakeimports import (
    FakeCloudTrail,
    FakeLexModelsV2,
    FakeMgn,
    FakeSESv2,
    ManualClock,
    attach,
    detach,
    mock_imports,
)

from ..helpers import SOURCE, T0

ROLE = "arn:aws:iam::123456789012:role/LexImportRole"
BOT = {
    "botImportSpecification": {
        "botName": "B",
        "roleArn": ROLE,
        "dataPrivacy": {"childDirected": False},
    }
}


@pytest.fixture(autouse=True)
def no_aws_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> Iterator[None]:
    """No credentials and no config files (and, from conftest, no network): none is needed."""
    import os

    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setattr(boto3, "DEFAULT_SESSION", None)
    yield


def client(service: str, **kwargs: Any) -> Any:
    """A client made the usual way in a test: botocore still looks for credentials when a
    client is created (before any fake is attached), so tell it not to probe EC2 metadata."""
    import os

    os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
    try:
        return boto3.client(service, region_name=kwargs.pop("region_name", "us-east-1"), **kwargs)
    finally:
        del os.environ["AWS_EC2_METADATA_DISABLED"]


# --- attach ---------------------------------------------------------------------------------


def test_cloudtrail_end_to_end(clock: ManualClock) -> None:
    ct = client("cloudtrail")
    fake = attach(ct, FakeCloudTrail(clock=clock))
    store = ct.create_event_data_store(Name="lake")["EventDataStoreArn"]
    started = ct.start_import(Destinations=[store], ImportSource=SOURCE)
    assert started["ImportStatus"] == "INITIALIZING"
    clock.advance(hours=1)
    assert ct.get_import(ImportId=started["ImportId"])["ImportStatus"] == "COMPLETED"
    assert fake.control.calls_to("start_import")[0].params["Destinations"] == [store]
    with pytest.raises(ct.exceptions.ImportNotFoundException) as err:
        ct.stop_import(ImportId="a" * 36)
    assert err.value.operation_name == "StopImport"
    assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    with pytest.raises(ct.exceptions.InvalidParameterException):
        ct.list_imports(MaxResults=1001)  # max is the service's to check


def test_client_side_validation_stays_the_clients(clock: ManualClock) -> None:
    ct = client("cloudtrail")
    fake = attach(ct, FakeCloudTrail(clock=clock))
    with pytest.raises(ParamValidationError):
        ct.list_imports(MaxResults=0)
    assert fake.control.calls == []  # it never reached the fake


def test_real_paginator_runs_over_the_fake(clock: ManualClock) -> None:
    ct = client("cloudtrail")
    fake = attach(ct, FakeCloudTrail(clock=clock, durations={"IN_PROGRESS": timedelta(0)}))
    store = fake.create_event_data_store(Name="lake")["EventDataStoreArn"]
    ids = []
    for _ in range(5):
        ids.append(fake.start_import(Destinations=[store], ImportSource=SOURCE)["ImportId"])
        clock.advance(minutes=2)
    pages = list(ct.get_paginator("list_imports").paginate(PaginationConfig={"PageSize": 2}))
    assert [i["ImportId"] for p in pages for i in p["Imports"]] == ids
    assert len(pages) == 3


def test_sesv2_errors_and_status_codes(clock: ManualClock) -> None:
    ses = client("sesv2")
    attach(ses, FakeSESv2(clock=clock))
    with pytest.raises(ses.exceptions.NotFoundException) as err:
        ses.get_import_job(JobId="nope")
    assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    ses.create_contact_list(ContactListName="news")
    with pytest.raises(ses.exceptions.BadRequestException, match="A maximum of 1 Lists"):
        ses.create_contact_list(ContactListName="other")


def test_mgn_modeled_members_and_idempotency_token(clock: ManualClock) -> None:
    mgn = client("mgn")
    fake = attach(mgn, FakeMgn(clock=clock))
    task = mgn.start_import(s3BucketSource={"s3Bucket": "b", "s3Key": "k.csv"})["importTask"]
    assert task["creationDateTime"] == "2026-01-01T00:00:00.000Z"  # a string, as boto3 gives
    token = fake.control.calls[-1].params["clientToken"]
    assert len(token) == 36  # botocore filled it in
    with pytest.raises(mgn.exceptions.ValidationException) as err:
        mgn.start_import(s3BucketSource={"s3Bucket": "b", "s3Key": "k.txt"})
    assert err.value.response["reason"] == "fieldValidationFailed"
    assert err.value.response["fieldList"][0]["name"] == "s3BucketSource.s3Key"
    fake.control.set_import_quota(1)
    with pytest.raises(mgn.exceptions.ServiceQuotaExceededException) as quota:
        mgn.start_import(s3BucketSource={"s3Bucket": "b", "s3Key": "other.csv"})
    assert quota.value.response["ResponseMetadata"]["HTTPStatusCode"] == 402
    assert quota.value.response["quotaValue"] == 1


def test_lex_waiter_sleeps_on_the_fake_clock(clock: ManualClock) -> None:
    lex = client("lexv2-models")
    fake = attach(lex, FakeLexModelsV2(clock=clock))
    import_id = lex.create_upload_url()["importId"]
    lex.start_import(importId=import_id, resourceSpecification=BOT, mergeStrategy="Overwrite")
    lex.get_waiter("bot_import_completed").wait(importId=import_id)
    assert clock.now() == T0 + timedelta(minutes=1)
    assert lex.describe_import(importId=import_id)["importStatus"] == "Completed"
    fake.control.script_next_import(status="Failed")
    failing = lex.create_upload_url()["importId"]
    lex.start_import(importId=failing, resourceSpecification=BOT, mergeStrategy="Overwrite")
    with pytest.raises(WaiterError, match="terminal failure"):
        lex.get_waiter("bot_import_completed").wait(importId=failing)


def test_throttling_is_retried_on_the_fake_clock(clock: ManualClock) -> None:
    ct = client("cloudtrail", config=Config(retries={"mode": "standard", "total_max_attempts": 3}))
    fake = attach(ct, FakeCloudTrail(clock=clock))
    fake.control.fail_next("list_imports", "ThrottlingException", times=2)
    response = ct.list_imports()
    assert response["ResponseMetadata"]["RetryAttempts"] == 2
    assert clock.now() > T0  # backed off on the fake clock
    fake.control.fail_next("list_imports", "ThrottlingException", times=3)
    with pytest.raises(ct.exceptions.ThrottlingException) as err:
        ct.list_imports()
    assert err.value.response["ResponseMetadata"]["MaxAttemptsReached"] is True
    assert "reached max retries: 2" in str(err.value)
    fake.control.fail_next("get_import", "ImportNotFoundException")
    with pytest.raises(ct.exceptions.ImportNotFoundException) as err2:
        ct.get_import(ImportId="a" * 36)  # not retryable: one attempt
    assert err2.value.response["ResponseMetadata"]["RetryAttempts"] == 0


def test_unimplemented_operations_are_named() -> None:
    ct = client("cloudtrail")
    attach(ct)
    with pytest.raises(NotImplementedError, match=r"DescribeTrails.*serves: .*start_import"):
        ct.describe_trails()


def test_attach_checks_services_and_detach_restores() -> None:
    ct = client("cloudtrail")
    with pytest.raises(TypeError, match="needs a FakeCloudTrail"):
        attach(ct, FakeMgn())
    with pytest.raises(TypeError, match=r"no fake for .s3."):
        attach(client("s3"))
    fake = attach(ct)
    assert isinstance(fake, FakeCloudTrail) and fake.region_name == "us-east-1"
    assert attach(client("cloudtrail", region_name="eu-west-1")).region_name == "eu-west-1"
    assert ct.list_imports()["Imports"] == []
    detach(ct)
    with pytest.raises(Exception) as err:  # back to the real client: no credentials here
        ct.list_imports()
    assert not isinstance(err.value, ClientError)
    assert "get_waiter" not in vars(ct)


# --- mock_imports ---------------------------------------------------------------------------


def test_mock_imports_serves_every_way_of_making_a_client(clock: ManualClock) -> None:
    with mock_imports(clock=clock) as fakes:
        ct = boto3.client("cloudtrail", region_name="eu-west-1")
        ct.create_event_data_store(Name="lake")
        assert fakes.cloudtrail("eu-west-1").get_event_data_store(EventDataStore=_one_store(fakes))
        other = boto3.Session().client("cloudtrail", region_name="eu-west-1")
        assert other.list_imports()["Imports"] == []
        core = botocore.session.get_session().create_client("sesv2", region_name="us-west-2")
        core.create_contact_list(ContactListName="news")
        assert fakes.sesv2("us-west-2").get_contact_list(ContactListName="news")
        assert fakes.sesv2("us-west-2").clock is clock
        mgn = boto3.client("mgn", region_name="eu-west-1")
        assert mgn.list_imports()["items"] == []
        lex = boto3.client("lexv2-models", region_name="eu-west-1")
        assert lex.list_imports()["importSummaries"] == []
        s3 = boto3.client("s3", region_name="eu-west-1", **KEYS)
        assert s3 not in _bindings()  # other services are untouched
    after = boto3.client("cloudtrail", region_name="eu-west-1", **KEYS)
    assert after not in _bindings()
    with pytest.raises(Exception, match="connect") as err:  # a real call: the network is refused
        after.list_imports()
    assert not isinstance(err.value, ClientError)


KEYS = {"aws_access_key_id": "k", "aws_secret_access_key": "s"}


def _bindings() -> Any:
    from fakeimports.integrations.boto import _BINDINGS

    return _BINDINGS


def _one_store(fakes: Any) -> str:
    arn: str = next(iter(fakes.cloudtrail("eu-west-1")._stores))
    return arn


def test_mock_imports_restores_after_an_exception_and_nests() -> None:
    with pytest.raises(RuntimeError), mock_imports():
        raise RuntimeError("boom")
    with mock_imports() as outer:
        boto3.client("sesv2", region_name="us-east-1").create_contact_list(ContactListName="a")
        with mock_imports() as inner:
            ses = boto3.client("sesv2", region_name="us-east-1")
            assert ses.create_contact_list(ContactListName="b")
            assert list(inner.sesv2()._lists) == ["b"]
        ses = boto3.client("sesv2", region_name="us-east-1")
        with pytest.raises(ses.exceptions.BadRequestException):  # outer already has a list
            ses.create_contact_list(ContactListName="c")
        assert list(outer.sesv2()._lists) == ["a"]
    from botocore.session import Session

    assert Session.create_client.__module__ == "botocore.session"


def test_threads_do_not_see_each_others_fakes() -> None:
    seen: dict[str, list[str]] = {}
    barrier = threading.Barrier(2)

    def work(name: str) -> None:
        with mock_imports():
            ses = boto3.session.Session().client("sesv2", region_name="us-east-1")
            ses.create_contact_list(ContactListName=name)
            barrier.wait()
            seen[name] = [ses.get_contact_list(ContactListName=name)["ContactListName"]]

    threads = [threading.Thread(target=work, args=(n,)) for n in ("one", "two")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == {"one": ["one"], "two": ["two"]}


def test_decorator_on_functions_and_coroutines() -> None:
    @mock_imports()
    def sync() -> list[Any]:
        return boto3.client("mgn", region_name="us-east-1").list_imports()["items"]

    @mock_imports()
    async def coro() -> list[Any]:
        return boto3.client("mgn", region_name="us-east-1").list_imports()["items"]

    assert sync() == []
    assert asyncio.run(coro()) == []


@mock_imports()
class DecoratedTestCase(unittest.TestCase):
    def test_client_is_served(self) -> None:
        lex = boto3.client("lexv2-models", region_name="us-east-1")
        self.assertEqual(lex.list_imports()["importSummaries"], [])


def test_decorated_test_case_runs() -> None:
    result = unittest.TestResult()
    unittest.defaultTestLoader.loadTestsFromTestCase(DecoratedTestCase).run(result)
    assert result.wasSuccessful(), result.errors + result.failures


def test_user_event_handlers_still_run(clock: ManualClock) -> None:
    ct = client("cloudtrail")
    fake = attach(ct, FakeCloudTrail(clock=clock))
    seen: list[str] = []

    def add_page_size(params: dict[str, Any], **_: Any) -> None:
        params.setdefault("MaxResults", 7)

    ct.meta.events.register("before-parameter-build.cloudtrail.ListImports", add_page_size)
    ct.meta.events.register("after-call.cloudtrail.ListImports", lambda **kw: seen.append("after"))
    ct.list_imports()
    assert fake.control.calls[-1].params == {"MaxResults": 7}
    assert seen == ["after"]


def test_registry_clock_defaults_to_the_system_clock() -> None:
    from fakeimports import ManualClock, SystemClock

    with mock_imports() as fakes:
        assert isinstance(fakes.cloudtrail().clock, SystemClock)
    manual = ManualClock(T0)
    with mock_imports(clock=manual) as fakes:
        assert fakes.mgn().clock is manual and fakes.lexv2_models().clock is manual
