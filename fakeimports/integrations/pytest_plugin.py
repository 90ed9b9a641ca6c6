"""pytest fixtures for fakeimports, registered through the ``pytest11`` entry point.

Fixtures: ``fake_clock`` (a ``ManualClock``); ``fake_cloudtrail``, ``fake_sesv2``, ``fake_mgn``,
``fake_lexv2_models``; and ``mocked_imports`` (a ``mock_imports()`` around the test). They are
one world: the fakes are the very ones ``mocked_imports`` serves, for the marker's Region and
account, on ``fake_clock``. Configure them with a marker::

    @pytest.mark.fakeimports(region_name="eu-west-1", account_id="111122223333", seed=7,
                             start=datetime(2026, 1, 1, tzinfo=timezone.utc))

Nothing is shared between tests or between pytest-xdist workers.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

import pytest

from ..services import SERVICES, Service

if TYPE_CHECKING:  # imported inside the fixtures, so a pytest run that uses none pays nothing
    from ..core.clock import ManualClock
    from ..core.service import FakeService
    from .boto import FakeRegistry

_OPTIONS = ("region_name", "account_id", "seed", "start", "require_sources")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "fakeimports(region_name=..., account_id=..., seed=..., start=..., require_sources=...): "
        "configure the fakeimports fixtures of this test",
    )


def _marker_options(request: pytest.FixtureRequest) -> dict[str, Any]:
    marker = request.node.get_closest_marker("fakeimports")
    options = dict(marker.kwargs) if marker is not None else {}
    unknown = set(options) - set(_OPTIONS)
    if unknown or (marker is not None and marker.args):
        raise pytest.UsageError(
            f"@pytest.mark.fakeimports takes keywords {', '.join(_OPTIONS)}; got {sorted(unknown)}"
        )
    return options


@pytest.fixture
def fake_clock(request: pytest.FixtureRequest) -> ManualClock:
    """A ``ManualClock`` at the marker's ``start``, or at the current second."""
    from ..core.clock import ManualClock

    start = _marker_options(request).get("start")
    if isinstance(start, str):
        try:
            start = datetime.fromisoformat(start.replace("Z", "+00:00"))
        except ValueError:
            raise pytest.UsageError(
                f"@pytest.mark.fakeimports(start=...) is not an ISO-8601 time: {start!r}"
            ) from None
    if start is not None and not isinstance(start, datetime):
        raise pytest.UsageError(
            "@pytest.mark.fakeimports(start=...) takes a datetime or an ISO-8601 string, "
            f"not {start!r}"
        )
    return ManualClock(start or datetime.now(timezone.utc).replace(microsecond=0))


@pytest.fixture
def _fakeimports_registry(request: pytest.FixtureRequest, fake_clock: ManualClock) -> FakeRegistry:
    """The test's one registry: the fake fixtures and ``mocked_imports`` share it."""
    from .boto import FakeRegistry

    options = _marker_options(request)
    options.pop("start", None)
    return FakeRegistry(clock=fake_clock, **options)


def _fake_fixture(service: Service) -> Any:
    def fixture(_fakeimports_registry: FakeRegistry) -> FakeService:
        return _fakeimports_registry.fake(service.boto_name)

    fixture.__name__ = f"fake_{service.name}"
    fixture.__doc__ = (
        f"The {service.class_name} of the test's world (the one ``mocked_imports`` serves)."
    )
    return pytest.fixture(fixture, name=fixture.__name__)


for _service in SERVICES:  # fake_cloudtrail, fake_sesv2, fake_mgn, fake_lexv2_models
    globals()[f"fake_{_service.name}"] = _fake_fixture(_service)


@pytest.fixture
def mocked_imports(_fakeimports_registry: FakeRegistry) -> Iterator[FakeRegistry]:
    """Every cloudtrail/sesv2/mgn/lexv2-models client of the process is served during the test."""
    from .boto import mock_imports

    mocker = mock_imports()
    yield mocker._start_with(_fakeimports_registry)
    mocker.stop()
