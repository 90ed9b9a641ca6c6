"""One ``__repr__`` for the package's attrs classes, written once instead of compiled per class.

attrs compiles a ``__repr__`` for each class it makes; with some forty classes that is a
sixth of the time importing a fake takes. ``@described`` over ``@attrs.define(repr=False)``
gives the same text (``Name(field=value, ...)``) from one function.
"""

from __future__ import annotations

import reprlib
from typing import Any, TypeVar

import attrs

__all__ = ["described"]

C = TypeVar("C", bound=type)


def described(cls: C) -> C:
    """``cls`` (an attrs class made with ``repr=False``) with the shared ``__repr__``."""
    cls.__repr__ = _repr  # type: ignore[method-assign,assignment]
    return cls


@reprlib.recursive_repr()
def _repr(self: Any) -> str:
    shown = ", ".join(
        f"{field.name}={getattr(self, field.name)!r}"
        for field in attrs.fields(type(self))
        if field.repr
    )
    return f"{type(self).__qualname__}({shown})"
