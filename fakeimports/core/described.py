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
    """``cls`` (an attrs class made with ``repr=False``, or a plain class with ``__slots__``)
    with the shared ``__repr__``."""
    cls.__repr__ = _repr  # type: ignore[method-assign,assignment]
    return cls


@reprlib.recursive_repr()
def _repr(self: Any) -> str:
    cls = type(self)
    if attrs.has(cls):
        names = [field.name for field in attrs.fields(cls) if field.repr]
    else:  # a plain class: its ``__init__``'s parameters, in their order
        code = cls.__init__.__code__
        names = list(code.co_varnames[1 : code.co_argcount])
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
    return f"{cls.__qualname__}({shown})"
