"""The services fakeimports fakes, declared once.

Each entry feeds the public names (``fakeimports.FakeCloudTrail``), the boto integration (which
clients are served), ``FakeRegistry``'s accessors (``fakes.cloudtrail()``) and the pytest
fixtures (``fake_cloudtrail``). Nothing here imports a service until it is used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core.service import FakeService

__all__ = ["BY_BOTO_NAME", "BY_NAME", "SERVICES", "Service"]


class Service:
    """One faked service: boto3's name for it, its package here, its fake's class name.

    A plain class (not a ``NamedTuple``, whose creation costs a millisecond of start-up).
    """

    __slots__ = ("boto_name", "class_name", "name")

    def __init__(self, boto_name: str, name: str, class_name: str) -> None:
        self.boto_name = boto_name  # boto3.client(<this>)
        self.name = name  # package, FakeRegistry accessor, fixture ``fake_<name>``
        self.class_name = class_name

    def __repr__(self) -> str:
        return f"Service({self.boto_name!r}, {self.name!r}, {self.class_name!r})"

    @property
    def module(self) -> str:
        return f"{__name__}.{self.name}"

    def load(self) -> type[FakeService]:
        """The fake's class (imports its package on first use)."""
        cls: type[FakeService] = getattr(importlib.import_module(self.module), self.class_name)
        return cls


SERVICES = (
    Service("cloudtrail", "cloudtrail", "FakeCloudTrail"),
    Service("sesv2", "sesv2", "FakeSESv2"),
    Service("mgn", "mgn", "FakeMgn"),
    Service("lexv2-models", "lexv2_models", "FakeLexModelsV2"),
)
BY_BOTO_NAME = {service.boto_name: service for service in SERVICES}
BY_NAME = {service.name: service for service in SERVICES}
