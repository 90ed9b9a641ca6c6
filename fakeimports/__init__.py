"""fakeimports: in-memory, stateful, exact fakes of the AWS import APIs for boto3 tests.

Public API: the names in ``__all__``. Everything else is private and may change.

Each name is imported on first use (PEP 562), so ``import fakeimports`` — and the pytest
plugin that every pytest run loads — costs almost nothing until a fake is used. The fakes'
names come from ``services.SERVICES``; the imports below only inform type checkers.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .core.clock import ManualClock, SystemClock
    from .core.objects import ObjectStore
    from .integrations.boto import FakeRegistry, attach, current_fakes, detach, mock_imports
    from .services.cloudtrail import FakeCloudTrail
    from .services.lexv2_models import FakeLexModelsV2
    from .services.mgn import FakeMgn
    from .services.sesv2 import FakeSESv2

from .services import SERVICES

_WHERE = {
    **{service.class_name: service.module for service in SERVICES},
    "FakeRegistry": f"{__name__}.integrations.boto",
    "ManualClock": f"{__name__}.core.clock",
    "ObjectStore": f"{__name__}.core.objects",
    "SystemClock": f"{__name__}.core.clock",
    "attach": f"{__name__}.integrations.boto",
    "current_fakes": f"{__name__}.integrations.boto",
    "detach": f"{__name__}.integrations.boto",
    "mock_imports": f"{__name__}.integrations.boto",
}
__all__ = [
    "FakeCloudTrail",
    "FakeLexModelsV2",
    "FakeMgn",
    "FakeRegistry",
    "FakeSESv2",
    "ManualClock",
    "ObjectStore",
    "SystemClock",
    "attach",
    "current_fakes",
    "detach",
    "mock_imports",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'fakeimports' has no attribute {name!r}")
    value = getattr(importlib.import_module(_WHERE[name]), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
