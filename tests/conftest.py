"""Shared fixtures for the suite."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest

from fakeimports import FakeCloudTrail, ManualClock

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
SOURCE: dict[str, Any] = {
    "S3": {
        "S3LocationUri": "s3://trail-bucket/AWSLogs/",
        "S3BucketRegion": "us-east-1",
        "S3BucketAccessRoleArn": "arn:aws:iam::123456789012:role/import",
    }
}


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


@pytest.fixture
def ct(clock: ManualClock) -> FakeCloudTrail:
    return FakeCloudTrail(clock=clock, seed=1)


@pytest.fixture
def store(ct: FakeCloudTrail) -> str:
    arn: str = ct.create_event_data_store(Name="lake")["EventDataStoreArn"]
    return arn


pytest_plugins = ["pytester"]
