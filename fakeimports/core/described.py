"""One ``__repr__`` for the package's attrs classes, written once instead of compiled per class.

attrs compiles a ``__repr__`` for each class it makes; with some forty classes that is a
sixth of the time importing a fake takes. ``@described`` over ``@attrs.define(repr=False)``
gives the same text (``Name(field=value, ...)``) from one function.

For the same reason the package's attrs classes say ``eq=False``: none is compared by value
(declarations are singletons, entities have identity), and an ``__eq__``/``__hash__`` pair
costs each class another 60 microseconds of import. Small records made on hot paths (a page,
botocore's stand-ins) are plain slotted classes: creating an attrs class costs 150 to 500
microseconds, a plain one 6.
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
