"""CloudTrail Lake imports."""

from .client import FakeCloudTrail

__all__ = ["FakeCloudTrail"]
