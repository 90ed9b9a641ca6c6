"""Fixtures for the suite: the package's own pytest plugin, with a few local names.

``pytest`` alone is the quick local run: Hypothesis's ``fast`` profile, and tests marked
``slow`` skipped. ``pytest --thorough`` (the README's whole-suite command, which ``.ci/run``
runs) uses the ``thorough`` profile and runs the slow tests too.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from fakeimports import FakeCloudTrail, ManualClock

from .helpers import T0

settings.register_profile(
    "fast", max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

pytest_plugins = ["pytester"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--thorough",
        action="store_true",
        help="the whole suite: Hypothesis's thorough profile, and the slow tests",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: runs only with --thorough")
    settings.load_profile("thorough" if config.getoption("--thorough") else "fast")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests without a ``fakeimports`` marker of their own start at ``T0`` with seed 1."""
    thorough = config.getoption("--thorough")
    for item in items:
        if item.get_closest_marker("fakeimports") is None:
            item.add_marker(pytest.mark.fakeimports(start=T0, seed=1))
        if not thorough and item.get_closest_marker("slow") is not None:
            item.add_marker(pytest.mark.skip(reason="slow: runs with --thorough"))


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs with outbound connections refused: nothing may reach the network."""
    import socket

    def refuse(self: socket.socket, address: Any) -> None:
        raise AssertionError(f"a test tried to connect to {address!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)


@pytest.fixture
def clock(fake_clock: ManualClock) -> ManualClock:
    return fake_clock


@pytest.fixture
def ct(fake_cloudtrail: FakeCloudTrail) -> FakeCloudTrail:
    return fake_cloudtrail


@pytest.fixture
def store(ct: FakeCloudTrail) -> str:
    arn: str = ct.create_event_data_store(Name="lake")["EventDataStoreArn"]
    return arn
