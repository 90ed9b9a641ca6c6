"""Application Migration Service imports."""

from .client import FakeMgn

__all__ = ["FakeMgn"]
