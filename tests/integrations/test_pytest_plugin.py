"""The pytest plugin, run in a separate pytest session with pytester."""

from __future__ import annotations

import pytest

pytest.importorskip("xdist")


TESTS = """
from datetime import datetime, timedelta, timezone

import boto3
import pytest

from fakeimports import FakeCloudTrail, ManualClock


def test_fixtures_share_the_clock(fake_clock, fake_cloudtrail, fake_sesv2, fake_mgn, fake_lexv2_models):
    assert isinstance(fake_clock, ManualClock)
    for fake in (fake_cloudtrail, fake_sesv2, fake_mgn, fake_lexv2_models):
        assert fake.clock is fake_clock
        assert fake.region_name == "us-east-1"
    assert isinstance(fake_cloudtrail, FakeCloudTrail)


@pytest.mark.fakeimports(region_name="eu-west-1", account_id="111122223333", seed=3,
                         start=datetime(2026, 2, 1, tzinfo=timezone.utc))
def test_marker_configures_the_fakes(fake_clock, fake_mgn):
    assert fake_clock.now() == datetime(2026, 2, 1, tzinfo=timezone.utc)
    task = fake_mgn.start_import(s3BucketSource={"s3Bucket": "b", "s3Key": "k.csv"})["importTask"]
    assert task["arn"].startswith("arn:aws:mgn:eu-west-1:111122223333:import/")
    assert task["creationDateTime"] == "2026-02-01T00:00:00.000Z"


@pytest.mark.fakeimports(seed=3)
def test_seed_repeats(fake_sesv2):
    fake_sesv2.create_import_job(
        ImportDestination={"SuppressionListDestination": {"SuppressionListImportAction": "PUT"}},
        ImportDataSource={"S3Url": "s3://b/k.csv", "DataFormat": "CSV"},
    )
    first = fake_sesv2.list_import_jobs()["ImportJobs"][0]["JobId"]
    from fakeimports import FakeRegistry

    again = FakeRegistry(seed=3).sesv2().create_import_job(
        ImportDestination={"SuppressionListDestination": {"SuppressionListImportAction": "PUT"}},
        ImportDataSource={"S3Url": "s3://b/k.csv", "DataFormat": "CSV"},
    )["JobId"]
    assert first == again


@pytest.mark.fakeimports(region_name="eu-west-1", account_id="111122223333")
def test_one_world(mocked_imports, fake_mgn, fake_cloudtrail):
    assert fake_mgn is mocked_imports.mgn() is mocked_imports.mgn("eu-west-1")
    assert fake_cloudtrail is mocked_imports.cloudtrail()
    mgn = boto3.client("mgn", region_name="eu-west-1")
    mgn.start_import(s3BucketSource={"s3Bucket": "b", "s3Key": "k.csv"})
    assert len(fake_mgn.list_imports()["items"]) == 1
    assert fake_mgn.account_id == "111122223333"


def test_mocked_imports_serves_new_clients(mocked_imports, fake_clock):
    lex = boto3.client("lexv2-models", region_name="us-west-2", aws_access_key_id="x",
                       aws_secret_access_key="y")
    assert lex.create_upload_url()["importId"]
    assert mocked_imports.lexv2_models("us-west-2").clock is fake_clock
    assert mocked_imports.lexv2_models("us-west-2").control.call_count == 1


@pytest.mark.parametrize("n", range(8))
def test_isolated_between_tests(fake_cloudtrail, n):
    assert fake_cloudtrail.list_imports()["Imports"] == []
    fake_cloudtrail.create_event_data_store(Name=f"lake-{n}")


@pytest.mark.fakeimports(colour="blue")
def test_bad_marker(fake_clock):
    pass
"""


def test_plugin_fixtures_and_marker(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(TESTS)
    result = pytester.runpytest("-p", "no:cacheprovider", "-p", "no:asyncio")
    result.assert_outcomes(passed=13, errors=1)
    result.stdout.fnmatch_lines(["*takes keywords region_name, account_id, seed, start*"])


@pytest.mark.slow
def test_plugin_under_xdist(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(TESTS)
    result = pytester.runpytest("-n", "2", "-p", "no:cacheprovider", "-p", "no:asyncio")
    result.assert_outcomes(passed=13, errors=1)


def test_marker_is_registered(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--markers", "-p", "no:asyncio")
    result.stdout.fnmatch_lines(["*fakeimports(region_name=*"])


def test_marker_start_takes_an_iso_string_or_says_it_cannot(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest
        from datetime import datetime, timezone

        @pytest.mark.fakeimports(start="2026-03-01T12:00:00Z")
        def test_iso(fake_clock):
            assert fake_clock.now() == datetime(2026, 3, 1, 12, tzinfo=timezone.utc)

        @pytest.mark.fakeimports(start="yesterday")
        def test_not_iso(fake_clock):
            pass

        @pytest.mark.fakeimports(start=5)
        def test_not_a_time(fake_clock):
            pass
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider", "-p", "no:asyncio")
    result.assert_outcomes(passed=1, errors=2)
    result.stdout.fnmatch_lines(["*is not an ISO-8601 time: 'yesterday'*", "*not 5*"])
