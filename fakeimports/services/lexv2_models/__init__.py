"""Lex V2 model-building imports."""

from .client import FakeLexModelsV2

__all__ = ["FakeLexModelsV2"]
