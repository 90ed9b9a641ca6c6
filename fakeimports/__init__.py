"""fakeimports: in-memory, stateful, exact fakes of the AWS import APIs for boto3 tests.

Public API: the fake classes and the clocks. Everything else is private and may change.
"""

from .core.clock import ManualClock, SystemClock
from .integrations.boto import FakeRegistry, attach, detach, mock_imports
from .services.cloudtrail import FakeCloudTrail
from .services.lexv2_models import FakeLexModelsV2
from .services.mgn import FakeMgn
from .services.sesv2 import FakeSESv2

__all__ = [
    "FakeCloudTrail",
    "FakeLexModelsV2",
    "FakeMgn",
    "FakeRegistry",
    "FakeSESv2",
    "ManualClock",
    "SystemClock",
    "attach",
    "detach",
    "mock_imports",
]
__version__ = "0.1.0"
