"""Every client in the process is served while a block is open, never the network, moto side by
side, a handle everywhere, seeded retries, common errors and shared exception classes."""

from __future__ import annotations

import threading
import unittest
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from fakeimports import FakeRegistry, ManualClock, current_fakes, mock_imports
from fakeimports.integrations.boto import UnservedOperationError

from ..helpers import KEYS, SOURCE, T0

MODULE_LEVEL = boto3.client("mgn", region_name="eu-west-1", **KEYS)  # the Lambda-handler style


@pytest.fixture(autouse=True)
def real_looking_credentials(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Credentials in the environment, as on a developer's machine; sockets are refused."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAREALLOOKING00000")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "real/looking/secret")
    monkeypatch.setattr(boto3, "DEFAULT_SESSION", None)
    yield


def _count_mgn_imports() -> int:
    mgn = boto3.client("mgn", region_name="eu-west-1")
    mgn.start_import(s3BucketSource={"s3Bucket": "b", "s3Key": "k.csv"})
    return len(mgn.list_imports()["items"])


def test_clients_made_in_worker_threads_are_served() -> None:
    with mock_imports() as fakes:
        with ThreadPoolExecutor(2) as pool:  # each call is atomic, a worker's two are not:
            first, last = sorted(pool.map(lambda _: _count_mgn_imports(), range(2)))
        assert first in (1, 2) and last == 2  # the later list sees both starts
        results: list[int] = []
        thread = threading.Thread(target=lambda: results.append(_count_mgn_imports()))
        thread.start()
        thread.join()
        assert results == [3]
        assert len(fakes.mgn("eu-west-1").list_imports()["items"]) == 3


def test_a_client_made_before_the_block_is_served_inside_it_and_released_after() -> None:
    with mock_imports() as fakes:
        MODULE_LEVEL.start_import(s3BucketSource={"s3Bucket": "b", "s3Key": "k.csv"})
        assert len(fakes.mgn("eu-west-1").list_imports()["items"]) == 1
    with mock_imports() as later:  # a new block: the same client, the new block's fake
        assert MODULE_LEVEL.list_imports()["items"] == []
        assert later.mgn("eu-west-1").control.call_count == 1
    from fakeimports.integrations.boto import _BINDINGS

    assert MODULE_LEVEL not in _BINDINGS  # no block: the client is as it was
    assert "get_waiter" not in MODULE_LEVEL.__dict__


def test_an_unserved_operation_fails_at_once_without_the_network() -> None:
    with mock_imports():
        trail = boto3.client("cloudtrail", region_name="us-east-1")
        with pytest.raises(UnservedOperationError, match=r"DescribeTrails.*nothing was sent"):
            trail.describe_trails()
        with pytest.raises(NotImplementedError):  # an UnservedOperationError is one
            trail.list_trails()


@pytest.mark.parametrize("order", ["moto outside", "moto inside"])
def test_moto_answers_what_the_fakes_do_not(order: str) -> None:
    moto = pytest.importorskip("moto")
    if order == "moto outside":
        with moto.mock_aws(), mock_imports() as fakes:
            _both(fakes)
    else:
        with mock_imports() as fakes, moto.mock_aws():
            _both(fakes)


def _both(fakes: FakeRegistry) -> None:
    boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="bucket")  # moto
    trail = boto3.client("cloudtrail", region_name="us-east-1")
    trail.create_trail(Name="trail", S3BucketName="bucket")  # moto
    assert [t["Name"] for t in trail.describe_trails()["trailList"]] == ["trail"]  # moto
    arn = trail.create_event_data_store(Name="lake")["EventDataStoreArn"]  # the fake
    imported = trail.start_import(Destinations=[arn], ImportSource=SOURCE)  # the fake
    assert fakes.cloudtrail().get_import(ImportId=imported["ImportId"])["ImportId"]
    ses = boto3.client("sesv2", region_name="us-east-1")
    ses.create_email_identity(EmailIdentity="a@example.com")  # moto
    assert ses.list_email_identities()["EmailIdentities"][0]["IdentityName"] == "a@example.com"


def test_the_decorator_hands_over_the_registry() -> None:
    @mock_imports(seed=4)
    def run(fakes: FakeRegistry) -> tuple[FakeRegistry, FakeRegistry]:
        return fakes, current_fakes()

    given, current = run()  # type: ignore[call-arg]
    assert given is current and given.seed == 4
    with pytest.raises(LookupError):
        current_fakes()


def test_a_decorated_generator_is_served_for_its_whole_life() -> None:
    @mock_imports()
    def fixture() -> Iterator[Any]:
        yield boto3.client("mgn", region_name="us-east-1")

    gen = fixture()
    mgn = next(gen)
    assert mgn.list_imports()["items"] == []  # served after the first yield
    with pytest.raises(StopIteration):
        next(gen)


@mock_imports()
class Served(unittest.TestCase):
    client: Any
    seen: int

    @classmethod
    def setUpClass(cls) -> None:
        cls.client = boto3.client("mgn", region_name="us-east-1")  # made in setUpClass
        cls.client.start_import(s3BucketSource={"s3Bucket": "b", "s3Key": "k.csv"})
        cls.seen = len(current_fakes().mgn().list_imports()["items"])

    def test_served(self) -> None:
        assert self.seen == 1
        assert self.client.list_imports()["items"] == []  # each test: fresh fakes


class SkipsSuper(Served):
    @classmethod
    def setUpClass(cls) -> None:  # no super(): still served
        cls.client = boto3.client("mgn", region_name="us-east-1")
        cls.client.start_import(s3BucketSource={"s3Bucket": "b", "s3Key": "k.csv"})
        cls.seen = 1

    def setUp(self) -> None:  # no super() either
        self.here = current_fakes()


def test_decorated_test_cases_and_their_subclasses_are_served() -> None:
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(SkipsSuper)
    suite.addTests(unittest.defaultTestLoader.loadTestsFromTestCase(Served))
    result = unittest.TestResult()
    suite.run(result)
    assert result.testsRun == 2 and result.wasSuccessful(), result.errors + result.failures
    with pytest.raises(LookupError):
        current_fakes()


def _throttled_run(seed: int, mode: str) -> list[Any]:
    clock = ManualClock(T0)
    with mock_imports(clock=clock, seed=seed) as fakes:
        fake = fakes.cloudtrail()
        fake.control.fail_next("list_imports", "ThrottlingException", times=3)
        config = Config(retries={"mode": mode, "total_max_attempts": 5})
        trail = boto3.client("cloudtrail", region_name="us-east-1", config=config)
        answer = trail.list_imports()
        return [answer["ResponseMetadata"]["RetryAttempts"], clock.now()]


@pytest.mark.parametrize("mode", ["standard", "adaptive", "legacy"])
def test_a_seeded_run_with_throttling_repeats_exactly(mode: str) -> None:
    first, again, other = _throttled_run(1, mode), _throttled_run(1, mode), _throttled_run(2, mode)
    assert first == again and first[0] == 3
    assert first[1] > T0  # the retries slept on the fake's clock
    assert other[1] != first[1]  # another seed, other jitter


def test_legacy_mode_gives_up_as_botocore_does() -> None:
    with mock_imports() as fakes:
        fakes.cloudtrail().control.fail_next("list_imports", "ThrottlingException", times=9)
        config = Config(retries={"mode": "legacy", "max_attempts": 2})  # legacy: retries
        trail = boto3.client("cloudtrail", region_name="us-east-1", config=config)
        with pytest.raises(ClientError) as caught:
            trail.list_imports()
        meta = caught.value.response["ResponseMetadata"]
        assert meta["RetryAttempts"] == 2 and meta["MaxAttemptsReached"] is True


@pytest.mark.parametrize(
    ("code", "status", "retried"),
    [
        ("AccessDeniedException", 403, False),
        ("ServiceUnavailable", 503, True),
        ("InternalFailure", 500, True),
        ("ExpiredTokenException", 403, False),
        ("UnrecognizedClientException", 403, False),
        ("RequestExpired", 400, False),
    ],
)
def test_common_errors_can_be_injected(code: str, status: int, retried: bool) -> None:
    with mock_imports() as fakes:
        ses = fakes.sesv2()
        ses.control.fail_next("list_import_jobs", code)
        with pytest.raises(ses.exceptions.ClientError) as direct:
            ses.list_import_jobs()
        assert type(direct.value) is ses.exceptions.ClientError  # unmodeled: the plain class
        assert direct.value.response["ResponseMetadata"]["HTTPStatusCode"] == status
        ses.control.fail_next("list_import_jobs", code)
        client = boto3.client("sesv2", region_name="us-east-1")
        if retried:  # botocore's retry handler retries it, and the next attempt succeeds
            assert client.list_import_jobs()["ResponseMetadata"]["RetryAttempts"] == 1
        else:
            with pytest.raises(ClientError) as served:
                client.list_import_jobs()
            assert served.value.response["Error"]["Code"] == code
    with pytest.raises(ValueError, match="nor a common AWS error"):
        FakeRegistry().sesv2().control.fail_next("list_import_jobs", "NoSuchError")


def test_one_exception_class_catches_both_ways() -> None:
    with mock_imports() as fakes:
        trail = boto3.client("cloudtrail", region_name="us-east-1")
        before = trail.exceptions.ImportNotFoundException  # taken before the first call
        fake = fakes.cloudtrail()
        for catch in (fake.exceptions.ImportNotFoundException, before):
            with pytest.raises(catch) as caught:
                trail.get_import(ImportId="0" * 36)
            assert isinstance(caught.value, trail.exceptions.ImportNotFoundException)
            assert caught.value.response["Error"]["Code"] == "ImportNotFoundException"


def test_service_options_reach_the_fakes() -> None:
    from datetime import timedelta

    with mock_imports(
        mgn={"initialized": False}, lexv2_models={"retention": timedelta(days=1)}
    ) as fakes:
        assert fakes.mgn().initialized is False
        assert fakes.lexv2_models().retention == timedelta(days=1)
    with pytest.raises(TypeError, match="unknown service options"):
        mock_imports(s3={"x": 1})


def test_coroutines_and_async_generators_get_the_registry_too() -> None:
    import asyncio

    @mock_imports(seed=9)
    async def job(fakes: FakeRegistry) -> str | int | None:
        await asyncio.sleep(0)
        return fakes.seed

    @mock_imports()
    async def stream() -> Any:
        yield boto3.client("mgn", region_name="us-east-1").list_imports()["items"]
        yield current_fakes()

    async def main() -> tuple[Any, list[Any]]:
        return await job(), [item async for item in stream()]  # type: ignore[call-arg]

    seed, items = asyncio.run(main())
    assert seed == 9 and items[0] == [] and isinstance(items[1], FakeRegistry)
    with pytest.raises(LookupError):
        current_fakes()
