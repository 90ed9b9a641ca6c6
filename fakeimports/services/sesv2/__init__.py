"""SES v2 import jobs."""

from .client import FakeSESv2

__all__ = ["FakeSESv2"]
