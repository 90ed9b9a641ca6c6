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


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs with outbound connections refused: nothing may reach the network."""
    import socket

    def refuse(self: socket.socket, address: Any) -> None:
        raise AssertionError(f"a test tried to connect to {address!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)


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
